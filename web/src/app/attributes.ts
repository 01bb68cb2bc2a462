// The element's one-setting attributes (dataset, layers, learning-rate, ...) and how they
// combine with the `config` attribute: both are turned into one URL-hash string, so every
// value goes through parseHash, the one door for untrusted settings. Pure functions.
import { datasetInfo } from './catalog.js';
import { encode, type HashKey, splitHash } from './state.js';

/** Attribute name → the hash key it sets. */
export const SETTING_ATTRIBUTES: Readonly<Record<string, HashKey>> = {
  dataset: 'dataset',
  noise: 'noise',
  'train-percent': 'train',
  samples: 'n',
  classes: 'classes',
  'data-seed': 'dseed',
  features: 'features',
  layers: 'layers',
  activation: 'act',
  loss: 'loss',
  optimizer: 'opt',
  'learning-rate': 'lr',
  'batch-size': 'batch',
  regularization: 'reg',
  'reg-rate': 'regrate',
  init: 'init',
  seed: 'seed',
  'show-test': 'test',
  discretize: 'discretize',
  'log-loss': 'logloss',
  speed: 'speed',
  theme: 'theme',
  zoom: 'zoom',
  stop: 'stop',
};

/** Keys whose attribute may be written bare (`<mlp-playground discretize>` means 1). */
const BOOLEAN_KEYS: ReadonlySet<HashKey> = new Set(['test', 'discretize', 'logloss']);

/** Decoded key/value pairs of a hash, in order (later duplicates win, as in parseHash). */
export function hashPairs(hash: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of splitHash(hash)) {
    try {
      out.set(decodeURIComponent(k), decodeURIComponent(v));
    } catch {
      out.set(k, v);  // parseHash will report it
    }
  }
  return out;
}

/** Attribute values (by attribute name) as hash pairs; unknown names are ignored. */
export function attributePatch(attrs: Iterable<[string, string]>): Map<HashKey, string> {
  const out = new Map<HashKey, string>();
  for (const [name, value] of attrs) {
    const key = SETTING_ATTRIBUTES[name];
    if (!key) continue;
    out.set(key, value === '' && BOOLEAN_KEYS.has(key) ? '1' : value);
  }
  return out;
}

/**
 * `base` (a hash) with `patch` written over it, keeping the result consistent the way the
 * page's controls do: a new dataset takes its own number of points and default loss (and
 * its features when the dimensions change); new layers keep the activations.
 */
export function overlay(base: string, patch: ReadonlyMap<HashKey, string>): string {
  const pairs = hashPairs(base);
  const newData = patch.get('dataset');
  if (newData !== undefined && newData !== (pairs.get('dataset') ?? 'circle')) {
    for (const k of ['n', 'loss', 'data'] as const) if (!patch.has(k)) pairs.delete(k);
    const dims = (name: string | undefined): number | undefined => datasetInfo(name ?? 'circle')?.dims;
    if (!patch.has('features') && dims(newData) !== dims(pairs.get('dataset'))) pairs.delete('features');
  }
  const layers = patch.get('layers');
  const act = pairs.get('act');
  if (layers !== undefined && !patch.has('act') && act !== undefined) {
    const names = act === '' ? [] : act.split(',');
    const count = layers === '' ? 0 : layers.split(',').length;
    if (new Set(names).size <= 1) {
      if (names.length > 0) pairs.set('act', names[0]!);
      else pairs.delete('act');
    } else {
      const next = Array.from({ length: count }, (_, i) => names[Math.min(i, names.length - 1)]!);
      pairs.set('act', next.join(','));
    }
  }
  for (const [k, v] of patch) pairs.set(k, v);
  return [...pairs].map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
}
