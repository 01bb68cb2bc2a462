// Bundles the library (web/src/core) into one ES module, dist/lib/index.js: one file to
// load instead of seven saves a couple of milliseconds of start-up. The wasm glue modules
// stay separate files next to it (./wasm/), loaded on demand. Types come from tsc.
// The `mlp-playground/digits` entry is a second bundle, dist/lib/digits.js, which takes
// MlpError from ./index.js (one error class for both entries); index.js knows nothing of it.
import { rolldown } from 'rolldown';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

async function bundle(input, file, options = {}) {
  const b = await rolldown({ input: `${root}web/src/core/${input}`, platform: 'neutral', logLevel: 'warn', ...options });
  await b.write({ file: `${root}dist/lib/${file}`, format: 'esm' });
  await b.close();
}

await bundle('index.ts', 'index.js', { external: [/\/wasm\/mlp-(simd|scalar)\.mjs$/] });
await bundle('digits.ts', 'digits.js', {
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
