// Types of the Emscripten glue modules (built into ./wasm/ by `npm run build:wasm`).
declare module '*/wasm/mlp-simd.mjs' {
  import type { ModuleFactory } from './raw.js';
  const factory: ModuleFactory;
  export default factory;
}
declare module '*/wasm/mlp-scalar.mjs' {
  import type { ModuleFactory } from './raw.js';
  const factory: ModuleFactory;
  export default factory;
}
declare module '*/wasm/mlp-simd-lite.mjs' {
  import type { ModuleFactory } from './raw.js';
  const factory: ModuleFactory;
  export default factory;
}
