// Dense, optimizer and packing kernels: the scalar reference and the wasm-SIMD variant
// against a double-precision oracle, at sizes below, at, and above the tiles (rows 4,
// columns 4 and 8), odd tails, the benchmark workloads' shapes, and ld > n (columns past n
// must stay untouched). Tolerances: kernels summing in the reference order must agree
// bit for bit; the lane-wise reduction of dW agrees to 4 ulp of the sum of |terms|.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <limits>
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

constexpr float kSentinel = 12345.0f;

struct Shape {
  int M, K, N;
};

std::vector<Shape> shapes() {
  std::vector<Shape> s;
  for (int M = 1; M <= 7; ++M)
    for (int K = 1; K <= 7; K += 2)
      for (int N = 1; N <= 11; ++N) s.push_back({M, K, N});
  // Workloads A-D of DESIGN.md (batch padded to 4): 2-4-2-1, 6-8x6-1, 2-64-64-64-3, grid.
  for (Shape w : {Shape{4, 2, 12}, Shape{2, 4, 12}, Shape{1, 2, 12}, Shape{8, 6, 12},
                  Shape{8, 8, 12}, Shape{1, 8, 12}, Shape{64, 2, 32}, Shape{64, 64, 32},
                  Shape{3, 64, 32}, Shape{64, 64, 256}, Shape{13, 17, 29}})
    s.push_back(w);
  return s;
}

}  // namespace

TEST(DenseForward, BothVariantsMatchTheDoubleOracleAndEachOther) {
  for (const Shape& s : shapes()) {
    const int ld = s.N + 3;
    const auto W = random_vector(static_cast<std::size_t>(s.M) * s.K, 1);
    const auto A = random_vector(static_cast<std::size_t>(s.K) * ld, 2);
    std::vector<float> z1(static_cast<std::size_t>(s.M) * ld, kSentinel), z2 = z1;
    dense_forward_scalar(W.data(), A.data(), ld, z1.data(), ld, s.M, s.K, s.N);
    dense_forward_wasmsimd(W.data(), A.data(), ld, z2.data(), ld, s.M, s.K, s.N);
    for (int m = 0; m < s.M; ++m)
      for (int n = 0; n < ld; ++n) {
        const std::size_t i = static_cast<std::size_t>(m) * ld + n;
        if (n >= s.N) {
          ASSERT_EQ(z1[i], kSentinel);
          ASSERT_EQ(z2[i], kSentinel) << "SIMD wrote past column N";
          continue;
        }
        double ref = 0, mag = 0;
        for (int k = 0; k < s.K; ++k) {
          ref += double(W[m * s.K + k]) * A[static_cast<std::size_t>(k) * ld + n];
          mag += std::fabs(double(W[m * s.K + k]) * A[static_cast<std::size_t>(k) * ld + n]);
        }
        ASSERT_NEAR(z1[i], ref, 1e-6 * (1 + mag)) << s.M << "x" << s.K << "x" << s.N;
        ASSERT_EQ(z1[i], z2[i]) << "M" << s.M << " K" << s.K << " N" << s.N << " at " << m << "," << n;
      }
  }
}

TEST(DenseBackwardInput, BothVariantsMatchTheDoubleOracleAndEachOther) {
  for (const Shape& s : shapes()) {
    const int ld = s.N + 1;
    const auto W = random_vector(static_cast<std::size_t>(s.M) * s.K, 3);
    const auto dZ = random_vector(static_cast<std::size_t>(s.M) * ld, 4);
    std::vector<float> a1(static_cast<std::size_t>(s.K) * ld, kSentinel), a2 = a1;
    dense_backward_input_scalar(W.data(), dZ.data(), ld, a1.data(), ld, s.M, s.K, s.N);
    dense_backward_input_wasmsimd(W.data(), dZ.data(), ld, a2.data(), ld, s.M, s.K, s.N);
    for (int k = 0; k < s.K; ++k)
      for (int n = 0; n < ld; ++n) {
        const std::size_t i = static_cast<std::size_t>(k) * ld + n;
        if (n >= s.N) {
          ASSERT_EQ(a2[i], kSentinel);
          continue;
        }
        double ref = 0, mag = 0;
        for (int m = 0; m < s.M; ++m) {
          const double term = double(W[m * s.K + k]) * dZ[static_cast<std::size_t>(m) * ld + n];
          ref += term;
          mag += std::fabs(term);
        }
        ASSERT_NEAR(a1[i], ref, 1e-6 * (1 + mag));
        ASSERT_EQ(a1[i], a2[i]) << "M" << s.M << " K" << s.K << " N" << s.N;
      }
  }
}

TEST(DenseBackwardWeights, BothVariantsMatchTheDoubleOracle) {
  for (const Shape& s : shapes()) {
    const int ld = s.N + 2;
    auto dZ = random_vector(static_cast<std::size_t>(s.M) * ld, 5);
    const auto A = random_vector(static_cast<std::size_t>(s.K) * ld, 6);
    // Poison the columns past N: a kernel that reads them gives a wrong answer.
    for (int m = 0; m < s.M; ++m)
      for (int n = s.N; n < ld; ++n) dZ[static_cast<std::size_t>(m) * ld + n] = 1e6f;
    std::vector<float> w1(static_cast<std::size_t>(s.M) * s.K), w2 = w1, b1(s.M), b2(s.M);
    dense_backward_weights_scalar(dZ.data(), ld, A.data(), ld, w1.data(), b1.data(), s.M, s.K, s.N);
    dense_backward_weights_wasmsimd(dZ.data(), ld, A.data(), ld, w2.data(), b2.data(), s.M, s.K, s.N);
    const double ulp = std::ldexp(1.0, -23);
    for (int m = 0; m < s.M; ++m) {
      double bref = 0, bmag = 0;
      for (int n = 0; n < s.N; ++n) {
        bref += dZ[static_cast<std::size_t>(m) * ld + n];
        bmag += std::fabs(dZ[static_cast<std::size_t>(m) * ld + n]);
      }
      ASSERT_NEAR(b1[m], bref, 4 * ulp * s.N * bmag);
      ASSERT_NEAR(b2[m], bref, 4 * ulp * s.N * bmag);
      for (int k = 0; k < s.K; ++k) {
        double ref = 0, mag = 0;
        for (int n = 0; n < s.N; ++n) {
          const double term = double(dZ[static_cast<std::size_t>(m) * ld + n]) *
                              A[static_cast<std::size_t>(k) * ld + n];
          ref += term;
          mag += std::fabs(term);
        }
        const std::size_t i = static_cast<std::size_t>(m) * s.K + k;
        ASSERT_NEAR(w1[i], ref, 4 * ulp * s.N * mag) << "scalar M" << s.M << " K" << s.K << " N" << s.N;
        ASSERT_NEAR(w2[i], ref, 4 * ulp * s.N * mag) << "simd M" << s.M << " K" << s.K << " N" << s.N;
      }
    }
  }
}

TEST(Optimizers, VariantsAgreeBitForBitAtEveryLength) {
  for (std::size_t n : {1u, 2u, 3u, 4u, 5u, 7u, 8u, 9u, 33u, 1027u}) {
    const auto g = random_vector(n, 7), w0 = random_vector(n, 8), s0 = random_vector(n, 9, 0, 1);
    auto run = [&](auto&& fn) {
      std::vector<float> w = w0, a = s0, b = s0;
      fn(w.data(), a.data(), b.data());
      return std::vector<std::vector<float>>{w, a, b};
    };
    EXPECT_EQ(run([&](float* w, float*, float*) { sgd_update_scalar(w, g.data(), n, 0.03f); }),
              run([&](float* w, float*, float*) { sgd_update_wasmsimd(w, g.data(), n, 0.03f); }));
    EXPECT_EQ(run([&](float* w, float* v, float*) { momentum_update_scalar(w, g.data(), v, n, 0.1f, 0.9f); }),
              run([&](float* w, float* v, float*) { momentum_update_wasmsimd(w, g.data(), v, n, 0.1f, 0.9f); }));
    EXPECT_EQ(run([&](float* w, float* m, float* v) {
                adam_update_scalar(w, g.data(), m, v, n, 0.01f, 0.9f, 0.999f, 1e-8f, 0.271f, 0.003f);
              }),
              run([&](float* w, float* m, float* v) {
                adam_update_wasmsimd(w, g.data(), m, v, n, 0.01f, 0.9f, 0.999f, 1e-8f, 0.271f, 0.003f);
              }));
    EXPECT_EQ(run([&](float* w, float* a, float*) { add_l1_scalar(a, w, n, 0.01f); }),
              run([&](float* w, float* a, float*) { add_l1_wasmsimd(a, w, n, 0.01f); }));
    EXPECT_EQ(run([&](float* w, float* a, float*) { add_l2_scalar(a, w, n, 0.01f); }),
              run([&](float* w, float* a, float*) { add_l2_wasmsimd(a, w, n, 0.01f); }));
    EXPECT_EQ(run([&](float* w, float*, float*) { scale_inplace_scalar(w, n, 0.37f); }),
              run([&](float* w, float*, float*) { scale_inplace_wasmsimd(w, n, 0.37f); }));
    double ref = 0;
    for (float v : g) ref += double(v) * v;
    EXPECT_NEAR(sum_squares_scalar(g.data(), n), ref, 1e-12 * ref);
    EXPECT_NEAR(sum_squares_wasmsimd(g.data(), n), ref, 1e-6 * ref);
  }
}

TEST(Optimizers, UpdatesFollowTheirFormulas) {
  float w = 1.0f, g = 0.5f, v = 0.2f, m = 0.1f, s = 0.04f;
  momentum_update_wasmsimd(&w, &g, &v, 1, 0.1f, 0.9f);
  EXPECT_FLOAT_EQ(v, 0.9f * 0.2f + 0.5f);
  EXPECT_FLOAT_EQ(w, 1.0f - 0.1f * v);
  w = 1.0f;
  adam_update_scalar(&w, &g, &m, &s, 1, 0.01f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f);
  const double mm = 0.9 * 0.1 + 0.1 * 0.5, vv = 0.999 * 0.04 + 0.001 * 0.25;
  EXPECT_NEAR(w, 1.0 - 0.01 / 0.1 * mm / (std::sqrt(vv) / std::sqrt(0.001) + 1e-8), 1e-6);
  float gl[3] = {0, 0, 0}, wl[3] = {-2, 0, 3};
  add_l1_wasmsimd(gl, wl, 3, 0.5f);
  EXPECT_EQ(gl[0], -0.5f);
  EXPECT_EQ(gl[1], 0.0f);
  EXPECT_EQ(gl[2], 0.5f);
}

TEST(Pack, GatherTransposeAndPadding) {
  for (int d : {1, 2, 3, 4, 5, 6, 8, 9})
    for (int n : {1, 3, 4, 5, 8, 10, 13}) {
      const int ld = (n + 3) / 4 * 4;
      const int rows_total = 20;
      const auto X = random_vector(static_cast<std::size_t>(rows_total) * d, 10 + d);
      std::vector<int> rows;
      for (int c = 0; c < n; ++c) rows.push_back((c * 7 + 3) % rows_total);
      for (const int* r : {static_cast<const int*>(nullptr), static_cast<const int*>(rows.data())}) {
        std::vector<float> a1(static_cast<std::size_t>(d) * ld, kSentinel), a2 = a1;
        pack_columns_scalar(X.data(), d, r, 2, n, a1.data(), ld);
        pack_columns_wasmsimd(X.data(), d, r, 2, n, a2.data(), ld);
        EXPECT_EQ(a1, a2);
        for (int j = 0; j < d; ++j)
          for (int c = 0; c < ld; ++c) {
            const float want = c < n ? X[static_cast<std::size_t>(r ? r[c] : 2 + c) * d + j] : 0.0f;
            ASSERT_EQ(a1[static_cast<std::size_t>(j) * ld + c], want);
          }
        std::vector<float> x1(static_cast<std::size_t>(n) * d), x2 = x1;
        unpack_columns_scalar(a1.data(), ld, d, n, x1.data());
        unpack_columns_wasmsimd(a1.data(), ld, d, n, x2.data());
        EXPECT_EQ(x1, x2);
        for (int c = 0; c < n; ++c)
          for (int j = 0; j < d; ++j)
            ASSERT_EQ(x1[static_cast<std::size_t>(c) * d + j], X[static_cast<std::size_t>(r ? r[c] : 2 + c) * d + j]);
      }
    }
}


TEST(Optimizers, DecayedStateIsFlushedToZeroNotLeftSubnormal) {
  // A unit whose gradient is always 0: its moments decay geometrically; they must reach 0
  // rather than linger as subnormals (slow on x86), in both variants alike.
  for (bool simd : {false, true}) {
    std::vector<float> w(5, 1.0f), g(5, 0.0f), m(5, 1e-30f), v(5, 1e-30f), vel(5, 1e-30f);
    for (int step = 0; step < 2000; ++step) {
      if (simd) {
        adam_update_wasmsimd(w.data(), g.data(), m.data(), v.data(), 5, 0.01f, 0.9f, 0.999f, 1e-8f, 1.0f, 1.0f);
        momentum_update_wasmsimd(w.data(), g.data(), vel.data(), 5, 0.01f, 0.9f);
      } else {
        adam_update_scalar(w.data(), g.data(), m.data(), v.data(), 5, 0.01f, 0.9f, 0.999f, 1e-8f, 1.0f, 1.0f);
        momentum_update_scalar(w.data(), g.data(), vel.data(), 5, 0.01f, 0.9f);
      }
      for (int i = 0; i < 5; ++i)
        for (float s : {m[i], v[i], vel[i]}) ASSERT_TRUE(s == 0.0f || std::fabs(s) >= FLT_MIN) << step;
    }
    EXPECT_EQ(m[4], 0.0f);
    EXPECT_EQ(vel[0], 0.0f);
  }
}

TEST(AllFinite, FindsInfAndNaNAnywhereInBothVariants) {
  for (std::size_t n : {0u, 1u, 3u, 4u, 5u, 8u, 13u}) {
    std::vector<float> x = random_vector(n, 40, -1e30f, 1e30f);
    EXPECT_TRUE(all_finite_scalar(x.data(), n));
    EXPECT_TRUE(all_finite_wasmsimd(x.data(), n));
    for (std::size_t i = 0; i < n; ++i)
      for (float bad : {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                        std::numeric_limits<float>::quiet_NaN()}) {
        std::vector<float> y = x;
        y[i] = bad;
        EXPECT_FALSE(all_finite_scalar(y.data(), n)) << n << " " << i;
        EXPECT_FALSE(all_finite_wasmsimd(y.data(), n)) << n << " " << i;
      }
  }
}
