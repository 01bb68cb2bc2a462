// Flat elementwise transcendentals y[i] = f(x[i]): the scalar reference (std::) and the
// wasm-SIMD variant (simd_math.h approximations; bounds stated there).
#include <cmath>
#include <cstddef>

#include "kernels/kernels.h"
#include "kernels/simd_math.h"
#include "kernels/simd_tail.h"

namespace mlp::kernels {

namespace sm = simd_math;
using simd_tail::for_blocks;

// Applies a vector function to n floats, 4 at a time, the tail through the same code.
template <class VF>
static inline void map_f32x4(const float* x, float* y, std::size_t n, VF vf) {
  for_blocks(n, [&](std::size_t i, auto io) { io.store(y + i, vf(io.load(x + i))); });
}

// ---- tanh ----------------------------------------------------------------------------------
// x, y are (n). y may equal x.
void tanh_vec_scalar(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = std::tanh(x[i]);
}
void tanh_vec_wasmsimd(const float* x, float* y, std::size_t n) {
  map_f32x4(x, y, n, [](v128_t v) { return sm::tanh_f32x4(v); });
}

// ---- sigmoid -------------------------------------------------------------------------------
// x, y are (n). y may equal x. Stable form: e = exp(-|x|) never overflows, and the
// negative tail e / (1 + e) keeps its relative accuracy.
void sigmoid_vec_scalar(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = sm::sigmoid_scalar(x[i]);
}
void sigmoid_vec_wasmsimd(const float* x, float* y, std::size_t n) {
  map_f32x4(x, y, n, [](v128_t v) { return sm::sigmoid_f32x4(v); });
}

// ---- exp -----------------------------------------------------------------------------------
// x, y are (n). y may equal x.
void exp_vec_scalar(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = std::exp(x[i]);
}
void exp_vec_wasmsimd(const float* x, float* y, std::size_t n) {
  map_f32x4(x, y, n, [](v128_t v) { return sm::exp_f32x4(v); });
}

}  // namespace mlp::kernels
