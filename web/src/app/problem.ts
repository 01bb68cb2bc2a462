// What kind of problem a playground's data poses (classification with K classes or
// regression, 1-D or 2-D), and what follows from it: the losses that make sense and the
// output layer they call for. Pure functions of the settings and the catalog.
import type { Activation, Dataset, Loss } from '../core/types.js';
import type { Catalog } from './catalog.js';

export interface ProblemShape {
  problem: 'classification' | 'regression';
  dims: 1 | 2;
  /** Classes (2..6; 10 for the digits), 0 for regression. */
  classes: number;
}

/** The settings a problem's shape depends on. */
export interface DataChoice {
  /** A catalog dataset, or 'custom' for the points in `data`. */
  dataset: string;
  data: Dataset | null;
  /** Classes of the K-class datasets. */
  classes: number;
}

/** The shape of a choice of data (an unknown dataset reads as the catalog's first). */
export function shapeOf(s: DataChoice, catalog: Catalog): ProblemShape {
  if (s.dataset === 'custom' && s.data) return { problem: s.data.problem, dims: s.data.dims, classes: s.data.classes };
  // The MNIST digits (worker/digits-source.ts): ten classes of images, not points of a plane.
  if (s.dataset === 'digits') return { problem: 'classification', dims: 2, classes: 10 };
  const info = catalog.dataset(s.dataset) ?? catalog.datasets[0]!;
  return {
    problem: info.problem,
    dims: info.dims,
    classes: info.problem === 'regression' ? 0 : info.multiclass ? s.classes : 2,
  };
}

/** Whether two shapes are the same kind of problem (each kind has its own default loss). */
export function sameKind(a: ProblemShape, b: ProblemShape): boolean {
  return a.problem === b.problem && a.classes > 2 === b.classes > 2;
}

/** Losses that make sense for a problem, the default first. */
export function lossesFor(shape: ProblemShape): Loss[] {
  if (shape.problem === 'regression') return ['mse'];
  if (shape.classes > 2) return ['softmax-ce', 'mse'];
  return ['mse', 'bce', 'softmax-ce'];
}

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
