// Vector (4 x f32) approximations of the transcendentals the kernels need: exp, expm1,
// tanh, sigmoid, log, log1p on [0, 1]. Branch-free, mul+add only (wasm SIMD has no FMA),
// constants inline so they are hoisted once the function is inlined into a loop.
// The scalar reference kernels use std:: instead; these are checked against std:: (in
// double) over dense sweeps by tests/cpp/test_simd_math.cpp, which asserts the bounds
// stated below. "ulp" is |y - f(x)| / ulp(f(x)) with f(x) computed in double and ulp(v)
// the float spacing in v's binade (2^-149 for subnormal v).
//
// Measured over every one of the 2^32 float inputs (tests/cpp/tools/simd_math_exhaustive.cpp;
// the native, wasm-simd and wasm-scalar builds produce the same bits, every step being a
// correctly rounded IEEE op without FMA):
//   function            max ulp   max rel. err   where
//   exp_f32x4           1.03      8.3e-8         normal results; subnormal results within
//                                                0.75 of the subnormal spacing 2^-149
//   exp_nonpos_f32x4    (bit-identical to exp_f32x4 on x <= 0, its domain)
//   expm1_f32x4         1.72      1.2e-7         all inputs
//   tanh_f32x4          2.61      1.9e-7         all inputs
//   sigmoid_f32x4       2.40      1.8e-7         normal results (x > -87.3); subnormal
//                                                results within 0.75 of 2^-149
//   log1p_unit_f32x4    1.97      1.8e-7         u in [0, 1]
//   log_f32x4           1.97      1.8e-7         positive normal x
// test_simd_math.cpp asserts these (rounded up) on a dense subset of inputs, plus the
// special values: +-0, +-inf, NaN, subnormals, overflow and saturation thresholds.
#pragma once

#include <cmath>

#include "kernels/simd.h"

namespace mlp::kernels::simd_math {

// ---- small helpers ----------------------------------------------------------------------

inline v128_t splat(float v) { return wasm_f32x4_splat(v); }
inline v128_t splat_i(int v) { return wasm_i32x4_splat(v); }

// Stable sigmoid, the scalar twin of sigmoid_f32x4 (same formula, std::exp): e = exp(-|z|)
// never overflows, and the negative tail e / (1 + e) keeps its relative accuracy.
inline float sigmoid_scalar(float z) {
  const float e = std::exp(-std::fabs(z));
  return (z < 0.0f ? e : 1.0f) / (1.0f + e);
}

// Lane-wise fallback for the rarely used functions (erf, sin, cos): four libm calls.
// Deliberately not used by the hot activations (tanh, sigmoid, exp, relu family).
template <class F>
inline v128_t map_lanes(v128_t x, F f) {
  alignas(16) float t[4];
  wasm_v128_store(t, x);
  t[0] = f(t[0]);
  t[1] = f(t[1]);
  t[2] = f(t[2]);
  t[3] = f(t[3]);
  return wasm_v128_load(t);
}

namespace detail {

// Cody-Waite reduction x = n ln2 + r, |r| <= ln2/2 (+ a hair), n = round(x / ln2).
// n is rounded by the 1.5 * 2^23 trick: adding it leaves round(x log2e) in the low
// mantissa bits (valid for |x log2e| < 2^22, which every caller's clamp guarantees),
// so `t`'s bits are 0x4B400000 + n and need no float->int conversion.
// ln2 = kLn2Hi + kLn2Lo with kLn2Hi having 9 significant bits, so n * kLn2Hi is exact for
// |n| < 2^15 and x - n * kLn2Hi is exact (Sterbenz); the reduction error is that of
// n * kLn2Lo only.
struct Reduced {
  v128_t r;  // reduced argument
  v128_t t;  // bits: 0x4B400000 + n
};

constexpr float kLog2e = 1.44269504088896341f;
constexpr float kLn2Hi = 0.693359375f;     // 355 / 512
constexpr float kLn2Lo = -2.12194440e-4f;  // ln2 - kLn2Hi

inline Reduced reduce_ln2(v128_t x) {
  const v128_t magic = splat(12582912.0f);  // 1.5 * 2^23
  const v128_t t = wasm_f32x4_add(wasm_f32x4_mul(x, splat(kLog2e)), magic);
  const v128_t n = wasm_f32x4_sub(t, magic);
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, splat(kLn2Hi)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, splat(kLn2Lo)));
  return {r, t};
}

// expm1(r) for |r| <= 0.3467: r + r^2 P(r), P a degree-4 minimax fit of
// (expm1(r) - r) / r^2 weighted for the RELATIVE error of expm1(r) (Remez; max 1.3e-8 =
// 0.22 ulp before rounding; tests/cpp/tools/fit_polynomials.py re-derives it). The same
// P serves exp: exp(r) = 1 + expm1(r) (relative error of that fit to exp(r) is below
// 5e-9). Written r + r^2 P so that r passes exactly for tiny r (r^2 underflows or
// vanishes against r).
inline v128_t expm1_reduced(v128_t r) {
  v128_t p = splat(1.38825183722e-3f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), splat(8.36653814466e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), splat(4.16672004204e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), splat(1.66665434909e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), splat(4.99999981511e-1f));
  return wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(r, r), p), r);
}

// expm1 for x in [-18, 89] (the callers clamp): 2^n (expm1(r) + 1) - 1 computed as
// 2 * (expm1(r) 2^(n-1) + (2^(n-1) - 1/2)). Using 2^(n-1) keeps the scale a normal
// float for n = 128 (x just below 88.72 still needs it), and the final doubling is exact
// or overflows to +inf exactly when the true result does. For n = 0 the result is
// expm1(r) itself, so relative accuracy near 0 is that of the polynomial.
inline v128_t expm1_unclamped(v128_t x) {
  const Reduced red = reduce_ln2(x);
  const v128_t m = expm1_reduced(red.r);
  // (t_bits << 23) == n << 23 (the bits of 0x4B400000 shift out); + 126 << 23 -> 2^(n-1).
  const v128_t half_scale = wasm_i32x4_add(wasm_i32x4_shl(red.t, 23), splat_i(126 << 23));
  const v128_t y =
      wasm_f32x4_add(wasm_f32x4_mul(m, half_scale), wasm_f32x4_sub(half_scale, splat(0.5f)));
  return wasm_f32x4_add(y, y);
}

// log(1 + u) = 2 atanh(s), s = u / (2 + u), for s in [-1/3, 1/3]:
// 2 s + 2 s z R(z), z = s^2, R a degree-3 minimax fit of (atanh(s)/s - 1)/z on [0, 1/9]
// weighted for the relative error of the result (Remez, fit_polynomials.py; max 4.5e-9 =
// 0.08 ulp).
// Computed from s2 = 2s = 2u / (2 + u) (same bits as doubling s, but a subnormal u is not
// halved on the way, so log1p(u) = u holds down to 2^-149).
inline v128_t log1p_via_atanh(v128_t u) {
  const v128_t s2 = wasm_f32x4_div(wasm_f32x4_add(u, u), wasm_f32x4_add(u, splat(2.0f)));
  const v128_t z = wasm_f32x4_mul(wasm_f32x4_mul(s2, s2), splat(0.25f));
  v128_t R = splat(0.140063327577f);
  R = wasm_f32x4_add(wasm_f32x4_mul(R, z), splat(0.140008392244f));
  R = wasm_f32x4_add(wasm_f32x4_mul(R, z), splat(0.20010767123f));
  R = wasm_f32x4_add(wasm_f32x4_mul(R, z), splat(0.333332080893f));
  return wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(s2, z), R), s2);
}

}  // namespace detail

// ---- exp --------------------------------------------------------------------------------

// exp(x). Max error 1.03 ulp for normal results (all floats); subnormal results
// (x in [-103.97, -87.34]) within 0.75 of the subnormal spacing; 0 below; +inf from
// 88.7228394 on (the float overflow threshold exactly); exp(+-0) = 1; NaN -> NaN.
// 2^n is applied as two factors 2^(n>>1) and 2^(n - (n>>1)), each a normal float for
// n in [-150, 128]: the first product is exact, so the second rounds once into the
// subnormal range or overflows to +inf exactly when the true result does.
inline v128_t exp_f32x4(v128_t x) {
  // pmin/pmax(x, c) return x when x is NaN, so NaN flows through the polynomial.
  x = wasm_f32x4_pmax(wasm_f32x4_pmin(x, splat(89.0f)), splat(-104.0f));
  const detail::Reduced red = detail::reduce_ln2(x);
  const v128_t p = wasm_f32x4_add(detail::expm1_reduced(red.r), splat(1.0f));
  const v128_t n = wasm_i32x4_sub(red.t, splat_i(0x4B400000));
  const v128_t n1 = wasm_i32x4_shr(n, 1);
  const v128_t n2 = wasm_i32x4_sub(n, n1);
  const v128_t s1 = wasm_i32x4_add(wasm_i32x4_shl(n1, 23), splat_i(127 << 23));
  const v128_t s2 = wasm_i32x4_add(wasm_i32x4_shl(n2, 23), splat_i(127 << 23));
  return wasm_f32x4_mul(wasm_f32x4_mul(p, s1), s2);
}

// exp(x) for x <= 0 (or NaN) only: the same bits as exp_f32x4 there, cheaper. With
// n in [-150, 0], 2^(n+64) is a normal float, p 2^(n+64) is exact, and the constant factor
// 2^-64 rounds once into the subnormal range. Used wherever the argument is known to be
// non-positive (sigmoid, softplus, bce: -|z|; softmax: z - max; gelu: -z^2/2).
inline v128_t exp_nonpos_f32x4(v128_t x) {
  x = wasm_f32x4_pmax(x, splat(-104.0f));
  const detail::Reduced red = detail::reduce_ln2(x);
  const v128_t p = wasm_f32x4_add(detail::expm1_reduced(red.r), splat(1.0f));
  // (t_bits << 23) == n << 23, see expm1_unclamped; + (127 + 64) << 23 -> 2^(n+64).
  const v128_t s = wasm_i32x4_add(wasm_i32x4_shl(red.t, 23), splat_i((127 + 64) << 23));
  return wasm_f32x4_mul(wasm_f32x4_mul(p, s), splat(0x1p-64f));
}

// ---- expm1 ------------------------------------------------------------------------------

// expm1(x) = exp(x) - 1 with relative accuracy near 0. Max error 1.72 ulp (all floats;
// a subnormal x may lose its last bit to the 2^(n-1) scaling); -1 below -17.33, +inf from
// 88.7228394 on, +-0 -> +-0, NaN -> NaN. Used by elu (tanh uses the unclamped core).
inline v128_t expm1_f32x4(v128_t x) {
  const v128_t c = wasm_f32x4_pmax(wasm_f32x4_pmin(x, splat(88.9f)), splat(-18.0f));
  // expm1 has the sign of x; or-ing it back only matters for -0 (the n = 0 path adds +0).
  return wasm_v128_or(detail::expm1_unclamped(c), wasm_v128_and(x, splat(-0.0f)));
}

// ---- tanh -------------------------------------------------------------------------------

// tanh(x) = sign(x) t / (t + 2), t = expm1(2|x|). One formula for the whole range: no
// cancellation anywhere (t/(t+2) has relative condition <= 1 in t), so tiny x come out
// as x exactly and the approach to +-1 is accurate to the last bit. |x| is clamped at
// 9.1, beyond which tanh rounds to 1 in float (1 - tanh(9.02) < 2^-25).
// Max error 2.61 ulp (all floats; the worst cases are near |x| = 0.06, where expm1's
// 1.7 ulp and the division add up); tanh(+-0) = +-0; +-inf -> +-1; NaN -> NaN.
inline v128_t tanh_f32x4(v128_t x) {
  const v128_t sign_mask = splat(-0.0f);
  const v128_t ax = wasm_f32x4_pmin(wasm_f32x4_abs(x), splat(9.1f));
  const v128_t t = detail::expm1_unclamped(wasm_f32x4_add(ax, ax));
  const v128_t y = wasm_f32x4_div(t, wasm_f32x4_add(t, splat(2.0f)));
  return wasm_v128_or(y, wasm_v128_and(x, sign_mask));
}

// ---- sigmoid ----------------------------------------------------------------------------

// sigmoid(x) = 1 / (1 + exp(-x)), evaluated as (x < 0 ? e : 1) / (1 + e), e = exp(-|x|).
// e is in (0, 1] so nothing overflows, and the negative tail keeps its relative accuracy
// (sigmoid(x) ~ e^x) down into the subnormal range instead of cancelling.
// Max error 2.40 ulp where the result is normal (all floats), subnormal results within
// 0.75 of 2^-149; -inf -> 0, +inf -> 1, sigmoid(+-0) = 0.5, NaN -> NaN.
inline v128_t sigmoid_f32x4(v128_t x) {
  const v128_t one = splat(1.0f);
  const v128_t e = exp_nonpos_f32x4(wasm_f32x4_neg(wasm_f32x4_abs(x)));
  const v128_t num = wasm_v128_bitselect(e, one, wasm_f32x4_lt(x, wasm_f32x4_splat(0.0f)));
  return wasm_f32x4_div(num, wasm_f32x4_add(one, e));
}

// ---- logarithms -------------------------------------------------------------------------

// log1p(u) for u in [0, 1] only (softplus and BCE need log1p(exp(-|z|))). Max error
// 1.97 ulp on [0, 1] (all floats); log1p(0) = 0, u tiny (even subnormal) -> u; NaN -> NaN.
inline v128_t log1p_unit_f32x4(v128_t u) { return detail::log1p_via_atanh(u); }

// log(x) for positive NORMAL x (the softmax denominators, >= 1): x = 2^k m with
// m in [sqrt(1/2), sqrt(2)), log x = k ln2 + log1p(m - 1) (m - 1 is exact).
// Max error 1.97 ulp over positive normal floats. Zero, negative, subnormal and inf inputs
// are outside the contract; NaN -> NaN (and +inf -> NaN) via the final + (x - x).
inline v128_t log_f32x4(v128_t x) {
  // k = floor(log2(x / sqrt(1/2))): subtracting the bits of sqrt(1/2) makes the
  // exponent field of the difference k.
  const v128_t d = wasm_i32x4_sub(x, splat_i(0x3F3504F3));
  const v128_t k = wasm_i32x4_shr(d, 23);
  const v128_t m = wasm_i32x4_sub(x, wasm_i32x4_shl(k, 23));
  const v128_t lm = detail::log1p_via_atanh(wasm_f32x4_sub(m, splat(1.0f)));
  const v128_t kf = wasm_f32x4_convert_i32x4(k);
  // k ln2 split like the exp reduction: k * hi is exact, the small part joins log(m).
  const v128_t y = wasm_f32x4_add(wasm_f32x4_mul(kf, splat(detail::kLn2Hi)),
                                  wasm_f32x4_add(lm, wasm_f32x4_mul(kf, splat(detail::kLn2Lo))));
  // The bit manipulation above maps NaN to a finite value; x - x is 0 or NaN.
  return wasm_f32x4_add(y, wasm_f32x4_sub(x, x));
}

}  // namespace mlp::kernels::simd_math
