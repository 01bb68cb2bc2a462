// Start-up of one library in a fresh process: from loading its module to the end of its
// first trained batch (workload A's network, one batch of 10 points). Run by bench/run.mjs
// as a child process; prints {"ms": ...}.
//   node bench/startup.mjs <mlp-playground|tfjs|convnetjs|brain.js> <variant>
// mlp-playground's variants: simd, scalar, and simd-lazy (loadCore({ lazyExporters: true }):
// the exporters' chunk is not imported; run by hand to see what it costs at start-up).
import { layerSizes, WORKLOADS, rng } from './lib/workloads.mjs';

const [library, variant] = process.argv.slice(2);
const w = WORKLOADS.A;

// Ten points of a circle problem and the playground's initial weights (U(-0.5, 0.5), bias
// 0.1), made without any library so that nothing is loaded before the clock starts.
const random = rng(3);
const n = w.batchSize;
const data = { n, inputs: 2, outputs: 1, x: new Float32Array(2 * n), y: new Float32Array(n), labels: new Int32Array(n) };
for (let i = 0; i < n; i++) {
  const a = 12 * random() - 6, b = 12 * random() - 6;
  data.x.set([a, b], 2 * i);
  data.y[i] = a * a + b * b < 9 ? 1 : -1;
}
const sizes = layerSizes(w);
const params = { weights: [], biases: [] };
for (let l = 1; l < sizes.length; l++) {
  params.weights.push(Float32Array.from({ length: sizes[l] * sizes[l - 1] }, () => random() - 0.5));
  params.biases.push(new Float32Array(sizes[l]).fill(0.1));
}

const t0 = performance.now();
let net;
if (library === 'mlp-playground') {
  const { mlpLibrary } = await import('./lib/mlp.mjs');
  net = (await mlpLibrary(variant !== 'scalar', variant === 'simd-lazy')).create(w, data, params);
} else if (library === 'tfjs') {
  const { loadTf, initBackend, tfjsLibrary } = await import('./lib/tfjs.mjs');
  const { tf } = loadTf();
  await initBackend(tf, variant);
  net = tfjsLibrary(tf, variant).create(w, data, params);
  net.train = net.train.fused;
} else if (library === 'convnetjs') {
  const { convnetLibrary } = await import('./lib/convnetjs.mjs');
  net = convnetLibrary().create(w, data, params);
} else if (library === 'brain.js') {
  const { brainLibrary } = await import('./lib/brainjs.mjs');
  net = brainLibrary().create(w, data, params);
} else {
  throw new Error(`unknown library ${library}`);
}
net.train(1);  // one epoch of 10 points with batch size 10: the first trained batch
const ms = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ library, variant, ms })}\n`);
