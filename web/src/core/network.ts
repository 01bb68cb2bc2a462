// Network and TrainingData: the wrappers that own wasm objects. They check arguments in
// JavaScript, copy typed arrays across the boundary, translate errors, and refuse any use
// after dispose().
import { Context, disposeSymbol } from './context.js';
import { call, MlpError } from './errors.js';
import type { RawNetwork, RawTrainingData } from './raw.js';
import type {
  Dataset,
  EpochResult,
  Feature,
  GridOptions,
  GridResult,
  GridSpec,
  Metrics,
  NetworkConfig,
  OptimizerConfig,
  Parameters,
  RegularizationConfig,
  ResolvedNetworkConfig,
} from './types.js';
import {
  finiteNumber,
  type FloatInput,
  integer,
  isPlainObject,
  object,
  oneOf,
  rows,
  sameRows,
} from './validate.js';
import { checkDataset, withRawDataset } from './data.js';
import type { OnnxOptions } from './export/onnx.js';
import type { NetworkDocument, PyTorchOptions } from './export/pytorch.js';

// ---- config checks (types and names; the core re-checks ranges) -----------------------

export function checkOptimizer(ctx: Context, value: unknown, name: string): OptimizerConfig {
  const o = object(value, name, ['type', 'learningRate', 'momentum', 'beta1', 'beta2', 'eps']);
  oneOf(o.type, `${name}.type`, ctx.catalog.optimizers);
  for (const key of ['learningRate', 'momentum', 'beta1', 'beta2', 'eps'] as const)
    if (o[key] !== undefined) finiteNumber(o[key], `${name}.${key}`);
  return o as unknown as OptimizerConfig;
}

export function checkRegularization(ctx: Context, value: unknown, name: string): RegularizationConfig {
  const r = object(value, name, ['type', 'rate']);
  oneOf(r.type, `${name}.type`, ctx.catalog.regularizations);
  if (r.rate !== undefined) finiteNumber(r.rate, `${name}.rate`);
  return r as unknown as RegularizationConfig;
}

export function checkConfig(ctx: Context, value: unknown): NetworkConfig {
  const c = object(value, 'config', [
    'inputs', 'layers', 'loss', 'optimizer', 'regularization', 'init', 'seed', 'clipNorm', 'features',
  ]);
  integer(c.inputs, 'inputs', 1, ctx.catalog.limits.inputs);
  if (!Array.isArray(c.layers) || c.layers.length === 0) {
    throw new MlpError('layers: must be a non-empty array of { units, activation } (the last is the output layer)', 'layers');
  }
  c.layers.forEach((layer: unknown, i: number) => {
    const l = object(layer, `layers[${i}]`, ['units', 'activation']);
    integer(l.units, `layers[${i}].units`, 1, ctx.catalog.limits.units);
    oneOf(l.activation, `layers[${i}].activation`, ctx.catalog.activations);
  });
  if (c.loss !== undefined) oneOf(c.loss, 'loss', ctx.catalog.losses);
  if (c.optimizer !== undefined) checkOptimizer(ctx, c.optimizer, 'optimizer');
  if (c.regularization !== undefined) checkRegularization(ctx, c.regularization, 'regularization');
  if (c.init !== undefined) oneOf(c.init, 'init', ctx.catalog.inits);
  if (c.seed !== undefined) integer(c.seed, 'seed', 0, 4294967295);
  if (c.clipNorm !== undefined) finiteNumber(c.clipNorm, 'clipNorm');
  if (c.features !== undefined) checkFeatures(ctx, c.features, 'features');
  return c as unknown as NetworkConfig;
}

/** The config as the flat numbers NetworkHandle.create takes (names as vocabulary indices). */
export function configDescriptor(ctx: Context, c: NetworkConfig): number[] {
  const v = ctx.catalog;
  const o = c.optimizer ?? { type: 'sgd' };
  const r = c.regularization ?? { type: 'none' };
  return [
    c.inputs,
    c.layers.length,
    ...c.layers.flatMap((l) => [l.units, v.activations.indexOf(l.activation)]),
    v.losses.indexOf(c.loss ?? 'mse'),
    v.optimizers.indexOf(o.type),
    o.learningRate ?? 0.03,
    o.momentum ?? 0.9,
    o.beta1 ?? 0.9,
    o.beta2 ?? 0.999,
    o.eps ?? 1e-8,
    v.regularizations.indexOf(r.type),
    r.rate ?? 0,
    v.inits.indexOf(c.init ?? 'classic'),
    c.seed ?? 1,
    c.clipNorm ?? 0,
    c.features?.length ?? 0,
    ...(c.features ?? []).map((f) => v.features.indexOf(f)),
  ];
}

function checkFeatures(ctx: Context, value: unknown, name: string): Feature[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new MlpError(`${name}: must be a non-empty array of feature names (${ctx.catalog.features.join(', ')})`, name);
  }
  return value.map((f, i) => oneOf(f, `${name}[${i}]`, ctx.catalog.features));
}

// ---- TrainingData ---------------------------------------------------------------------------

/**
 * A network's inputs and targets kept in wasm memory, so that training an epoch copies
 * nothing. Make one with `network.prepare(dataset, features)` or `core.createTrainingData`.
 */
export class TrainingData {
  #raw: RawTrainingData | null;
  readonly #ctx: Context;
  /** Samples. */
  readonly size: number;
  readonly inputs: number;
  readonly outputs: number;

  /** @internal */
  constructor(ctx: Context, raw: RawTrainingData) {
    this.#ctx = ctx;
    this.#raw = raw;
    this.size = raw.size();
    this.inputs = raw.inputs();
    this.outputs = raw.outputs();
    ctx.track(this, raw);
  }

  /** @internal */
  get raw(): RawTrainingData {
    if (!this.#raw) throw new MlpError('TrainingData has been disposed; prepare the data again', 'data');
    return this.#raw;
  }

  get disposed(): boolean {
    return this.#raw === null;
  }

  /** Frees the wasm memory. Further use throws. Calling it twice is harmless. */
  dispose(): void {
    if (this.#raw) this.#ctx.release(this, this.#raw);
    this.#raw = null;
  }

  [disposeSymbol](): void {
    this.dispose();
  }
}

/** TrainingData from network-ready arrays: x n × inputs, y n × outputs (rows checked). */
export function trainingDataFromArrays(ctx: Context, x: FloatInput, y: FloatInput, inputs: number, outputs: number): TrainingData {
  const n = rows(x, 'x', inputs);
  sameRows(n, rows(y, 'y', outputs), 'x', 'y');
  return call(() =>
    ctx.withArrays([x, y], (xa, ya) => new TrainingData(ctx, new ctx.mod.TrainingData(xa, ya, n, inputs, outputs))),
  );
}

// ---- Network ---------------------------------------------------------------------------

export interface TrainOptions {
  /** Minibatch size (the last batch of an epoch may be smaller). Default 10. */
  batchSize?: number;
  /** Epochs to run in this call (stops early on divergence). Default 1. */
  epochs?: number;
}

/** A multi-layer perceptron living in wasm memory. Call `dispose()` when done. */
export class Network {
  #raw: RawNetwork | null;
  readonly #ctx: Context;
  readonly #layerSizes: number[];

  /** @internal */
  constructor(ctx: Context, raw: RawNetwork) {
    this.#ctx = ctx;
    this.#raw = raw;
    this.#layerSizes = [];
    for (let l = 0; l < raw.numLayers(); l++) this.#layerSizes.push(raw.units(l));
    ctx.track(this, raw);
  }

  get #live(): RawNetwork {
    if (!this.#raw) throw new MlpError('Network has been disposed; create a new one with createNetwork()', 'network');
    return this.#raw;
  }

  get disposed(): boolean {
    return this.#raw === null;
  }

  /** The configuration with every default filled in (learning rate etc. as currently set). */
  get config(): ResolvedNetworkConfig {
    return JSON.parse(this.#live.configJson()) as ResolvedNetworkConfig;
  }
  get inputs(): number {
    return this.#live.inputs();
  }
  get outputs(): number {
    return this.#live.outputs();
  }
  /** Units of each dense layer (hidden layers, then the output layer). */
  get layerSizes(): number[] {
    this.#live;
    return [...this.#layerSizes];
  }
  get parameterCount(): number {
    return this.#live.numParameters();
  }
  /** Optimizer steps applied so far. */
  get steps(): number {
    return this.#live.stepCount();
  }
  /** The last step's loss was not finite (cleared by a good step or new parameters). */
  get diverged(): boolean {
    return this.#live.diverged();
  }

  // ---- training -------------------------------------------------------------------------

  /**
   * One minibatch step. x: n × inputs, y: n × outputs (row-major). Returns the data loss
   * before the update. A non-finite loss skips the update; check `diverged`.
   */
  trainBatch(x: FloatInput, y: FloatInput): number {
    const raw = this.#live;
    const n = rows(x, 'x', raw.inputs());
    sameRows(n, rows(y, 'y', raw.outputs()), 'x', 'y');
    return call(() => this.#ctx.withArrays([x, y], (xa, ya) => raw.trainBatch(xa, ya, n)));
  }

  /**
   * Trains whole epochs (shuffled with the network's seeded generator) over prepared data
   * or plain arrays `{ x, y }`.
   */
  trainEpoch(data: TrainingData | { x: FloatInput; y: FloatInput }, options: TrainOptions = {}): EpochResult {
    const raw = this.#live;
    const opts = object(options, 'options', ['batchSize', 'epochs']);
    const batchSize = opts.batchSize === undefined ? 10 : integer(opts.batchSize, 'batchSize', 1, 1 << 30);
    const epochs = opts.epochs === undefined ? 1 : integer(opts.epochs, 'epochs', 1, 1 << 30);
    // Plain arrays go through a temporary TrainingData, freed afterwards.
    const prepared = data instanceof TrainingData ? data : this.#arraysToData(data);
    try {
      return call(() => raw.trainEpochs(prepared.raw, batchSize, epochs));
    } finally {
      if (prepared !== data) prepared.dispose();
    }
  }

  // ---- inference -------------------------------------------------------------------------

  /** Outputs after the last activation: n × outputs. */
  predict(x: FloatInput): Float32Array {
    const raw = this.#live;
    const n = rows(x, 'x', raw.inputs());
    return call(() =>
      this.#ctx.withArrays([x], (xa) =>
        this.#ctx.withOutput(n * raw.outputs(), (out) => raw.predict(xa, n, out)),
      ),
    );
  }

  /** Loss (as in training) and accuracy (read as a classifier) on prepared data or arrays. */
  evaluate(data: TrainingData | { x: FloatInput; y: FloatInput }): Metrics {
    const raw = this.#live;
    if (data instanceof TrainingData) return call(() => raw.evaluateData(data.raw));
    if (!isPlainObject(data)) throw new MlpError('data: must be TrainingData or { x, y }', 'data');
    const n = rows(data.x, 'x', raw.inputs());
    sameRows(n, rows(data.y, 'y', raw.outputs()), 'x', 'y');
    return call(() => this.#ctx.withArrays([data.x, data.y], (xa, ya) => raw.evaluate(xa, ya, n)));
  }

  /**
   * Evaluates the network over a grid of the input plane in one call: every unit of every
   * layer (layer 0 = the input features), or just the outputs.
   */
  evaluateGrid(grid: GridSpec, options: GridOptions = {}): GridResult {
    const raw = this.#live;
    const g = object(grid, 'grid', ['width', 'height', 'xRange', 'yRange', 'dims', 'features']);
    const o = object(options, 'options', ['units', 'copy']);
    const dims = g.dims === undefined ? 2 : integer(g.dims, 'grid.dims', 1, 2);
    const width = integer(g.width, 'grid.width', 1, 4096);
    const height = g.height === undefined ? (dims === 1 ? 1 : width) : integer(g.height, 'grid.height', 1, 4096);
    const range = (v: unknown, name: string): [number, number] => {
      if (v === undefined) return [-6, 6];
      if (!Array.isArray(v) || v.length !== 2) throw new MlpError(`${name}: must be [min, max]`, name);
      const lo = finiteNumber(v[0], `${name}[0]`), hi = finiteNumber(v[1], `${name}[1]`);
      if (!(lo < hi)) throw new MlpError(`${name}: min must be below max, got [${lo}, ${hi}]`, name);
      return [lo, hi];
    };
    const [xMin, xMax] = range(g.xRange, 'grid.xRange');
    const [yMin, yMax] = range(g.yRange, 'grid.yRange');
    const features = checkFeatures(this.#ctx, g.features, 'grid.features');
    const units = o.units === undefined ? 'all' : oneOf(o.units, 'units', ['all', 'outputs'] as const);
    const copy = o.copy === undefined ? true : Boolean(o.copy);
    const all = units === 'all';
    const layerSizes = all ? [raw.inputs(), ...this.#layerSizes] : [raw.outputs()];
    const plane = width * height;
    const total = layerSizes.reduce((a, b) => a + b, 0);
    const address = call(() =>
      raw.evaluateGrid(width, height, xMin, xMax, yMin, yMax, dims, features.join(','), all),
    );
    const data = copy ? this.#ctx.copyOut(address, total * plane) : this.#ctx.view(address, total * plane);
    const starts: number[] = [];
    layerSizes.reduce((acc, s) => (starts.push(acc), acc + s), 0);
    return {
      width,
      height,
      layerSizes,
      data,
      unit(layer: number, unit: number): Float32Array {
        integer(layer, 'layer', 0, layerSizes.length - 1);
        integer(unit, 'unit', 0, layerSizes[layer]! - 1);
        const start = (starts[layer]! + unit) * plane;
        return data.subarray(start, start + plane);
      },
    };
  }

  // ---- parameters ----------------------------------------------------------------------

  /** Copies of every layer's weight ([units_l, units_{l-1}] row-major) and bias. */
  getParameters(): Parameters {
    return this.#copyLayers(this.#live.parametersAddress());
  }

  /** Gradients of the last step (data loss plus regularisation, after clipping), same layout. */
  getGradients(): Parameters {
    return this.#copyLayers(this.#live.gradientsAddress());
  }

  /** Replaces every parameter; shapes must match exactly. Nothing changes on error. */
  setParameters(p: Parameters): void {
    const raw = this.#live;
    const q = object(p, 'parameters', ['weights', 'biases']);
    const L = this.#layerSizes.length;
    if (!Array.isArray(q.weights) || q.weights.length !== L)
      throw new MlpError(`weights: must be an array of ${L} layers`, 'weights');
    if (!Array.isArray(q.biases) || q.biases.length !== L)
      throw new MlpError(`biases: must be an array of ${L} layers`, 'biases');
    const flat = new Float32Array(raw.numParameters());
    let offset = 0;
    let fanIn = raw.inputs();
    for (let l = 0; l < L; l++) {
      const units = this.#layerSizes[l]!;
      const w = q.weights[l] as unknown, b = q.biases[l] as unknown;
      if (rows(w, `weights[${l}]`, fanIn) !== units)
        throw new MlpError(`weights[${l}]: needs ${units * fanIn} values ([${units}, ${fanIn}] row-major)`, `weights[${l}]`);
      if (rows(b, `biases[${l}]`, 1) !== units)
        throw new MlpError(`biases[${l}]: needs ${units} values`, `biases[${l}]`);
      flat.set(w as ArrayLike<number>, offset);
      offset += units * fanIn;
      flat.set(b as ArrayLike<number>, offset);
      offset += units;
      fanIn = units;
    }
    call(() => this.#ctx.withArrays([flat], (a) => raw.setParameters(a, flat.length)));
  }

  getWeight(layer: number, unit: number, input: number): number {
    const raw = this.#live;
    return call(() => raw.weight(layer, unit, input));
  }
  setWeight(layer: number, unit: number, input: number, value: number): void {
    const raw = this.#live;
    finiteNumber(value, 'value');
    call(() => raw.setWeight(layer, unit, input, value));
  }
  getBias(layer: number, unit: number): number {
    const raw = this.#live;
    return call(() => raw.bias(layer, unit));
  }
  setBias(layer: number, unit: number, value: number): void {
    const raw = this.#live;
    finiteNumber(value, 'value');
    call(() => raw.setBias(layer, unit, value));
  }

  // ---- hyper-parameters (apply to the next step; no reset) ------------------------------

  setLearningRate(learningRate: number): void {
    const raw = this.#live;
    finiteNumber(learningRate, 'learningRate');
    call(() => raw.setLearningRate(learningRate));
  }
  /** Keeps the optimizer's state when the type is unchanged (e.g. new betas), resets it otherwise. */
  setOptimizer(optimizer: OptimizerConfig): void {
    const raw = this.#live;
    checkOptimizer(this.#ctx, optimizer, 'optimizer');
    call(() => raw.setOptimizer(JSON.stringify(optimizer)));
  }
  setRegularization(regularization: RegularizationConfig): void {
    const raw = this.#live;
    checkRegularization(this.#ctx, regularization, 'regularization');
    call(() => raw.setRegularization(JSON.stringify(regularization)));
  }
  setClipNorm(clipNorm: number): void {
    const raw = this.#live;
    finiteNumber(clipNorm, 'clipNorm');
    call(() => raw.setClipNorm(clipNorm));
  }
  /** Re-initialises parameters and optimizer state (with a new seed, or the config's). */
  reset(seed?: number): void {
    const raw = this.#live;
    const s = seed === undefined ? this.config.seed : integer(seed, 'seed', 0, 4294967295);
    call(() => raw.reset(s));
  }

  // ---- data ---------------------------------------------------------------------------

  /**
   * Turns raw points into this network's inputs (through `features`) and targets (class
   * labels encoded for the output layer: ±1 or 0/1 for one output, one-hot for several),
   * resident in wasm memory.
   */
  prepare(dataset: Dataset, features: Feature[]): TrainingData {
    const raw = this.#live;
    checkDataset(dataset, 'dataset');
    const f = checkFeatures(this.#ctx, features, 'features');
    if (dataset.size === 0) throw new MlpError('dataset: has no points', 'dataset');
    return withRawDataset(this.#ctx, dataset, (pair) =>
      new TrainingData(this.#ctx, call(() => raw.prepare(pair, false, f.join(',')))),
    );
  }

  // ---- serialisation --------------------------------------------------------------------

  /** The whole network (config, parameters, optimizer and generator state) as JSON text. */
  serialize(): string {
    return this.#live.toJson();
  }
  /** For JSON.stringify(network): the same content as serialize(), as an object. */
  toJSON(): unknown {
    return JSON.parse(this.serialize());
  }

  // ---- exports (leaving the browser) ------------------------------------------------------

  /**
   * This network as a PyTorch training script (text): its layers, weights, loss and
   * optimizer, a CSV reader, and a training loop that also runs under torchrun
   * (DistributedDataParallel); `--out` writes a network file that loadNetwork() reads.
   */
  toPyTorch(options: PyTorchOptions = {}): string {
    const o = object(options, 'options', ['features', 'dims', 'problem', 'classes', 'batchSize']) as PyTorchOptions;
    const doc = JSON.parse(this.serialize()) as NetworkDocument;
    return call(() => this.#ctx.exporters.toPyTorchScript(doc, o, this.#ctx.catalog.features, this.#ctx.catalog.version));
  }

  /**
   * This network as an ONNX model (opset 13): input x [N, dims] (the raw points; the
   * features are computed inside the graph), output y [N, outputs] as predict() gives.
   */
  toONNX(options: OnnxOptions = {}): Uint8Array {
    const o = object(options, 'options', ['features', 'dims']) as OnnxOptions;
    const p = this.getParameters();
    return call(() => this.#ctx.exporters.toOnnxModel(this.config, p.weights, p.biases, o, this.#ctx.catalog.features, this.#ctx.catalog.version));
  }

  /** Frees the wasm memory. Further use throws. Calling it twice is harmless. */
  dispose(): void {
    if (this.#raw) this.#ctx.release(this, this.#raw);
    this.#raw = null;
  }

  [disposeSymbol](): void {
    this.dispose();
  }

  /**
   * Copies flat parameters (each layer's weights, then its biases) straight from the heap
   * at address, one array per weight matrix and bias vector, each with its own buffer.
   */
  #copyLayers(address: number): Parameters {
    const weights: Float32Array[] = [], biases: Float32Array[] = [];
    let at = address;
    let fanIn = this.#live.inputs();
    for (const units of this.#layerSizes) {
      weights.push(this.#ctx.copyOut(at, units * fanIn));
      at += units * fanIn * 4;
      biases.push(this.#ctx.copyOut(at, units));
      at += units * 4;
      fanIn = units;
    }
    return { weights, biases };
  }

  #arraysToData(data: unknown): TrainingData {
    const raw = this.#live;
    if (!isPlainObject(data)) throw new MlpError('data: must be TrainingData or { x, y }', 'data');
    return trainingDataFromArrays(this.#ctx, data.x as FloatInput, data.y as FloatInput, raw.inputs(), raw.outputs());
  }
}
