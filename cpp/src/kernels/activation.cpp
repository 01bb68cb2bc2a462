// Activation kernels: fused bias + activation forward, activation backward, and the
// column-wise softmax. Each activation is one struct holding its scalar reference
// (std:: maths, float) and its wasm-SIMD form side by side; the kernels are generic loops
// instantiated once per activation (one function each, picked from a table once per call),
// so the inner loops carry no branches.
//
// Derivative conventions follow PyTorch: relu'(0) = 0, leaky'(0) = 0.01, elu'(0) = 1
// (PyTorch's elu_backward takes the x <= 0 branch, y + 1 = 1 at 0 for alpha = 1).
#include <cmath>
#include <cstddef>

#include "kernels/kernels.h"
#include "kernels/simd_math.h"
#include "kernels/simd_tail.h"

namespace mlp::kernels {
namespace {

namespace sm = simd_math;
using simd_tail::for_column_blocks;
using simd_tail::row;
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

// The loop Loop<Op>::run of the elementwise activation `act`, or null for Softmax. A table
// of out-of-line functions rather than a switch over inlined loops: V8 compiles a wasm
// function on its first call, so a network of tanh layers compiles only the tanh loops at
// start-up, not all ten activations (a switch whose cases each make one call would be
// inlined back into one function by the optimizer).
template <template <class> class Loop>
auto elementwise(Activation act) {
  static constexpr decltype(&Loop<Linear>::run) table[] = {
      &Loop<Linear>::run, &Loop<Relu>::run,     &Loop<LeakyRelu>::run, &Loop<Elu>::run,
      &Loop<Tanh>::run,   &Loop<Sigmoid>::run,  &Loop<Softplus>::run,  &Loop<Swish>::run,
      &Loop<Gelu>::run,   &Loop<Sin>::run};
  static_assert(sizeof table / sizeof table[0] == static_cast<std::size_t>(Activation::Softmax),
                "one loop per activation before Softmax, in enum order");
  const auto i = static_cast<std::size_t>(act);
  return i < static_cast<std::size_t>(Activation::Softmax) ? table[i] : nullptr;
}

// ---- softmax backward (the Jacobian-vector product), used when act == Softmax ------------
// Y, dY, dZ are (M, N) stride ld; per column: dz_j = y_j (dy_j - sum_k y_k dy_k).
void softmax_backward_scalar(const float* Y, const float* dY, float* dZ, int M, int N, int ld) {
  for (int c = 0; c < N; ++c) {
    float dot = 0.0f;
    for (int i = 0; i < M; ++i) dot += Y[row(i, ld) + c] * dY[row(i, ld) + c];
    for (int i = 0; i < M; ++i) dZ[row(i, ld) + c] = Y[row(i, ld) + c] * (dY[row(i, ld) + c] - dot);
  }
}
void softmax_backward_wasmsimd(const float* Y, const float* dY, float* dZ, int M, int N, int ld) {
  for_column_blocks(N, [&](int c, auto io) {
    v128_t dot = zero();
    for (int i = 0; i < M; ++i)
      dot = wasm_f32x4_add(
          dot, wasm_f32x4_mul(io.load(Y + row(i, ld) + c), io.load(dY + row(i, ld) + c)));
    for (int i = 0; i < M; ++i) {
      const v128_t y = io.load(Y + row(i, ld) + c);
      io.store(dZ + row(i, ld) + c,
               wasm_f32x4_mul(y, wasm_f32x4_sub(io.load(dY + row(i, ld) + c), dot)));
    }
  });
}

// ---- the loops, one instantiation per activation (see `elementwise`) ------------------------

// Z (M, N) stride ld, b (M) or null: Z += b, Y = Op(Z).
template <class Op>
struct ForwardScalar {
  static void run(float* Z, const float* b, float* Y, int M, int N, int ld) {
    for (int i = 0; i < M; ++i) {
      float* z = Z + row(i, ld);
      float* y = Y + row(i, ld);
      const float bi = b ? b[i] : 0.0f;
      for (int c = 0; c < N; ++c) {
        const float v = z[c] + bi;
        z[c] = v;
        y[c] = Op::f(v);
      }
    }
  }
};

template <class Op>
struct ForwardSimd {
  static void run(float* Z, const float* b, float* Y, int M, int N, int ld) {
    for (int i = 0; i < M; ++i) {
      float* z = Z + row(i, ld);
      float* y = Y + row(i, ld);
      const v128_t bi = splat(b ? b[i] : 0.0f);
      for_column_blocks(N, [&](int c, auto io) {
        const v128_t v = wasm_f32x4_add(io.load(z + c), bi);
        io.store(z + c, v);
        io.store(y + c, Op::vf(v));
      });
    }
  }
};

// dZ = dY * Op'(Z) (given Z, Y), all (M, N) stride ld.
template <class Op>
struct BackwardScalar {
  static void run(const float* Z, const float* Y, const float* dY, float* dZ, int M, int N, int ld) {
    for (int i = 0; i < M; ++i) {
      const std::ptrdiff_t r = row(i, ld);
      for (int c = 0; c < N; ++c) dZ[r + c] = Op::b(Z[r + c], Y[r + c], dY[r + c]);
    }
  }
};

template <class Op>
struct BackwardSimd {
  static void run(const float* Z, const float* Y, const float* dY, float* dZ, int M, int N, int ld) {
    for (int i = 0; i < M; ++i) {
      const std::ptrdiff_t r = row(i, ld);
      for_column_blocks(N, [&](int c, auto io) {
        io.store(dZ + r + c, Op::vb(io.load(Z + r + c), io.load(Y + r + c), io.load(dY + r + c)));
      });
    }
  }
};

}  // namespace

// ---- bias + activation forward -----------------------------------------------------------
// Z is (M, N) stride ld, b is (M) (null: no bias). Z += b per row, then Y = act(Z).
// Y may equal Z only for Linear. Softmax is accepted too: bias, then softmax_forward.
void bias_activation_forward_scalar(Activation act, float* Z, const float* b, float* Y, int M,
                                    int N, int ld) {
  if (const auto loop = elementwise<ForwardScalar>(act)) return loop(Z, b, Y, M, N, ld);
  ForwardScalar<Linear>::run(Z, b, Z, M, N, ld);
  softmax_forward_scalar(Z, Y, M, N, ld);
}

void bias_activation_forward_wasmsimd(Activation act, float* Z, const float* b, float* Y, int M,
                                      int N, int ld) {
  if (const auto loop = elementwise<ForwardSimd>(act)) return loop(Z, b, Y, M, N, ld);
  ForwardSimd<Linear>::run(Z, b, Z, M, N, ld);
  softmax_forward_wasmsimd(Z, Y, M, N, ld);
}

// ---- activation backward -----------------------------------------------------------------
// Z, Y, dY, dZ are (M, N) stride ld: dZ = dY * act'(Z) (Z, Y the forward pre- and
// post-activation). dZ may equal dY. For Softmax (Y only): the column Jacobian product.
void activation_backward_scalar(Activation act, const float* Z, const float* Y, const float* dY,
                                float* dZ, int M, int N, int ld) {
  if (const auto loop = elementwise<BackwardScalar>(act)) return loop(Z, Y, dY, dZ, M, N, ld);
  softmax_backward_scalar(Y, dY, dZ, M, N, ld);
}

void activation_backward_wasmsimd(Activation act, const float* Z, const float* Y, const float* dY,
                                  float* dZ, int M, int N, int ld) {
  if (const auto loop = elementwise<BackwardSimd>(act)) return loop(Z, Y, dY, dZ, M, N, ld);
  softmax_backward_wasmsimd(Y, dY, dZ, M, N, ld);
}

// ---- softmax forward ---------------------------------------------------------------------
// Z, Y are (M, N) stride ld; softmax down each column: y = exp(z - max) * (1 / sum).
// The max uses m = (m < z) ? z : m (pmax), so a NaN anywhere in a column makes the whole
// column NaN (through exp(z - m) or through m itself), as in PyTorch.
void softmax_forward_scalar(const float* Z, float* Y, int M, int N, int ld) {
  if (M < 1) return;  // the max is seeded from row 0
  for (int c = 0; c < N; ++c) {
    float m = Z[c];
    for (int i = 1; i < M; ++i) {
      const float z = Z[row(i, ld) + c];
      m = m < z ? z : m;
    }
    float s = 0.0f;
    for (int i = 0; i < M; ++i) {
      const float e = std::exp(Z[row(i, ld) + c] - m);
      Y[row(i, ld) + c] = e;
      s += e;
    }
    const float inv = 1.0f / s;
    for (int i = 0; i < M; ++i) Y[row(i, ld) + c] *= inv;
  }
}

// SIMD across 4 columns at a time: three passes down the rows of a column block.
void softmax_forward_wasmsimd(const float* Z, float* Y, int M, int N, int ld) {
  if (M < 1) return;  // the max is seeded from row 0
  for_column_blocks(N, [&](int c, auto io) {
    v128_t m = io.load(Z + c);
    for (int i = 1; i < M; ++i) m = wasm_f32x4_pmax(m, io.load(Z + row(i, ld) + c));
    v128_t s = zero();
    for (int i = 0; i < M; ++i) {
      const v128_t e = sm::exp_nonpos_f32x4(wasm_f32x4_sub(io.load(Z + row(i, ld) + c), m));
      io.store(Y + row(i, ld) + c, e);
      s = wasm_f32x4_add(s, e);
    }
    const v128_t inv = wasm_f32x4_div(splat(1.0f), s);
    for (int i = 0; i < M; ++i)
      io.store(Y + row(i, ld) + c, wasm_f32x4_mul(io.load(Y + row(i, ld) + c), inv));
  });
}

}  // namespace mlp::kernels
