// Bench worker: owns the wasm core and trains a workload through the library's public API
// in time-budgeted ticks (train for `tickMs`, then, if the page has drawn the previous one,
// post a snapshot with the 100x100 all-unit grid, transferred). Training never waits for
// the page; the page never gets more than one snapshot per frame.
import { loadCore } from '/dist/lib/index.js';
import { buildData, networkConfig, WORKLOADS } from '/bench/lib/workloads.mjs';

let running = false;
let wanted = true;  // the page has drawn the last snapshot
let counters = null;

// Yield to the worker's event loop (to receive 'ack'/'stop') without setTimeout's clamping.
const channel = new MessageChannel();
let resume = null;
channel.port1.onmessage = () => resume?.();
const yieldNow = () => new Promise((r) => ((resume = r), channel.port2.postMessage(0)));

const now = () => performance.timeOrigin + performance.now();

self.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'start') start(msg).catch((err) => self.postMessage({ type: 'error', message: String(err?.stack ?? err) }));
  else if (msg.type === 'ack') wanted = true;
  else if (msg.type === 'window') counters = { steps: 0, examples: 0, trainMs: 0, grids: 0, gridMs: 0, copyMs: 0, start: performance.now() };
  else if (msg.type === 'stop') {
    running = false;
    self.postMessage({ type: 'stats', ...counters, wallMs: performance.now() - counters.start });
  }
};

async function start({ workload, tickMs, simd }) {
  const core = await loadCore({ simd });
  const w = WORKLOADS[workload];
  const data = buildData(core, w);
  const net = core.createNetwork(networkConfig(w));
  const td = core.createTrainingData(data.x, data.y, { inputs: data.inputs, outputs: data.outputs });
  net.trainEpoch(td, { batchSize: w.batchSize, epochs: 1 });
  self.postMessage({ type: 'first-batch', at: now(), simd: core.simd });

  const grid = { width: 100, height: 100, features: w.features };
  let epochsPerCall = 1;
  running = true;
  while (running) {
    const t0 = performance.now();
    let steps = 0, epochs = 0;
    // Calls of about half a millisecond: fine-grained enough to keep to the budget.
    while (performance.now() - t0 < tickMs) {
      const c0 = performance.now();
      const r = net.trainEpoch(td, { batchSize: w.batchSize, epochs: epochsPerCall });
      steps += r.steps;
      epochs += r.epochs;
      const dt = performance.now() - c0;
      epochsPerCall = Math.max(1, Math.round(epochsPerCall * Math.min(2, 0.5 / Math.max(dt, 0.01))));
    }
    const t1 = performance.now();
    let gridMs = 0, copyMs = 0;
    if (wanted) {
      // A view first, then the copy that leaves wasm memory (what copy: true does), timed apart.
      const g = net.evaluateGrid(grid, { units: 'all', copy: false });
      const t2 = performance.now();
      const snapshot = g.data.slice();
      gridMs = t2 - t1;
      copyMs = performance.now() - t2;
      self.postMessage({ type: 'snapshot', steps, layerSizes: g.layerSizes, data: snapshot }, [snapshot.buffer]);
      wanted = false;
    }
    if (counters) {
      counters.steps += steps;
      counters.examples += epochs * data.n;
      counters.trainMs += t1 - t0;
      if (gridMs) (counters.grids += 1), (counters.gridMs += gridMs), (counters.copyMs += copyMs);
    }
    await yieldNow();
  }
}
