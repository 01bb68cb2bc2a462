// The playground site's first-load core: the SIMD module built without the network file,
// the introspection and the loss surface (mlp-simd-lite, cpp/bindings/bindings.cpp with
// MLP_LITE), for a smaller first download. Not part of the npm package: its worker bundle
// (scripts/bundle-element.mjs) maps this module to the package's loadCore. Where the engine
// has no SIMD this loads the full scalar module. The site's worker switches to the full
// core when a feature needs it (worker/worker.ts, Trainer.switchCore).
import { type InternalLoadOptions, loadCore, type MlpCore } from './index.js';
import { liteWasmUrl } from './lite-url.js';
import type { ModuleFactory } from './raw.js';
import { simdSupported } from './simd.js';
import type { LoadOptions } from './types.js';

let glue: Promise<ModuleFactory> | null = null;
function liteGlue(): Promise<ModuleFactory> {
  glue ??= import('./wasm/mlp-simd-lite.mjs').then((m) => m.default);
  return glue;
}

/** Starts loading the lite module's glue (the worker's first lines: it loads while the .wasm downloads). */
export function warmLiteCore(): void {
  if (simdSupported()) liteGlue().catch(() => { glue = null; });
}

/**
 * The lite core (the full scalar one without SIMD). `liteWasm`: the lite .wasm's bytes when
 * the caller has them already (the site's page fetched them, app/client.ts); used only if
 * the lite module applies.
 */
export async function loadLiteCore(options: LoadOptions & { liteWasm?: ArrayBuffer } = {}): Promise<MlpCore> {
  const { liteWasm, ...rest } = options;
  const lite: InternalLoadOptions['lite'] = { url: liteWasmUrl(), factory: liteGlue, bytes: liteWasm };
  return loadCore({ ...rest, lite } as InternalLoadOptions);
}
