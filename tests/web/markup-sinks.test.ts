// Nothing from an imported file, the URL hash or an attribute can become markup: the page's
// own code never parses HTML from a string (no innerHTML, outerHTML, insertAdjacentHTML,
// document.write, DOMParser, Range.createContextualFragment, Lit's unsafeHTML / unsafeSVG,
// srcdoc) and never evaluates code from one (eval, new Function, string timers). Lit
// templates bind values as text and attributes only. tests/e2e/security.test.ts checks the
// same from the outside, with a hostile hash, CSV and network file in the built page.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const SINKS: [string, RegExp][] = [
  ['innerHTML', /\.innerHTML\b/],
  ['outerHTML', /\.outerHTML\s*=/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\.write(ln)?\s*\(/],
  ['DOMParser', /\bDOMParser\b/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['unsafeHTML / unsafeSVG', /\bunsafe(HTML|SVG|MathML)\b/],
  ['srcdoc', /\bsrcdoc\b/],
  ['eval', /(^|[^.\w])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['string timer', /\bset(Timeout|Interval)\s*\(\s*['"`]/],
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'wasm' ? [] : sources(path);  // wasm/: Emscripten's generated glue
    return /\.(ts|js|mjs|html)$/.test(e.name) ? [path] : [];
  });
}

/** The code without its comments (which may name the sinks, as this file's do). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1').replace(/<!--[\s\S]*?-->/g, '');
}

describe('markup and code sinks', () => {
  const files = [...sources(resolve(root, 'web/src')), ...sources(resolve(root, 'web')).filter((f) => f.endsWith('.html'))];

  it('finds the page sources to check', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('no page source parses markup or evaluates code from a string', () => {
    const found: string[] = [];
    for (const file of files) {
      const text = code(readFileSync(file, 'utf8'));
      for (const [name, pattern] of SINKS) if (pattern.test(text)) found.push(`${relative(root, file)}: ${name}`);
    }
    expect(found).toEqual([]);
  });

  it('would notice one (the check itself works)', () => {
    const hits = ['el.innerHTML = text;', 'x.insertAdjacentHTML("beforeend", s)', 'eval(s)', "import { unsafeHTML } from 'lit/directives/unsafe-html.js';", 'setTimeout("go()", 1)']
      .filter((line) => SINKS.some(([, p]) => p.test(code(line))));
    expect(hits).toHaveLength(5);
  });
});
