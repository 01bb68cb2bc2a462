// f32 kernels of the network: plain functions over float pointers and sizes that never
// allocate. Every op has a scalar reference (`_scalar`) and a wasm-SIMD variant
// (`_wasmsimd`, written with wasm_simd128.h; natively compiled through SIMDe) with the same
// signature, kept side by side in one file per op. tests/cpp/test_kernels*.cpp runs both
// at sizes below, at, and above the tile and compares them.
//
// Layout. Matrices of activations are feature-major: row = unit, column = sample, with a
// row stride `ld` >= n. The network pads ld to a multiple of 4 and keeps padded columns
// finite (inputs 0) with zero gradients, so the SIMD lanes stay full.
//
// Tail policy (decided once, for every SIMD kernel): any n >= 1 is accepted. Columns are
// processed 4 at a time; the last n % 4 columns go through the same vector code via a
// 4-lane stack scratch (load partial, compute, store partial), so every element sees the
// same arithmetic whatever its position. Kernels made only of IEEE add/mul/div/sqrt
// (dense, optimizer, pack) run the tail as scalar code with the same operation order,
// which rounds identically. Kernels never read or write past column n-1.
//
// Choosing the variant: MLP_SIMD (set by the build) makes the network call the wasmsimd
// variants through the `active` namespace at the bottom of this file.
#pragma once

#include <cstddef>

#include "mlp/activation.h"

namespace mlp::kernels {

#define MLP_KERNEL_VARIANTS(ret, name, params) \
  ret name##_scalar params;                    \
  ret name##_wasmsimd params;

// ---- dense_forward.cpp ----------------------------------------------------------------
// W is (M, K) row-major, A is (K, N) with row stride lda, Z is (M, N) with row stride ldz.
// Z = W . A   (no bias; see bias_activation_forward)
MLP_KERNEL_VARIANTS(void, dense_forward,
                    (const float* W, const float* A, int lda, float* Z, int ldz, int M, int K,
                     int N))

// ---- dense_backward.cpp ---------------------------------------------------------------
// W is (M, K), dZ is (M, N) stride ldz, dA is (K, N) stride lda.
// dA = W^T . dZ   (overwrites dA)
MLP_KERNEL_VARIANTS(void, dense_backward_input,
                    (const float* W, const float* dZ, int ldz, float* dA, int lda, int M, int K,
                     int N))
// dZ is (M, N) stride ldz, A is (K, N) stride lda, dW is (M, K) row-major, db is (M).
// dW = dZ . A^T,  db = sum over columns of dZ   (both overwritten)
MLP_KERNEL_VARIANTS(void, dense_backward_weights,
                    (const float* dZ, int ldz, const float* A, int lda, float* dW, float* db,
                     int M, int K, int N))

// ---- conv2d.cpp -----------------------------------------------------------------------
// A conv2d layer over a feature-major batch: the input image (C, H, W) is C*H*W rows (row
// (c*H + y)*W + x), the output (O, OH, OW) is O*OH*OW rows, each row ld columns (samples).
// The same memory is a (C, H*W*ld) matrix, row c holding every pixel of every sample: the
// convolution becomes one GEMM over H*W*ld columns (im2col, then dense_forward).
struct ConvGeometry {
  int C = 1, H = 1, W = 1;  // input channels, height, width
  int O = 1, K = 1;         // output channels, kernel size (K x K)
  int stride = 1, pad = 0;  // pad zeros on every side
  int OH = 1, OW = 1;       // (H + 2*pad - K) / stride + 1, and the same for W
  int taps() const { return C * K * K; }
  int positions() const { return OH * OW; }
};
// X is (C*H*W, ld); P is (C*K*K, OH*OW*ld): row t = (c*K + i)*K + j, column pos*ld + n
// (pos = y*OW + x) holds X[(c*H + yy)*W + xx][n], yy = y*stride + i - pad and xx = x*stride
// + j - pad, or 0 where (yy, xx) is outside the image. Every element of P is written.
MLP_KERNEL_VARIANTS(void, im2col, (const float* X, int ld, const ConvGeometry& g, float* P))
// The adjoint of im2col: dX (C*H*W, ld) = for each input element, the sum of the elements
// of dP (C*K*K, OH*OW*ld) it was copied to (dX overwritten; in the order of P's rows, then
// positions, in both variants).
MLP_KERNEL_VARIANTS(void, col2im, (const float* dP, int ld, const ConvGeometry& g, float* dX))
// Z (O*OH*OW, ld) = conv(X, Wt) without bias: Wt is (O, C, K, K) row-major (PyTorch's
// nn.Conv2d weight), read as an (O, C*K*K) matrix times P = im2col(X). P is scratch of
// C*K*K * OH*OW*ld floats.
MLP_KERNEL_VARIANTS(void, conv2d_forward,
                    (const float* Wt, const float* X, int ld, const ConvGeometry& g, float* P,
                     float* Z))
// dW (O, C, K, K) = dZ . im2col(X)^T and db (O) = the sum of dZ over every position and
// column (both overwritten); dZ is (O*OH*OW, ld). P is scratch as above.
MLP_KERNEL_VARIANTS(void, conv2d_backward_weights,
                    (const float* dZ, const float* X, int ld, const ConvGeometry& g, float* P,
                     float* dW, float* db))
// dX (C*H*W, ld) = col2im(Wt^T . dZ) (overwritten); P is scratch as above.
MLP_KERNEL_VARIANTS(void, conv2d_backward_input,
                    (const float* Wt, const float* dZ, int ld, const ConvGeometry& g, float* P,
                     float* dX))

// ---- maxpool.cpp ----------------------------------------------------------------------
// 2 x 2 windows, stride 2, over C images of H x W (H, W >= 2; an odd last row or column is
// left out, as nn.MaxPool2d(2)): X (C*H*W, ld) -> Y (C*(H/2)*(W/2), ld). The maximum is the
// first of the window (top-left, top-right, bottom-left, bottom-right) greater than all
// before it, as PyTorch picks it (ties go to the first).
MLP_KERNEL_VARIANTS(void, maxpool2_forward,
                    (const float* X, int ld, int C, int H, int W, float* Y))
// dX (C*H*W, ld) overwritten: each dY element goes to the window element forward chose
// (chosen again from X), every other element of dX is 0.
MLP_KERNEL_VARIANTS(void, maxpool2_backward,
                    (const float* X, const float* dY, int ld, int C, int H, int W, float* dX))

// ---- residual.cpp ---------------------------------------------------------------------
// Y = A + B over (M, N), all with row stride ld (Y may be A or B): a residual layer's
// identity path, forward (h = x + act(z)) and backward (dx += dh).
MLP_KERNEL_VARIANTS(void, add_rows,
                    (const float* A, const float* B, float* Y, int M, int N, int ld))

// ---- activation.cpp -------------------------------------------------------------------
// Z is (M, N) stride ld, b is (M) or null (no bias). Fused: Z += b (per row), then
// Y = act(Z). Y may equal Z only for act == Linear. act == Softmax is accepted: bias, then
// softmax_forward (column-wise).
MLP_KERNEL_VARIANTS(void, bias_activation_forward,
                    (Activation act, float* Z, const float* b, float* Y, int M, int N, int ld))
// dZ = dY * act'(Z) for elementwise act; Z and Y are the forward pre- and post-activation.
// dZ may equal dY. act == Softmax: the column Jacobian product dz_j = y_j (dy_j - sum_k y_k
// dy_k) (uses Y only; for softmax + cross-entropy use softmax_ce_loss's gradient instead).
// Derivatives at 0 follow PyTorch: relu 0, leaky-relu 0.01, elu 1.
MLP_KERNEL_VARIANTS(void, activation_backward,
                    (Activation act, const float* Z, const float* Y, const float* dY, float* dZ,
                     int M, int N, int ld))
// Column-wise softmax over M units: Z (M, N) stride ld -> Y (M, N). Stable (max subtracted).
MLP_KERNEL_VARIANTS(void, softmax_forward, (const float* Z, float* Y, int M, int N, int ld))

// ---- loss.cpp -------------------------------------------------------------------------
// All take (M outputs, N columns, stride ld) and return the loss SUMMED over the n valid
// columns (the caller divides), writing the gradient times `scale` (the caller passes
// 1 / (count) for the mean). Columns n .. ld-1 are not touched. The gradient pointer
// (dY / dZ) may be null: the value only. Per-element maths in f32, the sum in f64.
// mse:        sum (Y - T)^2;                    dY = scale * 2 (Y - T)
MLP_KERNEL_VARIANTS(double, mse_loss,
                    (const float* Y, const float* T, float* dY, int M, int N, int ld,
                     float scale))
// bce:        sum max(z,0) - z t + log1p(exp(-|z|));   dZ = scale * (sigmoid(z) - t)
MLP_KERNEL_VARIANTS(double, bce_logits_loss,
                    (const float* Z, const float* T, float* dZ, int M, int N, int ld,
                     float scale))
// softmax-ce: Z are logits, Y receives the softmax (the same bits as softmax_forward of the
// same variant); sum over columns of -sum_j t_j log p_j
// (log p computed as z - logsumexp z);   dZ = scale * (p * sum_j t_j - t)
MLP_KERNEL_VARIANTS(double, softmax_ce_loss,
                    (const float* Z, const float* T, float* Y, float* dZ, int M, int N, int ld,
                     float scale))

// ---- optimizer.cpp --------------------------------------------------------------------
// Flat loops over n parameters.
// w -= lr * g
MLP_KERNEL_VARIANTS(void, sgd_update, (float* w, const float* g, std::size_t n, float lr))
// v = mu * v + g;  w -= lr * v
MLP_KERNEL_VARIANTS(void, momentum_update,
                    (float* w, const float* g, float* v, std::size_t n, float lr, float mu))
// torch.optim.Adam: m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
// w -= (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps), bc_i = 1 - b_i^step
MLP_KERNEL_VARIANTS(void, adam_update,
                    (float* w, const float* g, float* m, float* v, std::size_t n, float lr,
                     float beta1, float beta2, float eps, float bias_correction1,
                     float bias_correction2))
// g += rate * sign(w)   (sign(0) = 0)
MLP_KERNEL_VARIANTS(void, add_l1, (float* g, const float* w, std::size_t n, float rate))
// g += rate * w
MLP_KERNEL_VARIANTS(void, add_l2, (float* g, const float* w, std::size_t n, float rate))
// returns sum g^2 (accumulated in double across lanes' partial sums)
MLP_KERNEL_VARIANTS(double, sum_squares, (const float* g, std::size_t n))
// g *= s
MLP_KERNEL_VARIANTS(void, scale_inplace, (float* g, std::size_t n, float s))

// ---- vector.cpp (introspection: gradient flow, loss surface, principal directions) -------
// y += a * x
MLP_KERNEL_VARIANTS(void, add_scaled, (float* y, const float* x, std::size_t n, float a))
// returns sum a_i b_i, and sum (a_i - b_i)^2 (float lanes per block, summed in double)
MLP_KERNEL_VARIANTS(double, dot, (const float* a, const float* b, std::size_t n))
MLP_KERNEL_VARIANTS(double, sum_squares_diff, (const float* a, const float* b, std::size_t n))
// Z is (M, N) stride ld: positive[m] += #{c < N : Z[m][c] > 0}, beyond[m] += #{|Z[m][c]| > limit}
MLP_KERNEL_VARIANTS(void, count_units,
                    (const float* Z, int M, int N, int ld, float limit, int* positive, int* beyond))

// ---- pack.cpp -------------------------------------------------------------------------
// Gathers rows of a sample-major matrix X (rows of d floats) into a feature-major block:
// A[j][c] = X[rows[c]][j] for c < n (rows == nullptr means rows[c] = first + c), and
// A[j][c] = 0 for n <= c < ld. A is (d, ld).
MLP_KERNEL_VARIANTS(void, pack_columns,
                    (const float* X, int d, const int* rows, int first, int n, float* A, int ld))
// The inverse for n columns: X[c][j] = A[j][c], X is (n, d) sample-major.
MLP_KERNEL_VARIANTS(void, unpack_columns, (const float* A, int ld, int d, int n, float* X))

// ---- finite.cpp -----------------------------------------------------------------------
// true iff all n elements are finite (no inf, no NaN)
MLP_KERNEL_VARIANTS(bool, all_finite, (const float* x, std::size_t n))

// ---- math (transcendental approximations; simd_math.h has the inline vector forms) ----
// y[i] = f(x[i]) for n elements.
MLP_KERNEL_VARIANTS(void, tanh_vec, (const float* x, float* y, std::size_t n))
MLP_KERNEL_VARIANTS(void, sigmoid_vec, (const float* x, float* y, std::size_t n))
MLP_KERNEL_VARIANTS(void, exp_vec, (const float* x, float* y, std::size_t n))

#undef MLP_KERNEL_VARIANTS

// The variant the network uses in this build.
#if defined(MLP_SIMD) && MLP_SIMD
#define MLP_ACTIVE(name) ::mlp::kernels::name##_wasmsimd
#else
#define MLP_ACTIVE(name) ::mlp::kernels::name##_scalar
#endif

// True if this build's network runs the SIMD variants.
constexpr bool kSimdActive =
#if defined(MLP_SIMD) && MLP_SIMD
    true;
#else
    false;
#endif

}  // namespace mlp::kernels
