// What loadONNX() makes of the layers it read from a graph (onnx-read.ts): the network's
// config and parameters. The graph gives the inputs (points and their features, or an
// image), the layers and their activations; the training settings (loss, optimizer, ...)
// come from toONNX()'s metadata when it describes the same network, else the loss follows
// the output (softmax: softmax-ce, sigmoid: bce, else mse) and the rest defaults.
import type { Activation, Feature, Init, LayerConfig, Loss, NetworkConfig } from '../types.js';
import { describeLayer } from './inputs.js';
import { CONFIG_KEY } from './onnx.js';

export interface ReadModel {
  config: NetworkConfig;
  /** Of the layers that have parameters (not maxpool), PyTorch layout. */
  weights: Float32Array[];
  biases: Float32Array[];
}

/** A layer as the reader builds it. */
export interface Layer {
  type: 'dense' | 'conv2d' | 'maxpool';
  units: number; // dense units, conv2d and maxpool channels
  fanIn: number;
  w: Float32Array; // dense [units, fanIn], conv2d [out, in, k, k]; empty for maxpool
  b: Float32Array;
  out: number[]; // its output: [units] or [C, H, W]
  conv?: { channels: number; kernel: 3 | 5; stride: 1 | 2; padding: 'same' | 'valid' };
  biased: boolean; // false after a bare MatMul, until its Add
  act?: Activation; // set when the next layer (or the output) takes this one's value
  residual?: boolean;
}

function layerConfig(l: Layer): LayerConfig {
  if (l.type === 'maxpool') return { type: 'maxpool', size: 2 };
  if (l.type === 'conv2d') return { type: 'conv2d', ...l.conv!, activation: l.act! };
  return l.residual ? { units: l.units, activation: l.act!, residual: true } : { units: l.units, activation: l.act! };
}

/** `inputs`: the input's width; `image`: its [C, H, W] when the graph reshapes it to images. */
export function configOf(
  meta: { key?: string; value?: string }[],
  layers: Layer[],
  features: Feature[] | undefined,
  inputs: number,
  image: [number, number, number] | undefined,
): NetworkConfig {
  const config: NetworkConfig = { inputs, ...(image ? { inputShape: image } : {}), layers: layers.map(layerConfig) };
  const out = layers[layers.length - 1]!.act;
  config.loss = out === 'softmax' ? 'softmax-ce' : out === 'sigmoid' ? 'bce' : 'mse';
  let saved: Partial<NetworkConfig> | null = null;
  try {
    saved = JSON.parse(meta.find((m) => m.key === CONFIG_KEY)?.value ?? 'null') as Partial<NetworkConfig> | null;
  } catch {
    saved = null;
  }
  const same = (s: Partial<NetworkConfig>): boolean =>
    s.inputs === config.inputs &&
    Array.isArray(s.layers) &&
    JSON.stringify(s.layers.map((l) => describeLayer(l))) === JSON.stringify(config.layers.map(describeLayer));
  if (saved && typeof saved === 'object' && same(saved)) {
    config.loss = saved.loss as Loss;
    config.optimizer = saved.optimizer;
    config.regularization = saved.regularization;
    config.init = saved.init as Init;
    config.seed = saved.seed;
    config.clipNorm = saved.clipNorm;
    // The graph reads the points as they are when the features are x1 (, x2) in order.
    const identity = ['x1', 'x2'].slice(0, config.inputs);
    if (!image && !features && JSON.stringify(saved.features) === JSON.stringify(identity)) features = identity as Feature[];
  }
  if (features && !image) config.features = features;
  return config;
}
