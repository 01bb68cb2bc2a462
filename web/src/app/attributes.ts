// The element's one-setting attributes (dataset, layers, learning-rate, ...: one per row of
// the settings table) and how they combine with the `config` attribute: both are turned into
// one URL-hash string, so every value goes through parseHash, the one door for untrusted
// settings. Pure functions.
import type { Catalog } from './catalog.js';
import { type PlaygroundState, SETTING_ROWS, SETTINGS } from './settings.js';
import { encode, type HashKey, hashKeyOf, parseHash, serializeHash, splitHash } from './state.js';

/** Attribute name → the hash key it sets (one attribute per setting but custom data). */
export const SETTING_ATTRIBUTES: Readonly<Record<string, HashKey>> = Object.fromEntries(
  SETTING_ROWS.flatMap((r) => (r.attribute ? [[r.attribute, r.hash]] : [])),
);

/**
 * Every attribute name the element reads settings from: each setting's attribute, and its
 * hash key where that differs (`lr="0.1"` reads as `learning-rate="0.1"`; the attribute wins
 * when both are there).
 */
const BY_ATTRIBUTE: ReadonlyMap<string, HashKey> = new Map([
  ...SETTING_ROWS.flatMap((r) => (r.attribute && r.hash !== r.attribute ? [[r.hash, r.hash] as [string, HashKey]] : [])),
  ...Object.entries(SETTING_ATTRIBUTES),
]);

/** The attribute names the element observes for settings, aliases last. */
export const OBSERVED_SETTING_ATTRIBUTES: readonly string[] = [
  ...Object.keys(SETTING_ATTRIBUTES),
  ...[...BY_ATTRIBUTE.keys()].filter((n) => !(n in SETTING_ATTRIBUTES)),
];

/** Whether an attribute name sets a setting. */
export function isSettingAttribute(name: string): boolean {
  return BY_ATTRIBUTE.has(name);
}

/** Keys whose attribute may be written bare (`<mlp-playground discretize>` means 1). */
const BOOLEAN_KEYS: ReadonlySet<HashKey> = new Set(SETTING_ROWS.filter((r) => r.kind === 'flag').map((r) => r.hash));

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

/**
 * Attribute values (by attribute name) as hash pairs; unknown names are ignored. A
 * setting's own attribute wins over its alias, whatever their order.
 */
export function attributePatch(attrs: Iterable<[string, string]>): Map<HashKey, string> {
  const out = new Map<HashKey, string>();
  const own = new Set<HashKey>();
  for (const [name, value] of attrs) {
    const key = BY_ATTRIBUTE.get(name);
    if (!key) continue;
    const canonical = name in SETTING_ATTRIBUTES;
    if (!canonical && own.has(key)) continue;
    if (canonical) own.add(key);
    out.set(key, value === '' && BOOLEAN_KEYS.has(key) ? '1' : value);
  }
  return out;
}

/**
 * `base` (a hash) with `patch` written over it, keeping the result consistent the way the
 * page's controls do: a new dataset takes its own number of points and default loss (and
 * its features when the dimensions change); new layers keep the activations.
 */
export function overlay(base: string, patch: ReadonlyMap<HashKey, string>, catalog: Catalog): string {
  // By hash key, whichever spelling the base used (unknown keys stay, for parseHash to report).
  const pairs = new Map([...hashPairs(base)].map(([k, v]) => [hashKeyOf(k) ?? k, v]));
  const newData = patch.get('dataset');
  const dataset = (name: string | undefined): string => name ?? SETTINGS.dataset.default;
  if (newData !== undefined && newData !== dataset(pairs.get('dataset'))) {
    for (const k of ['n', 'loss', 'data'] as const) if (!patch.has(k)) pairs.delete(k);
    const dims = (name: string | undefined): number | undefined => catalog.dataset(dataset(name))?.dims;
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

/** Where an element's settings come from: the `config` attribute and the setting attributes over it. */
export interface SettingsSource {
  config: string;
  /** The setting attributes present, in the order the element lists them. */
  attributes: [string, string][];
  /** The attributes that changed (null: the config changed, everything applies anew). */
  changed: string[] | null;
}

/**
 * The hash a change of the source comes to. A new config: the config with every setting
 * attribute written over it. Changed attributes: only their fields change, the rest stays
 * as it is now (`current`); a removed attribute falls back to the config's value (or the
 * default). `force`: apply it even if it equals the last one applied.
 */
export function sourceHash({ config, attributes, changed }: SettingsSource, current: PlaygroundState, catalog: Catalog): { hash: string; force: boolean } {
  const full = (): string => overlay(config, attributePatch(attributes), catalog);
  if (changed === null) return { hash: full(), force: false };
  const present = new Map(attributes);
  const patch = attributePatch(changed.filter((n) => present.has(n)).map((n): [string, string] => [n, present.get(n)!]));
  const removed = changed.filter((n) => !present.has(n));
  if (removed.length) {
    const fallback = hashPairs(serializeHash(parseHash(full(), catalog).state));
    for (const [key] of attributePatch(removed.map((n): [string, string] => [n, '']))) patch.set(key, fallback.get(key) ?? '');
  }
  return { hash: overlay(serializeHash(current), patch, catalog), force: true };
}
