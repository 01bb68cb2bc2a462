// A plain-JavaScript forward pass over the parameters an element's snapshot carries, for the
// lessons' views (the main thread never trains, but it may look): each layer's outputs at
// arbitrary points, or over a grid in the core's layout (so analysis.ts runs on it). Points
// become inputs through the core's own feature map (`mlp.computeFeatures`, handed in); the
// activations follow the core's definitions (tests/web/lesson-forward.test.ts compares them).
import type { Activation, DenseLayerConfig, Feature, GridResult, Parameters } from '../core/types.js';

/** How points (n × dims, row-major) become a network's inputs: the core's `computeFeatures`. */
export type FeatureMap = (x: ArrayLike<number>, dims: 1 | 2, features: readonly Feature[]) => Float32Array;

/** What a forward pass needs to know about a network besides its parameters. */
export interface NetworkShape {
  features: readonly Feature[];
  /** Dense layers: hidden, then output. */
  layers: readonly DenseLayerConfig[];
}

const LEAKY_SLOPE = 0.01;

/** erfc(x), Numerical Recipes' Chebyshev fit (relative error < 1.2e-7): gelu without libm. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** One unit's activation of its pre-activation z (softmax is handled per layer). */
export function activate(act: Activation, z: number): number {
  switch (act) {
    case 'linear': case 'softmax': return z;
    case 'relu': return z < 0 ? 0 : z;
    case 'leaky-relu': return z > 0 ? z : LEAKY_SLOPE * z;
    case 'elu': return z > 0 ? z : Math.expm1(z);
    case 'tanh': return Math.tanh(z);
    case 'sigmoid': return sigmoid(z);
    case 'softplus': return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    case 'swish': return z * sigmoid(z);
    case 'gelu': return z * 0.5 * erfc(-z * Math.SQRT1_2);
    case 'sin': return Math.sin(z);
  }
}

/**
 * Runs points through the first `upTo` dense layers. `points` is n × dims (raw coordinates,
 * row-major). Returns the inputs (features) and each layer's outputs, each n × units.
 * With `preActivation`, the last layer returned is its z = W h + b instead.
 */
export function forward(map: FeatureMap, net: NetworkShape, p: Parameters, points: ArrayLike<number>, dims: 1 | 2,
  upTo = net.layers.length, preActivation = false): Float64Array[] {
  const n = Math.floor(points.length / dims);
  const f = net.features.length;
  const input = Float64Array.from(map(points, dims, net.features));
  const out = [input];
  let a = input, width = f;
  for (let l = 0; l < upTo; l++) {
    const { units, activation } = net.layers[l]!;
    const w = p.weights[l]!, b = p.biases[l]!;
    if (w.length !== units * width) throw new Error(`layer ${l + 1}: ${w.length} weights for ${units} × ${width}`);
    const z = new Float64Array(n * units);
    for (let i = 0; i < n; i++) {
      for (let o = 0; o < units; o++) {
        let s = b[o]!;
        for (let k = 0; k < width; k++) s += w[o * width + k]! * a[i * width + k]!;
        z[i * units + o] = s;
      }
    }
    const last = l === upTo - 1;
    if (!(last && preActivation)) applyActivation(activation, z, n, units);
    out.push(z);
    a = z;
    width = units;
  }
  return out;
}

function applyActivation(act: Activation, z: Float64Array, n: number, units: number): void {
  if (act === 'softmax') {
    for (let i = 0; i < n; i++) {
      let m = -Infinity, s = 0;
      for (let o = 0; o < units; o++) m = Math.max(m, z[i * units + o]!);
      for (let o = 0; o < units; o++) s += (z[i * units + o] = Math.exp(z[i * units + o]! - m));
      for (let o = 0; o < units; o++) z[i * units + o]! /= s;
    }
    return;
  }
  for (let i = 0; i < z.length; i++) z[i] = activate(act, z[i]!);
}

export interface GridSpec2 {
  width: number;
  height: number;
  xRange: [number, number];
  yRange: [number, number];
}

/** Cell centres of a grid, row-major, top row (y max) first: the core's grid layout. */
export function gridPoints(g: GridSpec2): Float32Array {
  const pts = new Float32Array(g.width * g.height * 2);
  for (let r = 0; r < g.height; r++) {
    const y = g.yRange[1] - ((r + 0.5) / g.height) * (g.yRange[1] - g.yRange[0]);
    for (let c = 0; c < g.width; c++) {
      const i = r * g.width + c;
      pts[2 * i] = g.xRange[0] + ((c + 0.5) / g.width) * (g.xRange[1] - g.xRange[0]);
      pts[2 * i + 1] = y;
    }
  }
  return pts;
}

/** Every unit of every layer over a 2-D grid, in the layout of the core's evaluateGrid(…, { units: 'all' }). */
export function forwardGrid(map: FeatureMap, net: NetworkShape, p: Parameters, g: GridSpec2): GridResult {
  const layers = forward(map, net, p, gridPoints(g), 2);
  const plane = g.width * g.height;
  const layerSizes = [net.features.length, ...net.layers.map((l) => l.units)];
  const data = new Float32Array(plane * layerSizes.reduce((a, b) => a + b, 0));
  let offset = 0;
  layers.forEach((a, l) => {
    const units = layerSizes[l]!;
    for (let u = 0; u < units; u++, offset++) for (let i = 0; i < plane; i++) data[offset * plane + i] = a[i * units + u]!;
  });
  const starts = layerSizes.map((_, l) => layerSizes.slice(0, l).reduce((a, b) => a + b, 0));
  return {
    width: g.width,
    height: g.height,
    layerSizes,
    data,
    unit: (layer, unit) => data.subarray((starts[layer]! + unit) * plane, (starts[layer]! + unit + 1) * plane),
  };
}
