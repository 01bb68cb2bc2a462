// The one place that chooses where wasm_simd128.h comes from: the real header when
// compiling to wasm with -msimd128, otherwise SIMDe's implementation of the same API
// (SSE on x86, NEON on ARM, portable C elsewhere), so the wasmsimd kernels are built
// and tested natively and in the scalar wasm build as well.
#pragma once

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#else
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/wasm/simd128.h>
#endif
