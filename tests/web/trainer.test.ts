// The worker's Trainer in Node on the real core: ticks train and evaluate what the views
// ask for, Step is one epoch, divergence stops training, imports are all-or-nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import type { Setup, TickRequest } from '../../web/src/worker/protocol.js';
import { stableSplit } from '../../web/src/worker/split.js';
import { Trainer } from '../../web/src/worker/trainer.js';

let core: MlpCore;
beforeAll(async () => {
  core = await loadCore();
});

const circle: Setup = {
  data: { kind: 'generated', spec: { name: 'circle', noise: 0, trainRatio: 0.5, seed: 1 } },
  features: ['x1', 'x2'],
  network: {
    inputs: 2,
    layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'tanh' }],
    loss: 'mse',
    optimizer: { type: 'sgd', learningRate: 0.03 },
    seed: 1,
  },
  batchSize: 10,
};

const view: TickRequest = {
  train: 'none', maxEpochs: 1, budgetMs: 5, full: true,
  main: { width: 64, height: 64, dims: 2, xRange: [-6, 6], yRange: [-6, 6], focus: null },
  thumbs: 10, params: true,
};

describe('stableSplit', () => {
  it('keeps every point on its side when points are added or removed', () => {
    const n = 400;
    const x = Float32Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 1.7) * 5);
    const y = Float32Array.from({ length: n }, (_, i) => i % 2);
    const d = { problem: 'classification' as const, dims: 2 as const, classes: 2, x, y, size: n };
    const a = stableSplit(d, 0.5, 3);
    expect(a.train.size + a.test.size).toBe(n);
    expect(Math.abs(a.train.size - n / 2)).toBeLessThan(n * 0.1);
    const more = { ...d, x: Float32Array.from([...x, 1.5, -2.5]), y: Float32Array.from([...y, 1]), size: n + 1 };
    const b = stableSplit(more, 0.5, 3);
    expect(Array.from(b.train.x.subarray(0, a.train.x.length))).toEqual(Array.from(a.train.x));
    expect(b.train.size + b.test.size).toBe(n + 1);
    // Another seed, another split; never an empty training set.
    expect(Array.from(stableSplit(d, 0.5, 4).train.y)).not.toEqual(Array.from(a.train.y));
    expect(stableSplit({ ...d, x: x.subarray(0, 2), y: y.subarray(0, 1), size: 1 }, 0.1, 1).train.size).toBe(1);
  });
});

describe('Trainer', () => {
  it('dispose() (what the worker runs before it is terminated) frees the network and its data', () => {
    const t = new Trainer(core);
    t.configure(circle, false);
    t.dispose();  // warm-up: runtime structures created on first use are not a leak
    const start = core.heapBytesInUse();
    const u = new Trainer(core);
    u.configure(circle, false);
    u.tick({ ...view, train: 'play', budgetMs: 20 });
    expect(core.heapBytesInUse()).toBeGreaterThan(start);
    u.dispose();
    expect(core.heapBytesInUse()).toBe(start);
  });

  it('stops playing at the requested epoch, never past it', () => {
    const t = new Trainer(core);
    t.configure(circle, false);
    // No time budget: a tick runs exactly maxEpochs (or up to the stop), however slow the machine.
    const play = { ...view, train: 'play' as const, maxEpochs: 7, budgetMs: Infinity, until: 10 };
    expect(t.tick(play).epoch).toBe(7);
    expect(t.tick(play).epoch).toBe(10);
    expect(t.tick(play).epochsRun).toBe(0);
    // Without a limit (Play again after the stop) it trains on.
    expect(t.tick({ ...play, until: undefined }).epoch).toBe(17);
    t.dispose();
  });

  it('builds, evaluates every view and trains', () => {
    const t = new Trainer(core);
    const built = t.configure(circle, false);
    expect(built.train.size).toBe(250);
    expect(built.layerSizes).toEqual([4, 2, 1]);
    expect(built.layers.map((l) => [l.type, l.activation, l.inputShape, l.outputShape])).toEqual([['dense', 'tanh', [2], [4]], ['dense', 'tanh', [4], [2]], ['dense', 'tanh', [2], [1]]]);
    const s0 = t.tick(view);
    expect(s0.epoch).toBe(0);
    expect(s0.main!.data.length).toBe(64 * 64);
    // The features' thumbnails come from featureGrid: the units' grid has no input planes.
    expect(s0.thumbs!.layerSizes).toEqual([0, 4, 2, 1]);
    expect(s0.thumbs!.data.length).toBe(7 * 100);
    expect(s0.params!.weights[0]!.length).toBe(8);
    const s1 = t.tick({ ...view, train: 'step' });
    expect(s1.epoch).toBe(1);
    let s = s1;
    // Each tick trains at least one epoch, however short its time budget.
    for (let i = 0; i < 50; i++) s = t.tick({ ...view, train: 'play', maxEpochs: 10 });
    expect(s.epoch).toBeGreaterThan(50);
    expect(s.trainLoss).toBeLessThan(s0.trainLoss * 0.5);
    expect(s.stepsPerSecond).toBeGreaterThan(0);
    t.dispose();
  });

  it('shows a focused unit and keeps weights for a data-only change', () => {
    const t = new Trainer(core);
    t.configure(circle, false);
    t.tick({ ...view, train: 'step' });
    const focus = t.tick({ ...view, main: { ...view.main!, focus: { layer: 1, unit: 2 } } });
    expect(focus.main!.planes).toBe(1);
    expect(focus.main!.focus).toEqual({ layer: 1, unit: 2 });
    const w = t.network!.getWeight(0, 0, 0);
    const drawn: Setup = {
      ...circle,
      data: { kind: 'custom', trainRatio: 0.5, seed: 1, points: core.makeDataset({ problem: 'classification', dims: 2, classes: 2, x: [1, 1, -1, -1, 2, 2, -2, -2], y: [0, 1, 0, 1] }) },
    };
    t.configure(drawn, false);
    const again = t.configure({ ...drawn, data: { ...drawn.data, trainRatio: 0.75 } as Setup['data'] }, true);
    expect(again.kept).toBe(true);
    expect(t.tick(view).epoch).toBe(0);
    expect(w).not.toBeNaN();
    t.dispose();
  });

  it('stops on divergence until a new setting', () => {
    const t = new Trainer(core);
    const setup: Setup = {
      data: { kind: 'generated', spec: { name: 'plane', noise: 0, trainRatio: 0.5, seed: 1 } },
      features: ['x1', 'x2', 'x1sq', 'x2sq'],
      network: { inputs: 4, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse', optimizer: { type: 'sgd', learningRate: 10 }, seed: 1 },
      batchSize: 10,
    };
    t.configure(setup, false);
    // Five epochs a tick whatever the machine's speed (no time budget), at most 105 epochs.
    const play = { ...view, train: 'play' as const, maxEpochs: 5, budgetMs: Infinity };
    let s = t.tick(play);
    for (let i = 0; i < 20 && !s.diverged; i++) s = t.tick(play);
    expect(s.diverged).toBe(true);
    const epoch = s.epoch;
    expect(t.tick({ ...view, train: 'play' }).epoch).toBe(epoch);
    t.setHyper({ optimizer: { type: 'sgd', learningRate: 0.0001 }, regularization: { type: 'none', rate: 0 }, clipNorm: 0, batchSize: 10 });
    expect(t.tick({ ...view, train: 'step' }).diverged).toBe(false);
    t.dispose();
  });

  it('applies gradient clipping live: each SGD step moves the parameters by at most lr × clipNorm', () => {
    const t = new Trainer(core);
    t.configure(circle, false);
    const flat = (s: { params: { weights: Float32Array[]; biases: Float32Array[] } | null }): number[] =>
      [...s.params!.weights, ...s.params!.biases].flatMap((a) => [...a]);
    const start = t.tick({ ...view, train: 'step' });
    const clip = 1e-3, lr = 0.03;
    t.setHyper({ optimizer: { type: 'sgd', learningRate: lr }, regularization: { type: 'none', rate: 0 }, clipNorm: clip, batchSize: 10 });
    expect((JSON.parse(t.serialize()) as { config: { clipNorm: number } }).config.clipNorm).toBeCloseTo(clip, 9);
    const next = t.tick({ ...view, train: 'step' });
    // Live: the same network trains on (no reset), one epoch further.
    expect(next.epoch).toBe(start.epoch + 1);
    const a = flat(start), b = flat(next);
    const moved = Math.hypot(...a.map((v, i) => b[i]! - v));
    const steps = next.steps - start.steps;
    expect(steps).toBeGreaterThan(1);
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThanOrEqual(steps * lr * clip * (1 + 1e-3));
    // Unclipped, the same epoch moves them much further.
    t.setHyper({ optimizer: { type: 'sgd', learningRate: lr }, regularization: { type: 'none', rate: 0 }, clipNorm: 0, batchSize: 10 });
    const free = t.tick({ ...view, train: 'step' });
    expect(Math.hypot(...b.map((v, i) => flat(free)[i]! - v))).toBeGreaterThan(10 * steps * lr * clip);
    t.dispose();
  });

  it('imports a matching network and refuses a mismatched one, keeping the current', () => {
    const t = new Trainer(core);
    t.configure(circle, false);
    for (let i = 0; i < 5; i++) t.tick({ ...view, train: 'step' });
    const json = t.serialize();
    const before = t.tick(view).trainLoss;
    const other = { ...circle, network: { ...circle.network, layers: [{ units: 3, activation: 'tanh' as const }, { units: 1, activation: 'tanh' as const }] } };
    expect(() => t.importNetwork(other, json)).toThrow(/does not match/);
    expect(t.tick(view).trainLoss).toBe(before);
    const t2 = new Trainer(core);
    t2.configure(circle, false);
    t2.importNetwork(circle, json);
    expect(t2.tick(view).trainLoss).toBeCloseTo(before, 6);
    t.dispose();
    t2.dispose();
  });
});
