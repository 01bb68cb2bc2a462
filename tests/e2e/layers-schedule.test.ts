// The layer editor's skip toggle and the schedule and stopping controls in headless
// Chromium: a skip makes a residual layer (the element's snapshot lists the network's
// layers), a width mismatch shows the notice and changes nothing; the schedule shows only
// its own parameters, round-trips through the hash, the learning rate in use follows it,
// and a training-loss threshold stops playing with a notice saying why.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, hash, hashField, open, shot, type TestPage } from './helpers.js';

const { browser, track } = browserPerFile();

async function page(h = '', options = {}): Promise<TestPage> {
  return track(await open(browser(), h, options));
}

/** The network's layers as the element's public snapshot has them: residual or not, per layer. */
const residuals = (p: Page): Promise<boolean[] | null> =>
  p.evaluate(() => (document.querySelector('mlp-playground') as HTMLElementTagNameMap['mlp-playground']).snapshot?.network.layers.map((l) => (l as { residual?: boolean }).residual === true) ?? null);

describe('the layer editor and the schedule controls', () => {
  it('the skip toggle adds a residual layer; a width mismatch shows the notice and changes nothing', async () => {
    const { page: p } = await page('layers=4,4');
    expect(await residuals(p)).toEqual([false, false, false]);
    const toggle = p.getByRole('button', { name: 'Skip connection around hidden layer 2', exact: true });
    await toggle.click();
    await expect.poll(() => residuals(p), { timeout: 30_000 }).toEqual([false, true, false]);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(hashField(await hash(p), 'skip')).toBe('2');
    await p.locator('svg.skip-arcs path').first().waitFor();
    await shot(p, 'skip-on', false);
    // A neuron less in layer 2: the skip no longer fits, it goes, and a notice says so.
    await p.getByRole('button', { name: 'Remove a neuron from hidden layer 2' }).click();
    await p.getByText('Skip connections removed').waitFor();
    await expect.poll(() => residuals(p), { timeout: 30_000 }).toEqual([false, false, false]);
    expect(hashField(await hash(p), 'skip')).toBeUndefined();
    // Now 4 then 3: the toggle explains and nothing changes.
    await toggle.click();
    await p.getByText('Hidden layer 2 cannot have a skip connection: it has 3 neurons and the layer before it 4.').waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await residuals(p)).toEqual([false, false, false]);
    expect(hashField(await hash(p), 'skip')).toBeUndefined();
  });

  it('the schedule shows only its own parameters and round-trips through the hash; the learning rate in use follows it', async () => {
    const { page: p } = await page();
    expect(await p.locator('#f-schedStepSize').count()).toBe(0);
    await p.locator('#sched').selectOption('step-lr');
    await p.locator('#f-schedGamma').selectOption('0.5');
    await p.locator('#f-schedStepSize').fill('2');
    await p.locator('#f-schedStepSize').dispatchEvent('change');
    expect(await p.locator('#f-schedTMax').count()).toBe(0);
    await expect.poll(async () => hashField(await hash(p), 'sched-step')).toBe('2');
    const h = await hash(p);
    expect([hashField(h, 'sched'), hashField(h, 'sched-gamma')]).toEqual(['step-lr', '0.5']);
    await p.locator('#sched').selectOption('cosine-annealing-lr');
    await p.locator('#f-schedTMax').waitFor();
    expect(await p.locator('#f-schedStepSize').count()).toBe(0);
    // A new page from that hash has the same controls.
    const { page: q } = await page(h);
    expect(await q.locator('#sched').inputValue()).toBe('step-lr');
    expect(await q.locator('#f-schedGamma').inputValue()).toBe('0.5');
    expect(await q.locator('#f-schedStepSize').inputValue()).toBe('2');
    // StepLR halves 0.03 every 2 epochs: after 4 epochs the rate in use is 0.0075.
    const lr = q.getByLabel('Learning rate now', { exact: true });
    expect(await lr.textContent()).toBe('0.03');
    for (let i = 1; i <= 4; i++) {
      await q.getByRole('button', { name: 'Step', exact: true }).click();
      await q.waitForFunction((n) => Number(document.querySelector('mlp-playground')?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent) === n, i);
    }
    await expect.poll(() => lr.textContent()).toBe('0.0075');
  });

  it('a training-loss threshold stops playing and the notice says why', async () => {
    const { page: p } = await page('stoploss=0.9');
    expect(await p.locator('#f-stopLoss').inputValue()).toBe('0.9');
    await p.getByRole('button', { name: 'Play', exact: true }).click();
    await p.getByText(/Stopped at epoch \d+: the training loss reached the threshold\./).waitFor({ timeout: 120_000 });
    await p.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await shot(p, 'stopped-threshold', false);
  });
});
