// The npm library against the real wasm modules, SIMD and scalar builds alike: every API
// call, every error path with its message, dispose semantics, JSON round trips, seeds, and
// the convergence of the core's own tests reached through the JavaScript API.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, MlpCore, MlpError, Network, type NetworkConfig } from '../../web/src/core/index.js';

const xorConfig: NetworkConfig = {
  inputs: 2,
  layers: [
    { units: 8, activation: 'tanh' },
    { units: 1, activation: 'tanh' },
  ],
  optimizer: { type: 'adam', learningRate: 0.03 },
  seed: 1,
};

function expectMlpError(fn: () => unknown, ...fragments: string[]): MlpError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected an MlpError mentioning ${fragments[0]}`).toBeInstanceOf(MlpError);
  for (const f of fragments) expect((caught as Error).message).toContain(f);
  return caught as MlpError;
}

describe.each([
  ['simd', true],
  ['scalar', false],
])('%s build', (_name, simd) => {
  let mlp: MlpCore;
  beforeAll(async () => {
    mlp = await loadCore({ simd });
  });

  it('reports its build and vocabulary', () => {
    expect(mlp.simd).toBe(simd);
    expect(mlp.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(mlp.activations).toEqual([
      'linear', 'relu', 'leaky-relu', 'elu', 'tanh', 'sigmoid', 'softplus', 'swish', 'gelu', 'sin', 'softmax',
    ]);
    expect(mlp.losses).toEqual(['mse', 'bce', 'softmax-ce']);
    expect(mlp.optimizers).toEqual(['sgd', 'momentum', 'adam']);
    expect(mlp.inits).toEqual(['classic', 'xavier', 'he', 'zero']);
    expect(mlp.features).toEqual(['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2']);
    const names = mlp.datasets.map((d) => d.name);
    for (const n of ['circle', 'xor', 'gauss', 'spiral', 'moons', 'checkerboard', 'spiral-k', 'blobs-k',
      'plane', 'multi-gauss', 'sin', 'abs', 'step', 'sawtooth', 'x-sin-x']) {
      expect(names).toContain(n);
    }
  });

  it('trains XOR to 100 % through trainBatch, predict and evaluate', () => {
    const net = mlp.createNetwork(xorConfig);
    const x = new Float32Array([-1, -1, -1, 1, 1, -1, 1, 1]);
    const y = new Float32Array([1, -1, -1, 1]);
    const first = net.trainBatch(x, y);
    let last = first;
    for (let i = 0; i < 300; i++) last = net.trainBatch(x, y);
    expect(last).toBeLessThan(first / 10);
    const out = net.predict(x);
    expect(out).toHaveLength(4);
    expect(Array.from(out, (v) => Math.sign(v))).toEqual([1, -1, -1, 1]);
    expect(net.evaluate({ x, y }).accuracy).toBe(1);
    expect(net.steps).toBe(301);
    net.dispose();
  });

  it('reaches the core convergence targets on generated datasets', () => {
    const xor = mlp.generateDataset({ name: 'xor', seed: 3 });
    const net = mlp.createNetwork(xorConfig);
    const train = net.prepare(xor.train, ['x1', 'x2']);
    const r = net.trainEpoch(train, { batchSize: 10, epochs: 300 });
    expect(r).toMatchObject({ epochs: 300, diverged: false });
    expect(net.evaluate(train).accuracy).toBe(1);
    train.dispose();
    net.dispose();

    const spiral = mlp.generateDataset({ name: 'spiral-k', classes: 3, samples: 1200, seed: 6 });
    const net2 = mlp.createNetwork({
      inputs: 2,
      layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
      loss: 'softmax-ce',
      optimizer: { type: 'adam', learningRate: 0.01 },
      init: 'xavier',
      seed: 2,
    });
    const tr = net2.prepare(spiral.train, ['x1', 'x2']);
    const te = net2.prepare(spiral.test, ['x1', 'x2']);
    net2.trainEpoch(tr, { batchSize: 16, epochs: 300 });
    expect(net2.evaluate(te).accuracy).toBeGreaterThanOrEqual(0.95);
    net2.dispose();
    tr.dispose();
    te.dispose();
  });

  it('gets and sets parameters in PyTorch layout', () => {
    const net = mlp.createNetwork({ inputs: 3, layers: [{ units: 2, activation: 'linear' }] });
    const p = net.getParameters();
    expect(p.weights).toHaveLength(1);
    expect(p.weights[0]).toHaveLength(6);
    expect(p.biases[0]).toEqual(new Float32Array([0.1, 0.1]));
    net.setParameters({ weights: [new Float32Array([1, 2, 3, 4, 5, 6])], biases: [new Float32Array([0, 1])] });
    expect(net.getWeight(0, 1, 0)).toBe(4);
    expect(Array.from(net.predict(new Float32Array([1, 1, 1])))).toEqual([6, 16]);
    net.setWeight(0, 0, 2, -3);
    net.setBias(0, 0, 0.5);
    expect(net.getParameters().weights[0]![2]).toBe(-3);
    expect(net.getBias(0, 0)).toBe(0.5);
    expect(net.parameterCount).toBe(8);
    expect(net.layerSizes).toEqual([2]);
    net.dispose();
  });

  it('round-trips through JSON exactly and keeps training identically', () => {
    const data = mlp.generateDataset({ name: 'spiral', seed: 4, noise: 0.1 });
    const a = mlp.createNetwork({ ...xorConfig, optimizer: { type: 'momentum', learningRate: 0.05 }, regularization: { type: 'l2', rate: 1e-3 } });
    const ta = a.prepare(data.train, ['x1', 'x2']);
    a.trainEpoch(ta, { epochs: 3 });
    const text = a.serialize();
    const b = mlp.loadNetwork(text);
    const fromObject = mlp.loadNetwork(JSON.parse(JSON.stringify(a)));
    expect(b.serialize()).toBe(text);
    expect(fromObject.serialize()).toBe(text);
    const tb = b.prepare(data.train, ['x1', 'x2']);
    const ra = a.trainEpoch(ta, { epochs: 2 });
    const rb = b.trainEpoch(tb, { epochs: 2 });
    expect(rb.loss).toBe(ra.loss);
    expect(b.getParameters()).toEqual(a.getParameters());
    expect(b.config).toEqual(a.config);
    for (const o of [a, b, fromObject, ta, tb]) o.dispose();
  });

  it('is deterministic by seed and differs across seeds', () => {
    const d = mlp.generateDataset({ name: 'circle', seed: 9 });
    const d2 = mlp.generateDataset({ name: 'circle', seed: 9 });
    expect(d2.train.x).toEqual(d.train.x);
    expect(mlp.generateDataset({ name: 'circle', seed: 10 }).train.x).not.toEqual(d.train.x);
    const run = (seed: number) => {
      const net = mlp.createNetwork({ ...xorConfig, seed });
      const t = net.prepare(d.train, ['x1', 'x2']);
      const r = net.trainEpoch(t, { batchSize: 7, epochs: 3 });
      const p = net.getParameters();
      net.dispose();
      t.dispose();
      return { r, p };
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5).p).not.toEqual(run(6).p);
  });

  it('changes the learning rate and optimizer mid-training without a reset', () => {
    const net = mlp.createNetwork(xorConfig);
    const x = new Float32Array([0.5, -0.5]), y = new Float32Array([0.3]);
    net.trainBatch(x, y);
    const before = net.getParameters();
    net.setLearningRate(0);
    net.trainBatch(x, y);
    expect(net.getParameters()).toEqual(before);
    expect(net.config.optimizer.learningRate).toBe(0);
    expect(net.steps).toBe(2);
    net.setOptimizer({ type: 'sgd', learningRate: 0.1 });
    net.setRegularization({ type: 'l1', rate: 0.01 });
    net.setClipNorm(1);
    expect(net.config).toMatchObject({ optimizer: { type: 'sgd', learningRate: 0.1 }, regularization: { type: 'l1' }, clipNorm: 1 });
    net.trainBatch(x, y);
    expect(net.getParameters()).not.toEqual(before);
    net.reset();
    expect(net.steps).toBe(0);
    net.dispose();
  });

  it('evaluates every unit over a grid', () => {
    const net = mlp.createNetwork({ inputs: 3, layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'softmax' }], loss: 'softmax-ce' });
    const g = net.evaluateGrid({ width: 20, height: 10, xRange: [-2, 2], yRange: [-1, 1], features: ['x1', 'x2', 'x1x2'] });
    expect(g.layerSizes).toEqual([3, 4, 2]);
    expect(g.data).toHaveLength(9 * 200);
    // Layer 0 is the features at cell centres, top row first.
    expect(g.unit(0, 0)[0]).toBeCloseTo(-2 + 0.1, 6);
    expect(g.unit(0, 1)[0]).toBeCloseTo(1 - 0.1, 6);
    expect(g.unit(0, 2)[0]).toBeCloseTo((-2 + 0.1) * (1 - 0.1), 6);
    // Softmax outputs sum to 1, and the outputs-only grid agrees with predict.
    const p0 = g.unit(2, 0), p1 = g.unit(2, 1);
    for (let i = 0; i < 200; i++) expect(p0[i]! + p1[i]!).toBeCloseTo(1, 5);
    const outs = net.evaluateGrid({ width: 20, height: 10, xRange: [-2, 2], yRange: [-1, 1], features: ['x1', 'x2', 'x1x2'] }, { units: 'outputs', copy: false });
    expect(outs.layerSizes).toEqual([2]);
    const pred = net.predict(new Float32Array([-1.9, 0.9, -1.9 * 0.9]));
    expect(pred[1]).toBeCloseTo(g.unit(2, 1)[0]!, 6);
    const oneD = mlp.createNetwork({ inputs: 1, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'linear' }] });
    const g1 = oneD.evaluateGrid({ width: 50, dims: 1, xRange: [-Math.PI, Math.PI], features: ['x1'] });
    expect(g1.height).toBe(1);
    expect(g1.unit(2, 0)).toHaveLength(50);
    net.dispose();
    oneD.dispose();
  });

  it('builds datasets from user points and splits them', () => {
    const d = mlp.makeDataset({ problem: 'classification', dims: 2, classes: 3, x: [0, 0, 1, 1, 2, 2, 3, 3], y: [0, 1, 2, 1] });
    expect(d.size).toBe(4);
    const s = mlp.splitDataset(d, 0.5, 3);
    expect(s.train.size + s.test.size).toBe(4);
    expectMlpError(() => mlp.makeDataset({ problem: 'classification', dims: 2, classes: 2, x: [0, 0], y: [5] }), 'y');
    expectMlpError(() => mlp.makeDataset({ problem: 'classification', dims: 2, classes: 2, x: [0, NaN], y: [1] }), 'x');
    expectMlpError(() => mlp.makeDataset({ problem: 'regression', dims: 2, classes: 0, x: [0, 0, 1], y: [1] }), 'x', '2 dims');
  });

  describe('errors name the argument and change nothing', () => {
    it('rejects bad configs before touching wasm and in the core', () => {
      expectMlpError(() => mlp.createNetwork({ inputs: 0, layers: [{ units: 1, activation: 'tanh' }] }), 'inputs', '[1, 1024]', 'got 0');
      expectMlpError(() => mlp.createNetwork({ inputs: 2, layers: [] }), 'layers', 'non-empty');
      expectMlpError(() => mlp.createNetwork({ inputs: 2, layers: [{ units: 0, activation: 'tanh' }] }), 'layers[0].units');
      const e = expectMlpError(() => mlp.createNetwork({ inputs: 2, layers: [{ units: 2, activation: 'tanhh' as 'tanh' }] }),
        'layers[0].activation', '"tanhh"', '"leaky-relu"');
      expect(e.field).toBe('layers[0].activation');
      expectMlpError(() => mlp.createNetwork({ inputs: 2, layers: [{ units: 2, activation: 'softmax' }, { units: 1, activation: 'tanh' }] }),
        'layers[0].activation', 'last (output) layer only');
      expectMlpError(() => mlp.createNetwork({ inputs: 2, layers: [{ units: 1, activation: 'tanh' }], loss: 'bce' }), 'loss', 'sigmoid');
      expectMlpError(() => mlp.createNetwork({ ...xorConfig, optimizer: { type: 'adam', learningRate: NaN } }), 'optimizer.learningRate', 'finite');
      const neg = expectMlpError(() => mlp.createNetwork({ ...xorConfig, optimizer: { type: 'adam', learningRate: -1 } }), 'optimizer.learningRate', '>= 0');
      expect(neg.field).toBe('optimizer.learningRate');  // raised by the C++ core
      expectMlpError(() => mlp.createNetwork({ ...xorConfig, optimizer: { type: 'rmsprop' as 'sgd' } }), 'optimizer.type', '"adam"');
      expectMlpError(() => mlp.createNetwork({ ...xorConfig, seed: 1.5 }), 'seed', 'integer');
      expectMlpError(() => mlp.createNetwork({ ...xorConfig, colour: 'red' } as NetworkConfig), 'colour', 'unknown field');
      expectMlpError(() => mlp.createNetwork(null as unknown as NetworkConfig), 'config', 'object');
    });

    it('rejects bad arrays, names and values with the network unchanged', () => {
      const net = mlp.createNetwork(xorConfig);
      net.trainBatch(new Float32Array([1, 2]), new Float32Array([1]));
      const before = net.serialize();
      expectMlpError(() => net.trainBatch(new Float32Array([1, 2, 3]), new Float32Array([1])), 'x', 'multiple of 2');
      expectMlpError(() => net.trainBatch(new Float32Array([1, 2]), new Float32Array([1, 2])), 'y', '2 samples', 'x has 1');
      expectMlpError(() => net.trainBatch([1, 'a'] as unknown as number[], [1]), 'x', 'Float32Array');
      expectMlpError(() => net.trainBatch(new Float32Array([1, NaN]), new Float32Array([1])), 'x', 'finite', 'element 1');
      expectMlpError(() => net.predict(new Float32Array(3)), 'x');
      expectMlpError(() => net.setLearningRate(Infinity), 'learningRate');
      expectMlpError(() => net.setLearningRate(-0.5), 'learningRate', '>= 0');
      expectMlpError(() => net.setOptimizer({ type: 'adam', beta1: 2 }), 'optimizer.beta1');
      expectMlpError(() => net.setWeight(0, 9, 0, 1), 'unit', '[0, 7]');
      expectMlpError(() => net.setWeight(5, 0, 0, 1), 'layer');
      expectMlpError(() => net.setParameters({ weights: [new Float32Array(3)], biases: [] }), 'weights', '2 layers');
      expectMlpError(() => net.setParameters({ weights: [new Float32Array(16), new Float32Array(8)], biases: [new Float32Array(8), new Float32Array(2)] }), 'biases[1]', 'needs 1');
      expectMlpError(() => net.trainEpoch({ x: new Float32Array(2), y: new Float32Array(1) }, { batchSize: 0 }), 'batchSize');
      expectMlpError(() => net.trainEpoch({ x: new Float32Array(2), y: new Float32Array(1) }, { part: true, epochs: 3 }), 'epochs', 'one pass');
      expectMlpError(() => net.trainEpoch({ x: new Float32Array(2), y: new Float32Array(1) }, { part: true, test: { x: new Float32Array(2), y: new Float32Array(1) } }), 'test', 'endEpoch');
      expectMlpError(() => net.endEpoch({ loss: NaN }), 'loss', 'finite');
      expectMlpError(() => net.endEpoch({ loss: '0.5' as unknown as number }), 'loss', 'finite');
      expectMlpError(() => net.evaluateGrid({ width: 10, features: ['x1', 'x3' as 'x1'] }), 'grid.features[1]', '"sinx2"');
      expectMlpError(() => net.evaluateGrid({ width: 10, features: ['x1'] }), 'grid.features', 'network has 2');
      expectMlpError(() => net.evaluateGrid({ width: 0, features: ['x1', 'x2'] }), 'grid.width');
      expectMlpError(() => net.prepare(mlp.generateDataset({ name: 'spiral-k', classes: 3 }).train, ['x1', 'x2']), 'outputs', '3');
      expectMlpError(() => mlp.loadNetwork('{"format":"keras"}'), 'format');
      expectMlpError(() => mlp.loadNetwork('{nope'), 'json', 'not valid JSON');
      expectMlpError(() => mlp.generateDataset({ name: 'moon' }), 'name', '"moons"');
      expectMlpError(() => mlp.generateDataset({ name: 'circle', noise: 0.9 }), 'noise', '[0, 0.5]');
      expect(net.serialize()).toBe(before);
      net.dispose();
    });
  });

  it('refuses use after dispose with a clear error and supports Symbol.dispose', () => {
    const net = mlp.createNetwork(xorConfig);
    const data = mlp.createTrainingData(new Float32Array([1, 2]), new Float32Array([1]), { inputs: 2, outputs: 1 });
    net.dispose();
    net.dispose();  // twice is harmless
    expect(net.disposed).toBe(true);
    expectMlpError(() => net.predict(new Float32Array(2)), 'disposed');
    expectMlpError(() => net.config, 'disposed');
    const other = mlp.createNetwork(xorConfig);
    data.dispose();
    expectMlpError(() => other.trainEpoch(data), 'TrainingData has been disposed');
    const dispose = (Symbol as unknown as { dispose?: symbol }).dispose ?? Symbol.for('Symbol.dispose');
    (other as unknown as Record<symbol, () => void>)[dispose]!();
    expect(other.disposed).toBe(true);
    expect(other).toBeInstanceOf(Network);
  });

  it('reports divergence and rolls back to finite parameters', () => {
    const net = mlp.createNetwork({ inputs: 1, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }], optimizer: { type: 'sgd', learningRate: 10000 }, init: 'he' });
    const x = new Float32Array([3, -2, 1]), y = new Float32Array([100, -50, 20]);
    let r = { diverged: false, loss: 0, steps: 0, epochs: 0 };
    for (let i = 0; i < 100 && !r.diverged; i++) r = net.trainEpoch({ x, y }, { batchSize: 3 });
    expect(r.diverged).toBe(true);
    expect(net.diverged).toBe(true);
    const p = net.getParameters();
    for (const w of [...p.weights, ...p.biases]) for (const v of w) expect(Number.isFinite(v)).toBe(true);
    net.setLearningRate(1e-6);
    expect(net.trainEpoch({ x, y }, { batchSize: 3 }).diverged).toBe(false);
    net.dispose();
  });
});

describe('loading', () => {
  it('auto-selects SIMD here and rejects bad options', async () => {
    const auto = await loadCore();
    expect(auto.simd).toBe(true);
    await expect(loadCore({ simd: 'yes' as unknown as boolean })).rejects.toThrow(/simd: must be true, false or "auto"/);
    await expect(loadCore({ wasmBinary: new Uint8Array([1, 2, 3]) })).rejects.toThrow(/could not load the wasm core/);
    await expect(loadCore({ lazyExporters: 'yes' as unknown as boolean })).rejects.toThrow(/lazyExporters: must be true or false/);
  });

  it("names the companion package when the npm package's scalar build is not installed", async () => {
    // The package's loader of the scalar build (scripts/bundle-lib.mjs swaps it in); the
    // repository does not install mlp-playground-scalar, so the import fails here.
    const { loadScalarBuild, SCALAR_PACKAGE } = await import('../../web/src/core/scalar-package.js');
    expect(SCALAR_PACKAGE).toBe('mlp-playground-scalar');
    const e = await loadScalarBuild().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MlpError);
    expect((e as MlpError).field).toBe('simd');
    expect((e as MlpError).message).toMatch(/separate package mlp-playground-scalar; install it next to mlp-playground, the same version \(npm install mlp-playground-scalar\)\. Importing it failed: /);
  });

  it('leaves the exporters out until loadExporters() with lazyExporters', async () => {
    const lazy = await loadCore({ lazyExporters: true });
    const net = lazy.createNetwork({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'tanh' }] });
    const fails = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return null;
    };
    for (const f of [() => net.toONNX(), () => net.toPyTorch(), () => lazy.loadONNX(new Uint8Array(8))]) {
      const e = fails(f);
      expect(e).toBeInstanceOf(MlpError);
      expect((e as MlpError).field).toBe('exporters');
      expect((e as MlpError).message).toMatch(/await core.loadExporters\(\) first/);
    }
    await lazy.loadExporters();
    const bytes = net.toONNX();
    expect(bytes.length).toBeGreaterThan(0);
    // The same graph as an eagerly loaded core writes, and it reads back.
    const eager = await loadCore();
    const again = eager.loadNetwork(net.serialize());
    expect(again.toONNX()).toEqual(bytes);
    const back = lazy.loadONNX(bytes);
    expect(back.getParameters()).toEqual(net.getParameters());
    await lazy.loadExporters();  // a second call is a no-op
    for (const n of [net, again, back]) n.dispose();
  });
});
