// Trains a lesson's preset exactly as the element does (its config → setupOf → the worker's
// Trainer, to the preset's stop epoch), for the tests that check the lessons' claims.
import { expect } from 'vitest';
import { shapeOf } from '../../../web/src/app/problem.js';
import { viewDomain } from '../../../web/src/app/scales.js';
import { setupOf } from '../../../web/src/app/setup.js';
import { parseHash, type PlaygroundState } from '../../../web/src/app/state.js';
import type { DenseLayerConfig, Parameters } from '../../../web/src/core/index.js';
import type { NetworkShape } from '../../../web/src/lesson-presets/forward.js';
import { type PresetName, PRESETS } from '../../../web/src/lesson-presets/presets.js';
import type { Built, Snapshot } from '../../../web/src/worker/protocol.js';
import { Trainer } from '../../../web/src/worker/trainer.js';
import { catalog, core } from './catalog.js';

export interface Run {
  state: PlaygroundState;
  built: Built;
  snap: Snapshot;
  net: NetworkShape;
  params: Parameters;
  /** Test loss after every `every` epochs (when asked). */
  testLosses: number[];
  /** The snapshot after every `every` epochs (when asked), the last one included. */
  ticks: Snapshot[];
}

/**
 * Trains a preset (with optional overrides, as the page's controls set them) to its stop
 * epoch, or until it diverges (the element then pauses too).
 */
export function run(name: PresetName, extra = '', every = 0, grid = 0, before?: (t: Trainer) => void): Run {
  const { state, problems } = parseHash(`${PRESETS[name]}${extra}`, catalog);
  expect(problems, name).toEqual([]);
  expect(state.stopEpoch, `${name} needs a stop epoch`).toBeGreaterThan(0);
  const t = new Trainer(core);
  const setup = setupOf(state, catalog);
  const built = t.configure(setup, false);
  before?.(t);
  const domain = viewDomain(state, shapeOf(state, catalog), built, catalog);
  const testLosses: number[] = [];
  const ticks: Snapshot[] = [];
  const tick = (until: number, full: boolean) =>
    t.tick({
      train: 'play', maxEpochs: Infinity, budgetMs: Infinity, until, full: true, thumbs: 0, params: true,
      main: full && grid > 0 ? { width: grid, height: shapeOf(state, catalog).dims === 1 ? 1 : grid, dims: shapeOf(state, catalog).dims, ...domain, focus: null } : null,
    });
  let snap: Snapshot;
  if (every > 0) {
    for (let e = every; e < state.stopEpoch; e += every) {
      ticks.push(tick(e, false));
      testLosses.push(ticks.at(-1)!.testLoss);
    }
  }
  snap = tick(state.stopEpoch, true);
  if (every > 0) (testLosses.push(snap.testLoss), ticks.push(snap));
  if (!snap.diverged) expect(snap.epoch).toBe(state.stopEpoch);
  t.dispose();
  return { state, built, snap, net: { features: setup.features, layers: setup.network.layers as DenseLayerConfig[] }, params: snap.params!, testLosses, ticks };
}

