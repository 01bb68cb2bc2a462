// `npm run bench:diagnose`: where mlp-playground's time goes, through its public API only.
// Three probes that explain the benchmark's figures (bench/README.md, "Findings"):
//   1. per-step overhead: examples/s and µs per step at several batch sizes (A, B, C);
//   2. workload C over training time: examples/s per stretch of epochs, with the number of
//      subnormal floats in the Adam state (read from serialize()), which x86 computes slowly
//      and wasm has no flush-to-zero mode for;
//   3. start-up, split into import, loadCore (fetch/compile/instantiate) and first batch.
//   node bench/diagnose.mjs [--simd false]
import { parseArgs } from 'node:util';
import { DIST } from './lib/mlp.mjs';
import { buildData, networkConfig, WORKLOADS } from './lib/workloads.mjs';

const { values: opts } = parseArgs({ options: { simd: { type: 'string', default: 'true' } } });
const simd = opts.simd !== 'false';
const t0 = performance.now();
const { loadCore } = await import(DIST.href);
const t1 = performance.now();
const core = await loadCore({ simd });
const t2 = performance.now();

function setup(w, config = {}) {
  const data = buildData(core, w);
  const net = core.createNetwork({ ...networkConfig(w), ...config });
  const td = core.createTrainingData(data.x, data.y, { inputs: data.inputs, outputs: data.outputs });
  return { data, net, td };
}

{
  // The first call of each wasm function also pays for its compilation (V8 compiles wasm
  // lazily), hence the second batch for comparison.
  const a = performance.now();
  const net = core.createNetwork(networkConfig(WORKLOADS.A));
  const b = performance.now();
  const x = new Float32Array(20), y = new Float32Array(10);
  net.trainBatch(x, y);
  const c = performance.now();
  net.trainBatch(x, y);
  const d = performance.now();
  console.log(`## start-up (${simd ? 'SIMD' : 'scalar'} build, this process)\n`);
  console.log(`import ${(t1 - t0).toFixed(1)} ms, loadCore ${(t2 - t1).toFixed(1)} ms, createNetwork ${(b - a).toFixed(1)} ms, ` +
    `first trainBatch ${(c - b).toFixed(2)} ms, second ${(d - c).toFixed(3)} ms\n`);
  net.dispose();
}

// Best of 5 timed calls of `epochs` epochs, epochs grown until a call takes >= 100 ms.
function rate(net, td, n, batchSize) {
  let epochs = 1;
  for (;;) {
    const t = performance.now();
    net.trainEpoch(td, { batchSize, epochs });
    if (performance.now() - t > 100) break;
    epochs *= 2;
  }
  let best = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    net.trainEpoch(td, { batchSize, epochs });
    best = Math.max(best, (epochs * n) / ((performance.now() - t) / 1000));
  }
  return best;
}

console.log('## per-step cost by batch size (fresh network each; C also with SGD instead of Adam)\n');
console.log('| workload | batch | examples/s | µs per step |');
console.log('|---|--:|--:|--:|');
const cases = [
  ['A', WORKLOADS.A, {}, [1, 10, 50, 250]],
  ['B', WORKLOADS.B, {}, [1, 10, 250]],
  ['C (Adam)', WORKLOADS.C, {}, [8, 32, 128]],
  ['C (SGD)', WORKLOADS.C, { optimizer: { type: 'sgd', learningRate: 0.001 } }, [8, 32, 128]],
];
for (const [name, w, config, sizes] of cases)
  for (const bs of sizes) {
    const { data, net, td } = setup(w, config);
    const r = rate(net, td, data.n, bs);
    console.log(`| ${name} | ${bs} | ${(r / 1e3).toFixed(0)} k | ${((1e6 * bs) / r).toFixed(2)} |`);
    net.dispose();
    td.dispose();
  }

console.log('\n## workload C as training goes on (one network, batch 32, Adam)\n');
console.log('| epochs so far | examples/s over the stretch | subnormal Adam m | subnormal Adam v | subnormal weights |');
console.log('|--:|--:|--:|--:|--:|');
const { data, net, td } = setup(WORKLOADS.C);
const subnormal = (a) => a.filter((x) => x !== 0 && Math.abs(x) < 1.1754943508222875e-38).length;
let done = 0;
for (const stretch of [1, 1, 2, 4, 8, 16, 32, 64]) {
  const t = performance.now();
  net.trainEpoch(td, { batchSize: 32, epochs: stretch });
  const r = (stretch * data.n) / ((performance.now() - t) / 1000);
  done += stretch;
  // serialize() carries the optimizer state: the only public window on m and v.
  const s = JSON.parse(net.serialize());
  const m = s.optimizerState?.m ?? [], v = s.optimizerState?.v ?? [];
  const weights = (s.parameters?.weights ?? []).flat();
  console.log(`| ${done} | ${(r / 1e3).toFixed(0)} k | ${subnormal(m)} of ${m.length} | ${subnormal(v)} of ${v.length} | ${subnormal(weights)} of ${weights.length} |`);
}
