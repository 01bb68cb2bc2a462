// The playground site's first-load core: the SIMD module built without the network file,
// the introspection and the loss surface (mlp-simd-lite, cpp/bindings/bindings.cpp with
// MLP_LITE), for a smaller first download. Not part of the npm package: its worker bundle
// (scripts/bundle-element.mjs) maps this module to the package's loadCore. Where the engine
// has no SIMD this loads the full scalar module. The site's worker switches to the full
// core when a feature needs it (worker/worker.ts, Trainer.switchCore).
import { type InternalLoadOptions, loadCore, type MlpCore } from './index.js';
import type { ModuleFactory } from './raw.js';
import type { LoadOptions } from './types.js';

export async function loadLiteCore(options: LoadOptions = {}): Promise<MlpCore> {
  const lite: InternalLoadOptions['lite'] = {
    url: new URL('./wasm/mlp-simd-lite.wasm', import.meta.url),
    factory: async (): Promise<ModuleFactory> => (await import('./wasm/mlp-simd-lite.mjs')).default,
  };
  return loadCore({ ...options, lite } as InternalLoadOptions);
}
