// `npm run bench:soak -- --minutes 30`: the playground page (dist/site) in headless Debian
// Chromium, training the largest network the UI allows (10 hidden layers × 32 units, all 7
// features, spiral, 250 training points, Adam, maximum speed) with every view on (the full
// page: data, network with thumbnails, output, chart; test data shown, log-scale loss) for
// a long time. Every --sample seconds it records, after a forced garbage collection, the
// page's JS heap (CDP Performance.getMetrics), the training worker's JS heap
// (Runtime.getHeapUsage) and its wasm memory (the whole memory and the bytes malloc has
// handed out, from the worker's `self.mlpPlaygroundMemory()`), and the main thread's long tasks over 50 ms since the
// last sample (PerformanceObserver 'longtask'). It reports whether each series is flat
// after the warm-up. Not a test: nothing is asserted; the figures go into bench/README.md.
// Writes bench/results/soak.json (every sample) and prints a Markdown summary.
//
//   npm run bench:soak [-- --minutes 30 --sample 30 --warmup 5 --site dist/site]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium, serve } from './lib/chromium.mjs';
import { fmt } from './lib/report.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: opts } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    sample: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '' },
    site: { type: 'string', default: 'dist/site' },
  },
});
const minutes = Number(opts.minutes);
const sampleSeconds = Number(opts.sample);
// Warm-up: the first sixth of the run (5 min of 30), at least one sample.
const warmupMinutes = opts.warmup === '' ? minutes / 6 : Number(opts.warmup);
const log = (s) => process.stderr.write(`${s}\n`);
if (!existsSync(`${ROOT}${opts.site}/index.html`)) {
  log(`${opts.site} is missing: run \`npm run build\` first`);
  process.exit(2);
}

// The largest network the settings allow (app/settings.ts: layers max 32 units × 10 layers).
const LAYERS = Array(10).fill(32).join(',');
const HASH = `dataset=spiral&n=500&train=50&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=${LAYERS}&act=tanh&opt=adam&lr=0.003&batch=10&test=1&logloss=1&speed=max`;

// Long tasks on the main thread, counted from before the page's own scripts run.
const RECORDER = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: false });
};

/**
 * The page's training worker: its JS heap (CDP Runtime.getHeapUsage, after a GC, through a
 * browser session's Target.sendMessageToTarget) and its wasm memory (the worker's
 * `self.mlpPlaygroundMemory()`, through Playwright's handle on the worker).
 */
async function workerProbe(browser, worker) {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && t.url === worker.url());
  if (!target) throw new Error(`no worker target for ${worker.url()}`);
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let next = 0;
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message);
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    m.error ? w.reject(new Error(`${m.error.message} (${m.error.code})`)) : w.resolve(m.result);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  return {
    async sample() {
      await send('HeapProfiler.collectGarbage');
      const heap = await send('Runtime.getHeapUsage');
      const mem = await worker.evaluate(() => self.mlpPlaygroundMemory());
      return { workerHeap: heap.usedSize, wasm: mem.wasmBytes, wasmInUse: mem.heapBytesInUse };
    },
  };
}

/** Least-squares slope of y over x. */
function slope(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n, my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den > 0 ? num / den : 0;
}

const { base, close } = await serve(ROOT, `${ROOT}${opts.site}`, 8610);

const browser = await launchChromium();
const version = browser.version();
const samples = [];
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
  await page.addInitScript(RECORDER);
  await page.goto(`${base}#${HASH}`);
  const el = page.locator('mlp-playground');
  await el.evaluate((e) => e.whenReady());
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // The training worker is the one with the memory probe (a large diagram has its own worker).
  let trainerWorker = null;
  for (const w of page.workers()) if (!trainerWorker && (await w.evaluate(() => typeof self.mlpPlaygroundMemory === 'function'))) trainerWorker = w;
  if (!trainerWorker) throw new Error('no training worker on the page');
  const worker = await workerProbe(browser, trainerWorker);
  await el.evaluate((e) => e.play());
  const t0 = Date.now();
  const end = t0 + minutes * 60_000;
  let seen = 0;
  // The forced garbage collections of the page are the probe's own main-thread work: a long
  // task that starts inside one of them is counted apart (`gcLongTasks`), not as the page's.
  const gcWindows = [];
  for (;;) {
    const gcFrom = await page.evaluate(() => performance.now());
    await cdp.send('HeapProfiler.collectGarbage');
    gcWindows.push([gcFrom, await page.evaluate(() => performance.now())]);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const w = await worker.sample();
    const page_ = await page.evaluate((from) => {
      const el = document.querySelector('mlp-playground');
      return { epoch: el.snapshot?.epoch ?? 0, playing: el.playing, longTasks: window.__longTasks.slice(from), nodes: document.getElementsByTagName('*').length };
    }, seen);
    seen += page_.longTasks.length;
    const inGc = (t) => gcWindows.some(([a, b]) => t.at >= a && t.at <= b);
    const pageTasks = page_.longTasks.filter((t) => !inGc(t));
    const gcLongTasks = page_.longTasks.length - pageTasks.length;
    const s = {
      minute: (Date.now() - t0) / 60_000,
      epoch: page_.epoch,
      playing: page_.playing,
      pageHeap: metric('JSHeapUsedSize'),
      listeners: metric('JSEventListeners'),
      domNodes: metric('Nodes'),
      workerHeap: w.workerHeap,
      wasm: w.wasm,
      wasmInUse: w.wasmInUse,
      longTasks: pageTasks.length,
      longestTask: Math.max(0, ...pageTasks.map((t) => t.ms)),
      gcLongTasks,
      longestGcTask: Math.max(0, ...page_.longTasks.filter(inGc).map((t) => t.ms)),
    };
    samples.push(s);
    log(`  ${fmt(s.minute)} min: epoch ${s.epoch}, page heap ${fmt(s.pageHeap / 2 ** 20)} MiB, worker heap ${fmt(s.workerHeap / 2 ** 20)} MiB, wasm ${fmt(s.wasm / 2 ** 20)} MiB (${fmt(s.wasmInUse / 2 ** 20)} MiB allocated), long tasks ${s.longTasks}${s.longTasks ? ` (longest ${fmt(s.longestTask)} ms)` : ''}, in the forced GC ${s.gcLongTasks}`);
    if (!s.playing) errors.push(`training stopped at epoch ${s.epoch} (minute ${fmt(s.minute)})`);
    if (Date.now() >= end || errors.length) break;
    await page.waitForTimeout(Math.min(sampleSeconds * 1000, Math.max(0, end - Date.now())));
  }
  await page.close();
} finally {
  await browser.close();
  close();
}

const after = samples.filter((s) => s.minute >= warmupMinutes);
const steady = after.length >= 2 ? after : samples.slice(-2);
const first = steady[0], last = steady[steady.length - 1];
const series = [
  ['page JS heap', 'pageHeap'],
  ['worker JS heap', 'workerHeap'],
  ['worker wasm memory', 'wasm'],
  ['worker wasm heap allocated', 'wasmInUse'],
  ['DOM nodes', 'domNodes'],
  ['event listeners', 'listeners'],
];
const rows = series.map(([label, key]) => {
  const perMinute = slope(steady.map((s) => s.minute), steady.map((s) => s[key]));
  const growth = last[key] - first[key];
  // Flat: wasm memory did not grow at all (it grows by whole pages and never shrinks); the
  // others' fitted trend over the steady part stays within 2 % of their level.
  const trend = perMinute * (last.minute - first.minute);
  const bytes = key !== 'domNodes' && key !== 'listeners';
  const flat = key === 'wasm' ? growth === 0 : Math.abs(trend) <= 0.02 * Math.max(1, first[key]);
  const show = (v) => (bytes ? `${fmt(v / 2 ** 20)} MiB` : fmt(v));
  return { label, start: show(samples[0][key]), warm: show(first[key]), end: show(last[key]), trend: bytes ? `${fmt(perMinute / 1024)} KiB/min` : `${fmt(perMinute)}/min`, flat };
});
const longTotal = samples.reduce((a, s) => a + s.longTasks, 0);
const longSteady = steady.slice(1).reduce((a, s) => a + s.longTasks, 0);
const longest = Math.max(0, ...samples.map((s) => s.longestTask));
const gcTotal = samples.reduce((a, s) => a + s.gcLongTasks, 0);
const gcLongest = Math.max(0, ...samples.map((s) => s.longestGcTask));
const epochs = samples[samples.length - 1].epoch;
mkdirSync(`${ROOT}bench/results`, { recursive: true });
writeFileSync(`${ROOT}bench/results/soak.json`, `${JSON.stringify({ chromium: version, hash: HASH, minutes, sampleSeconds, warmupMinutes, errors, samples }, null, 1)}\n`);
process.stdout.write(
  [
    `### Soak: ${fmt(last.minute)} min in Chromium ${version} (headless), ${samples.length} samples, warm-up ${fmt(warmupMinutes)} min`,
    '',
    `Network: 10 × 32 tanh, 7 features, spiral (250 training points), Adam, maximum speed, the full page; ${epochs} epochs trained.`,
    '',
    '| series | at start | after warm-up | at end | trend after warm-up | flat |',
    '|---|--:|--:|--:|--:|---|',
    ...rows.map((r) => `| ${r.label} | ${r.start} | ${r.warm} | ${r.end} | ${r.trend} | ${r.flat ? 'yes' : 'no'} |`),
    `| main-thread long tasks > 50 ms | ${longTotal} in all | | ${longSteady} after warm-up | longest ${fmt(longest)} ms | ${longSteady === 0 ? 'none' : 'some'} |`,
    `| long tasks inside the probe's forced GCs (not counted above) | ${gcTotal} in all | | | longest ${fmt(gcLongest)} ms | |`,
    '',
    errors.length ? `Errors: ${errors.join('; ')}` : 'No page errors or warnings.',
    '',
  ].join('\n'),
);
