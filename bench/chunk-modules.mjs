// What fills the playground's first-load JavaScript: builds the site with the repo's Vite
// config into a temporary folder (dist/site is left alone) and, for each chunk of the first
// load (bench/lib/first-load.mjs: the page script, the element's two chunks, the worker,
// the wasm glue), lists its source modules by size:
//   rendered  rolldown's chunk.modules[id].renderedLength (the module's code as bundled,
//             tree-shaken, before minification);
//   min       that code minified alone (oxc, rolldown's minifySync; top-level names kept,
//             so a little above its share of the minified chunk);
//   gzip≈     the chunk's real gzip size (zlib level 9, as scripts/serve.mjs serves it)
//             shared out in proportion to each module's code gzipped alone — an estimate:
//             gzip works across module boundaries, so a module's bytes depend on its
//             neighbours.
// Printed as markdown; `--json FILE` writes the rows too; `--top N` modules per chunk (20).
//
//   node bench/chunk-modules.mjs [--top 20] [--json out.json]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { minifySync } from 'rolldown/experimental';
import { build } from 'vite';
import { FIRST_LOAD } from './lib/first-load.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: opts } = parseArgs({ options: { top: { type: 'string', default: '20' }, json: { type: 'string' } } });
const log = (s) => process.stderr.write(`${s}\n`);

/** Every chunk of every bundle of the build (the page's, and each worker's). */
const chunks = [];
const capture = () => ({
  name: 'capture-chunk-modules',
  generateBundle(_options, bundle) {
    for (const f of Object.values(bundle)) {
      if (f.type !== 'chunk') continue;
      chunks.push({
        fileName: f.fileName,
        code: f.code,
        modules: Object.entries(f.modules).map(([id, m]) => ({ id, rendered: m.renderedLength, code: m.code ?? '' })),
      });
    }
  },
});

const out = mkdtempSync(join(tmpdir(), 'chunk-modules-'));
try {
  await build({
    root: join(ROOT, 'web'),
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true },
    plugins: [capture()],
    worker: { plugins: () => [capture()] },
  });
} finally {
  rmSync(out, { recursive: true, force: true });
}

const gz = (s) => gzipSync(Buffer.from(s), { level: 9 }).length;
/** A module's code minified alone: as a script, so its top-level declarations (used by
 * the chunk's other modules) are kept; as a module without compression if that fails. */
function minified(code, id) {
  if (!code.trim()) return '';
  for (const o of [{ module: false, compress: { unused: false }, mangle: { toplevel: false } }, { module: true, compress: false, mangle: false }]) {
    const r = minifySync(id.replace(/[?#].*$/, '').replace(/\.(ts|mjs|cjs|css)$/, '.js'), code, o);
    if (!r.errors.length) return r.code;
  }
  return code;
}
/** A module's name: its path in the repo, or node_modules/<package>/… */
const nameOf = (id) => {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '');
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm >= 0) return clean.slice(nm + 1);  // wherever node_modules is (a symlinked one resolves elsewhere)
  const rel = relative(ROOT, clean);
  return rel.startsWith('..') ? clean : rel;
};
const pattern = (file) => new RegExp(`^${file.replace(/[.]/g, '\\.').replace('*', '[A-Za-z0-9_-]{8}')}$`);
const wanted = FIRST_LOAD.filter((f) => f.file.endsWith('.js'));
const kb = (n) => (n / 1024).toFixed(1);

const report = [];
const lines = [];
for (const w of wanted) {
  const re = pattern(w.file);
  // A worker imported from two places is bundled twice, to the same file.
  const matches = chunks.filter((c, i) => re.test(c.fileName) && chunks.findIndex((d) => d.fileName === c.fileName) === i);
  if (matches.length !== 1) {
    log(`${w.file}: ${matches.length} chunks match (expected 1): ${matches.map((c) => c.fileName).join(', ') || '–'}`);
    continue;
  }
  const c = matches[0];
  const chunkGz = gz(c.code);
  const rows = c.modules.map((m) => {
    const min = minified(m.code, m.id);
    return { module: nameOf(m.id), rendered: m.rendered, min: Buffer.byteLength(min), alone: min ? gz(min) : 0 };
  });
  const sumAlone = rows.reduce((a, r) => a + r.alone, 0) || 1;
  for (const r of rows) r.gzip = (r.alone / sumAlone) * chunkGz;
  rows.sort((a, b) => b.gzip - a.gzip);
  report.push({ file: c.fileName, role: w.role, bytes: Buffer.byteLength(c.code), gzip: chunkGz, modules: rows });
  const top = Number(opts.top);
  lines.push(`#### ${w.file} (${w.role}): ${kb(Buffer.byteLength(c.code))} KB, ${kb(chunkGz)} KB gzip, ${rows.length} modules`, '');
  lines.push('| module | rendered | min | gzip≈ |', '|---|--:|--:|--:|');
  for (const r of rows.slice(0, top)) lines.push(`| ${r.module} | ${kb(r.rendered)} | ${kb(r.min)} | ${kb(r.gzip)} |`);
  const rest = rows.slice(top);
  if (rest.length) {
    const s = (k) => rest.reduce((a, r) => a + r[k], 0);
    lines.push(`| ${rest.length} more | ${kb(s('rendered'))} | ${kb(s('min'))} | ${kb(s('gzip'))} |`);
  }
  lines.push('');
}
process.stdout.write(`${lines.join('\n')}\n`);
if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
