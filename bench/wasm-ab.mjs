// Two or more builds of the SIMD module side by side in one process (issue 16: a smaller
// module must keep the kernels' speed): each build's .wasm and glue loaded through the
// library's loadCore (dist/lib, the lite module's internal option, as bench/startup-phases.mjs
// does), then workloads A, B (training and the all-unit grid as the page asks for it), C and
// D timed in slices of the process's CPU time that alternate between the builds, so that a
// loaded machine slows every build alike. Prints, per workload and build, the best and the median slice rate and each
// build's best against the first build's.
//   node bench/wasm-ab.mjs [--rounds 9] [--slice 0.25] NAME=DIR[/BASENAME] ...
// DIR holds BASENAME.wasm and BASENAME.mjs (BASENAME defaults to mlp-simd-lite).
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildData, networkConfig, WORKLOADS } from './lib/workloads.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const rounds = opt('--rounds', 9);
const slice = opt('--slice', 0.25) * 1000;
const builds = args.filter((a) => a.includes('=')).map((a) => {
  const [name, path] = a.split('=');
  const file = existsSync(`${path}/mlp-simd-lite.wasm`) ? `${path}/mlp-simd-lite` : path;
  return { name, wasm: pathToFileURL(`${file}.wasm`), glue: pathToFileURL(`${file}.mjs`) };
});
if (builds.length < 2) {
  console.error('usage: node bench/wasm-ab.mjs [--rounds N] [--slice SECONDS] NAME=DIR ... (two or more)');
  process.exit(2);
}
const { loadCore } = await import(new URL('../dist/lib/index.js', import.meta.url).href);

const cases = [];
for (const b of builds) {
  const core = await loadCore({ simd: true, lazyExporters: true, lite: { url: b.wasm, factory: async () => (await import(b.glue.href)).default } });
  const make = (w) => {
    const net = core.createNetwork(networkConfig(w));
    const d = buildData(core, w);
    const td = core.createTrainingData(d.x, d.y, { inputs: d.inputs, outputs: d.outputs });
    return { net, td, n: d.n };
  };
  const A = make(WORKLOADS.A), B = make(WORKLOADS.B), C = make(WORKLOADS.C);
  const gridB = { width: 100, height: 100, features: WORKLOADS.B.features };
  const gridD = { width: 256, height: 256, features: WORKLOADS.C.features };
  b.runs = {
    'A train (examples/s)': () => A.net.trainEpoch(A.td, { batchSize: 10, epochs: 20 }).epochs * A.n,
    'B train (examples/s)': () => B.net.trainEpoch(B.td, { batchSize: 10, epochs: 5 }).epochs * B.n,
    'B all-unit grid (grids/s)': () => (B.net.evaluateGrid(gridB, { inputs: false }).data[0], 1),
    'C train (examples/s)': () => C.net.trainEpoch(C.td, { batchSize: 32, epochs: 1 }).epochs * C.n,
    'D grid (points/s)': () => (C.net.evaluateGrid(gridD, { units: 'outputs', copy: false }).data[0], 256 * 256),
  };
}
const names = Object.keys(builds[0].runs);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (const b of builds) for (const n of names) for (let i = 0; i < 3; i++) b.runs[n]();  // warm-up: compile, tier up
const rates = new Map(builds.map((b) => [b.name, new Map(names.map((n) => [n, []]))]));
for (let r = 0; r < rounds; r++) {
  for (const n of names) {
    const order = r % 2 ? [...builds].reverse() : builds;
    for (const b of order) {
      // Rates per CPU second of the process (a descheduled slice costs no CPU time).
      let units = 0;
      const c0 = cpuMs();
      let c = c0;
      while (c - c0 < slice) {
        units += b.runs[n]();
        c = cpuMs();
      }
      rates.get(b.name).get(n).push((units * 1000) / (c - c0));
    }
  }
}
const fmt = (v) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} k` : v.toFixed(1));
console.log(`${rounds} alternated rounds of ${slice} ms CPU slices; per CPU second, best (median) per build, best ÷ ${builds[0].name}'s best`);
for (const n of names) {
  const best0 = Math.max(...rates.get(builds[0].name).get(n));
  const cells = builds.map((b) => {
    const v = rates.get(b.name).get(n);
    const best = Math.max(...v);
    const median = [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
    return `${b.name} ${fmt(best)} (${fmt(median)}) ×${(best / best0).toFixed(3)}`;
  });
  console.log(`${n.padEnd(28)} ${cells.join('   ')}`);
}
