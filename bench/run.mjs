// `npm run bench`: workloads A-F of DESIGN.md through mlp-playground's public API (SIMD and
// scalar builds) and through TensorFlow.js (cpu, wasm), ConvNetJS and brain.js in the same
// run: one process per library, interleaved, one running at a time (one thread); start-up in
// fresh processes; the C++ kernel bench natively and in wasm. Writes
// bench/results/latest.json (+ latest.md, latest-env.json) and prints the report.
//
//   npm run bench                      full run (about 6-7 min on 2 cores)
//   npm run bench -- --quick           under 3 min: fewer, shorter runs
//   npm run bench -- --filter '^C/'    only entries whose "workload/figure/library/variant" matches
//   options: --rounds N  --no-startup  --no-kernels  --slice SECONDS
import { fork, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runKernelBenches } from './lib/kernels.mjs';
import { stats } from './lib/measure.mjs';
import { DIST, loadDigitsData, mlpLibrary } from './lib/mlp.mjs';
import { fmt, report } from './lib/report.mjs';
import { ensureBundle } from './lib/tfjs.mjs';
import { buildData, FIGURES, initialParams, NOT_YET, WORKLOADS } from './lib/workloads.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    filter: { type: 'string' },
    rounds: { type: 'string' },
    slice: { type: 'string' },
    'no-startup': { type: 'boolean', default: false },
    'no-kernels': { type: 'boolean', default: false },
  },
});
const quick = opts.quick;
const ROUNDS = Number(opts.rounds ?? (quick ? 3 : 7));
const SLICE = Number(opts.slice ?? (quick ? 0.12 : 0.4));  // seconds per timed run
const WARM = quick ? 0.4 : 1.2;  // seconds of untimed warm-up per entry (JIT, wasm tier-up)
const STARTUPS = quick ? 3 : 5;
const KERNEL_RUNS = quick ? 1 : 5;  // runs of bench_kernels --quick (each a median of 3)
const filter = opts.filter ? new RegExp(opts.filter) : null;
const wanted = (...parts) => !filter || filter.test(parts.join('/'));
const log = (s) => process.stderr.write(`${s}\n`);
if (ROUNDS < 3) log('warning: fewer than 3 rounds; the issue asks for medians of at least 3');

// ---- the library must be built, and newer than the sources it is built from -------------
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
let built;
try {
  built = statSync(new URL('wasm/mlp-simd.wasm', DIST)).mtimeMs;
} catch {
  log('dist/lib is missing: run `MLP_BUILD_ROOT=$PWD/build bash scripts/build-lib.sh` first');
  process.exit(2);
}
if (newest(`${ROOT}cpp`) > built || newest(`${ROOT}web/src/core`) > built)
  log('warning: dist/lib is older than cpp/ or web/src/core/; rebuild it (scripts/build-lib.sh) to measure the current sources');

// ---- data, initial weights, one process per library ------------------------------------
const env = {
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  cpu: os.cpus()[0]?.model ?? 'unknown CPU',
  cpus: os.cpus().length,
  node: process.version,
  loadStart: os.loadavg().map((v) => v.toFixed(2)).join(' '),
  quick,
  rounds: ROUNDS,
};
await ensureBundle();
const { core } = await mlpLibrary(true);
const pkg = (name) => JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, 'utf8')).version;
env.versions = {
  'mlp-playground': core.version,
  '@tensorflow/tfjs-core': pkg('@tensorflow/tfjs-core'),
  '@tensorflow/tfjs-backend-cpu': pkg('@tensorflow/tfjs-backend-cpu'),
  '@tensorflow/tfjs-backend-wasm': pkg('@tensorflow/tfjs-backend-wasm'),
  convnetjs: pkg('convnetjs'),
  'brain.js': pkg('brain.js'),
};

const LIBRARIES = [
  ['mlp-playground', 'simd'],
  ['mlp-playground', 'scalar'],
  ['tfjs', 'cpu'],
  ['tfjs', 'wasm'],
  ['convnetjs', 'js'],
  ['brain.js', 'js'],
];

// Which library runs which figure: E and F only mlp-playground and TF.js; mlp-playground
// none of its NOT_YET workloads (reported as not yet measured instead).
const asked = (f, library, variant) => wanted(f.workload, f.figure, library, variant) && (!f.libraries || f.libraries.includes(library));
const runs = (f, library, variant) => asked(f, library, variant) && !(library === 'mlp-playground' && NOT_YET[f.net]);

const data = {}, params = {};
const nets = [...new Set(FIGURES.filter((f) => LIBRARIES.some(([l, v]) => runs(f, l, v))).map((f) => f.net))];
let digits = null;  // E and F train on the same 8,000 digits (one copy per message)
for (const id of nets) {
  const w = WORKLOADS[id];
  data[id] = w.digits ? (digits ??= await loadDigitsData(w)) : buildData(core, w);
  // The initial weights every library starts from: mlp-playground's for the workload's
  // init (classic U(-0.5, 0.5) / bias 0.1 for A and B, He normal for C and E), seed 1;
  // bench-made He normal ones for a workload the core cannot build yet (NOT_YET).
  params[id] = initialParams(core, w);
}
env.notYet = Object.fromEntries(Object.entries(NOT_YET).filter(([id]) => FIGURES.some((f) => f.net === id && asked(f, 'mlp-playground', 'simd'))));
for (const [id, why] of Object.entries(env.notYet)) log(`${id}: not yet measured for mlp-playground: ${why}`);

/** A library's process; `ask` sends one message and resolves with its reply. */
function startChild([library, variant]) {
  const child = fork(`${ROOT}bench/lib/child.mjs`, [library, variant], { serialization: 'advanced' });
  let pending = null;
  const loaded = new Promise((resolve, reject) => {
    child.on('message', (msg) => {
      if (msg.type === 'loaded') return resolve();
      const p = pending;
      pending = null;
      if (msg.type === 'error') p?.reject(new Error(`${library} ${variant}: ${msg.message}`));
      else p?.resolve(msg);
    });
    child.on('exit', (code) => {
      if (code) reject(new Error(`${library} ${variant} exited with ${code}`));
      pending?.reject(new Error(`${library} ${variant} exited with ${code}`));
    });
  });
  const ask = (msg) => new Promise((resolve, reject) => ((pending = { resolve, reject }), child.send(msg)));
  return { library, variant, child, loaded, ask };
}

const children = LIBRARIES.filter(([l, v]) => FIGURES.some((f) => runs(f, l, v))).map(startChild);
for (const c of children) {
  await c.loaded;
  await c.ask({ type: 'init', data, params, settings: { slice: SLICE, warm: WARM } });
}

// ---- interleaved rounds -------------------------------------------------------------------
// Round r measures every figure for every library once (A for all, then B, ...), the
// library order rotating, so that drift of the machine (thermal, other load) hits everyone.
const entries = [];
FIGURES.forEach((f, index) => {
  for (const c of children) if (runs(f, c.library, c.variant)) entries.push({ f, index, c, samples: [] });
});
const notes = {};
const t0 = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  log(`round ${round + 1}/${ROUNDS}`);
  for (const f of FIGURES) {
    const row = entries.filter((e) => e.f === f);
    for (let i = 0; i < row.length; i++) {
      const e = row[(i + round) % row.length];
      const reply = await e.c.ask({ type: 'measure', figure: e.index });
      e.samples.push(reply.value);
      if (e.c.library !== 'mlp-playground') notes[e.c.library === 'tfjs' ? `TF.js ${e.c.variant}` : e.c.library] = reply.notes;
      if (round === 0) log(`  ${f.workload} ${f.figure} ${e.c.library} ${e.c.variant}: ${fmt(reply.value)} ${f.unit}`);
    }
  }
}
for (const c of children) c.child.send({ type: 'exit' });
log(`throughput rounds took ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const results = entries.map(({ f, c, samples }) => ({
  workload: f.workload,
  figure: f.figure,
  library: c.library,
  variant: c.variant,
  ...stats(samples),
  unit: f.unit,
}));

// ---- start-up: fresh processes, interleaved -------------------------------------------------
if (!opts['no-startup']) {
  const FIG = 'load to first trained batch (A)';
  const who = LIBRARIES.map(([library, variant]) => ({ library, variant })).filter((l) => wanted('startup', FIG, l.library, l.variant));
  const times = new Map(who.map((l) => [l, []]));
  for (let i = 0; i < STARTUPS; i++)
    for (const l of who) {
      const r = spawnSync(process.execPath, [`${ROOT}bench/startup.mjs`, l.library, l.variant], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`start-up of ${l.library} ${l.variant} failed:\n${r.stderr}`);
      times.get(l).push(JSON.parse(r.stdout.trim().split('\n').pop()).ms);
    }
  for (const [l, ms] of times) {
    results.push({ workload: 'startup', figure: FIG, library: l.library, variant: l.variant, ...stats(ms), unit: 'ms' });
    log(`  start-up ${l.library} ${l.variant}: ${stats(ms).median.toFixed(1)} ms`);
  }
}

// ---- kernels --------------------------------------------------------------------------------
if (!opts['no-kernels'] && wanted('kernel')) results.push(...runKernelBenches(['native', 'wasm-simd'], KERNEL_RUNS, log));

env.loadEnd = os.loadavg().map((v) => v.toFixed(2)).join(' ');
const dir = `${ROOT}bench/results`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/latest.json`, `${JSON.stringify(results, null, 1)}\n`);
writeFileSync(`${dir}/latest-env.json`, `${JSON.stringify({ env, notes }, null, 1)}\n`);
const md = report(results, env, notes);
writeFileSync(`${dir}/latest.md`, md);
process.stdout.write(`${md}\n`);
log(`wrote bench/results/latest.json and latest.md in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
