// Softmax backward for a loss other than cross-entropy (e.g. mse on softmax outputs):
// dZ_j = y_j (dY_j - sum_i y_i dY_i), column by column; SIMD runs 4 columns at a time.
#include "kernels/kernels.h"
#include "kernels/simd.h"

namespace mlp::kernels {

// Y, dY, dZ are (M, N) stride ld; dZ may equal dY.
void softmax_backward_scalar(const float* Y, const float* dY, float* dZ, int M, int N, int ld) {
  for (int n = 0; n < N; ++n) {
    float dot = 0.0f;
    for (int m = 0; m < M; ++m) dot += Y[static_cast<long>(m) * ld + n] * dY[static_cast<long>(m) * ld + n];
    for (int m = 0; m < M; ++m) {
      const long i = static_cast<long>(m) * ld + n;
      dZ[i] = Y[i] * (dY[i] - dot);
    }
  }
}

void softmax_backward_wasmsimd(const float* Y, const float* dY, float* dZ, int M, int N, int ld) {
  int n = 0;
  for (; n + 4 <= N; n += 4) {
    v128_t dot = wasm_f32x4_splat(0.0f);
    for (int m = 0; m < M; ++m) {
      const long i = static_cast<long>(m) * ld + n;
      dot = wasm_f32x4_add(dot, wasm_f32x4_mul(wasm_v128_load(Y + i), wasm_v128_load(dY + i)));
    }
    for (int m = 0; m < M; ++m) {
      const long i = static_cast<long>(m) * ld + n;
      wasm_v128_store(dZ + i, wasm_f32x4_mul(wasm_v128_load(Y + i),
                                             wasm_f32x4_sub(wasm_v128_load(dY + i), dot)));
    }
  }
  if (n < N) softmax_backward_scalar(Y + n, dY + n, dZ + n, M, N - n, ld);
}

}  // namespace mlp::kernels
