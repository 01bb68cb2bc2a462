// A training worker that dies mid-training (here it closes itself, as a crash or an
// out-of-memory kill would end it: nothing is sent to the page) is seen by the element: the
// notice says so and offers Restart, nothing spins, calls reject with a clear Error; Restart
// starts a new worker from the last snapshot's weights and epoch, and training goes on.
import type { Browser, Worker } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, number, open, shot } from './helpers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type El = HTMLElementTagNameMap['mlp-playground'];

it('a worker that dies mid-training: a notice with Restart, rejected calls; Restart resumes from the same weights and trains on', async () => {
  const { page, problems, close } = await open(browser, 'dataset=spiral&layers=8,8&act=tanh&opt=adam&lr=0.01');
  const workers: Worker[] = [...page.workers()];
  page.on('worker', (w) => workers.push(w));
  expect(workers).toHaveLength(1);
  await page.evaluate(() => (document.querySelector('mlp-playground') as El).play());
  await page.waitForFunction(() => ((document.querySelector('mlp-playground') as El).snapshot?.epoch ?? 0) > 30, null, { timeout: 60_000 });
  // Mid-training, the worker ends itself; the page is told nothing.
  await workers[0]!.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => {});
  const notice = page.locator('[data-notice="worker"]');
  await notice.waitFor({ timeout: 30_000 });
  expect(await notice.getAttribute('role')).toBe('alert');
  expect(await notice.textContent()).toContain('The training worker stopped');
  expect(await page.locator('mlp-playground .loading').count()).toBe(0);  // no spinner
  expect(await page.getByRole('button', { name: 'Play', exact: true }).isDisabled()).toBe(true);
  const dead = await page.evaluate(async () => {
    const el = document.querySelector('mlp-playground') as El;
    const reason = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => `${e instanceof Error}: ${e.message}`);
    const s = el.snapshot!;
    const calls = await Promise.all([el.play(), el.step(), el.reset(), el.setWeight(0, 0, 0, 1), el.whenReady()].map(reason));
    return { calls, playing: el.playing, epoch: s.epoch, weights: s.parameters.weights.map((w) => Array.from(w)), biases: s.parameters.biases.map((b) => Array.from(b)) };
  });
  for (const c of dead.calls) expect(c).toMatch(/^true: mlp-playground: the training worker stopped/);
  expect(dead.playing).toBe(false);
  expect(dead.epoch).toBeGreaterThan(30);
  await shot(page, 'worker-stopped');

  // Restart: a new worker, the same weights and epoch (the first snapshot after it, untrained).
  const restored = page.evaluate(() => new Promise<{ epoch: number; weights: number[][]; biases: number[][] }>((resolve) => {
    const el = document.querySelector('mlp-playground') as El;
    el.addEventListener('update', (e) => {
      const s = e.detail;
      resolve({ epoch: s.epoch, weights: s.parameters.weights.map((w) => Array.from(w)), biases: s.parameters.biases.map((b) => Array.from(b)) });
    }, { once: true });
  }));
  await notice.getByRole('button', { name: 'Restart', exact: true }).click();
  const after = await restored;
  expect(workers).toHaveLength(2);
  expect(await notice.count()).toBe(0);
  expect(after.epoch).toBe(dead.epoch);
  expect(after.weights).toEqual(dead.weights);
  expect(after.biases).toEqual(dead.biases);
  expect(await number(page, 'Epoch')).toBe(dead.epoch);
  // It trains on from there.
  await page.getByRole('button', { name: 'Play', exact: true }).and(page.locator(':enabled')).click();
  await page.waitForFunction((e) => ((document.querySelector('mlp-playground') as El).snapshot?.epoch ?? 0) > e + 20, dead.epoch, { timeout: 60_000 });
  expect(problems).toEqual([]);
  await close();
});
