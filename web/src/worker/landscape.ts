// What the element's "Loss landscape" and "Gradient flow" panels ask the worker for: the
// training loss over a plane through the current parameters (one batched core call,
// net.lossSurface) with the recorded trajectory projected onto it, and the layers' dead and
// saturated units now (net.layerStats). trainer.ts delegates here; no DOM, no maths of our
// own on the numbers: the core computes the losses, the directions and the projections.
import type { Network, TrainingData } from '../core/index.js';
import type { Parameters } from '../core/types.js';
import type { SnapshotEntry } from './history.js';
import type { FlowStats, Landscape, LandscapeRequest } from './protocol.js';

/** Most trajectory points handed to the core (the history keeps up to 300; evenly thinned). */
export const MAX_PATH_POINTS = 150;
/** PCA needs a path with some extent: at least this many points (epoch 0, one snapshot, now). */
export const MIN_PCA_POINTS = 3;
/** The PCA plane's range is the path's extent times this (the path stays inside the picture). */
const PCA_MARGIN = 1.25;

/** What the trainer hands over: its network and training data, the history's snapshots and counters. */
export interface LandscapeSource {
  net: Network;
  train: TrainingData;
  snapshots: readonly SnapshotEntry[];
  epoch: number;
  version: number;
}

/** Indices of at most `max` of `n` items, evenly spread, the first and the last always in. */
export function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let j = 0; j < max; j++) out.push(Math.round((j * (n - 1)) / (max - 1)));
  return [...new Set(out)];
}

/** Parameters as one flat vector (weights then bias, layer by layer: lossSurface's trajectory layout). */
export function flatten(p: Parameters): Float32Array {
  const n = p.weights.reduce((s, w, l) => s + w.length + p.biases[l]!.length, 0);
  const out = new Float32Array(n);
  let at = 0;
  p.weights.forEach((w, l) => {
    out.set(w, at);
    at += w.length;
    out.set(p.biases[l]!, at);
    at += p.biases[l]!.length;
  });
  return out;
}

/**
 * The path: the kept snapshots' parameters (thinned to MAX_PATH_POINTS), oldest first, then
 * the current parameters, so the path ends at the current point. The network goes to each
 * snapshot's state and back (restoreState), unchanged afterwards.
 */
function trajectory(src: LandscapeSource): { points: Float32Array[]; epochs: number[] } {
  const { net, snapshots, epoch } = src;
  const past = snapshots.filter((s) => s.epoch < epoch);
  const picked = thinIndices(past.length, MAX_PATH_POINTS - 1).map((i) => past[i]!);
  const current = net.saveState();
  const points: Float32Array[] = [];
  try {
    for (const s of picked) {
      net.restoreState(s.state);
      points.push(flatten(net.getParameters()));
    }
  } finally {
    net.restoreState(current);
  }
  points.push(flatten(net.getParameters()));
  return { points, epochs: [...picked.map((s) => s.epoch), epoch] };
}

/** Largest distance of a path point from the last one (the current parameters), in double. */
function extent(points: readonly Float32Array[]): number {
  const last = points[points.length - 1]!;
  let best = 0;
  for (const p of points) {
    let s = 0;
    for (let i = 0; i < p.length; i++) s += (p[i]! - last[i]!) ** 2;
    best = Math.max(best, Math.sqrt(s));
  }
  return best;
}

/**
 * The loss landscape of the current network on its training data: `steps` × `steps` losses
 * over θ + α·d₁ + β·d₂ for α, β in [−range, range], and the path. Random directions use
 * `range` (default 1: filter-normalised directions are as long as the weights); PCA
 * directions are unit vectors, so their range (unless given) is the path's extent with a
 * margin. Errors (too short a path for PCA, a bad field) name what is wrong.
 */
export function lossLandscape(src: LandscapeSource, r: LandscapeRequest): Landscape {
  const { points, epochs } = trajectory(src);
  if (r.directions === 'pca' && points.length < MIN_PCA_POINTS)
    throw new Error(`directions: "pca" needs a trajectory of at least ${MIN_PCA_POINTS} points (train a few epochs first); it has ${points.length}`);
  const span = extent(points);
  if (r.directions === 'pca' && !(span > 0)) throw new Error('directions: "pca" needs a trajectory that moves (every point is the current one)');
  const range = r.range ?? (r.directions === 'pca' ? Math.max(span * PCA_MARGIN, 1e-6) : 1);
  const s = src.net.lossSurface(src.train, { directions: r.directions, steps: r.steps, seed: r.seed, range, trajectory: points });
  return {
    version: src.version,
    epoch: src.epoch,
    directions: r.directions,
    steps: r.steps,
    range,
    alphas: s.alphas,
    betas: s.betas,
    loss: s.loss,
    path: s.path!,
    pathEpochs: Float64Array.from(epochs),
    explained: s.explained ?? null,
  };
}

/** The layers' statistics on the training data now (dead ReLU and saturated tanh/sigmoid units). */
export function flowStats(src: Pick<LandscapeSource, 'net' | 'train' | 'epoch' | 'version'>): FlowStats {
  return { version: src.version, epoch: src.epoch, stats: src.net.layerStats(src.train) };
}
