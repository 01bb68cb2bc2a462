// Dense layer forward: Z = W . A over a feature-major batch. The scalar loop is the
// algorithmic reference; the SIMD variant register-blocks 4 rows x 8 columns (8 vector
// accumulators) and sums over k in the same order, so both round identically.
#include "kernels/kernels.h"
#include "kernels/simd.h"

namespace mlp::kernels {

// W is (M, K) row-major, A is (K, N) stride lda, Z is (M, N) stride ldz.
void dense_forward_scalar(const float* W, const float* A, int lda, float* Z, int ldz, int M,
                          int K, int N) {
  for (int m = 0; m < M; ++m) {
    float* z = Z + static_cast<long>(m) * ldz;
    for (int n = 0; n < N; ++n) z[n] = 0.0f;
    const float* w = W + static_cast<long>(m) * K;
    for (int k = 0; k < K; ++k) {
      const float wk = w[k];
      const float* a = A + static_cast<long>(k) * lda;
      for (int n = 0; n < N; ++n) z[n] += wk * a[n];
    }
  }
}

namespace {

// One MR x (4*NV) tile: rows m..m+MR-1, columns n..n+4*NV-1.
template <int MR, int NV>
inline void tile_forward(const float* W, int K, const float* A, int lda, float* Z, int ldz) {
  v128_t acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_splat(0.0f);
  // Pointers stepped by hand: Emscripten builds with loop strength reduction off, and
  // recomputing k * lda every step cost a fifth of the throughput.
  const float* wr[MR];
  for (int r = 0; r < MR; ++r) wr[r] = W + static_cast<long>(r) * K;
  const float* a = A;
  for (int k = 0; k < K; ++k, a += lda) {
    v128_t av[NV];
    for (int v = 0; v < NV; ++v) av[v] = wasm_v128_load(a + 4 * v);
    for (int r = 0; r < MR; ++r) {
      const v128_t w = wasm_v128_load32_splat(wr[r]++);
      for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(w, av[v]));
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) wasm_v128_store(Z + static_cast<long>(r) * ldz + 4 * v, acc[r][v]);
}

template <int NV>
inline void rows_forward(const float* W, int K, const float* A, int lda, float* Z, int ldz,
                         int M) {
  int m = 0;
  for (; m + 4 <= M; m += 4)
    tile_forward<4, NV>(W + static_cast<long>(m) * K, K, A, lda, Z + static_cast<long>(m) * ldz, ldz);
  switch (M - m) {
    case 3: tile_forward<3, NV>(W + static_cast<long>(m) * K, K, A, lda, Z + static_cast<long>(m) * ldz, ldz); break;
    case 2: tile_forward<2, NV>(W + static_cast<long>(m) * K, K, A, lda, Z + static_cast<long>(m) * ldz, ldz); break;
    case 1: tile_forward<1, NV>(W + static_cast<long>(m) * K, K, A, lda, Z + static_cast<long>(m) * ldz, ldz); break;
    default: break;
  }
}

}  // namespace

void dense_forward_wasmsimd(const float* W, const float* A, int lda, float* Z, int ldz, int M,
                            int K, int N) {
  int n = 0;
  // Column blocks outermost: the (K x 8) slice of A stays in L1 while every row of W
  // streams past it.
  for (; n + 8 <= N; n += 8) rows_forward<2>(W, K, A + n, lda, Z + n, ldz, M);
  if (n + 4 <= N) {
    rows_forward<1>(W, K, A + n, lda, Z + n, ldz, M);
    n += 4;
  }
  if (n < N) {
    // Tail columns: the same products summed in the same order, in scalar code.
    for (int m = 0; m < M; ++m) {
      const float* w = W + static_cast<long>(m) * K;
      float* z = Z + static_cast<long>(m) * ldz;
      for (int c = n; c < N; ++c) {
        float acc = 0.0f;
        for (int k = 0; k < K; ++k) acc += w[k] * A[static_cast<long>(k) * lda + c];
        z[c] = acc;
      }
    }
  }
}

}  // namespace mlp::kernels
