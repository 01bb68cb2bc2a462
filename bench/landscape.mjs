// What the "Loss landscape" panel costs in the worker: Trainer.landscape (web/src/worker/
// landscape.ts), i.e. the recorded path taken out of the history's snapshots (restoreState +
// getParameters per point, at most 150) and one net.lossSurface call of 41 × 41 on the
// training data with that path, for the playground's default network (2 → [4, 2] tanh → 1)
// and the largest its UI allows (7 features → 10 × [32] tanh → 1), 250 training points
// (`spiral`), after 300 epochs (the history holds a snapshot per epoch: the longest path).
// Median and min of --rounds calls, wall time and this process's CPU time.
//   node bench/landscape.mjs [--rounds 5] [--simd true|false]
import { loadSources } from './lib/sources.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROUNDS = Number(arg('rounds', 5));
const SIMD = arg('simd', 'true') === 'true';
const { loadCore, Trainer } = await loadSources();
const core = await loadCore({ simd: SIMD });

const FEATURES_7 = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];
const NETWORKS = [
  { name: 'default 2 → [4, 2] → 1', features: ['x1', 'x2'], layers: [4, 2] },
  { name: 'largest 7 → 10 × [32] → 1', features: FEATURES_7, layers: Array(10).fill(32) },
];
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

console.log(`Trainer.landscape, 41×41: 250 training points (spiral), ${SIMD ? 'SIMD' : 'scalar'} build, ${ROUNDS} rounds, node ${process.version}`);
for (const n of NETWORKS) {
  const t = new Trainer(core);
  t.configure({
    data: { kind: 'generated', spec: { name: 'spiral', samples: 500, noise: 0, classes: 2, trainRatio: 0.5, seed: 1 } },
    features: n.features,
    network: { inputs: n.features.length, layers: [...n.layers.map((units) => ({ units, activation: 'tanh' })), { units: 1, activation: 'tanh' }], optimizer: { type: 'adam', learningRate: 0.003 }, seed: 1 },
    batchSize: 10,
  }, false);
  t.tick({ train: 'play', maxEpochs: Infinity, budgetMs: Infinity, until: 300, full: true, main: null, thumbs: 0, params: false });
  for (const directions of ['random', 'pca']) {
    const ms = [], cpu = [];
    let points = 0;
    t.landscape({ directions, steps: 41, seed: 1 });  // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now(), c0 = process.cpuUsage();
      const l = t.landscape({ directions, steps: 41, seed: 1 });
      ms.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      points = l.path.length / 2;
    }
    console.log(`${n.name}, ${directions}, ${points}-point path: wall median ${median(ms).toFixed(1)} ms (min ${Math.min(...ms).toFixed(1)}); CPU median ${median(cpu).toFixed(1)} ms`);
  }
  t.dispose();
}
