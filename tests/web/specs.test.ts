// The named contract across the wasm boundary, on the real modules: configs and specs go to
// the core as the caller's objects (cpp/src/specs.h reads them). A field left out takes the
// C++ default, documented in web/src/core/types.ts and declared in cpp/include/mlp/*.h; a
// wrongly typed field is named with what it got; an unknown field is refused; a failed
// call changes nothing. tests/cpp/test_specs.cpp checks the same readers natively.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore, MlpError, type NetworkConfig } from '../../web/src/core/index.js';

const layers: NetworkConfig['layers'] = [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'tanh' }];

function mlpError(fn: () => unknown): MlpError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MlpError);
    return e as MlpError;
  }
  throw new Error('expected an MlpError');
}

describe.each([
  ['simd', true],
  ['scalar', false],
])('%s build', (_name, simd) => {
  let mlp: MlpCore;
  beforeAll(async () => {
    mlp = await loadCore({ simd });
  });

  it('fills every absent field with the documented default', () => {
    const net = mlp.createNetwork({ inputs: 2, layers });
    expect(net.config).toEqual({
      inputs: 2,
      layers,
      loss: 'mse',
      optimizer: { type: 'sgd', learningRate: 0.03, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
      regularization: { type: 'none', rate: 0 },
      init: 'classic',
      seed: 1,
      clipNorm: 0,
    });
    net.dispose();
  });

  it('keeps the defaults of the fields a partial object leaves out, and reads undefined as absent', () => {
    const net = mlp.createNetwork({ inputs: 2, layers, optimizer: { type: 'adam' }, regularization: { rate: 0.5 }, seed: undefined });
    expect(net.config.optimizer).toEqual({ type: 'adam', learningRate: 0.03, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    expect(net.config.regularization).toEqual({ type: 'none', rate: 0.5 });
    expect(net.config.seed).toBe(1);
    net.setOptimizer({ learningRate: 0.25 });
    expect(net.config.optimizer).toEqual({ type: 'sgd', learningRate: 0.25, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    net.dispose();
  });

  it('names a wrongly typed field and what it got', () => {
    const cases: [unknown, string, string][] = [
      [{ inputs: 2, layers, optimizer: { learningRate: 'x' } }, 'optimizer.learningRate', 'optimizer.learningRate: must be a number, got "x"'],
      [{ inputs: '2', layers }, 'inputs', 'must be an integer in [1, 1024], got "2"'],
      [{ inputs: 2, layers: [{ units: 3, activation: 7 }] }, 'layers[0].activation', 'must be a string, got 7'],
      [{ inputs: 2, layers, seed: () => 1 }, 'seed', 'got a function'],
      [{ inputs: 2, layers, clipNorm: null }, 'clipNorm', 'got null'],
      [{ inputs: 2, layers, regularization: [] }, 'regularization', 'must be an object, got an array'],
      [{ inputs: 2, layers, optimizer: { learningRate: NaN } }, 'optimizer.learningRate', 'must be a finite number'],
      [{ inputs: 2, layers: 'tanh' }, 'layers', 'non-empty array'],
      [{ inputs: 2, layers: [{ activation: 'tanh' }] }, 'layers[0].units', 'is required'],
      [42, 'config', 'config: must be an object, got 42'],
    ];
    for (const [config, field, message] of cases) {
      const e = mlpError(() => mlp.createNetwork(config as NetworkConfig));
      expect(e.field, message).toBe(field);
      expect(e.message).toContain(message);
    }
  });

  it('refuses unknown fields at any depth', () => {
    for (const [config, field] of [
      [{ inputs: 2, layers, colour: 'red' }, 'colour'],
      [{ inputs: 2, layers: [{ units: 1, activation: 'tanh', bias: 0 }] }, 'layers[0].bias'],
      [{ inputs: 2, layers, optimizer: { type: 'sgd', lr: 1 } }, 'optimizer.lr'],
    ] as const) {
      const e = mlpError(() => mlp.createNetwork(config as unknown as NetworkConfig));
      expect(e.field).toBe(field);
      expect(e.message).toContain('unknown field');
    }
  });

  it('setOptimizer and setRegularization read the same way and change nothing on error', () => {
    const net = mlp.createNetwork({ inputs: 2, layers, optimizer: { type: 'momentum', learningRate: 0.1 } });
    const before = net.serialize();
    const e = mlpError(() => net.setOptimizer({ type: 'adam', beta1: 'high' as unknown as number }));
    expect(e.field).toBe('optimizer.beta1');
    expect(mlpError(() => net.setOptimizer({ type: 'adam', beta1: 2 })).field).toBe('optimizer.beta1');
    expect(mlpError(() => net.setRegularization({ type: 'l3' as 'l1' })).message).toContain('"l3"');
    expect(mlpError(() => net.setRegularization({ type: 'l1', strength: 1 } as never)).field).toBe('regularization.strength');
    expect(net.serialize()).toBe(before);
    net.dispose();
  });

  it('dataset specs: defaults from DatasetSpec, a wrong type names its field', () => {
    const d = mlp.generateDataset({ name: 'xor' });
    expect(d.train.size + d.test.size).toBe(500);  // samples 0 = the catalog's default
    expect(d.train.size).toBe(250);                // trainRatio 0.5
    expect(mlp.generateDataset({ name: 'xor', seed: 1, noise: 0 }).train.x).toEqual(d.train.x);
    for (const [spec, field, message] of [
      [{ name: 'xor', noise: 'x' }, 'noise', 'noise: must be a number, got "x"'],
      [{ name: 'xor', samples: 2.5 }, 'samples', 'got 2.5'],
      [{ name: 'xor', trainRatio: true }, 'trainRatio', 'got true'],
      [{ name: 'xor', size: 10 }, 'size', 'unknown field'],
      [{ noise: 0.1 }, 'name', 'is required'],
      [{ name: 'xor', noise: 0.9 }, 'noise', '[0, 0.5]'],
    ] as const) {
      const e = mlpError(() => mlp.generateDataset(spec as never));
      expect(e.field, message).toBe(field);
      expect(e.message).toContain(message);
    }
  });

  it('grid specs: height follows width (1 for 1-D), ranges default to [-6, 6], fields are named', () => {
    const net = mlp.createNetwork({ inputs: 2, layers });
    const g = net.evaluateGrid({ width: 12, features: ['x1', 'x2'] });
    expect([g.width, g.height]).toEqual([12, 12]);
    expect(g.unit(0, 0)[0]).toBeCloseTo(-6 + 0.5, 6);
    const one = mlp.createNetwork({ inputs: 1, layers });
    expect(one.evaluateGrid({ width: 12, dims: 1, features: ['x1'] }).height).toBe(1);
    for (const [grid, field] of [
      [{ width: '12', features: ['x1', 'x2'] }, 'grid.width'],
      [{ width: 12, xRange: [0], features: ['x1', 'x2'] }, 'grid.xRange'],
      [{ width: 12, features: ['x1', 'x2'], zoom: 2 }, 'grid.zoom'],
      [{ width: 12, features: 'x1,x2' }, 'grid.features'],
    ] as const) {
      expect(mlpError(() => net.evaluateGrid(grid as never)).field).toBe(field);
    }
    net.dispose();
    one.dispose();
  });
});
