// The elementwise activations, one struct each: f(z) -> y and b(z, y, dy) -> dz (the
// scalar reference, std:: maths) beside vf / vb (the same on 4 wasm-SIMD lanes). Shared by
// the activation kernels (activation.cpp) and the fused small-network step (fused_step.cpp).
//
// Derivative conventions follow PyTorch: relu'(0) = 0, leaky'(0) = 0.01, elu'(0) = 1
// (PyTorch's elu_backward takes the x <= 0 branch, y + 1 = 1 at 0 for alpha = 1).
#pragma once

#include <cmath>

#include "kernels/kernels.h"
#include "kernels/simd_math.h"

namespace mlp::kernels::act_ops {

namespace sm = simd_math;
using sm::splat;

constexpr float kSqrtHalf = 0.707106781186547524f;    // 1/sqrt(2)
constexpr float kInvSqrt2Pi = 0.398942280401432678f;  // 1/sqrt(2 pi)

inline v128_t zero() { return wasm_f32x4_splat(0.0f); }

// Each op: f(z) -> y and b(z, y, dy) -> dz (scalar), vf / vb the same on 4 lanes.
// Backward returns dz rather than the derivative so masks can select (relu passes 0, not
// dy * 0, when dy is inf/NaN — as PyTorch's threshold_backward does).

struct Linear {
  static float f(float z) { return z; }
  static float b(float, float, float dy) { return dy; }
  static v128_t vf(v128_t z) { return z; }
  static v128_t vb(v128_t, v128_t, v128_t dy) { return dy; }
};

struct Relu {
  // z < 0 ? 0 : z keeps NaN (like torch.relu) and is exactly what pmax does.
  static float f(float z) { return z < 0.0f ? 0.0f : z; }
  static float b(float z, float, float dy) { return z > 0.0f ? dy : 0.0f; }
  static v128_t vf(v128_t z) { return wasm_f32x4_pmax(z, zero()); }
  static v128_t vb(v128_t z, v128_t, v128_t dy) {
    return wasm_v128_and(dy, wasm_f32x4_gt(z, zero()));
  }
};

struct LeakyRelu {
  static float f(float z) { return z > 0.0f ? z : kLeakyReluSlope * z; }
  static float b(float z, float, float dy) { return z > 0.0f ? dy : kLeakyReluSlope * dy; }
  static v128_t vf(v128_t z) {
    return wasm_v128_bitselect(z, wasm_f32x4_mul(z, splat(kLeakyReluSlope)),
                               wasm_f32x4_gt(z, zero()));
  }
  static v128_t vb(v128_t z, v128_t, v128_t dy) {
    return wasm_v128_bitselect(dy, wasm_f32x4_mul(dy, splat(kLeakyReluSlope)),
                               wasm_f32x4_gt(z, zero()));
  }
};

struct Elu {  // alpha = 1
  static float f(float z) { return z > 0.0f ? z : std::expm1(z); }
  static float b(float z, float y, float dy) { return z > 0.0f ? dy : dy * (y + 1.0f); }
  static v128_t vf(v128_t z) {
    return wasm_v128_bitselect(z, sm::expm1_f32x4(z), wasm_f32x4_gt(z, zero()));
  }
  static v128_t vb(v128_t z, v128_t y, v128_t dy) {
    return wasm_v128_bitselect(dy, wasm_f32x4_mul(dy, wasm_f32x4_add(y, splat(1.0f))),
                               wasm_f32x4_gt(z, zero()));
  }
};

struct Tanh {
  static float f(float z) { return std::tanh(z); }
  static float b(float, float y, float dy) { return dy * (1.0f - y * y); }
  static v128_t vf(v128_t z) { return sm::tanh_f32x4(z); }
  static v128_t vb(v128_t, v128_t y, v128_t dy) {
    return wasm_f32x4_mul(dy, wasm_f32x4_sub(splat(1.0f), wasm_f32x4_mul(y, y)));
  }
};

struct Sigmoid {
  static float f(float z) { return sm::sigmoid_scalar(z); }
  // PyTorch's order: dy * (1 - y) * y.
  static float b(float, float y, float dy) { return dy * (1.0f - y) * y; }
  static v128_t vf(v128_t z) { return sm::sigmoid_f32x4(z); }
  static v128_t vb(v128_t, v128_t y, v128_t dy) {
    return wasm_f32x4_mul(wasm_f32x4_mul(dy, wasm_f32x4_sub(splat(1.0f), y)), y);
  }
};

struct Softplus {
  // max(z, 0) + log1p(exp(-|z|)): no overflow, and ~e^z (relatively accurate) for z << 0.
  static float f(float z) { return (z < 0.0f ? 0.0f : z) + std::log1p(std::exp(-std::fabs(z))); }
  static float b(float z, float, float dy) { return dy * sm::sigmoid_scalar(z); }
  static v128_t vf(v128_t z) {
    const v128_t e = sm::exp_nonpos_f32x4(wasm_f32x4_neg(wasm_f32x4_abs(z)));
    return wasm_f32x4_add(wasm_f32x4_pmax(z, zero()), sm::log1p_unit_f32x4(e));
  }
  static v128_t vb(v128_t z, v128_t, v128_t dy) { return wasm_f32x4_mul(dy, sm::sigmoid_f32x4(z)); }
};

struct Swish {
  static float f(float z) { return z * sm::sigmoid_scalar(z); }
  // PyTorch's silu_backward: dy * s * (1 + z (1 - s)).
  static float b(float z, float, float dy) {
    const float s = sm::sigmoid_scalar(z);
    return dy * s * (1.0f + z * (1.0f - s));
  }
  static v128_t vf(v128_t z) { return wasm_f32x4_mul(z, sm::sigmoid_f32x4(z)); }
  static v128_t vb(v128_t z, v128_t, v128_t dy) {
    const v128_t s = sm::sigmoid_f32x4(z);
    const v128_t t = wasm_f32x4_add(splat(1.0f), wasm_f32x4_mul(z, wasm_f32x4_sub(splat(1.0f), s)));
    return wasm_f32x4_mul(wasm_f32x4_mul(dy, s), t);
  }
};

struct Gelu {
  // Phi(z) = 0.5 erfc(-z / sqrt 2): the same value as PyTorch's 0.5 (1 + erf(z / sqrt 2))
  // but without the cancellation for z << 0, where gelu(z) is tiny. erfc has no vector
  // form here: four libm calls (gelu is rarely used).
  static float Phi(float z) { return 0.5f * std::erfc(-z * kSqrtHalf); }
  static float phi(float z) { return kInvSqrt2Pi * std::exp((z * z) * -0.5f); }
  static v128_t vPhi(v128_t z) { return sm::map_lanes(z, Phi); }
  static v128_t vphi(v128_t z) {
    return wasm_f32x4_mul(splat(kInvSqrt2Pi),
                          sm::exp_nonpos_f32x4(wasm_f32x4_mul(wasm_f32x4_mul(z, z), splat(-0.5f))));
  }
  static float f(float z) { return z * Phi(z); }
  static float b(float z, float, float dy) { return dy * (Phi(z) + z * phi(z)); }
  static v128_t vf(v128_t z) { return wasm_f32x4_mul(z, vPhi(z)); }
  static v128_t vb(v128_t z, v128_t, v128_t dy) {
    return wasm_f32x4_mul(dy, wasm_f32x4_add(vPhi(z), wasm_f32x4_mul(z, vphi(z))));
  }
};

struct Sin {  // lane-wise libm (rarely used)
  static float f(float z) { return std::sin(z); }
  static float b(float z, float, float dy) { return dy * std::cos(z); }
  static v128_t vf(v128_t z) {
    return sm::map_lanes(z, [](float v) { return std::sin(v); });
  }
  static v128_t vb(v128_t z, v128_t, v128_t dy) {
    return wasm_f32x4_mul(dy, sm::map_lanes(z, [](float v) { return std::cos(v); }));
  }
};

}  // namespace mlp::kernels::act_ops
