// How long net.lossSurface takes: one core call for a whole slice of the loss landscape
// (steps × steps forward passes over the training points), for the playground's default
// network (2 → [4, 2] tanh → 1) and the largest one its UI allows (7 features → 10 × [32]
// tanh → 1), on 250 training points, 41 × 41 (the playground's) and 101 × 101; random
// (filter-normalised) directions, and PCA of a 50-point trajectory. Median and min of
// --rounds calls each, wall time and this process's CPU time (on a shared machine the wall
// time includes waiting for a CPU; the CPU time is what the call itself costs).
//   node bench/surface.mjs [--rounds 7] [--simd true|false]
import { loadSources } from './lib/sources.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROUNDS = Number(arg('rounds', 7));
const SIMD = arg('simd', 'true') === 'true';
const { loadCore } = await loadSources();
const mlp = await loadCore({ simd: SIMD });

const FEATURES_7 = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];
const NETWORKS = [
  { name: 'default 2 → [4, 2] → 1', features: ['x1', 'x2'], layers: [4, 2] },
  { name: 'largest 7 → 10 × [32] → 1', features: FEATURES_7, layers: Array(10).fill(32) },
];
const data = mlp.generateDataset({ name: 'spiral', samples: 500, noise: 0, trainRatio: 0.5, seed: 1 }).train;  // 250 points
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

console.log(`net.lossSurface: ${data.size} training points, ${SIMD ? 'SIMD' : 'scalar'} build, ${ROUNDS} rounds, node ${process.version}`);
for (const n of NETWORKS) {
  const net = mlp.createNetwork({
    inputs: n.features.length, features: n.features, seed: 1,
    layers: [...n.layers.map((units) => ({ units, activation: 'tanh' })), { units: 1, activation: 'tanh' }],
  });
  const train = net.prepare(data, n.features);
  // A trajectory to take principal directions of: 50 epochs of training, then back to the start.
  const start = net.saveState();
  const trajectory = [];
  for (let e = 0; e < 50; e++) {
    net.trainEpoch(train, { batchSize: 10 });
    trajectory.push(net.getParameters());
  }
  net.restoreState(start);
  for (const [label, options] of [
    ['41×41 random', { steps: 41, directions: 'random', range: 1 }],
    ['41×41 pca (50-point path)', { steps: 41, directions: 'pca', trajectory, range: 1 }],
    ['101×101 random', { steps: 101, directions: 'random', range: 1 }],
  ]) {
    const ms = [], cpu = [];
    net.lossSurface(train, options);  // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now(), c0 = process.cpuUsage();
      const s = net.lossSurface(train, options);
      ms.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (s.loss.length !== options.steps ** 2) throw new Error('wrong size');
    }
    const evals = options.steps ** 2 * data.size;
    console.log(`${n.name} (${net.parameterCount} parameters), ${label}: wall median ${median(ms).toFixed(1)} ms, min ${Math.min(...ms).toFixed(1)} ms; CPU median ${median(cpu).toFixed(1)} ms (${((evals / median(cpu)) * 1e-3).toFixed(1)} M sample-forwards per CPU second)`);
  }
  train.dispose();
  net.dispose();
}
