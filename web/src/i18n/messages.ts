// The UI's text in the reader's language: `messages(lang)` is a Messages (t() by key, the
// labels of the core's vocabulary, numbers formatted for the locale). English is in the
// bundle (the fallback, and the language of most first visits) but for three parts: the
// digits mode's, the challenges' and the step walk's and learning panels' messages
// (en-digits.ts, en-challenges.ts, en-teaching.ts: chunks added by loadDigitsMessages(),
// loadChallengeMessages(), loadTeachingMessages() before they are first shown); Chinese is a chunk of its own (all of it), loaded by loadLang() the first time it
// is asked for. A leaf module (it imports only its catalogs and the language names).
import { type Catalog, en, type MessageKey } from './en.js';
import { htmlLang, type Lang } from './lang.js';

export type { Catalog, MessageKey } from './en.js';
export type { Lang } from './lang.js';

/** The arguments a message takes: none for a plain string, its parameter object for a function. */
export type MessageArgs<K extends MessageKey> = Catalog[K] extends (p: infer P) => string ? [args: P] : [];

/** A key whose message takes no arguments. */
export type PlainKey = { [K in MessageKey]: Catalog[K] extends string ? K : never }[MessageKey];

/** The text of one language. Its members are plain functions: `const { t } = m` works. */
export interface Messages {
  readonly lang: Lang;
  /** The BCP 47 tag the numbers are formatted for (en-US, en-GB, zh-CN, ...). */
  readonly locale: string;
  /** The value for a `lang` attribute of text in this language. */
  readonly htmlLang: string;
  /** A message by its key (a function message takes its arguments). */
  t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string;
  /** The label of one name of a vocabulary (`name('dataset', 'spiral')`), or the name itself. */
  name(group: string, name: string): string;
  /** A whole number with the locale's grouping: 12,345. */
  int(n: number): string;
  /** A decimal with a fixed number of digits after the point. */
  fixed(n: number, digits: number): string;
  /** A fraction as a percentage with one decimal: 0.953 → 95.3%. */
  percent(fraction: number, digits?: number): string;
  /** A large count shortly, the locale's way: 15M / 1500万. */
  compact(n: number): string;
}

type Table = Record<string, string | ((p: unknown) => string)>;
/** The English catalog as loaded so far: en.ts, then each part (PARTS) once it is in. */
const englishTable: Table = { ...(en as unknown as Table) };
const englishCatalog = englishTable as unknown as Catalog;
const LOADERS: Record<Lang, () => Promise<Catalog>> = {
  en: () => Promise.resolve(englishCatalog),
  zh: () => import('./zh.js').then((m) => m.zh),
};
const loaded: Partial<Record<Lang, Catalog>> = { en: englishCatalog };
/** The English catalog's parts that are chunks of their own, added to it when first needed. */
const PARTS = {
  digits: () => import('./en-digits.js').then((m) => m.enDigits),
  challenges: () => import('./en-challenges.js').then((m) => m.enChallenges),
  teaching: () => import('./en-teaching.js').then((m) => m.enTeaching),
};
const parts: Partial<Record<keyof typeof PARTS, Promise<void>>> = {};
const pending: Partial<Record<Lang, Promise<Messages>>> = {};
const made: Partial<Record<Lang, Messages>> = {};

/** Adds a part of the English catalog (once); whatever shows its messages waits for it (zh.ts has them all). */
function loadPart(name: keyof typeof PARTS): Promise<void> {
  parts[name] ??= PARTS[name]().then(
    (part) => void Object.assign(englishTable, part),
    (e: unknown) => {
      delete parts[name];
      throw e;
    },
  );
  return parts[name];
}

/** The digits mode's English messages (en-digits.ts). */
export const loadDigitsMessages = (): Promise<void> => loadPart('digits');
/** The challenges' English messages (en-challenges.ts). */
export const loadChallengeMessages = (): Promise<void> => loadPart('challenges');
/** The step walk's and the learning panels' English messages (en-teaching.ts). */
export const loadTeachingMessages = (): Promise<void> => loadPart('teaching');

/**
 * `tag` as a canonical language tag, or undefined when Intl would refuse it (a missing
 * navigator.language, "", or "C" under a C locale).
 */
export function usableLocale(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag === '') return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * The locale numbers are formatted in for a language: the reader's own when it is usable
 * and of that language (en-GB, en-IN keep their grouping), else the language's default.
 */
export function localeFor(lang: Lang, navigatorLanguage: unknown): string {
  const own = usableLocale(navigatorLanguage);
  if (own && own.toLowerCase().split('-')[0] === lang) return lang === 'zh' ? 'zh-CN' : own;
  return lang === 'zh' ? 'zh-CN' : 'en-US';
}

function readerLanguage(): unknown {
  return typeof navigator === 'undefined' ? undefined : navigator.language;
}

/** A Messages over a catalog, for a locale (exported for the tests). */
export function makeMessages(lang: Lang, catalog: Catalog, locale: string): Messages {
  const table = catalog as unknown as Table;
  const english = englishTable;
  const nf = (o: Intl.NumberFormatOptions): Intl.NumberFormat => new Intl.NumberFormat(locale, o);
  const intFmt = nf({ maximumFractionDigits: 0 });
  const compactFmt = nf({ notation: 'compact', maximumSignificantDigits: 3 });
  const fixedFmts = new Map<number, Intl.NumberFormat>();
  const pctFmts = new Map<number, Intl.NumberFormat>();
  const finite = (n: number, f: () => string): string => (Number.isFinite(n) ? f() : '–');
  return {
    lang,
    locale,
    htmlLang: htmlLang(lang),
    t(key, ...args) {
      const m = table[key] ?? english[key];
      if (typeof m === 'function') return m(args[0]);
      return m ?? key;
    },
    name(group, name) {
      const m = table[`${group}.${name}`];
      return typeof m === 'string' ? m : name;
    },
    int: (n) => finite(n, () => intFmt.format(n)),
    fixed(n, digits) {
      let f = fixedFmts.get(digits);
      if (!f) fixedFmts.set(digits, (f = nf({ minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })));
      return finite(n, () => f.format(n));
    },
    percent(fraction, digits = 1) {
      let f = pctFmts.get(digits);
      if (!f) pctFmts.set(digits, (f = nf({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })));
      return finite(fraction, () => f.format(fraction));
    },
    compact: (n) => finite(n, () => (Math.abs(n) < 10_000 ? intFmt.format(n) : compactFmt.format(n))),
  };
}

/**
 * The messages of a language if its catalog is loaded, else English (call loadLang first
 * to be sure; the element renders its panels only once its language is in).
 */
export function messages(lang: Lang): Messages {
  const have = loaded[lang] ? lang : 'en';
  return (made[have] ??= makeMessages(have, loaded[have]!, localeFor(have, readerLanguage())));
}

/** Whether a language's catalog is loaded (messages(lang) is then that language). */
export function isLoaded(lang: Lang): boolean {
  return loaded[lang] !== undefined;
}

/** Loads a language's catalog (once); resolves to its messages. */
export function loadLang(lang: Lang): Promise<Messages> {
  if (loaded[lang]) return Promise.resolve(messages(lang));
  return (pending[lang] ??= LOADERS[lang]().then(
    (c) => {
      loaded[lang] = c;
      return messages(lang);
    },
    (e: unknown) => {
      delete pending[lang];
      throw e;
    },
  ));
}

/** The English messages (always loaded): for text that stays English, like the README's table. */
export const english: Messages = messages('en');

/** Whether a string is a message key (for checks of keys built at run time; the digits mode's once loaded). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(englishTable, key);
}
