// "Export to PyTorch" (web/src/app/io/pytorch.ts), tested by running the generated scripts.
// PyTorch is not installed here, so python3 runs them against a small pure-Python stand-in
// (fixtures/torchstub: float32 tensors, the nn modules, losses and optimizers the scripts
// use, with PyTorch's shape rules but no autograd). The wasm library is not built in this
// tree either, so the expected outputs come from a double-precision forward pass written
// here from the activation definitions in web/src/core/types.ts and cpp/include/mlp.
//
// For each network (every activation hidden and at the output, every loss and output
// kind, every optimizer and regularization) a test checks that the script parses, that its
// demo prints the right outputs, that predict() matches the reference, that every weight
// is loaded bit-exactly, that the model has the right modules, that loss, optimizer and
// hyper-parameters are right, and that train_step()/train() report the reference loss.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Activation, Feature, LayerConfig, Loss, OptimizerType, Parameters, Problem, RegularizationType, ResolvedNetworkConfig } from '../../web/src/core/types.js';
import { toCsv } from '../../web/src/app/io/csv.js';
import { type ExportableNetwork, type PyTorchExportOptions, toPyTorchScript } from '../../web/src/app/io/pytorch.js';
import { rng } from './support/rng.js';

const STUB = fileURLToPath(new URL('./fixtures/torchstub', import.meta.url));
const DRIVER = fileURLToPath(new URL('./fixtures/pytorch_driver.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mlp-pytorch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function python(args: string[], input = ''): string {
  const r = spawnSync('python3', args, { input, encoding: 'utf8', env: { ...process.env, PYTHONPATH: STUB, PYTHONDONTWRITEBYTECODE: '1' }, cwd: dir, timeout: 60_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python3 ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

// ---- reference forward pass (double precision) ----------------------------------------

/** erf to ~1e-15: Maclaurin series below 2.5, the erfc continued fraction above. */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = ax;
  for (let k = 80; k >= 1; k--) f = ax + k / 2 / f;
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f);
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const ACT: Record<Exclude<Activation, 'softmax'>, (z: number) => number> = {
  linear: (z) => z,
  relu: (z) => Math.max(0, z),
  'leaky-relu': (z) => (z > 0 ? z : 0.01 * z),
  elu: (z) => (z > 0 ? z : Math.expm1(z)),
  tanh: Math.tanh,
  sigmoid,
  softplus: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))),
  swish: (z) => z * sigmoid(z),
  gelu: (z) => 0.5 * z * (1 + erf(z / Math.SQRT2)),
  sin: Math.sin,
};

function featureValues(features: Feature[], x1: number, x2: number): number[] {
  const f: Record<Feature, number> = { x1, x2, x1sq: x1 * x1, x2sq: x2 * x2, x1x2: x1 * x2, sinx1: Math.sin(x1), sinx2: Math.sin(x2) };
  return features.map((k) => f[k]);
}

/** The output layer's pre-activation z and output a, as the library's predict computes a. */
function forward(net: ExportableNetwork, input: number[]): { z: number[]; a: number[] } {
  let a = input;
  let z: number[] = [];
  net.config.layers.forEach((layer, l) => {
    const w = net.parameters.weights[l]!;
    const b = net.parameters.biases[l]!;
    z = Array.from({ length: layer.units }, (_, j) => a.reduce((s, v, k) => s + w[j * a.length + k]! * v, b[j]!));
    if (layer.activation === 'softmax') {
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const sum = e.reduce((s, v) => s + v, 0);
      a = e.map((v) => v / sum);
    } else {
      a = z.map(ACT[layer.activation]);
    }
  });
  return { z, a };
}

/** The mean training loss on labelled points, with the core's target encoding. */
function referenceLoss(net: ExportableNetwork, c: Case, x1: number[], x2: number[] | null, y: number[]): number {
  const outAct = net.config.layers[net.config.layers.length - 1]!;
  const M = outAct.units;
  let sum = 0;
  y.forEach((label, i) => {
    const { z, a } = forward(net, featureValues(c.features, x1[i]!, x2?.[i] ?? 0));
    if (net.config.loss === 'softmax-ce') {
      const top = Math.max(...z);
      sum += top + Math.log(z.reduce((s, v) => s + Math.exp(v - top), 0)) - z[label]!;
      return;
    }
    const t =
      c.problem === 'regression'
        ? [label]
        : M === 1
          ? [label === 1 ? 1 : outAct.activation === 'sigmoid' ? 0 : -1]
          : Array.from({ length: M }, (_, k) => (k === label ? 1 : 0));
    for (let k = 0; k < M; k++) {
      sum += net.config.loss === 'bce' ? Math.max(z[k]!, 0) - z[k]! * t[k]! + Math.log1p(Math.exp(-Math.abs(z[k]!))) : (a[k]! - t[k]!) ** 2;
    }
  });
  return net.config.loss === 'softmax-ce' ? sum / y.length : sum / (y.length * M);
}

// ---- the networks ---------------------------------------------------------------------

interface Case {
  name: string;
  features: Feature[];
  layers: [number, Activation][];
  loss: Loss;
  problem: Problem;
  classes: number;
  optimizer: OptimizerType;
  regularization: RegularizationType;
  clipNorm: number;
}

const HIDDEN: Exclude<Activation, 'softmax'>[] = ['linear', 'relu', 'leaky-relu', 'elu', 'tanh', 'sigmoid', 'softplus', 'swish', 'gelu', 'sin'];
const ALL_FEATURES: Feature[] = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];
const FEATURE_SETS: Feature[][] = [ALL_FEATURES, ['x1', 'x2'], ['x1x2', 'sinx1', 'x2sq'], ['sinx2', 'x1', 'x1sq', 'x2']];
const OPTIMIZERS: OptimizerType[] = ['sgd', 'momentum', 'adam'];
const REGULARIZATIONS: RegularizationType[] = ['none', 'l1', 'l2'];

const cases: Case[] = [
  // every activation in the hidden layers, the playground's default tanh/mse output
  ...HIDDEN.map((h, i): Case => ({
    name: `hidden ${h}`,
    features: FEATURE_SETS[i % FEATURE_SETS.length]!,
    layers: [[4, h], [3, h], [1, 'tanh']],
    loss: 'mse',
    problem: 'classification',
    classes: 2,
    optimizer: OPTIMIZERS[i % 3]!,
    regularization: REGULARIZATIONS[(i + 1) % 3]!,
    clipNorm: i % 2 ? 1.5 : 0,
  })),
  // every activation at the output, regression
  ...HIDDEN.map((h, i): Case => ({
    name: `output ${h}`,
    features: ['x1', 'x2'],
    layers: [[5, 'tanh'], [1, h]],
    loss: 'mse',
    problem: 'regression',
    classes: 0,
    optimizer: OPTIMIZERS[(i + 2) % 3]!,
    regularization: REGULARIZATIONS[i % 3]!,
    clipNorm: 0,
  })),
  { name: '1-D regression', features: ['x1', 'x1sq', 'sinx1'], layers: [[6, 'tanh'], [1, 'linear']], loss: 'mse', problem: 'regression', classes: 0, optimizer: 'adam', regularization: 'l2', clipNorm: 0 },
  { name: 'bce, sigmoid output', features: ['x1', 'x2'], layers: [[4, 'relu'], [1, 'sigmoid']], loss: 'bce', problem: 'classification', classes: 2, optimizer: 'adam', regularization: 'l1', clipNorm: 2 },
  { name: 'mse, sigmoid output (class 0 -> 0)', features: ['x1', 'x2', 'x1x2'], layers: [[3, 'tanh'], [1, 'sigmoid']], loss: 'mse', problem: 'classification', classes: 2, optimizer: 'sgd', regularization: 'none', clipNorm: 0 },
  { name: 'softmax-ce, 3 classes', features: ['x1', 'x2'], layers: [[5, 'relu'], [4, 'gelu'], [3, 'softmax']], loss: 'softmax-ce', problem: 'classification', classes: 3, optimizer: 'momentum', regularization: 'l2', clipNorm: 1 },
  { name: 'softmax-ce, 2 classes', features: ['x1', 'x2', 'sinx1'], layers: [[3, 'elu'], [2, 'softmax']], loss: 'softmax-ce', problem: 'classification', classes: 2, optimizer: 'sgd', regularization: 'l1', clipNorm: 0 },
  { name: 'mse, softmax one-hot, 4 classes', features: ['x1', 'x2'], layers: [[4, 'tanh'], [4, 'softmax']], loss: 'mse', problem: 'classification', classes: 4, optimizer: 'adam', regularization: 'none', clipNorm: 0 },
  { name: 'mse, tanh one-hot, 3 classes', features: ['x1', 'x2', 'x1sq', 'x2sq'], layers: [[6, 'swish'], [3, 'tanh']], loss: 'mse', problem: 'classification', classes: 3, optimizer: 'sgd', regularization: 'l2', clipNorm: 0 },
  { name: 'no hidden layer', features: ['x1', 'x2'], layers: [[1, 'tanh']], loss: 'mse', problem: 'classification', classes: 2, optimizer: 'sgd', regularization: 'none', clipNorm: 0 },
];

function makeNetwork(c: Case, seed: number): ExportableNetwork {
  const r = rng(seed);
  const layers: LayerConfig[] = c.layers.map(([units, activation]) => ({ units, activation }));
  const sizes = [c.features.length, ...layers.map((l) => l.units)];
  const parameters: Parameters = {
    weights: layers.map((_, l) => new Float32Array(sizes[l + 1]! * sizes[l]!).map(() => -1.2 + 2.4 * r())),
    biases: layers.map((_, l) => new Float32Array(sizes[l + 1]!).map(() => -0.5 + r())),
  };
  const config: ResolvedNetworkConfig = {
    inputs: c.features.length,
    layers,
    loss: c.loss,
    optimizer: { type: c.optimizer, learningRate: 0.03 + seed * 1e-3, momentum: 0.85, beta1: 0.8, beta2: 0.995, eps: 1e-7 },
    regularization: { type: c.regularization, rate: c.regularization === 'none' ? 0 : 0.003 },
    init: 'classic',
    seed,
    clipNorm: c.clipNorm,
  };
  return { config, parameters };
}

const MODULE: Record<Activation, Record<string, unknown> | null> = {
  linear: null,
  relu: { type: 'ReLU' },
  'leaky-relu': { type: 'LeakyReLU', negative_slope: 0.01 },
  elu: { type: 'ELU', alpha: 1 },
  tanh: { type: 'Tanh' },
  sigmoid: { type: 'Sigmoid' },
  softplus: { type: 'Softplus', beta: 1, threshold: 20 },
  swish: { type: 'SiLU' },
  gelu: { type: 'GELU' },
  sin: { type: 'Sin' },
  softmax: { type: 'Softmax', dim: -1 },
};

const close = (got: number, want: number, tol = 1e-5): boolean => Math.abs(got - want) <= tol * Math.max(1, Math.abs(want));

interface DriverResult {
  features: string[];
  modules: Record<string, unknown>[];
  weights: number[][][];
  biases: number[][];
  loss_fn: string;
  optimizer: string;
  groups: Record<string, unknown>[];
  predict: number[][];
  step_loss: number;
  train_loss: number;
  grads: number[][] | number[][][];
  steps: number;
  csv: [number[], number[] | null, number[]];
}

describe('the erf used by the reference gelu', () => {
  it('agrees with Python math.erf to 1e-14', () => {
    const xs = Array.from({ length: 241 }, (_, i) => -6 + i * 0.05).concat([1e-9, -2.4999, 2.5, 2.5001, 9]);
    const py = JSON.parse(python(['-c', 'import json,math,sys; print(json.dumps([math.erf(x) for x in json.load(sys.stdin)]))'], JSON.stringify(xs))) as number[];
    xs.forEach((x, i) => expect(Math.abs(erf(x) - py[i]!), `erf(${x})`).toBeLessThanOrEqual(1e-14));
  });
});

describe.each(cases.map((c, i) => [c.name, c, i] as const))('toPyTorchScript: %s', (_, c, index) => {
  const net = makeNetwork(c, 100 + index);
  const script = toPyTorchScript(net, { features: c.features, problem: c.problem, classes: c.classes || undefined });
  const path = join(dir, `net${index}.py`);
  writeFileSync(path, script);
  const is2d = c.features.some((f) => f.includes('2'));
  const r = rng(1000 + index);
  const n = 23;
  const span = is2d || c.problem === 'classification' ? 6 : Math.PI;
  const x1 = Array.from({ length: n }, () => Math.fround(-span + 2 * span * r()));
  const x2 = is2d ? Array.from({ length: n }, () => Math.fround(-span + 2 * span * r())) : null;
  const y = Array.from({ length: n }, (_, i) => (c.problem === 'regression' ? Math.fround(-1 + 2 * r()) : i % c.classes));
  const csvPath = join(dir, `data${index}.csv`);
  writeFileSync(
    csvPath,
    toCsv({
      problem: c.problem,
      dims: is2d ? 2 : 1,
      classes: c.classes,
      size: n,
      x: new Float32Array(is2d ? x1.flatMap((v, i) => [v, x2![i]!]) : x1),
      y: new Float32Array(y),
    }),
  );
  let result: DriverResult;
  const run = (): DriverResult => (result ??= JSON.parse(python([DRIVER, path], JSON.stringify({ x1, x2, y, csv: csvPath }))) as DriverResult);

  it('is valid Python', () => {
    python(['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], script);
  });

  it('runs: the demo prints the network outputs at its points', () => {
    const lines = python([path]).trim().split('\n');
    expect(lines.length).toBe(6);
    for (const line of lines) {
      const m = /^x1=([-+]\d+\.\d+)(?: x2=([-+]\d+\.\d+))? -> (.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(m![2] !== undefined).toBe(is2d);
      const want = forward(net, featureValues(c.features, Number(m![1]), Number(m![2] ?? 0))).a;
      const got = m![3]!.split(' ').map(Number);
      expect(got.length).toBe(want.length);
      got.forEach((v, k) => expect(close(v, want[k]!, 1e-5) || Math.abs(v - want[k]!) <= 5e-7 + 1e-5, `${line}: output ${k} = ${v}, want ${want[k]}`).toBe(true));
    }
  });

  it('predict() equals the reference forward pass within 1e-5', () => {
    const got = run().predict;
    expect(got.length).toBe(n);
    for (let i = 0; i < n; i++) {
      const want = forward(net, featureValues(c.features, x1[i]!, x2?.[i] ?? 0)).a;
      expect(got[i]!.length).toBe(want.length);
      want.forEach((w, k) => expect(close(got[i]![k]!, w), `point ${i} output ${k}: ${got[i]![k]} vs ${w}`).toBe(true));
    }
  });

  it('loads every weight and bias bit-exactly, in the right modules', () => {
    const res = run();
    expect(res.features).toEqual(c.features);
    res.weights.forEach((w, l) => {
      const cols = l === 0 ? c.features.length : c.layers[l - 1]![0];
      expect(w.flat()).toEqual(Array.from(net.parameters.weights[l]!));
      expect(w.every((row) => row.length === cols)).toBe(true);
    });
    expect(res.biases).toEqual(net.parameters.biases.map((b) => Array.from(b)));
    const logits = c.loss !== 'mse';
    const expected: Record<string, unknown>[] = [];
    c.layers.forEach(([units, act], l) => {
      expected.push({ type: 'Linear', in_features: l === 0 ? c.features.length : c.layers[l - 1]![0], out_features: units });
      if (MODULE[act] && !(logits && l === c.layers.length - 1)) expected.push(MODULE[act]!);
    });
    expect(res.modules).toEqual(expected);
  });

  it('has the loss, optimizer and hyper-parameters of the config', () => {
    const res = run();
    expect(res.loss_fn).toBe({ mse: 'MSELoss', bce: 'BCEWithLogitsLoss', 'softmax-ce': 'CrossEntropyLoss' }[c.loss]);
    const o = net.config.optimizer;
    const f = Math.fround;
    expect(res.optimizer).toBe(c.optimizer === 'adam' ? 'Adam' : 'SGD');
    const hyper =
      c.optimizer === 'adam'
        ? { lr: f(o.learningRate), betas: [f(o.beta1), f(o.beta2)], eps: f(o.eps), amsgrad: false }
        : { lr: f(o.learningRate), momentum: c.optimizer === 'momentum' ? f(o.momentum) : 0, dampening: 0, nesterov: false };
    const all = c.layers.flatMap((_, l) => [`w${l}`, `b${l}`]);
    const weights = c.layers.map((_, l) => `w${l}`);
    const biases = c.layers.map((_, l) => `b${l}`);
    const groups = res.groups.map((g) => ({ ...g, lr: f(g.lr as number), eps: g.eps === undefined ? undefined : f(g.eps as number), betas: (g.betas as number[] | undefined)?.map(f), momentum: g.momentum === undefined ? undefined : f(g.momentum as number), weight_decay: f(g.weight_decay as number) }));
    const clean = (g: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined));
    if (c.regularization === 'l2') {
      expect(groups.map(clean)).toEqual([
        { ...hyper, weight_decay: f(0.003), params: weights },
        { ...hyper, weight_decay: 0, params: biases },
      ]);
    } else {
      expect(groups.map(clean)).toEqual([{ ...hyper, weight_decay: 0, params: all }]);
    }
    expect(script.includes('clip_grad_norm_')).toBe(c.clipNorm > 0);
    if (c.clipNorm > 0) expect(script).toContain(`CLIP_NORM = ${c.clipNorm === 1 ? '1.0' : String(c.clipNorm)}`);
  });

  it('train_step() and train() run and report the reference loss; l1 adds rate * sign(w) to weight gradients only', () => {
    const res = run();
    const want = referenceLoss(net, c, x1, x2, y);
    expect(close(res.step_loss, want), `train_step loss ${res.step_loss} vs ${want}`).toBe(true);
    expect(close(res.train_loss, want), `train loss ${res.train_loss} vs ${want}`).toBe(true);
    expect(res.steps).toBe(1 + 2 * Math.ceil(n / 7));
    res.grads.forEach((g, p) => {
      const l = p >> 1;
      const isWeight = p % 2 === 0;
      const values = (g as number[] | number[][]).flat();
      const param = isWeight ? net.parameters.weights[l]! : net.parameters.biases[l]!;
      const rate = Math.fround(0.003);
      values.forEach((v, i) => expect(v).toBe(c.regularization === 'l1' && isWeight ? rate * Math.sign(param[i]!) : 0));
    });
  });

  it('load_csv() reads the playground CSV export', () => {
    const [cx1, cx2, cy] = run().csv;
    expect(cx1).toEqual(x1);
    expect(cx2).toEqual(x2);
    expect(cy).toEqual(y);
  });
});

describe('toPyTorchScript', () => {
  const base = makeNetwork(cases[0]!, 1);
  const features = cases[0]!.features;

  it('loads extreme float32 values exactly (max, subnormals, -0, 1/3)', () => {
    const special = [3.4028234663852886e38, -1.401298464324817e-45, -0, 1 / 3, 16777217, 1e-7, -5.877471754111438e-39];
    const net: ExportableNetwork = {
      config: { ...base.config, inputs: 7, layers: [{ units: 1, activation: 'linear' }], regularization: { type: 'none', rate: 0 } },
      parameters: { weights: [new Float32Array(special)], biases: [new Float32Array([-0])] },
    };
    const path = join(dir, 'special.py');
    writeFileSync(path, toPyTorchScript(net, { features: ALL_FEATURES }));
    const res = JSON.parse(python([DRIVER, path], '{}')) as DriverResult;
    const got = res.weights[0]!.flat();
    special.forEach((v, i) => expect(Object.is(got[i], Math.fround(v)), `${v} -> ${got[i]}`).toBe(true));
    expect(Object.is(res.biases[0]![0], -0)).toBe(true);
  });

  it('is deterministic and undated', () => {
    const a = toPyTorchScript(base, { features });
    expect(toPyTorchScript(base, { features })).toBe(a);
    expect(a).not.toMatch(/\b20\d\d\b/);
    expect(a.split('\n')[1]).toContain('Generated by mlp-playground');
  });

  it('throws naming the field when network and options do not fit', () => {
    const bad = (net: ExportableNetwork, opts: PyTorchExportOptions, message: string): void => {
      expect(() => toPyTorchScript(net, opts)).toThrow(`toPyTorchScript: ${message}`);
    };
    const p = base.parameters;
    bad(base, { features: ['x1'] }, 'features: the network has 7 inputs but 1 features were given');
    bad(base, { features: [] }, 'features: must list at least one feature');
    bad(base, { features: ['x1', 'x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1'] }, 'features: "x1" is listed twice');
    bad(base, { features: ['x3' as Feature, 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] }, 'features: unknown feature "x3"');
    bad({ ...base, parameters: { weights: [p.weights[0]!.slice(1), ...p.weights.slice(1)], biases: p.biases } }, { features }, 'parameters.weights[0]: expected 4 x 7 = 28 values, got 27');
    bad({ ...base, parameters: { weights: p.weights, biases: [p.biases[0]!, p.biases[1]!, new Float32Array([NaN])] } }, { features }, 'parameters.biases[2][0] is NaN, not finite');
    bad({ ...base, parameters: { weights: p.weights.slice(1), biases: p.biases } }, { features }, 'parameters: expected 3 weights and biases');
    bad({ ...base, config: { ...base.config, loss: 'bce' } }, { features }, 'config.loss: "bce" needs a sigmoid output layer, got "tanh"');
    bad(base, { features, classes: 3 }, 'classes: one output can only separate 2 classes, got 3');
    bad(base, { features, problem: 'classification', classes: 1 }, 'classes: must be an integer >= 2 for classification, got 1');
  });
});
