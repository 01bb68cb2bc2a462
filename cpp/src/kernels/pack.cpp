// Moving batches between the public sample-major layout (n x d) and the kernels'
// feature-major layout (d x ld, ld a multiple of 4, padded columns zero).
#include "kernels/kernels.h"
#include "kernels/simd.h"

namespace mlp::kernels {

// X is sample-major rows of d floats; A is (d, ld). Columns n..ld-1 are zeroed.
void pack_columns_scalar(const float* X, int d, const int* rows, int first, int n, float* A,
                         int ld) {
  for (int c = 0; c < n; ++c) {
    const float* x = X + static_cast<long>(rows ? rows[c] : first + c) * d;
    for (int j = 0; j < d; ++j) A[static_cast<long>(j) * ld + c] = x[j];
  }
  for (int j = 0; j < d; ++j)
    for (int c = n; c < ld; ++c) A[static_cast<long>(j) * ld + c] = 0.0f;
}

void pack_columns_wasmsimd(const float* X, int d, const int* rows, int first, int n, float* A,
                           int ld) {
  int c = 0;
  for (; c + 4 <= n; c += 4) {
    const float* x0 = X + static_cast<long>(rows ? rows[c + 0] : first + c + 0) * d;
    const float* x1 = X + static_cast<long>(rows ? rows[c + 1] : first + c + 1) * d;
    const float* x2 = X + static_cast<long>(rows ? rows[c + 2] : first + c + 2) * d;
    const float* x3 = X + static_cast<long>(rows ? rows[c + 3] : first + c + 3) * d;
    int j = 0;
    for (; j + 4 <= d; j += 4) {
      // 4 samples x 4 features: a 4x4 transpose in registers.
      const v128_t r0 = wasm_v128_load(x0 + j), r1 = wasm_v128_load(x1 + j);
      const v128_t r2 = wasm_v128_load(x2 + j), r3 = wasm_v128_load(x3 + j);
      const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5);
      const v128_t t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
      const v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
      const v128_t t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
      wasm_v128_store(A + static_cast<long>(j + 0) * ld + c, wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5));
      wasm_v128_store(A + static_cast<long>(j + 1) * ld + c, wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7));
      wasm_v128_store(A + static_cast<long>(j + 2) * ld + c, wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5));
      wasm_v128_store(A + static_cast<long>(j + 3) * ld + c, wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7));
    }
    for (; j < d; ++j)
      wasm_v128_store(A + static_cast<long>(j) * ld + c, wasm_f32x4_make(x0[j], x1[j], x2[j], x3[j]));
  }
  for (; c < n; ++c) {
    const float* x = X + static_cast<long>(rows ? rows[c] : first + c) * d;
    for (int j = 0; j < d; ++j) A[static_cast<long>(j) * ld + c] = x[j];
  }
  for (int j = 0; j < d; ++j)
    for (int p = n; p < ld; ++p) A[static_cast<long>(j) * ld + p] = 0.0f;
}

// A is (d, ld) feature-major; X receives n rows of d floats.
void unpack_columns_scalar(const float* A, int ld, int d, int n, float* X) {
  for (int c = 0; c < n; ++c)
    for (int j = 0; j < d; ++j) X[static_cast<long>(c) * d + j] = A[static_cast<long>(j) * ld + c];
}

void unpack_columns_wasmsimd(const float* A, int ld, int d, int n, float* X) {
  if (d == 1) {  // the common single-output case is a plain copy
    int c = 0;
    for (; c + 4 <= n; c += 4) wasm_v128_store(X + c, wasm_v128_load(A + c));
    for (; c < n; ++c) X[c] = A[c];
    return;
  }
  unpack_columns_scalar(A, ld, d, n, X);
}

}  // namespace mlp::kernels
