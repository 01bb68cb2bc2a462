// Bundles the library (web/src/core) into one ES module, dist/lib/index.js (one file to
// load instead of seven saves a couple of milliseconds of start-up), and its exporters
// into dist/lib/export.js, which loadCore() imports while the .wasm compiles. The wasm glue modules
// stay separate files next to it (./wasm/), loaded on demand. Types come from tsc.
// The `mlp-playground/digits` entry is a bundle of its own, dist/lib/digits.js, which takes
// MlpError from ./index.js (one error class for both entries); index.js knows nothing of it.
import { rolldown } from 'rolldown';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = await rolldown({
  input: `${root}web/src/core/index.ts`,
  external: [/\/wasm\/mlp-(simd|scalar)\.mjs$/],
  platform: 'neutral',
  logLevel: 'warn',
  // protobufjs's own minified build of its minimal runtime (the ONNX codec's).
  resolve: { alias: { 'protobufjs/minimal': `${root}node_modules/protobufjs/dist/minimal/protobuf.min.js` } },
});
// The exporters (web/src/core/export/index.ts, imported by loadCore) become their own file.
await bundle.write({ dir: `${root}dist/lib`, format: 'esm', entryFileNames: 'index.js', chunkFileNames: '[name].js' });
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
