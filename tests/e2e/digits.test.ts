// The Digits tile in Chromium: nothing of the digits (chunk or asset) is fetched before the
// tile is chosen; a corrupted download (one flipped byte: the CRC-32 fails) and a failed one
// (HTTP 500, by route interception) each show the notice with Retry while the previous
// dataset stays chosen; Retry with the real asset brings the digits in (10,000 split
// 8,000 / 2,000). The digits mode: `#dataset=digits` trains in the worker with the epochs
// ticking, the confusion matrix (a cell shows its digits), test digits and weight images
// draw, a stroke on "Draw a digit" updates the ten probabilities; the permutation preset
// runs and shows both networks' accuracies; lesson 12 trains its digits playground. The
// digits mode's controls: the 2-D points' ones hidden with a note and back with another
// dataset; the dense-layer editor (a refused width says why, as the hash does); a StepLR
// steps once per epoch of 8,000 digits, not per slice.
// Screenshots (desktop and phone, en and zh): tests/e2e/artifacts/digits-*.png; axe passes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, browserPerFile, epochOf, open, openAt, shot, siteUrl } from './helpers.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The digits mode's own network (as the Digits tile sets it). */
const DIGITS = 'dataset=digits&layers=64&act=relu&loss=softmax-ce&opt=adam&lr=0.001&batch=32&init=he';

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 4).join(', ')}`);
  });
}

/** The ten probability readouts of the draw pad, as numbers (NaN while empty). */
function probabilities(page: Page): Promise<number[]> {
  return page.locator('mlp-digits-mode ol.probs output').evaluateAll((os) => os.map((o) => {
    const t = (o.textContent ?? '').trim();
    return /\d/.test(t) ? Number(t.replace(/[^0-9.]/g, '')) : NaN;
  }));
}

const { browser, track } = browserPerFile();

/** A canvas's coloured (red ≠ blue) or dark (red < 128) pixels, read through a fresh canvas each time (one readback per canvas: no performance warning). */
function pixels(canvas: Locator, kind: 'coloured' | 'dark'): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement, k) => {
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const g = copy.getContext('2d', { willReadFrequently: true })!;
    g.drawImage(c, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (k === 'coloured' ? d[i] !== d[i + 2] : d[i]! < 128) n++;
    return n;
  }, kind);
}

describe('the Digits tile', () => {
  it('fetches the digits only when chosen; a corrupted or failed download says so with Retry and keeps the dataset', async () => {
    const watched = track(await open(browser(), 'dataset=spiral'));
    const { page, problems } = watched;
    const asked: string[] = [];
    page.on('request', (r) => {
      if (/digits/i.test(new URL(r.url()).pathname)) asked.push(r.url());
    });
    const tiles = page.getByRole('group', { name: 'Dataset' });
    const spiral = tiles.getByRole('button', { name: 'Spiral', exact: true });
    const digits = tiles.getByRole('button', { name: 'Digits', exact: true });
    await expect.poll(() => spiral.getAttribute('aria-pressed')).toBe('true');
    expect(asked).toEqual([]);

    // 1. Corrupted: the real asset with one byte of its body flipped.
    let mode: 'corrupt' | 'fail' | 'pass' = 'corrupt';
    await page.route(/digits[^/]*\.bin$/, async (route: Route) => {
      if (mode === 'fail') return route.fulfill({ status: 500, body: 'server error' });
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      const mid = body.length >> 1;
      if (mode === 'corrupt') body[mid] = body[mid]! ^ 0xff;
      return route.fulfill({ response, body });
    });
    await digits.click();
    const notice = page.locator('[data-notice="digits-load"]');
    await notice.getByRole('button', { name: 'Retry' }).waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toContain('could not be downloaded, or the download was damaged');
    expect(await notice.textContent()).toMatch(/CRC-32|corrupted/);
    expect(await spiral.getAttribute('aria-pressed')).toBe('true');
    expect(await digits.getAttribute('aria-pressed')).toBe('false');
    expect(asked.some((u) => u.endsWith('.bin'))).toBe(true);
    await shot(page, 'digits-corrupted');

    // 2. Failed: Retry against a server error, the same notice again.
    mode = 'fail';
    const before = asked.length;
    await notice.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => asked.length).toBeGreaterThan(before);
    await notice.getByRole('button', { name: 'Retry' }).waitFor();
    expect(await notice.textContent()).toContain('HTTP 500');
    expect(await spiral.getAttribute('aria-pressed')).toBe('true');

    // 3. Retry with the real asset: the digits are in.
    mode = 'pass';
    await notice.getByRole('button', { name: 'Retry' }).click();
    const ok = page.locator('[data-notice="digits-ok"]');
    await ok.waitFor();
    expect(await ok.textContent()).toContain('8,000 training and 2,000 test digits');
    expect(await notice.count()).toBe(0);
    // The tile's own network: 784 → [64] ReLU → 10, wider than 2-D data's 32 units a layer.
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('layers=64&');
    await expect.poll(() => page.locator('mlp-digits-shapes').evaluate((e) => e.shadowRoot?.textContent?.replace(/\s+/g, '') ?? '')).toMatch(/Dense64ReLU.*Dense10softmax/);
    await shot(page, 'digits-loaded');
    // The browser logs the refused request of step 2 itself; nothing else may be logged.
    const refused = problems.findIndex((p) => p.includes('status of 500'));
    expect(refused).toBeGreaterThanOrEqual(0);
    problems.splice(refused, 1);
  });
});

describe('the digits mode', () => {
  it('#dataset=digits loads, trains in ticking epochs, and draws the confusion matrix, test digits and weight images; a stroke updates the ten probabilities', async () => {
    const { page } = track(await open(browser(), DIGITS));
    const mode = page.locator('mlp-digits-mode');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // Epochs tick one by one (slices in the worker), not all at the end.
    await page.waitForFunction(() => Number(document.querySelector('mlp-playground')?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent) >= 2, null, { timeout: 120_000 });
    const matrix = mode.getByRole('table', { name: 'Confusion matrix' });
    await matrix.waitFor({ timeout: 60_000 });
    // 2,000 test digits in the matrix, mostly on the diagonal after two epochs.
    await expect.poll(async () => {
      const cells = await matrix.locator('button[data-cell]').evaluateAll((bs) => bs.map((b) => [b.getAttribute('data-cell'), Number(b.textContent)] as const));
      const total = cells.reduce((a, [, n]) => a + n, 0);
      const diag = cells.filter(([c]) => c!.split('-')[0] === c!.split('-')[1]).reduce((a, [, n]) => a + n, 0);
      return total === 2000 && diag / total > 0.8;
    }, { timeout: 60_000 }).toBe(true);
    expect(await mode.locator('[data-digits="overall"]').textContent()).toMatch(/^\d+\.\d%$/);
    // Weight images: 64 units of 28×28 drawn with colour (not blank).
    const weights = mode.getByRole('img', { name: '64 weight images of 28×28 pixels' });
    await expect.poll(() => pixels(weights, 'coloured')).toBeGreaterThan(1000);
    await expect.poll(() => mode.locator('canvas.test-grid').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
    // A click on an off-diagonal cell shows its digits.
    await matrix.locator('button[data-cell="4-9"]').click();
    await mode.getByRole('img', { name: /Test digits 4 answered as 9/ }).waitFor();

    // Draw a stroke: the ten probabilities appear and sum to 1.
    expect((await probabilities(page)).every(Number.isNaN)).toBe(true);
    const pad = mode.getByRole('img', { name: 'Draw a digit' });
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let k = 1; k <= 12; k++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.2 + (0.6 * k) / 12));
    await page.mouse.up();
    await expect.poll(async () => (await probabilities(page)).filter((p) => !Number.isNaN(p)).length, { timeout: 30_000 }).toBe(10);
    const sum = (await probabilities(page)).reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(97);
    expect(sum).toBeLessThan(103);
    expect(await epochOf(page)).toBeGreaterThanOrEqual(2);
    await shot(page, 'digits-mode-desktop');
    expect(await axe(page)).toEqual([]);
  });

  it('the image-layer editor adds a convolution and a pool (the hash, the shapes, the first layer\'s kernels), refuses a pool that does not fit with a notice, and trains; Fooling the network takes a test digit picked in the grid or by number', async () => {
    const { page } = track(await open(browser(), DIGITS));
    const editor = page.getByRole('group', { name: 'Image layers (before the dense layers)' });
    await editor.getByRole('button', { name: 'Add a convolution' }).click();
    await editor.getByRole('button', { name: 'Add a 2×2 max-pool' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('conv=conv8k3,pool&');
    expect(await editor.locator('li output').allTextContents()).toEqual(['→ 8 @ 28×28', '→ 8 @ 14×14']);
    await editor.getByRole('combobox', { name: 'Channels of image layer 1' }).selectOption('4');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('conv=conv4k3,pool&');
    const shapes = page.locator('mlp-digits-shapes');
    await expect.poll(() => shapes.evaluate((e) => e.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '')).toMatch(/4 @ 28×28.*4 @ 14×14/);
    const mode = page.locator('mlp-digits-mode');
    await mode.getByRole('img', { name: '4 weight images of 3×3 pixels' }).waitFor({ timeout: 60_000 });
    // Each of the conv layer's 4 channels as a feature map of the first test digit, not blank.
    const maps = mode.getByRole('img', { name: '4 feature maps of 28×28 pixels (layer 1)' });
    await expect.poll(() => pixels(maps, 'dark')).toBeGreaterThan(50);
    // 14 → 7 → 3 → 1: three more pools fit, a fourth does not (a notice, nothing changed).
    for (let k = 0; k < 3; k++) await editor.getByRole('button', { name: 'Add a 2×2 max-pool' }).click();
    await expect.poll(() => editor.locator('li').count()).toBe(5);
    await editor.getByRole('button', { name: 'Add a 2×2 max-pool' }).click();
    const notice = page.locator('[data-notice="image-layers"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('That image layer does not fit: layer 6 (pool) does not fit the 1×1 image it gets');
    expect(await editor.locator('li').count()).toBe(5);
    await editor.getByRole('button', { name: 'Remove image layer 5' }).click();
    await editor.getByRole('button', { name: 'Remove image layer 4' }).click();
    await editor.getByRole('button', { name: 'Remove image layer 3' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('conv=conv4k3,pool&');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => Number(document.querySelector('mlp-playground')?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent) >= 1, null, { timeout: 120_000 });
    // Fooling the network on a test digit picked in the grid (row 2, column 3: no. 13), then by its number.
    const grid = mode.locator('canvas.test-grid');
    await expect.poll(() => grid.evaluate((c: HTMLCanvasElement) => c.height)).toBeGreaterThan(0);
    const g = (await grid.boundingBox())!;
    const rows = await grid.evaluate((c: HTMLCanvasElement) => c.height / (c.width / 10));
    await grid.click({ position: { x: g.width * 0.25, y: (g.height / rows) * 1.5 } });
    const subject = mode.locator('[data-digits="fool-subject"]');
    await expect.poll(() => subject.textContent()).toMatch(/^Test digit no\. 13: a \d, answered \d\.$/);
    expect(await mode.getByRole('spinbutton', { name: 'Test digit to fool (1–2,000):' }).inputValue()).toBe('13');
    await mode.getByRole('spinbutton', { name: 'Test digit to fool (1–2,000):' }).fill('5');
    await mode.getByRole('spinbutton', { name: 'Test digit to fool (1–2,000):' }).press('Enter');
    await expect.poll(() => subject.textContent()).toMatch(/^Test digit no\. 5: a \d, answered \d\./);
    await mode.getByRole('img', { name: /The digit, the perturbation and the perturbed digit/ }).waitFor();
    await shot(page, 'digits-image-layers');
    expect(await axe(page)).toEqual([]);
  });

  it('the permutation preset runs and shows both accuracies of both networks; Data decide shows its three runs', async () => {
    const { page } = track(await open(browser(), DIGITS));
    const mode = page.locator('mlp-digits-mode');
    await mode.locator('button[data-preset="prior"]').click();
    const cell = (name: string) => mode.locator(`[data-digits="${name}"]`);
    await cell('cnn-permuted').waitFor({ timeout: 300_000 });
    const pct = async (name: string) => Number((await cell(name).textContent())!.replace('%', ''));
    const [mo, mp, co, cp] = [await pct('mlp-original'), await pct('mlp-permuted'), await pct('cnn-original'), await pct('cnn-permuted')];
    expect(Math.min(mo, mp, co, cp)).toBeGreaterThan(60);
    expect(Math.abs(mo - mp)).toBeLessThan(3);
    expect(co - cp).toBeGreaterThan(3);
    await mode.getByRole('heading', { name: 'Structure is a prior' }).scrollIntoViewIfNeeded();
    await shot(page, 'digits-prior', false);
    // Data decide: training accuracy high each time, test accuracy climbing, curves drawn.
    await mode.locator('button[data-preset="data"]').click();
    await cell('test-8000').waitFor({ timeout: 300_000 });
    const [t100, t1000, t8000] = [await pct('test-100'), await pct('test-1000'), await pct('test-8000')];
    expect(t100).toBeLessThan(t1000);
    expect(t1000).toBeLessThan(t8000);
    for (const n of [100, 1000, 8000]) expect(await pct(`train-${n}`)).toBeGreaterThan(90);
    expect(await mode.getByRole('img', { name: /^Loss curves of the run on/ }).count()).toBe(3);
    await mode.getByRole('heading', { name: 'Data decide' }).scrollIntoViewIfNeeded();
    await shot(page, 'digits-data', false);
  });

  for (const [lang, viewport] of [['en', { width: 375, height: 800 }], ['zh', { width: 1280, height: 900 }], ['zh', { width: 375, height: 800 }]] as const) {
    it(`looks right in ${lang} at ${viewport.width} px (screenshot) and passes axe`, async () => {
      const { page } = track(await openAt(browser(), siteUrl(`${DIGITS}${lang === 'zh' ? '&lang=zh' : ''}`), { viewport, locale: lang === 'zh' ? 'zh-CN' : 'en-US' }));
      await page.locator('mlp-digits-mode table.confusion').waitFor({ timeout: 60_000 });
      await shot(page, `digits-mode-${lang}-${viewport.width}`);
      expect(await axe(page)).toEqual([]);
    });
  }
});

describe('the digits mode\'s controls', () => {
  it('hides the 2-D points\' controls with a note while the digits are chosen, and shows them again with another dataset', async () => {
    const { page } = track(await open(browser(), DIGITS));
    const root = page.locator('mlp-playground');
    const data = page.getByRole('group', { name: 'Data', exact: true });
    const output = page.getByRole('group', { name: 'Output', exact: true });
    // What only 2-D points use: classes, training share, noise, points, drawing, CSV; the main view's options and its PNG; the diagram's hint.
    const pointsOnly = () => Promise.all([
      root.locator('#ratio').count(), root.locator('#noise').count(), root.locator('#samples').count(), root.locator('#classes').count(),
      data.getByRole('button', { name: '✎ Add points' }).count(), data.getByRole('button', { name: '⌫ Erase' }).count(),
      data.getByRole('button', { name: 'Load CSV…' }).count(), data.getByRole('button', { name: 'Export CSV' }).count(),
      output.getByLabel('Show test data').count(), output.getByLabel('Discretize output').count(), root.locator('#zoom').count(),
      output.getByRole('button', { name: 'PNG', exact: true }).count(),
      page.getByRole('group', { name: 'Network', exact: true }).getByText('Click a feature to toggle it').count(),
    ]);
    await data.locator('[data-note="digits-data"]').waitFor();
    expect(await pointsOnly()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await data.locator('[data-note="digits-data"]').textContent()).toContain('The controls of 2-D points (classes, training share, noise, number of points, drawing points, CSV) do nothing for images and are hidden');
    expect(await output.locator('[data-note="digits-view"]').textContent()).toContain('they are hidden while the digits are chosen');
    // What still works on the digits stays: the data seed, the loss chart's scale, the network's exports.
    expect(await data.getByRole('button', { name: 'Regenerate' }).count()).toBe(1);
    expect(await output.getByLabel('Log-scale loss').count()).toBe(1);
    expect(await output.getByRole('button', { name: 'PyTorch script' }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    // Back to 2-D points: every control again (classes only for a multi-class dataset), no notes.
    await data.getByRole('button', { name: 'Spiral', exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('dataset=spiral');
    await expect.poll(pointsOnly).toEqual([1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(await root.locator('[data-note]').count()).toBe(0);
  });

  it('the dense-layer editor changes a layer\'s units (up to 256, a refused value says why as the hash does) and its activation; the worker builds that network', async () => {
    const { page } = track(await open(browser(), DIGITS));
    const dense = page.getByRole('group', { name: 'Dense layers (after the image layers)' });
    const units1 = dense.getByRole('spinbutton', { name: 'Units of dense layer 1' });
    expect(await units1.inputValue()).toBe('64');
    await units1.fill('300');
    await units1.press('Enter');
    const notice = page.locator('[data-notice="dense-layers"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Dense layer 1 is unchanged: "300" must be an integer in [1, 256]');
    expect(await units1.inputValue()).toBe('64');
    expect(await page.evaluate(() => location.hash)).toContain('layers=64&');
    // The hash refuses the same value with the same words.
    await units1.fill('256');
    await units1.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('layers=256&');
    await notice.waitFor({ state: 'detached' });
    // Smaller again (an epoch of 256 units is slow on a throttled CPU), then a second layer.
    await units1.fill('24');
    await units1.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('layers=24&');
    await page.getByRole('button', { name: 'Add a hidden layer' }).click();
    const units2 = dense.getByRole('spinbutton', { name: 'Units of dense layer 2' });
    expect(await units2.inputValue()).toBe('24');
    await units2.fill('16');
    await units2.press('Enter');
    await dense.getByRole('combobox', { name: 'Activation of dense layer 2' }).selectOption('tanh');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/layers=24,16&act=relu,tanh&/);
    // The stages are the layers the worker built (net.layers): the network is the one asked for.
    const shapes = page.locator('mlp-digits-shapes');
    await expect.poll(() => shapes.evaluate((e) => e.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? ''), { timeout: 60_000 }).toMatch(/24.*16.*10/);
    expect(await axe(page)).toEqual([]);
  });

  it('a StepLR schedule steps once per epoch over all 8,000 training digits, not once per slice of 1,000', async () => {
    // Step size 1, γ 0.5: after one epoch 0.001 → 0.0005 (per slice it would be 0.001 × 0.5⁸).
    const { page } = track(await open(browser(), `${DIGITS}&sched=step-lr&sched-step=1&sched-gamma=0.5`));
    const lr = () => page.evaluate(() => document.querySelector('mlp-playground')?.shadowRoot?.querySelector('[data-readout="lr"]')?.textContent ?? '');
    await expect.poll(lr, { timeout: 60_000 }).toBe('0.001');
    for (const [epoch, want] of [[1, '0.0005'], [2, '0.00025']] as const) {
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await page.waitForFunction((e) => Number(document.querySelector('mlp-playground')?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent) >= e, epoch, { timeout: 180_000 });
      await expect.poll(lr, { timeout: 30_000 }).toBe(want);
      expect(await epochOf(page)).toBe(epoch);
    }
  });
});

describe('the lesson "Structure is a prior: images"', () => {
  for (const [lang, width] of [['en', 1280], ['zh', 375]] as const) {
    it(`loads in ${lang} at ${width} px, trains its digits playground to its stop (3 epochs), draws its matrix, passes axe`, async () => {
      const { page } = track(await openAt(browser(), `${siteUrl().replace(/#.*$/, '')}learn/12-images.html?lang=${lang}`, { viewport: { width, height: 900 } }));
      expect(await page.locator('article.lesson h1').textContent()).toBe(lang === 'en' ? 'Structure is a prior: images' : '结构就是先验：图像');
      await page.waitForFunction(() => {
        const el = document.querySelector('mlp-playground');
        return el?.snapshot?.epoch === 3 && !el.playing;
      }, null, { timeout: 180_000, polling: 200 });
      await page.locator('mlp-digits-mode table.confusion').waitFor({ timeout: 60_000 });
      await page.screenshot({ path: `${ARTIFACTS}/digits-lesson-${lang}-${width}.png`, fullPage: true });
      expect(await axe(page)).toEqual([]);
    });
  }
});
