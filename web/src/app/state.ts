// A playground's settings in their URL-hash form, read and written by the settings table
// (settings.ts). parseHash is the one door for untrusted text (a shared link, the element's
// `config` attribute, its setting attributes): it checks each field on its own, keeps what is
// valid, falls back to the default for the rest and lists what it ignored, so a bad or
// hostile hash degrades field by field.
import type { Catalog } from './catalog.js';
import { challengeById } from './challenges/list.js';
import { lossesFor, shapeOf } from './problem.js';
import { fitSkips } from './skips.js';
import { defaultState, FieldError, maxUnits, normalizeFeatures, type PlaygroundState, type ReadContext, type Said, SETTING_ROWS, SETTINGS, type SettingName } from './settings.js';
import { message } from './text.js';

export { cloneState, defaultState, normalizeFeatures, type PlaygroundState } from './settings.js';

/**
 * Makes a state consistent after an edit or a parsed link (features for 1-D data, the
 * loss for the problem, activations per layer); returns what it changed, for a notice.
 */
export function reconcile(s: PlaygroundState, catalog: Catalog): string[] {
  const notes: string[] = [];
  const shape = shapeOf(s, catalog);
  // normalizeFeatures never adds one: fewer after it means some were dropped.
  const features = normalizeFeatures(s.features, shape.dims, catalog);
  if (features.length < s.features.length && shape.dims === 1) notes.push('features: x2 features are not available for 1-D data');
  s.features = features.length > 0 ? features : [catalog.features[0]!];
  const losses = lossesFor(shape);
  if (!losses.includes(s.loss)) s.loss = losses[0]!;
  // Image layers need images: none for other data.
  if (s.dataset !== 'digits' && s.conv.length > 0) {
    s.conv = [];
    notes.push('conv: image layers removed (only the digits are images)');
  }
  // Wider layers than 2-D data allows (left from the digits): the widest it allows.
  const most = maxUnits(s);
  if (s.hidden.some((u) => u > most)) {
    s.hidden = s.hidden.map((u) => Math.min(u, most));
    notes.push(`layers: at most ${most} units a layer for this data`);
  }
  while (s.activations.length < s.hidden.length) s.activations.push(s.activations[s.activations.length - 1] ?? 'tanh');
  s.activations.length = s.hidden.length;
  s.skips = fitSkips(s.hidden, s.skips);  // the layer editor says so first (network-panel.ts)
  return notes;
}

// ---- names ------------------------------------------------------------------------------

/** The hash keys, in the order serializeHash writes them. */
export const HASH_KEYS: readonly string[] = SETTING_ROWS.map((r) => r.hash);
export type HashKey = string;

/**
 * Hash key by every spelling a hash may use for it: its key, and its attribute name where
 * that differs (`learning-rate=0.1` reads as `lr=0.1`).
 */
const BY_SPELLING: ReadonlyMap<string, string> = new Map(
  SETTING_ROWS.flatMap((r) => [[r.hash, r.hash], ...(r.attribute ? [[r.attribute, r.hash] as [string, string]] : [])]),
);

/** The hash key a spelling stands for, or undefined for an unknown one. */
export function hashKeyOf(spelling: string): string | undefined {
  return BY_SPELLING.get(spelling);
}

// ---- writing ----------------------------------------------------------------------------

/** A value longer than this is refused outright (only `data` and `compare` may be longer). */
const MAX_VALUE = 200;
const MAX_DATA = 120_000;
/** Three networks with every setting of their own fit in this. */
const MAX_COMPARE = 2000;
const MAX_HASH = 200_000;

/**
 * A key or value as written into a hash: URI-encoded, but the separators a value uses kept
 * (`,` of lists; `|` `:` `;` of `compare`), so a link stays readable.
 */
export function encode(v: string): string {
  return encodeURIComponent(v).replace(/%2C/gi, ',').replace(/%7C/gi, '|').replace(/%3A/gi, ':').replace(/%3B/gi, ';');
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
  const parts: string[] = [];
  for (const r of SETTING_ROWS) {
    let v: string | null;
    try {
      v = r.write(s[r.field], s);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      warning = e.message;
      v = null;
    }
    if (v !== null) parts.push(`${r.hash}=${encode(v)}`);
  }
  return { hash: parts.join('&'), warning };
}

// ---- reading ----------------------------------------------------------------------------

/** A short, quoted, printable rendering of an untrusted value for a message. */
export function quote(v: string): string {
  const short = v.length > 40 ? `${v.slice(0, 40)}…` : v;
  // Control characters are shown escaped; the UI renders text only, never markup.
  return JSON.stringify(short);
}

/** Splits a hash into decoded pairs by hash key; undecodable or unknown pairs are reported. */
function pairs(hash: string, report: ReadContext['report']): Map<string, string> {
  const out = new Map<string, string>();
  for (const [rawKey, rawValue] of splitHash(hash)) {
    let spelling: string, value: string;
    try {
      spelling = decodeURIComponent(rawKey);
      value = decodeURIComponent(rawValue);
    } catch {
      report(`${quote(rawKey)}: cannot be decoded; ignored`, (m) => m.t('problem.undecodable', { key: quote(rawKey) }));
      continue;
    }
    // The page's language may ride in the hash (lang=zh): the site's, not a setting.
    if (spelling === 'lang') continue;
    const key = hashKeyOf(spelling);
    if (key === undefined) {
      report(`unknown setting ${quote(spelling)} ignored`, (m) => m.t('problem.unknown', { key: quote(spelling) }));
      continue;
    }
    const limit = key === 'data' ? MAX_DATA : key === 'compare' ? MAX_COMPARE : MAX_VALUE;
    if (value.length > limit) {
      report(`${key}: value too long (${value.length} characters); using the default`, (m) => m.t('problem.tooLong', { field: key, n: value.length }));
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
  /** The same, in the reader's language. */
  said: Said[];
}

/**
 * Reads a hash into a full state, row by row in table order. Missing fields take their
 * defaults silently; invalid ones take their defaults with a message. Never throws.
 */
export function parseHash(hash: string, catalog: Catalog): ParsedHash {
  const s = defaultState();
  const problems: string[] = [];
  const said: Said[] = [];
  const report = (english: string, words: Said): void => {
    problems.push(english);
    said.push(words);
  };
  if (typeof hash !== 'string') return { state: s, problems: ['settings: not text; using the defaults'], said: [(m) => m.t('problem.notText')] };
  if (hash.length > MAX_HASH) {
    const n = hash.length;
    return { state: s, problems: [`the link's settings are too long (${n} characters); using the defaults`], said: [(m) => m.t('problem.hashTooLong', { n })] };
  }
  const p = pairs(hash, report);
  // A challenge's link starts from its setup; the hash's own fields win.
  const challenge = challengeById(p.get('challenge'));
  if (challenge) for (const [k, v] of splitHash(challenge.setup)) if (!p.has(k)) p.set(k, decodeURIComponent(v));
  const cx: ReadContext = { catalog, state: s, report };
  const set = (field: SettingName, value: unknown): void => {
    (s as Record<SettingName, unknown>)[field] = value;
  };
  for (const r of SETTING_ROWS) {
    if (r.field === 'data') {
      readPoints(p.get('data'), cx);
      continue;
    }
    if (r.initial) set(r.field, r.initial(cx));
    const v = p.get(r.hash);
    if (v === undefined) continue;
    try {
      set(r.field, r.read(v, cx));
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      // The field keeps its (possibly dependent) default: say which.
      const fallback = r.write(s[r.field], s);
      const reason = e instanceof FieldError ? e.said : () => e.message;
      report(`${r.hash}: ${quote(v)} ${e.message}; using ${fallback || 'none'}`, (m) =>
        m.t('problem.invalid', { field: r.hash, value: quote(v), reason: reason(m), fallback: fallback || m.t('problem.none') }));
    }
  }
  // What is left to make consistent was checked, and reported, row by row above.
  reconcile(s, catalog);
  return { state: s, problems, said };
}

/** Custom points: `data` belongs to `dataset=custom`, which needs it (else the default dataset). */
function readPoints(v: string | undefined, cx: ReadContext): void {
  const { state: s, report } = cx;
  const fallback = SETTINGS.dataset.default;
  if (s.dataset !== 'custom') {
    if (v !== undefined) report('data: points given without dataset=custom; ignored', (m) => m.t('problem.dataWithoutCustom'));
    return;
  }
  if (v === undefined) {
    report(`dataset: "custom" needs its points (data); using ${fallback}`, (m) => m.t('problem.customWithoutData', { fallback }));
    s.dataset = fallback;
    return;
  }
  try {
    s.data = SETTINGS.data.read(v, cx);
  } catch (e) {
    report(`data: the points cannot be read (${message(e)}); using ${fallback}`, (m) => m.t('problem.badData', { detail: message(e), fallback }));
    s.dataset = fallback;
    s.data = null;
  }
}
