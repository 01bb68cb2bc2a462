// What the worker's training history costs: the playground's Trainer (web/src/worker/
// trainer.ts, bundled here with rolldown together with the core) on workloads A and B, with
// the history recorded (snapshots of the training state, the curve, the gradient flow) and
// without it (new Trainer(core, { history: false })), each round a fresh pair of networks
// trained as the playground does: ticks of `--per-tick` epochs, one evaluation of train and
// test per tick, the two trainers' ticks back to back in alternating order. Two phases: the
// first 300 epochs (a snapshot every epoch: the dearest) and the next 2700 (thinned). Prints
// the median over paired ticks of the throughput ratio recorded / not recorded (a tick that
// was descheduled is an outlier the median ignores; the machine is shared), and the ratio of
// each variant's fastest tick (the least disturbed).
//   node bench/history.mjs [--rounds 7] [--per-tick 20] [--simd true|false]
import { loadSources } from './lib/sources.mjs';
import { WORKLOADS } from './lib/workloads.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROUNDS = Number(arg('rounds', 7));
const PER_TICK = Number(arg('per-tick', 20));
const SIMD = arg('simd', 'true') === 'true';
const PHASES = [
  { name: 'epochs 1-300 (a snapshot every epoch)', epochs: 300 },
  { name: 'epochs 301-3000 (thinned)', epochs: 2700 },
];

const { loadCore, Trainer } = await loadSources();
const core = await loadCore({ simd: SIMD });

function setupOf(w) {
  return {
    data: { kind: 'generated', spec: w.dataset },
    features: w.features,
    network: { inputs: w.features.length, layers: w.layers, loss: w.loss, optimizer: w.optimizer, init: w.init, seed: 1 },
    batchSize: w.batchSize,
  };
}

/** Milliseconds of one tick of `epochs` epochs (the tick's own evaluation included). */
function tick(trainer, epochs) {
  const t0 = performance.now();
  const done = trainer.tick({ train: 'play', maxEpochs: epochs, budgetMs: Infinity, full: true, main: null, thumbs: 0, params: false }).epochsRun;
  if (done !== epochs) throw new Error(`trained ${done} epochs, not ${epochs}`);
  return performance.now() - t0;
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`history overhead: Trainer.tick on workloads A and B, ${SIMD ? 'SIMD' : 'scalar'} build, ${ROUNDS} rounds, ${PER_TICK} epochs per tick, node ${process.version}`);
for (const id of ['A', 'B']) {
  const setup = setupOf(WORKLOADS[id]);
  const ticks = PHASES.map(() => ({ on: [], off: [], ratio: [] }));
  let snapshots = 0, bytes = 0;
  // Round -1 warms the JIT up and is not counted.
  for (let r = -1; r < ROUNDS; r++) {
    const on = new Trainer(core), off = new Trainer(core, { history: false });
    on.configure(setup, false);
    off.configure(setup, false);
    let k = 0;
    PHASES.forEach((p, i) => {
      for (let e = 0; e < p.epochs; e += PER_TICK, k++) {
        // The pair runs back to back, in alternating order, so both see the same machine.
        const [a, b] = k % 2 ? [off, on] : [on, off];
        const ta = tick(a, PER_TICK), tb = tick(b, PER_TICK);
        const [tOn, tOff] = k % 2 ? [tb, ta] : [ta, tb];
        if (r < 0) continue;
        ticks[i].on.push(tOn);
        ticks[i].off.push(tOff);
        ticks[i].ratio.push(tOff / tOn);
      }
    });
    if (on.serialize() !== off.serialize()) throw new Error(`${id}: recording changed the training`);
    const h = on.history();
    snapshots = h.snapshots.length;
    bytes = h.bytes;
    on.dispose();
    off.dispose();
  }
  PHASES.forEach((p, i) => {
    const m = ticks[i];
    const ratio = median(m.ratio);
    const rate = (ms) => ((PER_TICK * 1000) / median(ms)).toFixed(0);
    const fastest = Math.min(...m.off) / Math.min(...m.on);
    console.log(`${id} ${p.name}: recorded ${rate(m.on)} epochs/s, not recorded ${rate(m.off)} epochs/s (median tick); throughput ratio ${ratio.toFixed(3)} = overhead ${((1 - ratio) * 100).toFixed(1)} % (median of ${m.ratio.length} paired ticks); fastest tick of each: ratio ${fastest.toFixed(3)}`);
  });
  console.log(`${id} after 3000 epochs: ${snapshots} snapshots, ${(bytes / 1024).toFixed(0)} KiB`);
}
