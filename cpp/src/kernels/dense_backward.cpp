// Dense layer backward: the input gradient dA = W^T . dZ and the parameter gradients
// dW = dZ . A^T, db = row sums of dZ. The scalar loops are the reference. The SIMD input
// gradient blocks 4 rows x 8 columns and sums over m in the reference order (identical
// rounding); the SIMD weight gradient reduces over the batch in four lane-wise partial
// sums (a different summation order: agreement is to rounding, see the tests).
#include "kernels/kernels.h"
#include "kernels/simd.h"

namespace mlp::kernels {

// ---- dA = W^T . dZ ---------------------------------------------------------------------
// W is (M, K), dZ is (M, N) stride ldz, dA is (K, N) stride lda.
void dense_backward_input_scalar(const float* W, const float* dZ, int ldz, float* dA, int lda,
                                 int M, int K, int N) {
  for (int k = 0; k < K; ++k) {
    float* out = dA + static_cast<long>(k) * lda;
    for (int n = 0; n < N; ++n) out[n] = 0.0f;
    for (int m = 0; m < M; ++m) {
      const float w = W[static_cast<long>(m) * K + k];
      const float* dz = dZ + static_cast<long>(m) * ldz;
      for (int n = 0; n < N; ++n) out[n] += w * dz[n];
    }
  }
}

namespace {

// Rows k..k+KR-1 of dA, columns n..n+4*NV-1. W + k points at column k of row 0.
template <int KR, int NV>
inline void tile_backward_input(const float* W, int K, int M, const float* dZ, int ldz,
                                float* dA, int lda) {
  v128_t acc[KR][NV];
  for (int r = 0; r < KR; ++r)
    for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_splat(0.0f);
  // Pointers stepped by hand (no loop strength reduction in Emscripten builds).
  const float* dz = dZ;
  const float* w = W;
  for (int m = 0; m < M; ++m, dz += ldz, w += K) {
    v128_t d[NV];
    for (int v = 0; v < NV; ++v) d[v] = wasm_v128_load(dz + 4 * v);
    for (int r = 0; r < KR; ++r) {
      const v128_t wr = wasm_v128_load32_splat(w + r);
      for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(wr, d[v]));
    }
  }
  for (int r = 0; r < KR; ++r)
    for (int v = 0; v < NV; ++v) wasm_v128_store(dA + static_cast<long>(r) * lda + 4 * v, acc[r][v]);
}

template <int NV>
inline void rows_backward_input(const float* W, int K, int M, const float* dZ, int ldz,
                                float* dA, int lda) {
  int k = 0;
  for (; k + 4 <= K; k += 4)
    tile_backward_input<4, NV>(W + k, K, M, dZ, ldz, dA + static_cast<long>(k) * lda, lda);
  float* out = dA + static_cast<long>(k) * lda;
  switch (K - k) {
    case 3: tile_backward_input<3, NV>(W + k, K, M, dZ, ldz, out, lda); break;
    case 2: tile_backward_input<2, NV>(W + k, K, M, dZ, ldz, out, lda); break;
    case 1: tile_backward_input<1, NV>(W + k, K, M, dZ, ldz, out, lda); break;
    default: break;
  }
}

}  // namespace

void dense_backward_input_wasmsimd(const float* W, const float* dZ, int ldz, float* dA, int lda,
                                   int M, int K, int N) {
  int n = 0;
  for (; n + 8 <= N; n += 8) rows_backward_input<2>(W, K, M, dZ + n, ldz, dA + n, lda);
  if (n + 4 <= N) {
    rows_backward_input<1>(W, K, M, dZ + n, ldz, dA + n, lda);
    n += 4;
  }
  if (n < N) {
    for (int k = 0; k < K; ++k)
      for (int c = n; c < N; ++c) {
        float acc = 0.0f;
        for (int m = 0; m < M; ++m)
          acc += W[static_cast<long>(m) * K + k] * dZ[static_cast<long>(m) * ldz + c];
        dA[static_cast<long>(k) * lda + c] = acc;
      }
  }
}

// ---- dW = dZ . A^T,  db = sum_n dZ ------------------------------------------------------
// dZ is (M, N) stride ldz, A is (K, N) stride lda, dW is (M, K) row-major, db is (M).
void dense_backward_weights_scalar(const float* dZ, int ldz, const float* A, int lda, float* dW,
                                   float* db, int M, int K, int N) {
  for (int m = 0; m < M; ++m) {
    const float* dz = dZ + static_cast<long>(m) * ldz;
    float bsum = 0.0f;
    for (int n = 0; n < N; ++n) bsum += dz[n];
    db[m] = bsum;
    for (int k = 0; k < K; ++k) {
      const float* a = A + static_cast<long>(k) * lda;
      float acc = 0.0f;
      for (int n = 0; n < N; ++n) acc += dz[n] * a[n];
      dW[static_cast<long>(m) * K + k] = acc;
    }
  }
}

namespace {

// Horizontal sums of four vectors: returns {sum(a), sum(b), sum(c), sum(d)}.
inline v128_t hsum4(v128_t a, v128_t b, v128_t c, v128_t d) {
  // Pairwise: (a0+a2, a1+a3, b0+b2, b1+b3) style transposes.
  const v128_t ab_lo = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5);  // a0 b0 a1 b1
  const v128_t ab_hi = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);  // a2 b2 a3 b3
  const v128_t cd_lo = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5);
  const v128_t cd_hi = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7);
  const v128_t ab = wasm_f32x4_add(ab_lo, ab_hi);  // a0+a2 b0+b2 a1+a3 b1+b3
  const v128_t cd = wasm_f32x4_add(cd_lo, cd_hi);
  const v128_t lo = wasm_i32x4_shuffle(ab, cd, 0, 1, 4, 5);  // a02 b02 c02 d02
  const v128_t hi = wasm_i32x4_shuffle(ab, cd, 2, 3, 6, 7);  // a13 b13 c13 d13
  return wasm_f32x4_add(lo, hi);
}

inline float hsum1(v128_t a) {
  const v128_t s = wasm_f32x4_add(a, wasm_i32x4_shuffle(a, a, 2, 3, 0, 1));
  return wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1);
}

// Rows m..m+MR-1 of dW, all K columns, over N4 = N rounded down to 4 columns; the caller
// adds the scalar tail.
template <int MR>
inline void block_backward_weights(const float* dZ, int ldz, const float* A, int lda, float* dW,
                                   int K, int N4, int N) {
  int k = 0;
  for (; k + 4 <= K; k += 4) {
    v128_t acc[MR][4];
    for (int r = 0; r < MR; ++r)
      for (int j = 0; j < 4; ++j) acc[r][j] = wasm_f32x4_splat(0.0f);
    for (int n = 0; n < N4; n += 4) {
      v128_t a[4];
      for (int j = 0; j < 4; ++j) a[j] = wasm_v128_load(A + static_cast<long>(k + j) * lda + n);
      for (int r = 0; r < MR; ++r) {
        const v128_t d = wasm_v128_load(dZ + static_cast<long>(r) * ldz + n);
        for (int j = 0; j < 4; ++j) acc[r][j] = wasm_f32x4_add(acc[r][j], wasm_f32x4_mul(d, a[j]));
      }
    }
    for (int r = 0; r < MR; ++r) {
      v128_t sums = hsum4(acc[r][0], acc[r][1], acc[r][2], acc[r][3]);
      if (N4 < N) {
        float tail[4] = {0, 0, 0, 0};
        const float* dz = dZ + static_cast<long>(r) * ldz;
        for (int j = 0; j < 4; ++j) {
          const float* a = A + static_cast<long>(k + j) * lda;
          for (int n = N4; n < N; ++n) tail[j] += dz[n] * a[n];
        }
        sums = wasm_f32x4_add(sums, wasm_v128_load(tail));
      }
      wasm_v128_store(dW + static_cast<long>(r) * K + k, sums);
    }
  }
}

// Sum over the N columns of x[j] * (y[j] or 1): four dot products (or row sums when y is
// null) at once, reduced with one transpose-add instead of four horizontal sums.
inline v128_t dots4(const float* const x[4], const float* const y[4], int N4, int N) {
  v128_t acc[4];
  for (int j = 0; j < 4; ++j) acc[j] = wasm_f32x4_splat(0.0f);
  for (int n = 0; n < N4; n += 4)
    for (int j = 0; j < 4; ++j) {
      const v128_t xv = wasm_v128_load(x[j] + n);
      acc[j] = wasm_f32x4_add(acc[j], y[j] ? wasm_f32x4_mul(xv, wasm_v128_load(y[j] + n)) : xv);
    }
  v128_t sums = hsum4(acc[0], acc[1], acc[2], acc[3]);
  if (N4 < N) {
    float tail[4] = {0, 0, 0, 0};
    for (int j = 0; j < 4; ++j)
      for (int n = N4; n < N; ++n) tail[j] += y[j] ? x[j][n] * y[j][n] : x[j][n];
    sums = wasm_f32x4_add(sums, wasm_v128_load(tail));
  }
  return sums;
}

inline float dot1(const float* x, const float* y, int N4, int N) {
  v128_t acc = wasm_f32x4_splat(0.0f);
  for (int n = 0; n < N4; n += 4) {
    const v128_t xv = wasm_v128_load(x + n);
    acc = wasm_f32x4_add(acc, y ? wasm_f32x4_mul(xv, wasm_v128_load(y + n)) : xv);
  }
  float tail = 0.0f;
  for (int n = N4; n < N; ++n) tail += y ? x[n] * y[n] : x[n];
  return hsum1(acc) + tail;
}

// The dW columns k >= K4 (fewer than four, after the 4-column blocks) and the biases: for
// each such column, and for the bias, the rows are reduced four at a time.
inline void remainder_backward_weights(const float* dZ, int ldz, const float* A, int lda,
                                       float* dW, float* db, int M, int K, int K4, int N4,
                                       int N) {
  for (int k = K4; k <= K; ++k) {  // k == K: the bias (a row of ones)
    const float* a = k < K ? A + static_cast<long>(k) * lda : nullptr;
    int m = 0;
    for (; m + 4 <= M; m += 4) {
      const float* x[4];
      const float* y[4] = {a, a, a, a};
      for (int j = 0; j < 4; ++j) x[j] = dZ + static_cast<long>(m + j) * ldz;
      const v128_t s = dots4(x, y, N4, N);
      if (k == K) {
        wasm_v128_store(db + m, s);
      } else {
        dW[static_cast<long>(m + 0) * K + k] = wasm_f32x4_extract_lane(s, 0);
        dW[static_cast<long>(m + 1) * K + k] = wasm_f32x4_extract_lane(s, 1);
        dW[static_cast<long>(m + 2) * K + k] = wasm_f32x4_extract_lane(s, 2);
        dW[static_cast<long>(m + 3) * K + k] = wasm_f32x4_extract_lane(s, 3);
      }
    }
    for (; m < M; ++m) {
      const float v = dot1(dZ + static_cast<long>(m) * ldz, a, N4, N);
      if (k == K)
        db[m] = v;
      else
        dW[static_cast<long>(m) * K + k] = v;
    }
  }
}

}  // namespace

void dense_backward_weights_wasmsimd(const float* dZ, int ldz, const float* A, int lda,
                                     float* dW, float* db, int M, int K, int N) {
  const int N4 = N & ~3;
  const int K4 = K & ~3;
  remainder_backward_weights(dZ, ldz, A, lda, dW, db, M, K, K4, N4, N);
  int m = 0;
  for (; m + 2 <= M; m += 2)
    block_backward_weights<2>(dZ + static_cast<long>(m) * ldz, ldz, A, lda,
                              dW + static_cast<long>(m) * K, K, N4, N);
  if (m < M)
    block_backward_weights<1>(dZ + static_cast<long>(m) * ldz, ldz, A, lda,
                              dW + static_cast<long>(m) * K, K, N4, N);
}

}  // namespace mlp::kernels
