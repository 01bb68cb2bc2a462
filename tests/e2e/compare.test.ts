// Compare mode in headless Chromium: `compare=opt:adam` trains two networks in lockstep (the
// same epoch in every `update` event, through Play, Step and Reset) with a card each and
// both networks' curves in the one loss chart; the element's `compare` attribute; a
// malformed value falls back field by field with a notice; more than four networks is
// refused with one. Screenshots (desktop and phone) go to tests/e2e/artifacts/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, open, shot, siteUrl, type TestPage } from './helpers.js';

// One Chromium for the file; each test's page is closed after it and must end without a problem.
const { browser, track } = browserPerFile();

async function page(h: string, options = {}): Promise<TestPage> {
  return track(await open(browser(), h, options));
}

/** Starts recording every `update` event's epochs: [first network's, ...the others']. */
async function recordEpochs(p: Page, selector = 'mlp-playground'): Promise<void> {
  await p.evaluate((sel) => {
    const w = window as unknown as { epochs: number[][] };
    w.epochs = [];
    document.querySelector(sel)!.addEventListener('update', (e) => {
      const s = (e as CustomEvent<{ epoch: number; compare: { epoch: number }[] }>).detail;
      w.epochs.push([s.epoch, ...s.compare.map((c) => c.epoch)]);
    });
  }, selector);
}

const epochs = (p: Page): Promise<number[][]> => p.evaluate(() => (window as unknown as { epochs: number[][] }).epochs);

/** Waits until an update event shows the first network at `epoch` or beyond. */
async function untilEpoch(p: Page, epoch: number): Promise<void> {
  await p.waitForFunction((n) => (window as unknown as { epochs: number[][] }).epochs.some((e) => e[0]! >= n), epoch, { timeout: 60_000 });
}

/** Every card's readouts by network: its epoch and training loss as shown. */
async function cards(p: Page, selector = 'mlp-playground'): Promise<{ epoch: string; loss: string; diffs: string }[]> {
  return p.evaluate((sel) => {
    const root = document.querySelector(sel)!.shadowRoot!;
    return [...root.querySelectorAll('.compare .card')].map((c) => ({
      epoch: c.querySelector('[data-compare="epoch"]')!.textContent ?? '',
      loss: c.querySelector('[data-compare="train-loss"]')!.textContent ?? '',
      diffs: [...c.querySelectorAll('.diffs li')].map((li) => li.textContent!.trim()).join('; '),
    }));
  }, selector);
}

const noticeText = (p: Page): Promise<string> =>
  p.evaluate(() => document.querySelector('mlp-playground')!.shadowRoot!.querySelector('[data-notice="hash"]')?.textContent?.replace(/\s+/g, ' ') ?? '');

describe('compare mode', () => {
  it('trains two networks in lockstep through Play, Step and Reset, with a card each and both curves in the chart', async () => {
    const { page: p } = await page('dataset=spiral&layers=8,8&speed=10&compare=opt:adam');
    await p.locator('.compare .card canvas').nth(1).waitFor();
    expect((await cards(p)).map((c) => c.diffs)).toEqual(['as set below', 'Optimizer: Adam']);
    await recordEpochs(p);
    await p.getByRole('button', { name: 'Play', exact: true }).click();
    await untilEpoch(p, 40);
    await p.getByRole('button', { name: 'Pause', exact: true }).click();
    await p.getByRole('button', { name: 'Step', exact: true }).click();
    const afterStep = await p.waitForFunction(() => {
      const e = (window as unknown as { epochs: number[][] }).epochs;
      const last = e[e.length - 1]!;
      return e.length > 1 && last[0] === e[e.length - 2]![0]! + 1 ? last : null;
    }, null, { timeout: 30_000 });
    const stepped = (await afterStep.jsonValue()) as number[];
    expect(stepped[1]).toBe(stepped[0]);
    const seen = await epochs(p);
    expect(seen.length).toBeGreaterThan(3);
    // Lockstep: every snapshot has both networks at the same epoch.
    for (const e of seen) {
      expect(e).toHaveLength(2);
      expect(e[1], JSON.stringify(seen)).toBe(e[0]);
    }
    // The cards show the same epoch, and losses of their own (SGD and Adam differ).
    const shown = await cards(p);
    expect(shown.map((c) => c.epoch)).toEqual([String(stepped[0]), String(stepped[0])]);
    expect(shown.every((c) => Number.isFinite(Number(c.loss)))).toBe(true);
    expect(shown[0]!.loss).not.toBe(shown[1]!.loss);
    // Each card draws its boundary (not a blank canvas), and they differ.
    const pixels = await p.locator('.compare canvas').evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).toDataURL()));
    expect(pixels).toHaveLength(2);
    expect(pixels[0]).not.toBe(pixels[1]);
    // One chart, two curves per network (training and test loss), labelled by network.
    const legend = await p.locator('.chart .u-legend .u-series th').allTextContents();
    expect(legend.map((t) => t.trim())).toEqual(['Epoch', 'Network 1 · train', 'Network 1 · test', 'Network 2 · train', 'Network 2 · test']);
    await shot(p, 'compare-sgd-adam');
    // Reset acts on both: epoch 0 again, together.
    await p.getByRole('button', { name: 'Reset', exact: true }).click();
    await p.waitForFunction(() => {
      const root = document.querySelector('mlp-playground')!.shadowRoot!;
      return [...root.querySelectorAll('[data-compare="epoch"]')].every((o) => o.textContent === '0');
    }, null, { timeout: 30_000 });
  });

  it('shows four networks side by side on a phone', async () => {
    const { page: p } = await page('dataset=xor&layers=4&compare=act:relu|act:linear|layers:8;8,lr:0.1', { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2 });
    await p.locator('.compare .card').nth(3).waitFor();
    expect((await cards(p)).map((c) => c.diffs)).toEqual(['as set below', 'Activation: ReLU', 'Activation: linear', 'Hidden layers: 8 – 8; Learning rate: 0.1']);
    // The page does not scroll sideways.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(p, 'compare-phone');
  });

  it('speaks Chinese (lang=zh): the cards and the chart, desktop and phone', async () => {
    for (const [name, viewport] of [['compare-zh', { width: 1400, height: 1000 }], ['compare-zh-phone', { width: 375, height: 800 }]] as const) {
      const context = await browser().newContext({ viewport, deviceScaleFactor: name.endsWith('phone') ? 2 : 1 });
      const p = await context.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      p.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
      await p.goto(siteUrl('lang=zh&dataset=spiral&layers=8,8&stop=60&compare=opt:adam|act:relu,lr:0.1'));
      await p.locator('.compare .card canvas').nth(2).waitFor();
      await p.waitForFunction(() => document.querySelector('mlp-playground')!.snapshot !== null);
      await p.evaluate(() => document.querySelector('mlp-playground')!.play());
      await p.waitForFunction(() => document.querySelector('mlp-playground')!.snapshot?.epoch === 60, null, { timeout: 60_000 });
      expect((await cards(p)).map((c) => c.diffs)).toEqual(['即下方的设置', '优化器：Adam', '激活函数：ReLU; 学习率：0.1']);
      expect(await p.locator('.chart .u-legend .u-series th').allTextContents()).toContain('网络 2 · 训练');
      // The phone's shot: the cards as they fill its screen.
      if (name.endsWith('phone')) await p.locator('.compare').scrollIntoViewIfNeeded();
      await shot(p, name, !name.endsWith('phone'));
      await context.close();
      expect(errors).toEqual([]);
    }
  });

  it('falls back field by field with a notice for a malformed value', async () => {
    const { page: p } = await page('dataset=xor&compare=opt:adamx,lr:0.1|bogus:1|layers:4;x');
    await p.locator('.compare .card').nth(1).waitFor();
    const text = await noticeText(p);
    expect(text).toContain('compare, network 2: opt: "adamx" must be one of sgd, momentum, adam; using the first network\'s');
    expect(text).toContain('compare, network 3: unknown setting "bogus" ignored');
    expect(text).toContain('compare, network 4: layers: "4;x" must be an integer');
    // Network 2 keeps its valid field; 3 and 4 have none left and are left out.
    expect((await cards(p)).map((c) => c.diffs)).toEqual(['as set below', 'Learning rate: 0.1']);
    // The settings as the element holds them (a link it writes) carry only what was valid.
    await p.waitForFunction(() => document.querySelector('mlp-playground')!.snapshot !== null);
    expect(await p.evaluate(() => document.querySelector('mlp-playground')!.snapshot!.hash)).toMatch(/&compare=lr:0\.1$/);
  });

  it('refuses more than four networks with a notice', async () => {
    const { page: p } = await page('dataset=xor&compare=opt:adam|opt:momentum|lr:0.1|lr:0.3');
    expect(await noticeText(p)).toContain('compare: "opt:adam|opt:momentum|lr:0.1|lr:0.3" lists 5 networks; at most 4 can be compared (3 besides the first); using none');
    await expect(p.locator('.compare').count()).resolves.toBe(0);
  });

  it('takes the element\'s compare attribute: "tanh against ReLU" in one tag', async () => {
    const p = track(await open(browser())).page;
    await p.goto(siteUrl().replace(/#.*$/, '') + 'embed.html');
    await p.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<mlp-playground id="cmp" config="dataset=xor&layers=4&act=tanh&stop=30" compare="act:relu" view="boundary"></mlp-playground>');
    });
    await recordEpochs(p, '#cmp');
    await p.locator('#cmp .compare .card').nth(1).waitFor();
    expect((await cards(p, '#cmp')).map((c) => c.diffs)).toEqual(['as set below', 'Activation: ReLU']);
    await p.evaluate(() => (document.querySelector('#cmp') as HTMLElementTagNameMap['mlp-playground']).play());
    await untilEpoch(p, 30);
    for (const e of await epochs(p)) expect(e[1]).toBe(e[0]);
    // A new value of the attribute applies live: three networks now.
    await p.evaluate(() => document.querySelector('#cmp')!.setAttribute('compare', 'act:relu|act:linear'));
    await p.locator('#cmp .compare .card').nth(2).waitFor();
    expect((await cards(p, '#cmp')).map((c) => c.diffs)).toEqual(['as set below', 'Activation: ReLU', 'Activation: linear']);
  });
});
