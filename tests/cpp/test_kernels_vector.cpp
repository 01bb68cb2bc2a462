// The introspection kernels (vector.cpp): add_scaled bit for bit between the variants;
// dot and sum_squares_diff against a double oracle to float precision of the sum of |terms|
// at lengths around the 4-lane tile and the 1024-element blocks; count_units on every tail
// length with ld > n (columns past n are not counted).
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <vector>

#include "kernels/kernels.h"
#include "mlp/rng.h"

using namespace mlp;
using namespace mlp::kernels;

namespace {
std::vector<float> random_vector(std::size_t n, uint64_t seed, float lo = -1, float hi = 1) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (float& x : v) x = rng.uniform(lo, hi);
  return v;
}
const std::size_t kLengths[] = {0, 1, 3, 4, 5, 7, 8, 9, 1023, 1024, 1025, 4099};
}  // namespace

TEST(VectorKernels, AddScaledVariantsAgreeBitForBit) {
  for (std::size_t n : kLengths) {
    const auto x = random_vector(n, 1);
    auto y1 = random_vector(n, 2), y2 = y1;
    add_scaled_scalar(y1.data(), x.data(), n, -0.37f);
    add_scaled_wasmsimd(y2.data(), x.data(), n, -0.37f);
    EXPECT_EQ(y1, y2) << n;
  }
}

TEST(VectorKernels, ReductionsMatchTheDoubleOracle) {
  for (std::size_t n : kLengths) {
    const auto a = random_vector(n, 3), b = random_vector(n, 4);
    double dot = 0, abs_dot = 0, ssd = 0;
    for (std::size_t i = 0; i < n; ++i) {
      dot += double(a[i]) * b[i];
      abs_dot += std::fabs(double(a[i]) * b[i]);
      ssd += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
    }
    const double tol = 4 * FLT_EPSILON;
    EXPECT_NEAR(dot_scalar(a.data(), b.data(), n), dot, 1e-12 * (1 + abs_dot)) << n;
    EXPECT_NEAR(dot_wasmsimd(a.data(), b.data(), n), dot, tol * (1 + abs_dot)) << n;
    EXPECT_NEAR(sum_squares_diff_scalar(a.data(), b.data(), n), ssd, 1e-12 * (1 + ssd)) << n;
    EXPECT_NEAR(sum_squares_diff_wasmsimd(a.data(), b.data(), n), ssd, tol * (1 + ssd)) << n;
  }
}

TEST(VectorKernels, CountUnitsOnEveryTail) {
  for (int M : {1, 3}) {
    for (int N = 1; N <= 13; ++N) {
      const int ld = N + 3;
      std::vector<float> Z = random_vector(static_cast<std::size_t>(M) * ld, 5 + N, -5, 5);
      for (int m = 0; m < M; ++m)
        for (int c = N; c < ld; ++c) Z[m * ld + c] = 100.0f;  // padding: must not count
      Z[0] = 0.0f;  // z = 0 is not positive
      std::vector<int> p1(M, 1), b1(M, 2), p2 = p1, b2 = b1;
      count_units_scalar(Z.data(), M, N, ld, 3.0f, p1.data(), b1.data());
      count_units_wasmsimd(Z.data(), M, N, ld, 3.0f, p2.data(), b2.data());
      for (int m = 0; m < M; ++m) {
        int p = 1, b = 2;  // they add to what is there
        for (int c = 0; c < N; ++c) {
          p += Z[m * ld + c] > 0;
          b += std::fabs(Z[m * ld + c]) > 3.0f;
        }
        EXPECT_EQ(p1[m], p) << M << "x" << N;
        EXPECT_EQ(p2[m], p) << M << "x" << N;
        EXPECT_EQ(b1[m], b);
        EXPECT_EQ(b2[m], b);
      }
    }
  }
}
