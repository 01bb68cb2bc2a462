// The messages between a playground element and its training worker. The element sends a
// Setup (what to build), hyper-parameters (applied to the next step) and one TickRequest
// per frame; the worker answers each tick with a Snapshot whose Float32Arrays are
// transferred, not copied. While it trains the worker records a training history (see
// "Training history" below). Nothing here touches the DOM or calls the core (types, and
// the pure withHyper and vocabularyOf).
import type { MlpCore, OnnxOptions, PyTorchOptions } from '../core/index.js';
import type {
  Activation,
  Dataset,
  DatasetInfo,
  DatasetSpec,
  Feature,
  FeatureInfo,
  Init,
  LayerInfo,
  Loss,
  NetworkConfig,
  OptimizerConfig,
  OptimizerType,
  Parameters,
  RegularizationConfig,
  RegularizationType,
  ScheduleConfig,
  ScheduleType,
  StopReason,
  StoppingConfig,
} from '../core/types.js';
import type { Gradients, LayerStats, StepPreview, Trace } from '../core/introspect-types.js';
import type { DigitsSpec } from './digits-source.js';
import type { Curve } from './history.js';

/**
 * The core's vocabulary, handed to the element on init (plain data): the dataset catalog,
 * the input features (name, notation, the dims each needs) and the names of everything a
 * config may use. The element has no copy of its own.
 */
export interface Vocabulary {
  datasets: readonly DatasetInfo[];
  features: readonly FeatureInfo[];
  activations: readonly Activation[];
  losses: readonly Loss[];
  optimizers: readonly OptimizerType[];
  regularizations: readonly RegularizationType[];
  inits: readonly Init[];
  schedules: readonly ScheduleType[];
}

/** The vocabulary of a loaded core (as plain data, for the structured clone to the page). */
export function vocabularyOf(core: MlpCore): Vocabulary {
  const { datasets, featureCatalog: features, activations, losses, optimizers, regularizations, inits, schedules } = core;
  return { datasets, features, activations, losses, optimizers, regularizations, inits, schedules };
}

/** The worker's answer to init. */
export interface Started {
  simd: boolean;
  version: string;
  vocabulary: Vocabulary;
}

export type DataSource =
  | { kind: 'generated'; spec: DatasetSpec }
  | { kind: 'custom'; points: Dataset; trainRatio: number; seed: number }
  /** MNIST digits (digits-source.ts): the worker loads them before it configures. */
  | { kind: 'digits'; spec: DigitsSpec };

export interface Setup {
  data: DataSource;
  features: Feature[];
  network: NetworkConfig;
  batchSize: number;
}

/** What changes between training steps without a rebuild (a live change). */
export interface Hyper {
  optimizer: OptimizerConfig;
  regularization: RegularizationConfig;
  /** Gradient-norm clipping (0 = off). */
  clipNorm: number;
  batchSize: number;
  /** The learning-rate schedule (net.setSchedule); absent: the network's stays. */
  schedule?: ScheduleConfig;
  /** Early stopping (on the test split) and the training-loss threshold (net.setStopping); absent: the network's stay. */
  stopping?: StoppingConfig;
}

/** A setup with new hyper-parameters: the one definition of what a live change replaces. */
export function withHyper(setup: Setup, h: Hyper): Setup {
  const network = { ...setup.network, optimizer: h.optimizer, regularization: h.regularization, clipNorm: h.clipNorm };
  if (h.schedule) network.schedule = h.schedule;
  if (h.stopping) network.stopping = h.stopping;
  return { ...setup, batchSize: h.batchSize, network };
}

export interface Built {
  /** The points of both splits (empty for digits: the page has the images from loadDigits). */
  train: Dataset;
  test: Dataset;
  /** Units of each dense layer: hidden layers then the output layer. */
  layerSizes: number[];
  /** Each layer as the core built it (net.layers: type, activation, residual, shapes), for the diagram. */
  layers: readonly LayerInfo[];
  /** Increments on every rebuild, so stale snapshots can be told apart. */
  version: number;
  /** Whether the weights were kept (a data-only change of a same-shaped network). */
  kept: boolean;
}

/** What a restarted worker starts from: the last snapshot's parameters and epoch. */
export interface Restore {
  params: { weights: Float32Array[]; biases: Float32Array[] };
  epoch: number;
}

export interface UnitRef {
  /** 0 = the input features, 1.. = dense layers (the last is the output layer). */
  layer: number;
  unit: number;
}

/** A grid over the plane, or over the x interval (dims 1, height 1). */
export interface PlaneGrid {
  width: number;
  height: number;
  dims: 1 | 2;
  xRange: [number, number];
  yRange: [number, number];
}

/** The main view at full resolution (canvas backing pixels). */
export interface MainViewRequest extends PlaneGrid {
  /** Show this unit's output instead of the network's outputs. */
  focus: UnitRef | null;
}

export interface TickRequest {
  /** 'play': train for the budget; 'step': exactly one epoch; 'none': only evaluate. */
  train: 'play' | 'step' | 'none';
  /** Most epochs per tick while playing (Infinity: as many as fit in budgetMs). */
  maxEpochs: number;
  /** Milliseconds of training per tick while playing. */
  budgetMs: number;
  /** Evaluate the main view at full resolution (otherwise it may be coarser while training). */
  full: boolean;
  main: MainViewRequest | null;
  /** Thumbnail side in grid points (0 = none); every unit of every layer at that size. */
  thumbs: number;
  /** Send the parameters (for the diagram). */
  params: boolean;
  /** 'play' trains no further than this epoch (a preset's stop point). */
  until?: number;
}

/** Input features over a grid, as the core computes them. */
export interface FeatureRequest extends PlaneGrid {
  features: Feature[];
}

export interface GridPlanes {
  width: number;
  height: number;
  /** Planes in `data`, each width × height, row-major, top row (y max) first. */
  planes: number;
  data: Float32Array;
}

export interface Snapshot {
  version: number;
  epoch: number;
  steps: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** Epochs trained by this tick. */
  epochsRun: number;
  stepsPerSecond: number;
  epochsPerSecond: number;
  /** The learning rate of the next epoch (the optimizer's, through the schedule). */
  learningRate: number;
  /** Training produced a non-finite loss; training stops until reset or a new setting. */
  diverged: boolean;
  /** A stopping rule (config.stopping) ended training; it stays stopped until reset, a new setting or branch(k). */
  stopped: StopReason | null;
  /** The network's outputs (or the focused unit) over the main view. */
  main: (GridPlanes & { focus: UnitRef | null; full: boolean }) | null;
  /** Every unit (features, hidden, outputs) at thumbnail size; layerSizes as in `all`. */
  thumbs: (GridPlanes & { layerSizes: number[] }) | null;
  params: { weights: Float32Array[]; biases: Float32Array[] } | null;
  /** Snapshots the training history holds now (history() lists them). */
  snapshots: number;
  /** Milliseconds the worker spent on this tick. */
  busyMs: number;
}

// ---- Training history ---------------------------------------------------------------------
// The worker records, per epoch, the epoch's training loss and gradient flow per layer (the
// curve), and snapshots of the whole training state (parameters, optimizer slots, counters,
// generator): every epoch at first, then every 2nd, 4th, ... epoch as the run grows, at most
// 300 snapshots and 20 MB (the largest network the UI allows, 7 → 10×32 → 1 with Adam, keeps
// ~178), and at most 4096 curve points, thinned the same way. Epoch 0 (before training) is
// always kept. A new network (configure without keeping the weights, importNetwork) starts a
// new history; the previous run's curve stays as `ghost`. A data-only change keeps it.
//   history()     the list of snapshots, the curve and the ghost;
//   snapshot(k)   snapshot k evaluated on the current data (losses, accuracy, parameters,
//                 net.layerStats: dead and saturated units, gradient norms), network unchanged;
//   viewAt(k, r)  a tick's views (main grid, thumbnails, parameters) at snapshot k, network unchanged;
//   branch(k)     "continue from here": back to snapshot k exactly, later history dropped.

/** A snapshot in the list (its state stays in the worker). */
export interface SnapshotInfo {
  /** Epochs completed when it was taken (0: before training). */
  epoch: number;
  steps: number;
  /** The mean minibatch training loss of the epoch that ended there (NaN at epoch 0). */
  trainLoss: number;
}

export interface HistoryInfo {
  /** The Built.version this history belongs to. */
  version: number;
  /** Oldest first; indices are what snapshot(k) and branch(k) take. */
  snapshots: SnapshotInfo[];
  /** Epochs between kept snapshots now (1, 2, 4, ...). */
  snapshotEvery: number;
  /** Bytes of training state kept. */
  bytes: number;
  /** This run, one entry per kept epoch (arrays transferred). */
  curve: Curve;
  /** The previous run's curve (after a reset), or null. */
  ghost: Curve | null;
}

/** Snapshot k evaluated on the current training and test data. */
export interface HistorySnapshot {
  index: number;
  epoch: number;
  steps: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  params: Parameters;
  /** net.layerStats(train) at the snapshot's state (epochGradNorm and updateRatio: the epoch that ended there). */
  stats: LayerStats[];
}

/**
 * One update step by step (worker/step-walk.ts): for training points (indices into
 * Built.train), the core's own numbers at the current parameters and optimizer state.
 */
export interface WalkStep {
  /** The Built.version it belongs to. */
  version: number;
  points: number[];
  /** The points' network-ready inputs and targets, n × inputs and n × outputs (as the core prepared them). */
  x: Float32Array;
  y: Float32Array;
  loss: Loss;
  optimizer: Required<OptimizerConfig>;
  /** net.trace(x): every layer's z and a. */
  trace: Trace;
  /** net.gradients(x, y, { layers: true }): ∂L/∂W, ∂L/∂b, and per layer ∂L/∂z, ∂L/∂a. */
  gradients: Gradients;
  /** net.previewStep(x, y): the step trainBatch(x, y) would take, before and after. */
  preview: StepPreview;
}

/** The worker's API (Comlink-exposed). */
export interface TrainerApi {
  // The calls answered as `T | Promise<T>` may first load the full core (worker.ts full()).
  /**
   * Loads the core. `lifeline`: the name of a Web Lock the worker holds from now on (for
   * good), so the element sees the worker's end as the lock being released. `wasm`: the
   * site's lite .wasm, fetched by the page while this worker loaded (app/client.ts).
   */
  init(options: { simd?: boolean | 'auto'; lifeline?: string; wasm?: ArrayBuffer }): Promise<Started>;
  /** `restore`: start from these parameters at this epoch (a restart after the worker died). */
  configure(setup: Setup, keepWeights: boolean, restore?: Restore): Built | Promise<Built>;
  setHyper(hyper: Hyper): void;
  tick(request: TickRequest): Snapshot;
  setWeight(layer: number, unit: number, input: number, value: number): void;
  setBias(layer: number, unit: number, value: number): void;
  serialize(): string | Promise<string>;
  /** A few points of every catalog dataset, for the dataset picker's pictures. */
  previews(classes: number): Record<string, Dataset>;
  /** The input features over a grid (the core's feature map), one plane each, transferred. */
  featurePlanes(request: FeatureRequest): GridPlanes;
  /** The network as a PyTorch training script (net.toPyTorch). */
  exportPyTorch(options: PyTorchOptions): Promise<string>;
  /** The network as an ONNX model (net.toONNX), transferred. */
  exportONNX(options: OnnxOptions): Promise<Uint8Array>;
  importNetwork(setup: Setup, json: string): Built | Promise<Built>;
  /** Digits data: the network's class probabilities for every test digit (test size × 10), transferred. */
  digitsTest(): Float32Array;
  /** The training history: snapshots, the curve and the ghost curve (arrays transferred). */
  history(): HistoryInfo;
  /** Snapshot k (0 .. snapshots − 1) evaluated; the network is unchanged. RangeError naming k otherwise. */
  snapshot(k: number): HistorySnapshot | Promise<HistorySnapshot>;
  /** The views of a tick that trains nothing, at snapshot k's state (the scrubber); the network is unchanged. */
  viewAt(k: number, request: TickRequest): Snapshot;
  /** Continue from snapshot k: the network's state becomes k's, the history after k is dropped. */
  branch(k: number): HistoryInfo;
  /** The step the network would take on these training points (indices into Built.train), not taken. */
  walkStep(points: number[]): WalkStep | Promise<WalkStep>;
  /** Takes exactly that step (net.trainBatch on the same points): the parameters after it. */
  applyWalkStep(points: number[]): Parameters | Promise<Parameters>;
  /** The loss landscape around the current parameters with the recorded path (landscape.ts); network unchanged. */
  landscape(request: LandscapeRequest): Landscape | Promise<Landscape>;
  /** net.layerStats on the training data now: dead and saturated units per layer. */
  flowStats(): FlowStats | Promise<FlowStats>;
  /** Frees the network and its data (before the element terminates the worker). */
  dispose(): void;
}

// ---- The learning panels: gradient flow and the loss landscape (worker/landscape.ts) ----------

export interface LandscapeRequest {
  /** Random filter-normalised directions (seeded), or the first two principal directions of the path. */
  directions: 'random' | 'pca';
  /** α and β values each (the core allows 2 .. 201). */
  steps: number;
  seed: number;
  /** α, β in [−range, range]; absent: 1 for random directions, the path's extent for PCA. */
  range?: number;
}

export interface Landscape {
  /** The Built.version and epoch it was computed at. */
  version: number;
  epoch: number;
  directions: 'random' | 'pca';
  steps: number;
  range: number;
  alphas: Float32Array;
  betas: Float32Array;
  /** steps × steps training losses, row-major over beta then alpha. */
  loss: Float32Array;
  /** The path's (α, β), k × 2, oldest first; the last point is the current parameters. */
  path: Float32Array;
  /** The epoch of each path point. */
  pathEpochs: Float64Array;
  /** PCA: the share of the path's variance along d₁ and d₂. */
  explained: [number, number] | null;
}

export interface FlowStats {
  version: number;
  epoch: number;
  /** Per layer (net.layers' order, the output layer last). */
  stats: LayerStats[];
}
