// The measurements the lessons show next to their live playgrounds: the single matrix a
// stack of linear layers collapses to, the linear regions of a ReLU network over the plane,
// and the error of a 1-D fit. Pure functions over parameters and grids (no DOM, no worker),
// shared by the lesson pages and the tests that check every lesson's claim.
import type { Activation, GridResult, Parameters } from '../core/index.js';

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
