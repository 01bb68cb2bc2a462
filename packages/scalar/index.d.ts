// The companion package's surface, as mlp-playground's loadCore() uses it (not an API of
// its own: use mlp-playground's loadCore({ simd: false }) or its 'auto' default).
/** The Emscripten glue's module factory of the scalar build. */
declare const factory: (options?: object) => Promise<unknown>;
export default factory;
/** The scalar .wasm, beside this module. */
export declare const wasmUrl: URL;
