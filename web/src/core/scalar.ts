// The scalar build, for engines without WebAssembly SIMD (or exception handling): loadCore
// imports this module only then. The site bundles the glue as a lazy chunk and the .wasm as
// an asset beside the SIMD build's. The npm package does not ship it: scripts/bundle-lib.mjs
// puts scalar-package.ts in this module's place, which imports the companion package
// mlp-playground-scalar (packages/scalar/).
import type { ModuleFactory } from './raw.js';

export interface ScalarBuild {
  factory: ModuleFactory;
  wasmUrl: URL;
}

export async function loadScalarBuild(): Promise<ScalarBuild> {
  const glue = await import('./wasm/mlp-scalar.mjs');
  return { factory: glue.default, wasmUrl: new URL('./wasm/mlp-scalar.wasm', import.meta.url) };
}
