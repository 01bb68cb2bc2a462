// Lesson 10's measurements, all from the core: one SGD step on one training point written
// out by hand (the core's z, a and ∂L/∂z from trace / gradients, the chain rule and
// w − lr·g done here, set beside previewStep's own step), and the loss landscape through
// the trained parameters with the optimizer's path on it (lossSurface, PCA directions).
import type { DenseLayerConfig, Feature, Loss, LossSurface, MlpCore, Network, Parameters, TrainingData } from '../core/index.js';

/** A playground's network as its snapshot names it (features, dense layers, loss). */
export interface LessonNetwork {
  features: readonly Feature[];
  layers: readonly DenseLayerConfig[];
  loss: Loss;
}

export interface TrainOptions {
  learningRate: number;
  init?: 'classic' | 'xavier' | 'he' | 'zero';
  seed?: number;
  /** Hidden layers after the first (all of one width) add their input: h = x + σ(W x + b). */
  residual?: boolean;
}

/** A library network of that shape with plain SGD (and `params` when given). Dispose it. */
export function networkOf(mlp: MlpCore, shape: LessonNetwork, o: TrainOptions, params?: Parameters): Network {
  const last = shape.layers.length - 1;
  const net = mlp.createNetwork({
    inputs: shape.features.length,
    layers: shape.layers.map((l, i) => ({ units: l.units, activation: l.activation, residual: Boolean(o.residual) && i > 0 && i < last })),
    loss: shape.loss,
    optimizer: { type: 'sgd', learningRate: o.learningRate },
    ...(o.init ? { init: o.init } : {}),
    seed: o.seed ?? 1,
  });
  if (params) net.setParameters(params);
  return net;
}

/** One unit in the forward and backward pass of one point. */
export interface UnitStep {
  /** z = Σ w·x + b, from the core (trace). */
  z: number;
  /** The same sum done here from the weights and the layer's inputs. */
  zByHand: number;
  a: number;
  /** ∂L/∂z, from the core (gradients with layers). */
  dz: number;
  /**
   * Hidden units: the chain rule done here, (Σₖ ∂L/∂zₖ · wₖ) · σ′(z) over the next layer's
   * units k (NaN for an activation without a slope written below).
   */
  dzByHand: number;
  /** σ′(z) as used there. */
  slope: number;
}

/** σ′ from σ's output a (and z): what the page writes for each activation it explains. */
function slope(activation: string, z: number, a: number): number {
  switch (activation) {
    case 'tanh': return 1 - a * a;
    case 'sigmoid': return a * (1 - a);
    case 'relu': return z > 0 ? 1 : 0;
    case 'linear': return 1;
    default: return NaN;
  }
}

/** One parameter's update. `input` is −1 for the bias. */
export interface ParamStep {
  layer: number;
  unit: number;
  input: number;
  before: number;
  /** ∂L/∂w from the core's backward pass. */
  grad: number;
  /** The chain rule done here: ∂L/∂z of the unit × the input it multiplies (1 for the bias). */
  gradByHand: number;
  /** w − lr·g, done here. */
  after: number;
  /** Where previewStep (the step trainBatch would take) puts it. */
  preview: number;
}

export interface HandStep {
  /** The point's network inputs and target. */
  inputs: number[];
  target: number;
  output: number;
  loss: number;
  learningRate: number;
  /** Per dense layer, its units. */
  layers: UnitStep[][];
  params: ParamStep[];
  /** The loss on the point after the step (the network is left as it was). */
  lossAfter: number;
}

/** One SGD step on one point (x: one row of inputs, y: its target row) of `net`, by hand and by the core. */
export function handStep(net: Network, x: Float32Array, y: Float32Array, learningRate: number): HandStep {
  const activations = net.layers.map((l) => String(l.activation));
  const params = net.getParameters();
  const trace = net.trace(x);
  const g = net.gradients(x, y, { layers: true });
  const preview = net.previewStep(x, y);
  const layers: UnitStep[][] = [];
  const steps: ParamStep[] = [];
  let input: ArrayLike<number> = x;
  trace.layers.forEach((t, l) => {
    const w = params.weights[l]!, b = params.biases[l]!, dz = g.layers![l]!.dz, n = input.length;
    const units: UnitStep[] = [];
    for (let u = 0; u < t.z.length; u++) {
      let z = b[u]!;
      for (let i = 0; i < n; i++) z += w[u * n + i]! * input[i]!;
      let back = NaN;
      const next = g.layers![l + 1], d = slope(activations[l]!, t.z[u]!, t.a[u]!);
      if (next) {
        const wn = params.weights[l + 1]!, m = t.z.length;
        back = 0;
        for (let k = 0; k < next.dz.length; k++) back += next.dz[k]! * wn[k * m + u]!;
        back *= d;
      }
      units.push({ z: t.z[u]!, zByHand: z, a: t.a[u]!, dz: dz[u]!, dzByHand: back, slope: d });
      const row = (i: number, before: number, grad: number, by: number, preview: number): ParamStep =>
        ({ layer: l, unit: u, input: i, before, grad, gradByHand: by, after: before - learningRate * grad, preview });
      for (let i = 0; i < n; i++)
        steps.push(row(i, w[u * n + i]!, g.weights[l]![u * n + i]!, dz[u]! * input[i]!, preview.after.weights[l]![u * n + i]!));
      steps.push(row(-1, b[u]!, g.biases[l]![u]!, dz[u]!, preview.after.biases[l]![u]!));
    }
    layers.push(units);
    input = t.a;
  });
  // The loss after the step: the previewed parameters on a copy, so `net` stays as it was.
  net.setParameters(preview.after);
  const lossAfter = net.gradients(x, y).loss;
  net.setParameters(params);
  const out = trace.layers.at(-1)!.a;
  return { inputs: [...x], target: y[0]!, output: out[0]!, loss: g.loss, learningRate, layers, params: steps, lossAfter };
}

/** Parameters as one flat vector: weights then bias, layer by layer (the core's trajectory order). */
export function flatten(p: Parameters): Float32Array {
  const n = p.weights.reduce((s, w, i) => s + w.length + p.biases[i]!.length, 0);
  const out = new Float32Array(n);
  let k = 0;
  p.weights.forEach((w, i) => {
    out.set(w, k);
    k += w.length;
    out.set(p.biases[i]!, k);
    k += p.biases[i]!.length;
  });
  return out;
}

export interface Landscape extends LossSurface {
  range: number;
  steps: number;
}

/**
 * The training loss over the plane through the current parameters spanned by the first two
 * principal directions of the path (so the path lies in it, up to what PCA leaves out),
 * α and β over ±`range`, wide enough for the whole path.
 */
export function landscapeOf(net: Network, data: TrainingData, trajectory: Parameters[], steps = 41): Landscape {
  const now = flatten(net.getParameters());
  let far = 0;
  for (const p of trajectory) {
    const f = flatten(p);
    let d = 0;
    for (let i = 0; i < f.length; i++) d += (f[i]! - now[i]!) ** 2;
    far = Math.max(far, Math.sqrt(d));
  }
  const range = Math.max(far * 1.2, 1e-3);
  return { ...net.lossSurface(data, { directions: 'pca', trajectory, range, steps }), range, steps };
}
