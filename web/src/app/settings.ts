// The settings table: every setting of a playground declared once — its state field (the
// key), type, default, allowed range or choices, URL-hash key, attribute name and the key
// of its label text. Everything that reads or writes settings derives from it: the hash
// parser and serializer (state.ts), the element's observed attributes (attributes.ts), the
// controls' limits and labels (panels/), and the README's table of keys (checked by
// tests/web/settings.test.ts). Adding a setting is one row here plus the code that uses it.
//
// Rows run in table order when a hash is read, so a row may depend on the rows above it
// (the dataset decides the number of points, the data the features and the loss, the
// layers the activations).
import type { Activation, Dataset, Feature, Init, Loss, OptimizerType, RegularizationType, ScheduleType } from '../core/types.js';
import type { Messages, PlainKey } from '../i18n/messages.js';
import type { Catalog } from './catalog.js';
import { CHALLENGE_IDS } from './challenges/list.js';
import { decodePoints, encodePoints } from './io/hash-data.js';
import { lossesFor, shapeOf } from './problem.js';
import { skipProblem } from './skips.js';
import { FieldError, items, range, readChoice, readFlag, readInteger, readNumber, type Said } from './settings-readers.js';
import { DECIMAL, message, sixDigits } from './text.js';

export { FieldError, type Said } from './settings-readers.js';
import { type ImageLayer, isProblem, MAX_IMAGE_LAYERS, problemText, readImageLayers, writeImageLayer } from './image-layers.js';

/** What a row sees while a hash is read. */
export interface ReadContext {
  readonly catalog: Catalog;
  /** The state so far: the rows above this one are read, the rest hold their defaults. */
  readonly state: PlaygroundState;
  /** Notes a row adds besides its own error (features dropped for 1-D data, ...), in English and in the reader's language. */
  report(english: string, said: Said): void;
}

export type SettingKind = 'integer' | 'number' | 'choice' | 'flag' | 'list' | 'points' | 'networks';

export interface Setting<T> {
  /** The key in the URL hash (and in the `config` attribute). */
  readonly hash: string;
  /** The element's attribute, or null (custom points are too long for one). */
  readonly attribute: string | null;
  /** The message key of its label (i18n/en.ts). */
  readonly label: PlainKey;
  readonly kind: SettingKind;
  readonly default: T;
  /** Inclusive range of a number (of each item, for a list); `openLow`: the minimum itself is not allowed. */
  readonly min?: number;
  readonly max?: number;
  readonly openLow?: boolean;
  /** The step of its control (a slider or a number field). */
  readonly step?: number;
  /** The values a select offers (the hash accepts any value in the range). */
  readonly suggested?: readonly number[];
  /** The allowed names of a choice (of each item, for a list). */
  choices?(catalog: Catalog): readonly string[];
  /** Most items of a list. */
  readonly maxItems?: number;
  /** What "allowed" reads as in the README (when the kind and range do not say it all). */
  readonly allowed?: string;
  /** A default that depends on the rows above (set before this row's value is read). */
  initial?(cx: ReadContext): T;
  /** How the README states the default, when it is not one value. */
  readonly defaultText?: string;
  /** Reads a hash value; throws FieldError saying what is allowed. */
  read(value: string, cx: ReadContext): T;
  /** The value as written into a hash, or null when it is left out. */
  write(value: T, state: PlaygroundState): string | null;
}

// ---- rows, by kind -------------------------------------------------------------------------

type Common = Pick<Setting<never>, 'hash' | 'attribute' | 'label'>;

/**
 * A row as it is (a builder, not an inferred literal, so that the table's type does not
 * depend on itself; a row's functions that read the state annotate their return type).
 */
function row<T>(o: Setting<T>): Setting<T> {
  return o;
}

function integer(o: Common & { default: number; min: number; max: number; step?: number; initial?: (cx: ReadContext) => number; defaultText?: string }): Setting<number> {
  return { kind: 'integer', ...o, read: (v) => readInteger(v, o.min, o.max), write: (n) => String(n) };
}

function number(o: Common & { default: number; min: number; max: number; openLow?: boolean; suggested?: readonly number[] }): Setting<number> {
  return { kind: 'number', ...o, read: (v) => readNumber(v, o.min, o.max, o.openLow), write: (n) => sixDigits(n) };
}

function choice<T extends string>(o: Common & { default: T; choices: (c: Catalog) => readonly T[]; initial?: (cx: ReadContext) => T }): Setting<T> {
  return { kind: 'choice', ...o, read: (v, cx) => readChoice(v, o.choices(cx.catalog)), write: (x) => x };
}

function flag(o: Common): Setting<boolean> {
  return { kind: 'flag', ...o, default: false, allowed: '0 or 1', read: readFlag, write: (b) => (b ? '1' : '0') };
}

/** The features allowed for the data's dimensions, in canonical (input) order. */
export function normalizeFeatures(features: readonly Feature[], dims: 1 | 2, catalog: Catalog): Feature[] {
  return catalog.featuresFor(dims).filter((f) => features.includes(f));
}

// ---- compare mode -------------------------------------------------------------------------

/**
 * One more network of compare mode: the settings where it differs from the first (the
 * rest it shares, data and seed always). The fields and types of PlaygroundState's rows
 * in COMPARABLE (a compile-time check below keeps the two in step).
 */
export interface CompareNet {
  features?: Feature[];
  hidden?: number[];
  activations?: Activation[];
  loss?: Loss;
  optimizer?: OptimizerType;
  learningRate?: number;
  batchSize?: number;
  regularization?: RegularizationType;
  regRate?: number;
  clipNorm?: number;
  init?: Init;
}

/** The settings a network of compare mode may change, in table order. */
export const COMPARABLE = ['features', 'hidden', 'activations', 'loss', 'optimizer', 'learningRate', 'batchSize', 'regularization', 'regRate', 'clipNorm', 'init'] as const;
export type ComparableField = (typeof COMPARABLE)[number];
/** Most networks in compare mode, the first included. */
export const MAX_NETWORKS = 4;

/**
 * Inside `compare`, `|` separates networks, `,` their settings and `:` a key from its value;
 * a list value (layers, activations, features) separates its items by `;` instead of `,`.
 */
const NET_SEP = '|', SETTING_SEP = ',', KEY_SEP = ':', ITEM_SEP = ';';

/** Reads `compare`: syntax, names and the count here; each value by its own row's reader. */
function readCompare(v: string, cx: ReadContext): CompareNet[] {
  if (v === '') return [];
  const parts = v.split(NET_SEP);
  const n = parts.length + 1;
  if (n > MAX_NETWORKS)
    throw new FieldError(`lists ${n} networks; at most ${MAX_NETWORKS} can be compared (${MAX_NETWORKS - 1} besides the first)`, (m) => m.t('problem.compareTooMany', { n, max: MAX_NETWORKS }));
  const nets: CompareNet[] = [];
  parts.forEach((part, i) => {
    const net = readCompareNet(part, i + 2, cx);
    if (net) nets.push(net);
  });
  return nets;
}

/** One network's overrides, read in table order over a copy of the first network's state; null if none is valid. */
function readCompareNet(text: string, index: number, cx: ReadContext): CompareNet | null {
  const where = `compare: network ${index}`;
  const network = String(index);
  const byField = new Map<ComparableField, string>();
  for (const item of text.split(SETTING_SEP)) {
    if (item === '') continue;
    const at = item.indexOf(KEY_SEP);
    if (at <= 0) {
      const shown = JSON.stringify(item.slice(0, 40));
      cx.report(`${where}: ${shown} is not key:value; ignored`, (m) => m.t('problem.compareNotPair', { network, item: shown }));
      continue;
    }
    const key = item.slice(0, at);
    const row = SETTING_ROWS.find((r) => r.hash === key || r.attribute === key);
    if (!row) {
      const shown = JSON.stringify(key.slice(0, 40));
      cx.report(`${where}: unknown setting ${shown} ignored`, (m) => m.t('problem.compareUnknown', { network, key: shown }));
      continue;
    }
    if (!(COMPARABLE as readonly string[]).includes(row.field)) {
      const key = row.hash;
      cx.report(`${where}: ${key}: the networks share the data, the seed and the view; ignored`, (m) => m.t('problem.compareShared', { network, key }));
      continue;
    }
    byField.set(row.field as ComparableField, item.slice(at + 1));
  }
  const state = cloneState(cx.state);
  const net: CompareNet = {};
  const local: ReadContext = { catalog: cx.catalog, state, report: (english, said) => cx.report(english, said) };
  for (const field of COMPARABLE) {
    const raw = byField.get(field);
    if (raw === undefined) continue;
    const row = SETTINGS[field] as Setting<unknown>;
    try {
      const value = row.read(raw.split(ITEM_SEP).join(','), local);
      (state as Record<string, unknown>)[field] = value;
      (net as Record<string, unknown>)[field] = value;
      // New layers keep the first network's activations (one per layer), as the controls do.
      if (field === 'hidden') state.activations = fitActivations(state.activations, state.hidden.length);
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      const [key, value] = [row.hash, JSON.stringify(raw.slice(0, 40))];
      const reason = e instanceof FieldError ? e.said : (): string => e.message;
      cx.report(`${where}: ${key}: ${value} ${e.message}; using the first network's`, (m) => m.t('problem.compareInvalid', { network, key, value, reason: reason(m) }));
    }
  }
  if (Object.keys(net).length === 0) {
    cx.report(`${where}: no setting of its own left; left out`, (m) => m.t('problem.compareEmpty', { network }));
    return null;
  }
  return net;
}

/** `compare` as written into a hash: per network, its settings in table order. */
function writeCompare(nets: readonly CompareNet[]): string {
  return nets
    .map((net) =>
      COMPARABLE.filter((f) => net[f] !== undefined)
        .map((f) => {
          const row = SETTINGS[f] as Setting<unknown>;
          const value = net[f] as unknown;
          // One name stands for every layer (`act:relu`), as in the hash.
          const v = f === 'activations' && new Set(value as string[]).size === 1 ? [(value as string[])[0]!] : value;
          return `${row.hash}${KEY_SEP}${(row.write(v as never, defaultState()) ?? '').split(',').join(ITEM_SEP)}`;
        })
        .join(SETTING_SEP),
    )
    .join(NET_SEP);
}

/** Activations for `layers` layers: the list cut, or padded with its last name. */
export function fitActivations(a: readonly Activation[], layers: number): Activation[] {
  return Array.from({ length: layers }, (_, i) => a[Math.min(i, a.length - 1)] ?? 'tanh');
}

const DEFAULT_ACTIVATIONS: readonly Activation[] = ['tanh', 'tanh'];
/** The most units a hidden layer may have on the digits (784 inputs); 2-D data keeps the row's 32 (its diagram's width). */
export const DIGITS_MAX_UNITS = 256;
export function maxUnits(s: Pick<PlaygroundState, 'dataset'>): number {
  return s.dataset === 'digits' ? DIGITS_MAX_UNITS : SETTINGS.hidden.max!;
}
export const SPEEDS = ['1', '3', '10', '30', 'max'] as const;
export type Speed = (typeof SPEEDS)[number];
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const LANDSCAPE_DIRECTIONS = ['random', 'pca'] as const;
export type LandscapeDirections = (typeof LANDSCAPE_DIRECTIONS)[number];

/** Every setting, in the order the hash is read and written. */
export const SETTINGS = {
  /**
   * A challenge (challenges/list.ts): its setup is the hash's starting point (parseHash; the
   * hash's own fields win) and the element checks its goal live. First, so a link reads
   * `challenge=spiral-8&...`.
   */
  challenge: row<string>({
    hash: 'challenge', attribute: 'challenge', label: 'setting.challenge', kind: 'choice', default: '', defaultText: 'none',
    // '' is no challenge (the default); the README lists the ids.
    choices: () => ['', ...CHALLENGE_IDS], allowed: `a challenge of challenges.html: ${CHALLENGE_IDS.map((id) => `\`${id}\``).join(' ')}`,
    read: (v): string => readChoice(v, ['', ...CHALLENGE_IDS]),
    write: (id): string | null => (id === '' ? null : id),
  }),
  dataset: choice<string>({
    hash: 'dataset', attribute: 'dataset', label: 'setting.dataset', default: 'circle',
    choices: (c) => [...c.datasets.map((d) => d.name), 'custom', 'digits'],
  }),
  /** Noise in percent (the core's 0..0.5). */
  noise: integer({ hash: 'noise', attribute: 'noise', label: 'setting.noise', default: 0, min: 0, max: 50, step: 5 }),
  /** Percentage of the points used for training. */
  trainPercent: integer({ hash: 'train', attribute: 'train-percent', label: 'setting.trainPercent', default: 50, min: 10, max: 90, step: 10 }),
  /** Points generated (before the split); the dataset's own number unless given. */
  samples: integer({
    hash: 'n', attribute: 'samples', label: 'setting.samples', default: 500, min: 10, max: 3000, step: 10,
    initial: (cx): number => cx.catalog.dataset(cx.state.dataset)?.defaultSamples ?? cx.state.samples,
    defaultText: "the dataset's own",
  }),
  /** Classes of the K-class datasets. */
  classes: integer({ hash: 'classes', attribute: 'classes', label: 'setting.classes', default: 3, min: 2, max: 6, step: 1 }),
  /** Seed of the data generator and of the train/test split. */
  dataSeed: integer({ hash: 'dseed', attribute: 'data-seed', label: 'setting.dataSeed', default: 1, min: 0, max: 4294967295, step: 1 }),
  /** The points of a custom dataset (all of them, before the split); null otherwise. */
  data: row<Dataset | null>({
    hash: 'data', attribute: null, label: 'setting.data', kind: 'points', default: null, defaultText: '–',
    allowed: 'the points of `dataset=custom` (compact text, written by the page)',
    read: (v): Dataset => {
      const d = decodePoints(v);
      if (d.size === 0) throw new Error('no points');
      return d;
    },
    write: (d, s): string | null => {
      if (s.dataset !== 'custom' || !d) return null;
      try {
        return encodePoints(d);
      } catch (e) {
        throw new FieldError(`your data cannot go into the link (${message(e)}); export it as CSV instead`);
      }
    },
  }),
  /** Input features, in canonical order. */
  features: row<Feature[]>({
    hash: 'features', attribute: 'features', label: 'setting.features', kind: 'list', default: ['x1', 'x2'],
    choices: (c) => c.features,
    initial: (cx): Feature[] => normalizeFeatures(cx.state.features, shapeOf(cx.state, cx.catalog).dims, cx.catalog),
    defaultText: '`x1,x2` (`x1` for 1-D data)',
    read: (v, cx): Feature[] => {
      const { catalog } = cx;
      const names = items(v);
      if (names.length === 0) throw new FieldError('must list at least one feature', (m) => m.t('reason.noFeature'));
      if (names.length > catalog.features.length) throw new FieldError(`must list at most ${catalog.features.length} features`, (m) => m.t('reason.tooManyFeatures', { n: catalog.features.length }));
      const picked = names.map((n) => readChoice(n, catalog.features));
      if (new Set(picked).size !== picked.length) throw new FieldError('lists a feature twice', (m) => m.t('reason.featureTwice'));
      const ok = normalizeFeatures(picked, shapeOf(cx.state, catalog).dims, catalog);
      if (ok.length === 0) throw new FieldError(`has no feature of 1-D data (${catalog.features1D.join(', ')})`, (m) => m.t('reason.no1dFeature', { features: catalog.features1D.join(', ') }));
      if (ok.length !== picked.length) cx.report('features: x2 features dropped (the data is 1-D)', (m) => m.t('problem.x2Dropped'));
      return ok;
    },
    write: (f): string => f.join(','),
  }),
  /** The digits' conv2d / maxpool layers, before the hidden (dense) layers (image-layers.ts reads and writes them). */
  conv: row<ImageLayer[]>({
    hash: 'conv', attribute: 'conv', label: 'setting.imageLayers', kind: 'list', default: [], maxItems: MAX_IMAGE_LAYERS,
    allowed: '`conv8k3` (8 channels 1-32, kernel 3 or 5, `s2` stride 2, `valid` no padding, `-tanh` another activation than `relu`) or `pool` (2×2 max-pooling); only for `digits`, and each must fit the image it gets',
    defaultText: 'none',
    read: (v, cx): ImageLayer[] => {
      const layers = readImageLayers(v, cx.catalog.hiddenActivations);
      if (isProblem(layers)) {
        const t = problemText(layers);
        throw new FieldError(t.english, t.said);
      }
      if (layers.length > 0 && cx.state.dataset !== 'digits') throw new FieldError('image layers need images: only with dataset=digits', (m) => m.t('reason.imageDigitsOnly'));
      return layers;
    },
    write: (l): string | null => (l.length === 0 ? null : l.map(writeImageLayer).join(',')),
  }),
  /** Units of each hidden layer (may be empty). */
  hidden: row<number[]>({
    hash: 'layers', attribute: 'layers', label: 'setting.hidden', kind: 'list', default: [4, 2], min: 1, max: 32, maxItems: 10,
    allowed: `up to ${DIGITS_MAX_UNITS} units a layer for \`digits\``,
    read: (v, cx): number[] => {
      const units = items(v);
      if (units.length > 10) throw new FieldError('must list at most 10 hidden layers', (m) => m.t('reason.tooManyLayers'));
      return units.map((u) => readInteger(u, 1, maxUnits(cx.state)));
    },
    write: (h): string => h.join(','),
  }),
  /** Activation of each hidden layer (one per layer; one name in a hash sets every layer). */
  activations: row<Activation[]>({
    hash: 'act', attribute: 'activation', label: 'setting.activations', kind: 'list', default: [...DEFAULT_ACTIVATIONS],
    choices: (c) => c.hiddenActivations,
    allowed: 'one name for every hidden layer, or one per layer',
    initial: (cx): Activation[] => cx.state.hidden.map((_, i) => DEFAULT_ACTIVATIONS[i] ?? 'tanh'),
    defaultText: '`tanh`',
    read: (v, cx): Activation[] => {
      const names = items(v).map((a) => readChoice(a, cx.catalog.hiddenActivations));
      const layers = cx.state.hidden.length;
      if (names.length === 1) return cx.state.hidden.map(() => names[0]!);
      if (names.length === layers) return names;
      throw new FieldError(`must list one activation or one per hidden layer (${layers})`, (m) => m.t('reason.activations', { layers }));
    },
    write: (a): string => a.join(','),
  }),
  /** Hidden layers (1-based) with a residual connection: each as wide as the layer before it. */
  skips: row<number[]>({
    hash: 'skip', attribute: 'skip', label: 'setting.skips', kind: 'list', default: [], defaultText: 'none', min: 2, max: 10,
    allowed: 'hidden layer numbers from 2, each as wide as the layer before it (`skip=2,3`)',
    read: (v, cx): number[] => items(v).map((u) => readInteger(u, 2, 10)).map((l) => {
      if (skipProblem(cx.state.hidden, l) === null) return l;
      throw new FieldError(`layer ${l} must be a hidden layer from 2 as wide as the one before it (layers ${cx.state.hidden.join(',')})`, (m) => m.t('reason.skip', { layer: l }));
    }),
    write: (k): string | null => (k.length === 0 ? null : k.join(',')),
  }),
  /** Without one in the hash, the problem's default (softmax-ce for several classes). */
  loss: row<Loss>({
    hash: 'loss', attribute: 'loss', label: 'setting.loss', kind: 'choice', default: 'mse',
    choices: (c) => c.losses,
    allowed: 'one the problem allows: `mse` for regression; `mse`, `bce`, `softmax-ce` for two classes; `softmax-ce`, `mse` for more',
    initial: (cx): Loss => lossesFor(shapeOf(cx.state, cx.catalog))[0]!,
    defaultText: "the problem's first",
    read: (v, cx): Loss => readChoice(v, lossesFor(shapeOf(cx.state, cx.catalog))),
    write: (l): string => l,
  }),
  optimizer: choice<OptimizerType>({ hash: 'opt', attribute: 'optimizer', label: 'setting.optimizer', default: 'sgd', choices: (c) => c.optimizers }),
  learningRate: number({
    hash: 'lr', attribute: 'learning-rate', label: 'setting.learningRate', default: 0.03, min: 1e-6, max: 100,
    suggested: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  }),
  batchSize: integer({ hash: 'batch', attribute: 'batch-size', label: 'setting.batchSize', default: 10, min: 1, max: 1000, step: 1 }),
  regularization: choice<RegularizationType>({ hash: 'reg', attribute: 'regularization', label: 'setting.regularization', default: 'none', choices: (c) => c.regularizations }),
  regRate: number({
    hash: 'regrate', attribute: 'reg-rate', label: 'setting.regRate', default: 0, min: 0, max: 100,
    suggested: [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  }),
  /** Gradient-norm clipping (torch.nn.utils.clip_grad_norm_): the gradient is scaled down to this norm; 0 = off. */
  clipNorm: number({
    hash: 'clip', attribute: 'clip-norm', label: 'setting.clipNorm', default: 0, min: 0, max: 1000,
    suggested: [0, 0.1, 0.3, 1, 3, 10],
  }),
  /**
   * The learning rate per epoch, as PyTorch's schedulers (the core's config.schedule): the
   * type, then each one's parameters under its PyTorch name; defaults are the core's, but
   * for LinearLR's start factor (1/3 has no six-digit form that reads back; 0.1, a common
   * warm-up start).
   */
  schedule: choice<ScheduleType>({ hash: 'sched', attribute: 'schedule', label: 'setting.schedule', default: 'none', choices: (c) => c.schedules }),
  schedStepSize: integer({ hash: 'sched-step', attribute: 'sched-step', label: 'setting.schedStepSize', default: 100, min: 1, max: 1_000_000 }),
  schedGamma: number({ hash: 'sched-gamma', attribute: 'sched-gamma', label: 'setting.schedGamma', default: 0.1, min: 0, max: 100, openLow: true, suggested: [0.1, 0.3, 0.5, 0.9, 0.99] }),
  schedTMax: integer({ hash: 'sched-tmax', attribute: 'sched-tmax', label: 'setting.schedTMax', default: 500, min: 1, max: 1_000_000 }),
  schedEtaMin: number({ hash: 'sched-etamin', attribute: 'sched-etamin', label: 'setting.schedEtaMin', default: 0, min: 0, max: 100, suggested: [0, 0.0001, 0.001, 0.01] }),
  schedStartFactor: number({ hash: 'sched-start', attribute: 'sched-start', label: 'setting.schedStartFactor', default: 0.1, min: 0, max: 1, openLow: true, suggested: [0.01, 0.1, 0.25, 0.5, 1] }),
  schedEndFactor: number({ hash: 'sched-end', attribute: 'sched-end', label: 'setting.schedEndFactor', default: 1, min: 0, max: 1, suggested: [0, 0.1, 0.5, 1] }),
  schedTotalIters: integer({ hash: 'sched-iters', attribute: 'sched-iters', label: 'setting.schedTotalIters', default: 5, min: 1, max: 1_000_000 }),
  /** Early stopping: epochs without a lower test loss before training stops (0 = off). */
  patience: integer({ hash: 'patience', attribute: 'patience', label: 'setting.patience', default: 0, min: 0, max: 100_000 }),
  /** Training stops once an epoch's training loss is at or below this (0 = off). */
  stopLoss: number({ hash: 'stoploss', attribute: 'stop-loss', label: 'setting.stopLoss', default: 0, min: 0, max: 1000, suggested: [0, 0.001, 0.01, 0.05, 0.1] }),
  init: choice<Init>({ hash: 'init', attribute: 'init', label: 'setting.init', default: 'classic', choices: (c) => c.inits }),
  /** Seed of the initial weights and of the shuffling. */
  seed: integer({ hash: 'seed', attribute: 'seed', label: 'setting.seed', default: 1, min: 0, max: 4294967295, step: 1 }),
  showTest: flag({ hash: 'test', attribute: 'show-test', label: 'setting.showTest' }),
  discretize: flag({ hash: 'discretize', attribute: 'discretize', label: 'setting.discretize' }),
  /** The loss chart's y axis is logarithmic. */
  logLoss: flag({ hash: 'logloss', attribute: 'log-loss', label: 'setting.logLoss' }),
  /** The learning panels under the loss chart (app/insight/), shown open; the landscape's directions and colour scale. */
  flow: flag({ hash: 'flow', attribute: 'gradient-flow', label: 'setting.flow' }),
  landscape: flag({ hash: 'landscape', attribute: 'loss-landscape', label: 'setting.landscape' }),
  landscapeDirs: choice<LandscapeDirections>({ hash: 'landscape-dirs', attribute: 'landscape-directions', label: 'setting.landscapeDirs', default: 'random', choices: () => LANDSCAPE_DIRECTIONS }),
  landscapeLog: flag({ hash: 'landscape-log', attribute: 'landscape-log', label: 'setting.landscapeLog' }),
  /** Epochs per frame at most ('max': as many as fit in the time budget). */
  speed: choice<Speed>({ hash: 'speed', attribute: 'speed', label: 'setting.speed', default: '3', choices: () => SPEEDS }),
  theme: choice<Theme>({ hash: 'theme', attribute: 'theme', label: 'setting.theme', default: 'auto', choices: () => THEMES }),
  /** The view shows `zoom` times the data's square (or interval): 1 = the data, 10 = far beyond it. */
  zoom: number({ hash: 'zoom', attribute: 'zoom', label: 'setting.zoom', default: 1, min: 1, max: 100, suggested: [1, 2, 5, 10, 20, 50] }),
  /** Playing pauses when the epoch counter reaches this (0 = never); Play again trains on. */
  stopEpoch: integer({ hash: 'stop', attribute: 'stop', label: 'setting.stopEpoch', default: 0, min: 0, max: 100_000_000 }),
  /**
   * Compare mode: the networks besides the first, each as the settings where it differs
   * from it (the networks' states: compare/nets.ts). Last, so it reads every setting it may override.
   */
  compare: row<CompareNet[]>({
    hash: 'compare', attribute: 'compare', label: 'setting.compare', kind: 'networks', default: [], defaultText: 'none',
    allowed: 'up to 3 more networks, `|` between them, each a comma list of `key:value` settings where it differs from the first ' +
      '(keys: `features` `layers` `act` `loss` `opt` `lr` `batch` `reg` `regrate` `clip` `init`; a list value separates its items by `;`, as in `layers:8;8`)',
    read: (v, cx): CompareNet[] => readCompare(v, cx),
    write: (nets): string | null => (nets.length === 0 ? null : writeCompare(nets)),
  }),
};

type Table = typeof SETTINGS;
export type SettingName = keyof Table;
type ValueOf<S> = S extends Setting<infer T> ? T : never;

/** Every setting of a playground in one plain object (one field per row of SETTINGS). */
export type PlaygroundState = { [K in SettingName]: ValueOf<Table[K]> };

/** The rows, in table order, with their field names. */
export const SETTING_ROWS: readonly (Setting<unknown> & { field: SettingName })[] = (Object.keys(SETTINGS) as SettingName[]).map(
  (field) => ({ ...(SETTINGS[field] as Setting<unknown>), field }),
);

export function defaultState(): PlaygroundState {
  const s = {} as Record<SettingName, unknown>;
  for (const r of SETTING_ROWS) s[r.field] = Array.isArray(r.default) ? [...(r.default as unknown[])] : r.default;
  return s as PlaygroundState;
}

export function cloneState(s: PlaygroundState): PlaygroundState {
  return { ...s, features: [...s.features], conv: s.conv.map((l) => ({ ...l })), hidden: [...s.hidden], activations: [...s.activations], skips: [...s.skips], compare: s.compare.map((n) => ({ ...n })) };
}

// CompareNet holds COMPARABLE's fields with their rows' types (a compile-time check).
const _compareFields: Required<CompareNet> extends Pick<PlaygroundState, ComparableField> ? (Pick<PlaygroundState, ComparableField> extends Required<CompareNet> ? true : never) : never = true;
void _compareFields;
