// The package's `mlp-playground/element` entry (dist/lib/element.js): importing it defines
// <mlp-playground>. The built file bundles Lit, Comlink and uPlot; the element's training
// worker (element-worker.js) and the wasm modules are files beside it, found through
// import.meta.url, so it runs from a static folder as well as bundled.
import type { MlpPlaygroundConstructor } from './app/api.js';
import { MlpPlayground as Element } from './app/playground.js';  // defines <mlp-playground>

export type * from './app/api.js';

/** The element's class (already registered as `mlp-playground`). */
export const MlpPlayground: MlpPlaygroundConstructor = Element;
