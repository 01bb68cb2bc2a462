// The fused training pass of a small dense network (kernels.h, FusedNet): forward, MSE
// gradient and backward of every layer in one function. For a 2 -> 4 -> 2 -> 1 network a
// step is a few hundred flops, so the per-layer path's cost is its calls, loop set-up and
// workspace traffic, not arithmetic; here each column (scalar) or block of 4 columns
// (SIMD) goes through every layer in registers and stack buffers.
//
// Bit-for-bit with the per-layer kernels of the same variant (tests/cpp/test_fused_step.cpp
// checks it at tile edges): the same products in the same order —
//   z = ((0 + w0 x0) + w1 x1) + ...  then  z += b, y = act(z)          (dense_forward,
//   dy = (c < n) ? 2 scale (y - t) : 0                                  bias_activation)
//   dz = act'(z, y, dy), dx_k = (0 + w_0k dz_0) + w_1k dz_1 + ...       (dense_backward_input)
//   dW_mk = sum over columns of dz_m x_k, db_m = sum of dz_m            (dense_backward_weights)
// The SIMD weight sums run four lane-wise partial sums over the column blocks, reduced
// (l0 + l2) + (l1 + l3) as that kernel's hsum4/hsum1; its dot1 path (rows m >= M & ~3 of
// the columns k >= K & ~3 and of the bias) adds a scalar tail of 0, which turns -0 into +0:
// reproduced, so even the signs of zero gradients agree.
#include "kernels/activation_ops.h"
#include "kernels/kernels.h"
#include "kernels/simd.h"

namespace mlp::kernels {

bool fused_activation(Activation a) {
  return a == Activation::Linear || a == Activation::Relu || a == Activation::Tanh ||
         a == Activation::Sigmoid;
}

namespace {

// f(Op{}) for the activation's op struct (one of fused_activation's four).
template <class F>
inline auto with_op(Activation a, F&& f) {
  switch (a) {
    case Activation::Linear: return f(act_ops::Linear{});
    case Activation::Relu: return f(act_ops::Relu{});
    case Activation::Tanh: return f(act_ops::Tanh{});
    default: return f(act_ops::Sigmoid{});
  }
}

inline long at(int row, int ld) { return static_cast<long>(row) * ld; }

}  // namespace

// ---- scalar reference: one column at a time through every layer ------------------------
void fused_dense_step_scalar(const FusedNet& net, const float* P, const float* X,
                             const float* T, int n, int ld, float scale, float* Y, float* G) {
  const int L = net.layers;
  for (int l = 0; l < L; ++l) {
    for (int i = 0; i < net.out[l] * net.in[l]; ++i) G[net.w[l] + i] = 0.0f;
    for (int m = 0; m < net.out[l]; ++m) G[net.b[l] + m] = 0.0f;
  }
  const float g = 2.0f * scale;
  // h[l]: layer l's input (h[0] the column of X, h[l + 1] layer l's output); z[l] its
  // pre-activation; d: dL/dy of the layer being differentiated, dx: of its input.
  float h[kFusedMaxLayers + 1][kFusedMaxUnits], z[kFusedMaxLayers][kFusedMaxUnits];
  float d[kFusedMaxUnits], dx[kFusedMaxUnits];
  for (int c = 0; c < ld; ++c) {
    for (int k = 0; k < net.in[0]; ++k) h[0][k] = X[at(k, ld) + c];
    for (int l = 0; l < L; ++l) {
      const float* W = P + net.w[l];
      const float* b = P + net.b[l];
      const int K = net.in[l];
      with_op(net.act[l], [&](auto op) {
        for (int m = 0; m < net.out[l]; ++m) {
          float acc = 0.0f;
          for (int k = 0; k < K; ++k) acc += W[m * K + k] * h[l][k];
          const float v = acc + b[m];
          z[l][m] = v;
          h[l + 1][m] = op.f(v);
        }
      });
    }
    const int M = net.out[L - 1];
    for (int m = 0; m < M; ++m) {
      const float y = h[L][m];
      Y[at(m, ld) + c] = y;
      d[m] = c < n ? g * (y - T[at(m, ld) + c]) : 0.0f;
    }
    for (int l = L - 1; l >= 0; --l) {
      const int K = net.in[l], Mo = net.out[l];
      with_op(net.act[l], [&](auto op) {
        for (int m = 0; m < Mo; ++m) d[m] = op.b(z[l][m], h[l + 1][m], d[m]);
      });
      float* gW = G + net.w[l];
      float* gb = G + net.b[l];
      for (int m = 0; m < Mo; ++m) {
        gb[m] += d[m];
        for (int k = 0; k < K; ++k) gW[m * K + k] += d[m] * h[l][k];
      }
      if (l == 0) break;
      const float* W = P + net.w[l];
      for (int k = 0; k < K; ++k) {
        float acc = 0.0f;
        for (int m = 0; m < Mo; ++m) acc += W[m * K + k] * d[m];
        dx[k] = acc;
      }
      for (int k = 0; k < K; ++k) d[k] = dx[k];
    }
  }
}

// ---- SIMD: one block of 4 columns at a time through every layer -------------------------
void fused_dense_step_wasmsimd(const FusedNet& net, const float* P, const float* X,
                               const float* T, int n, int ld, float scale, float* Y, float* G) {
  const int L = net.layers;
  // Four lane-wise partial sums per parameter, at the parameter's own offset.
  v128_t acc[kFusedMaxParams];
  for (int i = 0; i < net.params; ++i) acc[i] = wasm_f32x4_splat(0.0f);
  const v128_t g = wasm_f32x4_splat(2.0f * scale);
  const v128_t lane = wasm_i32x4_make(0, 1, 2, 3);
  v128_t h[kFusedMaxLayers + 1][kFusedMaxUnits], z[kFusedMaxLayers][kFusedMaxUnits];
  v128_t d[kFusedMaxUnits], dx[kFusedMaxUnits];
  for (int c = 0; c < ld; c += 4) {
    for (int k = 0; k < net.in[0]; ++k) h[0][k] = wasm_v128_load(X + at(k, ld) + c);
    for (int l = 0; l < L; ++l) {
      const float* W = P + net.w[l];
      const float* b = P + net.b[l];
      const int K = net.in[l];
      with_op(net.act[l], [&](auto op) {
        for (int m = 0; m < net.out[l]; ++m) {
          v128_t s = wasm_f32x4_splat(0.0f);
          for (int k = 0; k < K; ++k)
            s = wasm_f32x4_add(s, wasm_f32x4_mul(wasm_f32x4_splat(W[m * K + k]), h[l][k]));
          const v128_t v = wasm_f32x4_add(s, wasm_f32x4_splat(b[m]));
          z[l][m] = v;
          h[l + 1][m] = op.vf(v);
        }
      });
    }
    // Lanes at columns >= n are padding: their gradient is 0 (mse_loss writes the first n
    // columns, the padding is zeroed after it).
    const v128_t valid = wasm_i32x4_lt(wasm_i32x4_add(lane, wasm_i32x4_splat(c)), wasm_i32x4_splat(n));
    const int M = net.out[L - 1];
    for (int m = 0; m < M; ++m) {
      const v128_t y = h[L][m];
      wasm_v128_store(Y + at(m, ld) + c, y);
      const v128_t diff = wasm_f32x4_sub(y, wasm_v128_load(T + at(m, ld) + c));
      d[m] = wasm_v128_and(wasm_f32x4_mul(g, diff), valid);
    }
    for (int l = L - 1; l >= 0; --l) {
      const int K = net.in[l], Mo = net.out[l];
      with_op(net.act[l], [&](auto op) {
        for (int m = 0; m < Mo; ++m) d[m] = op.vb(z[l][m], h[l + 1][m], d[m]);
      });
      v128_t* aW = acc + net.w[l];
      v128_t* ab = acc + net.b[l];
      for (int m = 0; m < Mo; ++m) {
        ab[m] = wasm_f32x4_add(ab[m], d[m]);
        for (int k = 0; k < K; ++k)
          aW[m * K + k] = wasm_f32x4_add(aW[m * K + k], wasm_f32x4_mul(d[m], h[l][k]));
      }
      if (l == 0) break;
      const float* W = P + net.w[l];
      for (int k = 0; k < K; ++k) {
        v128_t s = wasm_f32x4_splat(0.0f);
        for (int m = 0; m < Mo; ++m)
          s = wasm_f32x4_add(s, wasm_f32x4_mul(wasm_f32x4_splat(W[m * K + k]), d[m]));
        dx[k] = s;
      }
      for (int k = 0; k < K; ++k) d[k] = dx[k];
    }
  }
  // The reductions, as dense_backward_weights_wasmsimd orders them (see the top).
  auto reduce = [](v128_t a, bool dot1) {
    const float s = (wasm_f32x4_extract_lane(a, 0) + wasm_f32x4_extract_lane(a, 2)) +
                    (wasm_f32x4_extract_lane(a, 1) + wasm_f32x4_extract_lane(a, 3));
    return dot1 ? s + 0.0f : s;
  };
  for (int l = 0; l < L; ++l) {
    const int K = net.in[l], Mo = net.out[l];
    const int K4 = K & ~3, M4 = Mo & ~3;
    for (int m = 0; m < Mo; ++m) {
      G[net.b[l] + m] = reduce(acc[net.b[l] + m], m >= M4);
      for (int k = 0; k < K; ++k)
        G[net.w[l] + m * K + k] = reduce(acc[net.w[l] + m * K + k], m >= M4 && k >= K4);
    }
  }
}

}  // namespace mlp::kernels
