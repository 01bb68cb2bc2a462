// The networks the exporters are checked on, shared by the PyTorch and ONNX tests (and the
// network file's). One row per case: a new activation, loss head or layer type (residual,
// conv2d, maxpool: imageRow) is one more row of
// FORWARD_CASES; a new optimizer, loss or regularization is one more entry in the lists
// that TRAINING_CASES crosses (or one row after them).
import type {
  Activation,
  Feature,
  LayerConfig,
  Loss,
  NetworkConfig,
  OptimizerType,
  Problem,
  RegularizationType,
} from '../../../web/src/core/types.js';

export interface ExportCase {
  name: string;
  config: NetworkConfig;
  /** Raw coordinates per point. */
  dims: 1 | 2;
  problem: Problem;
  /** Classes (0 for regression). */
  classes: number;
}

/** "4 tanh, 3 relu residual, 1 tanh" -> dense layers. */
function layers(spec: string): LayerConfig[] {
  return spec.split(',').map((l) => {
    const [units, activation, residual] = l.trim().split(' ');
    return { units: Number(units), activation: activation as Activation, ...(residual === 'residual' ? { residual: true } : {}) };
  });
}

/** "conv 4 3x3/2 same relu" (channels, kernel, stride, padding, activation) or "pool" -> an image layer. */
function imageLayer(spec: string): LayerConfig {
  if (spec === 'pool') return { type: 'maxpool', size: 2 };
  const m = /^conv (\d+) (\d)x\d\/(\d) (same|valid) (\S+)$/.exec(spec);
  if (!m) throw new Error(`bad image layer spec "${spec}"`);
  return { type: 'conv2d', channels: Number(m[1]), kernel: Number(m[2]) as 3 | 5, stride: Number(m[3]) as 1 | 2, padding: m[4] as 'same' | 'valid', activation: m[5] as Activation };
}

/**
 * One row of a network of image inputs: its [C, H, W], image layers ("conv ..., pool") then
 * dense layers as row() takes them. Its samples are images (support/exported.ts samplesOf).
 */
function imageRow(name: string, shape: [number, number, number], images: string, dense: string, loss: Loss, data: string, extra: Partial<NetworkConfig> = {}): ExportCase {
  const c = row(name, '', dense, loss, data, extra);
  c.config = { ...c.config, inputs: shape[0] * shape[1] * shape[2], inputShape: shape, layers: [...images.split(',').map((l) => imageLayer(l.trim())), ...c.config.layers] };
  return c;
}

/** One row: name, features ("" for none: the raw x1, x2), layers, loss, data ("c2", "c3", "r2", "r1"). */
function row(name: string, features: string, spec: string, loss: Loss, data: string, extra: Partial<NetworkConfig> = {}): ExportCase {
  const f = features ? (features.split(',') as Feature[]) : undefined;
  const problem: Problem = data[0] === 'r' ? 'regression' : 'classification';
  return {
    name,
    config: { inputs: f?.length ?? 2, ...(f ? { features: f } : {}), layers: layers(spec), loss, init: 'xavier', seed: 7 + name.length, ...extra },
    dims: data === 'r1' ? 1 : 2,
    problem,
    classes: problem === 'regression' ? 0 : Number(data.slice(1)),
  };
}

const HIDDEN: Activation[] = ['linear', 'relu', 'leaky-relu', 'elu', 'tanh', 'sigmoid', 'softplus', 'swish', 'gelu', 'sin'];
const FEATURE_SETS = ['x1,x2', 'x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2', 'x1x2,sinx1,x2sq', 'sinx2,x1,x1sq,x2'];

/** Every activation (hidden and at the output), every loss head, features, 1-D data, raw inputs. */
export const FORWARD_CASES: ExportCase[] = [
  ...HIDDEN.map((act, i) => row(`hidden ${act}`, FEATURE_SETS[i % FEATURE_SETS.length]!, `5 ${act}, 4 ${act}, 1 tanh`, 'mse', 'c2')),
  row('bce, sigmoid output', 'x1,x2,x1x2', '4 relu, 1 sigmoid', 'bce', 'c2'),
  row('mse, sigmoid output', 'x1,x2', '3 tanh, 1 sigmoid', 'mse', 'c2'),
  row('softmax-ce, 3 classes', 'x1,x2', '6 relu, 4 gelu, 3 softmax', 'softmax-ce', 'c3'),
  row('softmax-ce, 2 classes', 'x1,x2,sinx1', '3 elu, 2 softmax', 'softmax-ce', 'c2'),
  row('mse, softmax one-hot, 4 classes', 'x1,x2', '4 tanh, 4 softmax', 'mse', 'c4'),
  row('mse, tanh one-hot, 3 classes', 'x1,x2,x1sq,x2sq', '6 swish, 3 tanh', 'mse', 'c3'),
  row('regression, 2-D', 'x1,x2,x1x2', '8 tanh, 1 linear', 'mse', 'r2'),
  row('regression, 1-D', 'x1', '8 tanh, 8 tanh, 1 linear', 'mse', 'r1'),
  row('regression, 1-D features', 'x1,x1sq,sinx1', '6 softplus, 1 linear', 'mse', 'r1'),
  row('output activations on regression', 'x1,x2', '4 sin, 3 leaky-relu, 2 elu, 1 gelu', 'mse', 'r2'),
  row('no hidden layer', 'x2,x1', '1 tanh', 'mse', 'c2'),
  row('raw inputs (no features)', '', '5 tanh, 1 tanh', 'mse', 'c2'),
  // Residual layers (x + act(W x + b)): after a hidden layer of their width, also linear.
  row('residual hidden layers', 'x1,x2,x1x2', '5 tanh, 5 tanh residual, 5 swish residual, 1 tanh', 'mse', 'c2'),
  row('residual linear layer, softmax head', 'x1,x2', '4 relu, 4 linear residual, 3 softmax', 'softmax-ce', 'c3'),
  // conv2d (kernel 3 and 5, stride 1 and 2, same and valid, channels in and out) and maxpool
  // (even and odd sizes), flattened into dense layers; the images are C x H x W values.
  imageRow('conv2d 3x3 same, maxpool, dense', [1, 8, 8], 'conv 4 3x3/1 same relu, pool', '3 softmax', 'softmax-ce', 'c3'),
  imageRow('conv2d 5x5 stride 2 valid on 2 channels, conv2d after conv2d, residual dense', [2, 11, 11], 'conv 3 5x5/2 valid tanh, conv 5 3x3/1 same gelu, pool', '4 elu, 4 sin residual, 1 linear', 'mse', 'r2'),
  imageRow('conv2d 3x3 stride 2 same, odd maxpool, conv2d after maxpool', [1, 9, 9], 'conv 2 3x3/2 same swish, pool, conv 3 3x3/1 same leaky-relu', '1 sigmoid', 'bce', 'c2'),
  imageRow('conv2d 5x5 same, softplus, linear conv2d', [1, 5, 5], 'conv 2 5x5/1 same softplus, conv 2 3x3/1 valid linear, pool', '1 tanh', 'mse', 'c2'),
];

const OPTIMIZERS: OptimizerType[] = ['sgd', 'momentum', 'adam'];
const HEADS: [Loss, string, string][] = [
  ['mse', '1 tanh', 'c2'],
  ['bce', '1 sigmoid', 'c2'],
  ['softmax-ce', '3 softmax', 'c3'],
];
const REGULARIZATIONS: RegularizationType[] = ['l1', 'l2'];
const LEARNING_RATE: Record<OptimizerType, number> = { sgd: 0.1, momentum: 0.05, adam: 0.01 };

function trainingRow(name: string, opt: OptimizerType, loss: Loss, out: string, data: string, reg: RegularizationType, extra: Partial<NetworkConfig> = {}): ExportCase {
  return row(name, 'x1,x2,x1sq', `6 tanh, 4 elu, ${out}`, loss, data, {
    optimizer: { type: opt, learningRate: LEARNING_RATE[opt] },
    regularization: { type: reg, rate: reg === 'none' ? 0 : 0.01 },
    ...extra,
  });
}

/** Every optimizer x loss x regularization (20 steps from the exported weights). */
export const TRAINING_CASES: ExportCase[] = [
  ...OPTIMIZERS.flatMap((opt) => HEADS.flatMap(([loss, out, data]) => REGULARIZATIONS.map((reg) => trainingRow(`${opt}, ${loss}, ${reg}`, opt, loss, out, data, reg)))),
  // and: gradient clipping; regression.
  trainingRow('adam, softmax-ce, l2, clipNorm 0.5', 'adam', 'softmax-ce', '3 softmax', 'c3', 'l2', { clipNorm: 0.5 }),
  trainingRow('momentum, regression, none', 'momentum', 'mse', '1 linear', 'r2', 'none'),
  // and: each learning-rate schedule (torch.optim.lr_scheduler in the script), stepped after
  // each epoch from where the network's schedule is (it has trained an epoch before export).
  trainingRow('sgd, mse, none, step-lr', 'sgd', 'mse', '1 tanh', 'c2', 'none', { schedule: { type: 'step-lr', stepSize: 1, gamma: 0.5 } }),
  trainingRow('momentum, bce, l2, cosine-annealing-lr', 'momentum', 'bce', '1 sigmoid', 'c2', 'l2', { schedule: { type: 'cosine-annealing-lr', tMax: 2, etaMin: 0.005 } }),
  trainingRow('adam, softmax-ce, none, linear-lr', 'adam', 'softmax-ce', '3 softmax', 'c3', 'none', { schedule: { type: 'linear-lr', startFactor: 0.25, endFactor: 1, totalIters: 3 } }),
  // and the layer types: residual, conv2d and maxpool.
  row('momentum, regression, residual layers', 'x1,x2,x1sq', '6 tanh, 6 tanh residual, 6 relu residual, 1 linear', 'mse', 'r2', { optimizer: { type: 'momentum', learningRate: 0.02 } }),
  imageRow('adam, softmax-ce, l2, conv2d same + maxpool', [1, 6, 6], 'conv 3 3x3/1 same relu, pool', '3 softmax', 'softmax-ce', 'c3', {
    optimizer: { type: 'adam', learningRate: 0.01 },
    regularization: { type: 'l2', rate: 0.01 },
  }),
  imageRow('sgd, bce, l1, conv2d stride 2 valid + residual dense', [2, 7, 7], 'conv 4 3x3/2 valid tanh', '5 elu, 5 tanh residual, 1 sigmoid', 'bce', 'c2', {
    optimizer: { type: 'sgd', learningRate: 0.1 },
    regularization: { type: 'l1', rate: 0.01 },
  }),
];
