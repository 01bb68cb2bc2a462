// The page's locale (web/src/view/locale.ts): a language tag Intl refuses (WebKitGTK's "C"
// under the C locale), an empty or missing one, falls back to en-US, and navigator.language
// is repaired before anything (the chart library) passes it to Intl; a valid one is kept.
import { afterEach, describe, expect, it, vi } from 'vitest';

const original = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
afterEach(() => {
  if (original) Object.defineProperty(globalThis, 'navigator', original);
  else delete (globalThis as { navigator?: unknown }).navigator;
  vi.resetModules();
});

/** Loads locale.ts afresh on a page whose navigator reports `language`. */
async function withLanguage(language: unknown) {
  // A navigator like the browser's: language is an accessor on the prototype.
  const proto = { get language() { return language; } };
  Object.defineProperty(globalThis, 'navigator', { value: Object.create(proto), configurable: true, writable: true });
  vi.resetModules();
  return import('../../web/src/view/locale.js');
}

describe('locale', () => {
  it('usableLocale accepts language tags Intl accepts, and nothing else', async () => {
    const { usableLocale } = await withLanguage('en-US');
    expect(usableLocale('zh-CN')).toBe('zh-CN');
    expect(usableLocale('en-us')).toBe('en-US');
    for (const bad of ['C', '', 'en_US', 'C.UTF-8', '*', undefined, null, 42]) expect(usableLocale(bad), String(bad)).toBeUndefined();
  });

  it.each(['C', '', undefined, 'C.UTF-8'])('navigator.language %j: en-US, and navigator.language repaired for Intl', async (language) => {
    const { LOCALE } = await withLanguage(language);
    expect(LOCALE).toBe('en-US');
    expect(navigator.language).toBe('en-US');
    expect(() => new Intl.NumberFormat(navigator.language)).not.toThrow();
  });

  it('keeps a valid navigator.language as it is', async () => {
    const { LOCALE } = await withLanguage('zh-CN');
    expect(LOCALE).toBe('zh-CN');
    expect(navigator.language).toBe('zh-CN');
    expect(Object.getOwnPropertyNames(navigator)).toEqual([]);
  });
});
