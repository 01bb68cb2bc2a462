// The learning panels in Chromium: the "Loss landscape" canvas draws (pixels of many
// colours) once training pauses, and its path ends at the current point — the canvas's
// data- attributes give the path's last point and the current point on the plane and in
// pixels, and the epoch it was computed at, compared with the element's own snapshot; the
// directions control recomputes it. The "Gradient flow" region of the 8-layer sigmoid preset
// shows the first layers' gradient norms far below the last's; a ReLU preset shows its dead
// units. Both panels are a lazy chunk, pass axe, and are looked at in English and Chinese,
// on a desktop and a 375-px phone.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../web/src/lesson-presets/presets.js';
import { browserPerFile, open, openAt, shot, siteUrl, train } from './helpers.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const { browser, track } = browserPerFile();

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 4).join(', ')}`);
  });
}

/** The landscape canvas's data- attributes once it shows `directions` computed at epoch `epoch`. */
async function landscapeAt(page: Page, directions: string, epoch: number): Promise<Record<string, string>> {
  const canvas = page.getByRole('img', { name: 'Loss landscape' });
  await canvas.waitFor();
  await page.waitForFunction(
    ([d, e]) => {
      const c = document.querySelector('mlp-playground')?.shadowRoot?.querySelector('mlp-loss-landscape')?.shadowRoot?.querySelector('canvas');
      return c?.dataset.state === 'ready' && c.dataset.directions === d && Number(c.dataset.epoch) === e;
    },
    [directions, epoch] as const,
  );
  return canvas.evaluate((c: HTMLCanvasElement) => ({ ...c.dataset }) as Record<string, string>);
}

/** Distinct colours among the canvas's pixels (sampled on a grid). */
function colours(page: Page): Promise<number> {
  return page.getByRole('img', { name: 'Loss landscape' }).evaluate((c: HTMLCanvasElement) => {
    // A copy read once (reading the panel's own canvas back twice would make Chromium warn).
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const g = copy.getContext('2d', { willReadFrequently: true })!;
    g.drawImage(c, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let y = 0; y < c.height; y += 4) for (let x = 0; x < c.width; x += 4) {
      const o = (y * c.width + x) * 4;
      seen.add((d[o]! << 16) | (d[o + 1]! << 8) | d[o + 2]!);
    }
    return seen.size;
  });
}

const snapshotEpoch = (page: Page): Promise<number> => page.evaluate(() => (document.querySelector('mlp-playground') as HTMLElement & { snapshot: { epoch: number } }).snapshot.epoch);

/** Plays a preset to its stop epoch and waits until it stopped there (in any language: the element's API). */
async function playToStop(page: Page, stop: number): Promise<void> {
  await page.locator('mlp-playground').locator('button.play:enabled').click();
  await page.waitForFunction((n) => {
    const el = document.querySelector('mlp-playground') as (HTMLElement & { playing: boolean; snapshot: { epoch: number } | null }) | null;
    return el?.snapshot?.epoch === n && !el.playing;
  }, stop, { timeout: 180_000 });
}

/** The gradient-flow table's rows: per layer its last epoch's gradient norm and its dead units. */
async function flowRows(page: Page, epoch: number): Promise<{ grad: number; dead: number; deadText: string }[]> {
  const region = page.getByRole('region', { name: 'Gradient flow' });
  await region.waitFor();
  await page.waitForFunction((e) => {
    const s = document.querySelector('mlp-playground')?.shadowRoot?.querySelector('mlp-gradient-flow')?.shadowRoot?.querySelector('section');
    return Number(s?.getAttribute('data-epoch')) === e && (s?.querySelectorAll('tbody tr').length ?? 0) > 0;
  }, epoch);
  return region.locator('tbody tr').evaluateAll((rows) => rows.map((r) => ({
    grad: Number((r as HTMLElement).dataset.gradNorm),
    dead: Number((r as HTMLElement).dataset.dead),
    deadText: r.querySelectorAll('td')[3]?.textContent ?? '',
  })));
}

describe('the loss landscape', () => {
  it('draws once training pauses, and its path ends at the current point; PCA directions on request', async () => {
    const t = track(await open(browser(), 'landscape=1'));
    const { page } = t;
    // Before any training: random directions, a path of one point (now).
    let d = await landscapeAt(page, 'random', 0);
    expect(d['pathPoints']).toBe('1');
    const epoch = await train(page, 25);
    expect(await snapshotEpoch(page)).toBe(epoch);
    d = await landscapeAt(page, 'random', epoch);
    expect(await colours(page)).toBeGreaterThan(100);
    const check = (data: Record<string, string>): void => {
      const range = Number(data['range']);
      const [a, b] = data['pathEnd']!.split(',').map(Number);
      expect(Number(data['pathPoints'])).toBeGreaterThan(2);
      expect(data['current']).toBe('0,0');
      expect(Math.abs(a!)).toBeLessThan(1e-4 * range);
      expect(Math.abs(b!)).toBeLessThan(1e-4 * range);
      const [px, py] = data['pathEndPx']!.split(',').map(Number);
      const [cx, cy] = data['currentPx']!.split(',').map(Number);
      expect(Math.hypot(px! - cx!, py! - cy!)).toBeLessThan(0.5);
    };
    check(d);
    await shot(page, 'insight-landscape-random');
    // The directions control: the path's principal directions (the hash follows).
    await page.getByRole('combobox', { name: 'Directions' }).selectOption('pca');
    d = await landscapeAt(page, 'pca', epoch);
    check(d);
    expect(await colours(page)).toBeGreaterThan(100);
    expect(await page.evaluate(() => location.hash)).toContain('landscape-dirs=pca');
    await page.getByRole('checkbox', { name: 'Log-scale colours' }).check();
    await shot(page, 'insight-landscape-pca-log');
    expect(await axe(page)).toEqual([]);
  });
});

describe('gradient flow', () => {
  it('8 sigmoid layers with classic init: the first layers get far smaller gradients than the last', async () => {
    const t = track(await open(browser(), `${PRESETS.deepSigmoid}&stop=40`));
    const { page } = t;
    await playToStop(page, 40);
    const rows = await flowRows(page, 40);
    expect(rows.length).toBe(9);
    const g = rows.map((r) => r.grad);
    expect(g[0]! * 100).toBeLessThan(g[7]!);
    expect(g[1]! * 10).toBeLessThan(g[8]!);
    await shot(page, 'insight-flow-sigmoid');
    expect(await axe(page)).toEqual([]);
  });

  it('ReLU with He init: the dead units are counted and shown', async () => {
    const t = track(await open(browser(), `${PRESETS.deepReluHe}&stop=50`));
    const { page } = t;
    await playToStop(page, 50);
    const rows = await flowRows(page, 50);
    const dead = rows.reduce((s, r) => s + r.dead, 0);
    expect(dead).toBeGreaterThanOrEqual(1);
    for (const r of rows) expect(r.deadText).toBe(String(r.dead));
  });
});

describe('looked at', () => {
  it.each([
    ['desktop-en', { width: 1400, height: 1000 }, ''],
    ['phone-en', { width: 375, height: 800 }, ''],
    ['desktop-zh', { width: 1400, height: 1000 }, '&lang=zh'],
    ['phone-zh', { width: 375, height: 800 }, '&lang=zh'],
  ] as const)('%s, both panels open, axe passes', async (name, viewport, lang) => {
    const t = track(await openAt(browser(), siteUrl(`${PRESETS.deepSigmoid}&stop=30&landscape=1${lang}`), { viewport }));
    const { page } = t;
    await playToStop(page, 30);
    await page.waitForFunction(() => {
      const root = document.querySelector('mlp-playground')?.shadowRoot;
      const c = root?.querySelector('mlp-loss-landscape')?.shadowRoot?.querySelector('canvas');
      const s = root?.querySelector('mlp-gradient-flow')?.shadowRoot?.querySelector('section');
      return c?.dataset.epoch === '30' && c.dataset.state === 'ready' && s?.getAttribute('data-epoch') === '30';
    });
    // Nothing wider than the page on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, `insight-${name}`);
    // And the panels as they fill the screen.
    for (const part of ['flow', 'landscape']) {
      await page.locator('mlp-playground').locator(`details.insight-${part}`).evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await shot(page, `insight-${name}-${part}`, false);
    }
    expect(await axe(page)).toEqual([]);
  });
});
