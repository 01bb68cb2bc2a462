// The element's methods called at any time, as a tutorial author calls them: on a static page
// with the packaged element (dist/lib/element.js), two instances get play() the moment the
// element is defined (before either worker has loaded its core); step(), reset(),
// setWeight() before the network exists; whenReady() and the `ready` event; and every
// method on an element that was removed from the page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { launch, shot, siteUrl } from './helpers.js';

let browser: Browser;
let close: (() => Promise<void>) | null = null;
let problems: string[] = [];
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await close?.();
  close = null;
  expect(problems).toEqual([]);
});

type El = HTMLElementTagNameMap['mlp-playground'];

/**
 * A static page served beside the library (dist/lib), with `body` as its markup and `script`
 * as a module script that runs right after the element's module is evaluated.
 */
async function staticPage(body: string, script: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
  const page = await context.newPage();
  problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  close = () => context.close();
  const root = siteUrl().replace(/site\/(#.*)?$/, '');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>methods</title>
    <script type="module" src="./lib/element.js"></script>
    <script type="module">${script}</script></head><body>${body}</body></html>`;
  await page.route(`${root}methods.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${root}methods.html`);
  return page;
}

const epochOf = (page: Page, id: string): Promise<number> =>
  page.evaluate((id) => Number(document.getElementById(id)?.shadowRoot?.querySelector('output[aria-label="Epoch"]')?.textContent ?? -1), id);

it('two elements given play() as soon as the element is defined both train; play() resolves once training', async () => {
  const page = await staticPage(
    `<mlp-playground id="a" config="dataset=xor&layers=4&act=relu" view="boundary"></mlp-playground>
     <mlp-playground id="b" config="dataset=circle&layers=3&act=tanh" view="boundary"></mlp-playground>`,
    `window.results = {};
     if (!customElements.get('mlp-playground')) throw new Error('the element module ran after this script');
     for (const el of document.querySelectorAll('mlp-playground')) {
       window.results[el.id] = { epochs: 0 };
       el.addEventListener('epoch', (e) => { window.results[el.id].epochs = Math.max(window.results[el.id].epochs, e.detail.epoch); });
       el.play().then(() => { window.results[el.id].played = el.playing; }, (e) => { window.results[el.id].played = 'rejected: ' + e.message; });
     }`,
  );
  // Each trains on: its epoch events climb (no waiting for a time: for a count of epochs).
  await page.waitForFunction(() => {
    const r = (window as unknown as { results: Record<string, { epochs: number }> }).results;
    return r.a!.epochs > 50 && r.b!.epochs > 50;
  }, null, { timeout: 60_000 });
  const results = await page.evaluate(() => (window as unknown as { results: Record<string, { played: unknown }> }).results);
  expect(results.a!.played).toBe(true);
  expect(results.b!.played).toBe(true);
  expect(await epochOf(page, 'a')).toBeGreaterThan(50);
  expect(await epochOf(page, 'b')).toBeGreaterThan(50);
  await shot(page, 'methods-two-elements');
});
