// Workloads A-F of DESIGN.md as plain data: the network shapes, the training settings and
// the points (A-D from the core's generators, E and F the MNIST digits of
// `mlp-playground/digits`), built once so that every library trains on the same bytes and
// starts from the same weights. Shared by bench/run.mjs, bench/startup.mjs and the
// browser bench (plain ESM: nothing here is Node-only).

/** The digits of E and F: `loadDigits` of mlp-playground/digits, 8,000 train / 2,000 test. */
const DIGITS = { samples: 10000, trainRatio: 0.8, seed: 1 };

/** Network and training settings of each workload (DESIGN.md, "Benchmark workloads"). */
export const WORKLOADS = {
  A: {
    id: 'A',
    name: 'playground-default',
    dataset: { name: 'circle', samples: 500, noise: 0, trainRatio: 0.5, seed: 1 },  // 250 train points
    features: ['x1', 'x2'],
    layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'tanh' }],
    loss: 'mse',
    optimizer: { type: 'sgd', learningRate: 0.03 },
    init: 'classic',
    batchSize: 10,
  },
  B: {
    id: 'B',
    name: 'playground-max',
    dataset: { name: 'spiral', samples: 500, noise: 0, trainRatio: 0.5, seed: 1 },  // 250 train points
    // Six of the seven playground features (DESIGN.md says 6); sinx2 is the one left out.
    features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1'],
    layers: [...Array.from({ length: 6 }, () => ({ units: 8, activation: 'tanh' })), { units: 1, activation: 'tanh' }],
    loss: 'mse',
    optimizer: { type: 'sgd', learningRate: 0.03 },
    init: 'classic',
    batchSize: 10,
    grid: { width: 100, height: 100 },
  },
  C: {
    id: 'C',
    name: 'wide',
    dataset: { name: 'spiral-k', classes: 3, samples: 3000, noise: 0, trainRatio: 1, seed: 1 },  // 3000 train points
    features: ['x1', 'x2'],
    layers: [
      { units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 64, activation: 'relu' },
      { units: 3, activation: 'softmax' },
    ],
    loss: 'softmax-ce',
    optimizer: { type: 'adam', learningRate: 0.01 },
    init: 'he',
    batchSize: 32,
  },
  // D: network C evaluated (outputs only) over a 256 x 256 grid of the input plane.
  D: { id: 'D', name: 'grid-inference', network: 'C', grid: { width: 256, height: 256 } },
  E: {
    id: 'E',
    name: 'digits-mlp',
    digits: DIGITS,  // 8,000 training digits, 28 x 28
    inputs: 784,
    layers: [{ units: 128, activation: 'relu' }, { units: 10, activation: 'softmax' }],
    loss: 'softmax-ce',
    optimizer: { type: 'adam', learningRate: 1e-3 },
    init: 'he',
    batchSize: 32,
    unitBatches: 1,  // a peer's unit of timed work: one batch (a TF.js cpu epoch of F takes minutes)
  },
  F: {
    id: 'F',
    name: 'digits-cnn',
    digits: DIGITS,
    inputs: 784,
    inputShape: [1, 28, 28],
    // The config of issue 12 (conv2d / maxpool layers; a layer without `type` is dense).
    layers: [
      { type: 'conv2d', channels: 8, kernel: 5, padding: 'same', activation: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'conv2d', channels: 16, kernel: 5, padding: 'same', activation: 'relu' },
      { type: 'maxpool', size: 2 },
      { units: 10, activation: 'softmax' },
    ],
    loss: 'softmax-ce',
    optimizer: { type: 'adam', learningRate: 1e-3 },
    init: 'he',
    batchSize: 32,
    unitBatches: 1,
  },
};

/**
 * Workloads mlp-playground cannot build yet, with the reason the report prints instead of
 * a figure. When the core gains a layer type, delete its entry: the bench then measures it
 * like the others (its initial weights then come from the core, as for A-E).
 */
export const NOT_YET = {};

export const GRID_RANGE = [-6, 6];

/** The network's inputs: the features of a point, or an image's pixels. */
export const inputCount = (w) => w.inputs ?? w.features.length;

/** The mlp-playground NetworkConfig of a workload. */
export function networkConfig(w, seed = 1) {
  const shape = w.inputShape ? { inputShape: w.inputShape } : {};
  return { inputs: inputCount(w), ...shape, layers: w.layers, loss: w.loss, optimizer: w.optimizer, init: w.init, seed };
}

/** Layer widths including the input: [inputs, hidden..., outputs] (dense workloads). */
export function layerSizes(w) {
  return [inputCount(w), ...w.layers.map((l) => l.units)];
}

/** Outputs of the last layer. */
export const outputCount = (w) => w.layers[w.layers.length - 1].units;

/**
 * Shapes through a workload's layers (PyTorch semantics): for each layer its input and
 * output shape [C, H, W] (dense: [units]) and its parameter shapes (PyTorch layout:
 * conv [out, in, k, k] + [out], dense [out, in] + [out], maxpool none).
 */
export function layerShapes(w) {
  let shape = w.inputShape ?? [inputCount(w)];
  return w.layers.map((l) => {
    const input = shape;
    let params = [];
    if (l.type === 'conv2d') {
      const [c, h, wd] = input;
      const same = l.padding === 'same';
      const stride = l.stride ?? 1;
      const out = (n) => Math.floor((same ? n + 2 * Math.floor(l.kernel / 2) - l.kernel : n - l.kernel) / stride) + 1;
      shape = [l.channels, out(h), out(wd)];
      params = [[l.channels, c, l.kernel, l.kernel], [l.channels]];
    } else if (l.type === 'maxpool') {
      shape = [input[0], Math.floor(input[1] / l.size), Math.floor(input[2] / l.size)];
    } else {
      const fanIn = input.reduce((a, b) => a * b, 1);
      shape = [l.units];
      params = [[l.units, fanIn], [l.units]];
    }
    return { layer: l, input, output: shape, params };
  });
}

/**
 * Initial parameters in PyTorch layout for a workload mlp-playground cannot build yet
 * (NOT_YET): He normal weights N(0, 2 / fan_in), zero biases, from a seeded generator.
 * Every other workload starts from mlp-playground's own initial parameters.
 */
export function heInit(w, seed = 1) {
  const random = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const weights = [], biases = [];
  for (const { params } of layerShapes(w)) {
    if (!params.length) continue;
    const [ws, bs] = params;
    const fanIn = ws.slice(1).reduce((a, b) => a * b, 1);
    const count = ws.reduce((a, b) => a * b, 1);
    weights.push(Float32Array.from({ length: count }, () => normal() * Math.sqrt(2 / fanIn)));
    biases.push(new Float32Array(bs[0]));
  }
  return { weights, biases };
}

/** The initial parameters every library starts from (see heInit for NOT_YET workloads). */
export function initialParams(core, w) {
  if (NOT_YET[w.id]) return heInit(w);
  const net = core.createNetwork(networkConfig(w));
  try {
    return net.getParameters();
  } finally {
    net.dispose();
  }
}

/** Network-ready digits (E, F): the training images as x (n x 784), one-hot targets y. */
export function digitsData(split) {
  const d = split.train;
  const y = new Float32Array(d.size * 10);
  for (let i = 0; i < d.size; i++) y[i * 10 + d.y[i]] = 1;
  return { n: d.size, inputs: d.dims, outputs: 10, x: d.x, y, labels: Int32Array.from(d.y) };
}

const FEATURES = {
  x1: (a) => a,
  x2: (a, b) => b,
  x1sq: (a) => a * a,
  x2sq: (a, b) => b * b,
  x1x2: (a, b) => a * b,
  sinx1: (a) => Math.sin(a),
  sinx2: (a, b) => Math.sin(b),
};

/** Row-major n x features inputs from raw 2-D points (the same definitions as the core). */
export function featurize(points, n, features) {
  const out = new Float32Array(n * features.length);
  const fns = features.map((f) => FEATURES[f]);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < fns.length; j++) out[i * fns.length + j] = fns[j](points[2 * i], points[2 * i + 1]);
  return out;
}

/**
 * Network-ready data of a workload from the core's seeded generator: inputs x (n x f),
 * targets y (n x outputs; +-1 for one tanh output, one-hot for softmax) and the labels.
 */
export function buildData(core, w) {
  const d = core.generateDataset(w.dataset).train;
  const outputs = w.layers[w.layers.length - 1].units;
  const x = featurize(d.x, d.size, w.features);
  const y = new Float32Array(d.size * outputs);
  for (let i = 0; i < d.size; i++) {
    if (outputs === 1) y[i] = d.y[i] === 1 ? 1 : -1;
    else y[i * outputs + d.y[i]] = 1;
  }
  return { n: d.size, inputs: w.features.length, outputs, x, y, labels: Int32Array.from(d.y) };
}

/** Grid points at cell centres, top row (y max) first, as evaluateGrid samples them. */
export function gridInputs(width, height, features, range = GRID_RANGE) {
  const [lo, hi] = range;
  const pts = new Float32Array(width * height * 2);
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      pts[2 * i] = lo + ((c + 0.5) * (hi - lo)) / width;
      pts[2 * i + 1] = hi - ((r + 0.5) * (hi - lo)) / height;
    }
  return featurize(pts, width * height, features);
}

/** Seeded 32-bit generator (mulberry32): peers shuffle with it, never with Math.random. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates in place. */
export function shuffle(order, random) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/**
 * The measured figures: which network each uses, what one unit of work is (an epoch of
 * the training points, one all-unit grid, or the points of one grid).
 */
export const FIGURES = [
  { workload: 'A', figure: 'train', unit: 'examples/s', kind: 'train', net: 'A' },
  { workload: 'B', figure: 'train', unit: 'examples/s', kind: 'train', net: 'B' },
  { workload: 'B', figure: 'grid-all 100x100', unit: 'grids/s', kind: 'gridAll', net: 'B', grid: WORKLOADS.B.grid },
  { workload: 'C', figure: 'train', unit: 'examples/s', kind: 'train', net: 'C' },
  { workload: 'D', figure: 'grid 256x256', unit: 'points/s', kind: 'grid', net: 'C', grid: WORKLOADS.D.grid },
  // E and F: mlp-playground and TF.js only (brain.js has no softmax, ConvNetJS no Adam).
  { workload: 'E', figure: 'train', unit: 'examples/s', kind: 'train', net: 'E', libraries: ['mlp-playground', 'tfjs'] },
  { workload: 'F', figure: 'train', unit: 'examples/s', kind: 'train', net: 'F', libraries: ['mlp-playground', 'tfjs'] },
];
