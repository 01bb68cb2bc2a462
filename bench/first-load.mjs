// `npm run bench:first-load`: the playground's first load from the built site (dist/site),
// served by scripts/serve.mjs (gzip, level 9, as a static host serves it), in headless
// Debian Chromium. Two parts:
//  1. Page weight: every file fetched from navigation until the first trained boundary is
//     drawn (Play pressed as soon as it is enabled), each with its size and its gzip size,
//     checked against the list the site is expected to fetch (bench/lib/first-load.mjs).
//  2. A slow phone: the CPU throttled 4x (the page and its worker) and the network
//     emulated at 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip (CDP
//     Emulation.setCPUThrottlingRate, Network.emulateNetworkConditions); from navigation to
//     the first drawn boundary, to Play enabled and to the first trained epoch drawn; the
//     median of --runs fresh loads (no cache).
// `--compare DIR` also loads another build of the site (e.g. main's) in the same run, the
// two alternating, and reports both. Appends the figures to bench/results/latest.json
// (workload "first-load").
//
//   npm run bench:first-load [-- --runs 7 --rate 4 --kbps 1600 --rtt 150 --compare DIR]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { launchChromium, replaceResults, serve } from './lib/chromium.mjs';
import { filesBefore, FIRST_LOAD, WATCH_FIRST_LOAD } from './lib/first-load.mjs';
import { stats } from './lib/measure.mjs';
import { fmt } from './lib/report.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SITE = `${ROOT}dist/site`;
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    rate: { type: 'string', default: '4' },
    kbps: { type: 'string', default: '1600' },
    rtt: { type: 'string', default: '150' },
    compare: { type: 'string' },
  },
});
const log = (s) => process.stderr.write(`${s}\n`);
if (!existsSync(`${SITE}/index.html`)) {
  log('dist/site is missing: run `npm run build:site` first');
  process.exit(2);
}

const { base, close } = await serve(ROOT, SITE, 8700);
const other = opts.compare ? await serve(ROOT, opts.compare, 8750) : null;
const browser = await launchChromium();
const version = browser.version();
const loadStart = os.loadavg()[0].toFixed(2);

/**
 * One fresh load; with `slow` the CPU and network of the page and its workers are
 * throttled. Resolves the page's times and the files it fetched before the first
 * trained boundary.
 */
async function load(slow, base) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const fetched = [];
  context.on('request', (r) => fetched.push({ url: r.url(), at: Date.now() }));
  if (slow) {
    const throttle = async (session) => {
      await session.send('Network.enable');
      await session.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: Number(opts.rtt),
        downloadThroughput: (Number(opts.kbps) * 1000) / 8,
        uploadThroughput: (750 * 1000) / 8,
      });
      await session.send('Emulation.setCPUThrottlingRate', { rate: Number(opts.rate) });
    };
    await throttle(await context.newCDPSession(page));
  }
  await page.addInitScript(WATCH_FIRST_LOAD);
  await page.goto(base, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstLoad, null, { timeout: 120_000, polling: 100 });
  const times = await page.evaluate(() => ({ ...window.__firstLoad, origin: performance.timeOrigin }));
  // What was requested until the first trained boundary was drawn (a lazy chunk the page
  // asks for in a later frame is not part of the first load).
  const files = filesBefore(fetched, base, times);
  await context.close();
  if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
  return { times, files };
}

const results = [];
const entry = (figure, values, unit, variant = `Chromium ${version}`) =>
  results.push({ workload: 'first-load', figure, library: 'mlp-playground', variant, ...stats(values), unit });
try {
  // ---- 1. page weight ----------------------------------------------------------------------
  const { files } = await load(false, base);
  const expected = FIRST_LOAD.map((f) => f.file);
  const extra = files.filter((f) => !expected.includes(f));
  const missing = expected.filter((f) => !files.includes(f));
  const assets = readdirSync(`${SITE}/assets`);
  const onDisk = (pattern) => {
    if (!pattern.includes('*')) return [pattern];
    const [pre, post] = pattern.slice('assets/'.length).split('*');
    return assets.filter((a) => a.startsWith(pre) && a.endsWith(post) && a.length === pre.length + 8 + post.length).map((a) => `assets/${a}`);
  };
  const rows = files.map((f) => {
    const real = onDisk(f)[0];
    const bytes = readFileSync(`${SITE}/${real}`);
    return { file: f, real, role: FIRST_LOAD.find((e) => e.file === f)?.role ?? 'NOT EXPECTED', raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
  for (const r of rows) results.push({ workload: 'first-load', figure: `bytes gzip: ${r.file}`, library: 'mlp-playground', variant: 'dist/site', median: r.gzip, min: r.gzip, max: r.gzip, unit: 'B' });
  results.push({ workload: 'first-load', figure: 'bytes gzip: total', library: 'mlp-playground', variant: 'dist/site', median: total.gzip, min: total.gzip, max: total.gzip, unit: 'B' });
  const kb = (n) => (n / 1024).toFixed(1);
  const weight = [
    `### First load: the files fetched before the first trained boundary (dist/site, gzip level 9)`,
    '',
    '| file | role | bytes | gzip |',
    '|---|---|--:|--:|',
    ...rows.map((r) => `| ${r.real} | ${r.role} | ${kb(r.raw)} KB | ${kb(r.gzip)} KB |`),
    `| **total** | ${rows.length} files | ${kb(total.raw)} KB | **${kb(total.gzip)} KB** |`,
    '',
    extra.length || missing.length ? `Differs from bench/lib/first-load.mjs: extra ${extra.join(', ') || '–'}; missing ${missing.join(', ') || '–'}` : 'The files are those bench/lib/first-load.mjs lists.',
    '',
  ].join('\n');
  log(weight);

  // ---- 2. a slow phone ------------------------------------------------------------------------
  const runs = [], otherRuns = [];
  for (let i = 0; i < Number(opts.runs); i++) {
    for (const [label, b, into] of [['dist/site', base, runs], ...(other ? [[opts.compare, other.base, otherRuns]] : [])]) {
      const { times } = await load(true, b);
      into.push(times);
      log(`  slow load ${i + 1} (${label}): boundary ${fmt(times.boundary)} ms, Play ${fmt(times.playable)} ms, first trained epoch ${fmt(times.trained)} ms`);
    }
  }
  const slow = `CPU ÷${opts.rate}, ${opts.kbps} kbit/s, ${opts.rtt} ms RTT, Chromium ${version}`;
  for (const [rs, v] of [[runs, slow], ...(other ? [[otherRuns, `${slow}, ${opts.compare}`]] : [])]) {
    entry('navigation to the first drawn boundary', rs.map((r) => r.boundary), 'ms', v);
    entry('navigation to Play enabled', rs.map((r) => r.playable), 'ms', v);
    entry('navigation to the first trained epoch drawn', rs.map((r) => r.trained), 'ms', v);
  }
  const timing = [
    `### First load on a slow phone (${slow}; ${opts.runs} fresh loads; load average ${loadStart} → ${os.loadavg()[0].toFixed(2)})`,
    '',
    '| site | figure | median | min | max | unit |',
    '|---|---|--:|--:|--:|---|',
    ...results.filter((r) => r.variant.startsWith(slow)).map((r) => `| ${r.variant === slow ? 'dist/site' : opts.compare} | ${r.figure} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.unit} |`),
    '',
  ].join('\n');
  process.stdout.write(`${weight}\n${timing}`);
} finally {
  await browser.close();
  close();
  other?.close();
}
replaceResults('first-load', results);
