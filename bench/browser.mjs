// `npm run bench:browser`: the bench page (bench/browser/) in headless Debian Chromium. A
// worker trains workload A and B through the built library (dist/lib) while the page draws
// the all-unit grid every frame; reports training steps/s in the worker and the main
// thread's frame intervals and long tasks. Then the digits workloads E and F in a worker
// (bench/browser/train.html): mlp-playground, TF.js wasm and TF.js cpu, examples/s.
// Appends the figures to bench/results/latest.json.
//
//   npm run bench:browser [-- --seconds 5 --runs 3 --workloads A,B --scalar]
//   npm run bench:browser -- --digits E,F --libraries mlp-playground,tfjs-wasm,tfjs-cpu   (--digits '' skips them)
//   npm run bench:browser -- --url URL [--label NAME]   another page that sets
//                                       window.__benchResult the same way (bench/README.md)
//   npm run bench:browser -- --serve    only serve the page, to open it by hand
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium, replaceResults } from './lib/chromium.mjs';
import { ensureBrowserBundle } from './lib/tfjs.mjs';
import { NOT_YET } from './lib/workloads.mjs';
import { stats } from './lib/measure.mjs';
import { browserSection, fmt, report } from './lib/report.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    workloads: { type: 'string', default: 'A,B' },
    digits: { type: 'string', default: 'E,F' },
    libraries: { type: 'string', default: 'mlp-playground,tfjs-wasm,tfjs-cpu' },
    url: { type: 'string' },
    label: { type: 'string', default: 'page' },
    scalar: { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
  },
});
const log = (s) => process.stderr.write(`${s}\n`);
if (!existsSync(`${ROOT}dist/lib/index.js`)) {
  log('dist/lib is missing: run `MLP_BUILD_ROOT=$PWD/build bash scripts/build-lib.sh` first');
  process.exit(2);
}

// ---- a static server for the repository's dist/lib and bench/ (nothing else but the ------
// ---- browser build of TF.js and its wasm files) -------------------------------------------
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.bin': 'application/octet-stream' };
await ensureBrowserBundle();
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = path.endsWith('/') ? `${path}index.html` : path;
  if (!/^\/(dist\/lib|bench|build\/bench|node_modules\/@tensorflow\/tfjs-backend-wasm\/dist)\//.test(file) || file.includes('..')) return res.writeHead(404).end();
  try {
    const body = await readFile(`${ROOT}${file.slice(1)}`);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
if (opts.serve) {
  log(`serving: ${base}/bench/browser/?workload=B&seconds=5&tick=8&simd=auto  (Ctrl-C to stop)`);
  await new Promise(() => {});
}

const browser = await launchChromium();
const version = browser.version();

const configs = [];
if (opts.url) configs.push({ workload: opts.label, url: opts.url, simd: true });
else
  for (const workload of opts.workloads.split(',').filter(Boolean))
    for (const simd of opts.scalar ? [true, false] : [true])
      configs.push({ workload, simd, url: `${base}/bench/browser/?workload=${workload}&seconds=${opts.seconds}&simd=${simd}` });
// E and F: one page per library; mlp-playground skips what its core cannot build yet.
const skipped = [];
if (!opts.url)
  for (const workload of opts.digits.split(',').filter(Boolean))
    for (const library of opts.libraries.split(',')) {
      if (library === 'mlp-playground' && NOT_YET[workload]) {
        skipped.push(`${workload}: not yet measured for mlp-playground in the browser: ${NOT_YET[workload]}`);
        continue;
      }
      configs.push({ workload, library, digits: true, url: `${base}/bench/browser/train.html?workload=${workload}&library=${library}` });
    }
for (const s of skipped) log(s);
const runs = new Map(configs.map((c) => [c, []]));
try {
  // Interleaved like the Node bench: every configuration once per round.
  for (let round = 0; round < Number(opts.runs); round++)
    for (const c of configs) {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(c.url);
      // A digits page times whole units (mlp-playground: an epoch of 8,000 digits, ~10 s of F on a
      // busy machine; calibration, warm-up and 5 slices): minutes, not the A/B page's seconds.
      await page.waitForFunction(() => window.__benchResult, null, { timeout: (c.digits ? 600 : Number(opts.seconds) + 60) * 1000 });
      const r = await page.evaluate(() => window.__benchResult);
      await page.close();
      if (r.error || errors.length) throw new Error(`browser bench failed: ${r.error ?? errors.join('\n')}`);
      runs.get(c).push(r);
      if (c.digits) {
        log(`  ${c.workload} ${c.library}: ${fmt(r.examplesPerSecond)} examples/s (${r.formulation}; tried ${r.tried.join('; ')})`);
        continue;
      }
      log(`  ${c.workload} simd=${r.simd}: ${fmt(r.stepsPerSecond)} steps/s, frame median ${fmt(stats(r.frames).median)} ms, max ${fmt(stats(r.frames).max)} ms, long tasks ${r.longTasks?.length ?? 'n/a'}`);
    }
} finally {
  await browser.close();
  server.close();
}

// ---- figures ----------------------------------------------------------------------------
const results = [];
for (const [c, rs] of runs) {
  if (c.digits) {
    const [library, variant] = c.library === 'mlp-playground' ? ['mlp-playground', 'simd'] : ['tfjs', c.library.replace('tfjs-', '')];
    const values = rs.map((r) => r.examplesPerSecond);
    const how = [rs[0].formulation !== 'only' && rs[0].formulation, rs[0].info?.simd === true && 'SIMD', rs[0].info?.threads === false && 'one thread'].filter(Boolean);
    results.push({ workload: `browser-${c.workload}`, figure: `train examples/s (worker${how.length ? `; ${how.join(', ')}` : ''})`, library, variant: `${variant}, ${version}`, ...stats(values), unit: 'examples/s' });
    continue;
  }
  const entry = (figure, values, unit) =>
    results.push({ workload: `browser-${c.workload}`, figure, library: 'mlp-playground', variant: `${rs[0].simd === false ? 'scalar' : 'simd'}, ${version}`, ...stats(values), unit });
  entry('train steps/s (worker, while the page draws)', rs.map((r) => r.stepsPerSecond), 'steps/s');
  entry('train examples/s (worker, while the page draws)', rs.map((r) => r.examplesPerSecond), 'examples/s');
  entry('all-unit grids drawn per second', rs.map((r) => r.drawnPerSecond), 'frames/s');
  entry('all-unit grid evaluation in the worker (evaluateGrid, copy: false)', rs.map((r) => r.gridMsMean), 'ms');
  entry('copying the grid out of wasm memory (to transfer it)', rs.map((r) => r.copyMsMean), 'ms');
  // Frame intervals of every run pooled: median, shortest, longest.
  entry('main-thread frame interval', rs.flatMap((r) => r.frames), 'ms');
  entry('main-thread time to draw one snapshot (all units)', rs.flatMap((r) => r.drawMs), 'ms');
  if (rs.every((r) => r.longTasks)) {
    entry(`main-thread long tasks (> 50 ms) per ${opts.seconds} s`, rs.map((r) => r.longTasks.length), 'count');
    entry('main-thread longest long task', rs.map((r) => Math.max(0, ...r.longTasks)), 'ms');
  }
  entry('worker start to first trained batch', rs.map((r) => r.startupMs), 'ms');
}

// Append to latest.json (replacing any earlier browser figures) and refresh latest.md.
const all = replaceResults('browser', results);
const dir = `${ROOT}bench/results`;
const { env = {}, notes = {} } = existsSync(`${dir}/latest-env.json`) ? JSON.parse(readFileSync(`${dir}/latest-env.json`, 'utf8')) : {};
const md = report(all, env, notes);
writeFileSync(`${dir}/latest.md`, md);
process.stdout.write(`${browserSection(results)}\n`);
log(`appended ${results.length} browser figures to bench/results/latest.json`);
