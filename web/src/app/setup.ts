// From settings to what the worker builds: a PlaygroundState becomes a Setup (data, features,
// network) and the hyper-parameters it may change live; comparing two states says which
// worker call a change needs. Pure functions.
import type { NetworkConfig, ScheduleConfig, StoppingConfig } from '../core/types.js';
import type { DigitsSpec } from '../worker/digits-source.js';
import { type Hyper, type Setup, withHyper } from '../worker/protocol.js';
import type { Catalog } from './catalog.js';
import { lossesFor, outputLayer, sameKind, shapeOf } from './problem.js';
import { cloneState, type PlaygroundState } from './settings.js';
import { reconcile } from './state.js';

export function networkConfig(s: PlaygroundState, catalog: Catalog): NetworkConfig {
  const out = outputLayer(shapeOf(s, catalog), s.loss);
  const image = s.dataset === 'digits' ? { inputs: DIGITS_SIDE * DIGITS_SIDE, inputShape: [1, DIGITS_SIDE, DIGITS_SIDE] as [number, number, number] } : null;
  return {
    inputs: image?.inputs ?? s.features.length,
    ...(image ? { inputShape: image.inputShape } : {}),
    layers: [
      ...(image ? s.conv.map((l) => ({ ...l })) : []),
      ...s.hidden.map((units, i) => ({ units, activation: s.activations[i] ?? 'tanh', ...(s.skips.includes(i + 1) ? { residual: true } : {}) })),
      out,
    ],
    loss: s.loss,
    optimizer: { type: s.optimizer, learningRate: s.learningRate },
    regularization: { type: s.regularization, rate: s.regRate },
    init: s.init,
    seed: s.seed,
    clipNorm: s.clipNorm,
    schedule: scheduleOf(s),
    stopping: stoppingOf(s),
  };
}

/** The schedule's settings as the core's config.schedule. */
function scheduleOf(s: PlaygroundState): ScheduleConfig {
  return {
    type: s.schedule, stepSize: s.schedStepSize, gamma: s.schedGamma, tMax: s.schedTMax, etaMin: s.schedEtaMin,
    startFactor: s.schedStartFactor, endFactor: s.schedEndFactor, totalIters: s.schedTotalIters,
  };
}

function stoppingOf(s: PlaygroundState): StoppingConfig {
  return { patience: s.patience, trainLoss: s.stopLoss };
}

/** The digits mode's images: 28×28, all 10,000 digits, 8,000 of them for training (seeded by dseed). */
const DIGITS_SIDE = 28;
export function digitsSpecOf(s: PlaygroundState): DigitsSpec {
  return { size: DIGITS_SIDE, samples: 10000, trainRatio: 0.8, seed: s.dataSeed, permute: 0 };
}

export function setupOf(s: PlaygroundState, catalog: Catalog): Setup {
  const data: Setup['data'] =
    s.dataset === 'digits'
      ? { kind: 'digits', spec: digitsSpecOf(s) }
      : s.dataset === 'custom' && s.data
      ? { kind: 'custom', points: s.data, trainRatio: s.trainPercent / 100, seed: s.dataSeed }
      : {
          kind: 'generated',
          spec: { name: s.dataset, samples: s.samples, noise: s.noise / 100, classes: s.classes, trainRatio: s.trainPercent / 100, seed: s.dataSeed },
        };
  return { data, features: [...s.features], network: networkConfig(s, catalog), batchSize: s.batchSize };
}

export function hyperOf(s: PlaygroundState): Hyper {
  return {
    optimizer: { type: s.optimizer, learningRate: s.learningRate },
    regularization: { type: s.regularization, rate: s.regRate },
    clipNorm: s.clipNorm,
    batchSize: s.batchSize,
    schedule: scheduleOf(s),
    stopping: stoppingOf(s),
  };
}

/** Which worker call a change of settings needs. */
export type ChangeKind = 'view' | 'hyper' | 'data' | 'rebuild';

/**
 * Compares two states: only the view, a live hyper-parameter change (b's setup is a's with
 * b's hyper-parameters), new custom points under the same network, or a rebuild.
 */
export function changeKind(a: PlaygroundState, b: PlaygroundState, catalog: Catalog): ChangeKind {
  const ha = hyperOf(a), hb = hyperOf(b);
  // Compare mode's networks are built with the first (their setups follow from it).
  if (JSON.stringify(a.compare) !== JSON.stringify(b.compare)) return 'rebuild';
  // Custom points are compared by identity below (an edit makes new ones), not by value.
  const text = (s: Setup): string => JSON.stringify({ ...s, data: { ...s.data, points: undefined } });
  if (text(withHyper(setupOf(a, catalog), hb)) !== text(setupOf(b, catalog))) return 'rebuild';
  if (a.data !== b.data) return 'data';
  if (JSON.stringify(ha) !== JSON.stringify(hb)) return 'hyper';
  return 'view';
}

export interface Patched {
  state: PlaygroundState;
  kind: ChangeKind;
  /** What reconcile() changed besides the patch, for a notice. */
  notes: string[];
}

/**
 * A change of settings from the controls, made consistent: a different kind of problem
 * starts from its own default loss (softmax-ce for several classes, mse otherwise) unless
 * the change picked one; features, loss and activations are reconciled. `reset`: rebuild
 * whatever changed.
 */
export function patchState(current: PlaygroundState, patch: Partial<PlaygroundState>, reset: boolean, catalog: Catalog): Patched {
  const state = cloneState({ ...current, ...patch });
  if (patch.loss === undefined && !sameKind(shapeOf(current, catalog), shapeOf(state, catalog))) state.loss = lossesFor(shapeOf(state, catalog))[0]!;
  const notes = reconcile(state, catalog);
  return { state, kind: reset ? 'rebuild' : changeKind(current, state, catalog), notes };
}
