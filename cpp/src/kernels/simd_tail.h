// The tail policy of kernels.h in one place: a column block is either 4 full lanes
// (FullIO) or the last k = n % 4 columns (TailIO), loaded zero-padded into a vector and
// stored back lane by lane, so both go through the same vector code and nothing is read
// or written past column n-1.
#pragma once

#include <cstddef>

#include "kernels/simd.h"

namespace mlp::kernels::simd_tail {

// Offset of row i in a row-major array of stride ld.
inline std::ptrdiff_t row(int i, int ld) { return static_cast<std::ptrdiff_t>(i) * ld; }

struct FullIO {
  v128_t load(const float* p) const { return wasm_v128_load(p); }
  void store(float* p, v128_t v) const { wasm_v128_store(p, v); }
  // Zeroes lanes that are not real columns (none here); used before reductions.
  v128_t keep(v128_t v) const { return v; }
};

struct TailIO {
  int k;  // valid lanes, 1..3
  // Zero-extending 32/64-bit loads and single-lane stores: p[k..3] is never touched,
  // and no memcpy call on the tail.
  v128_t load(const float* p) const {
    if (k == 2) return wasm_v128_load64_zero(p);
    if (k == 1) return wasm_v128_load32_zero(p);
    return wasm_v128_load32_lane(p + 2, wasm_v128_load64_zero(p), 2);
  }
  void store(float* p, v128_t v) const {
    if (k == 1) {
      wasm_v128_store32_lane(p, v, 0);
      return;
    }
    wasm_v128_store64_lane(p, v, 0);
    if (k == 3) wasm_v128_store32_lane(p + 2, v, 2);
  }
  v128_t keep(v128_t v) const {
    // lane i is kept iff i < k
    const v128_t lane = wasm_i32x4_make(0, 1, 2, 3);
    return wasm_v128_and(v, wasm_i32x4_lt(lane, wasm_i32x4_splat(k)));
  }
};

// Calls body(c, io) for c = 0, 4, 8, ... with FullIO and, if n % 4 != 0, once more for the
// last partial block with TailIO. body is a generic lambda, so each IO gets its own
// inlined copy and the full-block loop carries no tail test.
template <class Body>
inline void for_column_blocks(int n, Body&& body) {
  int c = 0;
  for (; c + 4 <= n; c += 4) body(c, FullIO{});
  if (c < n) body(c, TailIO{n - c});
}

// size_t-counted flat arrays (math.cpp): same policy.
template <class Body>
inline void for_blocks(std::size_t n, Body&& body) {
  std::size_t c = 0;
  for (; c + 4 <= n; c += 4) body(c, FullIO{});
  if (c < n) body(c, TailIO{static_cast<int>(n - c)});
}

// Adds the four f32 lanes of v, widened to f64, into two f64x2 accumulators: the loss
// kernels sum in double like the scalar reference.
inline void accumulate_f64(v128_t v, v128_t& lo, v128_t& hi) {
  lo = wasm_f64x2_add(lo, wasm_f64x2_promote_low_f32x4(v));
  hi = wasm_f64x2_add(hi, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 2, 3)));
}

inline double sum_f64(v128_t lo, v128_t hi) {
  const v128_t s = wasm_f64x2_add(lo, hi);
  return wasm_f64x2_extract_lane(s, 0) + wasm_f64x2_extract_lane(s, 1);
}

}  // namespace mlp::kernels::simd_tail
