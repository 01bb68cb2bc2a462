// The Digits tile in Chromium: nothing of the digits (chunk or asset) is fetched before the
// tile is chosen; a corrupted download (one flipped byte: the CRC-32 fails) and a failed one
// (HTTP 500, by route interception) each show the notice with Retry while the previous
// dataset stays chosen; Retry with the real asset brings the digits in (10,000 split
// 8,000 / 2,000). Screenshots of the notice: tests/e2e/artifacts/digits-*.png.
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, open, shot } from './helpers.js';

const { browser, track } = browserPerFile();

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
    await shot(page, 'digits-loaded');
    // The browser logs the refused request of step 2 itself; nothing else may be logged.
    const refused = problems.findIndex((p) => p.includes('status of 500'));
    expect(refused).toBeGreaterThanOrEqual(0);
    problems.splice(refused, 1);
  });
});
