// Optimizer and regularisation updates: flat loops over the network's parameter and
// gradient buffers. Only IEEE add/mul/div/sqrt are used, in the same order in both
// variants, so the scalar reference and the SIMD variant agree bit for bit.
//
// Optimizer state is flushed to zero once it decays below FLT_MIN: the moments of units
// whose gradient stays 0 (dead ReLUs) shrink geometrically into subnormals, which x86
// processes about 100x slower, and wasm cannot switch on flush-to-zero. A state below
// 1.2e-38 never changes a step, so the results are those of PyTorch to every printed digit.
#include <cfloat>
#include <cmath>

#include "kernels/kernels.h"
#include "kernels/simd.h"

namespace mlp::kernels {

namespace {
inline float flush(float x) { return std::fabs(x) < FLT_MIN ? 0.0f : x; }
inline v128_t flush(v128_t x) {
  return wasm_v128_and(x, wasm_f32x4_ge(wasm_f32x4_abs(x), wasm_f32x4_splat(FLT_MIN)));
}
}  // namespace

// ---- w -= lr * g -----------------------------------------------------------------------
void sgd_update_scalar(float* w, const float* g, std::size_t n, float lr) {
  for (std::size_t i = 0; i < n; ++i) w[i] -= lr * g[i];
}
void sgd_update_wasmsimd(float* w, const float* g, std::size_t n, float lr) {
  const v128_t vlr = wasm_f32x4_splat(lr);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i),
                                          wasm_f32x4_mul(vlr, wasm_v128_load(g + i))));
  for (; i < n; ++i) w[i] -= lr * g[i];
}

// ---- v = mu v + g;  w -= lr v ---------------------------------------------------------
void momentum_update_scalar(float* w, const float* g, float* v, std::size_t n, float lr,
                            float mu) {
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = flush(mu * v[i] + g[i]);
    w[i] -= lr * v[i];
  }
}
void momentum_update_wasmsimd(float* w, const float* g, float* v, std::size_t n, float lr,
                              float mu) {
  const v128_t vlr = wasm_f32x4_splat(lr), vmu = wasm_f32x4_splat(mu);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t vi = flush(wasm_f32x4_add(wasm_f32x4_mul(vmu, wasm_v128_load(v + i)),
                                           wasm_v128_load(g + i)));
    wasm_v128_store(v + i, vi);
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), wasm_f32x4_mul(vlr, vi)));
  }
  for (; i < n; ++i) {
    v[i] = flush(mu * v[i] + g[i]);
    w[i] -= lr * v[i];
  }
}

// ---- Adam (torch.optim.Adam, amsgrad off) ----------------------------------------------
// step_size = lr / bc1 and sqrt(bc2) are formed once per step (in double by the caller's
// bias corrections), as PyTorch does with Python floats.
void adam_update_scalar(float* w, const float* g, float* m, float* v, std::size_t n, float lr,
                        float beta1, float beta2, float eps, float bias_correction1,
                        float bias_correction2) {
  const float step_size = static_cast<float>(static_cast<double>(lr) / bias_correction1);
  const float bc2_sqrt = static_cast<float>(std::sqrt(static_cast<double>(bias_correction2)));
  const float one_minus_b1 = 1.0f - beta1, one_minus_b2 = 1.0f - beta2;
  for (std::size_t i = 0; i < n; ++i) {
    m[i] = flush(beta1 * m[i] + one_minus_b1 * g[i]);
    v[i] = flush(beta2 * v[i] + one_minus_b2 * (g[i] * g[i]));
    const float denom = std::sqrt(v[i]) / bc2_sqrt + eps;
    w[i] -= step_size * (m[i] / denom);
  }
}
void adam_update_wasmsimd(float* w, const float* g, float* m, float* v, std::size_t n, float lr,
                          float beta1, float beta2, float eps, float bias_correction1,
                          float bias_correction2) {
  const float step_size = static_cast<float>(static_cast<double>(lr) / bias_correction1);
  const float bc2_sqrt = static_cast<float>(std::sqrt(static_cast<double>(bias_correction2)));
  const float one_minus_b1 = 1.0f - beta1, one_minus_b2 = 1.0f - beta2;
  const v128_t vb1 = wasm_f32x4_splat(beta1), vb2 = wasm_f32x4_splat(beta2);
  const v128_t v1b1 = wasm_f32x4_splat(one_minus_b1), v1b2 = wasm_f32x4_splat(one_minus_b2);
  const v128_t vstep = wasm_f32x4_splat(step_size), vbc2 = wasm_f32x4_splat(bc2_sqrt);
  const v128_t veps = wasm_f32x4_splat(eps);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t gi = wasm_v128_load(g + i);
    const v128_t mi = flush(wasm_f32x4_add(wasm_f32x4_mul(vb1, wasm_v128_load(m + i)),
                                           wasm_f32x4_mul(v1b1, gi)));
    const v128_t vi = flush(wasm_f32x4_add(wasm_f32x4_mul(vb2, wasm_v128_load(v + i)),
                                           wasm_f32x4_mul(v1b2, wasm_f32x4_mul(gi, gi))));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    const v128_t denom = wasm_f32x4_add(wasm_f32x4_div(wasm_f32x4_sqrt(vi), vbc2), veps);
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i),
                                          wasm_f32x4_mul(vstep, wasm_f32x4_div(mi, denom))));
  }
  for (; i < n; ++i) {
    m[i] = flush(beta1 * m[i] + one_minus_b1 * g[i]);
    v[i] = flush(beta2 * v[i] + one_minus_b2 * (g[i] * g[i]));
    const float denom = std::sqrt(v[i]) / bc2_sqrt + eps;
    w[i] -= step_size * (m[i] / denom);
  }
}

// ---- regularisation --------------------------------------------------------------------
void add_l1_scalar(float* g, const float* w, std::size_t n, float rate) {
  for (std::size_t i = 0; i < n; ++i) {
    const float s = w[i] > 0.0f ? 1.0f : (w[i] < 0.0f ? -1.0f : 0.0f);
    g[i] += rate * s;
  }
}
void add_l1_wasmsimd(float* g, const float* w, std::size_t n, float rate) {
  const v128_t pos = wasm_f32x4_splat(rate), neg = wasm_f32x4_splat(-rate);
  const v128_t zero = wasm_f32x4_splat(0.0f);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t wi = wasm_v128_load(w + i);
    // rate * sign(w) without a multiply: +rate where w > 0, -rate where w < 0, else 0.
    const v128_t s = wasm_v128_or(wasm_v128_and(pos, wasm_f32x4_gt(wi, zero)),
                                  wasm_v128_and(neg, wasm_f32x4_lt(wi, zero)));
    wasm_v128_store(g + i, wasm_f32x4_add(wasm_v128_load(g + i), s));
  }
  for (; i < n; ++i) {
    const float s = w[i] > 0.0f ? 1.0f : (w[i] < 0.0f ? -1.0f : 0.0f);
    g[i] += rate * s;
  }
}

void add_l2_scalar(float* g, const float* w, std::size_t n, float rate) {
  for (std::size_t i = 0; i < n; ++i) g[i] += rate * w[i];
}
void add_l2_wasmsimd(float* g, const float* w, std::size_t n, float rate) {
  const v128_t r = wasm_f32x4_splat(rate);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(g + i, wasm_f32x4_add(wasm_v128_load(g + i),
                                          wasm_f32x4_mul(r, wasm_v128_load(w + i))));
  for (; i < n; ++i) g[i] += rate * w[i];
}

// ---- gradient norm ---------------------------------------------------------------------
double sum_squares_scalar(const float* g, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += static_cast<double>(g[i]) * g[i];
  return s;
}
double sum_squares_wasmsimd(const float* g, std::size_t n) {
  // Four float lanes per block of at most 1024 elements, flushed to double, so the
  // float partial sums never grow long enough to lose precision.
  double s = 0.0;
  std::size_t i = 0;
  while (i + 4 <= n) {
    v128_t acc = wasm_f32x4_splat(0.0f);
    const std::size_t end = (n - i) / 4 * 4 > 1024 ? i + 1024 : i + (n - i) / 4 * 4;
    for (; i < end; i += 4) {
      const v128_t gi = wasm_v128_load(g + i);
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(gi, gi));
    }
    s += static_cast<double>(wasm_f32x4_extract_lane(acc, 0)) + wasm_f32x4_extract_lane(acc, 1) +
         wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3);
  }
  for (; i < n; ++i) s += static_cast<double>(g[i]) * g[i];
  return s;
}

void scale_inplace_scalar(float* g, std::size_t n, float s) {
  for (std::size_t i = 0; i < n; ++i) g[i] *= s;
}
void scale_inplace_wasmsimd(float* g, std::size_t n, float s) {
  const v128_t vs = wasm_f32x4_splat(s);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(g + i, wasm_f32x4_mul(wasm_v128_load(g + i), vs));
  for (; i < n; ++i) g[i] *= s;
}

}  // namespace mlp::kernels
