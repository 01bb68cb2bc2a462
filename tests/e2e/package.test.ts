// The packed package's element in Chromium, as its users get it (prepared by
// scripts/pack-smoke.sh into dist/package-e2e/): unbundled from a plain static folder with
// one <script type="module">, and bundled into a Vite app by `vite build`. Both must find
// their worker and the wasm next to them and train; the Vite app also loads the digits.
import type { Browser, Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, pause, shot, siteUrl, watchedPage, type WatchedPage } from './helpers.js';

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(resolve(import.meta.dirname, '../../dist/package-e2e/vite/index.html')))
    throw new Error('dist/package-e2e is missing: run scripts/pack-smoke.sh (npm run test:package) first');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a page of dist/package-e2e (throttled and watched like every e2e page). */
async function open(path: string): Promise<WatchedPage> {
  const watched = await watchedPage(browser, { viewport: { width: 800, height: 900 } });
  await watched.page.goto(siteUrl().replace(/site\/(#.*)?$/, '') + path);
  return watched;
}

const epochOf = (page: Page, id: string): Promise<number> =>
  page.evaluate((id) => Number(document.getElementById(id)?.shadowRoot?.querySelector('output[aria-label="Epoch"]')?.textContent ?? -1), id);

it('works unbundled from a static folder: one script tag, autoplay trains XOR', async () => {
  const { page, problems, workers, close } = await open('package-e2e/static/index.html');
  await page.waitForFunction(() => Number(document.getElementById('static')?.shadowRoot?.querySelector('output[aria-label="Epoch"]')?.textContent) > 200, null, { timeout: 120_000 });
  await pause(page, '#static');
  await expect.poll(() => page.evaluate(() => document.getElementById('static')!.shadowRoot!.querySelector('output[aria-label="Training accuracy"]')!.textContent)).toMatch(/%$/);
  const acc = parseFloat((await page.evaluate(() => document.getElementById('static')!.shadowRoot!.querySelector('output[aria-label="Training accuracy"]')!.textContent)) ?? '');
  expect(acc).toBeGreaterThan(90);
  expect(workers).toHaveLength(1);
  expect(workers[0]!.url()).toMatch(/\/package-e2e\/static\/lib\/element-worker\.js$/);
  await shot(page, 'package-static');
  expect(problems).toEqual([]);
  await close();
});

it('works bundled by Vite from npm: attributes, typed events, autoplay', async () => {
  const { page, problems, workers, close } = await open('package-e2e/vite/index.html');
  await page.waitForFunction(() => /^epoch \d+$/.test(document.querySelector('#status')!.textContent ?? '') && Number(document.querySelector('#status')!.textContent!.slice(6)) > 100, null, { timeout: 120_000 });
  expect(await epochOf(page, 'bundled')).toBeGreaterThan(100);
  // The attributes built the network they describe (the update event's snapshot says so).
  expect(await page.locator('#status').getAttribute('data-layers')).toBe('6,3,1');
  // mlp-playground/digits: Vite emitted the asset, the page fetched it whole and it passed its checks.
  await expect.poll(() => page.locator('#status').getAttribute('data-digits'), { timeout: 30_000 }).toMatch(/^80\+20 1x14x14 \d+ bytes$/);
  expect(Number((await page.locator('#status').getAttribute('data-digits'))!.split(' ')[2])).toBeGreaterThan(1_000_000);
  expect(workers).toHaveLength(1);
  expect(workers[0]!.url()).toMatch(/\/package-e2e\/vite\/assets\/element-worker-[\w-]+\.js$/);
  await shot(page, 'package-vite');
  expect(problems).toEqual([]);
  await close();
});

it('the library runs on a page of a static folder: XOR trained on the main thread', async () => {
  const { page, problems, close } = await open('package-e2e/static/library.html');
  await page.waitForFunction(() => (window as unknown as { xorResult?: unknown }).xorResult !== undefined);
  const r = await page.evaluate(() => (window as unknown as { xorResult: { simd: boolean; predicted: number[]; error?: string } }).xorResult);
  expect(r.error).toBeUndefined();
  expect(r.simd).toBe(true);
  expect(r.predicted.map(Math.sign)).toEqual([1, -1, -1, 1]);
  expect(problems).toEqual([]);
  await close();
});
