// The training-history scrubber in headless Chromium: the "Training history" slider shows a
// recorded epoch in the views (epoch 0 is the boundary as it was before training) without
// touching the live network, Play goes on from the latest epoch, "Continue from here"
// drops the later history, Reset with the same seed starts from the same weights. A lesson's
// own view follows it too: lesson 4's transformed space is drawn from `shownSnapshot`.
// Screenshots (desktop and phone, English and Chinese) go to tests/e2e/artifacts/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, canvasPixels, epochOf, open, openAt, pause, siteUrl, type TestPage, shot, steady, train } from './helpers.js';

const { browser, track } = browserPerFile();

async function page(h = '', options = {}): Promise<TestPage> {
  return track(await open(browser(), h, options));
}

const slider = (p: Page) => p.getByRole('slider', { name: 'Training history', exact: true });
const stateText = (p: Page): Promise<string> => p.locator('.history-state').textContent().then((t) => t ?? '');
const rateText = (p: Page): Promise<string> => p.locator('[data-readout="rate"]').textContent().then((t) => t ?? '');

/** Moves the slider to position k and waits until the views show that snapshot ("Viewing epoch N"); returns N. */
async function scrubTo(p: Page, k: number): Promise<number> {
  await slider(p).fill(String(k));
  await expect.poll(() => stateText(p), { timeout: 30_000 }).toMatch(/^Viewing epoch \d+$/);
  return Number((await stateText(p)).replace(/\D/g, ''));
}

describe('the training history', () => {
  it('shows epoch 0 as it was before training, and the live network again at its end', async () => {
    const { page: p } = await page();
    const before = await canvasPixels(p);
    const trained = await train(p, 60);
    await steady(p);
    const after = await canvasPixels(p);
    expect(after).not.toBe(before);
    const max = Number(await slider(p).getAttribute('max'));
    expect(max).toBeGreaterThan(1);
    expect(Number(await slider(p).inputValue())).toBe(max);  // live at the end
    expect(await stateText(p)).toBe('Live');

    expect(await scrubTo(p, 0)).toBe(0);
    await expect.poll(() => canvasPixels(p), { timeout: 30_000 }).toBe(before);
    // Marked as not live: the epoch readout shows the epoch viewed, the hint says so.
    expect(await epochOf(p)).toBe(0);
    expect(await rateText(p)).toBe('Viewing epoch 0');
    await shot(p, 'history-viewing-desktop');

    await slider(p).fill(String(max));
    await expect.poll(() => stateText(p)).toBe('Live');
    await expect.poll(() => canvasPixels(p), { timeout: 30_000 }).toBe(after);
    expect(await epochOf(p)).toBe(trained);
  });

  it('Play after scrubbing continues from the latest epoch, and the slider returns to live', async () => {
    const { page: p } = await page();
    const trained = await train(p, 40);
    await scrubTo(p, 1);
    // The first epoch event after Play is past the trained epoch: training never restarts from the one shown.
    const first = p.evaluate(() => new Promise<number>((done) => {
      document.querySelector('mlp-playground')!.addEventListener('epoch', (e) => done((e as CustomEvent<{ epoch: number }>).detail.epoch), { once: true });
    }));
    await p.getByRole('button', { name: 'Play', exact: true }).click();
    expect(await first).toBeGreaterThan(trained);
    await expect.poll(() => stateText(p)).toBe('Live');
    const paused = await pause(p);
    expect(paused).toBeGreaterThan(trained);
    expect(Number(await slider(p).inputValue())).toBe(Number(await slider(p).getAttribute('max')));
  });

  it('Continue from here goes back to the epoch shown and drops the later history', async () => {
    const { page: p } = await page();
    await train(p, 40);
    // A snapshot in the middle of those kept (how many depends on the thinning, by time too).
    const max = Number(await slider(p).getAttribute('max'));
    expect(max).toBeGreaterThan(2);
    const k = Math.floor(max / 2);
    const epoch = await scrubTo(p, k);
    expect(epoch).toBeGreaterThan(0);
    const shown = await canvasPixels(p);
    await p.getByRole('button', { name: 'Continue from here', exact: true }).click();
    await expect.poll(() => stateText(p)).toBe('Live');
    await expect.poll(() => epochOf(p)).toBe(epoch);
    // Snapshots 0 .. k remain: the slider's live end is k + 1.
    await expect.poll(async () => Number(await slider(p).getAttribute('max'))).toBe(k + 1);
    await expect.poll(() => canvasPixels(p), { timeout: 30_000 }).toBe(shown);
    // Training goes on from there.
    await p.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => epochOf(p)).toBe(epoch + 1);
  });

  it('Reset with the same seed starts from the same weights; Replay runs back to live', async () => {
    const { page: p } = await page();
    const before = await canvasPixels(p);
    const trained = await train(p, 30);
    // The epochs the views show during the replay, as the element announces them (`shown`):
    // a poll of the "Viewing epoch" text could miss a replay that ends between two polls.
    await p.evaluate(() => {
      const w = window as unknown as { shownEpochs: number[] };
      w.shownEpochs = [];
      document.querySelector('mlp-playground')!.addEventListener('shown', (e) => w.shownEpochs.push((e as CustomEvent<{ epoch: number }>).detail.epoch));
    });
    await p.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect.poll(() => p.evaluate(() => (window as unknown as { shownEpochs: number[] }).shownEpochs.at(-1)), { timeout: 60_000 }).toBe(trained);
    await expect.poll(() => stateText(p), { timeout: 60_000 }).toBe('Live');
    const epochs = await p.evaluate(() => (window as unknown as { shownEpochs: number[] }).shownEpochs);
    expect(epochs[0]).toBe(0);  // from epoch 0 ...
    expect(epochs.length).toBeGreaterThan(2);  // ... through recorded epochs ...
    expect(epochs.slice(0, -1).every((e, i, all) => e <= trained && (i === 0 || e > all[i - 1]!))).toBe(true);  // ... in order (the last recorded is the live epoch), then live
    await p.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => epochOf(p)).toBe(0);
    await expect.poll(() => canvasPixels(p), { timeout: 30_000 }).toBe(before);
    await shot(p, 'history-ghost-after-reset', false);
  });

  it('phone and Chinese layouts', async () => {
    const { page: p } = await page('', { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2 });
    await train(p, 20);
    await scrubTo(p, 1);
    await slider(p).scrollIntoViewIfNeeded();
    await shot(p, 'history-viewing-phone', false);
    const { page: z } = track(await openAt(browser(), siteUrl('lang=zh')));
    await z.locator('mlp-playground button.play:enabled').waitFor({ timeout: 60_000 });
    await z.evaluate(() => (document.querySelector('mlp-playground') as HTMLElementTagNameMap['mlp-playground']).play());
    await z.waitForFunction(() => Number(document.querySelector('mlp-playground')?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent) >= 20, null, { timeout: 120_000 });
    await pause(z);
    await z.getByRole('slider', { name: '训练历史', exact: true }).fill('1');
    await expect.poll(() => z.locator('.history-state').textContent(), { timeout: 30_000 }).toMatch(/^正在查看第 \d+ 轮$/);
    await shot(z, 'history-viewing-zh');
  });
});

describe('the training history in a lesson', () => {
  it("lesson 4's transformed space shows the epoch scrubbed to, and the live network back at the end", async () => {
    const { page: p } = track(await openAt(browser(), `${siteUrl().replace(/#.*$/, '')}learn/04-composition.html?lang=en`));
    const space = p.locator('canvas.space');
    const spacePixels = () => space.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    type El = HTMLElementTagNameMap['mlp-playground'];
    // The lesson's element autoplays to its stop epoch (150).
    await p.waitForFunction(() => {
      const el = document.querySelector('mlp-playground') as El;
      return el.snapshot?.epoch === 150 && !el.playing;
    }, null, { timeout: 180_000 });
    await steady(p);
    const live = await spacePixels();

    // What the element says its views show: the epoch scrubbed to, announced by `shown`.
    const announced = p.evaluate(() => new Promise<number>((done) => {
      const el = document.querySelector('mlp-playground') as El;
      const on = (e: CustomEvent<{ epoch: number }>) => { if (e.detail.epoch === 0) { el.removeEventListener('shown', on); done(e.detail.epoch); } };
      el.addEventListener('shown', on);
    }));
    expect(await scrubTo(p, 0)).toBe(0);
    expect(await announced).toBe(0);
    const shown = await p.evaluate(() => {
      const el = document.querySelector('mlp-playground') as El;
      return { shown: el.shownSnapshot!.epoch, latest: el.snapshot!.epoch, same: JSON.stringify(el.shownSnapshot!.parameters) === JSON.stringify(el.snapshot!.parameters) };
    });
    expect(shown).toEqual({ shown: 0, latest: 150, same: false });  // the live network is untouched
    await expect.poll(spacePixels, { timeout: 30_000 }).not.toBe(live);
    const atZero = await spacePixels();
    await shot(p, 'history-lesson-04-epoch0');

    // Back to live: the trained space again.
    await p.getByRole('button', { name: 'Back to live', exact: true }).click();
    await expect.poll(() => stateText(p)).toBe('Live');
    await expect.poll(spacePixels, { timeout: 30_000 }).toBe(live);
    expect(await p.evaluate(() => (document.querySelector('mlp-playground') as El).shownSnapshot!.epoch)).toBe(150);

    // The image at epoch 0 is the one the untrained network draws: Reset (same seed) rebuilds it.
    await p.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => p.evaluate(() => (document.querySelector('mlp-playground') as El).snapshot?.epoch)).toBe(0);
    await expect.poll(spacePixels, { timeout: 30_000 }).toBe(atZero);
  });
});
