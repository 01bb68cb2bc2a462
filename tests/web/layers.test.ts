// What each folder of web/src may import (ARCHITECTURE.md): the imports of every source
// file, read from its text, checked against the layer rules. Type-only imports are told
// apart from value imports: a renderer may name the shape of what it draws, but never run
// model code. (Import cycles are madge's job: scripts/test.sh runs it.)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../web/src/', import.meta.url));

interface Import {
  from: string;
  /** Path under web/src of a relative import, or the package name. */
  to: string;
  typeOnly: boolean;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'wasm' ? [] : files(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function imports(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  // import ... from '...'; export ... from '...'; import '...'; new URL('...', import.meta.url) is not an import.
  const re = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'|^\s*import\s+'([^']+)'/gm;
  // import('...'): a chunk loaded later is still an import.
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) {
    const to = m[1]!.startsWith('.') ? relative(SRC, resolve(dirname(file), m[1]!)).replace(/\.js$/, '.ts') : m[1]!;
    out.push({ from: relative(SRC, file), to, typeOnly: false });
  }
  for (const m of text.matchAll(re)) {
    const spec = m[4] ?? m[5]!;
    const clause = m[3] ?? '';
    // `import { type A, type B }` is type-only too.
    const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1]?.split(',').map((n) => n.trim()).filter(Boolean);
    const typeOnly = m[2] !== undefined || (names !== undefined && names.length > 0 && names.every((n) => n.startsWith('type ')));
    const to = spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts') : spec.split('?')[0]!;
    out.push({ from: relative(SRC, file), to, typeOnly });
  }
  return out;
}

const ALL = files(SRC).flatMap(imports);
const local = (i: Import): boolean => !i.to.startsWith('..') && /\.(ts|css)$/.test(i.to) && !i.to.startsWith('uplot');
const under = (path: string, ...folders: string[]): boolean => folders.some((f) => path === f || path.startsWith(`${f}/`));

/** The imports from files under `folder` that break `ok`. */
function breaking(folder: string, ok: (i: Import) => boolean): string[] {
  return ALL.filter((i) => under(i.from, folder) && local(i) && !ok(i)).map((i) => `${i.from} → ${i.to}${i.typeOnly ? ' (type)' : ''}`);
}

describe('layers of web/src', () => {
  it('reads the imports (the parser sees both kinds, and chunks imported later)', () => {
    expect(ALL.length).toBeGreaterThan(100);
    expect(ALL.some((i) => i.typeOnly)).toBe(true);
    expect(ALL.some((i) => !i.typeOnly && local(i))).toBe(true);
    expect(ALL).toContainEqual({ from: 'learn/core.ts', to: 'core/index.ts', typeOnly: false });
  });

  it('core (the library) imports only itself', () => {
    expect(breaking('core', (i) => under(i.to, 'core'))).toEqual([]);
  });

  it('the worker imports the core and its own protocol only (and the digits runs shared with the page, which import nothing of the page)', () => {
    // The digits mode's pixel permutation, experiment runs and metrics are pure model code
    // that the page and the workers both run: they may import only the core, the worker and
    // each other (no DOM, no element), and then the worker may import them.
    const SHARED = ['app/digits/experiments.ts', 'app/digits/runs.ts', 'app/digits/metrics.ts'];
    const ok = (i: Import): boolean => under(i.to, 'core', 'worker') || SHARED.includes(i.to);
    expect(breaking('worker', ok)).toEqual([]);
    expect(ALL.filter((i) => SHARED.includes(i.from) && local(i) && !ok(i)).map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('i18n is a leaf', () => {
    expect(breaking('i18n', (i) => under(i.to, 'i18n'))).toEqual([]);
  });

  it('renderers (view/) run no model code: types of what they draw only', () => {
    expect(breaking('view', (i) => under(i.to, 'view') || (i.typeOnly && under(i.to, 'core/types.ts', 'lesson-presets')))).toEqual([]);
  });

  it("the lessons' model code imports nothing of the element, the pages or the renderers", () => {
    expect(breaking('lesson-presets', (i) => under(i.to, 'lesson-presets', 'core'))).toEqual([]);
  });

  it("the Learn pages use the element's public entry, not its insides", () => {
    expect(breaking('learn', (i) => under(i.to, 'learn', 'lesson-presets', 'view', 'i18n', 'element.ts', 'core/index.ts') || (i.typeOnly && under(i.to, 'core/types.ts')))).toEqual([]);
  });

  it('the element imports no lesson or page code', () => {
    expect(breaking('app', (i) => !under(i.to, 'learn', 'lesson-presets', 'view/lesson-figures'))).toEqual([]);
  });

  it('panels see the host, not the element, the worker or a renderer', () => {
    const inside = ['app/playground.ts', 'app/controller.ts', 'app/session.ts', 'app/client.ts', 'app/views.ts', 'app/painter.ts', 'app/frames.ts', 'app/training.ts'];
    expect(breaking('app/panels', (i) => !under(i.to, ...inside) && (i.typeOnly || !under(i.to, 'worker', 'view') || i.to === 'view/colors.ts' || i.to === 'view/adopt-styles.ts'))).toEqual([]);
  });
});
