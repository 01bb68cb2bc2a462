// The site's first-load core (core/lite.ts: the SIMD module without the network file, the
// introspection and the loss surface) on the real wasm: it trains bit for bit like the full
// module (same seed, same parameters, losses and grids), a call it lacks throws an MlpError
// naming it (never a TypeError), and a Trainer moved from it to the full core mid-run
// (Trainer.switchCore, what the worker does on the first export or step walk) goes on
// exactly like one that ran on the full core from the start: parameters, optimizer state,
// epoch, history and the exported file.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, MlpError, type MlpCore, type NetworkConfig } from '../../web/src/core/index.js';
import { loadLiteCore } from '../../web/src/core/lite.js';
import { HISTORY_LIMITS } from '../../web/src/worker/history.js';
import type { Hyper, Setup, Snapshot, TickRequest } from '../../web/src/worker/protocol.js';
import { Trainer } from '../../web/src/worker/trainer.js';

let full: MlpCore;
let lite: MlpCore;
beforeAll(async () => {
  full = await loadCore({ simd: true });
  lite = await loadLiteCore({ simd: true });
});

/** The bytes of a float array: equal bytes is bit-identical (NaN payloads and −0 included). */
const bits = (a: Float32Array): Uint8Array => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
const flat = (p: { weights: Float32Array[]; biases: Float32Array[] }): Uint8Array[] => [...p.weights, ...p.biases].map(bits);

describe('the lite module', () => {
  it('is the lite build, with the full one\'s vocabulary; the package\'s loadCore is never lite', () => {
    expect(lite.lite).toBe(true);
    expect(full.lite).toBe(false);
    expect(lite.simd).toBe(true);
    for (const key of ['version', 'activations', 'losses', 'optimizers', 'regularizations', 'inits', 'features', 'schedules', 'layerTypes', 'paddings', 'memoryBudget'] as const) {
      expect(lite[key], key).toEqual(full[key]);
    }
    expect(lite.datasets).toEqual(full.datasets);
    expect(lite.featureCatalog).toEqual(full.featureCatalog);
  });

  it('without SIMD, loadLiteCore gives the full scalar module', async () => {
    const scalar = await loadLiteCore({ simd: false });
    expect(scalar.lite).toBe(false);
    expect(scalar.simd).toBe(false);
    const net = scalar.createNetwork({ inputs: 2, layers: [{ units: 1, activation: 'tanh' }] });
    expect(JSON.parse(net.serialize()).format).toBeDefined();
    net.dispose();
  });

  it('a call it lacks throws an MlpError naming it, and the network stays usable', () => {
    const net = lite.createNetwork({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'tanh' }], seed: 3 });
    const x = new Float32Array([0.5, -0.5, 1, 2]);
    const y = new Float32Array([1, -1]);
    const data = { x, y };
    const calls: [string, () => unknown][] = [
      ['toJson', () => net.serialize()],
      ['configJson', () => net.config],
      ['trace', () => net.trace(x)],
      ['gradients', () => net.gradients(x, y)],
      ['previewStep', () => net.previewStep(x, y)],
      ['layerStats', () => net.layerStats(data)],
      ['lossSurface', () => net.lossSurface(data)],
      ['fromJson', () => lite.loadNetwork('{}')],
    ];
    for (const [name, fn] of calls) {
      let error: unknown;
      try {
        fn();
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(MlpError);
      expect((error as MlpError).field, name).toBe(name);
      expect((error as Error).message, name).toMatch(new RegExp(`^${name}: not in the playground's lite core`));
    }
    const before = net.getParameters();
    net.trainBatch(x, y);
    expect(flat(net.getParameters())).not.toEqual(flat(before));
    net.dispose();
  });
});

const CASES: { name: string; config: NetworkConfig; data: { name: string; classes?: number }; features: readonly string[] }[] = [
  {
    name: 'tanh, MSE, SGD (the playground default)',
    config: { inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'tanh' }], loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.03 }, seed: 7 },
    data: { name: 'circle' },
    features: ['x1', 'x2'],
  },
  {
    name: 'relu and residual, softmax cross-entropy, Adam, L2, clipping, a schedule',
    config: {
      inputs: 4,
      layers: [{ units: 8, activation: 'relu' }, { units: 8, activation: 'relu', residual: true }, { units: 3, activation: 'softmax' }],
      loss: 'softmax-ce',
      optimizer: { type: 'adam', learningRate: 0.01 },
      regularization: { type: 'l2', rate: 0.001 },
      clipNorm: 1,
      schedule: { type: 'step-lr', stepSize: 10, gamma: 0.5 },
      seed: 11,
    },
    data: { name: 'blobs-k', classes: 3 },
    features: ['x1', 'x2', 'x1x2', 'sinx1'],
  },
];

describe('training: lite and full are bit-identical for the same seed', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const runs = [lite, full].map((core) => {
        const split = core.generateDataset({ name: c.data.name, samples: 200, noise: 0.1, trainRatio: 0.7, seed: 5, ...(c.data.classes ? { classes: c.data.classes } : {}) });
        const net = core.createNetwork(c.config);
        const train = net.prepare(split.train, c.features as never);
        const losses: number[] = [];
        for (let e = 0; e < 25; e++) losses.push(net.trainEpoch(train, { batchSize: 10, epochs: 1 }).loss);
        const grid = net.evaluateGrid({ width: 33, height: 17, xRange: [-6, 6], yRange: [-6, 6], dims: 2, features: c.features as never }, { units: 'all', copy: true });
        const out = { split, losses, params: flat(net.getParameters()), state: net.saveState(), grid: bits(grid.data), metrics: net.evaluate(train) };
        train.dispose();
        net.dispose();
        return out;
      });
      const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
      expect(bits(a.split.train.x)).toEqual(bits(b.split.train.x));
      expect(a.losses).toEqual(b.losses);
      expect(a.losses[24]).toBeLessThan(a.losses[0]!);
      expect(a.params).toEqual(b.params);
      expect(a.state).toEqual(b.state);
      expect(a.grid).toEqual(b.grid);
      expect(a.metrics).toEqual(b.metrics);
    });
  }
});

const setup: Setup = {
  data: { kind: 'generated', spec: { name: 'spiral', noise: 0.05, trainRatio: 0.5, seed: 2 } },
  features: ['x1', 'x2', 'sinx1'],
  network: {
    inputs: 3,
    layers: [{ units: 6, activation: 'tanh' }, { units: 5, activation: 'tanh' }, { units: 1, activation: 'tanh' }],
    loss: 'mse',
    optimizer: { type: 'sgd', learningRate: 0.03 },
    stopping: { patience: 50 },
    seed: 4,
  },
  batchSize: 10,
};
const adam: Hyper = { optimizer: { type: 'adam', learningRate: 0.01 }, regularization: { type: 'l1', rate: 0.0005 }, clipNorm: 2, batchSize: 7 };
const tick = (train: TickRequest['train']): TickRequest => ({
  train, maxEpochs: 1, budgetMs: 1000, full: true, params: true, thumbs: 8,
  main: { width: 24, height: 24, xRange: [-6, 6], yRange: [-6, 6], dims: 2, focus: null },
});
/** What must be the same between two trainers: everything but the timing figures. */
const same = (s: Snapshot) => ({
  version: s.version, epoch: s.epoch, steps: s.steps, trainLoss: s.trainLoss, testLoss: s.testLoss, trainAccuracy: s.trainAccuracy,
  testAccuracy: s.testAccuracy, epochsRun: s.epochsRun, learningRate: s.learningRate, diverged: s.diverged, stopped: s.stopped,
  main: bits(s.main!.data as Float32Array), thumbs: bits(s.thumbs!.data), params: flat(s.params!), snapshots: s.snapshots,
});
// Every epoch a snapshot, whatever the machine's speed (the default thins by time spent).
const history = { ...HISTORY_LIMITS, maxCostShare: Infinity };

describe('Trainer.switchCore: from the lite core to the full one mid-run', () => {
  it('goes on exactly like a trainer on the full core from the start (optimizer state, epoch, history, the file)', async () => {
    const a = new Trainer(full, { history });
    const b = new Trainer(lite, { history });
    for (const t of [a, b]) {
      t.configure(setup, false);
      for (let i = 0; i < 3; i++) t.tick(tick('step'));
      t.setHyper(adam);  // Adam's moments are state the switch must carry
      for (let i = 0; i < 4; i++) t.tick(tick('step'));
      t.setWeight(1, 2, 3, 0.25);
      t.setBias(2, 0, -0.5);
      t.tick(tick('step'));
    }
    expect(same(b.tick(tick('none')))).toEqual(same(a.tick(tick('none'))));
    expect(() => b.serialize()).toThrow(MlpError);

    const net = b.network;
    b.switchCore(full);
    expect(b.core).toBe(full);
    expect(b.network).not.toBe(net);
    expect(net!.disposed).toBe(true);
    expect(b.network!.saveState()).toEqual(a.network!.saveState());
    expect(b.serialize()).toBe(a.serialize());
    await a.exportPyTorch({ features: setup.features, dims: 2, problem: 'regression', classes: 2, batchSize: 7 }).then(async (script) => {
      expect(await b.exportPyTorch({ features: setup.features, dims: 2, problem: 'regression', classes: 2, batchSize: 7 })).toBe(script);
    });
    // The history recorded on the lite core: the same states, evaluated on the full one.
    const ha = a.history(), hb = b.history();
    expect(hb.snapshots).toEqual(ha.snapshots);
    expect(hb.snapshots.length).toBe(9);
    const sa = a.snapshot(4), sb = b.snapshot(4);
    expect(flat(sb.params)).toEqual(flat(sa.params));
    expect(sb.stats).toEqual(sa.stats);
    for (let i = 0; i < 5; i++) expect(same(b.tick(tick('step')))).toEqual(same(a.tick(tick('step'))));
    expect(b.walkStep([0, 3, 5])).toEqual(a.walkStep([0, 3, 5]));
    expect(b.branch(6)).toEqual(a.branch(6));
    expect(same(b.tick(tick('step')))).toEqual(same(a.tick(tick('step'))));
    a.dispose();
    b.dispose();
  });

  it('user points and a data change that keeps the weights come over the same way', () => {
    const custom = (x: number[], y: number[]): Setup => ({
      ...setup,
      data: { kind: 'custom', points: { problem: 'classification', dims: 2, classes: 2, size: y.length, x: Float32Array.from(x), y: Float32Array.from(y) }, trainRatio: 0.67, seed: 9 },
    });
    const xs = [0, 0, 1, 1, -1, 2, 2, -2, 0.5, -0.5, -3, 1], ys = [0, 1, 0, 1, 1, 0];
    const points = custom(xs, ys);
    const more = custom([...xs, 4, 4], [...ys, 1]);
    const a = new Trainer(full, { history });
    const b = new Trainer(lite, { history });
    for (const t of [a, b]) {
      t.configure(points, false);
      for (let i = 0; i < 3; i++) t.tick(tick('step'));
      expect(t.configure(more, true).kept).toBe(true);
      t.tick(tick('step'));
    }
    b.switchCore(full);
    for (let i = 0; i < 3; i++) expect(same(b.tick(tick('step')))).toEqual(same(a.tick(tick('step'))));
    expect(b.serialize()).toBe(a.serialize());
    a.dispose();
    b.dispose();
  });

  it('before any network, only the core changes; switching to the same core changes nothing', () => {
    const t = new Trainer(lite);
    t.switchCore(full);
    expect(t.core).toBe(full);
    t.configure(setup, false);
    const net = t.network;
    t.switchCore(full);
    expect(t.network).toBe(net);
    t.dispose();
  });
});
