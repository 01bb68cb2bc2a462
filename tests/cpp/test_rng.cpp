// Tests of mlp::Rng (rng.h, rng.cpp): determinism by seed, the ranges of uniform() and
// below(), and the moments of normal(), which the Gaussian datasets and He init rely on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "mlp/rng.h"

namespace {

TEST(Rng, SameSeedSameStreamDifferentSeedsDiffer) {
  mlp::Rng a(42), b(42), c(43);
  int same_as_c = 0;
  for (int i = 0; i < 1000; ++i) {
    const uint32_t va = a.next_u32();
    EXPECT_EQ(va, b.next_u32());
    same_as_c += va == c.next_u32();
  }
  EXPECT_LT(same_as_c, 3);
}

TEST(Rng, ReseedRestartsTheStream) {
  mlp::Rng a(7);
  std::vector<uint32_t> first;
  for (int i = 0; i < 10; ++i) first.push_back(a.next_u32());
  a.reseed(7);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.next_u32(), first[i]);
}

TEST(Rng, UniformIsInZeroOneWithMeanHalf) {
  mlp::Rng r(1);
  const int n = 200000;
  double sum = 0, sum2 = 0;
  float lo = 1, hi = 0;
  for (int i = 0; i < n; ++i) {
    const float u = r.uniform();
    ASSERT_GE(u, 0.0f);
    ASSERT_LT(u, 1.0f);
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    sum += u;
    sum2 += static_cast<double>(u) * u;
  }
  const double mean = sum / n;
  EXPECT_NEAR(mean, 0.5, 0.005);
  EXPECT_NEAR(sum2 / n - mean * mean, 1.0 / 12.0, 0.002);
  EXPECT_LT(lo, 1e-4f);
  EXPECT_GT(hi, 1.0f - 1e-4f);
}

TEST(Rng, UniformRangeStaysInHalfOpenInterval) {
  mlp::Rng r(2);
  for (int i = 0; i < 100000; ++i) {
    const float u = r.uniform(-3.0f, 5.0f);
    ASSERT_GE(u, -3.0f);
    ASSERT_LT(u, 5.0f);
  }
}

TEST(Rng, BelowStaysInRangeAndHitsEveryValue) {
  mlp::Rng r(3);
  for (uint32_t n : {1u, 2u, 3u, 7u, 10u}) {
    std::vector<int> hits(n, 0);
    const int draws = 7000;
    for (int i = 0; i < draws; ++i) {
      const uint32_t v = r.below(n);
      ASSERT_LT(v, n);
      ++hits[v];
    }
    for (uint32_t v = 0; v < n; ++v)
      EXPECT_NEAR(hits[v], static_cast<double>(draws) / n, 5 * std::sqrt(draws / double(n)))
          << "n=" << n << " v=" << v;
  }
  // A bound just above 2^31 is where a modulo reduction would be most biased.
  const uint32_t big = 0x80000001u;
  int upper_half = 0;
  for (int i = 0; i < 20000; ++i) {
    const uint32_t v = r.below(big);
    ASSERT_LT(v, big);
    upper_half += v >= big / 2;
  }
  EXPECT_NEAR(upper_half, 10000, 500);
}

TEST(Rng, NormalHasMeanZeroVarianceOneAndGaussianShape) {
  mlp::Rng r(4);
  const int n = 100000;
  double sum = 0, sum2 = 0, sum3 = 0, sum4 = 0;
  int within_one = 0;
  for (int i = 0; i < n; ++i) {
    const double z = r.normal();
    ASSERT_TRUE(std::isfinite(z));
    // 24-bit uniforms cut the tail at sqrt(-2 ln 2^-24).
    ASSERT_LE(std::abs(z), std::sqrt(48.0 * std::log(2.0)) + 1e-5);
    sum += z;
    sum2 += z * z;
    sum3 += z * z * z;
    sum4 += z * z * z * z;
    within_one += std::abs(z) < 1.0;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.015);       // sd of the mean: 0.0032
  EXPECT_NEAR(sum2 / n, 1.0, 0.025);      // sd of the variance: 0.0045
  EXPECT_NEAR(sum3 / n, 0.0, 0.05);       // skewness, sd 0.008
  EXPECT_NEAR(sum4 / n, 3.0, 0.1);        // kurtosis, sd 0.03
  EXPECT_NEAR(within_one / double(n), 0.6827, 0.01);
}

TEST(Rng, NormalConsumesExactlyTwoDraws) {
  mlp::Rng a(5), b(5);
  for (int i = 0; i < 100; ++i) {
    a.normal();
    b.next_u32();
    b.next_u32();
    ASSERT_EQ(a.state(), b.state());
  }
}

TEST(Rng, NormalWithMeanAndStddevScalesTheStandardStream) {
  mlp::Rng a(6), b(6);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.normal(3.0f, 2.0f), 3.0f + 2.0f * b.normal());
}

TEST(Rng, StateRoundTrips) {
  mlp::Rng a(8);
  a.next_u32();
  const uint64_t s = a.state();
  const float z = a.normal();
  a.set_state(s);
  EXPECT_EQ(a.normal(), z);
}

}  // namespace
