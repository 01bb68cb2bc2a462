// conv2d over a feature-major batch as im2col + the dense GEMM kernels: the patches of every
// output position are copied into one (C*K*K, OH*OW*ld) block, so that forward, the weight
// gradient and the input gradient are each one call of dense_forward /
// dense_backward_weights / dense_backward_input over OH*OW*ld columns, at the GEMM's speed
// (its 4 x 8 register tiles), instead of a small product per position. im2col and col2im
// only copy and add rows of ld floats, in the same order in both variants, so the scalar
// and SIMD forward and input-gradient passes round identically; the weight gradient
// inherits dense_backward_weights' lane-wise reduction (agreement to rounding).
#include "kernels/kernels.h"
#include "kernels/simd.h"

namespace mlp::kernels {

namespace {

// P's row stride: every position's block of ld columns.
inline long patch_stride(const ConvGeometry& g, int ld) {
  return static_cast<long>(g.positions()) * ld;
}

// The input row of tap (c, i, j) at output position (y, x), or -1 outside the image.
inline long input_row(const ConvGeometry& g, int c, int i, int j, int y, int x) {
  const int yy = y * g.stride + i - g.pad, xx = x * g.stride + j - g.pad;
  if (yy < 0 || yy >= g.H || xx < 0 || xx >= g.W) return -1;
  return (static_cast<long>(c) * g.H + yy) * g.W + xx;
}

// The output positions x in [x0, x1) of row y whose tap column j is inside the image.
inline void valid_columns(const ConvGeometry& g, int j, int& x0, int& x1) {
  // xx = x*stride + j - pad in [0, W)  <=>  x >= ceil((pad - j) / stride), x*stride < W + pad - j
  const int lo = g.pad - j;
  x0 = lo <= 0 ? 0 : (lo + g.stride - 1) / g.stride;
  const int hi = g.W + g.pad - j;  // x*stride < hi
  x1 = hi <= 0 ? 0 : (hi + g.stride - 1) / g.stride;
  if (x1 > g.OW) x1 = g.OW;
  if (x0 > x1) x0 = x1;
}

}  // namespace

// ---- im2col -----------------------------------------------------------------------------
// X is (C*H*W, ld), P is (C*K*K, OH*OW*ld).
void im2col_scalar(const float* X, int ld, const ConvGeometry& g, float* P) {
  const long prow = patch_stride(g, ld);
  for (int c = 0; c < g.C; ++c)
    for (int i = 0; i < g.K; ++i)
      for (int j = 0; j < g.K; ++j) {
        float* p = P + ((static_cast<long>(c) * g.K + i) * g.K + j) * prow;
        for (int y = 0; y < g.OH; ++y)
          for (int x = 0; x < g.OW; ++x) {
            float* out = p + (static_cast<long>(y) * g.OW + x) * ld;
            const long r = input_row(g, c, i, j, y, x);
            for (int n = 0; n < ld; ++n) out[n] = r < 0 ? 0.0f : X[r * ld + n];
          }
      }
}

namespace {

inline void copy_floats(const float* src, float* dst, long n) {
  long k = 0;
  for (; k + 4 <= n; k += 4) wasm_v128_store(dst + k, wasm_v128_load(src + k));
  for (; k < n; ++k) dst[k] = src[k];
}

inline void zero_floats(float* dst, long n) {
  const v128_t z = wasm_f32x4_splat(0.0f);
  long k = 0;
  for (; k + 4 <= n; k += 4) wasm_v128_store(dst + k, z);
  for (; k < n; ++k) dst[k] = 0.0f;
}

}  // namespace

void im2col_wasmsimd(const float* X, int ld, const ConvGeometry& g, float* P) {
  const long prow = patch_stride(g, ld);
  for (int c = 0; c < g.C; ++c)
    for (int i = 0; i < g.K; ++i)
      for (int j = 0; j < g.K; ++j) {
        float* p = P + ((static_cast<long>(c) * g.K + i) * g.K + j) * prow;
        int x0, x1;
        valid_columns(g, j, x0, x1);
        for (int y = 0; y < g.OH; ++y) {
          float* out = p + static_cast<long>(y) * g.OW * ld;
          const int yy = y * g.stride + i - g.pad;
          if (yy < 0 || yy >= g.H || x0 == x1) {
            zero_floats(out, static_cast<long>(g.OW) * ld);
            continue;
          }
          zero_floats(out, static_cast<long>(x0) * ld);
          const float* row = X + ((static_cast<long>(c) * g.H + yy) * g.W) * ld;
          if (g.stride == 1) {
            // Consecutive positions read consecutive input pixels: one run of rows.
            copy_floats(row + static_cast<long>(x0 + j - g.pad) * ld, out + static_cast<long>(x0) * ld,
                        static_cast<long>(x1 - x0) * ld);
          } else {
            for (int x = x0; x < x1; ++x)
              copy_floats(row + static_cast<long>(x * g.stride + j - g.pad) * ld,
                          out + static_cast<long>(x) * ld, ld);
          }
          zero_floats(out + static_cast<long>(x1) * ld, static_cast<long>(g.OW - x1) * ld);
        }
      }
}

// ---- col2im -----------------------------------------------------------------------------
// dP is (C*K*K, OH*OW*ld), dX is (C*H*W, ld).
void col2im_scalar(const float* dP, int ld, const ConvGeometry& g, float* dX) {
  const long prow = patch_stride(g, ld);
  for (long k = 0; k < static_cast<long>(g.C) * g.H * g.W * ld; ++k) dX[k] = 0.0f;
  for (int c = 0; c < g.C; ++c)
    for (int i = 0; i < g.K; ++i)
      for (int j = 0; j < g.K; ++j) {
        const float* p = dP + ((static_cast<long>(c) * g.K + i) * g.K + j) * prow;
        for (int y = 0; y < g.OH; ++y)
          for (int x = 0; x < g.OW; ++x) {
            const long r = input_row(g, c, i, j, y, x);
            if (r < 0) continue;
            const float* in = p + (static_cast<long>(y) * g.OW + x) * ld;
            for (int n = 0; n < ld; ++n) dX[r * ld + n] += in[n];
          }
      }
}

void col2im_wasmsimd(const float* dP, int ld, const ConvGeometry& g, float* dX) {
  const long prow = patch_stride(g, ld);
  zero_floats(dX, static_cast<long>(g.C) * g.H * g.W * ld);
  for (int c = 0; c < g.C; ++c)
    for (int i = 0; i < g.K; ++i)
      for (int j = 0; j < g.K; ++j) {
        const float* p = dP + ((static_cast<long>(c) * g.K + i) * g.K + j) * prow;
        int x0, x1;
        valid_columns(g, j, x0, x1);
        for (int y = 0; y < g.OH; ++y) {
          const int yy = y * g.stride + i - g.pad;
          if (yy < 0 || yy >= g.H) continue;
          float* row = dX + ((static_cast<long>(c) * g.H + yy) * g.W) * ld;
          for (int x = x0; x < x1; ++x) {
            const float* in = p + (static_cast<long>(y) * g.OW + x) * ld;
            float* out = row + static_cast<long>(x * g.stride + j - g.pad) * ld;
            int n = 0;
            for (; n + 4 <= ld; n += 4)
              wasm_v128_store(out + n, wasm_f32x4_add(wasm_v128_load(out + n), wasm_v128_load(in + n)));
            for (; n < ld; ++n) out[n] += in[n];
          }
        }
      }
}

// ---- the three passes: im2col / col2im around one GEMM -----------------------------------

void conv2d_forward_scalar(const float* Wt, const float* X, int ld, const ConvGeometry& g,
                           float* P, float* Z) {
  const int N = static_cast<int>(patch_stride(g, ld));
  im2col_scalar(X, ld, g, P);
  dense_forward_scalar(Wt, P, N, Z, N, g.O, g.taps(), N);
}

void conv2d_forward_wasmsimd(const float* Wt, const float* X, int ld, const ConvGeometry& g,
                             float* P, float* Z) {
  const int N = static_cast<int>(patch_stride(g, ld));
  im2col_wasmsimd(X, ld, g, P);
  dense_forward_wasmsimd(Wt, P, N, Z, N, g.O, g.taps(), N);
}

void conv2d_backward_weights_scalar(const float* dZ, const float* X, int ld,
                                    const ConvGeometry& g, float* P, float* dW, float* db) {
  const int N = static_cast<int>(patch_stride(g, ld));
  im2col_scalar(X, ld, g, P);
  dense_backward_weights_scalar(dZ, N, P, N, dW, db, g.O, g.taps(), N);
}

void conv2d_backward_weights_wasmsimd(const float* dZ, const float* X, int ld,
                                      const ConvGeometry& g, float* P, float* dW, float* db) {
  const int N = static_cast<int>(patch_stride(g, ld));
  im2col_wasmsimd(X, ld, g, P);
  dense_backward_weights_wasmsimd(dZ, N, P, N, dW, db, g.O, g.taps(), N);
}

void conv2d_backward_input_scalar(const float* Wt, const float* dZ, int ld,
                                  const ConvGeometry& g, float* P, float* dX) {
  const int N = static_cast<int>(patch_stride(g, ld));
  dense_backward_input_scalar(Wt, dZ, N, P, N, g.O, g.taps(), N);
  col2im_scalar(P, ld, g, dX);
}

void conv2d_backward_input_wasmsimd(const float* Wt, const float* dZ, int ld,
                                    const ConvGeometry& g, float* P, float* dX) {
  const int N = static_cast<int>(patch_stride(g, ld));
  dense_backward_input_wasmsimd(Wt, dZ, N, P, N, g.O, g.taps(), N);
  col2im_wasmsimd(P, ld, g, dX);
}

}  // namespace mlp::kernels
