// The measurements the lessons show next to their live playgrounds: the single matrix a
// stack of linear layers collapses to, the linear regions of a ReLU network over the plane,
// and the error of a 1-D fit. Pure functions over parameters and grids (no DOM, no worker),
// shared by the lesson pages and the tests that check every lesson's claim.
import type { Activation, GridResult, Parameters } from '../core/types.js';
import { activate, type FeatureMap, forward, type NetworkShape } from './forward.js';

/** W and b of the one affine map y = W x + b that a stack of linear layers computes. */
export interface AffineMap {
  /** [outputs, inputs] row-major. */
  weight: Float64Array;
  bias: Float64Array;
  inputs: number;
  outputs: number;
}

/**
 * Multiplies out W_L ... W_1 (and the biases) of a network whose layers are all linear.
 * In double precision, so the collapsed map can be compared with the network's outputs.
 */
export function collapseLinear(p: Parameters, inputs: number): AffineMap {
  let weight = new Float64Array(inputs * inputs);
  for (let i = 0; i < inputs; i++) weight[i * inputs + i] = 1;
  let bias = new Float64Array(inputs);
  let rows = inputs;
  p.weights.forEach((w, l) => {
    const b = p.biases[l]!;
    const out = b.length;
    const nw = new Float64Array(out * inputs);
    const nb = new Float64Array(out);
    for (let o = 0; o < out; o++) {
      let s = b[o]!;
      for (let k = 0; k < rows; k++) {
        const wok = w[o * rows + k]!;
        s += wok * bias[k]!;
        for (let j = 0; j < inputs; j++) nw[o * inputs + j]! += wok * weight[k * inputs + j]!;
      }
      nb[o] = s;
    }
    weight = nw;
    bias = nb;
    rows = out;
  });
  return { weight, bias, inputs, outputs: rows };
}

export interface Regions {
  /** Distinct activation patterns seen on the grid (the linear regions it resolves). */
  count: number;
  /** Region index of every grid cell (row-major, top row first), for colouring. */
  labels: Int32Array;
}

/**
 * Linear regions of a piecewise-linear (relu / leaky-relu / linear) network over a grid:
 * two cells are in the same region when every relu-like hidden unit is on or off in both.
 * `grid` must come from `evaluateGrid(..., { units: 'all' })`; `activations` lists each
 * dense layer's activation (hidden layers, then the output).
 */
export function linearRegions(grid: GridResult, activations: readonly Activation[]): Regions {
  const plane = grid.width * grid.height;
  const hidden: Float32Array[] = [];
  // Layer 0 of the grid is the inputs; dense layer l is grid layer l + 1. The output layer
  // does not split regions (its activation is applied to one affine piece).
  for (let l = 0; l + 1 < activations.length; l++) {
    const act = activations[l];
    if (act !== 'relu' && act !== 'leaky-relu') continue;
    for (let u = 0; u < grid.layerSizes[l + 1]!; u++) hidden.push(grid.unit(l + 1, u));
  }
  const labels = new Int32Array(plane);
  const ids = new Map<string, number>();
  const bits = new Uint8Array(Math.ceil(hidden.length / 8));
  for (let p = 0; p < plane; p++) {
    bits.fill(0);
    for (let h = 0; h < hidden.length; h++) if (hidden[h]![p]! > 0) bits[h >> 3]! |= 1 << (h & 7);
    const key = String.fromCharCode(...bits);
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    labels[p] = id;
  }
  return { count: ids.size, labels };
}

/** Root-mean-square difference between predictions and targets. */
export function rmse(predicted: ArrayLike<number>, target: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < target.length; i++) {
    const d = predicted[i]! - target[i]!;
    s += d * d;
  }
  return Math.sqrt(s / target.length);
}

// ---- lesson 4: the space a 2-unit layer sees --------------------------------------------

export interface TransformedSpace {
  /** Grid lines of the input plane mapped into the layer's 2-D output: x,y pairs per line. */
  lines: Float64Array[];
  /** How many of `lines` are lines of constant x2 (the rest: constant x1). */
  rows: number;
  /** The data points mapped into the same space, n × 2. */
  points: Float64Array;
  /** When the next layer is a single output unit: its boundary w·h + b = 0 in this space. */
  separator: { w: [number, number]; b: number } | null;
}

/**
 * The input plane as dense layer `layer` (1-based, 2 units) sees it: every grid line of the
 * domain and every data point pushed through the layers up to it. Straight lines bend; a
 * good network has moved the classes apart so the next layer can cut them with a line.
 */
export function transformedSpace(map: FeatureMap, net: NetworkShape, p: Parameters, layer: number, domain: { xRange: [number, number]; yRange: [number, number] },
  data: ArrayLike<number>, options: { lines?: number; samples?: number } = {}): TransformedSpace {
  if (net.layers[layer - 1]?.units !== 2) throw new Error(`layer ${layer} must have 2 units`);
  const count = options.lines ?? 13, samples = options.samples ?? 80;
  const [x0, x1] = domain.xRange, [y0, y1] = domain.yRange;
  const lines: Float64Array[] = [];
  const line = (pts: Float64Array): void => {
    const mapped = forward(map, net, p, pts, 2, layer).at(-1)!;
    lines.push(mapped);
  };
  for (let k = 0; k < count; k++) {
    const y = y0 + (k / (count - 1)) * (y1 - y0);
    line(Float64Array.from({ length: 2 * samples }, (_, i) => (i % 2 ? y : x0 + ((i >> 1) / (samples - 1)) * (x1 - x0))));
  }
  for (let k = 0; k < count; k++) {
    const x = x0 + (k / (count - 1)) * (x1 - x0);
    line(Float64Array.from({ length: 2 * samples }, (_, i) => (i % 2 ? y0 + ((i >> 1) / (samples - 1)) * (y1 - y0) : x)));
  }
  const points = forward(map, net, p, data, 2, layer).at(-1)!;
  const next = net.layers[layer];
  const separator = next && next.units === 1 && layer + 1 === net.layers.length
    ? { w: [p.weights[layer]![0]!, p.weights[layer]![1]!] as [number, number], b: p.biases[layer]![0]! }
    : null;
  return { lines, rows: count, points, separator };
}

// ---- lesson 5: a sum of scaled units ----------------------------------------------------------

export interface Contributions {
  /** w_out,i · h_i(x) for each hidden unit i, at every x. */
  parts: Float64Array[];
  /** b_out + Σ parts: the network's output. */
  sum: Float64Array;
  bias: number;
}

/** For a 1-D network with one hidden layer and one linear output: each unit's share of the fit. */
export function contributions(map: FeatureMap, net: NetworkShape, p: Parameters, xs: ArrayLike<number>): Contributions {
  if (net.layers.length !== 2 || net.layers[1]!.units !== 1) throw new Error('needs one hidden layer and one output unit');
  const h = forward(map, net, p, xs, 1, 1)[1]!;
  const units = net.layers[0]!.units;
  const w = p.weights[1]!, bias = p.biases[1]![0]!;
  const n = xs.length;
  const parts = Array.from({ length: units }, (_, u) => Float64Array.from({ length: n }, (_, i) => w[u]! * h[i * units + u]!));
  const sum = Float64Array.from({ length: n }, (_, i) => parts.reduce((s, part) => s + part[i]!, bias));
  return { parts, sum, bias };
}

// ---- lesson 8: how hard each loss pushes a wrong output ---------------------------------------

export type OutputLoss = 'bce-sigmoid' | 'mse-sigmoid' | 'mse-tanh';

/**
 * ∂L/∂z for one output with pre-activation z and target t (per example, PyTorch's mean over
 * one value): cross-entropy on a sigmoid gives σ(z) − t; squared error gives 2(a − t)·a′(z),
 * which vanishes where the output saturates even when it is completely wrong.
 */
export function lossGradient(kind: OutputLoss, z: number, target: number): number {
  if (kind === 'bce-sigmoid') return activate('sigmoid', z) - target;
  if (kind === 'mse-sigmoid') {
    const s = activate('sigmoid', z);
    return 2 * (s - target) * s * (1 - s);
  }
  const a = activate('tanh', z);
  return 2 * (a - target) * (1 - a * a);
}

export const GRADIENT_CURVES: readonly OutputLoss[] = ['bce-sigmoid', 'mse-sigmoid', 'mse-tanh'];

export interface GradientCurves {
  z: Float64Array;
  curves: Map<OutputLoss, Float64Array>;
}

/** |∂L/∂z| over z ∈ [-zMax, zMax] for a target of 1, one polyline per loss. */
export function gradientCurves(zMax = 8, n = 321): GradientCurves {
  const z = Float64Array.from({ length: n }, (_, i) => -zMax + (2 * zMax * i) / (n - 1));
  const curves = new Map(GRADIENT_CURVES.map((k) => [k, z.map((v) => Math.abs(lossGradient(k, v, 1)))] as const));
  return { z, curves };
}
