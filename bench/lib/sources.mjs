// The library and the worker's Trainer from the sources (web/src), bundled with rolldown into
// build/bench-sources/ with the wasm modules of web/src/core/wasm (scripts/build-wasm.sh):
// for the benches of what is not in the package (the Trainer), or before dist/lib is built.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

/** Resolves to { loadCore, Trainer } of the current sources. */
export async function loadSources() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const out = `${root}build/bench-sources/`;
  mkdirSync(`${out}wasm`, { recursive: true });
  mkdirSync(`${out}core/wasm`, { recursive: true });
  const bundle = await rolldown({
    input: { trainer: `${root}web/src/worker/trainer.ts`, core: `${root}web/src/core/index.ts` },
    external: [/\/wasm\/mlp-(simd|scalar)\.mjs$/],
    platform: 'node',
    logLevel: 'warn',
    resolve: { alias: { 'protobufjs/minimal': `${root}node_modules/protobufjs/dist/minimal/protobuf.min.js` } },
  });
  await bundle.write({ dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name].js' });
  await bundle.close();
  // Two entries under web/src: the glue's import keeps its path from there (core/wasm/),
  // while loadCore fetches the .wasm next to core.js (wasm/).
  for (const f of readdirSync(`${root}web/src/core/wasm`)) {
    if (f.endsWith('.mjs')) cpSync(`${root}web/src/core/wasm/${f}`, `${out}core/wasm/${f}`);
    if (f.endsWith('.wasm')) cpSync(`${root}web/src/core/wasm/${f}`, `${out}wasm/${f}`);
  }
  const { loadCore } = await import(pathToFileURL(`${out}core.js`).href);
  const { Trainer } = await import(pathToFileURL(`${out}trainer.js`).href);
  return { loadCore, Trainer };
}
