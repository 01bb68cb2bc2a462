// The worker's training history: the bookkeeping of history.ts (every epoch at first, then
// thinning by doubling strides within the snapshot and byte budgets, epoch 0 always kept,
// branching drops later history, reset keeps a ghost), and the Trainer recording it on the
// real core: the budget holds for the largest network the UI allows, continuing from a
// snapshot is bit-exact, evaluating a snapshot changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import { HISTORY_LIMITS, TrainingHistory } from '../../web/src/worker/history.js';
import type { Setup, TickRequest } from '../../web/src/worker/protocol.js';
import { Trainer } from '../../web/src/worker/trainer.js';

const flowOf = (layers: number, e: number) => ({ gradNorm: Float32Array.from({ length: layers }, (_, l) => e + l / 10), updateRatio: new Float32Array(layers).fill(e / 100) });
const state = (epoch: number, bytes = 100) => (): Uint8Array => new Uint8Array(bytes).fill(epoch % 256);

describe('TrainingHistory', () => {
  it('keeps every epoch until the budget, then thins by doubling the stride; epoch 0 stays', () => {
    const h = new TrainingHistory({ maxSnapshots: 10, maxBytes: 1e9, maxCurve: 16 });
    h.start(0, state(0)());
    let saved = 0;
    for (let e = 1; e <= 9; e++) h.record({ epoch: e, steps: e * 5, trainLoss: 1 / e, ...flowOf(3, e) }, () => (saved++, state(e)()));
    expect(h.snapshots.map((s) => s.epoch)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(saved).toBe(9);
    h.record({ epoch: 10, steps: 50, trainLoss: 0.1, ...flowOf(3, 10) }, state(10));
    expect(h.snapshotEvery).toBe(2);
    expect(h.snapshots.map((s) => s.epoch)).toEqual([0, 2, 4, 6, 8, 10]);
    // Off the stride no state is asked for.
    saved = 0;
    for (let e = 11; e <= 200; e++) h.record({ epoch: e, steps: e * 5, trainLoss: 1 / e, ...flowOf(3, e) }, () => (saved++, state(e)()));
    const epochs = h.snapshots.map((s) => s.epoch);
    expect(epochs.length).toBeLessThanOrEqual(10);
    expect(epochs[0]).toBe(0);
    expect(epochs.every((e) => e % h.snapshotEvery === 0)).toBe(true);
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    expect(h.snapshotEvery).toBe(32);
    expect(epochs).toEqual([0, 32, 64, 96, 128, 160, 192]);
    expect(saved).toBeLessThan(40);
    expect(h.bytes).toBe(epochs.length * 100);
    const c = h.curve();
    expect(c.epochs.length).toBeLessThanOrEqual(16);
    expect(c.layers).toBe(3);
    expect([...c.epochs]).toEqual(Array.from({ length: c.epochs.length }, (_, i) => (i + 1) * 16));
    expect(c.trainLoss[0]).toBe(Math.fround(1 / 16));
    expect([...c.gradNorm.subarray(0, 3)]).toEqual([16, 16.1, 16.2].map(Math.fround));
  });

  it('the byte budget bounds the snapshots too', () => {
    const h = new TrainingHistory({ maxSnapshots: 1000, maxBytes: 2500, maxCurve: 100 });
    expect(h.capacity(1000)).toBe(2);
    expect(h.capacity(100)).toBe(25);
    h.start(0, state(0, 100)());
    for (let e = 1; e <= 300; e++) h.record({ epoch: e, steps: e, trainLoss: 1, ...flowOf(1, e) }, state(e, 100));
    expect(h.snapshots.length).toBeLessThanOrEqual(25);
    expect(h.bytes).toBeLessThanOrEqual(2500);
    expect(h.snapshots[0]!.epoch).toBe(0);
  });

  it('branch(k) drops the later snapshots and curve points; the test loss lands on its epoch; reset keeps a ghost', () => {
    const h = new TrainingHistory({ maxSnapshots: 100, maxBytes: 1e9, maxCurve: 100 });
    h.start(0, state(0)());
    for (let e = 1; e <= 20; e++) {
      h.record({ epoch: e, steps: e, trainLoss: 1 / e, ...flowOf(2, e) }, state(e));
      if (e % 5 === 0) h.evaluated(e, e / 1000);
    }
    const c = h.curve();
    expect(c.testLoss[4]).toBe(Math.fround(0.005));
    expect(Number.isNaN(c.testLoss[3]!)).toBe(true);
    const s = h.branch(8);
    expect(s.epoch).toBe(8);
    expect(s.state[0]).toBe(8);
    expect(h.snapshots.map((x) => x.epoch)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(h.bytes).toBe(900);
    expect([...h.curve().epochs]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Training on from there: epoch 9 again.
    h.record({ epoch: 9, steps: 9, trainLoss: 0.5, ...flowOf(2, 9) }, state(9));
    expect(h.snapshots.at(-1)!.trainLoss).toBe(0.5);
    expect(() => h.snapshot(10)).toThrow('snapshot: must be an integer in [0, 9], got 10');
    expect(() => h.branch(-1)).toThrow(RangeError);
    h.reset();
    expect(h.snapshots).toHaveLength(0);
    expect(h.bytes).toBe(0);
    expect([...h.ghost!.epochs]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // A reset of an empty run keeps the ghost it had.
    h.reset();
    expect(h.ghost!.epochs.length).toBe(9);
  });
});

describe('Trainer records the history', () => {
  let core: MlpCore;
  beforeAll(async () => {
    core = await loadCore();
  });
  const setup = (layers: number, units: number, features: Setup['features'], optimizer: Setup['network']['optimizer'], samples = 200): Setup => ({
    data: { kind: 'generated', spec: { name: 'spiral', samples, noise: 0, trainRatio: 0.5, seed: 1 } },
    features,
    network: { inputs: features.length, layers: [...Array.from({ length: layers }, () => ({ units, activation: 'tanh' as const })), { units: 1, activation: 'tanh' as const }], optimizer, seed: 3 },
    batchSize: 10,
  });
  const step: TickRequest = { train: 'step', maxEpochs: 1, budgetMs: 5, full: true, main: null, thumbs: 0, params: false };

  it('the largest network the UI allows stays within the budget (7 features, 10 × 32, Adam)', () => {
    const t = new Trainer(core);
    t.configure(setup(10, 32, ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'], { type: 'adam', learningRate: 0.001 }, 20), false);
    const size = t.network!.saveState().byteLength;
    expect(size).toBeGreaterThan(100_000);
    const cap = Math.floor(HISTORY_LIMITS.maxBytes / size);
    for (let e = 0; e < 2 * cap + 5; e++) t.tick(step);
    const h = t.history();
    expect(h.snapshots.length).toBeLessThanOrEqual(cap);
    expect(h.snapshots.length).toBeGreaterThan(cap / 4);
    expect(h.bytes).toBeLessThanOrEqual(HISTORY_LIMITS.maxBytes);
    expect(h.snapshotEvery).toBeGreaterThan(1);
    expect(h.curve.epochs.length).toBe(2 * cap + 5);
    expect(h.curve.layers).toBe(11);
    t.dispose();
  });

  it('continuing from a snapshot is exact; evaluating one changes nothing; a reset keeps the ghost', () => {
    const t = new Trainer(core);
    const s = setup(2, 6, ['x1', 'x2'], { type: 'momentum', learningRate: 0.05 });
    t.configure(s, false);
    const files: string[] = [t.serialize()];
    for (let e = 1; e <= 12; e++) {
      const snap = t.tick(step);
      expect(snap.epoch).toBe(e);
      files.push(t.serialize());
    }
    const h = t.history();
    expect(h.snapshots.map((x) => x.epoch)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(t.tick(step).snapshots).toBe(14);
    const now = t.serialize();
    const at5 = t.snapshot(5);
    expect(t.serialize()).toBe(now);
    expect(at5.epoch).toBe(5);
    expect(at5.stats).toHaveLength(3);
    expect(Number.isFinite(at5.trainLoss) && Number.isFinite(at5.testLoss)).toBe(true);
    const p5 = JSON.parse(files[5]!).parameters as { weights: number[][] };
    expect([...at5.params.weights[0]!]).toEqual(p5.weights[0]!.map(Math.fround));
    // Back to epoch 5, then 7 epochs on: the same network, bit for bit, as the first time.
    const b = t.branch(5);
    expect(b.snapshots.at(-1)!.epoch).toBe(5);
    expect(b.curve.epochs.at(-1)).toBe(5);
    expect(t.serialize()).toBe(files[5]);
    for (let e = 6; e <= 12; e++) expect(t.tick(step).epoch).toBe(e);
    expect(t.serialize()).toBe(files[12]);
    expect(() => t.snapshot(99)).toThrow(RangeError);
    // A new network: a new history, the old curve as the ghost.
    t.configure(s, false);
    const fresh = t.history();
    expect(fresh.snapshots.map((x) => x.epoch)).toEqual([0]);
    expect(fresh.curve.epochs.length).toBe(0);
    expect([...fresh.ghost!.epochs]).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    t.dispose();
  });

  it('stopping rules stop playing (the training-loss threshold; patience on the test split) until a new setting', () => {
    const t = new Trainer(core);
    const s = setup(1, 6, ['x1', 'x2'], { type: 'sgd', learningRate: 0.3 });
    const play: TickRequest = { ...step, train: 'play', maxEpochs: 500, budgetMs: Infinity };
    t.configure({ ...s, network: { ...s.network, stopping: { trainLoss: 0.9 } } }, false);
    const first = t.tick(play);
    expect(first.stopped).toBe('train-loss');
    expect(first.epoch).toBeLessThan(500);
    // The epoch that stopped is in the history; playing on trains nothing.
    expect(t.history().snapshots.at(-1)!.epoch).toBe(first.epoch);
    expect(t.history().snapshots.at(-1)!.trainLoss).toBeLessThanOrEqual(0.9);
    expect(t.tick(play).epochsRun).toBe(0);
    // New rules (as the settings would send): patience on the test loss (the spiral's test
    // loss at this rate wanders: it stops within a few epochs), and a schedule, applied live.
    const hyper = { optimizer: { type: 'sgd' as const, learningRate: 0.3 }, regularization: { type: 'none' as const, rate: 0 }, clipNorm: 0, batchSize: 10 };
    t.setHyper({ ...hyper, stopping: { patience: 3 }, schedule: { type: 'step-lr', stepSize: 1000, gamma: 5 } });
    const second = t.tick({ ...play, maxEpochs: 2000 });
    expect(second.stopped).toBe('patience');
    expect(second.epoch).toBeGreaterThan(first.epoch + 3);
    expect(t.network!.config.schedule!.gamma).toBe(5);
    const file = JSON.parse(t.serialize()) as { epochs: number; earlyStopping: { bestEpoch: number } };
    expect(file.epochs - file.earlyStopping.bestEpoch).toBe(3);
    t.setHyper({ ...hyper, stopping: { patience: 0 } });
    expect(t.tick(step).epochsRun).toBe(1);
    t.dispose();
  });

  it('without a history (the bench baseline) it trains the same and says so when asked', () => {
    const a = new Trainer(core), b = new Trainer(core, { history: false });
    const s = setup(1, 4, ['x1', 'x2'], { type: 'sgd', learningRate: 0.03 });
    a.configure(s, false);
    b.configure(s, false);
    for (let e = 0; e < 5; e++) expect(b.tick(step).snapshots).toBe(0), a.tick(step);
    expect(b.serialize()).toBe(a.serialize());
    expect(() => b.history()).toThrow('this trainer records no history');
    a.dispose();
    b.dispose();
  });
});
