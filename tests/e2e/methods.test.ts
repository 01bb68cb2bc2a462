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

it('calls made before the network exists wait and run in order: setWeight/setBias applied, whenReady() and the ready event', async () => {
  const page = await staticPage(
    `<mlp-playground id="c" config="dataset=xor&layers=2&act=tanh" view="boundary"></mlp-playground>`,
    `const el = document.getElementById('c');
     const log = window.log = [];
     const note = (name) => [() => log.push(name), (e) => log.push(name + ' failed: ' + e.message)];
     el.addEventListener('ready', () => log.push('ready'));
     el.setWeight(0, 1, 0, 0.75).then(...note('setWeight'));
     el.setBias(0, 0, -0.5).then(...note('setBias'));
     el.whenReady().then(...note('whenReady'));`,
  );
  await page.waitForFunction(() => (window as unknown as { log: string[] }).log.length >= 4, null, { timeout: 60_000 });
  const log = await page.evaluate(() => (window as unknown as { log: string[] }).log);
  // Each resolved (whenReady() at once, the edits after their round trip to the worker, in order).
  expect([...log].sort()).toEqual(['ready', 'setBias', 'setWeight', 'whenReady']);
  expect(log.indexOf('setWeight')).toBeLessThan(log.indexOf('setBias'));
  // The first snapshot already has the edits (they reached the worker before any tick).
  const params = await page.evaluate(async () => {
    const el = document.getElementById('c') as El;
    if (!el.snapshot) await new Promise((r) => el.addEventListener('update', r, { once: true }));
    const p = el.snapshot!.parameters;
    return { w: p.weights[0]![2], b: p.biases[0]![0], epoch: el.snapshot!.epoch };
  });
  expect(params).toEqual({ w: 0.75, b: -0.5, epoch: 0 });
});

it('step() resolves once its epoch is in; reset() once rebuilt; play() before the element is connected', async () => {
  const page = await staticPage(`<mlp-playground id="c" config="dataset=xor&layers=2&act=tanh" view="boundary"></mlp-playground>`, '');
  const out = await page.evaluate(async () => {
    const el = document.getElementById('c') as El;
    const steps: number[] = [];
    // Three steps called at once, before the worker is ready: each resolves after its own epoch.
    await Promise.all([1, 2, 3].map(() => el.step().then(() => steps.push(el.snapshot!.epoch))));
    const w = el.snapshot!.parameters.weights[0]![0];
    await el.setWeight(0, 0, 0, 2.5);
    await el.reset();
    const playingAfterReset = el.playing;
    // reset() rebuilt from the seed: a step later the weights are the seed's again, not the edit.
    await el.step();
    const after = el.snapshot!;
    // An element created by script and given play() before it is in the page trains once it is.
    const late = document.createElement('mlp-playground');
    late.id = 'late';
    late.setAttribute('config', 'dataset=gauss&layers=2');
    late.setAttribute('view', 'boundary');
    const played = late.play().then(() => late.playing);
    document.body.append(late);
    return { steps, w, playingAfterReset, epochAfterReset: after.epoch, wAfterReset: after.parameters.weights[0]![0], played: await played };
  });
  expect(out.steps).toEqual([1, 2, 3]);
  expect(out.playingAfterReset).toBe(false);
  expect(out.epochAfterReset).toBe(1);
  expect(out.wAfterReset).not.toBe(2.5);
  expect(out.played).toBe(true);
  await page.waitForFunction(() => Number(document.getElementById('late')!.shadowRoot!.querySelector('output[aria-label="Epoch"]')!.textContent) > 20, null, { timeout: 60_000 });
});

it('play() rejects when no network can be built; every method on a removed element rejects clearly (pause() does nothing)', async () => {
  const page = await staticPage(`<mlp-playground id="c" config="dataset=xor&layers=2"></mlp-playground>`, '');
  await page.evaluate(() => (document.getElementById('c') as El).whenReady());
  // No points left: no network.
  await page.locator('#c').getByRole('button', { name: 'Clear', exact: true }).click();
  await page.locator('#c').getByText('at least 2').waitFor();
  const noData = await page.evaluate(async () => {
    const el = document.getElementById('c') as El;
    const reason = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => `${e instanceof Error}: ${e.message}`);
    return { play: await reason(el.play()), ready: await reason(el.whenReady()) };
  });
  expect(noData.play).toMatch(/^true: mlp-playground: no network to train: .*at least 2 points/);
  expect(noData.ready).toBe(noData.play);
  const removed = await page.evaluate(async () => {
    const reason = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => `${e instanceof Error}: ${e.message}`);
    // One removed once ready, one removed while its worker still loads (its calls were waiting).
    const a = document.createElement('mlp-playground');
    a.setAttribute('view', 'boundary');
    document.body.append(a);
    await a.whenReady();
    a.remove();
    const b = document.createElement('mlp-playground');
    b.setAttribute('view', 'boundary');
    const pending = [b.play(), b.step(), b.whenReady()].map(reason);
    document.body.append(b);
    b.remove();
    a.pause();
    return {
      after: await Promise.all([a.play(), a.step(), a.reset(), a.setWeight(0, 0, 0, 1), a.setBias(0, 0, 1), a.whenReady()].map(reason)),
      pending: await Promise.all(pending),
    };
  });
  for (const r of [...removed.after, ...removed.pending]) expect(r).toBe('true: mlp-playground: the element was removed from the page');
});
