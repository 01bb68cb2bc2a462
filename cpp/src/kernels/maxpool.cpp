// maxpool 2 x 2, stride 2, over a feature-major batch (each pixel a row of ld samples), and
// its backward pass. The maximum is chosen by a chain of "greater than" tests in window
// order (top-left, top-right, bottom-left, bottom-right), which keeps the first of equal
// values as PyTorch does; the SIMD variant runs the same tests four samples at a time with
// bit selects (not f32x4.max, whose NaN and -0 rules differ), so both variants agree bit for
// bit. Backward recomputes the choice from the input rather than storing indices.
#include "kernels/kernels.h"
#include "kernels/simd.h"
#include "kernels/simd_tail.h"

namespace mlp::kernels {

namespace {

// The four input rows of window (c, oy, ox): X is (C*H*W, ld).
struct Window {
  const float* r[4];
};

inline Window window(const float* X, int ld, int H, int W, int c, int oy, int ox) {
  const long top = (static_cast<long>(c) * H + 2 * oy) * W + 2 * ox;
  Window w;
  w.r[0] = X + top * ld;
  w.r[1] = X + (top + 1) * ld;
  w.r[2] = X + (top + W) * ld;
  w.r[3] = X + (top + W + 1) * ld;
  return w;
}

inline long image_size(int C, int H, int W, int ld) { return static_cast<long>(C) * H * W * ld; }

}  // namespace

// X is (C*H*W, ld), Y is (C*(H/2)*(W/2), ld).
void maxpool2_forward_scalar(const float* X, int ld, int C, int H, int W, float* Y) {
  const int OH = H / 2, OW = W / 2;
  for (int c = 0; c < C; ++c)
    for (int oy = 0; oy < OH; ++oy)
      for (int ox = 0; ox < OW; ++ox) {
        const Window w = window(X, ld, H, W, c, oy, ox);
        float* y = Y + ((static_cast<long>(c) * OH + oy) * OW + ox) * ld;
        for (int n = 0; n < ld; ++n) {
          float m = w.r[0][n];
          for (int k = 1; k < 4; ++k)
            if (w.r[k][n] > m) m = w.r[k][n];
          y[n] = m;
        }
      }
}

void maxpool2_forward_wasmsimd(const float* X, int ld, int C, int H, int W, float* Y) {
  const int OH = H / 2, OW = W / 2;
  for (int c = 0; c < C; ++c)
    for (int oy = 0; oy < OH; ++oy)
      for (int ox = 0; ox < OW; ++ox) {
        const Window w = window(X, ld, H, W, c, oy, ox);
        float* y = Y + ((static_cast<long>(c) * OH + oy) * OW + ox) * ld;
        simd_tail::for_column_blocks(ld, [&](int n, auto io) {
          v128_t m = io.load(w.r[0] + n);
          for (int k = 1; k < 4; ++k) {
            const v128_t v = io.load(w.r[k] + n);
            m = wasm_v128_bitselect(v, m, wasm_f32x4_gt(v, m));
          }
          io.store(y + n, m);
        });
      }
}

// X and dX are (C*H*W, ld), dY is (C*(H/2)*(W/2), ld).
void maxpool2_backward_scalar(const float* X, const float* dY, int ld, int C, int H, int W,
                              float* dX) {
  const int OH = H / 2, OW = W / 2;
  for (long k = 0; k < image_size(C, H, W, ld); ++k) dX[k] = 0.0f;
  for (int c = 0; c < C; ++c)
    for (int oy = 0; oy < OH; ++oy)
      for (int ox = 0; ox < OW; ++ox) {
        const Window w = window(X, ld, H, W, c, oy, ox);
        const long top = (static_cast<long>(c) * H + 2 * oy) * W + 2 * ox;
        const long rows[4] = {top, top + 1, top + W, top + W + 1};
        const float* dy = dY + ((static_cast<long>(c) * OH + oy) * OW + ox) * ld;
        for (int n = 0; n < ld; ++n) {
          int best = 0;
          for (int k = 1; k < 4; ++k)
            if (w.r[k][n] > w.r[best][n]) best = k;
          dX[rows[best] * ld + n] = dy[n];
        }
      }
}

void maxpool2_backward_wasmsimd(const float* X, const float* dY, int ld, int C, int H, int W,
                                float* dX) {
  const int OH = H / 2, OW = W / 2;
  // Rows outside every window (an odd last row or column) stay 0; the windows' rows are
  // all written below, so only those need clearing, but one pass over dX is simpler.
  const v128_t zero = wasm_f32x4_splat(0.0f);
  const long total = image_size(C, H, W, ld);
  long k0 = 0;
  for (; k0 + 4 <= total; k0 += 4) wasm_v128_store(dX + k0, zero);
  for (; k0 < total; ++k0) dX[k0] = 0.0f;
  for (int c = 0; c < C; ++c)
    for (int oy = 0; oy < OH; ++oy)
      for (int ox = 0; ox < OW; ++ox) {
        const Window w = window(X, ld, H, W, c, oy, ox);
        const long top = (static_cast<long>(c) * H + 2 * oy) * W + 2 * ox;
        float* out[4] = {dX + top * ld, dX + (top + 1) * ld, dX + (top + W) * ld,
                         dX + (top + W + 1) * ld};
        const float* dy = dY + ((static_cast<long>(c) * OH + oy) * OW + ox) * ld;
        simd_tail::for_column_blocks(ld, [&](int n, auto io) {
          // chosen[k]: lanes where element k is the maximum chosen so far.
          v128_t m = io.load(w.r[0] + n);
          v128_t chosen[4];
          chosen[0] = wasm_i32x4_splat(-1);
          for (int k = 1; k < 4; ++k) {
            const v128_t v = io.load(w.r[k] + n);
            const v128_t gt = wasm_f32x4_gt(v, m);
            m = wasm_v128_bitselect(v, m, gt);
            for (int e = 0; e < k; ++e) chosen[e] = wasm_v128_andnot(chosen[e], gt);
            chosen[k] = gt;
          }
          const v128_t d = io.load(dy + n);
          for (int k = 0; k < 4; ++k) io.store(out[k] + n, wasm_v128_and(d, chosen[k]));
        });
      }
}

}  // namespace mlp::kernels
