// The UI's languages and how one is chosen: one setting for the whole site (the playground
// and the Learn pages). A link wins (`?lang=zh`, or `lang=zh` in the hash), then the
// reader's last choice (localStorage), then the browser's language. An element takes its
// own `lang` attribute or the nearest one above it (langOfTag). A leaf module.
export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];
/** The localStorage key of the reader's choice (shared by every page of the site). */
export const LANG_KEY = 'mlp-playground:lang';

/** The language of a BCP 47 tag: Chinese for any zh-*, English for the rest; null for none. */
export function langOfTag(tag: string | null | undefined): Lang | null {
  if (typeof tag !== 'string' || tag.trim() === '') return null;
  return /^zh(?:[-_]|$)/i.test(tag.trim()) ? 'zh' : 'en';
}

/** The value of <html lang> (and of an element's lang) for a language. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

/** The language a link asks for: `?lang=` in the query, else `lang=` in the hash; null if neither. */
export function linkLang(search: string, hash = ''): Lang | null {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (fromQuery === 'en' || fromQuery === 'zh') return fromQuery;
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (part === 'lang=en' || part === 'lang=zh') return part.slice(5) as Lang;
  }
  return null;
}

function stored(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;  // storage blocked (privacy settings, sandboxed frames) or none (Node)
  }
}

/**
 * The language to start in. `navigatorLanguage` may be anything (missing, "", or "C" under
 * a C locale): only a Chinese tag picks Chinese.
 */
export function initialLang(search: string, navigatorLanguage: unknown, hash = ''): Lang {
  const asked = linkLang(search, hash);
  if (asked) return asked;
  const kept = stored();
  if (kept === 'en' || kept === 'zh') return kept;
  return langOfTag(typeof navigatorLanguage === 'string' ? navigatorLanguage : null) ?? 'en';
}

/**
 * Remembers the choice, shows it in the address (`?lang=`; replaceState, no history entry)
 * and sets <html lang>, which every <mlp-playground> without a lang of its own follows.
 */
export function keepLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Not remembered; the URL still carries it.
  }
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(history.state, '', url);
  document.documentElement.lang = htmlLang(lang);
}
