// Files into the page (a picked file read as text) and the playground's own network file:
// the core's serialize() wrapped with the settings that go with it; a bare network file
// (the PyTorch script's --out, mlp's serialize()) imports too. (Downloads: views.ts.)
import type { Activation, Feature, Init, Loss, OptimizerType, RegularizationType, ScheduleConfig, StoppingConfig } from '../core/types.js';
import type { Catalog } from './catalog.js';
import type { Said } from './settings.js';
import { cloneState, parseHash, type PlaygroundState, serializeHash } from './state.js';
import { message } from './text.js';

/** A file over the size a reader takes (the UI says so in the reader's language). */
export class TooLargeError extends Error {
  constructor(readonly kb: number, readonly maxKb: number) {
    super(`the file is too large (${kb} KB; at most ${maxKb} KB)`);
  }
}

export const NETWORK_FORMAT = 'mlp-playground/playground';
export const NETWORK_VERSION = 1;

/**
 * The largest file of each kind the page reads, checked before a byte is read (README,
 * "Imported files"): far above any real file of its kind (a CSV of 5,000 points is about
 * 150 kB; the largest network the page builds, with Adam state, saves to under 1 MB) and
 * far below what would stall the page.
 */
export const MAX_IMPORT_BYTES = { csv: 2_000_000, network: 20_000_000 } as const;

/** The file's text, or an Error saying it is larger than maxBytes (the file is not read then). */
export function readText(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) return Promise.reject(new TooLargeError(Math.round(file.size / 1024), Math.round(maxBytes / 1024)));
  return file.text();
}

/** The exported network file: settings (as a hash) plus the core's network JSON. */
export function wrapNetwork(state: PlaygroundState, networkJson: string): string {
  return JSON.stringify({ format: NETWORK_FORMAT, version: NETWORK_VERSION, hash: serializeHash(state), network: JSON.parse(networkJson) }, null, 1);
}

export interface ImportedNetwork {
  state: PlaygroundState;
  network: string;
  /** Settings of the file that fell back to defaults. */
  problems: string[];
  /** The same, in the reader's language. */
  said: Said[];
}

/** The core's network file format (serialize(), the PyTorch script's --out). */
const CORE_FORMAT = 'mlp-playground/network';

interface CoreConfig {
  layers?: { units: number; activation: Activation }[];
  features?: Feature[];
  loss?: Loss;
  optimizer?: { type?: OptimizerType; learningRate?: number };
  regularization?: { type?: RegularizationType; rate?: number };
  init?: Init;
  seed?: number;
  clipNorm?: number;
  schedule?: ScheduleConfig;
  stopping?: StoppingConfig;
}

/**
 * The settings of a bare network file: the page's, with the network's layers, features,
 * loss and training settings. The core checks the file itself when it loads it.
 */
function settingsOf(config: CoreConfig, current: PlaygroundState, catalog: Catalog): { state: PlaygroundState; problems: string[]; said: Said[] } {
  const s = cloneState(current);
  const problems: string[] = [];
  const said: Said[] = [];
  if (!Array.isArray(config.layers) || config.layers.length === 0) throw new Error('"config.layers" is missing');
  const hidden = config.layers.slice(0, -1);
  s.hidden = hidden.map((l) => l.units);
  s.activations = hidden.map((l) => l.activation);
  if (Array.isArray(config.features)) s.features = [...config.features];
  else {
    const features = s.features.join(', ');
    problems.push(`the file does not say which features its inputs are; the page's (${features}) are used`);
    said.push((m) => m.t('notice.noFeaturesInFile', { features }));
  }
  if (config.loss) s.loss = config.loss;
  if (config.optimizer?.type) s.optimizer = config.optimizer.type;
  if (typeof config.optimizer?.learningRate === 'number') s.learningRate = config.optimizer.learningRate;
  if (config.regularization?.type) s.regularization = config.regularization.type;
  if (typeof config.regularization?.rate === 'number') s.regRate = config.regularization.rate;
  if (config.init) s.init = config.init;
  if (typeof config.seed === 'number') s.seed = config.seed;
  if (typeof config.clipNorm === 'number') s.clipNorm = config.clipNorm;
  const sc = config.schedule;
  if (sc) {
    if (sc.type) s.schedule = sc.type;
    if (typeof sc.stepSize === 'number') s.schedStepSize = sc.stepSize;
    if (typeof sc.gamma === 'number') s.schedGamma = sc.gamma;
    if (typeof sc.tMax === 'number') s.schedTMax = sc.tMax;
    if (typeof sc.etaMin === 'number') s.schedEtaMin = sc.etaMin;
    if (typeof sc.startFactor === 'number') s.schedStartFactor = sc.startFactor;
    if (typeof sc.endFactor === 'number') s.schedEndFactor = sc.endFactor;
    if (typeof sc.totalIters === 'number') s.schedTotalIters = sc.totalIters;
  }
  if (typeof config.stopping?.patience === 'number') s.patience = config.stopping.patience;
  if (typeof config.stopping?.trainLoss === 'number') s.stopLoss = config.stopping.trainLoss;
  // Through the hash, so that every value is checked as a link's would be.
  const parsed = parseHash(serializeHash(s), catalog);
  return { state: parsed.state, problems: [...problems, ...parsed.problems], said: [...said, ...parsed.said] };
}

/**
 * Reads an exported network file — the page's (settings and network) or a bare network file
 * (taking the page's `current` settings for the data) — and throws an Error saying what is
 * wrong with it.
 */
export function unwrapNetwork(text: string, current: PlaygroundState, catalog: Catalog): ImportedNetwork {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON (${message(e)})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('not a network file: expected a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format === CORE_FORMAT) {
    if (typeof d.config !== 'object' || d.config === null) throw new Error('"config" is missing');
    return { ...settingsOf(d.config as CoreConfig, current, catalog), network: text };
  }
  if (d.format !== NETWORK_FORMAT) throw new Error(`not a network file of this playground: "format" must be "${NETWORK_FORMAT}" or "${CORE_FORMAT}"`);
  if (d.version !== NETWORK_VERSION) throw new Error(`unsupported version ${JSON.stringify(d.version)}; this playground reads version ${NETWORK_VERSION}`);
  if (typeof d.hash !== 'string') throw new Error('"hash" (the settings) is missing');
  if (typeof d.network !== 'object' || d.network === null) throw new Error('"network" is missing');
  const { state, problems, said } = parseHash(d.hash, catalog);
  return { state, network: JSON.stringify(d.network), problems, said };
}
