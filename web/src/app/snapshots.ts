// What one tick asks the worker for, and what a page gets back from a snapshot: pure
// functions between the controller's state and the worker protocol / the public API.
import type { DenseLayerConfig } from '../core/types.js';
import type { Built, Setup, Snapshot, TickRequest, UnitRef } from '../worker/protocol.js';
import type { EpochDetail, PlaygroundSnapshot } from './api.js';
import { THUMB_1D, THUMB_2D } from './painter.js';
import type { ProblemShape } from './problem.js';
import type { Domain } from './scales.js';
import type { PlaygroundState } from './settings.js';

/** Milliseconds of training per tick while playing (the rest of a frame is drawing). */
const BUDGET_MS = 12;

export interface TickInput {
  train: TickRequest['train'];
  state: PlaygroundState;
  shape: ProblemShape;
  domain: Domain;
  /** Grid points a side of the main view. */
  pixels: number;
  focus: UnitRef | null;
  playing: boolean;
  /** Whether this tick's snapshot carries every unit's thumbnail grid. */
  thumbs: boolean;
  /** Train no further than this epoch (a preset's stop), if set. */
  until?: number;
}

export function tickRequest(t: TickInput): TickRequest {
  const { shape, state } = t;
  // The main view shows a hovered hidden or output unit of 2-D data; features are drawn locally.
  const focus = t.focus && t.focus.layer > 0 && shape.dims === 2 ? t.focus : null;
  return {
    train: t.train,
    maxEpochs: state.speed === 'max' ? Infinity : Number(state.speed),
    budgetMs: BUDGET_MS,
    full: !t.playing,
    main: { width: t.pixels, height: shape.dims === 1 ? 1 : t.pixels, dims: shape.dims, xRange: t.domain.xRange, yRange: t.domain.yRange, focus },
    thumbs: !t.thumbs ? 0 : shape.dims === 1 ? THUMB_1D : THUMB_2D,
    params: true,
    until: t.until,
  };
}

export function epochDetail(s: Snapshot): EpochDetail {
  return { epoch: s.epoch, trainLoss: s.trainLoss, testLoss: s.testLoss, trainAccuracy: s.trainAccuracy, testAccuracy: s.testAccuracy };
}

/** The public snapshot: copies of what a page may keep (null before parameters arrive). */
export function publicSnapshot(snap: Snapshot, more: readonly Snapshot[], setup: Setup | null, built: Built | null, domain: Domain, hash: string): PlaygroundSnapshot | null {
  const params = snap.params;
  if (!setup || !built || !params) return null;
  const out = {
    ...epochDetail(snap),
    compare: more.map(epochDetail),
    diverged: snap.diverged,
    // The element builds dense layers only (setup.ts networkConfig).
    network: { features: [...setup.features], layers: setup.network.layers.map((l) => ({ ...(l as DenseLayerConfig) })), loss: setup.network.loss ?? 'mse' },
    train: built.train,
    test: built.test,
    domain,
    hash,
  } as PlaygroundSnapshot;
  // A new snapshot arrives every tick; the parameters (tens of thousands of floats for the
  // largest network) are copied only when a page reads them. The snapshot's own arrays are
  // never written, so a later copy is the same as one made now.
  let copy: PlaygroundSnapshot['parameters'] | null = null;
  Object.defineProperty(out, 'parameters', {
    enumerable: true,
    get: () => (copy ??= { weights: params.weights.map((w) => w.slice()), biases: params.biases.map((b) => b.slice()) }),
  });
  return out;
}
