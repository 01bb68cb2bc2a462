// The playground's first load is the list bench/first-load.mjs weighs: the files fetched
// from navigation until the first trained boundary is drawn (Play pressed as soon as it is
// enabled) are exactly bench/lib/first-load.mjs's FIRST_LOAD. A chunk that should be lazy
// (the exporters, uPlot, the scalar build, the lessons) fails it. Sizes are the bench's.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { filesBefore, FIRST_LOAD, siteFile, WATCH_FIRST_LOAD } from '../../bench/lib/first-load.mjs';
import { launch, siteUrl } from './helpers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it('fetches the files bench/lib/first-load.mjs lists before the first trained boundary', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const requests: { url: string; at: number }[] = [];
  context.on('request', (r) => requests.push({ url: r.url(), at: Date.now() }));
  await page.addInitScript(WATCH_FIRST_LOAD);
  const base = siteUrl();
  await page.goto(base);
  await page.waitForFunction(() => (window as { __firstLoad?: unknown }).__firstLoad, null, { timeout: 60_000 });
  const t = await page.evaluate(() => ({ ...(window as unknown as { __firstLoad: { trained: number } }).__firstLoad, origin: performance.timeOrigin }));
  expect(filesBefore(requests, base, t).sort()).toEqual(FIRST_LOAD.map((f) => f.file).sort());
  // Each once: the lite .wasm the page preloads is the one its worker compiles (app/client.ts
  // hands the bytes over), not fetched a second time.
  const until = t.origin + t.trained;
  const fetched = requests.filter((r) => r.url.startsWith(base) && r.at <= until).map((r) => siteFile(r.url, base));
  expect(fetched.filter((f, i) => fetched.indexOf(f) !== i)).toEqual([]);
  // The lazy chunks still arrive when asked for: the loss chart draws (uPlot) once trained.
  await page.locator('mlp-playground').locator('.chart canvas').first().waitFor({ timeout: 30_000 });
  await context.close();
  expect(problems).toEqual([]);
});
