// The npm API's introspection types (net.trace, gradients, previewStep, layerStats,
// lossSurface), beside the rest of the API's types (types.ts); index.ts exports both.
import type { Parameters } from './types.js';

/**
 * One layer over n samples, each n × its values (`layerSizes[l]`), sample-major: z = W·x + b
 * and a = act(z), x being the previous layer's output. A residual layer's output is x + a
 * (a is act(z) alone); a conv2d layer's z and a are its feature maps, C × H × W per sample
 * (nn.Flatten's order); a maxpool layer has no pre-activation: its z and a are both its
 * pooled output.
 */
export interface LayerTrace {
  z: Float32Array;
  a: Float32Array;
}

export interface Trace {
  /** Every layer (as `net.layers`), the output layer last. */
  layers: LayerTrace[];
}

/**
 * A layer of `gradients(x, y, { layers: true })`: z and a, and ∂L/∂z and ∂L/∂a, each n × its
 * values (as LayerTrace). ∂L/∂a is ∂L/∂ of the layer's output (for a residual layer too, whose
 * output is x + a); a maxpool layer's dz equals its da.
 */
export interface LayerGradients extends LayerTrace {
  dz: Float32Array;
  /**
   * ∂L/∂a. For `bce` and `softmax-ce` (losses of the logits) the output layer's is that of
   * the same loss written on a: (a − t)/(a(1 − a))/(n·m) and −t/(a·n), infinite where a is 0 or 1.
   */
  da: Float32Array;
}

export interface Gradients {
  /** The mean data loss (no regularisation term). */
  loss: number;
  /** ∂L/∂W per layer that has parameters, in PyTorch layout as `getParameters()` (`weightShape`, row-major). */
  weights: Float32Array[];
  biases: Float32Array[];
  /** ∂L/∂x, n × inputs, sample-major (the mean's 1/n included, as autograd gives it). */
  inputs: Float32Array;
  /** With `{ layers: true }`. */
  layers?: LayerGradients[];
}

/** An optimizer slot before and after a step, parameter-shaped. */
export interface SlotChange {
  before: Parameters;
  after: Parameters;
}

/** The step `trainBatch(x, y)` would take now (previewStep), without taking it. */
export interface StepPreview {
  /** Data loss before the step. */
  loss: number;
  /** The step would be refused (non-finite loss or gradient); `after` is then where divergence rolls back to. */
  diverged: boolean;
  /** The rate the step uses (the schedule's for this epoch). */
  learningRate: number;
  /** The optimizer's step count t after the step (Adam's bias corrections use it). */
  step: number;
  /** Factor gradient clipping applied (1 = none). */
  clipScale: number;
  /** g, what the optimizer steps with: the data gradient, clipped, plus the regularisation term. */
  gradient: Parameters;
  before: Parameters;
  after: Parameters;
  /** after − before: the effective step of each parameter. */
  delta: Parameters;
  /** momentum: v = μv + g; w ← w − lr·v. */
  velocity?: SlotChange;
  /** adam: m and v, and the bias-corrected m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) of w ← w − lr·m̂/(√v̂ + ε). */
  m?: SlotChange;
  v?: SlotChange;
  mHat?: Parameters;
  vHat?: Parameters;
}

/** The gradient flow of one layer (layerStats). */
export interface LayerStats {
  /** Units: a dense layer's units, a conv2d layer's channels, a maxpool layer's output values. */
  units: number;
  /** ‖W‖ (Frobenius). */
  weightNorm: number;
  /** ‖∂L/∂W‖ of the mean data loss over the data given. */
  gradNorm: number;
  /** From training: the last epoch's mean minibatch ‖∂L/∂W‖ (0 before any). */
  epochGradNorm: number;
  /** From training: ‖ΔW‖ / ‖W‖ of the last update (0 before any). */
  updateRatio: number;
  /** ReLU layers: units whose output is 0 on every sample given (a conv2d channel: at every position; else 0). */
  dead: number;
  /** tanh and sigmoid layers: units with |z| > 3 on at least 95 % of the samples (else 0). */
  saturated: number;
}

export interface LossSurfaceOptions {
  /**
   * `random` (default): seeded Gaussian directions, filter-normalised (each unit's row of d
   * scaled to the norm of that unit's weights; bias directions 0; Li et al. 2018); `pca`:
   * the first two principal directions of `trajectory` (unit vectors); or two directions
   * of the parameters' shape, used as they are.
   */
  directions?: 'random' | 'pca' | [Parameters, Parameters];
  /** α and β run over [−range, range]; finite, > 0; default 1. */
  range?: number;
  /** Values of α (and of β), 2 .. 201; default 41. */
  steps?: number;
  /** Seed of the random directions; default 1. */
  seed?: number;
  /**
   * Parameters along a path, oldest first: each Parameters or a flat Float32Array of
   * parameterCount values (weights then bias, layer by layer). Needed for `pca`; with any
   * directions its points are projected onto the plane (`path`).
   */
  trajectory?: Array<Parameters | Float32Array>;
}

export interface LossSurface {
  /** steps values each, evenly spaced over [−range, range]. */
  alphas: Float32Array;
  betas: Float32Array;
  /** The training loss at θ + α·d₁ + β·d₂: steps × steps, row-major over beta then alpha (loss[b·steps + a]). */
  loss: Float32Array;
  /** d₁ and d₂ as used. */
  directions: [Parameters, Parameters];
  /** With a trajectory: its points' (α, β), k × 2 (least squares onto the plane through θ). */
  path?: Float32Array;
  /** `pca`: the share of the trajectory's variance along d₁ and d₂. */
  explained?: [number, number];
}
