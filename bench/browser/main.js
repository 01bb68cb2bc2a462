// Bench page, main thread: starts the worker, draws every unit of each received snapshot
// (as the playground's heatmaps do) on each animation frame, and measures frame intervals
// and long tasks for `seconds` once training runs. The result lands in window.__benchResult.
const q = new URLSearchParams(location.search);
const workload = q.get('workload') ?? 'A';
const seconds = Number(q.get('seconds') ?? 5);
const tickMs = Number(q.get('tick') ?? 8);
const simd = q.get('simd') === 'false' ? false : q.get('simd') === 'true' ? true : 'auto';
const status = document.getElementById('status');

const longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // No Long Tasks API: reported as null below.
}

// Blue (positive) / orange (negative) through white, as in the TensorFlow Playground.
const palette = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  const t = i / 255;
  const [r, g, b] = t < 0.5 ? [245, 147, 34].map((c) => c + (255 - c) * (t * 2)) : [8, 119, 189].map((c) => 255 + (c - 255) * (t * 2 - 1));
  palette[i] = (255 << 24) | (Math.round(b) << 16) | (Math.round(g) << 8) | Math.round(r);
}
const W = 100, H = 100;
const image = new ImageData(W, H);
const pixels = new Uint32Array(image.data.buffer);
const out = document.getElementById('output').getContext('2d');
const unitsCanvas = document.getElementById('units');
const units = unitsCanvas.getContext('2d');
const scratch = new OffscreenCanvas(W, H);
const scratchCtx = scratch.getContext('2d');

function plane(data, offset) {
  for (let i = 0; i < W * H; i++) {
    const v = data[offset + i];
    const k = v >= 1 ? 255 : v <= -1 ? 0 : ((v + 1) * 127.5) | 0;
    pixels[i] = palette[k];
  }
}

function draw(snapshot) {
  const total = snapshot.layerSizes.reduce((a, b) => a + b, 0);
  const cols = Math.max(...snapshot.layerSizes);
  if (unitsCanvas.width !== cols * (W + 2)) {
    unitsCanvas.width = cols * (W + 2);
    unitsCanvas.height = snapshot.layerSizes.length * (H + 2);
  }
  let u = 0;
  snapshot.layerSizes.forEach((n, layer) => {
    for (let k = 0; k < n; k++, u++) {
      plane(snapshot.data, u * W * H);
      units.putImageData(image, k * (W + 2), layer * (H + 2));
    }
  });
  // The output unit, scaled up like the playground's main heatmap.
  plane(snapshot.data, (total - 1) * W * H);
  scratchCtx.putImageData(image, 0, 0);
  out.imageSmoothingEnabled = false;
  out.drawImage(scratch, 0, 0, 400, 400);
}

const t0 = performance.now();
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let latest = null, startupMs = null, simdUsed = null, windowStart = null, lastFrame = null, drawn = 0, done = false;
const frames = [];
const drawMs = [];
worker.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'first-batch') {
    startupMs = msg.at - (performance.timeOrigin + t0);
    simdUsed = msg.simd;
  } else if (msg.type === 'snapshot') latest = msg;
  else if (msg.type === 'stats') finish(msg);
  else if (msg.type === 'error') {
    status.textContent = msg.message;
    window.__benchResult = { error: msg.message };
  }
};
worker.postMessage({ type: 'start', workload, tickMs, simd });

function frame(ts) {
  if (done) return;
  if (windowStart !== null && lastFrame !== null) frames.push(ts - lastFrame);
  lastFrame = ts;
  if (latest) {
    const d0 = performance.now();
    draw(latest);
    if (windowStart !== null) drawMs.push(performance.now() - d0);
    latest = null;
    worker.postMessage({ type: 'ack' });
    if (windowStart === null) {
      // Measure from the first drawn snapshot: training is running and the worker is warm.
      windowStart = performance.now();
      worker.postMessage({ type: 'window' });
      setTimeout(() => worker.postMessage({ type: 'stop' }), seconds * 1000);
    } else drawn++;
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

function finish(stats) {
  done = true;
  const end = performance.now();
  const inWindow = longTasks.filter((t) => t.start >= windowStart && t.start < end);
  const wallS = stats.wallMs / 1000;
  window.__benchResult = {
    workload,
    simd: simdUsed,
    tickMs,
    startupMs,
    stepsPerSecond: stats.steps / wallS,
    examplesPerSecond: stats.examples / wallS,
    trainShare: stats.trainMs / stats.wallMs,
    gridMsMean: stats.grids ? stats.gridMs / stats.grids : null,
    copyMsMean: stats.grids ? stats.copyMs / stats.grids : null,
    snapshotsPerSecond: stats.grids / wallS,
    drawnPerSecond: drawn / ((end - windowStart) / 1000),
    frames,
    drawMs,
    longTasks: PerformanceObserver.supportedEntryTypes?.includes('longtask') ? inWindow.map((t) => t.duration) : null,
  };
  worker.terminate();
  status.textContent = JSON.stringify({ ...window.__benchResult, frames: frames.length });
}
