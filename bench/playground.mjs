// `npm run bench:playground`: the real playground page (dist/site) in headless Debian
// Chromium while it trains. Presses Play on the page preset to workload A (the default
// network), B (6 features, six 8-unit tanh layers) and L (the largest network the UI
// allows: all 7 features, ten 32-unit tanh layers, spiral, 250 training points, every
// thumbnail shown) at maximum speed, then reports the training throughput reached by the
// page's worker (examples, steps and epochs per second) and the main thread's frame
// intervals and long tasks (> 50 ms) over the measured seconds. Appends the figures to
// bench/results/latest.json (workload "playground-A" / "-B" / "-L").
//
//   npm run bench:playground [-- --seconds 5 --runs 3 --workloads A,B,L --site dist/site]
// (--site: another build of the page, relative to the repository, e.g. an older one to compare)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium, replaceResults, serve } from './lib/chromium.mjs';
import { stats } from './lib/measure.mjs';
import { PRESETS as ALL } from './lib/presets.mjs';
import { fmt } from './lib/report.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: opts } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, runs: { type: 'string', default: '3' }, workloads: { type: 'string', default: 'A,B,L' }, site: { type: 'string', default: 'dist/site' } },
});
const log = (s) => process.stderr.write(`${s}\n`);
if (!existsSync(`${ROOT}${opts.site}/index.html`)) {
  log(`${opts.site} is missing: run \`npm run build\` first`);
  process.exit(2);
}

const WORKLOADS = Object.fromEntries(opts.workloads.split(',').filter(Boolean).map((w) => {
  if (!ALL[w]) throw new Error(`--workloads: unknown workload ${w} (A, B, L)`);
  return [w, ALL[w]];
}));

// Frame intervals and long tasks, recorded from before the page's own scripts run.
const RECORDER = () => {
  const w = window;
  w.__frames = [];
  w.__longTasks = [];
  let last = 0;
  const tick = (t) => {
    if (w.__recording && last) w.__frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      if (w.__recording) for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  } catch {
    w.__longTasks = null;
  }
};

const { base, close } = await serve(ROOT, `${ROOT}${opts.site}`, 8600);
const browser = await launchChromium();
const version = browser.version();
const seconds = Number(opts.seconds);
const runs = Object.fromEntries(Object.keys(WORKLOADS).map((w) => [w, []]));
try {
  for (let round = 0; round < Number(opts.runs); round++)
    for (const [workload, hash] of Object.entries(WORKLOADS)) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.addInitScript(RECORDER);
      await page.goto(`${base}#${hash}`);
      await page.waitForFunction(() => document.querySelector('mlp-playground')?.snapshot);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.waitForTimeout(1000);  // warm-up: the worker's code reaches V8's optimising tier
      const read = () =>
        page.evaluate(() => {
          const s = document.querySelector('mlp-playground').snapshot;
          return { epoch: s.epoch, trainSize: s.train.size, t: performance.now() };
        });
      const start = await read();
      await page.evaluate(() => (window.__recording = true));
      await page.waitForTimeout(seconds * 1000);
      await page.evaluate(() => (window.__recording = false));
      const end = await read();
      const rec = await page.evaluate(() => ({ frames: window.__frames, longTasks: window.__longTasks }));
      await page.close();
      if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
      const dt = (end.t - start.t) / 1000;
      const r = {
        examplesPerSecond: ((end.epoch - start.epoch) * start.trainSize) / dt,
        stepsPerSecond: ((end.epoch - start.epoch) * Math.ceil(start.trainSize / 10)) / dt,
        epochsPerSecond: (end.epoch - start.epoch) / dt,
        frames: rec.frames,
        longTasks: rec.longTasks,
      };
      runs[workload].push(r);
      log(`  ${workload}: ${fmt(r.epochsPerSecond)} epochs/s, ${fmt(r.examplesPerSecond)} examples/s, frame median ${fmt(stats(r.frames).median)} ms, max ${fmt(stats(r.frames).max)} ms, long tasks ${r.longTasks?.length ?? 'n/a'}`);
    }
} finally {
  await browser.close();
  close();
}

const results = [];
for (const [workload, rs] of Object.entries(runs)) {
  const entry = (figure, values, unit) =>
    results.push({ workload: `playground-${workload}`, figure, library: 'mlp-playground', variant: `page, Chromium ${version}`, ...stats(values), unit });
  entry('train examples/s (page playing at maximum speed)', rs.map((r) => r.examplesPerSecond), 'examples/s');
  entry('train steps/s (batch 10)', rs.map((r) => r.stepsPerSecond), 'steps/s');
  entry('train epochs/s (250 points)', rs.map((r) => r.epochsPerSecond), 'epochs/s');
  entry('main-thread frame interval', rs.flatMap((r) => r.frames), 'ms');
  if (rs.every((r) => r.longTasks)) {
    entry(`main-thread long tasks (> 50 ms) per ${seconds} s`, rs.map((r) => r.longTasks.length), 'count');
    entry('main-thread longest long task', rs.map((r) => Math.max(0, ...r.longTasks)), 'ms');
  }
}

for (const w of Object.keys(WORKLOADS)) replaceResults(`playground-${w}`, results.filter((r) => r.workload === `playground-${w}`));
process.stdout.write(
  [
    `### The playground page (Chromium ${version}, headless, ${opts.site}, Play at maximum speed, ${seconds} s × ${opts.runs})`,
    '',
    '| workload | figure | median | min | max | unit |',
    '|---|---|--:|--:|--:|---|',
    ...results.map((r) => `| ${r.workload.replace('playground-', '')} | ${r.figure} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.unit} |`),
    '',
  ].join('\n'),
);
