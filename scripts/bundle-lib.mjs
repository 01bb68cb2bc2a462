// Bundles the library (web/src/core) into one ES module, dist/lib/index.js (one file to
// load instead of seven saves a couple of milliseconds of start-up), and its exporters
// into dist/lib/export.js, which loadCore() imports while the .wasm compiles. The wasm glue modules
// stay separate files next to it (./wasm/), loaded on demand. Types come from tsc.
// The `mlp-playground/digits` entry is a bundle of its own, dist/lib/digits.js, which takes
// MlpError from ./index.js (one error class for both entries); index.js knows nothing of it.
// The scalar build is not in this package: core/scalar.ts is replaced by scalar-package.ts,
// which imports the companion package mlp-playground-scalar (packages/scalar/) by name.
// Minified (functions and classes keep their names, for stack traces; 2.4 KB gzip of the
// five files): index.js, export.js, digits.js and the Emscripten glues, about a third fewer
// gzip bytes and no slower to import in Node (bench/README.md, branch pkg). The SIMD glue
// goes to dist/lib/wasm/, the scalar build's to packages/scalar/wasm/ (scripts/build-lib.sh
// copies the .wasm files). The types (.d.ts from tsc) stay readable.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { minifySync } from 'rolldown/experimental';

const root = fileURLToPath(new URL('..', import.meta.url));
const MINIFY = { compress: { keepNames: { function: true, class: true } }, mangle: { keepNames: true } };
function minifyFile(file, to = file) {
  const result = minifySync(file, readFileSync(`${root}${file}`, 'utf8'), { ...MINIFY, module: true });
  if (result.errors?.length) throw new Error(`minifying ${file}: ${result.errors.map((e) => e.message).join('; ')}`);
  mkdirSync(dirname(`${root}${to}`), { recursive: true });
  writeFileSync(`${root}${to}`, result.code);
}
const scalarPackage = {
  name: 'scalar-package',
  async resolveId(source, importer, options) {
    if (source !== './scalar.js') return null;
    const r = await this.resolve(source, importer, { ...options, skipSelf: true });
    return r?.id === `${root}web/src/core/scalar.ts` ? `${root}web/src/core/scalar-package.ts` : null;
  },
};
const bundle = await rolldown({
  input: `${root}web/src/core/index.ts`,
  external: [/\/wasm\/mlp-simd\.mjs$/],
  platform: 'neutral',
  logLevel: 'warn',
  plugins: [scalarPackage],
  // protobufjs's own minified build of its minimal runtime (the ONNX codec's).
  resolve: { alias: { 'protobufjs/minimal': `${root}node_modules/protobufjs/dist/minimal/protobuf.min.js` } },
});
// The exporters (web/src/core/export/index.ts, imported by loadCore) become their own file.
const written = await bundle.write({ dir: `${root}dist/lib`, format: 'esm', entryFileNames: 'index.js', chunkFileNames: '[name].js', minify: MINIFY });
if (written.output.some((c) => c.type === 'chunk' && /mlp-scalar/.test(c.code))) throw new Error('dist/lib refers to the scalar build, which is the companion package');
// rolldown's minifier keeps the bundler hints of the scalar import (a separate pass would drop them).
if (!written.output.some((c) => c.fileName === 'index.js' && c.code.includes('@vite-ignore'))) throw new Error("index.js lost the scalar import's bundler hints");
await bundle.close();

const digits = await rolldown({
  input: `${root}web/src/core/digits.ts`,
  platform: 'neutral',
  logLevel: 'warn',
  plugins: [
    {
      name: 'errors-from-index',
      resolveId(source) {
        if (/^\.\/errors\.js$/.test(source)) return { id: './index.js', external: true };
        return null;
      },
    },
  ],
});
await digits.write({ file: `${root}dist/lib/digits.js`, format: 'esm' });
await digits.close();
minifyFile('dist/lib/digits.js');

// The glues: the SIMD build's beside the library, the scalar build's in the companion package.
minifyFile('web/src/core/wasm/mlp-simd.mjs', 'dist/lib/wasm/mlp-simd.mjs');
minifyFile('web/src/core/wasm/mlp-scalar.mjs', 'packages/scalar/wasm/mlp-scalar.mjs');

// The declarations tsc wrote for modules no public entry's types reach (internal helpers:
// their code is inside the bundles): not shipped.
const lib = `${root}dist/lib/`;
const reached = new Set();
const reach = (file) => {
  if (reached.has(file) || !existsSync(`${lib}${file}`)) return;
  reached.add(file);
  for (const m of readFileSync(`${lib}${file}`, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\(\s*)(["'])(\.[^"']+)\.js\1/g)) {
    reach(posix.join(posix.dirname(file), `${m[2]}.d.ts`));
  }
};
reach('index.d.ts');
reach('digits.d.ts');
for (const file of readdirSync(lib, { recursive: true })) {
  if (String(file).endsWith('.d.ts') && !reached.has(String(file))) rmSync(`${lib}${file}`);
}
