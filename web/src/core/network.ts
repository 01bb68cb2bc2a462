// Network (and TrainingData, training-data.ts): the wrappers that own wasm objects. Configs and specs go to
// the core as they are (it reads, defaults and checks them: cpp/src/specs.h); here only
// what the boundary needs — typed arrays copied in and out, numbers that Embind would
// otherwise coerce silently — is checked, and any use after dispose() is refused.
import { Context, disposeSymbol } from './context.js';
import { call, MlpError } from './errors.js';
import type { RawEpoch, RawNetwork } from './raw.js';
import type {
  Dataset,
  EpochResult,
  Feature,
  GridOptions,
  GridResult,
  GridSpec,
  LayerInfo,
  Metrics,
  OptimizerConfig,
  Parameters,
  RegularizationConfig,
  ResolvedNetworkConfig,
  ScheduleConfig,
  StopReason,
  StoppingConfig,
} from './types.js';
import type { Gradients, LayerStats, LossSurface, LossSurfaceOptions, StepPreview, Trace } from './introspect-types.js';
import * as introspect from './introspect.js';
import { type FloatInput, int32, isPlainObject, number, object, oneOf, rows, sameRows } from './validate.js';
import { checkDataset, withRawDataset } from './dataset.js';
import { gridResult } from './grid.js';
import type { OnnxOptions } from './export/onnx.js';
import type { NetworkDocument, PyTorchOptions } from './export/pytorch.js';

import { TrainingData, trainingDataFromArrays } from './training-data.js';
import type { EndEpochOptions, SampleData, TrainOptions } from './train-options.js';
import { readLayers } from './layer-records.js';

export { TrainingData, trainingDataFromArrays };
export type { EndEpochOptions, SampleData, TrainOptions };

// ---- Network ---------------------------------------------------------------------------

const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

export class Network {
  #raw: RawNetwork | null;
  readonly #ctx: Context;
  readonly #layers: readonly LayerInfo[];
  readonly #layerSizes: number[];
  /** The layers that have parameters: [weight count, bias count] of each, in order. */
  readonly #parameterShapes: [number, number][];

  /** @internal */
  constructor(ctx: Context, raw: RawNetwork) {
    this.#ctx = ctx;
    this.#raw = raw;
    this.#layers = readLayers(ctx, raw);
    this.#layerSizes = this.#layers.map((l) => product(l.outputShape));
    this.#parameterShapes = this.#layers.filter((l) => l.weightShape).map((l) => [product(l.weightShape!), l.weightShape![0]!]);
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
    const raw = this.#live;
    return JSON.parse(this.#ctx.call(() => raw.configJson())) as ResolvedNetworkConfig;
  }
  get inputs(): number {
    return this.#live.inputs();
  }
  get outputs(): number {
    return this.#live.outputs();
  }
  /** Values each layer writes per sample (units; channels · height · width for images), output layer last. */
  get layerSizes(): number[] {
    this.#live;
    return [...this.#layerSizes];
  }
  /**
   * Every layer as built: its type, activation, input and output shapes ([units] or
   * [channels, height, width]) and where its parameters are (frozen objects).
   */
  get layers(): readonly LayerInfo[] {
    this.#live;
    return this.#layers;
  }
  get parameterCount(): number {
    return this.#live.parameterCount();
  }
  /** Optimizer steps applied so far. */
  get steps(): number {
    return this.#live.stepCount();
  }
  /** Epochs completed (trainEpoch): the learning-rate schedule's epoch. */
  get epochs(): number {
    return this.#live.epochCount();
  }
  /** The learning rate of the current epoch: the optimizer's, through the schedule. */
  get learningRate(): number {
    return this.#live.learningRate();
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
    return this.#ctx.call(() => this.#ctx.withArrays([x, y], (xa, ya) => raw.trainBatch(xa, ya, n)));
  }

  /**
   * Trains whole epochs (shuffled with the network's seeded generator) over prepared data
   * or plain arrays `{ x, y }`.
   */
  trainEpoch(data: TrainingData | { x: FloatInput; y: FloatInput }, options: TrainOptions = {}): EpochResult {
    const raw = this.#live;
    // Call options, not a config: read here (positional ints) because this runs once per
    // epoch in the playground, where a property read through the boundary would show.
    const opts = object(options, 'options', ['batchSize', 'epochs', 'test', 'flow', 'shuffle', 'part']);
    const shuffle = opts.shuffle === undefined ? true : Boolean(opts.shuffle);
    const batchSize = opts.batchSize === undefined ? 10 : int32(opts.batchSize, 'batchSize');
    const epochs = opts.epochs === undefined ? 1 : int32(opts.epochs, 'epochs');
    const part = opts.part === undefined ? false : Boolean(opts.part);
    if (part && epochs !== 1) throw new MlpError(`epochs: a part of an epoch trains one pass (epochs 1), got ${epochs}`, 'epochs');
    if (part && opts.test !== undefined) throw new MlpError('test: early stopping is checked when the epoch ends: pass test to endEpoch, not with part', 'test');
    // Plain arrays go through a temporary TrainingData, freed afterwards.
    const prepared = data instanceof TrainingData ? data : this.#arraysToData(data);
    let test: TrainingData | null = null;
    try {
      if (opts.test !== undefined) test = opts.test instanceof TrainingData ? opts.test : this.#arraysToData(opts.test, 'test');
      const r = this.#ctx.call(() =>
        part ? raw.trainPart(prepared.raw, batchSize, shuffle) : raw.trainEpoch(prepared.raw, batchSize, epochs, test ? test.raw : null, shuffle),
      );
      const result = this.#epochResult(r);
      if (opts.flow) {
        const L = this.#layerSizes.length;
        result.flow = { gradNorm: this.#ctx.copyOut(r.gradNorms, L), updateRatio: this.#ctx.copyOut(r.updateRatios, L) };
      }
      return result;
    } finally {
      if (prepared !== data) prepared.dispose();
      if (test && test !== opts.test) test.dispose();
    }
  }

  /**
   * Completes an epoch trained in parts (trainEpoch with `part`): `epochs` and the schedule
   * advance, then the stopping rules are checked, as after each epoch of trainEpoch — the
   * train-loss rule on `loss`, early stopping on `test`'s loss. Answers like trainEpoch
   * (`epochs` 1, `steps` 0, `loss` as given).
   */
  endEpoch(options: EndEpochOptions): EpochResult {
    const raw = this.#live;
    const opts = object(options, 'options', ['loss', 'test']);
    if (typeof opts.loss !== 'number') throw new MlpError(`loss: must be the epoch's mean training loss, a finite number >= 0, got ${String(opts.loss)}`, 'loss');
    const loss = opts.loss;
    let test: TrainingData | null = null;
    try {
      if (opts.test !== undefined) test = opts.test instanceof TrainingData ? opts.test : this.#arraysToData(opts.test, 'test');
      return this.#epochResult(this.#ctx.call(() => raw.endEpoch(loss, test ? test.raw : null)));
    } finally {
      if (test && test !== opts.test) test.dispose();
    }
  }

  #epochResult(r: RawEpoch): EpochResult {
    return {
      loss: r.loss, steps: r.steps, epochs: r.epochs, diverged: r.diverged, testLoss: r.testLoss,
      stopped: r.stop > 0 ? (this.#ctx.catalog.stopReasons[r.stop - 1] as StopReason) : null,
    };
  }

  // ---- inference -------------------------------------------------------------------------

  /** Outputs after the last activation: n × outputs. */
  predict(x: FloatInput): Float32Array {
    const raw = this.#live;
    const n = rows(x, 'x', raw.inputs());
    return this.#ctx.call(() =>
      this.#ctx.withArrays([x], (xa) =>
        this.#ctx.withOutput(n * raw.outputs(), (out) => raw.predict(xa, n, out)),
      ),
    );
  }

  /** Loss (as in training) and accuracy (read as a classifier) on prepared data or arrays. */
  evaluate(data: TrainingData | { x: FloatInput; y: FloatInput }): Metrics {
    const raw = this.#live;
    if (data instanceof TrainingData) return this.#ctx.call(() => raw.evaluateData(data.raw));
    if (!isPlainObject(data)) throw new MlpError('data: must be TrainingData or { x, y }', 'data');
    const n = rows(data.x, 'x', raw.inputs());
    sameRows(n, rows(data.y, 'y', raw.outputs()), 'x', 'y');
    return this.#ctx.call(() => this.#ctx.withArrays([data.x, data.y], (xa, ya) => raw.evaluate(xa, ya, n)));
  }

  /**
   * Evaluates the network over a grid of the input plane in one call: every unit of every
   * layer (layer 0 = the input features), or just the outputs. Not for image inputs
   * (`inputShape`): MlpError on `grid`.
   */
  evaluateGrid(grid: GridSpec, options: GridOptions = {}): GridResult {
    const raw = this.#live;
    const o = object(options, 'options', ['units', 'inputs', 'copy']);
    const units = o.units === undefined ? 'all' : oneOf(o.units, 'units', ['all', 'outputs'] as const);
    const inputs = o.inputs === undefined ? true : Boolean(o.inputs);
    const copy = o.copy === undefined ? true : Boolean(o.copy);
    const all = units === 'all';
    const planes = this.#ctx.planesAt(this.#ctx.call(() => raw.evaluateGrid(grid, all, inputs)));
    const layerSizes = all ? [inputs ? raw.inputs() : 0, ...this.#layerSizes] : [raw.outputs()];
    return gridResult(this.#ctx, planes, layerSizes, copy);
  }

  // ---- parameters ----------------------------------------------------------------------

  /**
   * Copies of the weight and bias of every layer that has them, in order (PyTorch layout:
   * dense [units, inputs], conv2d [channels, inChannels, kernel, kernel], row-major).
   */
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
    const flat = introspect.flatParameters(this.#shape, p, '');
    this.#ctx.call(() => this.#ctx.withArrays([flat], (a) => raw.setParameters(a, flat.length)));
  }

  /**
   * One weight: `layer` indexes `net.layers` (a maxpool layer has none: MlpError), `unit` is
   * the output unit (a conv2d layer's output channel), `input` the input (for conv2d the
   * kernel element (c · kernel + i) · kernel + j of input channel c).
   */
  getWeight(layer: number, unit: number, input: number): number {
    const raw = this.#live;
    int32(layer, 'layer'), int32(unit, 'unit'), int32(input, 'input');
    return this.#ctx.call(() => raw.weight(layer, unit, input));
  }
  setWeight(layer: number, unit: number, input: number, value: number): void {
    const raw = this.#live;
    int32(layer, 'layer'), int32(unit, 'unit'), int32(input, 'input'), number(value, 'value');
    this.#ctx.call(() => raw.setWeight(layer, unit, input, value));
  }
  getBias(layer: number, unit: number): number {
    const raw = this.#live;
    int32(layer, 'layer'), int32(unit, 'unit');
    return this.#ctx.call(() => raw.bias(layer, unit));
  }
  setBias(layer: number, unit: number, value: number): void {
    const raw = this.#live;
    int32(layer, 'layer'), int32(unit, 'unit'), number(value, 'value');
    this.#ctx.call(() => raw.setBias(layer, unit, value));
  }

  // ---- hyper-parameters (apply to the next step; no reset) ------------------------------

  setLearningRate(learningRate: number): void {
    const raw = this.#live;
    number(learningRate, 'learningRate');
    this.#ctx.call(() => raw.setLearningRate(learningRate));
  }
  /**
   * Keeps the optimizer's state when the type is unchanged (e.g. new betas), resets it
   * otherwise. Fields left out take their defaults, as in createNetwork.
   */
  setOptimizer(optimizer: OptimizerConfig): void {
    const raw = this.#live;
    this.#ctx.call(() => raw.setOptimizer(optimizer));
  }
  setRegularization(regularization: RegularizationConfig): void {
    const raw = this.#live;
    this.#ctx.call(() => raw.setRegularization(regularization));
  }
  setClipNorm(clipNorm: number): void {
    const raw = this.#live;
    number(clipNorm, 'clipNorm');
    this.#ctx.call(() => raw.setClipNorm(clipNorm));
  }
  /** A new learning-rate schedule (fields left out take their defaults); the epoch count stays. */
  setSchedule(schedule: ScheduleConfig): void {
    const raw = this.#live;
    this.#ctx.call(() => raw.setSchedule(schedule));
  }
  /** New stopping rules; early stopping's best test loss so far is forgotten. */
  setStopping(stopping: StoppingConfig): void {
    const raw = this.#live;
    this.#ctx.call(() => raw.setStopping(stopping));
  }
  /** Re-initialises parameters, optimizer state and the epoch count (with a new seed, or the config's). */
  reset(seed?: number): void {
    const raw = this.#live;
    const s = seed === undefined ? this.config.seed : number(seed, 'seed');
    this.#ctx.call(() => raw.reset(s));
  }

  // ---- introspection: the numbers of the teaching views, from the core; none changes the network

  /** Every layer's pre-activation z and activation a for the samples x (n × inputs), each n × units. */
  trace(x: FloatInput): Trace {
    return introspect.trace(this.#shape, x);
  }

  /**
   * The gradient of the mean data loss (no regularisation) at the current parameters, in
   * PyTorch layout, and ∂L/∂x per sample; with `{ layers: true }` also every layer's z, a,
   * ∂L/∂z and ∂L/∂a. The network, its optimizer state and getGradients() are unchanged.
   */
  gradients(x: FloatInput, y: FloatInput, options: { layers?: boolean } = {}): Gradients {
    return introspect.gradients(this.#shape, x, y, options);
  }

  /**
   * The optimizer step `trainBatch(x, y)` would take now: the gradient it uses, the
   * parameters before and after, the optimizer's slots before and after, without taking it.
   */
  previewStep(x: FloatInput, y: FloatInput): StepPreview {
    return introspect.previewStep(this.#shape, x, y);
  }

  /**
   * The gradient flow per layer: weight and gradient norms on `data`, dead ReLU and
   * saturated tanh/sigmoid units on it, and the last epoch's mean gradient norm and update
   * ratio (one forward and backward pass over the data).
   */
  layerStats(data: SampleData): LayerStats[] {
    return introspect.layerStats(this.#shape, this.#samples(data));
  }

  /**
   * The training loss over θ + α·d₁ + β·d₂ on a steps × steps grid of (α, β) in one core
   * call: random filter-normalised directions, the principal directions of a trajectory,
   * or your own. The network is unchanged.
   */
  lossSurface(data: SampleData, options: LossSurfaceOptions = {}): LossSurface {
    return introspect.lossSurface(this.#shape, this.#samples(data), options);
  }

  // ---- training state (what a training history keeps) --------------------------------

  /**
   * The training state as bytes: parameters, optimizer state, step and epoch counts,
   * the shuffling generator and early stopping's best. restoreState() on a network of the
   * same shape continues exactly from there. With `handover`, also the last epoch's
   * gradient flow, the last clip factor and divergence's rollback point: for moving a live
   * network to another loaded core with nothing in its readouts changed.
   */
  saveState(options: { handover?: boolean } = {}): Uint8Array {
    const raw = this.#live;
    if (!isPlainObject(options)) throw new MlpError('options: must be { handover?: boolean }', 'options');
    const handover = options.handover ?? false;
    if (typeof handover !== 'boolean') throw new MlpError(`handover: must be true or false, got ${JSON.stringify(handover)}`, 'handover');
    const address = this.#ctx.call(() => raw.saveState(handover));
    const bytes = this.#ctx.mod.HEAPU8, n = this.#ctx.mod.HEAP32[address >>> 2]! >>> 0;
    return bytes.slice(address + 8, address + 8 + n);
  }

  /** Goes back to a saveState() (of a network of this shape). Nothing changes on error. */
  restoreState(state: Uint8Array): void {
    const raw = this.#live;
    if (!(state instanceof Uint8Array)) throw new MlpError('state: must be the Uint8Array of saveState()', 'state');
    this.#ctx.withBytes(state.length, (address) => {
      this.#ctx.mod.HEAPU8.set(state, address);
      this.#ctx.call(() => raw.restoreState(address, state.length));
    }, false);
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
    return withRawDataset(this.#ctx, dataset, (d) =>
      new TrainingData(this.#ctx, this.#ctx.call(() => raw.prepare(d, features))),
    );
  }

  // ---- serialisation --------------------------------------------------------------------

  /** The whole network (config, parameters, optimizer and generator state) as JSON text. */
  serialize(): string {
    const raw = this.#live;
    return this.#ctx.call(() => raw.toJson());
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
    return call(() => this.#ctx.exporters.toPyTorchScript(doc, this.layers, o, this.#ctx.catalog.features, this.#ctx.catalog.version));
  }

  /**
   * This network as an ONNX model (opset 13): input x [N, dims] (the raw points; the
   * features are computed inside the graph), output y [N, outputs] as predict() gives.
   */
  toONNX(options: OnnxOptions = {}): Uint8Array {
    const o = object(options, 'options', ['features', 'dims']) as OnnxOptions;
    const p = this.getParameters();
    return call(() => this.#ctx.exporters.toOnnxModel(this.config, this.layers, p.weights, p.biases, o, this.#ctx.catalog.features, this.#ctx.catalog.version));
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
    this.#live;
    const weights: Float32Array[] = [], biases: Float32Array[] = [];
    let at = address;
    for (const [nw, nb] of this.#parameterShapes) {
      weights.push(this.#ctx.copyOut(at, nw));
      at += nw * 4;
      biases.push(this.#ctx.copyOut(at, nb));
      at += nb * 4;
    }
    return { weights, biases };
  }

  #arraysToData(data: unknown, field = 'data'): TrainingData {
    const raw = this.#live;
    if (!isPlainObject(data)) throw new MlpError(`${field}: must be TrainingData or { x, y }`, field);
    return trainingDataFromArrays(this.#ctx, data.x as FloatInput, data.y as FloatInput, raw.inputs(), raw.outputs());
  }

  get #shape(): introspect.Shape {
    const raw = this.#live;
    return {
      ctx: this.#ctx, raw, inputs: raw.inputs(), outputs: raw.outputs(), layerSizes: this.#layerSizes,
      parameterShapes: this.#parameterShapes, weightShapes: this.#layers.filter((l) => l.weightShape).map((l) => l.weightShape!),
    };
  }

  #samples(data: SampleData): introspect.Samples {
    return data instanceof TrainingData ? { raw: data.raw, size: data.size } : (data as { x: FloatInput; y: FloatInput });
  }
}
