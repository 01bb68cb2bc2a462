// mlp-playground-scalar: the scalar build of mlp-playground's core (wasm without SIMD), for
// engines that lack WebAssembly SIMD or exception handling. mlp-playground's loadCore()
// imports this module by name when it needs it: the Emscripten glue's factory and the
// .wasm file's URL beside it (wasm/, built by scripts/build-lib.sh; not in git).
export { default } from './wasm/mlp-scalar.mjs';

/** The scalar .wasm (read from disk in Node, fetched in a browser). */
export const wasmUrl = new URL('./wasm/mlp-scalar.wasm', import.meta.url);
