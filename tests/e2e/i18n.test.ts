// Languages, keyboard and accessibility of the built site in Chromium: the playground in
// Chinese shows no English outside a short list of names; switching the language keeps the
// running network and is remembered; an element's own lang attribute switches it live; the
// keyboard shortcuts work with the main view focused and not while typing; axe-core finds
// nothing serious or critical on the playground (both languages), the embedding example and
// every Learn page, shadow roots included. Screenshots (zh/en, desktop and a 375-px phone)
// go to tests/e2e/artifacts/i18n-*.png.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, browserPerFile, openAt, steady } from './helpers.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LESSONS = ['index', '01-one-layer', '02-stacking', '03-nonlinearity', '04-composition', '05-approximation', '06-linear-regions', '07-structure', '08-data-and-loss', '09-limits', '10-downhill', '11-depth', '12-images'];

/**
 * Latin words a Chinese page may show: names of methods, formats and programs, notation.
 * Everything else in Latin letters is an untranslated string (R is the reset key's cap).
 */
const ALLOWED = ['mlp-playground', 'WebAssembly', 'PyTorch', 'ONNX', 'Runtime', 'JSON', 'CSV', 'PNG', 'tanh', 'ReLU', 'Leaky', 'ELU', 'GELU', 'sigmoid', 'softplus', 'swish', 'softmax', 'sin', 'SGD', 'Adam', 'Xavier', 'He', 'MSE', 'NaN', 'L1', 'L2', 'KB', 'MB', 'MNIST', 'TensorFlow', 'TF', 'Worker', 'torch.nn.utils.clip_grad_norm_', 'StepLR', 'CosineAnnealingLR', 'LinearLR', 'x₁', 'x₂', 'x₁x₂', 'x1', 'x2', 'sign', 'V', 'R', 'y', 'x', 'f', 'h', 'W', 'b', 'e', 'K'];

const { browser, track } = browserPerFile();

async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  return track(await openAt(browser(), inject('siteUrl') + path, { locale: 'en-US', ...options })).page;
}

/** Waits (by language-neutral hooks) until the element `sel` built its network and drew a frame. */
async function ready(page: Page, sel = 'mlp-playground'): Promise<void> {
  await page.waitForFunction((s) => {
    const root = document.querySelector(s)?.shadowRoot;
    const play = root?.querySelector<HTMLButtonElement>('button.play');
    const loss = root?.querySelector('[data-readout="train-loss"]');
    return !!play && !play.disabled && !!loss && loss.textContent !== '–';
  }, sel, { timeout: 30_000 });
}

const epoch = (page: Page, sel = 'mlp-playground'): Promise<number> =>
  page.evaluate((s) => Number(document.querySelector(s)!.shadowRoot!.querySelector('[data-readout="epoch"]')!.textContent), sel);
const playLabel = (page: Page, sel = 'mlp-playground'): Promise<string | null> =>
  page.evaluate((s) => document.querySelector(s)!.shadowRoot!.querySelector('button.play')!.getAttribute('aria-label'), sel);
const epochAbove = (page: Page, n: number, sel = 'mlp-playground') =>
  page.waitForFunction(([s, min]) => Number(document.querySelector(s as string)!.shadowRoot!.querySelector('[data-readout="epoch"]')!.textContent) > (min as number), [sel, n] as const, { timeout: 30_000 });

/** Every text node and accessible name (aria-label, title, alt, placeholder) in the element's shadow root. */
function shadowTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Node): void => {
      const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        // Text marked English (the core's technical detail) and styles are no UI words.
        const el = n instanceof Element ? n : n.parentElement;
        if (!el || el.closest('[lang="en"], style')) continue;
        if (n instanceof Element) {
          for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
            const v = n.getAttribute(a);
            if (v) out.push(v);
          }
          if (n.shadowRoot) walk(n.shadowRoot);
        } else {
          const t = n.textContent!.trim();
          if (t) out.push(t);
        }
      }
    };
    const el = document.querySelector('mlp-playground')!;
    walk(el.shadowRoot!);
    walk(el);  // the page's own links and switch in the element's header slot
    return out;
  });
}

function englishIn(texts: string[]): string[] {
  const allowed = new Set(ALLOWED);
  return texts.filter((t) => (t.match(/[A-Za-z][A-Za-z0-9_.₁₂-]*/g) ?? []).some((w) => !allowed.has(w.replace(/[.-]+$/, ''))));
}

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);  // evaluate, not an inline <script>: the site's CSP may forbid those
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 4).join(', ')}`);
  });
}

/** The element's epoch and weights (its public snapshot). */
function params(page: Page): Promise<{ epoch: number; weights: number[][] }> {
  return page.evaluate(() => {
    const el = document.querySelector('mlp-playground') as HTMLElement & { snapshot: { epoch: number; parameters: { weights: Float32Array[] } } };
    return { epoch: el.snapshot.epoch, weights: el.snapshot.parameters.weights.map((w) => Array.from(w)) };
  });
}

const shot = (page: Page, name: string) => page.screenshot({ path: resolve(ARTIFACTS, `i18n-${name}.png`), fullPage: true });

describe('the playground in Chinese', () => {
  it('?lang=zh: no English outside the allowlist, numbers and html lang for zh-CN; screenshots', async () => {
    const page = await open('?lang=zh#dataset=spiral&layers=6,4');
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.title()).toMatch(/[\u4e00-\u9fff]/);
    // Open the "What am I looking at?" text and the list of keys, so their words are walked too.
    await page.locator('mlp-playground details.about summary').click();
    expect(englishIn(await shadowTexts(page))).toEqual([]);
    await page.keyboard.press('?');
    await page.locator('mlp-playground .keys-help').waitFor();
    expect(englishIn(await shadowTexts(page))).toEqual([]);
    expect(await page.locator('mlp-playground .keys-help').textContent()).toContain('空格');
    await page.keyboard.press('Escape');
    await page.locator('mlp-playground .keys-help').waitFor({ state: 'detached' });
    await shot(page, 'zh-desktop');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.locator('mlp-playground button.play').waitFor();
    await page.screenshot({ path: resolve(ARTIFACTS, 'i18n-zh-phone-top.png') });
    await page.setViewportSize({ width: 1400, height: 1000 });
    expect(await axe(page)).toEqual([]);
  });

  it('lang=zh in the hash; a 375-px phone, nothing wider than the screen', async () => {
    const page = await open('#lang=zh&dataset=xor&noise=abc', { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await ready(page);
    expect(await playLabel(page)).toBe('开始');
    // The link's bad field, said in Chinese (the field's hash key and value as they were).
    const notice = await page.locator('mlp-playground [data-notice="hash"]').textContent();
    expect(notice).toContain('链接中有些设置无效，已改用默认值：');
    expect(notice).toContain('noise："abc" 无效（必须是 [0, 50] 内的整数），已改用 0');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(375);
    // Every control's box inside the screen (CJK labels must not push them out).
    const out = await page.evaluate(() => {
      const bad: string[] = [];
      for (const el of document.querySelector('mlp-playground')!.shadowRoot!.querySelectorAll<HTMLElement>('button, select, input, label')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.left < -1 || r.right > 376) && !el.closest('.diagram-scroll')) bad.push(`${el.tagName} ${el.textContent?.trim() ?? ''} ${r.left}..${r.right}`);
        if (el.scrollWidth > el.clientWidth + 2 && el.tagName === 'BUTTON') bad.push(`overflowing ${el.textContent?.trim() ?? ''}`);
      }
      return bad;
    });
    expect(out).toEqual([]);
    await shot(page, 'zh-phone');
  });

  it('English on a phone too (the other language), and axe there', async () => {
    const page = await open('?lang=en#dataset=xor', { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await ready(page);
    await shot(page, 'en-phone');
    expect(await axe(page)).toEqual([]);
  });
});

describe('switching the language', () => {
  it('keeps the running network (the epoch goes on, the weights stay) and is remembered', async () => {
    const page = await open('?lang=en#dataset=circle&layers=4');
    await ready(page);
    await page.locator('mlp-playground button.play').click();
    await epochAbove(page, 20);
    await page.getByRole('button', { name: '中文' }).click();
    await page.waitForFunction(() => document.querySelector('mlp-playground')!.shadowRoot!.querySelector('button.play')!.getAttribute('aria-label') === '暂停');
    const during = await epoch(page);
    expect(during).toBeGreaterThan(20);  // not rebuilt
    await epochAbove(page, during + 20);  // still training
    // Paused, a switch changes no weight and no epoch.
    await page.locator('mlp-playground button.play').click();
    await page.waitForFunction(() => document.querySelector('mlp-playground')!.shadowRoot!.querySelector('button.play')!.getAttribute('aria-label') === '开始');
    await steady(page);
    const before = await params(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.querySelector('mlp-playground')!.shadowRoot!.querySelector('button.play')!.getAttribute('aria-label') === 'Play');
    const after = await params(page);
    expect(after.epoch).toBeGreaterThan(40);
    expect(after).toEqual(before);
    // Remembered: a visit without ?lang= comes back in the last choice.
    await page.getByRole('button', { name: '中文' }).click();
    expect(await page.evaluate(() => localStorage.getItem('mlp-playground:lang'))).toBe('zh');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh');
    await page.goto(inject('siteUrl'));
    await ready(page);
    expect(await playLabel(page)).toBe('开始');
  });

  it('an element follows its own lang attribute live, else the page', async () => {
    const page = await open('embed.html?lang=en');
    await ready(page, '#linear');
    await ready(page, '#relu');
    await page.evaluate(() => document.querySelector('#linear')!.setAttribute('lang', 'zh'));
    await page.waitForFunction(() => document.querySelector('#linear')!.shadowRoot!.querySelector('button.play')!.getAttribute('aria-label') === '开始');
    expect(await playLabel(page, '#relu')).toBe('Play');
    expect(await page.locator('#t-heading').textContent()).toBe('Embedding the playground');
    await page.evaluate(() => document.querySelector('#linear')!.setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.querySelector('#linear')!.shadowRoot!.querySelector('button.play')!.getAttribute('aria-label') === 'Play');
    // Without its own, it follows the page's switch.
    await page.evaluate(() => document.querySelector('#linear')!.removeAttribute('lang'));
    await page.getByRole('button', { name: '中文' }).click();
    await page.waitForFunction(() => ['#linear', '#relu'].every((s) => document.querySelector(s)!.shadowRoot!.querySelector('button.play')!.getAttribute('aria-label') === '开始'));
    expect(await page.locator('#t-heading').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'embed-zh');
    expect(await axe(page)).toEqual([]);
  });
});

describe('keyboard', () => {
  it('Space, → and R with the main view focused; ? lists the keys; nothing while typing in a field', async () => {
    const page = await open('?lang=en#dataset=circle&layers=3');
    await ready(page);
    const canvas = page.locator('mlp-playground canvas.main');
    await canvas.focus();
    // A visible focus ring on the focused canvas.
    expect(await canvas.evaluate((c) => getComputedStyle(c).outlineStyle)).not.toBe('none');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('mlp-playground')!.shadowRoot!.querySelector('[data-readout="epoch"]')!.textContent === '000001');
    // Focusing the canvas may scroll it into view (the page is taller than the window): Space must not scroll further.
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelector('mlp-playground')!.shadowRoot!.querySelector('button.play')!.getAttribute('aria-label') === 'Pause');
    await epochAbove(page, 5);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelector('mlp-playground')!.shadowRoot!.querySelector('button.play')!.getAttribute('aria-label') === 'Play');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);  // Space did not scroll
    await page.keyboard.press('r');
    await page.waitForFunction(() => document.querySelector('mlp-playground')!.shadowRoot!.querySelector('[data-readout="epoch"]')!.textContent === '000000');
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Space');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Typing in the seed field: the keys are the field's.
    const seed = page.locator('mlp-playground input#seed');
    await seed.focus();
    await page.keyboard.press('r');
    await page.keyboard.press(' ');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('?');
    expect(await playLabel(page)).toBe('Play');
    expect(await epoch(page)).toBe(0);
    expect(await page.locator('mlp-playground .keys-help').count()).toBe(0);
  });
});

describe('axe-core', () => {
  it('the playground in English', async () => {
    const page = await open('?lang=en');
    await ready(page);
    await shot(page, 'en-desktop');
    expect(await axe(page)).toEqual([]);
  });

  for (const lang of ['en', 'zh']) {
    it(`the playground with "Step through one update" open, at its forward and update stages (${lang})`, async () => {
      const page = await open(`?lang=${lang}#layers=3&opt=adam`);
      await ready(page);
      await page.locator('mlp-playground button.walk-open').click();
      await page.locator('mlp-step-walk button.batch').click();
      await page.locator('mlp-step-walk .stage[data-stage="forward"]').waitFor();
      expect(await axe(page)).toEqual([]);
      while (!(await page.locator('mlp-step-walk .stage[data-stage="update"]').count())) await page.locator('mlp-step-walk button.next').click();
      expect(await axe(page)).toEqual([]);
    });

    it(`the challenges page, and a challenge in compare mode (${lang})`, async () => {
      const page = await open(`challenges.html?lang=${lang}`);
      await page.locator('[data-challenge]').first().waitFor();
      const found = (await axe(page)).map((v) => `challenges.html: ${v}`);
      await page.goto(`${inject('siteUrl')}?lang=${lang}#challenge=spiral-8&compare=opt:adam`);
      await ready(page);
      await page.locator('mlp-playground .compare .card').nth(1).waitFor();
      await page.locator('mlp-playground .challenge').waitFor();
      for (const v of await axe(page)) found.push(`compare + challenge: ${v}`);
      expect(found).toEqual([]);
    });
  }

  for (const lang of ['en', 'zh']) {
    it(`every Learn page (${lang})`, async () => {
      const page = await open(`learn/index.html?lang=${lang}`);
      const found: string[] = [];
      for (const slug of LESSONS) {
        await page.goto(`${inject('siteUrl')}learn/${slug}.html?lang=${lang}`);
        await page.locator('#learn h1').waitFor();
        if (slug !== 'index') await ready(page, 'mlp-playground');
        for (const v of await axe(page)) found.push(`${slug}: ${v}`);
      }
      expect(found).toEqual([]);
    });
  }
});
