// Activation kernels: fused bias + activation forward, activation backward, and the
// column-wise softmax. Each activation is one struct (activation_ops.h) holding its scalar
// reference (std:: maths, float) and its wasm-SIMD form side by side; the kernels are generic loops
// instantiated once per activation (one function each, picked from a table once per call),
// so the inner loops carry no branches.
#include <cmath>
#include <cstddef>

#include "kernels/activation_ops.h"
#include "kernels/kernels.h"
#include "kernels/simd_math.h"
#include "kernels/simd_tail.h"

namespace mlp::kernels {
namespace {

namespace sm = simd_math;
using simd_tail::for_column_blocks;
using simd_tail::row;
using sm::splat;

using namespace act_ops;

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
