// Every setting of a playground in one plain object, and its URL-hash form. parseHash is
// the one door for untrusted text (a shared link, the element's `config` attribute): it
// checks each field on its own, keeps what is valid, falls back to the default for the
// rest and lists what it ignored, so a bad or hostile hash degrades field by field.
import type { Activation, Dataset, Feature, Init, Loss, OptimizerType, RegularizationType } from '../core/types.js';
import {
  DATASETS,
  datasetInfo,
  FEATURES,
  FEATURES_1D,
  HIDDEN_ACTIVATIONS,
  INITS,
  LIMITS,
  lossesFor,
  OPTIMIZERS,
  type ProblemShape,
  REGULARIZATIONS,
  SPEEDS,
  type Speed,
} from './catalog.js';
import { decodePoints, encodePoints } from './io/hash-data.js';
import { DECIMAL, message, sixDigits } from './text.js';

export type Theme = 'auto' | 'light' | 'dark';

export interface PlaygroundState {
  /** A catalog dataset name, or 'custom' for drawn / loaded points (in `data`). */
  dataset: string;
  /** Noise in percent, 0..50 (the core's 0..0.5). */
  noise: number;
  /** Percentage of the points used for training, 10..90. */
  trainPercent: number;
  /** Points generated (before the split). */
  samples: number;
  /** Classes of the K-class datasets, 2..6. */
  classes: number;
  /** Seed of the data generator and of the train/test split. */
  dataSeed: number;
  /** The points of a custom dataset (all of them, before the split); null otherwise. */
  data: Dataset | null;
  features: Feature[];
  /** Units of each hidden layer (may be empty). */
  hidden: number[];
  /** Activation of each hidden layer (same length as hidden). */
  activations: Activation[];
  loss: Loss;
  optimizer: OptimizerType;
  learningRate: number;
  batchSize: number;
  regularization: RegularizationType;
  regRate: number;
  init: Init;
  /** Seed of the initial weights and of the shuffling. */
  seed: number;
  showTest: boolean;
  discretize: boolean;
  /** The loss chart's y axis is logarithmic. */
  logLoss: boolean;
  /** Epochs per frame at most ('max': as many as fit in the time budget). */
  speed: Speed;
  theme: Theme;
  /** The view shows `zoom` times the data's square (or interval): 1 = the data, 10 = far beyond it. */
  zoom: number;
  /** Playing pauses when the epoch counter reaches this (0 = never); Play again trains on. */
  stopEpoch: number;
}

export function defaultState(): PlaygroundState {
  return {
    dataset: 'circle',
    noise: 0,
    trainPercent: 50,
    samples: 500,
    classes: 3,
    dataSeed: 1,
    data: null,
    features: ['x1', 'x2'],
    hidden: [4, 2],
    activations: ['tanh', 'tanh'],
    loss: 'mse',
    optimizer: 'sgd',
    learningRate: 0.03,
    batchSize: 10,
    regularization: 'none',
    regRate: 0,
    init: 'classic',
    seed: 1,
    showTest: false,
    discretize: false,
    logLoss: false,
    speed: '3',
    theme: 'auto',
    zoom: 1,
    stopEpoch: 0,
  };
}

export function cloneState(s: PlaygroundState): PlaygroundState {
  return { ...s, features: [...s.features], hidden: [...s.hidden], activations: [...s.activations] };
}

/** What the data of a state is: problem, dimensions and classes. */
export function shapeOf(s: PlaygroundState): ProblemShape {
  if (s.dataset === 'custom' && s.data) return { problem: s.data.problem, dims: s.data.dims, classes: s.data.classes };
  const info = datasetInfo(s.dataset) ?? DATASETS[0]!;
  return {
    problem: info.problem,
    dims: info.dims,
    classes: info.problem === 'regression' ? 0 : info.multiclass ? s.classes : 2,
  };
}

/** Features valid for the data's dimensions, in canonical order (the order of the inputs). */
export function normalizeFeatures(features: readonly Feature[], dims: 1 | 2): Feature[] {
  const allowed = dims === 1 ? FEATURES_1D : FEATURES;
  return allowed.filter((f) => features.includes(f));
}

/**
 * Makes a state consistent after an edit or a parsed link (features for 1-D data, the
 * loss for the problem, activations per layer); returns what it changed, for a notice.
 */
export function reconcile(s: PlaygroundState): string[] {
  const notes: string[] = [];
  const shape = shapeOf(s);
  // normalizeFeatures never adds one: fewer after it means some were dropped.
  const features = normalizeFeatures(s.features, shape.dims);
  if (features.length < s.features.length && shape.dims === 1) notes.push('features: x2 features are not available for 1-D data');
  s.features = features.length > 0 ? features : ['x1'];
  const losses = lossesFor(shape);
  if (!losses.includes(s.loss)) s.loss = losses[0]!;
  while (s.activations.length < s.hidden.length) s.activations.push(s.activations[s.activations.length - 1] ?? 'tanh');
  s.activations.length = s.hidden.length;
  return notes;
}

// ---- the hash ---------------------------------------------------------------------------

/** The hash keys, in the order serializeHash writes them (TF-Playground-like short names). */
export const HASH_KEYS = [
  'dataset', 'noise', 'train', 'n', 'classes', 'dseed', 'data', 'features', 'layers', 'act', 'loss',
  'opt', 'lr', 'batch', 'reg', 'regrate', 'init', 'seed', 'test', 'discretize', 'logloss', 'speed', 'theme',
  'zoom', 'stop',
] as const;
export type HashKey = (typeof HASH_KEYS)[number];

/** A value longer than this is refused outright (only `data` may be long). */
const MAX_VALUE = 200;
const MAX_DATA = 120_000;
const MAX_HASH = 200_000;

/** A key or value as written into a hash: URI-encoded, but commas (list separators) kept. */
export function encode(v: string): string {
  return encodeURIComponent(v).replace(/%2C/gi, ',');
}

/**
 * The key/value parts of a hash ('#a=1&b=2' or 'a=1&b=2'), in order and still encoded:
 * split on '&' (empty parts skipped), then on the first '=' (no '=': an empty value).
 */
export function splitHash(hash: string): [string, string][] {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const out: [string, string][] = [];
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    out.push(eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)]);
  }
  return out;
}

export interface SerializeResult {
  hash: string;
  /** Why something could not go into the hash (custom data too large), or null. */
  warning: string | null;
}

/** The state as a hash string (without '#'). Every field is written, so a link is exact. */
export function serializeHash(s: PlaygroundState): string {
  return serializeHashWithWarning(s).hash;
}

export function serializeHashWithWarning(s: PlaygroundState): SerializeResult {
  let warning: string | null = null;
  let data = '';
  if (s.dataset === 'custom' && s.data) {
    try {
      data = encodePoints(s.data);
    } catch (e) {
      warning = `your data cannot go into the link (${message(e)}); export it as CSV instead`;
    }
  }
  const fields: [string, string][] = [
    ['dataset', s.dataset],
    ['noise', String(s.noise)],
    ['train', String(s.trainPercent)],
    ['n', String(s.samples)],
    ['classes', String(s.classes)],
    ['dseed', String(s.dataSeed)],
  ];
  if (data) fields.push(['data', data]);
  fields.push(
    ['features', s.features.join(',')],
    ['layers', s.hidden.join(',')],
    ['act', s.activations.join(',')],
    ['loss', s.loss],
    ['opt', s.optimizer],
    ['lr', sixDigits(s.learningRate)],
    ['batch', String(s.batchSize)],
    ['reg', s.regularization],
    ['regrate', sixDigits(s.regRate)],
    ['init', s.init],
    ['seed', String(s.seed)],
    ['test', s.showTest ? '1' : '0'],
    ['discretize', s.discretize ? '1' : '0'],
    ['logloss', s.logLoss ? '1' : '0'],
    ['speed', s.speed],
    ['theme', s.theme],
    ['zoom', sixDigits(s.zoom)],
    ['stop', String(s.stopEpoch)],
  );
  return { hash: fields.map(([k, v]) => `${k}=${encode(v)}`).join('&'), warning };
}

/** A short, quoted, printable rendering of an untrusted value for a message. */
export function quote(v: string): string {
  const short = v.length > 40 ? `${v.slice(0, 40)}…` : v;
  // Control characters are shown escaped; the UI renders text only, never markup.
  return JSON.stringify(short);
}

class FieldError extends Error {}

function int(v: string, lo: number, hi: number): number {
  if (!/^[+-]?\d{1,12}$/.test(v)) throw new FieldError(`must be an integer in [${lo}, ${hi}]`);
  const n = Number(v);
  if (n < lo || n > hi) throw new FieldError(`must be an integer in [${lo}, ${hi}]`);
  return n;
}

function num(v: string, lo: number, hi: number, openLow = false): number {
  if (!DECIMAL.test(v)) throw new FieldError(`must be a number in ${openLow ? '(' : '['}${lo}, ${hi}]`);
  const n = Number(v);
  if (!Number.isFinite(n) || n < lo || n > hi || (openLow && n === lo))
    throw new FieldError(`must be a number in ${openLow ? '(' : '['}${lo}, ${hi}]`);
  return n;
}

function pick<T extends string>(v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new FieldError(`must be one of ${allowed.join(', ')}`);
  return v as T;
}

function bool(v: string): boolean {
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  throw new FieldError('must be 0 or 1');
}

function list(v: string): string[] {
  return v === '' ? [] : v.split(',');
}

/** Splits a hash ('#a=1&b=2' or 'a=1&b=2') into decoded pairs; undecodable pairs are reported. */
function pairs(hash: string, problems: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [rawKey, rawValue] of splitHash(hash)) {
    let key: string, value: string;
    try {
      key = decodeURIComponent(rawKey);
      value = decodeURIComponent(rawValue);
    } catch {
      problems.push(`${quote(rawKey)}: cannot be decoded; ignored`);
      continue;
    }
    if (!(HASH_KEYS as readonly string[]).includes(key)) {
      problems.push(`unknown setting ${quote(key)} ignored`);
      continue;
    }
    const limit = key === 'data' ? MAX_DATA : MAX_VALUE;
    if (value.length > limit) {
      problems.push(`${key}: value too long (${value.length} characters); using the default`);
      continue;
    }
    out.set(key, value);
  }
  return out;
}

export interface ParsedHash {
  state: PlaygroundState;
  /** One message per ignored or corrected field (empty when the hash was fine). */
  problems: string[];
}

/**
 * Reads a hash into a full state. Missing fields take their defaults silently; invalid ones
 * take their defaults with a message. Never throws.
 */
export function parseHash(hash: string): ParsedHash {
  const s = defaultState();
  const problems: string[] = [];
  if (typeof hash !== 'string') return { state: s, problems: ['settings: not text; using the defaults'] };
  if (hash.length > MAX_HASH) return { state: s, problems: [`the link's settings are too long (${hash.length} characters); using the defaults`] };
  const p = pairs(hash, problems);

  // Each field is read by its own function; a FieldError keeps the default and is reported.
  const field = (key: string, read: (v: string) => void, shown?: () => string): void => {
    const v = p.get(key);
    if (v === undefined) return;
    try {
      read(v);
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      problems.push(`${key}: ${quote(v)} ${e.message}; using ${shown ? shown() : 'the default'}`);
    }
  };
  const d = defaultState();

  field('dataset', (v) => {
    s.dataset = pick(v, [...DATASETS.map((x) => x.name), 'custom']);
  }, () => d.dataset);
  // Defaults that depend on the dataset: its number of points.
  s.samples = datasetInfo(s.dataset)?.defaultSamples ?? s.samples;
  field('noise', (v) => (s.noise = int(v, ...LIMITS.noise)), () => String(d.noise));
  field('train', (v) => (s.trainPercent = int(v, ...LIMITS.trainPercent)), () => String(d.trainPercent));
  field('n', (v) => (s.samples = int(v, ...LIMITS.samples)), () => String(s.samples));
  field('classes', (v) => (s.classes = int(v, ...LIMITS.classes)), () => String(d.classes));
  field('dseed', (v) => (s.dataSeed = int(v, 0, LIMITS.seed)), () => String(d.dataSeed));
  if (s.dataset === 'custom') {
    const v = p.get('data');
    if (v === undefined) {
      problems.push('dataset: "custom" needs its points (data); using circle');
      s.dataset = 'circle';
    } else {
      try {
        s.data = decodePoints(v);
        if (s.data.size === 0) throw new Error('no points');
      } catch (e) {
        problems.push(`data: the points cannot be read (${message(e)}); using circle`);
        s.dataset = 'circle';
        s.data = null;
      }
    }
  } else if (p.has('data')) {
    problems.push('data: points given without dataset=custom; ignored');
  }
  const shape = shapeOf(s);

  field('features', (v) => {
    const names = list(v);
    if (names.length === 0) throw new FieldError('must list at least one feature');
    if (names.length > FEATURES.length) throw new FieldError(`must list at most ${FEATURES.length} features`);
    const picked = names.map((n) => pick(n, FEATURES));
    if (new Set(picked).size !== picked.length) throw new FieldError('lists a feature twice');
    const ok = normalizeFeatures(picked, shape.dims);
    if (ok.length === 0) throw new FieldError('has no feature of 1-D data (x1, x1sq, sinx1)');
    if (ok.length !== picked.length) problems.push('features: x2 features dropped (the data is 1-D)');
    s.features = ok;
  }, () => normalizeFeatures(d.features, shape.dims).join(','));

  field('layers', (v) => {
    const units = list(v);
    if (units.length > LIMITS.hiddenLayers) throw new FieldError(`must list at most ${LIMITS.hiddenLayers} hidden layers`);
    s.hidden = units.map((u) => int(u, 1, LIMITS.units));
    s.activations = s.hidden.map((_, i) => d.activations[i] ?? 'tanh');
  }, () => d.hidden.join(','));
  field('act', (v) => {
    const names = list(v).map((a) => pick(a, HIDDEN_ACTIVATIONS));
    // One name sets every layer; otherwise one per layer.
    if (names.length === 1) s.activations = s.hidden.map(() => names[0]!);
    else if (names.length === s.hidden.length) s.activations = names;
    else throw new FieldError(`must list one activation or one per hidden layer (${s.hidden.length})`);
  }, () => s.activations.join(',') || 'none');
  // Without a loss in the link, the problem's default (softmax-ce for several classes).
  s.loss = lossesFor(shape)[0]!;
  field('loss', (v) => {
    const allowed = lossesFor(shape);
    s.loss = pick(v, allowed);
  }, () => lossesFor(shape)[0]!);
  field('opt', (v) => (s.optimizer = pick(v, OPTIMIZERS)), () => d.optimizer);
  field('lr', (v) => (s.learningRate = num(v, LIMITS.learningRate[0], LIMITS.learningRate[1])), () => String(d.learningRate));
  field('batch', (v) => (s.batchSize = int(v, 1, LIMITS.batchSize)), () => String(d.batchSize));
  field('reg', (v) => (s.regularization = pick(v, REGULARIZATIONS)), () => d.regularization);
  field('regrate', (v) => (s.regRate = num(v, ...LIMITS.regRate)), () => String(d.regRate));
  field('init', (v) => (s.init = pick(v, INITS)), () => d.init);
  field('seed', (v) => (s.seed = int(v, 0, LIMITS.seed)), () => String(d.seed));
  field('test', (v) => (s.showTest = bool(v)), () => '0');
  field('discretize', (v) => (s.discretize = bool(v)), () => '0');
  field('logloss', (v) => (s.logLoss = bool(v)), () => '0');
  field('speed', (v) => (s.speed = pick(v, SPEEDS)), () => d.speed);
  field('theme', (v) => (s.theme = pick(v, ['auto', 'light', 'dark'] as const)), () => d.theme);
  field('zoom', (v) => (s.zoom = num(v, ...LIMITS.zoom)), () => String(d.zoom));
  field('stop', (v) => (s.stopEpoch = int(v, ...LIMITS.stopEpoch)), () => String(d.stopEpoch));
  // What is left to make consistent: the default features (x1, x2) of 1-D data become x1.
  // Every other field was checked above, and reported there, so reconcile's notes are not.
  reconcile(s);
  return { state: s, problems };
}
