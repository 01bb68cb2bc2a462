// The worker's "Step through one update" methods (worker/step-walk.ts through Trainer) on the
// real core: their numbers equal net.trace / gradients / previewStep of the library for the
// same parameters, optimizer state and point (a second network loaded from the trainer's
// file, the point's inputs from core.computeFeatures); walkStep changes nothing;
// applyWalkStep takes exactly the previewed step, for SGD, momentum and Adam.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore, type Network } from '../../web/src/core/index.js';
import type { OptimizerConfig } from '../../web/src/core/types.js';
import type { Setup, TickRequest } from '../../web/src/worker/protocol.js';
import { Trainer } from '../../web/src/worker/trainer.js';

let core: MlpCore;
beforeAll(async () => {
  core = await loadCore();
});

function setup(optimizer: OptimizerConfig, loss: 'mse' | 'bce' = 'mse'): Setup {
  return {
    data: { kind: 'generated', spec: { name: 'xor', noise: 0, trainRatio: 0.5, seed: 3 } },
    features: ['x1', 'x2', 'x1x2'],
    network: {
      inputs: 3,
      layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'relu' }, { units: 1, activation: loss === 'bce' ? 'sigmoid' : 'tanh' }],
      loss,
      optimizer,
      regularization: { type: 'l2', rate: 0.001 },
      seed: 5,
    },
    batchSize: 10,
  };
}

const step: TickRequest = { train: 'step', maxEpochs: 1, budgetMs: 5, full: true, main: null, thumbs: 0, params: true };

/** A trainer trained a few epochs, and an independent copy of its network (parameters and optimizer state). */
function trained(s: Setup): { t: Trainer; train: { x: Float32Array; y: Float32Array }; copy: Network } {
  const t = new Trainer(core, { history: false });
  const built = t.configure(s, false);
  for (let i = 0; i < 3; i++) t.tick(step);
  return { t, train: built.train, copy: core.loadNetwork(t.serialize()) };
}

const optimizers: OptimizerConfig[] = [
  { type: 'sgd', learningRate: 0.1 },
  { type: 'momentum', learningRate: 0.05, momentum: 0.8 },
  { type: 'adam', learningRate: 0.01 },
];

describe('walkStep', () => {
  for (const opt of optimizers) {
    it(`gives the library's trace, gradients and previewStep for the chosen point (${opt.type})`, () => {
      const { t, train, copy } = trained(setup(opt));
      const i = 7;
      const w = t.walkStep([i]);
      // The point's inputs, as the core's feature map computes them from its coordinates.
      const x = core.computeFeatures(train.x.subarray(2 * i, 2 * i + 2), 2, ['x1', 'x2', 'x1x2']);
      expect(Array.from(w.x)).toEqual(Array.from(x));
      // One tanh output with mse: the label as ±1.
      expect(Array.from(w.y)).toEqual([train.y[i] === 1 ? 1 : -1]);
      expect(w.points).toEqual([i]);
      expect(w.loss).toBe('mse');
      expect(w.optimizer.type).toBe(opt.type);
      expect(w.optimizer.learningRate).toBeCloseTo(opt.learningRate!, 7);
      expect(w.trace).toEqual(copy.trace(x));
      expect(w.gradients).toEqual(copy.gradients(x, w.y, { layers: true }));
      expect(w.preview).toEqual(copy.previewStep(x, w.y));
      if (opt.type === 'momentum') expect(w.preview.velocity).toBeDefined();
      if (opt.type === 'adam') expect(w.preview.mHat).toBeDefined();
      copy.dispose();
      t.dispose();
    });
  }

  it('leaves the network unchanged, and a minibatch is its points in order', () => {
    const { t, train, copy } = trained(setup({ type: 'adam', learningRate: 0.01 }, 'bce'));
    const before = t.serialize();
    const points = [0, 1, 2, 3, 4];
    const w = t.walkStep(points);
    expect(t.serialize()).toBe(before);
    const x = core.computeFeatures(train.x.subarray(0, 10), 2, ['x1', 'x2', 'x1x2']);
    expect(Array.from(w.x)).toEqual(Array.from(x));
    expect(Array.from(w.y)).toEqual(Array.from(train.y.subarray(0, 5)));
    expect(w.gradients).toEqual(copy.gradients(x, w.y, { layers: true }));
    expect(w.preview).toEqual(copy.previewStep(x, w.y));
    copy.dispose();
    t.dispose();
  });

  it('refuses points that are not training points', () => {
    const { t, train, copy } = trained(setup({ type: 'sgd', learningRate: 0.1 }));
    const n = train.y.length;
    expect(() => t.walkStep([n])).toThrow(/indices\[0\]/);
    expect(() => t.walkStep([])).toThrow(/points/);
    expect(() => t.walkStep([-1])).toThrow(/indices\[0\]/);
    copy.dispose();
    t.dispose();
  });
});

describe('applyWalkStep', () => {
  for (const opt of optimizers) {
    it(`moves the parameters by exactly the previewed step (${opt.type})`, () => {
      const { t, copy } = trained(setup(opt));
      const w = t.walkStep([2, 9]);
      const after = t.applyWalkStep([2, 9]);
      expect(after).toEqual(w.preview.after);
      // The library's own trainBatch on the copy lands on the same parameters and state.
      copy.trainBatch(w.x, w.y);
      expect(t.serialize()).toBe(copy.serialize());
      // The next step starts from the moved optimizer state (the slots' `after`).
      const next = t.walkStep([2, 9]);
      if (opt.type === 'momentum') expect(next.preview.velocity!.before).toEqual(w.preview.velocity!.after);
      if (opt.type === 'adam') expect(next.preview.m!.before).toEqual(w.preview.m!.after);
      expect(next.preview.step).toBe(w.preview.step + 1);
      copy.dispose();
      t.dispose();
    });
  }
});
