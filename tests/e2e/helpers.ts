// Shared e2e helpers: Debian's Chromium through playwright-core (never a downloaded
// browser), pages that record every console error/warning and page error, readouts by
// accessible name, canvas fingerprints and screenshots into tests/e2e/artifacts/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const ARTIFACTS = resolve(import.meta.dirname, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export function siteUrl(hash = ''): string {
  return inject('siteUrl') + (hash ? `#${hash}` : '');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export interface TestPage {
  page: Page;
  /** Console errors and warnings and uncaught page errors seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export async function open(browser: Browser, hash = '', options: BrowserContextOptions = {}): Promise<TestPage> {
  const t = await openAt(browser, siteUrl(hash), options);
  await ready(t.page);
  return t;
}

/** A page of the site at `url`, recording problems, without waiting for anything. */
export async function openAt(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}

/** Waits until the worker built the network (Play becomes enabled) and a frame was drawn. */
export async function ready(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => {
    const el = document.querySelector('mlp-playground');
    const out = el?.shadowRoot?.querySelector('output[aria-label="Training loss"]');
    return out !== null && out !== undefined && out.textContent !== '–';
  }, null, { timeout: 30_000 });
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

/** Plays until `until` holds or the time is up, then pauses. */
export async function train(page: Page, ms: number): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  await page.waitForTimeout(ms);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  // The button flips at once, but a training tick sent before the pause may still be in
  // flight; its snapshot lands a moment later. Settled = the epoch stops moving.
  let last = await number(page, 'Epoch');
  for (;;) {
    await page.waitForTimeout(150);
    const now = await number(page, 'Epoch');
    if (now === last) return;
    last = now;
  }
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
export async function visible(l: Locator, timeout = 10_000): Promise<void> {
  await l.first().waitFor({ state: 'visible', timeout });
}
