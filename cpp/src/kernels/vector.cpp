// Flat-vector kernels of the introspection calls (gradient flow, loss surface, principal
// directions): y += a x, dot products and squared distances summed in double, and the
// per-unit counts of active and saturated pre-activations. The reductions add four float
// lanes per block of at most 1024 elements into double (as sum_squares does), so long
// vectors keep float-level relative precision; the scalar reference sums in double
// throughout, so the variants agree to a few float ulps of the sum of |terms|, not bit for bit.
#include <cmath>

#include "kernels/kernels.h"
#include "kernels/simd.h"
#include "kernels/simd_tail.h"

namespace mlp::kernels {

// ---- y += a x ------------------------------------------------------------------------------
void add_scaled_scalar(float* y, const float* x, std::size_t n, float a) {
  for (std::size_t i = 0; i < n; ++i) y[i] += a * x[i];
}
void add_scaled_wasmsimd(float* y, const float* x, std::size_t n, float a) {
  const v128_t va = wasm_f32x4_splat(a);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(y + i, wasm_f32x4_add(wasm_v128_load(y + i),
                                          wasm_f32x4_mul(va, wasm_v128_load(x + i))));
  for (; i < n; ++i) y[i] += a * x[i];
}

// ---- sum a_i b_i and sum (a_i - b_i)^2 ------------------------------------------------------
namespace {
// Sums term(a[i], b[i]) as four float lanes per block of <= 1024 elements, each block's
// lanes then added in double; the tail in double.
template <class VTerm, class STerm>
double blocked_sum(const float* a, const float* b, std::size_t n, VTerm vterm, STerm sterm) {
  double s = 0.0;
  std::size_t i = 0;
  while (i + 4 <= n) {
    v128_t acc = wasm_f32x4_splat(0.0f);
    const std::size_t full = (n - i) / 4 * 4;
    const std::size_t end = i + (full > 1024 ? 1024 : full);
    for (; i < end; i += 4) acc = wasm_f32x4_add(acc, vterm(wasm_v128_load(a + i), wasm_v128_load(b + i)));
    s += static_cast<double>(wasm_f32x4_extract_lane(acc, 0)) + wasm_f32x4_extract_lane(acc, 1) +
         wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3);
  }
  for (; i < n; ++i) s += sterm(a[i], b[i]);
  return s;
}
}  // namespace

double dot_scalar(const float* a, const float* b, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += static_cast<double>(a[i]) * b[i];
  return s;
}
double dot_wasmsimd(const float* a, const float* b, std::size_t n) {
  return blocked_sum(
      a, b, n, [](v128_t x, v128_t y) { return wasm_f32x4_mul(x, y); },
      [](float x, float y) { return static_cast<double>(x) * y; });
}

double sum_squares_diff_scalar(const float* a, const float* b, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = static_cast<double>(a[i]) - b[i];
    s += d * d;
  }
  return s;
}
double sum_squares_diff_wasmsimd(const float* a, const float* b, std::size_t n) {
  return blocked_sum(
      a, b, n,
      [](v128_t x, v128_t y) {
        const v128_t d = wasm_f32x4_sub(x, y);
        return wasm_f32x4_mul(d, d);
      },
      [](float x, float y) {
        const double d = static_cast<double>(x) - y;
        return d * d;
      });
}

// ---- per-unit counts over a feature-major block ---------------------------------------------
void count_units_scalar(const float* Z, int M, int N, int ld, float limit, int* positive,
                        int* beyond) {
  for (int m = 0; m < M; ++m) {
    const float* z = Z + simd_tail::row(m, ld);
    int p = 0, b = 0;
    for (int c = 0; c < N; ++c) {
      p += z[c] > 0.0f;
      b += std::fabs(z[c]) > limit;
    }
    positive[m] += p;
    beyond[m] += b;
  }
}
void count_units_wasmsimd(const float* Z, int M, int N, int ld, float limit, int* positive,
                          int* beyond) {
  const v128_t zero = wasm_f32x4_splat(0.0f), lim = wasm_f32x4_splat(limit);
  for (int m = 0; m < M; ++m) {
    const float* z = Z + simd_tail::row(m, ld);
    // Comparison masks are -1 per true lane: subtracting them counts.
    v128_t p = wasm_i32x4_splat(0), b = wasm_i32x4_splat(0);
    simd_tail::for_column_blocks(N, [&](int c, auto io) {
      const v128_t v = io.load(z + c);
      p = wasm_i32x4_sub(p, io.keep(wasm_f32x4_gt(v, zero)));
      b = wasm_i32x4_sub(b, io.keep(wasm_f32x4_gt(wasm_f32x4_abs(v), lim)));
    });
    positive[m] += wasm_i32x4_extract_lane(p, 0) + wasm_i32x4_extract_lane(p, 1) +
                   wasm_i32x4_extract_lane(p, 2) + wasm_i32x4_extract_lane(p, 3);
    beyond[m] += wasm_i32x4_extract_lane(b, 0) + wasm_i32x4_extract_lane(b, 1) +
                 wasm_i32x4_extract_lane(b, 2) + wasm_i32x4_extract_lane(b, 3);
  }
}

}  // namespace mlp::kernels
