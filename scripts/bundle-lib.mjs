// Bundles the library (web/src/core) into one ES module, dist/lib/index.js: one file to
// load instead of seven saves a couple of milliseconds of start-up. The wasm glue modules
// stay separate files next to it (./wasm/), loaded on demand. Types come from tsc. long.js
// (a protobufjs dependency) is left out: see web/src/core/export/no-long.cjs.
import { rolldown } from 'rolldown';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = await rolldown({
  input: `${root}web/src/core/index.ts`,
  external: [/\/wasm\/mlp-(simd|scalar)\.mjs$/],
  platform: 'neutral',
  logLevel: 'warn',
  resolve: { alias: { long: `${root}web/src/core/export/no-long.cjs` } },
});
await bundle.write({ file: `${root}dist/lib/index.js`, format: 'esm' });
await bundle.close();
