// Loss kernels (PyTorch semantics, see mlp/loss.h): the value summed over the valid
// elements in double, and the gradient times `scale` (the caller passes 1/count for a
// mean). Per-element arithmetic is f32 like the network; only the sum is f64, in both
// variants. dY / dZ may be null: the value alone (evaluation passes).
#include <cmath>
#include <cstddef>
#include <type_traits>

#include "kernels/kernels.h"
#include "kernels/simd_math.h"
#include "kernels/simd_tail.h"

namespace mlp::kernels {
namespace {

namespace sm = simd_math;
using simd_tail::accumulate_f64;
using simd_tail::for_column_blocks;
using simd_tail::row;
using simd_tail::sum_f64;
using sm::splat;

inline v128_t zero_f64() { return wasm_f64x2_splat(0.0); }

// body(std::true_type) when the gradient pointer is set, body(std::false_type) otherwise:
// the SIMD loops test it with `if constexpr`, not per block.
template <class Body>
inline double with_grad(const float* grad, Body&& body) {
  return grad ? body(std::true_type{}) : body(std::false_type{});
}

}  // namespace

// ---- mse ---------------------------------------------------------------------------------
// Y, T, dY are (M, N) stride ld. Returns sum (y - t)^2; dY = scale * 2 (y - t).
double mse_loss_scalar(const float* Y, const float* T, float* dY, int M, int N, int ld,
                       float scale) {
  const float g = 2.0f * scale;
  double sum = 0.0;
  for (int i = 0; i < M; ++i) {
    const std::ptrdiff_t r = row(i, ld);
    for (int c = 0; c < N; ++c) {
      const float d = Y[r + c] - T[r + c];
      sum += static_cast<double>(d * d);
      if (dY) dY[r + c] = g * d;
    }
  }
  return sum;
}

double mse_loss_wasmsimd(const float* Y, const float* T, float* dY, int M, int N, int ld,
                         float scale) {
  const v128_t g = splat(2.0f * scale);
  return with_grad(dY, [&](auto grad) {
    v128_t lo = zero_f64(), hi = zero_f64();
    for (int i = 0; i < M; ++i) {
      const std::ptrdiff_t r = row(i, ld);
      for_column_blocks(N, [&](int c, auto io) {
        const v128_t d = wasm_f32x4_sub(io.load(Y + r + c), io.load(T + r + c));
        accumulate_f64(io.keep(wasm_f32x4_mul(d, d)), lo, hi);
        if constexpr (decltype(grad)::value) io.store(dY + r + c, wasm_f32x4_mul(g, d));
      });
    }
    return sum_f64(lo, hi);
  });
}

// ---- bce from logits ---------------------------------------------------------------------
// Z, T, dZ are (M, N) stride ld. Returns sum max(z,0) - z t + log1p(exp(-|z|))
// (nn.BCEWithLogitsLoss); dZ = scale * (sigmoid(z) - t). One e = exp(-|z|) feeds both the
// log1p and the stable sigmoid (z < 0 ? e : 1) / (1 + e), so |z| = 100 is exact enough.
double bce_logits_loss_scalar(const float* Z, const float* T, float* dZ, int M, int N, int ld,
                              float scale) {
  double sum = 0.0;
  for (int i = 0; i < M; ++i) {
    const std::ptrdiff_t r = row(i, ld);
    for (int c = 0; c < N; ++c) {
      const float z = Z[r + c], t = T[r + c];
      const float e = std::exp(-std::fabs(z));
      sum += static_cast<double>((z < 0.0f ? 0.0f : z) - z * t + std::log1p(e));
      if (dZ) dZ[r + c] = scale * ((z < 0.0f ? e : 1.0f) / (1.0f + e) - t);
    }
  }
  return sum;
}

double bce_logits_loss_wasmsimd(const float* Z, const float* T, float* dZ, int M, int N, int ld,
                                float scale) {
  const v128_t one = splat(1.0f), zero = splat(0.0f), vscale = splat(scale);
  return with_grad(dZ, [&](auto grad) {
    v128_t lo = zero_f64(), hi = zero_f64();
    for (int i = 0; i < M; ++i) {
      const std::ptrdiff_t r = row(i, ld);
      for_column_blocks(N, [&](int c, auto io) {
        const v128_t z = io.load(Z + r + c), t = io.load(T + r + c);
        const v128_t e = sm::exp_nonpos_f32x4(wasm_f32x4_neg(wasm_f32x4_abs(z)));
        const v128_t l =
            wasm_f32x4_add(wasm_f32x4_sub(wasm_f32x4_pmax(z, zero), wasm_f32x4_mul(z, t)),
                           sm::log1p_unit_f32x4(e));
        accumulate_f64(io.keep(l), lo, hi);  // padded lanes would add log 2
        if constexpr (decltype(grad)::value) {
          const v128_t num = wasm_v128_bitselect(e, one, wasm_f32x4_lt(z, zero));
          const v128_t s = wasm_f32x4_div(num, wasm_f32x4_add(one, e));
          io.store(dZ + r + c, wasm_f32x4_mul(vscale, wasm_f32x4_sub(s, t)));
        }
      });
    }
    return sum_f64(lo, hi);
  });
}

// ---- softmax cross-entropy -----------------------------------------------------------------
// Z, T, Y, dZ are (M, N) stride ld; per column: Y = softmax(Z) (the same arithmetic as
// softmax_forward), log p = (z - max) - log(sum exp(z - max)), loss -sum_j t_j log p_j,
// dZ = scale * (p * sum_j t_j - t). Targets may be probabilities (sum t need not be 1).
double softmax_ce_loss_scalar(const float* Z, const float* T, float* Y, float* dZ, int M, int N,
                              int ld, float scale) {
  if (M < 1) return 0.0;  // the max is seeded from row 0
  double sum = 0.0;
  for (int c = 0; c < N; ++c) {
    float m = Z[c];
    for (int i = 1; i < M; ++i) {
      const float z = Z[row(i, ld) + c];
      m = m < z ? z : m;
    }
    float s = 0.0f, tsum = 0.0f;
    for (int i = 0; i < M; ++i) {
      const float e = std::exp(Z[row(i, ld) + c] - m);
      Y[row(i, ld) + c] = e;
      s += e;
      tsum += T[row(i, ld) + c];
    }
    const float inv = 1.0f / s, log_s = std::log(s);
    for (int i = 0; i < M; ++i) {
      const std::ptrdiff_t k = row(i, ld) + c;
      const float p = Y[k] * inv;
      Y[k] = p;
      const float logp = (Z[k] - m) - log_s;
      sum -= static_cast<double>(T[k] * logp);
      if (dZ) dZ[k] = scale * (p * tsum - T[k]);
    }
  }
  return sum;
}

// SIMD across 4 columns: pass 1 max, pass 2 exp / sums, pass 3 p, log p, loss, gradient.
double softmax_ce_loss_wasmsimd(const float* Z, const float* T, float* Y, float* dZ, int M, int N,
                                int ld, float scale) {
  if (M < 1) return 0.0;  // the max is seeded from row 0
  const v128_t vscale = splat(scale);
  return with_grad(dZ, [&](auto grad) {
    v128_t lo = zero_f64(), hi = zero_f64();
    for_column_blocks(N, [&](int c, auto io) {
      v128_t m = io.load(Z + c);
      for (int i = 1; i < M; ++i) m = wasm_f32x4_pmax(m, io.load(Z + row(i, ld) + c));
      v128_t s = splat(0.0f), tsum = splat(0.0f);
      for (int i = 0; i < M; ++i) {
        const v128_t e = sm::exp_nonpos_f32x4(wasm_f32x4_sub(io.load(Z + row(i, ld) + c), m));
        io.store(Y + row(i, ld) + c, e);
        s = wasm_f32x4_add(s, e);
        tsum = wasm_f32x4_add(tsum, io.load(T + row(i, ld) + c));
      }
      // s >= 1 (the max term is exp(0)): inside the domain of log_f32x4.
      const v128_t inv = wasm_f32x4_div(splat(1.0f), s);
      const v128_t log_s = sm::log_f32x4(s);
      for (int i = 0; i < M; ++i) {
        const std::ptrdiff_t k = row(i, ld) + c;
        const v128_t p = wasm_f32x4_mul(io.load(Y + k), inv);
        io.store(Y + k, p);
        const v128_t t = io.load(T + k);
        const v128_t logp = wasm_f32x4_sub(wasm_f32x4_sub(io.load(Z + k), m), log_s);
        accumulate_f64(io.keep(wasm_f32x4_neg(wasm_f32x4_mul(t, logp))), lo, hi);
        if constexpr (decltype(grad)::value)
          io.store(dZ + k, wasm_f32x4_mul(vscale, wasm_f32x4_sub(wasm_f32x4_mul(p, tsum), t)));
      }
    });
    return sum_f64(lo, hi);
  });
}

}  // namespace mlp::kernels
