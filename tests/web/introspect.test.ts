// net.trace, gradients, previewStep, layerStats and lossSurface on the real wasm module,
// against PyTorch autograd in float64 (fixtures/introspect_driver.py builds the network from
// its config and parameters alone): every activation and every loss head, z and a per
// layer, dL/dW, dL/db, dL/dx, dL/dz and dL/da, and the loss over a plane of parameters;
// principal directions against PyTorch's SVD. Then: no call changes the network (both
// builds, bit for bit), errors name their field, previewStep is the step trainBatch takes,
// the vanishing gradients of deep sigmoid networks, and training state round trips.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCore, MlpError, type MlpCore, type Network, type NetworkConfig, type Parameters } from '../../web/src/core/index.js';
import { scratch } from './support/exported.js';
import { python } from './support/pytorch.js';
import { rng } from './support/rng.js';

const DRIVER = fileURLToPath(new URL('./fixtures/introspect_driver.py', import.meta.url));
const { report } = scratch('mlp-introspect-');
let mlp: MlpCore;
beforeAll(async () => {
  mlp = await loadCore();
});

interface Case {
  name: string;
  config: NetworkConfig;
}

const HIDDEN = ['linear', 'relu', 'leaky-relu', 'elu', 'tanh', 'sigmoid', 'softplus', 'swish', 'gelu', 'sin'] as const;
const CASES: Case[] = [
  ...HIDDEN.map((act): Case => ({ name: `${act} hidden, mse`, config: { inputs: 3, layers: [{ units: 5, activation: act }, { units: 4, activation: act }, { units: 2, activation: 'tanh' }] } })),
  { name: 'bce, sigmoid output', config: { inputs: 3, layers: [{ units: 5, activation: 'relu' }, { units: 2, activation: 'sigmoid' }], loss: 'bce' } },
  { name: 'softmax-ce', config: { inputs: 3, layers: [{ units: 6, activation: 'tanh' }, { units: 4, activation: 'gelu' }, { units: 3, activation: 'softmax' }], loss: 'softmax-ce' } },
  { name: 'mse, softmax output', config: { inputs: 3, layers: [{ units: 4, activation: 'elu' }, { units: 3, activation: 'softmax' }] } },
  { name: 'mse, sigmoid output, no hidden layer', config: { inputs: 3, layers: [{ units: 1, activation: 'sigmoid' }] } },
  // Residual layers (y = x + act(z): a is act(z), da = dL/dy) and conv2d / maxpool layers
  // (z, a, dz, da as C x H x W per sample; a maxpool layer's z = a = its output).
  { name: 'residual tanh, elu, mse', config: { inputs: 3, layers: [{ units: 4, activation: 'tanh' }, { units: 4, activation: 'tanh', residual: true }, { units: 4, activation: 'elu', residual: true }, { units: 2, activation: 'tanh' }] } },
  { name: 'residual gelu, softmax-ce', config: { inputs: 3, layers: [{ units: 3, activation: 'gelu', residual: true }, { units: 5, activation: 'swish' }, { units: 5, activation: 'sigmoid', residual: true }, { units: 3, activation: 'softmax' }], loss: 'softmax-ce' } },
  { name: 'conv2d same + maxpool, softmax-ce', config: { inputs: 36, inputShape: [1, 6, 6], layers: [{ type: 'conv2d', channels: 2, kernel: 3, padding: 'same', activation: 'tanh' }, { type: 'maxpool' }, { units: 3, activation: 'softmax' }], loss: 'softmax-ce' } },
  { name: 'conv2d stride 2 valid + maxpool + residual dense, bce', config: { inputs: 98, inputShape: [2, 7, 7], layers: [{ type: 'conv2d', channels: 3, kernel: 3, stride: 2, activation: 'softplus' }, { type: 'maxpool' }, { units: 3, activation: 'sin', residual: true }, { units: 1, activation: 'sigmoid' }], loss: 'bce' } },
  { name: 'conv2d 5x5 relu + conv2d 3x3, mse', config: { inputs: 64, inputShape: [1, 8, 8], layers: [{ type: 'conv2d', channels: 2, kernel: 5, padding: 'same', activation: 'relu' }, { type: 'maxpool' }, { type: 'conv2d', channels: 3, kernel: 3, activation: 'leaky-relu' }, { units: 2, activation: 'tanh' }] } },
];

/** A network of the case with non-zero biases (samples off the kinks) and a batch for it. */
function setup(c: Case, n = 9): { net: Network; x: Float32Array; y: Float32Array } {
  const net = mlp.createNetwork({ init: 'xavier', seed: 7, ...c.config });
  const rand = rng(c.name.length * 31 + 5);
  const p = net.getParameters();
  p.biases.forEach((b) => b.forEach((_, i) => (b[i] = rand() * 0.6 - 0.3)));
  net.setParameters(p);
  const m = net.outputs;
  const x = Float32Array.from({ length: n * net.inputs }, () => rand() * 3 - 1.5);
  const y = new Float32Array(n * m);
  for (let s = 0; s < n; s++) {
    if (c.config.loss === 'softmax-ce') {
      const row = Array.from({ length: m }, () => rand() + 0.05);
      const sum = row.reduce((a, b) => a + b, 0);
      row.forEach((v, j) => (y[s * m + j] = v / sum));
    } else if (c.config.loss === 'bce') {
      for (let j = 0; j < m; j++) y[s * m + j] = rand() < 0.5 ? 0 : 1;
    } else {
      for (let j = 0; j < m; j++) y[s * m + j] = rand() * 1.8 - 0.9;
    }
  }
  return { net, x, y };
}

const rowsOf = (a: Float32Array, width: number): number[][] => Array.from({ length: a.length / width }, (_, i) => Array.from(a.subarray(i * width, (i + 1) * width)));
const flat = (p: Parameters): number[] => p.weights.flatMap((w, l) => [...w, ...p.biases[l]!]);

/** Max |got - want| relative to the largest |want| (and 1e-12). */
function relErr(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let scale = 1e-12, worst = 0;
  for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]!));
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  return worst / scale;
}

describe('against PyTorch autograd (float64)', () => {
  type Torch = { loss: number; z: number[][]; a: number[][]; dz: number[][]; da: number[][]; dW: number[][]; db: number[][]; dx: number[]; surface: number[] };
  const results: { c: Case; net: Network; x: Float32Array; y: Float32Array; torch: Torch; surface: ReturnType<Network['lossSurface']> }[] = [];
  beforeAll(() => {
    const tasks: unknown[] = [];
    for (const c of CASES) {
      const { net, x, y } = setup(c);
      const surface = net.lossSurface({ x, y }, { steps: 5, range: 0.8, seed: 3 });
      const p = net.getParameters();
      tasks.push({
        op: 'introspect', config: net.config, shapes: net.layers.filter((l) => l.weightShape).map((l) => l.weightShape),
        weights: p.weights.map((w) => [...w]), biases: p.biases.map((b) => [...b]),
        x: rowsOf(x, net.inputs), y: rowsOf(y, net.outputs),
        surface: { d1: flat(surface.directions[0]), d2: flat(surface.directions[1]), alphas: [...surface.alphas], betas: [...surface.betas] },
      });
      results.push({ c, net, x, y, torch: null as unknown as Torch, surface });
    }
    const out = JSON.parse(python([DRIVER], { input: JSON.stringify(tasks) })) as Torch[];
    out.forEach((t, i) => (results[i]!.torch = t));
  });
  afterAll(() => results.forEach((r) => r.net.dispose()));

  it.each(CASES.map((c) => [c.name]))('%s: trace, gradients and the loss surface', (name) => {
    const { net, x, y, torch, surface } = results.find((r) => r.c.name === name)!;
    const tr = net.trace(x);
    const g = net.gradients(x, y, { layers: true });
    expect(Math.abs(g.loss - torch.loss)).toBeLessThanOrEqual(1e-6 * Math.max(1, torch.loss));
    const e = {
      za: Math.max(...tr.layers.flatMap((l, i) => [relErr(l.z, torch.z[i]!), relErr(l.a, torch.a[i]!)])),
      params: Math.max(...g.weights.flatMap((w, l) => [relErr(w, torch.dW[l]!), relErr(g.biases[l]!, torch.db[l]!)])),
      inputs: relErr(g.inputs, torch.dx),
      layers: Math.max(...g.layers!.flatMap((l, i) => [relErr(l.dz, torch.dz[i]!), relErr(l.da, torch.da[i]!), relErr(l.z, torch.z[i]!)])),
      surface: relErr(surface.loss, torch.surface),
    };
    report.push(`[agreement] PyTorch autograd, ${name}: z/a ${e.za.toExponential(1)}, dW/db ${e.params.toExponential(1)}, dx ${e.inputs.toExponential(1)}, dz/da ${e.layers.toExponential(1)}, surface ${e.surface.toExponential(1)} (max error / max |value|)`);
    expect(e.za).toBeLessThanOrEqual(1e-5);
    expect(e.params).toBeLessThanOrEqual(1e-4);
    expect(e.inputs).toBeLessThanOrEqual(1e-4);
    expect(e.layers).toBeLessThanOrEqual(1e-4);
    expect(e.surface).toBeLessThanOrEqual(1e-5);
  });

  it('principal directions of a recorded trajectory equal PyTorch SVD\'s', () => {
    const net = mlp.createNetwork({ inputs: 2, layers: [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'tanh' }], optimizer: { type: 'adam', learningRate: 0.03 }, seed: 4 });
    const data = mlp.generateDataset({ name: 'xor', samples: 200, seed: 2 }).train;
    const train = net.prepare(data, ['x1', 'x2']);
    const trajectory: Float32Array[] = [];
    for (let e = 0; e < 40; e++) {
      trajectory.push(new Float32Array(flat(net.getParameters())));
      net.trainEpoch(train, { batchSize: 10 });
    }
    trajectory.push(new Float32Array(flat(net.getParameters())));
    const s = net.lossSurface(train, { directions: 'pca', trajectory, steps: 3 });
    const [torch] = JSON.parse(python([DRIVER], { input: JSON.stringify([{ op: 'pca', theta: flat(net.getParameters()), trajectory: trajectory.map((t) => [...t]) }]) })) as { d1: number[]; d2: number[]; explained: number[] }[];
    const cos = (a: number[], b: number[]): number => Math.abs(a.reduce((acc, v, i) => acc + v * b[i]!, 0));
    const c1 = cos(flat(s.directions[0]), torch!.d1), c2 = cos(flat(s.directions[1]), torch!.d2);
    report.push(`[agreement] PCA vs torch.linalg.svd: |cos| ${c1.toFixed(7)}, ${c2.toFixed(7)}; explained ${s.explained!.map((v) => v.toFixed(5))} vs ${torch!.explained.map((v) => v.toFixed(5))}`);
    expect(c1).toBeGreaterThan(1 - 1e-5);
    expect(c2).toBeGreaterThan(1 - 1e-4);
    expect(Math.abs(s.explained![0] - torch!.explained[0]!)).toBeLessThan(1e-5);
    expect(Math.abs(s.explained![1] - torch!.explained[1]!)).toBeLessThan(1e-5);
    // The path starts at negative coordinates and ends at the current point.
    const path = s.path!;
    expect(path.length).toBe(2 * trajectory.length);
    expect(path[0]).toBeLessThan(0);
    expect(Math.hypot(path[path.length - 2]!, path[path.length - 1]!)).toBeLessThan(1e-5);
    train.dispose();
    net.dispose();
  });
});

describe.each([['simd', true], ['scalar', false]])('%s build', (_name, simd) => {
  let core: MlpCore;
  beforeAll(async () => {
    core = await loadCore({ simd });
  });

  it('no call changes the network: parameters, optimizer state, counters, generator, last gradients', () => {
    const net = core.createNetwork({ inputs: 2, layers: [{ units: 5, activation: 'relu' }, { units: 1, activation: 'tanh' }], optimizer: { type: 'adam', learningRate: 0.02 }, seed: 3 });
    const d = core.generateDataset({ name: 'circle', samples: 120, seed: 1 }).train;
    const train = net.prepare(d, ['x1', 'x2']);
    net.trainEpoch(train, { batchSize: 8, epochs: 2 });
    const x = new Float32Array([0.5, -1, 2, 0.25]), y = new Float32Array([1, -1]);
    const print = (): string => net.serialize() + JSON.stringify(flat(net.getGradients())) + net.steps + net.epochs + net.learningRate;
    const before = print();
    const trajectory = [new Float32Array(flat(net.getParameters())).map((v) => v * 0.9), new Float32Array(flat(net.getParameters()))];
    const calls: [string, () => unknown][] = [
      ['trace', () => net.trace(x)],
      ['gradients', () => net.gradients(x, y, { layers: true })],
      ['previewStep', () => net.previewStep(x, y)],
      ['layerStats', () => net.layerStats(train)],
      ['lossSurface random', () => net.lossSurface(train, { steps: 9 })],
      ['lossSurface pca', () => net.lossSurface({ x, y }, { directions: 'pca', trajectory, steps: 3 })],
      ['saveState', () => net.saveState()],
    ];
    for (const [name, fn] of calls) {
      fn();
      expect(print(), name).toBe(before);
    }
    // And training goes on exactly as it would have.
    const twin = core.loadNetwork(before.slice(0, net.serialize().length));
    expect(net.trainEpoch(train, { batchSize: 8 }).loss).toBe(twin.trainEpoch(train, { batchSize: 8 }).loss);
    expect(net.serialize()).toBe(twin.serialize());
    twin.dispose();
    train.dispose();
    net.dispose();
  });

  it('no call changes a conv2d + maxpool + residual network either (momentum state, counters, last gradients)', () => {
    const net = core.createNetwork({
      inputs: 32, inputShape: [2, 4, 4], loss: 'softmax-ce', optimizer: { type: 'momentum', learningRate: 0.05 }, seed: 2, layers: [
        { type: 'conv2d', channels: 3, kernel: 3, padding: 'same', activation: 'relu' }, { type: 'maxpool' },
        { units: 12, activation: 'tanh', residual: true }, { units: 2, activation: 'softmax' }],
    });
    const rand = rng(4);
    const x = Float32Array.from({ length: 6 * 32 }, () => rand() * 2 - 1), y = Float32Array.from({ length: 12 }, (_, i) => (i % 2 === Math.floor(i / 2) % 2 ? 1 : 0));
    net.trainEpoch({ x, y }, { batchSize: 3, epochs: 2 });
    const print = (): string => net.serialize() + JSON.stringify(flat(net.getGradients())) + net.steps + net.epochs;
    const before = print();
    const tr = net.trace(x);
    expect(tr.layers.map((l) => l.z.length / 6)).toEqual([48, 12, 12, 2]);
    expect(tr.layers[1]!.z).toEqual(tr.layers[1]!.a);  // maxpool: z = a = its output
    const g = net.gradients(x, y, { layers: true });
    expect(g.layers![1]!.dz).toEqual(g.layers![1]!.da);
    expect(g.weights.map((w) => w.length)).toEqual([3 * 2 * 9, 12 * 12, 2 * 12]);
    expect(print()).toBe(before);
    net.previewStep(x.subarray(0, 64), y.subarray(0, 4));
    expect(net.layerStats({ x, y }).map((s) => s.units)).toEqual([3, 12, 12, 2]);
    net.lossSurface({ x, y }, { steps: 3 });
    net.saveState();
    expect(print()).toBe(before);
    net.dispose();
  });

  it('lossSurface refuses bad options naming the field, and changes nothing', () => {
    const net = core.createNetwork({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'tanh' }] });
    const data = { x: new Float32Array([1, 2, 3, 4]), y: new Float32Array([1, -1]) };
    const before = net.serialize();
    const bad = (options: unknown, field: string, fragment: string, d: unknown = data): void => {
      let e: unknown;
      try {
        net.lossSurface(d as never, options as never);
      } catch (err) {
        e = err;
      }
      expect(e, field).toBeInstanceOf(MlpError);
      expect((e as MlpError).field, (e as Error).message).toBe(field);
      expect((e as Error).message).toContain(fragment);
    };
    bad({ steps: 1 }, 'steps', 'in [2, 201], got 1');
    bad({ steps: 202 }, 'steps', 'in [2, 201]');
    bad({ steps: 2.5 }, 'steps', 'integer');
    bad({ range: 0 }, 'range', '> 0');
    bad({ range: -1 }, 'range', '> 0');
    bad({ range: NaN }, 'range', 'finite');
    bad({ range: Infinity }, 'range', 'finite');
    bad({ range: 'big' }, 'range', 'must be a number');
    bad({ directions: 'sideways' }, 'directions', '"random", "pca" or [Parameters, Parameters]');
    const p = net.getParameters();
    bad({ directions: [p, { weights: [p.weights[0], new Float32Array(2)], biases: p.biases }] }, 'directions[1].weights[1]', 'needs 3 values ([1, 3] row-major)');
    bad({ directions: [p] }, 'directions', '[Parameters, Parameters]');
    bad({ directions: 'pca' }, 'trajectory', 'at least 2');
    bad({ trajectory: [new Float32Array(3)] }, 'trajectory[0]', 'needs 13 values');
    bad({ colour: 1 }, 'options.colour', 'unknown field');
    bad({}, 'x', 'not a positive multiple of 2', { x: new Float32Array(3), y: new Float32Array(1) });
    const narrow = core.createTrainingData(new Float32Array(3), new Float32Array(1), { inputs: 3, outputs: 1 });
    bad({}, 'data', 'was prepared for 3 inputs', narrow);
    narrow.dispose();
    expect(net.serialize()).toBe(before);
    net.dispose();
  });
});

it('previewStep is the step trainBatch takes (momentum, with the schedule\'s rate)', () => {
  const net = mlp.createNetwork({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'tanh' }], optimizer: { type: 'momentum', learningRate: 0.1 }, schedule: { type: 'linear-lr', startFactor: 0.5, totalIters: 2 } });
  const x = new Float32Array([0.5, -1, 2, 0.25, -0.3, 0.7]), y = new Float32Array([1, -1, 1]);
  net.trainEpoch({ x, y }, { batchSize: 2 });
  const p = net.previewStep(x, y);
  expect(p.learningRate).toBeCloseTo(0.075, 7);
  expect(p.velocity).toBeDefined();
  expect(p.m).toBeUndefined();
  const loss = net.trainBatch(x, y);
  expect(p.loss).toBe(loss);
  expect(flat(p.after)).toEqual(flat(net.getParameters()));
  expect(flat(p.gradient)).toEqual(flat(net.getGradients()));
  expect(flat(p.velocity!.after)).toEqual(JSON.parse(net.serialize()).optimizerState.velocity.map(Math.fround));
  net.dispose();
});

it('8 sigmoid layers with the classic init: vanishing gradients in the first layers; ReLU with He init: none', () => {
  const d = mlp.generateDataset({ name: 'circle', samples: 500, seed: 1 }).train;
  const ratio = (activation: 'sigmoid' | 'relu', init: 'classic' | 'he'): number[] => {
    const net = mlp.createNetwork({ inputs: 2, layers: [...Array.from({ length: 8 }, () => ({ units: 8, activation })), { units: 1, activation: 'tanh' }], init, seed: 5 });
    const train = net.prepare(d, ['x1', 'x2']);
    const s = net.layerStats(train).map((l) => l.gradNorm);
    train.dispose();
    net.dispose();
    return s;
  };
  const sigmoid = ratio('sigmoid', 'classic'), relu = ratio('relu', 'he');
  report.push(`[numbers] gradient norm per layer, 8 sigmoid (classic): ${sigmoid.map((v) => v.toExponential(1)).join(' ')}`);
  report.push(`[numbers] gradient norm per layer, 8 relu (he): ${relu.map((v) => v.toExponential(1)).join(' ')}`);
  // Layer 0 against layer 7 (the last hidden layer).
  expect(sigmoid[0]! / sigmoid[7]!).toBeLessThan(0.01);
  expect(relu[0]! / relu[7]!).toBeGreaterThan(0.1);
  for (let l = 1; l < 8; l++) expect(sigmoid[l - 1]!, `layer ${l - 1} below layer ${l}`).toBeLessThan(sigmoid[l]!);
});

it('saveState / restoreState: back to a point of the run, and on exactly as from there', () => {
  const net = mlp.createNetwork({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'tanh' }], optimizer: { type: 'adam' } });
  const d = mlp.generateDataset({ name: 'xor', samples: 100, seed: 3 }).train;
  const train = net.prepare(d, ['x1', 'x2']);
  net.trainEpoch(train, { epochs: 3 });
  const state = net.saveState();
  net.trainEpoch(train, { epochs: 5 });
  const later = net.serialize();
  net.restoreState(state);
  expect(net.epochs).toBe(3);
  net.trainEpoch(train, { epochs: 5 });
  expect(net.serialize()).toBe(later);
  const other = mlp.createNetwork({ inputs: 2, layers: [{ units: 5, activation: 'tanh' }, { units: 1, activation: 'tanh' }] });
  expect(() => other.restoreState(state)).toThrow(/state: was saved by a network of 17 parameters; this one has 21/);
  expect(() => other.restoreState([1, 2] as never)).toThrow(MlpError);
  train.dispose();
  other.dispose();
  net.dispose();
});
