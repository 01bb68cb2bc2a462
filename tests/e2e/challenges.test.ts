// Challenges in headless Chromium: a challenge link sets the task up and ticks its rules
// live; once the goal is reached (here with the features that solve XOR without a hidden
// layer, so it is quick and deterministic) it shows as done with its explanation, and stays
// done across a reload and on challenges.html (localStorage). Screenshots of the page
// (desktop and phone, English and Chinese) go to tests/e2e/artifacts/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launch, ready, shot, siteUrl } from './helpers.js';

let browser: Browser;
let context: BrowserContext | null = null;
let problems: string[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  context = null;
  expect(problems).toEqual([]);
});

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  context ??= await browser.newContext({ viewport, deviceScaleFactor: viewport.width < 500 ? 2 : 1 });
  problems = [];
  const page = await context.newPage();
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return page;
}

const base = (): string => siteUrl().replace(/#.*$/, '');

/** The challenge panel's rules as shown: [text, ticked]. */
function rules(p: Page): Promise<[string, boolean][]> {
  return p.evaluate(() =>
    [...document.querySelector('mlp-playground')!.shadowRoot!.querySelectorAll('.challenge .rules li')].map((li) => [li.textContent!.replace(/\s+/g, ' ').trim(), li.classList.contains('ok')] as [string, boolean]),
  );
}

describe('challenges', () => {
  it('checks the goal live, shows it done with why, and keeps it across a reload and on challenges.html', async () => {
    const p = await newPage();
    // The task as the link sets it up: XOR, no hidden layer; the preset features solve it.
    await p.goto(`${base()}#challenge=xor-no-hidden&features=x1,x2,x1x2&lr=0.1&speed=10`);
    await ready(p);
    await p.getByRole('heading', { name: 'Challenge: XOR without a hidden layer' }).waitFor();
    expect(await rules(p)).toEqual([
      ['✓ trained on the Exclusive or data (met)', true],
      ['✓ no hidden layer (met)', true],
      ['○ test accuracy of at least 95 % (not met yet)', false],
    ]);
    expect(await p.locator('[data-challenge-done]').count()).toBe(0);
    await p.getByRole('button', { name: 'Play', exact: true }).click();
    await p.locator('[data-challenge-done]').waitFor({ timeout: 60_000 });
    await p.getByRole('button', { name: 'Pause', exact: true }).click();
    expect((await rules(p)).every(([, ok]) => ok)).toBe(true);
    expect(await p.locator('[data-challenge-done]').textContent()).toContain('Done! The class is the sign of x₁·x₂.');
    await shot(p, 'challenge-done', false);
    // Kept: after a reload it shows done before any training.
    await p.reload();
    await ready(p);
    await p.locator('[data-challenge-done]').waitFor();
    // The page lists it as done, the others open; each links to its task.
    await p.goto(`${base()}challenges.html`);
    await p.getByRole('heading', { name: 'Challenges', level: 1 }).waitFor();
    const status = await p.locator('[data-challenge]').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-challenge'), li.querySelector('[data-status]')!.getAttribute('data-status')]));
    expect(status).toHaveLength(10);
    expect(status.filter(([, s]) => s === 'done')).toEqual([['xor-no-hidden', 'done']]);
    await shot(p, 'challenges-page');
    await p.getByRole('link', { name: 'The spiral with 8 neurons' }).click();
    await ready(p);
    await p.getByRole('heading', { name: 'Challenge: The spiral with 8 neurons' }).waitFor();
    // Set up: the network it built is the task's (the link itself stays as written).
    expect(await p.evaluate(() => document.querySelector('mlp-playground')!.snapshot!.hash)).toMatch(/^challenge=spiral-8&dataset=spiral&.*layers=8,8,8&/);
  });

  it('lists the challenges in Chinese (desktop and phone), linked from the playground and the Learn pages', async () => {
    const p = await newPage({ width: 375, height: 800 });
    await p.goto(`${base()}challenges.html?lang=zh`);
    await p.getByRole('heading', { name: '挑战', level: 1 }).waitFor();
    expect(await p.locator('[data-challenge="spiral-8"] h2').textContent()).toBe('8 个神经元分开螺旋');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(p, 'challenges-page-zh-phone');
    await p.setViewportSize({ width: 1280, height: 900 });
    await shot(p, 'challenges-page-zh');
    await p.goto(`${base()}learn/index.html`);
    await p.getByRole('link', { name: '挑战', exact: true }).click();
    await p.getByRole('heading', { name: '挑战', level: 1 }).waitFor();
    await p.goto(`${base()}index.html`);
    await p.getByRole('link', { name: '挑战 →' }).waitFor();
  });
});
