// Whether the engine can run the SIMD build: a module of its own, so that the site's page can
// ask (main.ts, to fetch the worker's first core early) without importing the library.
// Tiny modules valid only where the engine has wasm SIMD (a v128 instruction) and wasm
// exception handling (try / catch_all): the SIMD build uses both.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);
const EXCEPTIONS_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);

/**
 * Whether this engine can run the SIMD build: WebAssembly SIMD and exception handling
 * (checked with WebAssembly.validate on two tiny modules).
 */
export function simdSupported(): boolean {
  try {
    return WebAssembly.validate(SIMD_PROBE) && WebAssembly.validate(EXCEPTIONS_PROBE);
  } catch {
    return false;
  }
}
