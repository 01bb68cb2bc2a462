// What both exporters (PyTorch, ONNX) need to know about a network's inputs: the feature
// behind each input and how many raw coordinates a point has, or, for a network of image
// inputs (config.inputShape), the image's shape (its pixels are the inputs, C×H×W order).
// Options win over the network's config.features; a network without features of one or
// two inputs reads x1 (and x2) as they are.
import { fail } from './fail.js';
import type { Feature, LayerConfig, ResolvedNetworkConfig } from '../types.js';

export interface InputOptions {
  /** The feature of each input, in input order. Default: the network's `config.features`. Not for image inputs. */
  features?: Feature[];
  /** Raw coordinates per point: 2 (x1, x2) or 1 (x). Default: 2 when a feature uses x2, else 1. Not for image inputs. */
  dims?: 1 | 2;
}

export type Inputs =
  | { image: null; features: Feature[]; dims: 1 | 2 }
  /** Image inputs: each sample is `dims` = C·H·W pixel values, as the network reads them. */
  | { image: [number, number, number]; features: []; dims: number };

export function usesX2(f: Feature): boolean {
  return f === 'x2' || f === 'x2sq' || f === 'x1x2' || f === 'sinx2';
}

/**
 * Checks and resolves the inputs of an export against the core's feature names `all`;
 * throws (an MlpError, through call()) naming the option.
 */
export function resolveInputs(config: ResolvedNetworkConfig, options: InputOptions, all: readonly Feature[]): Inputs {
  if (config.inputShape) {
    const shape = `[${config.inputShape.join(', ')}]`;
    if (options.features !== undefined) fail('features', `the network reads images (inputShape ${shape}), not features of points`);
    if (options.dims !== undefined) fail('dims', `the network reads images (inputShape ${shape}) of ${config.inputs} values, not points`);
    return { image: config.inputShape, features: [], dims: config.inputs };
  }
  const given = options.features ?? config.features;
  let features: Feature[];
  if (given === undefined) {
    if (config.inputs > 2) {
      fail('features', `the network has ${config.inputs} inputs and no features; pass features (one per input: ${all.join(', ')})`);
    }
    features = config.inputs === 1 ? ['x1'] : ['x1', 'x2'];
  } else {
    if (!Array.isArray(given) || given.length === 0) fail('features', 'must be a non-empty array of feature names');
    given.forEach((f, i) => {
      if (!all.includes(f)) fail(`features[${i}]`, `unknown feature ${JSON.stringify(f)}; allowed: ${all.join(', ')}`);
      if (given.indexOf(f) !== i) fail('features', `${JSON.stringify(f)} is listed twice`);
    });
    if (given.length !== config.inputs) {
      fail('features', `the network has ${config.inputs} inputs but ${given.length} features were given`);
    }
    features = [...given];
  }
  const dims = options.dims ?? (features.some(usesX2) ? 2 : 1);
  if (dims !== 1 && dims !== 2) fail('dims', `must be 1 or 2, got ${String(dims)}`);
  const x2 = features.find(usesX2);
  if (dims === 1 && x2) fail('dims', `the feature ${x2} needs 2-D points`);
  return { image: null, features, dims };
}

export const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** "8 tanh", "8 tanh residual", "conv2d 8@5x5/1 same relu", "maxpool 2" (describe_layer in the PyTorch runtime). */
export function describeLayer(layer: LayerConfig): string {
  if (layer.type === 'conv2d') return `conv2d ${layer.channels}@${layer.kernel}x${layer.kernel}/${layer.stride ?? 1} ${layer.padding ?? 'valid'} ${layer.activation}`;
  if (layer.type === 'maxpool') return `maxpool ${layer.size ?? 2}`;
  return `${layer.units} ${layer.activation}${layer.residual ? ' residual' : ''}`;
}
