// TensorFlow.js 4.22 as a peer, the Node side: tfjs-core with the `cpu` backend and with
// the `wasm` backend (XNNPACK, SIMD on, single-threaded build), bundled (for Node, and as
// an ES module for the browser bench's worker) and configured. The networks and how they
// train are bench/lib/tfjs-model.mjs.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
export { tfjsLibrary } from './tfjs-model.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD = process.env.MLP_BUILD_ROOT || `${ROOT}build`;
export const BUNDLE = `${BUILD}/bench/tfjs.cjs`;
/** The browser bench's copy: an ES module (served by bench/browser.mjs as /build/bench/tfjs-browser.mjs). */
export const BROWSER_BUNDLE = `${ROOT}build/bench/tfjs-browser.mjs`;
const ENTRY = `${ROOT}bench/peers/tfjs-entry.mjs`;
export const WASM_DIR = `${ROOT}node_modules/@tensorflow/tfjs-backend-wasm/dist/`;

const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
};

/** Bundles bench/peers/tfjs-entry.mjs (rolldown, already installed with Vite) into `file` unless up to date. */
async function bundle(file, platform, mainFields, format) {
  const m = mtime(file);
  if (m > mtime(ENTRY) && m > mtime(`${ROOT}package-lock.json`)) return file;
  const { build } = await import('rolldown');
  await build({
    input: ENTRY,
    platform,
    // ESM builds of the tfjs packages (one copy of tfjs-core), kept whole: the backends
    // register themselves as side effects.
    resolve: { mainFields },
    treeshake: { moduleSideEffects: true },
    output: { file, format },
    logLevel: 'silent',
  });
  return file;
}

/** For Node: CommonJS, so that the Emscripten glue of the wasm backend finds __dirname. */
export const ensureBundle = () => bundle(BUNDLE, 'node', ['module', 'main'], 'cjs');

/** The same TF.js as an ES module for the browser (the bench page's worker imports it). */
export const ensureBrowserBundle = () => bundle(BROWSER_BUNDLE, 'browser', ['browser', 'module', 'main'], 'esm');

/** Loads the bundle and configures the wasm backend: SIMD, no threads (one thread). */
export function loadTf() {
  const { tf, wasm } = createRequire(import.meta.url)(BUNDLE);
  // Without this the engine picks the threaded build (Node has SharedArrayBuffer) and a
  // worker pool; the plain SIMD build runs XNNPACK on the calling thread only.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setThreadsCount(1);
  wasm.setWasmPaths(WASM_DIR);
  // "Disables correctness checks in favor of performance" (and the Node.js banner).
  tf.enableProdMode();
  return { tf, wasm };
}

/** Initialises one backend and checks the wasm one runs SIMD without threads. */
export async function initBackend(tf, backend) {
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to initialise`);
  await tf.ready();
  if (backend === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    if (!simd || threads) throw new Error(`TF.js wasm: expected SIMD on, threads off; got simd=${simd} threads=${threads}`);
  }
}
