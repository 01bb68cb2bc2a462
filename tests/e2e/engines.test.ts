// The site, the element and the library in Firefox and WebKit (Chromium runs the whole
// suite): a smoke subset, one engine after the other. The playground loads and trains, a
// lesson trains its networks to their stop, the embed page's two instances work apart, the
// packaged element trains from a static folder, and the npm library trains XOR on a page's
// main thread. No page may report an error or a CSP violation. Every wait is a polled
// condition with a generous timeout (these engines run slower here: WebKit under Xvfb).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, type EnginePage, firefox, webkit } from './engines.js';
import { siteUrl } from './helpers.js';

const base = (): string => siteUrl().replace(/site\/(#.*)?$/, '');

/** Polls fn in the page until it returns something truthy; returns that. */
async function until<A extends unknown[], R>(page: EnginePage, what: string, fn: (...args: A) => R, args: A, timeout = 120_000): Promise<NonNullable<R>> {
  const deadline = Date.now() + timeout;
  let last: R | undefined;
  for (;;) {
    last = await page.run(fn, ...args);
    if (last) return last as NonNullable<R>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The element's snapshot summary (or null before its first one). */
function summary(selector: string): { epoch: number; loss: number; accuracy: number; playing: boolean } | null {
  const el = document.querySelector(selector) as HTMLElementTagNameMap['mlp-playground'] | null;
  const s = el?.snapshot;
  return el && s ? { epoch: s.epoch, loss: s.trainLoss, accuracy: s.trainAccuracy, playing: el.playing } : null;
}

for (const [label, start] of [['Firefox (firefox-esr, WebDriver BiDi)', firefox], ['WebKit (WebKitGTK MiniBrowser under xvfb-run)', webkit]] as const) {
  describe(label, () => {
    let engine: Engine;
    let page: EnginePage;
    beforeAll(async () => {
      engine = await start();
      page = await engine.newPage();
      console.log(`engine: ${engine.name}`);
    }, 120_000);
    afterAll(async () => {
      await engine?.close();
    });

    /** Opens a page and waits until every element on it is defined and has its first snapshot. */
    async function load(path: string): Promise<void> {
      await page.goto(base() + path);
      await until(page, `${path}: elements ready`, () => customElements.get('mlp-playground') !== undefined &&
        [...document.querySelectorAll('mlp-playground')].every((el) => (el as HTMLElementTagNameMap['mlp-playground']).snapshot !== null), []);
    }

    it('the playground loads and trains: the loss falls, Pause stops it', async () => {
      await load('site/index.html');
      const before = (await page.run(summary, 'mlp-playground'))!;
      expect(before.epoch).toBe(0);
      await page.run(() => (document.querySelector('mlp-playground') as HTMLElementTagNameMap['mlp-playground']).play());
      await until(page, 'epoch 150', (s: string) => ((document.querySelector(s) as HTMLElementTagNameMap['mlp-playground']).snapshot?.epoch ?? 0) >= 150, ['mlp-playground']);
      await page.run(() => (document.querySelector('mlp-playground') as HTMLElementTagNameMap['mlp-playground']).pause());
      const after = (await page.run(summary, 'mlp-playground'))!;
      expect(after.playing).toBe(false);
      expect(after.loss).toBeLessThan(before.loss * 0.5);
      // The boundary was drawn: the main canvas has opaque pixels.
      const painted = await page.run(() => {
        const c = document.querySelector('mlp-playground')!.shadowRoot!.querySelector('canvas.main') as HTMLCanvasElement;
        const copy = document.createElement('canvas');
        copy.width = c.width;
        copy.height = c.height;
        const ctx = copy.getContext('2d')!;
        ctx.drawImage(c, 0, 0);
        return c.width > 0 && ctx.getImageData(c.width >> 1, c.height >> 1, 1, 1).data[3] === 255;
      });
      expect(painted).toBe(true);
      expect(await page.problems()).toEqual([]);
    });

    it('the largest network: its diagram drawn (in the diagram worker where the engine can), every thumbnail painted', async () => {
      const layers = Array(10).fill(32).join(',');
      await load(`site/index.html#dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=${layers}&act=tanh`);
      // Every hidden and output unit's rectangle of the atlas is opaque, read back through a copy.
      const painted = await until(page, 'every thumbnail painted', () => {
        const root = document.querySelector('mlp-playground')!.shadowRoot!;
        const c = root.querySelector('canvas.thumbs') as HTMLCanvasElement | null;
        const units = [...root.querySelectorAll('button.node.unit')];
        if (!c || units.length !== 321) return null;
        const cr = c.getBoundingClientRect();
        const copy = document.createElement('canvas');
        copy.width = Math.round(cr.width);
        copy.height = Math.round(cr.height);
        const ctx = copy.getContext('2d')!;
        ctx.drawImage(c, 0, 0, copy.width, copy.height);
        const all = units.every((b) => {
          const r = b.getBoundingClientRect();
          return ctx.getImageData(Math.round(r.left - cr.left + r.width / 2), Math.round(r.top - cr.top + r.height / 2), 1, 1).data[3] === 255;
        });
        let offscreen = false;
        try {
          offscreen = c.getContext('2d') === null;
        } catch {
          offscreen = true;
        }
        return all ? { offscreen } : null;
      }, []);
      console.log(`${engine.name}: the largest network's diagram drawn ${painted.offscreen ? 'in the diagram worker' : 'on the main thread'}`);
      expect(await page.problems()).toEqual([]);
    });

    it('a lesson trains its networks to their stop epoch and shows its point', async () => {
      await load('site/learn/02-stacking.html');
      const done = await until(page, 'every lesson network at its stop', () => {
        const els = [...document.querySelectorAll('mlp-playground')] as HTMLElementTagNameMap['mlp-playground'][];
        const ok = els.every((el) => !el.autoplay || (el.snapshot?.epoch === Number(new URLSearchParams(el.getAttribute('config') ?? '').get('stop')) && !el.playing));
        return ok ? els.map((el) => ({ id: el.id, accuracy: el.snapshot!.trainAccuracy })) : null;
      }, [], 240_000);
      // Stacked linear layers stay one linear map: no better than a line on XOR, shown as one matrix.
      expect(done.find((d) => d.id === 'deep-linear')?.accuracy).toBeLessThanOrEqual(0.75);
      const affine = await until(page, 'the collapsed map', () => document.querySelector('[data-readout="affine"]')?.textContent || null, []);
      expect(affine).toMatch(/^tanh\(−?\d+\.\d{3}x₁ [+−] \d+\.\d{3}x₂ [+−] \d+\.\d{3}\)$/);
      expect(await page.problems()).toEqual([]);
    });

    it('the embed page runs two independent instances', async () => {
      await load('site/embed.html');
      await page.run(() => (document.querySelector('#linear') as HTMLElementTagNameMap['mlp-playground']).step());
      await until(page, '#linear at epoch 1', (s: string) => (document.querySelector(s) as HTMLElementTagNameMap['mlp-playground']).snapshot?.epoch === 1, ['#linear']);
      expect((await page.run(summary, '#relu'))!.epoch).toBe(0);
      await page.run(() => (document.querySelector('#relu') as HTMLElementTagNameMap['mlp-playground']).play());
      await until(page, '#relu past epoch 300', (s: string) => ((document.querySelector(s) as HTMLElementTagNameMap['mlp-playground']).snapshot?.epoch ?? 0) > 300, ['#relu'], 240_000);
      await page.run(() => (document.querySelector('#relu') as HTMLElementTagNameMap['mlp-playground']).pause());
      expect((await page.run(summary, '#relu'))!.accuracy).toBeGreaterThan(0.9);
      expect((await page.run(summary, '#linear'))!.epoch).toBe(1);
      expect(await page.problems()).toEqual([]);
    });

    it('the packaged element trains from a static folder, and the library trains XOR on the page', async () => {
      await load('package-e2e/static/index.html');
      await until(page, 'the packaged element past epoch 200', () => ((document.getElementById('static') as HTMLElementTagNameMap['mlp-playground']).snapshot?.epoch ?? 0) > 200, [], 240_000);
      expect(await page.problems()).toEqual([]);
      // The npm library itself, imported by a page and run on its main thread.
      await page.goto(`${base()}package-e2e/static/library.html`);
      const xor = await until(page, 'the library page to train XOR', () => (window as unknown as { xorResult?: { simd: boolean; predicted: number[]; error?: string } }).xorResult, []);
      expect(xor.error).toBeUndefined();
      expect(xor.predicted.map(Math.sign)).toEqual([1, -1, -1, 1]);
      console.log(`${engine.name}: the library ran its ${xor.simd ? 'SIMD' : 'scalar'} build`);
      expect(await page.problems()).toEqual([]);
    });
  });
}
