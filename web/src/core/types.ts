// Public types of the mlp-playground library: the vocabulary (activation, loss, optimizer,
// ... names, exactly those of the C++ core) and the shapes of configs, data and results.
// The defaults written here document the C++ core's (cpp/include/mlp/*.h), which applies
// them: the library passes configs and specs to the core as they are.

/** Activation of a layer. `softmax` is allowed on the output layer only. */
export type Activation =
  | 'linear'
  | 'relu'
  | 'leaky-relu'
  | 'elu'
  | 'tanh'
  | 'sigmoid'
  | 'softplus'
  | 'swish'
  | 'gelu'
  | 'sin'
  | 'softmax';

/** Loss (PyTorch semantics, mean reduction). `bce` needs a sigmoid output, `softmax-ce` a softmax output. */
export type Loss = 'mse' | 'bce' | 'softmax-ce';

export type OptimizerType = 'sgd' | 'momentum' | 'adam';
export type RegularizationType = 'none' | 'l1' | 'l2';
/** `classic`: U(-0.5, 0.5) weights and 0.1 biases (TensorFlow Playground); `xavier`: Glorot uniform; `he`: Kaiming normal; `zero`. */
export type Init = 'classic' | 'xavier' | 'he' | 'zero';
/** Input features computed from a point (x1, x2): x1, x2, x1², x2², x1·x2, sin x1, sin x2. */
export type Feature = 'x1' | 'x2' | 'x1sq' | 'x2sq' | 'x1x2' | 'sinx1' | 'sinx2';

/** A layer's kind: `dense` (the default when `type` is left out), `conv2d` or `maxpool`. */
export type LayerType = 'dense' | 'conv2d' | 'maxpool';
/** conv2d padding: `same` pads kernel / 2 on every side (the size is kept at stride 1), `valid` none. */
export type Padding = 'same' | 'valid';

/**
 * A dense (fully connected) layer: h = σ(W·x + b). With `residual: true`, h = x + σ(W·x + b)
 * (the identity added, as in a ResNet): a hidden layer whose units equal its input's width.
 */
export interface DenseLayerConfig {
  type?: 'dense';
  /** 1 .. 1024 */
  units: number;
  activation: Activation;
  /** Default false. */
  residual?: boolean;
}

/**
 * A 2-D convolution over an image (nn.Conv2d): the network declares `inputShape`, and
 * conv2d / maxpool layers come before every dense layer (which reads the image flattened,
 * C×H×W, as nn.Flatten). Weight [channels, inChannels, kernel, kernel].
 */
export interface Conv2dLayerConfig {
  type: 'conv2d';
  /** Output channels, 1 .. 32. */
  channels: number;
  /** 3 or 5: a square kernel. */
  kernel: 3 | 5;
  /** 1 (default) or 2. */
  stride?: 1 | 2;
  /** Default `valid` (nn.Conv2d's padding=0); `same` pads kernel / 2 (padding=kernel // 2). */
  padding?: Padding;
  /** Any activation but softmax. */
  activation: Activation;
}

/** Max-pooling over 2×2 windows with stride 2 (nn.MaxPool2d(2); an odd last row or column is dropped). */
export interface MaxPoolLayerConfig {
  type: 'maxpool';
  /** 2 (the only size; default). */
  size?: 2;
}

/** One layer of a network: dense (no `type`, as every config before layer types), conv2d or maxpool. */
export type LayerConfig = DenseLayerConfig | Conv2dLayerConfig | MaxPoolLayerConfig;

/** A built network's layer as `net.layers` describes it (for diagrams: what each layer is and makes). */
export interface LayerInfo {
  type: LayerType;
  /** The layer's activation (`null` for maxpool, which has none). */
  activation: Activation | null;
  /** A residual dense layer (h = x + σ(W·x + b)). */
  residual: boolean;
  /** What it reads: [values] for a vector, [channels, height, width] for an image. */
  inputShape: number[];
  /** What it writes, as inputShape: dense [units], conv2d and maxpool [channels, height, width]. */
  outputShape: number[];
  /** Its position in `getParameters().weights` / `.biases`, or `null` for maxpool (no parameters). */
  parameterIndex: number | null;
  /** PyTorch layout: dense [units, inputs], conv2d [channels, inChannels, kernel, kernel]; `null` for maxpool. */
  weightShape: number[] | null;
}

export interface OptimizerConfig {
  /** Default `sgd`. */
  type?: OptimizerType;
  /** >= 0; default 0.03 */
  learningRate?: number;
  /** `momentum` only: v = μv + g; default 0.9 */
  momentum?: number;
  /** `adam` only; defaults 0.9, 0.999, 1e-8 (eps is added after the square root) */
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export interface RegularizationConfig {
  /** Default `none`. */
  type?: RegularizationType;
  /** l1 adds rate·sign(w), l2 adds rate·w to weight gradients (never biases); default 0. */
  rate?: number;
}

/**
 * A learning-rate schedule stepped per epoch: PyTorch's `StepLR` (`step-lr`),
 * `CosineAnnealingLR` (`cosine-annealing-lr`) and `LinearLR` (`linear-lr`, a warm-up), with
 * their parameters (camel-cased). The rate of epoch e (0 during the first) is, for the
 * optimizer's learningRate lr: step-lr lr·gamma^⌊e/stepSize⌋; cosine-annealing-lr
 * etaMin + (lr − etaMin)(1 + cos(π e / tMax))/2; linear-lr
 * lr·(startFactor + (endFactor − startFactor)·min(e, totalIters)/totalIters).
 */
export type ScheduleType = 'none' | 'step-lr' | 'cosine-annealing-lr' | 'linear-lr';

export interface ScheduleConfig {
  /** Default `none` (a constant rate). */
  type?: ScheduleType;
  /** `step-lr`: epochs per decay, integer >= 1; default 100 (StepLR's step_size). */
  stepSize?: number;
  /** `step-lr`: factor per decay, > 0; default 0.1 (StepLR's gamma). */
  gamma?: number;
  /** `cosine-annealing-lr`: epochs from the rate down to etaMin, integer >= 1; default 500 (T_max). */
  tMax?: number;
  /** `cosine-annealing-lr`: the lowest rate, >= 0; default 0 (eta_min). */
  etaMin?: number;
  /** `linear-lr`: the first epoch's factor, in (0, 1]; default 1/3 (start_factor). */
  startFactor?: number;
  /** `linear-lr`: the factor from totalIters on, in [0, 1]; default 1 (end_factor). */
  endFactor?: number;
  /** `linear-lr`: epochs of the ramp, integer >= 1; default 5 (total_iters). */
  totalIters?: number;
}

export interface StoppingConfig {
  /**
   * Early stopping: with test data given to trainEpoch, stop after this many epochs
   * without a test loss below the best so far; 0 (default) = off.
   */
  patience?: number;
  /** Stop once an epoch's training loss (EpochResult.loss) is at or below this; 0 (default) = off. */
  trainLoss?: number;
}

export interface NetworkConfig {
  /** Number of inputs, 1 .. 1024 (a 28×28 image is 784). */
  inputs: number;
  /**
   * The image each input vector is, [channels, height, width] with channels · height ·
   * width = inputs (e.g. [1, 28, 28]), C×H×W order as nn.Flatten. Needed by conv2d and
   * maxpool layers. Optional.
   */
  inputShape?: [number, number, number];
  /** Hidden layers then the output layer (at least one layer; the last one dense). */
  layers: LayerConfig[];
  /** Default `mse`. */
  loss?: Loss;
  /** Default `{ type: 'sgd', learningRate: 0.03 }` (and the other defaults of OptimizerConfig). */
  optimizer?: OptimizerConfig;
  /** Default `{ type: 'none', rate: 0 }`. */
  regularization?: RegularizationConfig;
  /** Default `classic`. */
  init?: Init;
  /** Integer in [0, 2^32); the same seed gives the same weights and the same run. Default 1. */
  seed?: number;
  /** Gradient-norm clipping (torch.nn.utils.clip_grad_norm_); 0 = off (default). */
  clipNorm?: number;
  /**
   * What each input is, when the inputs are features of a point (x1, x2): one name per
   * input, in input order. Optional; the PyTorch and ONNX exports then compute them from
   * raw points, and a saved network keeps them.
   */
  features?: Feature[];
  /** The learning rate per epoch; default none (constant). */
  schedule?: ScheduleConfig;
  /** Early stopping and the training-loss threshold; default off. */
  stopping?: StoppingConfig;
}

/** A config with every default filled in, as the network reports it. */
export interface ResolvedNetworkConfig {
  inputs: number;
  /** Present when the network was created with one. */
  inputShape?: [number, number, number];
  /** Dense layers as `{ units, activation }` (with `residual: true` when set); conv2d and maxpool with every field. */
  layers: LayerConfig[];
  loss: Loss;
  optimizer: Required<OptimizerConfig>;
  regularization: Required<RegularizationConfig>;
  init: Init;
  seed: number;
  clipNorm: number;
  /** Present when the network was created with features. */
  features?: Feature[];
  /** Present when a schedule is set (type other than `none`). */
  schedule?: Required<ScheduleConfig>;
  /** Present when a stopping rule is on. */
  stopping?: Required<StoppingConfig>;
}

/**
 * The parameters of the layers that have them (every layer but maxpool), in order: PyTorch's
 * state_dict order. `net.layers[i].parameterIndex` says which entry is layer i's.
 */
export interface Parameters {
  /** A dense weight [units, inputs], a conv2d weight [channels, inChannels, kernel, kernel], row-major. */
  weights: Float32Array[];
  /** A layer's bias, [units] or [channels]. */
  biases: Float32Array[];
}

export interface EpochResult {
  /** Mean over the examples of the pre-update batch losses of the last epoch run. */
  loss: number;
  /** Minibatch updates applied. */
  steps: number;
  /** Epochs run (fewer than asked if training diverged or a stopping rule stopped it). */
  epochs: number;
  /** The loss became non-finite: the update was skipped and parameters rolled back. */
  diverged: boolean;
  /** The stopping rule (config.stopping) that ended training after the last epoch run, or null. */
  stopped: StopReason | null;
  /** The test loss after the last epoch, when early stopping evaluated it (else NaN). */
  testLoss: number;
  /**
   * With `{ flow: true }`: per layer, the mean over the last epoch's steps of the minibatch
   * gradient norm of its weights, and ‖ΔW‖ / ‖W‖ of its last update.
   */
  flow?: { gradNorm: Float32Array; updateRatio: Float32Array };
}

/** `patience`: early stopping on the test loss; `train-loss`: the training-loss threshold. */
export type StopReason = 'patience' | 'train-loss';

export interface Metrics {
  loss: number;
  /** Fraction correct when read as a classifier (argmax, or the output's midpoint threshold). */
  accuracy: number;
}

export type Problem = 'classification' | 'regression';

/** Raw points: x is size × dims (row-major), y a class index (classification) or a value. */
export interface Dataset {
  problem: Problem;
  dims: 1 | 2;
  /** Number of classes (>= 2), or 0 for regression. */
  classes: number;
  x: Float32Array;
  y: Float32Array;
  size: number;
}

/**
 * Images with class labels (`loadDigits` of `mlp-playground/digits`). A separate type so
 * that `Dataset.dims` stays `1 | 2` for the 2-D points every other API takes: x is
 * size × dims pixel values in [0, 1], each image row-major in C×H×W order (`shape`), as
 * PyTorch's `nn.Flatten` lays it out; y the class index (0 .. classes-1).
 */
export interface ImageDataset {
  problem: 'classification';
  /** Values per image: channels · height · width (784 for 28×28 digits, 196 for 14×14). */
  dims: number;
  /** [channels, height, width] of one image, e.g. [1, 28, 28]. */
  shape: [number, number, number];
  classes: number;
  x: Float32Array;
  y: Float32Array;
  size: number;
}

/** A train/test split: of points (`Dataset`, the default) or of images (`ImageDataset`). */
export interface DatasetSplit<D extends Dataset | ImageDataset = Dataset> {
  train: D;
  test: D;
}

export interface DatasetSpec {
  /** One of `core.datasets[i].name`. */
  name: string;
  /** Total points before the split; default depends on the dataset. */
  samples?: number;
  /** 0 .. 0.5 (the TensorFlow Playground's 0–50 %). Default 0. */
  noise?: number;
  /** `spiral-k` and `blobs-k` only: 2 .. 6 classes. Default 3. */
  classes?: number;
  /** Fraction used for training, (0, 1]. Default 0.5. */
  trainRatio?: number;
  /** Default 1. */
  seed?: number;
}

export interface DatasetInfo {
  name: string;
  problem: Problem;
  dims: 1 | 2;
  defaultSamples: number;
  multiclass: boolean;
  /** The square (or interval) the points live in. */
  domain: [number, number];
  description: string;
}

/** An input feature as the core describes it (`core.featureCatalog`). */
export interface FeatureInfo {
  name: Feature;
  /** Mathematical notation, e.g. `x₁²`, `sin x₂`. */
  label: string;
  /** Raw dimensions the feature needs: 1 (x1 only) or 2 (uses x2). */
  dims: 1 | 2;
}

export interface GridSpec {
  /** Columns, 1 .. 4096. */
  width: number;
  /** Rows, 1 .. 4096; must be 1 (the default for 1-D) when dims is 1. */
  height?: number;
  /** Default [-6, 6]. */
  xRange?: [number, number];
  /** Default [-6, 6]; ignored for 1-D. */
  yRange?: [number, number];
  /** Raw dimensions of the plane; default 2. */
  dims?: 1 | 2;
  /** How a point becomes the network's inputs (one feature per input). */
  features: Feature[];
}

export interface GridOptions {
  /** `all` (default): every unit of every layer, layer 0 being the input features; `outputs`: the output layer only. */
  units?: 'all' | 'outputs';
  /**
   * true (default): `data` is a copy you own. false: `data` is a view into wasm memory,
   * valid only until the next call on any network of this core (faster, for render loops).
   */
  copy?: boolean;
}

export interface GridResult {
  width: number;
  height: number;
  /** Units per layer in `data`: [inputs, hidden..., outputs] for `all`, [outputs] for `outputs`. */
  layerSizes: number[];
  /** unitCount × (width·height) floats; each unit's plane is row-major, top row (y max) first, sampled at cell centres. */
  data: Float32Array;
  /** The plane of one unit (a subarray of `data`). For `all`, layer 0 is the input features. */
  unit(layer: number, unit: number): Float32Array;
}

export interface LoadOptions {
  /** `auto` (default) uses SIMD when `WebAssembly.validate` says the engine supports it. */
  simd?: boolean | 'auto';
  /** Where the .wasm file is (browser); defaults to the file next to this module. */
  wasmUrl?: string | URL;
  /** The .wasm bytes, if you already have them (skips fetching / reading). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /**
   * `true` leaves the exporters' chunk (PyTorch, ONNX: about 25 KB gzip) unloaded until
   * `core.loadExporters()`; until then `toPyTorch`, `toONNX` and `loadONNX` throw. Default
   * `false`: loadCore loads them, and those calls work as soon as it resolves.
   */
  lazyExporters?: boolean;
}
