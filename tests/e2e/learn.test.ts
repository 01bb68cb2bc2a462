// The Learn section in Chromium: every lesson page loads without a console error or
// warning, its live playgrounds train to their stop epoch, and its own views show what
// the lesson claims (the collapsed matrix, the transformed space, the fit and its error,
// the region counts, the two losses from a wrong start, the zoom). The language switch
// changes the text, keeps the running elements and persists. Screenshots of every lesson
// (English, and Chinese for several) go to tests/e2e/artifacts/learn-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, browserPerFile, siteUrl, watchedPage } from './helpers.js';
import { resolve } from 'node:path';

const LESSONS = ['01-one-layer', '02-stacking', '03-nonlinearity', '04-composition', '05-approximation', '06-linear-regions', '07-structure', '08-data-and-loss', '09-limits', '10-downhill', '11-depth'];
/** Lessons also photographed in Chinese. */
const ZH_SHOTS = new Set(['01-one-layer', '04-composition', '05-approximation', '06-linear-regions', '08-data-and-loss', '10-downhill', '11-depth']);

const { browser, track } = browserPerFile();

async function open(page: string, lang = 'en', width = 1280) {
  const watched = track(await watchedPage(browser(), { viewport: { width, height: 900 } }));
  await watched.page.goto(`${siteUrl().replace(/#.*$/, '')}learn/${page}.html?lang=${lang}`);
  return watched;
}

/** Waits until every element has a network, and every autoplaying one paused at its stop epoch (or diverged). */
async function settle(page: Page, timeout = 180_000): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('mlp-playground')].every((el) => {
    const snap = el.snapshot;
    if (!snap) return false;
    if (!el.autoplay) return true;
    const stop = Number(new URLSearchParams(el.getAttribute('config') ?? '').get('stop'));
    return (snap.epoch === stop || snap.diverged) && !el.playing;
  }), null, { timeout, polling: 200 });
}

const shot = (page: Page, name: string) => page.screenshot({ path: resolve(ARTIFACTS, `learn-${name}.png`), fullPage: true });

const accuracy = (page: Page, id: string): Promise<number> =>
  page.evaluate((id) => (document.getElementById(id) as HTMLElementTagNameMap['mlp-playground']).snapshot!.trainAccuracy, id);

describe('the Learn section', () => {
  it('lists the twelve lessons, links them, and is linked from the playground', async () => {
    const { page } = await open('index');
    expect(await page.locator('ol.lessons > li').count()).toBe(12);
    expect(await page.locator('h1').textContent()).toBe('Learn');
    await shot(page, 'index');
    await page.locator('ol.lessons a').first().click();
    await page.waitForURL(/01-one-layer\.html/);
    await settle(page);
    await page.getByRole('link', { name: /Playground/ }).click();
    await page.waitForURL(/\/site\/index\.html/);
    await page.locator('mlp-playground').getByRole('link', { name: /Learn/ }).click();
    await page.waitForURL(/learn\/index\.html/);
  });

  for (const slug of LESSONS) {
    it(`${slug} loads, trains its playgrounds to their stop, and shows its point`, async () => {
      const { page } = await open(slug);
      expect(await page.locator('article.lesson h1').count()).toBe(1);
      expect(await page.locator('aside.try').count()).toBe(1);
      await settle(page);
      await check(page, slug);
      await shot(page, `${slug}-en`);
      if (ZH_SHOTS.has(slug)) {
        await page.getByRole('button', { name: '中文' }).click();
        // The page's text and every playground's in Chinese (the catalog may still be loading).
        await page.waitForFunction(() => /[\u4e00-\u9fff]/.test(document.querySelector('article.lesson h1')?.textContent ?? '') &&
          [...document.querySelectorAll('mlp-playground')].every((e) => /[\u4e00-\u9fff]/.test(e.shadowRoot?.querySelector('button.play')?.getAttribute('aria-label') ?? '')));
        await shot(page, `${slug}-zh`);
      }
    });
  }

  it('switches the language of the text, keeps the running networks, and remembers it', async () => {
    const { page, workers } = await open('03-nonlinearity');
    await settle(page);
    const before = await page.locator('article h1').textContent();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(workers).toHaveLength(2);
    const epochs = await page.evaluate(() => [...document.querySelectorAll('mlp-playground')].map((e) => e.snapshot!.epoch));
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.locator('article h1').textContent()).toBe('加上非线性，边界就会弯曲');
    expect(before).toBe('Add a nonlinearity and the boundary bends');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByRole('button', { name: '中文' }).getAttribute('aria-pressed')).toBe('true');
    expect(page.url()).toMatch(/[?&]lang=zh/);
    expect(await page.locator('aside.try h2').textContent()).toBe('动手试试');
    // The same elements, still trained: no new worker, the same epochs.
    expect(workers).toHaveLength(2);
    expect(await page.evaluate(() => [...document.querySelectorAll('mlp-playground')].map((e) => e.snapshot!.epoch))).toEqual(epochs);
    // Remembered: another lesson without ?lang opens in Chinese, and back.
    await page.goto(`${siteUrl().replace(/#.*$/, '')}learn/04-composition.html`);
    await expect.poll(() => page.locator('article h1').textContent()).toContain('复合');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('article h1').textContent()).toContain('Composition');
    await settle(page);
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    const { page } = await open('06-linear-regions', 'zh', 390);
    await settle(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, '06-linear-regions-phone-zh');
  });

  for (const [slug, lang] of [['10-downhill', 'en'], ['10-downhill', 'zh'], ['11-depth', 'en'], ['11-depth', 'zh']] as const) {
    it(`${slug} fits a 375-px phone (${lang}) with its figures computed`, async () => {
      const { page } = await open(slug, lang, 375);
      await settle(page);
      await figures(page, slug);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await shot(page, `${slug}-phone-${lang}`);
    });
  }
});

/** Each lesson's own views, checked in the page (the numbers are the tests/web ones). */
async function check(page: Page, slug: string): Promise<void> {
  switch (slug) {
    case '01-one-layer':
      for (const id of ['linear-xor', 'linear-circle']) expect(await accuracy(page, id)).toBeLessThanOrEqual(0.75);
      break;
    case '02-stacking': {
      expect(await accuracy(page, 'deep-linear')).toBeLessThanOrEqual(0.75);
      await expect.poll(() => page.locator('[data-readout="affine"]').textContent()).toMatch(/^tanh\(−?\d+\.\d{3}x₁ [+−] \d+\.\d{3}x₂ [+−] \d+\.\d{3}\)$/);
      expect(await page.locator('.collapsed .product .factor').count()).toBe(5);
      break;
    }
    case '03-nonlinearity':
      for (const id of ['tanh-xor', 'tanh-circle']) expect(await accuracy(page, id)).toBeGreaterThanOrEqual(0.98);
      break;
    case '04-composition': {
      expect(await accuracy(page, 'composition')).toBeGreaterThanOrEqual(0.97);
      const painted = await page.locator('canvas.space').evaluate((c: HTMLCanvasElement) => c.width > 0 && c.getContext('2d')!.getImageData(c.width / 2, c.height / 2, 1, 1).data[3] === 255);
      expect(painted).toBe(true);
      break;
    }
    case '05-approximation': {
      const rmse = async () => Number(await page.locator('[data-rmse]').textContent());
      const four = await rmse();
      expect(four).toBeGreaterThan(0);
      expect(await page.locator('table.runs tbody tr').count()).toBe(1);
      // 32 units: a new run, listed, with a smaller error.
      await page.locator('input[type=range]').fill('32');
      await page.locator('input[type=range]').dispatchEvent('change');
      await expect.poll(() => page.locator('table.runs tbody tr').count(), { timeout: 60_000 }).toBe(2);
      expect(await rmse()).toBeLessThan(four * 0.6);
      break;
    }
    case '06-linear-regions': {
      const count = async (id: string) => Number(await page.locator(`section.regions[data-for="${id}"] [data-count]`).textContent());
      await expect.poll(() => count('relu-deep')).toBeGreaterThan(1);
      expect(await count('relu-wide')).toBeGreaterThan(await count('relu-deep'));
      break;
    }
    case '07-structure':
      expect(await accuracy(page, 'spiral-flat')).toBeLessThanOrEqual(0.7);
      for (const id of ['spiral-deep', 'spiral-sin']) expect(await accuracy(page, id)).toBeGreaterThanOrEqual(0.9);
      break;
    case '08-data-and-loss': {
      const loss = (id: string) => page.evaluate((id) => (document.getElementById(id) as HTMLElementTagNameMap['mlp-playground']).snapshot!.testLoss, id);
      expect(await loss('overfit-l2')).toBeLessThan((await loss('overfit')) * 0.8);
      await page.getByRole('button', { name: 'Start both confidently wrong' }).click();
      await page.waitForFunction(() => ['loss-mse', 'loss-bce'].every((id) => {
        const el = document.getElementById(id) as HTMLElementTagNameMap['mlp-playground'];
        return el.snapshot?.epoch === 100 && !el.playing;
      }), null, { timeout: 120_000 });
      expect(await accuracy(page, 'loss-bce')).toBeGreaterThanOrEqual(0.95);
      expect(await accuracy(page, 'loss-mse')).toBeLessThanOrEqual(0.6);
      break;
    }
    case '10-downhill':
    case '11-depth':
      await figures(page, slug);
      if (slug === '10-downhill') {
        // Taking the step moves the tiny network by exactly the shown update: the point's loss is then the one shown as after.
        const after = await page.locator('[data-hand] [data-loss-after]').textContent();
        const before = Number(await page.locator('[data-hand] [data-loss]').textContent());
        await page.getByRole('button', { name: 'Take this step' }).click();
        await expect.poll(() => page.locator('[data-hand] [data-loss]').textContent()).toBe(after);
        expect(Number(after)).toBeLessThan(before);
      }
      break;
    case '09-limits': {
      const range = () => page.evaluate(() => (document.getElementById('far-1') as HTMLElementTagNameMap['mlp-playground']).snapshot!.domain.xRange);
      expect(await range()).toEqual([-60, 60]);
      await page.locator('input[type=range]').fill('0');
      await expect.poll(range).toEqual([-6, 6]);
      expect(await page.locator('[data-zoom]').textContent()).toBe('×1');
      await page.locator('input[type=range]').fill('3');
      await expect.poll(range).toEqual([-60, 60]);
      break;
    }
  }
}

const NUMBER = /^−?\d+\.\d+$/;
const num = (t: string | null): number => Number((t ?? '').replace('−', '-'));

/** Lessons 10 and 11's own figures: numbers from the library, not placeholders, as the lesson states them. */
async function figures(page: Page, slug: string): Promise<void> {
  if (slug === '10-downhill') {
    await expect.poll(() => page.locator('[data-hand] [data-grad]').count()).toBe(7);
    for (const t of await page.locator('[data-hand] :is([data-grad], [data-after], [data-z], [data-loss])').allTextContents()) expect(t).toMatch(NUMBER);
    const row = (id: string, what: string) => page.locator(`[data-rates] tr[data-for="${id}"] [data-${what}]`).textContent();
    await expect.poll(() => row('lr-good', 'epoch')).toBe('200');
    expect(await row('lr-small', 'epoch')).toBe('200');
    expect(num(await row('lr-small', 'train-loss'))).toBeGreaterThan(5 * num(await row('lr-good', 'train-loss')));
    expect(await row('lr-large', 'train-loss')).toMatch(/^(diverged|发散)/);
    // The landscape is drawn for the stopped run, and its path ends at the current parameters (the plane's centre).
    const canvas = page.locator('canvas.landscape');
    await expect.poll(() => canvas.getAttribute('data-epoch')).toBe('200');
    const [a, b] = (await canvas.getAttribute('data-path-end'))!.split(',').map(Number);
    const range = Number(await canvas.getAttribute('data-range'));
    expect(Math.hypot(a!, b!)).toBeLessThan(1e-3 * range);
    const colours = await canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data, seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      return seen.size;
    });
    expect(colours).toBeGreaterThan(5);
  } else {
    const norms = async (id: string) => {
      await page.locator(`section.norms[data-for="${id}"] [data-lost]`).waitFor();
      return (await page.locator(`section.norms[data-for="${id}"] [data-norm]`).allTextContents()).map(num);
    };
    const sigmoid = await norms('deep-sigmoid'), relu = await norms('deep-relu');
    expect(sigmoid).toHaveLength(9);
    expect(sigmoid.at(-1)! / sigmoid[0]!).toBeGreaterThan(1e4);
    expect(Math.max(...relu) / Math.min(...relu)).toBeLessThan(10 ** 1.5);
    const cell = (run: string, what: string) => page.locator(`[data-skips] tr[data-run="${run}"] [data-${what}]`).textContent();
    await expect.poll(() => cell('skips', 'epoch'), { timeout: 120_000 }).toBe('300');
    await expect.poll(() => cell('plain', 'epoch'), { timeout: 120_000 }).toBe('300');
    expect(num(await cell('skips', 'train'))).toBeLessThan(num(await cell('plain', 'train')) / 10);
    // The page's run without skips is the live playground's own.
    const live = await page.evaluate(() => (document.getElementById('deep-tanh') as HTMLElementTagNameMap['mlp-playground']).snapshot!.trainLoss);
    expect(num(await cell('plain', 'train'))).toBeCloseTo(live, 2);
  }
}
