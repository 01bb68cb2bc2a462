// Every lesson's claim, checked numerically through the library (the lessons' live
// playgrounds show the same experiments). One describe per lesson, numbered as in Learn.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Activation,
  type Dataset,
  type Feature,
  loadCore,
  type MlpCore,
  type Network,
  type NetworkConfig,
} from '../../web/src/core/index.js';
import { collapseLinear, linearRegions, rmse } from '../../web/src/lesson-presets/analysis.js';

let mlp: MlpCore;
beforeAll(async () => {
  mlp = await loadCore();
});

const XY: Feature[] = ['x1', 'x2'];

function net(hidden: Array<[number, Activation]>, out: { units?: number; activation?: Activation; loss?: NetworkConfig['loss'] } = {},
  extra: Partial<NetworkConfig> & { inputs?: number } = {}): Network {
  return mlp.createNetwork({
    inputs: extra.inputs ?? 2,
    layers: [...hidden.map(([units, activation]) => ({ units, activation })), { units: out.units ?? 1, activation: out.activation ?? 'tanh' }],
    loss: out.loss ?? 'mse',
    optimizer: { type: 'adam', learningRate: 0.03 },
    seed: 1,
    ...extra,
  });
}

/** Trains on train, returns train/test accuracy and loss. */
function fit(n: Network, train: Dataset, test: Dataset, features: Feature[], epochs: number, batchSize = 10) {
  const tr = n.prepare(train, features);
  const te = n.prepare(test, features);
  n.trainEpoch(tr, { batchSize, epochs });
  const r = { train: n.evaluate(tr), test: n.evaluate(te) };
  tr.dispose();
  te.dispose();
  return r;
}

describe('1. one linear layer draws one straight line', () => {
  it('cannot separate XOR or the circle', () => {
    for (const name of ['xor', 'circle']) {
      const d = mlp.generateDataset({ name, seed: 2 });
      const n = net([]);
      const r = fit(n, d.train, d.test, XY, 100);
      expect(r.train.accuracy, name).toBeLessThanOrEqual(0.75);
      n.dispose();
    }
  });
});

describe('2. stacking linear layers is still linear', () => {
  it('a deep linear network is one matrix and fails on the circle', () => {
    const d = mlp.generateDataset({ name: 'circle', seed: 2 });
    const n = net([[8, 'linear'], [8, 'linear'], [8, 'linear']], { activation: 'linear' });
    const r = fit(n, d.train, d.test, XY, 100);
    expect(r.train.accuracy).toBeLessThanOrEqual(0.75);
    const m = collapseLinear(n.getParameters(), 2);
    expect(m.outputs).toBe(1);
    const x = new Float32Array([1.5, -2, -4, 3, 0.25, 5]);
    const y = n.predict(x);
    for (let s = 0; s < 3; s++) {
      const want = m.weight[0]! * x[2 * s]! + m.weight[1]! * x[2 * s + 1]! + m.bias[0]!;
      expect(y[s]).toBeCloseTo(want, 4);
    }
    n.dispose();
  });
});

describe('3. a nonlinearity bends the boundary', () => {
  it('the same shapes with tanh solve XOR and the circle', () => {
    for (const name of ['xor', 'circle']) {
      const d = mlp.generateDataset({ name, seed: 2 });
      const n = net([[8, 'tanh'], [8, 'tanh']]);
      const r = fit(n, d.train, d.test, XY, 150);
      expect(r.train.accuracy, name).toBeGreaterThanOrEqual(0.98);
      expect(r.test.accuracy, name).toBeGreaterThanOrEqual(0.95);
      n.dispose();
    }
  });
});

describe('4. composition: each layer straightens the data for the next', () => {
  it('the last hidden layer makes the circle linearly separable', () => {
    const d = mlp.generateDataset({ name: 'circle', seed: 3 });
    const n = net([[6, 'tanh'], [2, 'tanh']]);
    fit(n, d.train, d.test, XY, 150);
    // The 2-unit layer's view of the data: its two outputs for every training point.
    const g = n.evaluateGrid({ width: 1, height: 1, features: XY });
    expect(g.layerSizes).toEqual([2, 6, 2, 1]);
    const p = n.getParameters();
    const hiddenOf = (x1: number, x2: number) => {
      let a: number[] = [x1, x2];
      for (let l = 0; l < 2; l++) {
        const w = p.weights[l]!, b = p.biases[l]!;
        a = Array.from(b, (bo, o) => Math.tanh(bo + a.reduce((s, v, i) => s + w[o * a.length + i]! * v, 0)));
      }
      return a;
    };
    // A single linear unit trained on the transformed points separates them.
    const h = new Float32Array(d.train.size * 2);
    for (let i = 0; i < d.train.size; i++) h.set(hiddenOf(d.train.x[2 * i]!, d.train.x[2 * i + 1]!), 2 * i);
    const linear = net([]);
    const transformed = linear.prepare({ ...d.train, x: h }, XY);
    linear.trainEpoch(transformed, { epochs: 100 });
    expect(linear.evaluate(transformed).accuracy).toBeGreaterThanOrEqual(0.97);
    // ... while the raw inputs are not (lesson 1).
    for (const o of [n, linear, transformed]) o.dispose();
  });
});

describe('5. universal approximation in 1-D', () => {
  const fitError = (name: string, units: number) => {
    const d = mlp.generateDataset({ name, seed: 4, trainRatio: 1 });
    const n = mlp.createNetwork({
      inputs: 1,
      layers: [{ units, activation: 'tanh' }, { units: 1, activation: 'linear' }],
      optimizer: { type: 'adam', learningRate: 0.01 },
      init: 'xavier',
      seed: 5,
    });
    const t = n.prepare(d.train, ['x1']);
    n.trainEpoch(t, { batchSize: 10, epochs: 1500 });
    const e = rmse(n.predict(d.train.x), d.train.y);
    t.dispose();
    n.dispose();
    return e;
  };
  it('32 hidden units fit |x| and x·sin x better than 4', () => {
    for (const name of ['abs', 'x-sin-x']) {
      const [few, many] = [fitError(name, 4), fitError(name, 32)];
      expect(many, `${name}: 32 units ${many} vs 4 units ${few}`).toBeLessThan(few * 0.6);
    }
  });
  it('one unit cannot draw a sine; a few can', () => {
    expect(fitError('sin', 1)).toBeGreaterThan(0.2);
    expect(fitError('sin', 4)).toBeLessThan(0.05);
  });
});

describe('6. ReLU networks are piecewise linear', () => {
  const regionsOf = (hidden: Array<[number, Activation]>) => {
    const d = mlp.generateDataset({ name: 'spiral', seed: 6 });
    const n = net(hidden, {}, { init: 'he' });
    fit(n, d.train, d.test, XY, 100);
    const g = n.evaluateGrid({ width: 200, height: 200, features: XY });
    const regions = linearRegions(g, [...hidden.map((h) => h[1]), 'tanh']);
    const params = n.parameterCount;
    n.dispose();
    return { regions: regions.count, params };
  };
  it('a trained ReLU net has many linear regions, within the arrangement bound', () => {
    const k = 40;
    const wide = regionsOf([[k, 'relu']]);
    expect(wide.regions).toBeGreaterThan(1);
    // k lines cut the plane into at most 1 + k + k(k-1)/2 pieces.
    expect(wide.regions).toBeLessThanOrEqual(1 + k + (k * (k - 1)) / 2);
    expect(regionsOf([[8, 'linear'], [8, 'linear']]).regions).toBe(1);
  });
  it('depth and width at equal size give different region counts (both reported)', () => {
    const wide = regionsOf([[40, 'relu']]);
    const deep = regionsOf([[6, 'relu'], [6, 'relu'], [6, 'relu'], [6, 'relu']]);
    expect(Math.abs(deep.params - wide.params) / wide.params).toBeLessThan(0.1);
    expect(deep.regions).toBeGreaterThan(1);
    expect(deep.regions).not.toBe(wide.regions);
  });
});

describe('7. structure is a prior', () => {
  it('x1² and x2² make the circle linearly separable', () => {
    const d = mlp.generateDataset({ name: 'circle', seed: 7 });
    const n = net([]);
    expect(fit(n, d.train, d.test, ['x1sq', 'x2sq'], 100).test.accuracy).toBeGreaterThanOrEqual(0.98);
    n.dispose();
  });
  it('the spiral needs depth or sin features', () => {
    const d = mlp.generateDataset({ name: 'spiral', seed: 7 });
    const flat = net([]);
    const deep = net([[16, 'tanh'], [16, 'tanh']], {}, { optimizer: { type: 'adam', learningRate: 0.01 } });
    const sines = net([[8, 'tanh']], {}, { inputs: 4 });
    const a = fit(flat, d.train, d.test, XY, 200).train.accuracy;
    const b = fit(deep, d.train, d.test, XY, 300).train.accuracy;
    const c = fit(sines, d.train, d.test, ['x1', 'x2', 'sinx1', 'sinx2'], 300).train.accuracy;
    expect(a).toBeLessThanOrEqual(0.7);
    expect(b).toBeGreaterThanOrEqual(0.9);
    expect(c).toBeGreaterThanOrEqual(0.9);
    for (const n of [flat, deep, sines]) n.dispose();
  });
});

describe('8. data and loss decide what is learned', () => {
  it('few noisy points overfit (train loss falls, test loss rises) and L2 reins it in', () => {
    const d = mlp.generateDataset({ name: 'x-sin-x', samples: 40, noise: 0.3, trainRatio: 0.5, seed: 2 });
    const run = (rate: number) => {
      const n = mlp.createNetwork({
        inputs: 1,
        layers: [{ units: 32, activation: 'tanh' }, { units: 32, activation: 'tanh' }, { units: 1, activation: 'linear' }],
        optimizer: { type: 'adam', learningRate: 0.01 },
        regularization: { type: 'l2', rate },
        init: 'xavier',
      });
      const tr = n.prepare(d.train, ['x1']), te = n.prepare(d.test, ['x1']);
      let best = Infinity;
      for (let e = 0; e < 100; e++) {
        n.trainEpoch(tr, { batchSize: 4, epochs: 20 });
        best = Math.min(best, n.evaluate(te).loss);
      }
      const r = { train: n.evaluate(tr).loss, test: n.evaluate(te).loss, best };
      for (const o of [n, tr, te]) o.dispose();
      return r;
    };
    const plain = run(0);
    expect(plain.train).toBeLessThan(plain.test / 3);      // it fits the noise...
    expect(plain.test).toBeGreaterThan(plain.best * 1.5);  // ...and the test loss rose from its best
    expect(run(0.003).test).toBeLessThan(plain.test * 0.8);
  });
  it('cross-entropy keeps learning from a confidently wrong sigmoid output; mse barely moves', () => {
    const grad = (loss: 'bce' | 'mse') => {
      const n = mlp.createNetwork({ inputs: 1, layers: [{ units: 1, activation: 'sigmoid' }], loss, optimizer: { type: 'sgd', learningRate: 0 } });
      n.setParameters({ weights: [new Float32Array([-10])], biases: [new Float32Array([0])] });
      n.trainBatch(new Float32Array([1]), new Float32Array([1]));  // z = -10, target 1
      const g = Math.abs(n.getGradients().biases[0]![0]!);
      n.dispose();
      return g;
    };
    expect(grad('bce')).toBeGreaterThan(0.99);     // sigma(z) - t ~ -1
    expect(grad('mse')).toBeLessThan(1e-3);        // 2 (sigma - t) sigma' ~ 9e-5
  });
});

describe('9. limits: the network only knows where it saw data', () => {
  it('three nets that all solve XOR disagree far outside the data', () => {
    const d = mlp.generateDataset({ name: 'xor', seed: 9 });
    const grids = [1, 2, 3].map((seed) => {
      const n = net([[8, 'tanh'], [8, 'tanh']], {}, { seed, init: 'xavier' });
      expect(fit(n, d.train, d.test, XY, 200).test.accuracy).toBeGreaterThanOrEqual(0.95);
      const g = n.evaluateGrid({ width: 120, height: 120, xRange: [-60, 60], yRange: [-60, 60], features: XY }, { units: 'outputs' }).data;
      n.dispose();
      return g;
    });
    let near = 0, nearDiffer = 0, far = 0, farDiffer = 0;
    for (let r = 0; r < 120; r++)
      for (let c = 0; c < 120; c++) {
        const x = -60 + c + 0.5, y = 60 - r - 0.5, i = r * 120 + c;
        const s = grids.map((g) => Math.sign(g[i]!));
        const differ = s[0] !== s[1] || s[1] !== s[2];
        if (Math.abs(x) < 5 && Math.abs(y) < 5) {
          near++;
          nearDiffer += Number(differ);
        } else if (Math.hypot(x, y) > 20) {
          far++;
          farDiffer += Number(differ);
        }
      }
    expect(nearDiffer / near).toBeLessThan(0.1);
    expect(farDiffer / far).toBeGreaterThan(0.2);
  });
});
