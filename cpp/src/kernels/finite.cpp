// Whether every element is finite: the input check run on every batch and epoch, so it
// is a kernel too. x - x is 0 for finite x and NaN for inf or NaN; NaN != NaN marks it.
#include <cmath>

#include "kernels/kernels.h"
#include "kernels/simd.h"

namespace mlp::kernels {

bool all_finite_scalar(const float* x, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(x[i])) return false;
  return true;
}

bool all_finite_wasmsimd(const float* x, std::size_t n) {
  v128_t bad = wasm_i32x4_splat(0);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t v = wasm_v128_load(x + i);
    const v128_t d = wasm_f32x4_sub(v, v);
    bad = wasm_v128_or(bad, wasm_f32x4_ne(d, d));
  }
  if (wasm_v128_any_true(bad)) return false;
  for (; i < n; ++i)
    if (!std::isfinite(x[i])) return false;
  return true;
}

}  // namespace mlp::kernels
