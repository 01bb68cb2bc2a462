// What both exporters (PyTorch, ONNX) need to know about a network's inputs: the feature
// behind each input and how many raw coordinates a point has. Options win over the
// network's config.features; a network without features of one or two inputs reads x1
// (and x2) as they are.
import { fail } from './fail.js';
import type { Feature, ResolvedNetworkConfig } from '../types.js';

export interface InputOptions {
  /** The feature of each input, in input order. Default: the network's `config.features`. */
  features?: Feature[];
  /** Raw coordinates per point: 2 (x1, x2) or 1 (x). Default: 2 when a feature uses x2, else 1. */
  dims?: 1 | 2;
}

export interface Inputs {
  features: Feature[];
  dims: 1 | 2;
}

export function usesX2(f: Feature): boolean {
  return f === 'x2' || f === 'x2sq' || f === 'x1x2' || f === 'sinx2';
}

/**
 * Checks and resolves the inputs of an export against the core's feature names `all`;
 * throws (an MlpError, through call()) naming the option.
 */
export function resolveInputs(config: ResolvedNetworkConfig, options: InputOptions, all: readonly Feature[]): Inputs {
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
  return { features, dims };
}
