// Shared e2e helpers: Debian's Chromium through playwright-core (never a downloaded
// browser), every page CPU-throttled (CDP Emulation.setCPUThrottlingRate, 4x unless
// MLP_E2E_CPU_THROTTLE says otherwise) and watched for console errors/warnings, page
// errors, dialogs and Content-Security-Policy violations; readouts by accessible name,
// canvas fingerprints, screenshots into tests/e2e/artifacts/, and waits for conditions
// (never for time).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page, type Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

export const ARTIFACTS = resolve(import.meta.dirname, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** How much slower than the machine every page's main thread runs (1 = not throttled). */
export const CPU_THROTTLE = Number(process.env.MLP_E2E_CPU_THROTTLE ?? 4);

export function siteUrl(hash = ''): string {
  return inject('siteUrl') + (hash ? `#${hash}` : '');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and warnings, uncaught page errors, dialogs and CSP violations seen so far. */
  problems: string[];
  /** Every worker the page started, and those that have closed since. */
  workers: Worker[];
  closed: Worker[];
  close(): Promise<void>;
}

/**
 * A new page in its own context, throttled and watched (see the file's comment). A CSP
 * violation is reported by the page itself (securitypolicyviolation, on every document the
 * page loads), so that no violation passes unseen even where the console stays quiet.
 */
export async function watchedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  // Generous waits: every wait is for a condition, so a slow machine only makes it longer.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  if (CPU_THROTTLE !== 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
  }
  const problems: string[] = [];
  const workers: Worker[] = [];
  const closed: Worker[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('worker', (w) => {
    workers.push(w);
    w.on('close', () => closed.push(w));
  });
  return { page, problems, workers, closed, close: () => context.close() };
}

export type TestPage = WatchedPage;

/**
 * The harness of an e2e file (or describe block): one Chromium for all its tests, and
 * track(page) for the page of a test, closed after the test, which fails if the page saw a
 * problem (console error or warning, page error, dialog, CSP violation).
 */
export function browserPerFile(): { browser: () => Browser; track: <T extends WatchedPage>(page: T) => T } {
  let browser: Browser | null = null;
  let current: WatchedPage | null = null;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const problems = current?.problems ?? [];
    await current?.close();
    current = null;
    expect(problems).toEqual([]);
  });
  return {
    browser: () => browser!,
    track: (page) => (current = page),
  };
}

export async function open(browser: Browser, hash = '', options: BrowserContextOptions = {}): Promise<TestPage> {
  const watched = await openAt(browser, siteUrl(hash), options);
  await ready(watched.page);
  return watched;
}

/** A page of the site at `url`, watched, without waiting for anything. */
export async function openAt(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<TestPage> {
  const watched = await watchedPage(browser, options);
  await watched.page.goto(url);
  return watched;
}

/** Waits until the worker built the network (Play becomes enabled) and a frame was drawn. */
export async function ready(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => {
    const el = document.querySelector('mlp-playground');
    const out = el?.shadowRoot?.querySelector('output[aria-label="Training loss"]');
    return out !== null && out !== undefined && out.textContent !== '–';
  }, null, { timeout: 60_000 });
}

export function readout(page: Page, name: string): Locator {
  return page.getByLabel(name, { exact: true });
}

export async function number(page: Page, name: string): Promise<number> {
  const text = (await readout(page, name).textContent()) ?? '';
  return Number(text.replace(/[^0-9eE.+-]/g, ''));
}

export function mainCanvas(page: Page): Locator {
  return page.getByRole('img', { name: 'Decision boundary' });
}

/** The main canvas' pixels as a data URL (compare two to see a change). */
export async function canvasPixels(page: Page): Promise<string> {
  return mainCanvas(page).evaluate((c: HTMLCanvasElement) => c.toDataURL());
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage });
}

/** The element's Epoch readout, read in the page. */
export function epochOf(page: Page, selector = 'mlp-playground'): Promise<number> {
  return page.evaluate((sel) => Number(document.querySelector(sel)?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? NaN), selector);
}

/**
 * Presses the element's Pause button and returns the epoch it stopped at. No clock: the
 * first update after pause() carries the final epoch, because at most one training tick
 * was in flight and every tick sent after pause() trains nothing.
 */
export async function pause(page: Page, selector = 'mlp-playground'): Promise<number> {
  const epoch = await page.evaluate((sel) => new Promise<number>((done) => {
    const el = document.querySelector(sel) as HTMLElementTagNameMap['mlp-playground'];
    el.addEventListener('update', (e) => done(e.detail.epoch), { once: true });
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Pause"]');
    if (button) button.click();
    else el.pause();  // it stopped by itself (a stop epoch, divergence) meanwhile
  }), selector);
  await page.waitForFunction(([sel, e]) => Number(document.querySelector(sel as string)?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent) === e, [selector, epoch] as const);
  return epoch;
}

/**
 * A round trip through the worker that trains nothing (a redraw of the view), resolved with
 * the epoch it reports: after pause() or a stop, the proof that training stays stopped.
 */
export async function idleRoundTrip(page: Page, selector = 'mlp-playground'): Promise<number> {
  return page.evaluate((sel) => new Promise<number>((done) => {
    const el = document.querySelector(sel) as HTMLElementTagNameMap['mlp-playground'];
    el.addEventListener('update', (e) => done(e.detail.epoch), { once: true });
    el.pause();  // already paused: it only asks for one more (full-resolution) frame
  }), selector);
}

/** Plays until the epoch counter reaches `epochs` (a condition, with a generous timeout), then pauses; returns the final epoch. */
export async function train(page: Page, epochs: number, timeout = 120_000): Promise<number> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  await page.waitForFunction((n) => Number(document.querySelector('mlp-playground')?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent) >= n, epochs, { timeout });
  return pause(page);
}

/**
 * Waits until the epoch counters of the elements `selectors` have held for `frames`
 * animation frames (a tick sent before a pause may still land): frames, not a duration.
 */
export async function steady(page: Page, selectors: string[] = ['mlp-playground'], frames = 30): Promise<void> {
  await page.waitForFunction(([sels, need]) => {
    const w = window as unknown as { steadyLast?: string; steadyHeld?: number };
    const now = (sels as string[]).map((s) => document.querySelector(s)?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? '').join('|');
    w.steadyHeld = now === w.steadyLast ? (w.steadyHeld ?? 0) + 1 : 0;
    w.steadyLast = now;
    return w.steadyHeld >= (need as number);
  }, [selectors, frames] as const, { polling: 'raf', timeout: 30_000 });
}

/** The playground's current URL hash (without '#'). */
export async function hash(page: Page): Promise<string> {
  return page.evaluate(() => location.hash.slice(1));
}

export function hashField(h: string, key: string): string | undefined {
  for (const part of h.split('&')) {
    const i = part.indexOf('=');
    if (part.slice(0, i) === key) return decodeURIComponent(part.slice(i + 1));
  }
  return undefined;
}

/** Waits until the locator is visible (Playwright's waitFor; vitest has no web-first matchers). */
export async function visible(l: Locator, timeout = 60_000): Promise<void> {
  await l.first().waitFor({ state: 'visible', timeout });
}
