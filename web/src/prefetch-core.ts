// The site's playground page: its worker's first core (the lite .wasm, the largest file of the
// first load, preloaded by index.html: vite.config.ts) is fetched here, beside the element
// and the worker script instead of after them, and handed to the first trainer's worker
// (app/client.ts), which takes them a microtask after the element starts. Called by main.ts
// (a call, not a bare import: the package is marked side-effect free).
import { offerCoreBytes } from './app/client.js';
import { liteWasmUrl } from './core/lite-url.js';
import { simdSupported } from './core/simd.js';

export function prefetchCore(): void {
  if (simdSupported()) offerCoreBytes(fetch(liteWasmUrl(), { credentials: 'same-origin' }).then((r) => (r.ok ? r.arrayBuffer() : undefined)));
}
