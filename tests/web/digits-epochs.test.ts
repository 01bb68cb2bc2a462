// Digits mode counts epochs as passes over all the training digits, though the worker trains
// them a slice of 1,000 at a time: the learning rate of every epoch equals what PyTorch's
// torch.optim.lr_scheduler gives for the same epochs (fixtures/introspect_driver.py), stays
// the same through the slices of an epoch, and early stopping's patience and the train-loss
// rule count whole epochs, and "Continue from here" starts an epoch's slices afresh. Through
// the Trainer, as the worker runs it, on the real core.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore, type NetworkConfig, type ScheduleConfig } from '../../web/src/core/index.js';
import { type DigitsSpec, digitsSplit, loadDigitsSource, SLICE } from '../../web/src/worker/digits-source.js';
import type { Setup, Snapshot, TickRequest } from '../../web/src/worker/protocol.js';
import { Trainer } from '../../web/src/worker/trainer.js';
import { python } from './support/pytorch.js';

const DRIVER = fileURLToPath(new URL('./fixtures/introspect_driver.py', import.meta.url));
// 2,400 training digits: slices of 1,000, 1,000 and 400.
const spec: DigitsSpec = { size: 14, samples: 3000, trainRatio: 0.8, seed: 3, permute: 0 };
const EPOCHS = 7;
let core: MlpCore;
let slices: number;
beforeAll(async () => {
  core = await loadCore();
  const split = await loadDigitsSource(spec);
  slices = Math.ceil(split.train.size / SLICE);
});

const setupOf = (network: Partial<NetworkConfig>): Setup => ({
  data: { kind: 'digits', spec },
  features: ['x1', 'x2'],
  network: {
    inputs: 196, inputShape: [1, 14, 14],
    layers: [{ units: 16, activation: 'relu' }, { units: 10, activation: 'softmax' }],
    loss: 'softmax-ce', optimizer: { type: 'adam', learningRate: 0.01 }, init: 'he', seed: 1,
    ...network,
  },
  batchSize: 32,
});
// A zero budget: each tick trains one slice.
const tick = (t: Trainer, r: Partial<TickRequest> = {}): Snapshot =>
  t.tick({ train: 'play', maxEpochs: Infinity, budgetMs: 0, full: false, main: null, thumbs: 0, params: false, ...r });

const SCHEDULES: [number, ScheduleConfig][] = [
  [0.01, { type: 'step-lr', stepSize: 2, gamma: 0.5 }],
  [0.004, { type: 'cosine-annealing-lr', tMax: 3, etaMin: 0.0005 }],
  [0.01, { type: 'linear-lr', startFactor: 0.25, endFactor: 1, totalIters: 4 }],
];

describe('digits mode: schedules and stopping count epochs over all the training digits', () => {
  it('has more than one slice to train per epoch', () => {
    expect(digitsSplit(spec).train.size).toBe(2400);
    expect(slices).toBe(3);
  });

  let torch: number[][];
  beforeAll(() => {
    const tasks = SCHEDULES.map(([lr, schedule]) => {
      const net = core.createNetwork({ inputs: 1, layers: [{ units: 1, activation: 'linear' }], optimizer: { learningRate: lr }, schedule });
      const resolved = Object.fromEntries(Object.entries(net.config.schedule!).map(([k, v]) => [k, typeof v === 'number' ? Math.fround(v) : v]));
      net.dispose();
      return { op: 'schedule', lr: Math.fround(lr), schedule: resolved, epochs: EPOCHS };
    });
    torch = JSON.parse(python([DRIVER], { input: JSON.stringify(tasks) })) as number[][];
  });

  it.each(SCHEDULES.map(([lr, s], i) => [`${s.type} ${JSON.stringify(s)} from ${lr}`, i] as const))('the rate of every epoch is PyTorch\'s, the same through its slices: %s', (_, i) => {
    const [lr, schedule] = SCHEDULES[i]!;
    const t = new Trainer(core);
    t.configure(setupOf({ optimizer: { type: 'adam', learningRate: lr }, schedule }), false);
    // The rate each tick leaves for the next slice, by the epoch that slice belongs to.
    const seen = new Map<number, number[]>();
    const note = (s: Snapshot) => seen.set(s.epoch, [...(seen.get(s.epoch) ?? []), s.learningRate]);
    let s = tick(t, { train: 'none' });
    note(s);
    let ticks = 0;
    while (s.epoch < EPOCHS) {
      s = tick(t);
      ticks++;
      // A slice, not an epoch, per tick: the epoch counter moves on every `slices`-th.
      expect(s.epochsRun).toBe(ticks % slices === 0 ? 1 : 0);
      expect(s.epoch).toBe(Math.floor(ticks / slices));
      if (s.epoch < EPOCHS) note(s);
    }
    expect(ticks).toBe(EPOCHS * slices);
    const rates: number[] = [];
    for (let e = 0; e < EPOCHS; e++) {
      const r = seen.get(e)!;
      expect(r.length).toBe(slices);
      expect(new Set(r).size, `epoch ${e}: ${r.join(', ')}`).toBe(1);
      rates.push(r[0]!);
    }
    const want = torch[i]!;
    let worst = 0;
    rates.forEach((r, e) => (worst = Math.max(worst, Math.abs(r - want[e]!) / want[e]!)));
    console.log(`[agreement] digits mode, lr per epoch (${slices} slices each) vs torch.optim.lr_scheduler, ${schedule.type}: max relative ${worst.toExponential(1)} over ${EPOCHS} epochs`);
    expect(worst).toBeLessThanOrEqual(2 ** -23);
    // One history record per epoch.
    expect(Array.from(t.history().curve.epochs)).toEqual(Array.from({ length: EPOCHS }, (_, e) => e + 1));
    t.dispose();
  });

  it('early stopping waits `patience` whole epochs, not slices', () => {
    // A rate of 0: the test loss never improves on the first epoch's, so patience 2 stops
    // at the end of epoch 3 (best at 1, then 2 epochs without a lower one).
    const t = new Trainer(core);
    t.configure(setupOf({ optimizer: { type: 'adam', learningRate: 0 }, stopping: { patience: 2 } }), false);
    let s = tick(t);
    let ticks = 1;
    while (!s.stopped && ticks < 20 * slices) (s = tick(t)), ticks++;
    expect(s.stopped).toBe('patience');
    expect(s.epoch).toBe(3);
    expect(ticks).toBe(3 * slices);
    t.dispose();
  });

  it('the train-loss rule reads the mean loss of the whole epoch, at its end', () => {
    // A rate of 0: every minibatch's loss is the loss of the same parameters, so the epoch's
    // mean over its 2,400 digits is what evaluating them all gives. A threshold just above
    // it stops at the first epoch's end, after all of its slices.
    const setup = setupOf({ optimizer: { type: 'adam', learningRate: 0 } });
    const net = core.createNetwork(setup.network);
    const split = digitsSplit(spec).train;
    const onehot = new Float32Array(split.size * 10);
    split.y.forEach((c, i) => (onehot[i * 10 + c] = 1));
    const mean = net.evaluate({ x: split.x, y: onehot }).loss;
    net.dispose();
    const t = new Trainer(core);
    t.configure({ ...setup, network: { ...setup.network, stopping: { trainLoss: mean * 1.0001 } } }, false);
    let s = tick(t);
    let ticks = 1;
    while (!s.stopped && ticks < 20) (s = tick(t)), ticks++;
    expect(s.stopped).toBe('train-loss');
    expect(s.epoch).toBe(1);
    expect(ticks).toBe(slices);
    const h = t.history();
    expect(Array.from(h.curve.epochs)).toEqual([1]);
    expect(h.curve.trainLoss[0]).toBeCloseTo(mean, 5);
    t.dispose();
  });

  it('"Continue from here" at an epoch\'s snapshot starts that epoch\'s slices afresh', () => {
    const t = new Trainer(core);
    t.configure(setupOf({}), false);
    // An epoch and one slice of the next.
    for (let k = 0; k <= slices; k++) tick(t);
    // The latest snapshot (taken at an epoch's end; the history may thin them out).
    const snaps = t.history().snapshots;
    const k = snaps.length - 1;
    const e = snaps[k]!.epoch;
    t.branch(k);
    let s = tick(t, { train: 'none' });
    expect(s.epoch).toBe(e);
    for (let i = 1; i < slices; i++) expect(tick(t).epoch).toBe(e);
    s = tick(t);
    expect(s.epoch).toBe(e + 1);
    expect(s.epochsRun).toBe(1);
    t.dispose();
  });
});
