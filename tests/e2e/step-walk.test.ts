// "Step through one update" in Chromium: a clicked training point's forward, loss, backward
// and update numbers equal the library's net.trace / gradients / previewStep for the
// element's parameters (read from its public snapshot) and that point; Previous / Next by
// keyboard; the diagram's edges change with the backward stage; Escape leaves the network
// as it was, "Apply this step" moves it by exactly the update shown. Screenshots: desktop
// and a 375-px phone, English and Chinese.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import type { Feature, DenseLayerConfig, Loss } from '../../web/src/core/types.js';
import { browserPerFile, openAt, shot, siteUrl } from './helpers.js';

const { browser, track } = browserPerFile();
let core: MlpCore;
beforeAll(async () => {
  core = await loadCore();
});

const HASH = 'dataset=xor&layers=3&act=tanh&opt=momentum&lr=0.1&batch=10&seed=4';

interface Snap {
  epoch: number;
  parameters: { weights: number[][]; biases: number[][] };
  train: { x: number[]; y: number[]; size: number };
  network: { features: Feature[]; layers: DenseLayerConfig[]; loss: Loss };
}

/** Opens the page and waits (language-neutral) until the network is built and drawn. */
async function openWalkPage(hash: string, options: NonNullable<Parameters<typeof openAt>[2]> = {}): Promise<Page> {
  const page = track(await openAt(browser(), siteUrl(hash), options)).page;
  await page.waitForFunction(() => {
    const root = document.querySelector('mlp-playground')?.shadowRoot;
    const play = root?.querySelector<HTMLButtonElement>('button.play');
    const loss = root?.querySelector('[data-readout="train-loss"]');
    return !!play && !play.disabled && !!loss && loss.textContent !== '–';
  });
  return page;
}

function snapshot(page: Page): Promise<Snap> {
  return page.evaluate(() => {
    type S = { epoch: number; parameters: { weights: Float32Array[]; biases: Float32Array[] }; train: { x: Float32Array; y: Float32Array; size: number }; network: Snap['network'] };
    const s = (document.querySelector('mlp-playground') as HTMLElement & { snapshot: S }).snapshot;
    return {
      epoch: s.epoch,
      parameters: { weights: s.parameters.weights.map((w) => Array.from(w)), biases: s.parameters.biases.map((b) => Array.from(b)) },
      train: { x: Array.from(s.train.x), y: Array.from(s.train.y), size: s.train.size },
      network: s.network,
    };
  });
}

/** Clicks training point i on the main view (its client position from the view's domain). */
async function clickPoint(page: Page, i: number): Promise<void> {
  const canvas = page.getByRole('img', { name: 'Decision boundary' });
  await canvas.scrollIntoViewIfNeeded();
  const at = await page.evaluate((k) => {
    const el = document.querySelector('mlp-playground') as HTMLElement & { snapshot: { train: { x: Float32Array }; domain: { xRange: [number, number]; yRange: [number, number] } } };
    const c = el.shadowRoot!.querySelector('canvas.main')!.getBoundingClientRect();
    const { xRange: [x0, x1], yRange: [y0, y1] } = el.snapshot.domain;
    const px = el.snapshot.train.x[2 * k]!, py = el.snapshot.train.x[2 * k + 1]!;
    return { x: c.left + ((px - x0) / (x1 - x0)) * c.width, y: c.top + ((y1 - py) / (y1 - y0)) * c.height };
  }, i);
  await page.mouse.click(at.x, at.y);
}

/** Every number the current stage shows with a key, by key (exact values from data-v). */
function shown(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const walk = document.querySelector('mlp-playground')!.shadowRoot!.querySelector('mlp-step-walk')!;
    const out: Record<string, number> = {};
    for (const s of walk.querySelectorAll<HTMLElement>('.num[data-k]')) if (s.dataset.k) out[s.dataset.k] = Number(s.dataset.v);
    return out;
  });
}

const stage = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const st = document.querySelector('mlp-playground')!.shadowRoot!.querySelector('mlp-step-walk')?.querySelector<HTMLElement>('.stage');
    return st ? `${st.dataset.stage}:${st.dataset.layer}` : '';
  });

const lines = (page: Page): Promise<{ edges: string; pixels: string }> =>
  page.evaluate(() => {
    const c = document.querySelector('mlp-playground')!.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.lines')!;
    return { edges: c.dataset.edges ?? '', pixels: c.toDataURL() };
  });

/** The library's numbers for the element's network at snapshot s and training point i. */
function expected(s: Snap, i: number) {
  const { features, layers, loss } = s.network;
  const net = core.createNetwork({ inputs: features.length, layers, loss, optimizer: { type: 'momentum', learningRate: 0.1, momentum: 0.9 } });
  net.setParameters({ weights: s.parameters.weights.map((w) => Float32Array.from(w)), biases: s.parameters.biases.map((b) => Float32Array.from(b)) });
  const data = net.prepare({ problem: 'classification', dims: 2, classes: 2, x: Float32Array.from(s.train.x.slice(2 * i, 2 * i + 2)), y: Float32Array.from([s.train.y[i]!]), size: 1 }, features);
  const { x, y } = data.samples([0]);
  const out = { trace: net.trace(x), gradients: net.gradients(x, y, { layers: true }), x };
  data.dispose();
  net.dispose();
  return out;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
}

describe('Step through one update', () => {
  it("shows the chosen point's numbers, walks by keyboard, closes unchanged and applies exactly the shown step", async () => {
    const page = await openWalkPage(HASH);
    // A few epochs first: momentum's velocity is then no longer zero.
    const el = page.locator('mlp-playground');
    await el.evaluate(async (e) => {
      const p = e as HTMLElement & { step(): Promise<void> };
      for (let k = 0; k < 3; k++) await p.step();
    });
    await page.getByRole('button', { name: 'Step through one update' }).click();
    await page.getByRole('region', { name: 'One update, step by step' }).waitFor();
    const before = await snapshot(page);
    const i = 5;
    await clickPoint(page, i);
    await expect.poll(() => stage(page)).toBe('forward:0');
    expect(await page.locator('mlp-step-walk .which').getAttribute('data-points')).toBe(String(i));
    const want = expected(before, i);
    const L = want.trace.layers.length;

    // Forward: every layer's z and a (the diagram outlines the layer explained).
    for (let l = 0; l < L; l++) {
      await expect.poll(() => stage(page)).toBe(`forward:${l}`);
      const got = await shown(page);
      if (l === 0) for (let k = 0; k < want.x.length; k++) expect(close(got[`x:${k}`]!, want.x[k]!)).toBe(true);
      const t = want.trace.layers[l]!;
      for (let j = 0; j < t.z.length && j < 6; j++) {
        expect(close(got[`z:${l}:${j}`]!, t.z[j]!), `z ${l} ${j}`).toBe(true);
        expect(close(got[`a:${l}:${j}`]!, t.a[j]!), `a ${l} ${j}`).toBe(true);
      }
      expect(await page.locator(`mlp-playground .node.explained[data-layer="${l + 1}"]`).count()).toBe(t.z.length);
      await page.keyboard.press('ArrowRight');
    }
    await expect.poll(() => stage(page)).toBe('loss:');
    expect(close((await shown(page)).loss!, want.gradients.loss)).toBe(true);
    const weights = await lines(page);
    expect(weights.edges).toBe('weights');
    // ← goes back, → on again.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => stage(page)).toBe(`forward:${L - 1}`);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => stage(page)).toBe('loss:');
    // Backward, from the output layer: ∂L/∂a, ∂L/∂z per unit, ∂L/∂w and ∂L/∂b; the edges show ∂L/∂w.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => stage(page)).toBe(`backward:${L - 1}`);
    await expect.poll(async () => (await lines(page)).edges).toBe('gradient');
    expect((await lines(page)).pixels).not.toBe(weights.pixels);
    await shot(page, 'step-walk-backward-desktop');
    for (let l = L - 1; l >= 0; l--) {
      await expect.poll(() => stage(page)).toBe(`backward:${l}`);
      const got = await shown(page);
      const g = want.gradients.layers![l]!;
      const fanIn = want.gradients.weights[l]!.length / g.dz.length;
      for (let j = 0; j < g.dz.length && j < 6; j++) {
        expect(close(got[`dz:${l}:${j}`]!, g.dz[j]!), `dz ${l} ${j}`).toBe(true);
        expect(close(got[`da:${l}:${j}`]!, g.da[j]!), `da ${l} ${j}`).toBe(true);
        expect(close(got[`db:${l}:${j}`]!, want.gradients.biases[l]![j]!)).toBe(true);
        for (let k = 0; k < Math.min(3, fanIn); k++) expect(close(got[`dw:${l}:${j}:${k}`]!, want.gradients.weights[l]![j * fanIn + k]!)).toBe(true);
      }
      // Tab to Next and Enter works as well as →.
      const next = page.locator('mlp-step-walk button.next');
      await next.focus();
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => stage(page)).toBe('update:0');
    await shot(page, 'step-walk-update-desktop');

    // Escape closes; the network is as it was.
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'One update, step by step' }).waitFor({ state: 'detached' });
    await expect.poll(async () => (await lines(page)).edges).toBe('weights');
    expect((await snapshot(page)).parameters).toEqual(before.parameters);

    // Again, to the last stage, and apply: the parameters become the shown "after" exactly.
    await page.getByRole('button', { name: 'Step through one update' }).click();
    await clickPoint(page, i);
    await expect.poll(() => stage(page)).toBe('forward:0');
    const walk = page.getByRole('region', { name: 'One update, step by step' });
    await walk.focus();
    for (let k = 0; k < 3 * L; k++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => stage(page)).toBe(`update:${L - 1}`);
    const afterShown = await page.evaluate(() => {
      const walk = document.querySelector('mlp-playground')!.shadowRoot!.querySelector('mlp-step-walk')!;
      return [...walk.querySelectorAll<HTMLElement>('tr[data-param]')].map((r) => ({
        param: r.dataset.param!, before: Number(r.querySelector<HTMLElement>('[data-k="before"]')!.dataset.v), after: Number(r.querySelector<HTMLElement>('[data-k="after"]')!.dataset.v),
      }));
    });
    expect(afterShown.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Apply this step' }).click();
    await expect.poll(async () => JSON.stringify((await snapshot(page)).parameters)).not.toBe(JSON.stringify(before.parameters));
    const after = await snapshot(page);
    expect(after.epoch).toBe(before.epoch);
    for (const r of afterShown) {
      const [kind, l, idx] = r.param.split(':');
      const p = kind === 'w' ? after.parameters.weights : after.parameters.biases;
      const q = kind === 'w' ? before.parameters.weights : before.parameters.biases;
      expect(q[Number(l)]![Number(idx)]).toBe(r.before);
      expect(p[Number(l)]![Number(idx)]).toBe(r.after);
    }
  });

  it('works in the element embedded in a page (the walk inside its network view)', async () => {
    const page = track(await openAt(browser(), siteUrl().replace(/#.*$/, '') + 'embed.html')).page;
    const el = page.locator('#linear');
    await el.evaluate((e) => (e as HTMLElement & { whenReady(): Promise<void> }).whenReady());
    await el.locator('button.walk-open').click();
    await el.locator('mlp-step-walk button.batch').click();
    await el.locator('mlp-step-walk .stage[data-stage="forward"]').waitFor();
    // The first point of the first minibatch: training point 0, against the library.
    const s = await el.evaluate((e) => {
      const p = (e as HTMLElement & { snapshot: { parameters: { weights: Float32Array[]; biases: Float32Array[] }; train: { x: Float32Array; y: Float32Array; size: number }; network: Snap['network']; epoch: number } }).snapshot;
      return { epoch: p.epoch, network: p.network, train: { x: Array.from(p.train.x), y: Array.from(p.train.y), size: p.train.size }, parameters: { weights: p.parameters.weights.map((w) => Array.from(w)), biases: p.parameters.biases.map((b) => Array.from(b)) } };
    });
    const want = expected(s, 0);
    const got = await el.locator('mlp-step-walk').evaluate((w) => {
      const out: Record<string, number> = {};
      for (const n of w.querySelectorAll<HTMLElement>('.num[data-k]')) if (n.dataset.k) out[n.dataset.k] = Number(n.dataset.v);
      return out;
    });
    for (let j = 0; j < want.trace.layers[0]!.z.length; j++) expect(close(got[`z:0:${j}`]!, want.trace.layers[0]!.z[j]!)).toBe(true);
    await shot(page, 'step-walk-embed');
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`a 375-px phone and the desktop (${lang}): the walk fits the screen; screenshots`, async () => {
      const page = await openWalkPage(`${HASH}${lang === 'zh' ? '&lang=zh' : ''}`, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await page.locator('mlp-playground button.walk-open').click();
      await page.locator('mlp-step-walk .which').waitFor();
      await page.locator('mlp-step-walk button.batch').click();
      await expect.poll(() => stage(page)).toBe('forward:0');
      await page.locator('mlp-step-walk').scrollIntoViewIfNeeded();
      await shot(page, `step-walk-forward-phone-${lang}`, false);
      while ((await stage(page)) !== 'update:0') await page.locator('mlp-step-walk button.next').click();
      await page.locator('mlp-step-walk').scrollIntoViewIfNeeded();
      await shot(page, `step-walk-update-phone-${lang}`, false);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide).toBeLessThanOrEqual(375);
      await page.setViewportSize({ width: 1400, height: 1000 });
      await shot(page, `step-walk-update-desktop-${lang}`);
    });
  }
});
