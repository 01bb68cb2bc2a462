// The vocabulary the page needs before the worker has loaded the core: dataset catalog
// (a mirror of core.datasets, checked equal by tests/web/state.test.ts), the names the UI
// offers, the limits of the controls and the choices that depend on the problem.
import type { Activation, DatasetInfo, Feature, Init, Loss, OptimizerType, RegularizationType } from '../core/types.js';

const PI = Math.fround(Math.PI);

export const DATASETS: readonly DatasetInfo[] = [
  { name: 'circle', problem: 'classification', dims: 2, defaultSamples: 500, multiclass: false, domain: [-6, 6],
    description: 'A disc (radius < 2.5) inside a ring (3.5 to 5); noise blurs which side of the 2.5 circle a point is labelled by.' },
  { name: 'xor', problem: 'classification', dims: 2, defaultSamples: 500, multiclass: false, domain: [-6, 6],
    description: 'Opposite quadrants share a class (the sign of x1 * x2): no single line separates them.' },
  { name: 'gauss', problem: 'classification', dims: 2, defaultSamples: 500, multiclass: false, domain: [-6, 6],
    description: 'Two Gaussian clusters at (2, 2) and (-2, -2); noise widens them (variance 0.5 to 4) until they overlap.' },
  { name: 'spiral', problem: 'classification', dims: 2, defaultSamples: 500, multiclass: false, domain: [-6, 6],
    description: 'Two interleaved spiral arms of 1.75 turns out to radius 5; noise jitters the points.' },
  { name: 'moons', problem: 'classification', dims: 2, defaultSamples: 500, multiclass: false, domain: [-6, 6],
    description: 'Two interleaving half-moons; noise adds Gaussian jitter of standard deviation 2 * noise.' },
  { name: 'checkerboard', problem: 'classification', dims: 2, defaultSamples: 500, multiclass: false, domain: [-6, 6],
    description: 'A checkerboard of cells pi wide, class = sign(sin x1 * sin x2): XOR repeated, plain XOR in the sin features.' },
  { name: 'spiral-k', problem: 'classification', dims: 2, defaultSamples: 500, multiclass: true, domain: [-6, 6],
    description: 'K interleaved spiral arms (K = classes, 2 to 6), one class per arm; noise jitters the points.' },
  { name: 'blobs-k', problem: 'classification', dims: 2, defaultSamples: 500, multiclass: true, domain: [-6, 6],
    description: 'K Gaussian blobs on a circle of radius 3.5 (K = classes, 2 to 6); noise widens them until they overlap.' },
  { name: 'plane', problem: 'regression', dims: 2, defaultSamples: 1200, multiclass: false, domain: [-6, 6],
    description: 'Regression on a tilted plane, y = (x1 + x2) / 10; noise shifts the point the value is read at.' },
  { name: 'multi-gauss', problem: 'regression', dims: 2, defaultSamples: 1200, multiclass: false, domain: [-6, 6],
    description: 'Regression on six cone-shaped bumps of height +1 or -1 in a 3 x 2 grid; noise shifts the point the value is read at.' },
  { name: 'sin', problem: 'regression', dims: 1, defaultSamples: 200, multiclass: false, domain: [-PI, PI],
    description: 'y = sin(x) on [-pi, pi], plus N(0, noise^2).' },
  { name: 'abs', problem: 'regression', dims: 1, defaultSamples: 200, multiclass: false, domain: [-PI, PI],
    description: 'y = 2|x|/pi - 1 on [-pi, pi] (a V from 1 down to -1 and back), plus N(0, noise^2).' },
  { name: 'step', problem: 'regression', dims: 1, defaultSamples: 200, multiclass: false, domain: [-PI, PI],
    description: 'y = -1 for x < 0 and 1 for x >= 0 on [-pi, pi], plus N(0, noise^2).' },
  { name: 'sawtooth', problem: 'regression', dims: 1, defaultSamples: 200, multiclass: false, domain: [-PI, PI],
    description: 'Three teeth rising from -1 to 1: u = 3(x + pi)/(2 pi), y = 2(u - floor(u)) - 1, plus N(0, noise^2).' },
  { name: 'x-sin-x', problem: 'regression', dims: 1, defaultSamples: 200, multiclass: false, domain: [-PI, PI],
    description: 'y = x sin(x) - 1 on [-pi, pi] (within [-1, 0.82]), plus N(0, noise^2).' },
];

/** Short labels for the dataset picker. */
export const DATASET_LABELS: Record<string, string> = {
  circle: 'Circle', xor: 'Exclusive or', gauss: 'Gaussian', spiral: 'Spiral', moons: 'Moons',
  checkerboard: 'Checkerboard', 'spiral-k': 'Spiral, K classes', 'blobs-k': 'Blobs, K classes',
  plane: 'Plane', 'multi-gauss': 'Multi Gaussian', sin: 'sin x', abs: '|x|', step: 'Step function',
  sawtooth: 'Sawtooth', 'x-sin-x': 'x sin x', custom: 'Your data',
};

export const HIDDEN_ACTIVATIONS: readonly Activation[] = [
  'tanh', 'relu', 'leaky-relu', 'elu', 'sigmoid', 'softplus', 'swish', 'gelu', 'sin', 'linear',
];
export const OPTIMIZERS: readonly OptimizerType[] = ['sgd', 'momentum', 'adam'];
export const REGULARIZATIONS: readonly RegularizationType[] = ['none', 'l1', 'l2'];
export const INITS: readonly Init[] = ['classic', 'xavier', 'he', 'zero'];
export const FEATURES: readonly Feature[] = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];
/** Features that exist for 1-D data (no x2). */
export const FEATURES_1D: readonly Feature[] = ['x1', 'x1sq', 'sinx1'];
export const FEATURE_LABELS: Record<Feature, string> = {
  x1: 'x₁', x2: 'x₂', x1sq: 'x₁²', x2sq: 'x₂²', x1x2: 'x₁x₂', sinx1: 'sin x₁', sinx2: 'sin x₂',
};
export const FEATURE_NAMES: Record<Feature, string> = {
  x1: 'x1', x2: 'x2', x1sq: 'x1 squared', x2sq: 'x2 squared', x1x2: 'x1 times x2', sinx1: 'sine of x1', sinx2: 'sine of x2',
};

export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;
export const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;
export const SPEEDS = ['1', '3', '10', '30', 'max'] as const;
export type Speed = (typeof SPEEDS)[number];

export const LIMITS = {
  hiddenLayers: 10,
  units: 32,
  batchSize: 1000,
  samples: [10, 3000] as [number, number],
  classes: [2, 6] as [number, number],
  noise: [0, 50] as [number, number],
  trainPercent: [10, 90] as [number, number],
  learningRate: [1e-6, 100] as [number, number],
  regRate: [0, 100] as [number, number],
  seed: 4294967295,
  zoom: [1, 100] as [number, number],
  stopEpoch: [0, 100_000_000] as [number, number],
};

/** The zoom control's choices (the hash accepts any factor in LIMITS.zoom). */
export const ZOOMS = [1, 2, 5, 10, 20, 50] as const;

export interface ProblemShape {
  problem: 'classification' | 'regression';
  dims: 1 | 2;
  /** Classes (2..6), 0 for regression. */
  classes: number;
}

/** Losses that make sense for a problem, the default first. */
export function lossesFor(shape: ProblemShape): Loss[] {
  if (shape.problem === 'regression') return ['mse'];
  if (shape.classes > 2) return ['softmax-ce', 'mse'];
  return ['mse', 'bce', 'softmax-ce'];
}

export const LOSS_LABELS: Record<Loss, string> = {
  mse: 'Mean squared error',
  bce: 'Binary cross-entropy',
  'softmax-ce': 'Softmax cross-entropy',
};

/**
 * The output layer a problem and loss call for: binary + mse → 1 tanh (targets ±1, as the
 * TensorFlow Playground); binary + bce → 1 sigmoid; softmax-ce (or multi-class mse) → one
 * softmax unit per class; regression → 1 linear.
 */
export function outputLayer(shape: ProblemShape, loss: Loss): { units: number; activation: Activation } {
  if (shape.problem === 'regression') return { units: 1, activation: 'linear' };
  if (loss === 'bce') return { units: 1, activation: 'sigmoid' };
  if (loss === 'softmax-ce' || shape.classes > 2) return { units: shape.classes, activation: 'softmax' };
  return { units: 1, activation: 'tanh' };
}

export function datasetInfo(name: string): DatasetInfo | undefined {
  return DATASETS.find((d) => d.name === name);
}
