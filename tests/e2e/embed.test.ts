// The element embedded in a tutorial page (dist/site/embed.html): two instances configured
// by attributes, each training in its own worker, with the events and methods of its API.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, shot, siteUrl } from './helpers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it('runs two independent instances configured by attributes, with events and methods', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(siteUrl().replace(/#.*$/, '') + 'embed.html');
  const linear = page.locator('#linear');
  const relu = page.locator('#relu');
  for (const el of [linear, relu]) await el.getByRole('button', { name: 'Play', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
  // view="boundary" shows neither the network nor the data; boundary+network shows the network.
  expect(await relu.locator('section.network').count()).toBe(0);
  expect(await relu.locator('section.data').count()).toBe(0);
  expect(await linear.locator('section.network').count()).toBe(1);
  expect(await linear.getByLabel('Activation of hidden layer 1').inputValue()).toBe('linear');
  // Events and methods: step() on one instance moves only that one.
  const epochs = await page.evaluate(async () => {
    const a = document.querySelector('#linear') as HTMLElement & { step(): void };
    const seen: number[] = [];
    a.addEventListener('epoch', (e) => seen.push((e as CustomEvent<{ epoch: number }>).detail.epoch));
    a.step();
    await new Promise((r) => setTimeout(r, 800));
    return seen;
  });
  expect(epochs).toContain(1);
  expect(await linear.getByLabel('Epoch', { exact: true }).textContent()).toBe('000001');
  expect(await relu.getByLabel('Epoch', { exact: true }).textContent()).toBe('000000');
  // ReLU separates XOR; the linear network cannot.
  await relu.getByRole('button', { name: 'Play', exact: true }).click();
  await linear.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => Number(document.querySelector('#relu')!.shadowRoot!.querySelector('output[aria-label="Epoch"]')!.textContent) > 300, null, { timeout: 30_000 });
  await page.evaluate(() => (document.querySelectorAll('mlp-playground') as NodeListOf<HTMLElement & { pause(): void }>).forEach((e) => e.pause()));
  await page.waitForTimeout(300);
  const acc = async (el: typeof relu): Promise<number> => parseFloat((await el.getByLabel('Training accuracy', { exact: true }).textContent()) ?? '');
  expect(await acc(relu)).toBeGreaterThan(90);
  expect(await acc(linear)).toBeLessThan(80);
  await shot(page, 'embed');
  // Removing an element ends its worker quietly; the other instance keeps working.
  await page.evaluate(() => document.querySelector('#linear')!.remove());
  await relu.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForTimeout(500);
  expect(problems).toEqual([]);
  await context.close();
});
