// The residual connection's identity path: Y = A + B, row by row over a feature-major block.
// One IEEE add per element, so both variants round identically; the SIMD one runs four
// columns at a time under the tail policy of simd_tail.h.
#include "kernels/kernels.h"
#include "kernels/simd.h"
#include "kernels/simd_tail.h"

namespace mlp::kernels {

// A, B and Y are (M, N) with row stride ld; Y may be A or B.
void add_rows_scalar(const float* A, const float* B, float* Y, int M, int N, int ld) {
  for (int m = 0; m < M; ++m) {
    const long r = static_cast<long>(m) * ld;
    for (int n = 0; n < N; ++n) Y[r + n] = A[r + n] + B[r + n];
  }
}

void add_rows_wasmsimd(const float* A, const float* B, float* Y, int M, int N, int ld) {
  for (int m = 0; m < M; ++m) {
    const long r = static_cast<long>(m) * ld;
    simd_tail::for_column_blocks(N, [&](int n, auto io) {
      io.store(Y + r + n, wasm_f32x4_add(io.load(A + r + n), io.load(B + r + n)));
    });
  }
}

}  // namespace mlp::kernels
