// The memory budget at its edges, on the real wasm module (README "Memory limits"): the
// largest networks, grids and data the core accepts are built and run; one step over is an
// MlpError naming the field, with the network unchanged; and when wasm memory itself cannot
// grow (2 GiB in all), the failed allocation is an MlpError too, not a crashed module.
// Each case allocates hundreds of MiB, so the file keeps to the few that matter.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type LayerConfig, MlpError, type MlpCore, type Network, type NetworkConfig } from '../../web/src/core/index.js';

let mlp: MlpCore;
beforeAll(async () => {
  mlp = await loadCore();
});

const MiB = 2 ** 20;

function refusal(f: () => unknown): MlpError {
  let error: unknown = null;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MlpError);
  return error as MlpError;
}

/** 64 layers of 1024 units on 1024 inputs: 67,174,400 parameters. */
const WIDEST: NetworkConfig = {
  inputs: 1024,
  layers: [...Array.from({ length: 63 }, (): LayerConfig => ({ units: 1024, activation: 'relu' })), { units: 1024, activation: 'linear' }],
  init: 'he',
};

describe('the budget', () => {
  it('is stated by the core', () => {
    expect(mlp.memoryBudget).toEqual({ network: 1024 * MiB, data: 512 * MiB });
  });
});

describe('64 layers × 1024 units', () => {
  it('builds and trains with sgd; momentum and adam are refused naming layers, before allocating; setOptimizer too, leaving the network as it was', () => {
    const e = refusal(() => mlp.createNetwork({ ...WIDEST, optimizer: { type: 'adam' } }));
    expect(e.field).toBe('layers');
    expect(e.message).toContain('67174400 parameters, held 5 times');
    expect(e.message).toContain('over the memory budget of 1.00 GiB');
    expect(refusal(() => mlp.createNetwork({ ...WIDEST, optimizer: { type: 'momentum' } })).message).toContain('held 4 times');

    const net = mlp.createNetwork(WIDEST);
    expect(net.parameterCount).toBe(67_174_400);
    const x = new Float32Array(2 * 1024).map((_, i) => Math.sin(i) * 0.1);
    const y = new Float32Array(2 * 1024).map((_, i) => Math.cos(i) * 0.1);
    const before = net.predict(x);
    expect(before.every(Number.isFinite)).toBe(true);
    const o = refusal(() => net.setOptimizer({ type: 'adam', learningRate: 0.001 }));
    expect(o.field).toBe('optimizer.type');
    expect(net.config.optimizer.type).toBe('sgd');
    expect(net.predict(x)).toEqual(before);
    const loss = net.trainBatch(x, y);
    expect(Number.isFinite(loss)).toBe(true);
    expect(net.steps).toBe(1);
    net.dispose();
  });
});

describe('grids of 1024 units at 256 × 256', () => {
  it('every unit of a 1024-unit layer over 256 × 256 points; a grid over the budget names grid and changes nothing', () => {
    const net = mlp.createNetwork({ inputs: 2, layers: [{ units: 1024, activation: 'tanh' }, { units: 1, activation: 'tanh' }], seed: 3 });
    const grid = { width: 256, xRange: [-6, 6] as [number, number], yRange: [-6, 6] as [number, number], features: ['x1', 'x2'] as ['x1', 'x2'] };
    const g = net.evaluateGrid(grid, { units: 'all' });
    expect(g.layerSizes).toEqual([2, 1024, 1]);
    // The output plane at one grid point is what predict() says there.
    const at = g.unit(2, 0);
    expect(at.length).toBe(256 * 256);
    const r = 100, c = 37, step = 12 / 256;
    const point = Float32Array.from([-6 + (c + 0.5) * step, 6 - (r + 0.5) * step]);
    expect(Math.abs(at[r * 256 + c]! - net.predict(point)[0]!)).toBeLessThan(1e-5);
    net.dispose();

    // 4 hidden layers of 1024: their planes alone are 4096 × 65536 floats, 1 GiB.
    const deep = mlp.createNetwork({ inputs: 2, layers: [...Array.from({ length: 4 }, (): LayerConfig => ({ units: 1024, activation: 'tanh' })), { units: 1, activation: 'tanh' }] });
    const small = { ...grid, width: 16 };
    const outputs = deep.evaluateGrid(small, { units: 'all', copy: true }).unit(5, 0).slice();
    const e = refusal(() => deep.evaluateGrid(grid, { units: 'all' }));
    expect(e.field).toBe('grid.width');
    expect(e.message).toContain('over the memory budget');
    expect(deep.evaluateGrid(small, { units: 'all', copy: true }).unit(5, 0)).toEqual(outputs);
    deep.dispose();
  });
});

describe('the largest dataset', () => {
  it('512 MiB of samples trains; one sample more is refused naming x, before the copy into wasm', () => {
    const net = mlp.createNetwork({ inputs: 1024, layers: [{ units: 1, activation: 'linear' }], optimizer: { learningRate: 1e-4 } });
    const n = Math.floor((512 * MiB) / (4 * 1025));
    const e = refusal(() => net.trainEpoch({ x: new Float32Array((n + 1) * 1024), y: new Float32Array(n + 1) }));
    expect(e.field).toBe('x');
    expect(e.message).toContain(`${n + 1} samples of 1024 inputs and 1 outputs need 512.0 MiB, over the data budget of 512 MiB`);
    const x = new Float32Array(n * 1024);
    for (let i = 0; i < x.length; i += 1024) x[i] = (i / 1024) % 2;
    const y = new Float32Array(n).map((_, i) => i % 2);
    const r = net.trainEpoch({ x, y }, { batchSize: 1024, epochs: 1 });
    expect(r.steps).toBe(Math.ceil(n / 1024));
    expect(r.diverged).toBe(false);
    net.dispose();
  });
});

describe('the largest conv net', () => {
  it('32 channels of 32 × 32 over 1024 inputs, twice, trains a batch; a batch too large for the budget names batchSize', () => {
    const config: NetworkConfig = {
      inputs: 1024,
      inputShape: [1, 32, 32],
      layers: [
        { type: 'conv2d', channels: 32, kernel: 5, padding: 'same', activation: 'relu' },
        { type: 'conv2d', channels: 32, kernel: 5, padding: 'same', activation: 'relu' },
        { units: 10, activation: 'softmax' },
      ],
      loss: 'softmax-ce',
      optimizer: { type: 'adam', learningRate: 0.001 },
    };
    const net = mlp.createNetwork(config);
    const x = new Float32Array(4 * 1024).map((_, i) => (i % 33) / 32);
    const y = new Float32Array(40).map((_, i) => (i % 11 === 0 ? 1 : 0));
    expect(Number.isFinite(net.trainBatch(x, y))).toBe(true);
    const params = net.getParameters();
    // Per sample the second layer's patches alone are 32·25 × 1024 floats (3.1 MiB): a few
    // hundred samples per batch fill the budget.
    const big = 2000;
    const e = refusal(() => net.trainEpoch({ x: new Float32Array(big * 1024), y: new Float32Array(big * 10) }, { batchSize: big }));
    expect(e.field).toBe('batchSize');
    expect(e.message).toContain('over the memory budget');
    expect(net.getParameters()).toEqual(params);
    expect(net.steps).toBe(1);
    net.dispose();
  });
});

describe('when wasm memory cannot grow', () => {
  it('a failed allocation is an MlpError and the networks already built are as they were', () => {
    const wide = mlp.createNetwork({ inputs: 2, layers: [{ units: 1024, activation: 'tanh' }, { units: 1, activation: 'tanh' }] });
    const x = Float32Array.from([0.5, -1]), y = Float32Array.from([1]);
    const out = wide.predict(x);
    const params = wide.getParameters();
    // Fill wasm memory (2 GiB in all) with networks that each fit the budget: 64 layers of
    // 1024 (769 MiB with SGD; zero init for speed) until one cannot be allocated, then
    // smaller ones, down to one layer of 1024 (12 MiB).
    const nets: Network[] = [];
    const errors: MlpError[] = [];
    for (const depth of [64, 16, 4, 1]) {
      for (;;) {
        try {
          nets.push(mlp.createNetwork({ inputs: 1024, layers: Array.from({ length: depth }, (): LayerConfig => ({ units: 1024, activation: 'linear' })), init: 'zero' }));
        } catch (e) {
          expect(e).toBeInstanceOf(MlpError);
          errors.push(e as MlpError);
          break;
        }
      }
    }
    expect(errors.map((e) => e.message)).toEqual(new Array(4).fill(expect.stringContaining('out of memory')));
    expect(nets.filter((n) => n.parameterCount === 67_174_400).length).toBe(2);
    // A call of a built network that needs memory fails the same way and changes nothing:
    // the planes of its 1024 units over 256 × 256 points (256 MiB).
    const grid = { width: 256, features: ['x1', 'x2'] as ['x1', 'x2'] };
    expect(refusal(() => wide.evaluateGrid(grid, { units: 'all' })).message).toContain('out of memory');
    expect(wide.predict(x)).toEqual(out);
    expect(wide.getParameters()).toEqual(params);
    for (const n of nets) n.dispose();
    // Freed memory is reusable: the module still works.
    expect(wide.evaluateGrid(grid, { units: 'all' }).layerSizes).toEqual([2, 1024, 1]);
    expect(Number.isFinite(wide.trainBatch(x, y))).toBe(true);
    wide.dispose();
  });
});
