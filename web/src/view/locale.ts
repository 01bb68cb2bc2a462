// The reader's locale as Intl accepts it. navigator.language may be missing or not a
// language tag at all (WebKitGTK under the C locale reports "C"), and the chart library
// passes it to Intl.NumberFormat while its module is evaluated, which then throws and
// leaves <mlp-playground> undefined. Importing this module first (loss-chart.ts does, before
// uPlot) replaces an unusable navigator.language with LOCALE on this page's navigator.
// A valid one is left alone.

/** `tag` as a canonical language tag, or undefined if Intl would refuse it. */
export function usableLocale(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag === '') return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

const nav: Navigator | undefined = typeof navigator === 'undefined' ? undefined : navigator;

/** The locale numbers are formatted in: the reader's, or en-US when theirs is unusable. */
export const LOCALE: string = usableLocale(nav?.language) ?? 'en-US';

if (nav && usableLocale(nav.language) === undefined) {
  try {
    Object.defineProperty(nav, 'language', { value: LOCALE, configurable: true });
  } catch {
    // A frozen navigator: nothing to repair with; LOCALE still serves this page's own formatting.
  }
}
