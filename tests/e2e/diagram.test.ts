// The network diagram's weights and thumbnails, drawn on the main thread (a small network)
// and in the diagram's worker on transferred canvases (the largest network the UI allows):
// every unit's thumbnail is painted, the lines are drawn under the pointer, hovering a line
// names a weight whose line passes there (by the nodes' positions on the page) with the
// network's own value, and clicking it opens that weight's editor.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, open, type TestPage, visible } from './helpers.js';

const { browser, track } = browserPerFile();

async function page(h: string): Promise<TestPage> {
  return track(await open(browser(), h, { viewport: { width: 1400, height: 1000 } }));
}

const LARGE = `dataset=spiral&n=500&train=50&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=${Array(10).fill(32).join(',')}&act=tanh`;

/** Whether a canvas of the diagram was handed to a worker (it has no context of its own then). */
function transferred(p: Page, cls: 'lines' | 'thumbs'): Promise<boolean> {
  return p.locator(`canvas.${cls}`).evaluate((c: HTMLCanvasElement) => {
    try {
      return c.getContext('2d') === null;
    } catch {
      return true;  // InvalidStateError: its control went to an OffscreenCanvas
    }
  });
}

/** The share of opaque pixels of a canvas inside a box (page CSS pixels), read through a copy. */
function ink(p: Page, cls: 'lines' | 'thumbs', box: { x: number; y: number; w: number; h: number }): Promise<number> {
  return p.locator(`canvas.${cls}`).evaluate((c: HTMLCanvasElement, b) => {
    const r = c.getBoundingClientRect();
    const k = c.width / r.width;
    const x = Math.ceil((b.x - r.left) * k), y = Math.ceil((b.y - r.top) * k);
    const w = Math.max(1, Math.floor(b.w * k)), h = Math.max(1, Math.floor(b.h * k));
    const copy = document.createElement('canvas');
    copy.width = w;
    copy.height = h;
    const ctx = copy.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(c, x, y, w, h, 0, 0, w, h);
    const d = ctx.getImageData(0, 0, w, h).data;
    let opaque = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) opaque++;
    return opaque / (w * h);
  }, box);
}

/** Every hidden and output unit's inside (its border excluded), in page CSS pixels. */
async function unitBoxes(p: Page): Promise<{ x: number; y: number; w: number; h: number }[]> {
  return p.locator('button.node.unit').evaluateAll((bs: HTMLElement[]) =>
    bs.map((b) => {
      const r = b.getBoundingClientRect();
      return { x: r.left + 2, y: r.top + 2, w: r.width - 4, h: r.height - 4 };
    }),
  );
}

/**
 * Hovers the diagram at a fraction `t` of the way from unit `from` of column `layer` to unit
 * `to` of the next column (the line's ends: the right edge of one node, the left edge of the
 * other, at mid-height), then clicks there; returns the tooltip's text, the editor's
 * weight (layer, unit, input, value) and its distance from the pointer along the nodes'
 * straight line, and the network's value of that weight.
 */
async function pick(p: Page, layer: number, from: number, to: number, t: number, curved = false) {
  const node = (l: number, u: number) => (l === 0 ? p.locator('button.node.feature').nth(u) : p.locator(`button.node.unit[data-layer="${l}"][data-unit="${u}"]`));
  const a = (await node(layer, from).boundingBox())!, b = (await node(layer + 1, to).boundingBox())!;
  const x0 = a.x + a.width, y0 = a.y + a.height / 2, x1 = b.x, y1 = b.y + b.height / 2;
  // A small network's lines are cubics with horizontal tangents (view/diagram-paint.ts), a large one's straight.
  const u = 1 - t, mx = (x0 + x1) / 2;
  const x = curved ? u * u * u * x0 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * x1 : x0 + t * (x1 - x0);
  const y = curved ? u * u * u * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t * t * t * y1 : y0 + t * (y1 - y0);
  await p.mouse.move(x, y);
  const tip = p.locator('.tooltip');
  await visible(tip);
  const text = (await tip.textContent()) ?? '';
  await p.mouse.click(x, y);
  const dialog = p.getByRole('dialog', { name: 'Edit weight' });
  await visible(dialog);
  // The editor names the weight: "Weight into hidden layer L, neuron U" and, selected, "Weight from …".
  const into = (await dialog.locator('label').textContent()) ?? '';
  const fromText = (await dialog.getByLabel('Parameter to edit').locator('option:checked').textContent()) ?? '';
  const value = Number(await dialog.getByRole('textbox').inputValue());
  const m = /Weight into (?:hidden layer (\d+), neuron (\d+)|output layer, neuron (\d+))/.exec(into)!;
  const w = { layer: m[1] ? Number(m[1]) - 1 : layer, unit: Number(m[2] ?? m[3]) - 1, input: await dialog.getByLabel('Parameter to edit').evaluate((s: HTMLSelectElement) => Number(s.value)) };
  expect(fromText).toMatch(/^Weight from /);
  const src = (await node(w.layer, w.input).boundingBox())!, dst = (await node(w.layer + 1, w.unit).boundingBox())!;
  const sx = src.x + src.width, sy = src.y + src.height / 2, dx = dst.x - sx, dy = dst.y + dst.height / 2 - sy;
  let distance = Infinity;
  for (let k = 0; k <= 200; k++) {
    const s = k / 200, v = 1 - s, m = sx + dx / 2;
    const px = curved ? v * v * v * sx + 3 * v * v * s * m + 3 * v * s * s * m + s * s * s * (sx + dx) : sx + s * dx;
    const py = curved ? v * v * v * sy + 3 * v * v * s * sy + 3 * v * s * s * (sy + dy) + s * s * s * (sy + dy) : sy + s * dy;
    distance = Math.min(distance, Math.hypot(px - x, py - y));
  }
  // The network's weights of that layer ([units, inputs] row-major), from the public snapshot.
  const weights = await p.locator('mlp-playground').evaluate((el: HTMLElement & { snapshot: { parameters: { weights: Float32Array[] } } }, l) => Array.from(el.snapshot.parameters.weights[l]!), w.layer);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  return { text, w, value, distance, weights, x, y };
}

describe('the network diagram', () => {
  it('a small network: drawn here, every thumbnail painted, a hovered line is its weight', async () => {
    const { page: p } = await page('layers=4,2&act=tanh&features=x1,x2');
    expect(await transferred(p, 'lines')).toBe(false);
    for (const box of await unitBoxes(p)) await expect.poll(() => ink(p, 'thumbs', box)).toBe(1);
    const got = await pick(p, 1, 0, 1, 0.3, true);
    const fanIn = 4;
    expect(got.distance).toBeLessThanOrEqual(5);
    expect(got.value).toBeCloseTo(got.weights[got.w.unit * fanIn + got.w.input]!, 5);
    expect(got.text).toBe(`weight ${got.value.toFixed(3)} (click to edit)`);
  });

  it('the largest network: drawn in the diagram worker, every thumbnail painted, a hovered line is its weight', async () => {
    const { page: p } = await page(LARGE);
    await expect.poll(() => p.locator('button.node.unit').count()).toBe(321);
    await expect.poll(() => transferred(p, 'lines')).toBe(true);
    expect(await transferred(p, 'thumbs')).toBe(true);
    const boxes = await unitBoxes(p);
    await expect.poll(async () => (await Promise.all(boxes.map((b) => ink(p, 'thumbs', b)))).every((v) => v === 1), { timeout: 30_000 }).toBe(true);
    for (const [layer, from, to, t] of [[3, 5, 20, 0.37], [0, 2, 9, 0.41], [10, 17, 0, 0.53]] as const) {
      const got = await pick(p, layer, from, to, t);
      const fanIn = got.w.layer === 0 ? 7 : 32;
      expect(got.distance).toBeLessThanOrEqual(5);
      expect(got.value).toBeCloseTo(got.weights[got.w.unit * fanIn + got.w.input]!, 5);
      expect(got.text).toBe(`weight ${got.value.toFixed(3)} (click to edit)`);
      // The line is drawn where the pointer found it (the worker's canvas, read back here).
      await expect.poll(() => ink(p, 'lines', { x: got.x - 2, y: got.y - 2, w: 4, h: 4 })).toBeGreaterThan(0);
    }
  });
});
