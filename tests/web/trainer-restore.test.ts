// A restart's build (Trainer.configure with `restore`): a new trainer, as in a new worker,
// starts from the parameters and epoch of the last snapshot of the one that died (exactly)
// and trains on from there; a restore that does not fit the
// network's shape fails and leaves the network before it as it was.
import { beforeAll, expect, it } from 'vitest';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import type { Setup, Snapshot, TickRequest } from '../../web/src/worker/protocol.js';
import { Trainer } from '../../web/src/worker/trainer.js';

let core: MlpCore;
beforeAll(async () => {
  core = await loadCore();
});

const setup: Setup = {
  data: { kind: 'generated', spec: { name: 'spiral', noise: 0, trainRatio: 0.5, seed: 2 } },
  features: ['x1', 'x2', 'sinx1'],
  network: {
    inputs: 3,
    layers: [{ units: 6, activation: 'tanh' }, { units: 5, activation: 'relu' }, { units: 1, activation: 'tanh' }],
    loss: 'mse',
    optimizer: { type: 'sgd', learningRate: 0.03 },
    seed: 4,
  },
  batchSize: 10,
};

const tick = (train: TickRequest['train']): TickRequest => ({ train, maxEpochs: 1, budgetMs: 1000, full: true, main: null, thumbs: 0, params: true });
const params = (s: Snapshot) => ({ weights: s.params!.weights.map((w) => Array.from(w)), biases: s.params!.biases.map((b) => Array.from(b)) });

it('restores the weights and the epoch exactly, and trains on like the original', () => {
  const a = new Trainer(core);
  a.configure(setup, false);
  for (let i = 0; i < 7; i++) a.tick(tick('step'));
  const last = a.tick(tick('none'));
  expect(last.epoch).toBe(7);

  const b = new Trainer(core);
  const built = b.configure(setup, false, { params: last.params!, epoch: last.epoch });
  expect(built.kept).toBe(true);  // the chart and the epoch events go on
  const first = b.tick(tick('none'));
  expect(first.epoch).toBe(7);
  expect(params(first)).toEqual(params(last));
  expect(first.trainLoss).toBe(last.trainLoss);
  // It trains on from there (the shuffling generator and any optimizer state start afresh).
  const next = b.tick(tick('step'));
  expect(next.epoch).toBe(8);
  expect(params(next)).not.toEqual(params(last));
  a.dispose();
  b.dispose();
});

it('a restore that does not fit the network fails with the field named and keeps the network before it', () => {
  const t = new Trainer(core);
  t.configure(setup, false);
  t.tick(tick('step'));
  const before = t.tick(tick('none'));
  const wrong = { weights: before.params!.weights.slice(0, 2), biases: before.params!.biases };
  expect(() => t.configure(setup, false, { params: wrong, epoch: 50 })).toThrow(/weights: must be an array of 3 layers/);
  const after = t.tick(tick('none'));
  expect(after.epoch).toBe(1);
  expect(after.version).toBe(before.version);
  expect(params(after)).toEqual(params(before));
  t.dispose();
});
