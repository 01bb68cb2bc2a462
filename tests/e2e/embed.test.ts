// The element embedded in a tutorial page (dist/site/embed.html): two instances configured
// by attributes, each training in its own worker, with the events and methods of its API;
// attribute changes on a live instance; reset(); autoplay (to a stop epoch); removing an
// instance terminates its worker.
import type { Browser, Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { launch, shot, siteUrl, steady } from './helpers.js';

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

interface Embed {
  page: Page;
  /** Every worker the page started, and those that have closed since. */
  workers: Worker[];
  closed: Worker[];
}

async function embed(): Promise<Embed> {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
  const page = await context.newPage();
  problems = [];
  const workers: Worker[] = [];
  const closed: Worker[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('worker', (w) => {
    workers.push(w);
    w.on('close', () => closed.push(w));
  });
  close = () => context.close();
  await page.goto(siteUrl().replace(/#.*$/, '') + 'embed.html');
  for (const id of ['#linear', '#relu']) await page.locator(id).getByRole('button', { name: 'Play', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
  return { page, workers, closed };
}

type El = HTMLElementTagNameMap['mlp-playground'];
const readout = (page: Page, id: string, name: string): Promise<string> =>
  page.evaluate(([id, name]) => document.querySelector(id!)!.shadowRoot!.querySelector(`output[aria-label="${name}"]`)!.textContent ?? '', [id, name]);

it('runs two independent instances configured by attributes, with events and methods', async () => {
  const { page, workers } = await embed();
  expect(workers).toHaveLength(2);
  const linear = page.locator('#linear');
  const relu = page.locator('#relu');
  // view="boundary" shows neither the network nor the data; boundary+network shows the network.
  expect(await relu.locator('section.network').count()).toBe(0);
  expect(await relu.locator('section.data').count()).toBe(0);
  expect(await linear.locator('section.network').count()).toBe(1);
  expect(await linear.getByLabel('Activation of hidden layer 1').inputValue()).toBe('linear');
  // Events and methods: step() on one instance moves only that one.
  const epochs = await page.evaluate(async () => {
    const a = document.querySelector('#linear') as El;
    const seen: number[] = [];
    a.addEventListener('epoch', (e) => seen.push(e.detail.epoch));
    a.step();
    await new Promise((r) => setTimeout(r, 800));
    return seen;
  });
  expect(epochs).toContain(1);
  expect(await readout(page, '#linear', 'Epoch')).toBe('000001');
  expect(await readout(page, '#relu', 'Epoch')).toBe('000000');
  // ReLU separates XOR; the linear network cannot.
  await relu.getByRole('button', { name: 'Play', exact: true }).click();
  await linear.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => Number(document.querySelector('#relu')!.shadowRoot!.querySelector('output[aria-label="Epoch"]')!.textContent) > 300, null, { timeout: 30_000 });
  await page.evaluate(() => document.querySelectorAll('mlp-playground').forEach((e) => e.pause()));
  await steady(page, ['#relu', '#linear']);
  expect(parseFloat(await readout(page, '#relu', 'Training accuracy'))).toBeGreaterThan(90);
  expect(parseFloat(await readout(page, '#linear', 'Training accuracy'))).toBeLessThan(80);
  // The snapshot a lesson reads: the built network and a copy of its parameters.
  const snap = await page.evaluate(() => {
    const s = (document.querySelector('#relu') as El).snapshot!;
    return { layers: s.network.layers, weights: s.parameters.weights.map((w) => w.length), train: s.train.size, x: s.domain.xRange };
  });
  expect(snap.layers).toEqual([{ units: 4, activation: 'relu' }, { units: 4, activation: 'relu' }, { units: 1, activation: 'tanh' }]);
  expect(snap.weights).toEqual([8, 16, 4]);
  expect(snap.train).toBe(250);
  expect(snap.x).toEqual([-6, 6]);
  await shot(page, 'embed');
});

it('applies attribute changes to a live instance: live hyper-parameters, rebuilt layers', async () => {
  const { page } = await embed();
  const linear = page.locator('#linear');
  await page.evaluate(() => {
    const a = document.querySelector('#linear') as El;
    for (let i = 0; i < 5; i++) a.step();
  });
  await expect.poll(() => readout(page, '#linear', 'Epoch')).toBe('000005');
  // A learning rate applies live: the epoch counter keeps counting.
  await page.evaluate(() => document.querySelector('#linear')!.setAttribute('learning-rate', '0.1'));
  await expect.poll(() => page.evaluate(() => (document.querySelector('#linear') as El).snapshot?.hash ?? '')).toContain('lr=0.1&');
  expect(await readout(page, '#linear', 'Epoch')).toBe('000005');
  // Layers and activation rebuild the network: a new diagram, epoch 0.
  await page.evaluate(() => {
    const a = document.querySelector('#linear')!;
    a.setAttribute('layers', '3,3,3');
    a.setAttribute('activation', 'tanh');
  });
  await expect.poll(() => linear.locator('button.node.unit').count()).toBe(3 + 3 + 3 + 1);
  expect(await linear.getByLabel('Activation of hidden layer 3').inputValue()).toBe('tanh');
  await expect.poll(() => readout(page, '#linear', 'Epoch')).toBe('000000');
  // The other settings stay as they were (the learning rate set above, XOR).
  const hash = await page.evaluate(() => (document.querySelector('#linear') as El).snapshot?.hash ?? '');
  expect(hash).toContain('lr=0.1&');
  expect(hash).toContain('dataset=xor&');
  // Removing an attribute returns the setting to the config's value.
  await page.evaluate(() => document.querySelector('#linear')!.removeAttribute('learning-rate'));
  await expect.poll(() => page.evaluate(() => (document.querySelector('#linear') as El).snapshot?.hash ?? '')).toContain('lr=0.03&');
  // A new config replaces everything (attributes still win).
  await page.evaluate(() => document.querySelector('#linear')!.setAttribute('config', 'dataset=circle&layers=2'));
  await expect.poll(() => linear.locator('button.node.unit').count()).toBe(3 + 3 + 3 + 1);
  await expect.poll(() => page.evaluate(() => (document.querySelector('#linear') as El).snapshot?.hash ?? '')).toContain('dataset=circle&');
});

it('reset() returns to epoch 0 and the initial weights; autoplay trains to its stop epoch', async () => {
  const { page } = await embed();
  const initial = await readout(page, '#relu', 'Training loss');
  await page.evaluate(() => (document.querySelector('#relu') as El).play());
  await page.waitForFunction(() => Number(document.querySelector('#relu')!.shadowRoot!.querySelector('output[aria-label="Epoch"]')!.textContent) > 50);
  await page.evaluate(() => (document.querySelector('#relu') as El).reset());
  await expect.poll(() => readout(page, '#relu', 'Epoch')).toBe('000000');
  await expect.poll(() => readout(page, '#relu', 'Training loss')).toBe(initial);
  expect(await page.evaluate(() => (document.querySelector('#relu') as El).playing)).toBe(false);
  // A new instance with autoplay starts by itself and pauses at stop=40, exactly.
  await page.evaluate(() => {
    const el = document.createElement('mlp-playground');
    el.id = 'auto';
    el.setAttribute('config', 'dataset=gauss&layers=2&speed=3&stop=40');
    el.setAttribute('view', 'boundary');
    el.setAttribute('autoplay', '');
    document.body.append(el);
  });
  await expect.poll(() => readout(page, '#auto', 'Epoch'), { timeout: 30_000 }).toBe('000040');
  await steady(page, ['#auto']);
  expect(await readout(page, '#auto', 'Epoch')).toBe('000040');
  expect(await page.evaluate(() => (document.querySelector('#auto') as El).playing)).toBe(false);
  // Play again trains on past the stop.
  await page.evaluate(() => (document.querySelector('#auto') as El).play());
  await page.waitForFunction(() => Number(document.querySelector('#auto')!.shadowRoot!.querySelector('output[aria-label="Epoch"]')!.textContent) > 40);
});

it('removing an instance terminates its worker; the other keeps working', async () => {
  const { page, workers, closed } = await embed();
  expect(workers).toHaveLength(2);
  expect(closed).toHaveLength(0);
  await page.evaluate(() => document.querySelector('#linear')!.remove());
  await expect.poll(() => closed.length, { timeout: 5000 }).toBe(1);
  await page.locator('#relu').getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, '#relu', 'Epoch')).toBe('000001');
  // Put back, it starts a new worker of its own and trains again.
  await page.evaluate(() => {
    const el = document.createElement('mlp-playground');
    el.id = 'again';
    el.setAttribute('config', 'dataset=xor&layers=4&act=relu');
    el.setAttribute('view', 'boundary');
    document.body.append(el);
  });
  await expect.poll(() => workers.length).toBe(3);
  await page.locator('#again').getByRole('button', { name: 'Play', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
  await page.evaluate(() => (document.querySelector('#again') as El).step());
  await expect.poll(() => readout(page, '#again', 'Epoch')).toBe('000001');
  await page.evaluate(() => document.querySelectorAll('mlp-playground').forEach((e) => e.remove()));
  await expect.poll(() => closed.length, { timeout: 5000 }).toBe(3);
});
