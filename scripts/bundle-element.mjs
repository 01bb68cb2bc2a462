// Bundles the <mlp-playground> element for the package's `./element` export, next to the
// library in dist/lib (run after bundle-lib.mjs):
//   element.js         the element, with Lit and Comlink inside (nothing else to install),
//                      its lazy chunks (uPlot, the Chinese catalog, compare mode) inlined;
//                      the digits mode imports ./index.js and ./digits.js (the library)
//   element-worker.js  its training worker; imports ./index.js (the library), which finds
//                      ./wasm/*.wasm through import.meta.url
//   element-diagram.js the worker that draws a large network's diagram (view/diagram-worker.ts)
//   element-experiments.js  the digits mode's experiment runs (worker/experiments-worker.ts);
//                      imports ./index.js and ./digits.js (the package's digits, beside it)
//   element.d.ts       the public types (web/src/app/api.ts, which is types only)
// Both files reference their neighbours with `new URL('./…', import.meta.url)`, the pattern
// browsers resolve from a static folder and bundlers (Vite, webpack) follow and re-emit.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/lib/`;

/** `?inline` CSS imports (Vite's syntax in the sources) become a string module. */
const inlineCss = {
  name: 'inline-css',
  async resolveId(source, importer) {
    if (!source.endsWith('?inline')) return null;
    const r = await this.resolve(source.slice(0, -'?inline'.length), importer, { skipSelf: true });
    return r ? `\0inline:${r.id}` : null;
  },
  async load(id) {
    if (!id.startsWith('\0inline:')) return null;
    const css = await readFile(id.slice('\0inline:'.length), 'utf8');
    return { code: `export default ${JSON.stringify(css)};`, moduleType: 'js' };
  },
};

/** The workers' source URLs (right for Vite on the sources) become the built files'. */
const WORKERS = [
  { module: '/web/src/app/client.ts', from: "new URL('../worker/worker.ts', import.meta.url)", to: "new URL('./element-worker.js', import.meta.url)" },
  { module: '/web/src/view/diagram-canvas.ts', from: "new URL('./diagram-worker.ts', import.meta.url)", to: "new URL('./element-diagram.js', import.meta.url)" },
  { module: '/web/src/app/digits/experiments-view.ts', from: "new URL('../../worker/experiments-worker.ts', import.meta.url)", to: "new URL('./element-experiments.js', import.meta.url)" },
];
const workerUrl = {
  name: 'worker-url',
  transform(code, id) {
    const w = WORKERS.find((x) => id.endsWith(x.module));
    if (!w) return null;
    if (!code.includes(w.from)) this.error(`${w.module} no longer creates its worker with ${w.from}`);
    return code.replace(w.from, w.to);
  },
};

/**
 * The element and its workers use the library through ./index.js (and the digits through
 * ./digits.js), the package's own files beside them: one copy of the core's JavaScript,
 * its glue and its exporters in the package, and the wasm and the digits asset found
 * beside them. (The element imports both only in the digits mode, dynamically.)
 */
const LIBRARY = { 'web/src/core/index.ts': './index.js', 'web/src/core/digits.ts': './digits.js' };
const libraryExternal = {
  name: 'library-external',
  async resolveId(source, importer, options) {
    if (!importer || !/\/core\/(index|digits)\.js$/.test(source)) return null;
    const r = await this.resolve(source, importer, { ...options, skipSelf: true });
    const to = r && LIBRARY[r.id.slice(root.length)];
    return to ? { id: to, external: true } : null;
  },
};

/**
 * The site's worker starts on the lite core (web/src/core/lite.ts); the package has only the
 * full modules, so there loadLiteCore is the library's loadCore (its core is never lite).
 */
const LITE = '\0lite-is-full';
const liteIsFull = {
  name: 'lite-is-full',
  resolveId(source, importer) {
    if (importer && /\/web\/src\/worker\//.test(importer) && source === '../core/lite.js') return LITE;
    if (importer === LITE && source === './index.js') return { id: './index.js', external: true };
    return null;
  },
  load(id) {
    return id === LITE ? "export { loadCore as loadLiteCore } from './index.js';\nexport function warmLiteCore() {}" : null;
  },
};

async function bundle(input, file, plugins) {
  const b = await rolldown({ input: `${root}${input}`, plugins, platform: 'browser', logLevel: 'warn', tsconfig: `${root}tsconfig.json` });
  // One file each: the site's lazy chunks (the Chinese catalog, compare mode's networks)
  // are inlined here (a dynamic import kept as a promise), so the package has no chunk files to find.
  await b.write({ file: `${out}${file}`, format: 'esm', minify: true, codeSplitting: false });
  await b.close();
}

await bundle('web/src/element.ts', 'element.js', [inlineCss, workerUrl, libraryExternal]);
await bundle('web/src/worker/worker.ts', 'element-worker.js', [liteIsFull, libraryExternal]);
await bundle('web/src/view/diagram-worker.ts', 'element-diagram.js', []);
await bundle('web/src/worker/experiments-worker.ts', 'element-experiments.js', [libraryExternal]);

// The types: api.ts holds only types, so it is its own declaration file.
const api = await readFile(`${root}web/src/app/api.ts`, 'utf8');
const from = "from '../core/types.js'";
if (!api.includes(from)) throw new Error(`web/src/app/api.ts no longer imports ${from}`);
await writeFile(
  `${out}element.d.ts`,
  `${api.replace(from, "from './index.js'")}
/** The element's class (already registered as \`mlp-playground\` by importing this module). */
export declare const MlpPlayground: MlpPlaygroundConstructor;
`,
);
