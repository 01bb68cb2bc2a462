// The messages between a playground element and its training worker. The element sends a
// Setup (what to build), hyper-parameters (applied to the next step) and one TickRequest
// per frame; the worker answers each tick with a Snapshot whose Float32Arrays are
// transferred, not copied. Nothing here touches the DOM or calls the core (types, and the
// pure withHyper and vocabularyOf).
import type { MlpCore, OnnxOptions, PyTorchOptions } from '../core/index.js';
import type {
  Activation, Dataset, DatasetInfo, DatasetSpec, Feature, FeatureInfo, Init, LayerInfo, Loss, NetworkConfig, OptimizerConfig, OptimizerType,
  RegularizationConfig, RegularizationType,
} from '../core/types.js';

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
}

/** The vocabulary of a loaded core (as plain data, for the structured clone to the page). */
export function vocabularyOf(core: MlpCore): Vocabulary {
  const { datasets, featureCatalog: features, activations, losses, optimizers, regularizations, inits } = core;
  return { datasets, features, activations, losses, optimizers, regularizations, inits };
}

/** The worker's answer to init. */
export interface Started {
  simd: boolean;
  version: string;
  vocabulary: Vocabulary;
}

export type DataSource =
  | { kind: 'generated'; spec: DatasetSpec }
  | { kind: 'custom'; points: Dataset; trainRatio: number; seed: number };

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
}

/** A setup with new hyper-parameters: the one definition of what a live change replaces. */
export function withHyper(setup: Setup, h: Hyper): Setup {
  return { ...setup, batchSize: h.batchSize, network: { ...setup.network, optimizer: h.optimizer, regularization: h.regularization, clipNorm: h.clipNorm } };
}

export interface Built {
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
  /** Training produced a non-finite loss; training stops until reset or a new setting. */
  diverged: boolean;
  /** The network's outputs (or the focused unit) over the main view. */
  main: (GridPlanes & { focus: UnitRef | null; full: boolean }) | null;
  /** Every unit (features, hidden, outputs) at thumbnail size; layerSizes as in `all`. */
  thumbs: (GridPlanes & { layerSizes: number[] }) | null;
  params: { weights: Float32Array[]; biases: Float32Array[] } | null;
  /** Milliseconds the worker spent on this tick. */
  busyMs: number;
}

/** The worker's API (Comlink-exposed). */
export interface TrainerApi {
  /**
   * Loads the core. `lifeline`: the name of a Web Lock the worker holds from now on (for
   * good), so the element sees the worker's end as the lock being released.
   */
  init(options: { simd?: boolean | 'auto'; lifeline?: string }): Promise<Started>;
  /** `restore`: start from these parameters at this epoch (a restart after the worker died). */
  configure(setup: Setup, keepWeights: boolean, restore?: Restore): Built;
  setHyper(hyper: Hyper): void;
  tick(request: TickRequest): Snapshot;
  setWeight(layer: number, unit: number, input: number, value: number): void;
  setBias(layer: number, unit: number, value: number): void;
  serialize(): string;
  /** A few points of every catalog dataset, for the dataset picker's pictures. */
  previews(classes: number): Record<string, Dataset>;
  /** The input features over a grid (the core's feature map), one plane each, transferred. */
  featurePlanes(request: FeatureRequest): GridPlanes;
  /** The network as a PyTorch training script (net.toPyTorch). */
  exportPyTorch(options: PyTorchOptions): Promise<string>;
  /** The network as an ONNX model (net.toONNX), transferred. */
  exportONNX(options: OnnxOptions): Promise<Uint8Array>;
  importNetwork(setup: Setup, json: string): Built;
  /** Frees the network and its data (before the element terminates the worker). */
  dispose(): void;
}
