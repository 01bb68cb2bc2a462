// The static site's security: every built page carries the Content-Security-Policy of
// scripts/csp.mjs first in its <head> (no inline script allowed, each inline <style> by its
// hash); the violation listener of every e2e page does report a violation; imported files
// over their stated size are refused with a notice before they are read; and hostile markup
// in a CSV or a network file stays text (the hash case is in playground.test.ts).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../web/src/app/files.js';
import { browserPerFile, hash, number, open, visible } from './helpers.js';

const site = resolve(import.meta.dirname, '../../dist/site');
const pages = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));

/** The policy of a built page: the content of its CSP meta tag, as directive → sources. */
function policyOf(html: string): Map<string, string[]> {
  const m = /^<!doctype html>\s*<html[^>]*>\s*<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">/i.exec(html.replace(/<!--[\s\S]*?-->\s*/g, ''));
  if (!m) throw new Error('no Content-Security-Policy meta tag first in <head>');
  const text = m[1]!.replace(/&#39;/g, "'");
  return new Map(text.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
}

describe('the built pages', () => {
  const files = pages(site);

  it('are all there (playground, embed example, the Learn section)', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it('each open with a policy that forbids inline script and eval and allows only what the site needs', () => {
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      const p = policyOf(html);
      expect(p.get('default-src'), file).toEqual(["'none'"]);
      expect(p.get('script-src'), file).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(p.get('worker-src'), file).toEqual(["'self'"]);
      expect(p.get('object-src'), file).toEqual(["'none'"]);
      expect(p.get('base-uri'), file).toEqual(["'none'"]);
      // Inline <style> blocks are allowed by their hash only, and every block of the page has one.
      const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
      expect(p.get('style-src-elem'), file).toEqual(["'self'", ...styles]);
      // No inline script at all: every <script> has a src.
      expect([...html.matchAll(/<script\b([^>]*)>/gi)].every((m) => /\bsrc=/.test(m[1]!)), file).toBe(true);
      expect(html, file).not.toMatch(/\son[a-z]+\s*=/i);  // no inline event handler attributes
    }
  });
});

describe('in the browser', () => {
  const { browser, track } = browserPerFile();

  it('a CSP violation is reported by the page watcher (the listener every e2e page has works)', async () => {
    const watched = await open(browser());
    // An inline script, as an injection would add: refused, and reported.
    await watched.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = 1';
      document.body.append(s);
    });
    await expect.poll(() => watched.problems.some((p) => p.includes('CSP violation: script-src'))).toBe(true);
    expect(await watched.page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
    await watched.close();
  });

  it('refuses a CSV or network file over its stated size, with a notice, before reading it', async () => {
    const { page: p } = track(await open(browser()));
    const before = await hash(p);
    // Files on disk (the browser reads them by path: nothing large crosses the protocol).
    const dir = mkdtempSync(join(tmpdir(), 'mlp-import-'));
    const files = [['csv', '#csv-file', 'csv', MAX_IMPORT_BYTES.csv], ['network.json', '#net-file', 'import', MAX_IMPORT_BYTES.network]] as const;
    for (const [name, input, notice, limit] of files) {
      const path = join(dir, name);
      writeFileSync(path, Buffer.alloc(limit + 1, ' '));
      await p.locator(input).setInputFiles(path);
      const shown = p.locator(`[data-notice="${notice}"]`);
      await visible(shown);
      await expect.poll(async () => (await shown.textContent()) ?? '').toContain(`at most ${new Intl.NumberFormat('en-US').format(Math.round(limit / 1024))} KB`);
      expect(await hash(p)).toBe(before);
    }
    rmSync(dir, { recursive: true });
  });

  it('hostile markup in a CSV or a network file is shown as text, never parsed', async () => {
    const { page: p } = track(await open(browser()));
    const markup = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const injected = () => p.locator('mlp-playground').evaluate((el) =>
      el.shadowRoot!.querySelectorAll('img, script, iframe').length + document.querySelectorAll('img, body script, iframe').length + ((window as { __pwned?: number }).__pwned ?? 0));
    // A CSV whose header and fields are markup.
    await p.locator('#csv-file').setInputFiles({ name: '<b>evil</b>.csv', mimeType: 'text/csv', buffer: Buffer.from(`${markup},b,c\n1,2,${markup}\n`) });
    const csv = p.locator('[data-notice="csv"]');
    await visible(csv);
    await expect.poll(async () => (await csv.textContent()) ?? '').toContain('<img src=x');
    // A valid CSV under a hostile file name: the name is shown as text in the success notice.
    await p.locator('#csv-file').setInputFiles({ name: `${markup}.csv`, mimeType: 'text/csv', buffer: Buffer.from('x1,x2,label\n1,1,0\n-1,-1,1\n2,2,0\n') });
    await expect.poll(async () => (await p.locator('[data-notice="csv-ok"]').textContent()) ?? '').toContain('<img src=x');
    // A network file whose settings and network carry markup.
    const file = { format: 'mlp-playground/playground', version: 1, hash: `dataset=${encodeURIComponent(markup)}&lr=${encodeURIComponent(markup)}`, network: { format: markup } };
    await p.locator('#net-file').setInputFiles({ name: 'net.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const imported = p.locator('[data-notice="import"]');
    await visible(imported);
    expect(await injected()).toBe(0);
    // The page still works.
    await p.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => number(p, 'Epoch')).toBe(1);
  });
});
