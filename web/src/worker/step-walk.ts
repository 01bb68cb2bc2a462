// "Step through one update" on the worker's side: the numbers of one optimizer step for
// chosen training points, straight from the core (net.trace, net.gradients with every
// layer, net.previewStep), and taking exactly that step (net.trainBatch, the call
// previewStep previews). Trainer delegates here; nothing is computed in TypeScript.
import type { Network, TrainingData } from '../core/index.js';
import type { Parameters } from '../core/types.js';
import type { WalkStep } from './protocol.js';

/** Most points one walk explains (the playground's largest minibatch). */
export const WALK_MAX_POINTS = 1000;

function samples(train: TrainingData, points: readonly number[]): { x: Float32Array; y: Float32Array } {
  if (!Array.isArray(points) || points.length === 0 || points.length > WALK_MAX_POINTS)
    throw new RangeError(`points: 1 .. ${WALK_MAX_POINTS} training-point indices, got ${Array.isArray(points) ? points.length : typeof points}`);
  return train.samples(points);
}

/** The step the network would take on these training points, without taking it. */
export function walkStep(net: Network, train: TrainingData, points: readonly number[], version: number): WalkStep {
  const { x, y } = samples(train, points);
  const config = net.config;
  return {
    version,
    points: [...points],
    x,
    y,
    loss: config.loss ?? 'mse',
    optimizer: config.optimizer ?? {},
    trace: net.trace(x),
    gradients: net.gradients(x, y, { layers: true }),
    preview: net.previewStep(x, y),
  };
}

/** Takes the step walkStep showed (the same points, the same state): the parameters after it. */
export function applyWalkStep(net: Network, train: TrainingData, points: readonly number[]): Parameters {
  const { x, y } = samples(train, points);
  net.trainBatch(x, y);
  return net.getParameters();
}
