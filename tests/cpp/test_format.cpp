// mlp/format.h against the C library as the oracle (glibc natively, musl in the wasm build):
// format_g and format_f give printf's text for "%.*g" and "%.*f" over special values (±0,
// ±inf, NaN of either sign), subnormals, the ends of the range, powers of two and ten,
// binary fractions whose decimal expansion ends in a 5 (the ties printf rounds to even), and
// random bit patterns; g_reads_back agrees with strtod reading that text back, as a double
// and as a float (through the cast the JSON writer checks with).
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

#include "mlp/format.h"

namespace {

uint64_t splitmix(uint64_t* s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

double from_bits(uint64_t b) {
  double d;
  std::memcpy(&d, &b, sizeof d);
  return d;
}

float float_from_bits(uint32_t b) {
  float f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}

std::string printf_g(double d, int p) {
  char buf[1200];
  std::snprintf(buf, sizeof buf, "%.*g", p, d);
  return buf;
}

std::string printf_f(double d, int p) {
  char buf[1200];
  std::snprintf(buf, sizeof buf, "%.*f", p, d);
  return buf;
}

// Values where formatting is hard: specials, range ends, powers, exact ties.
std::vector<double> edge_values() {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> v = {0.0, -0.0, inf, -inf, std::nan(""), -std::nan(""),
                           std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::denorm_min(),
                           DBL_MIN, -DBL_MIN, std::nextafter(DBL_MIN, 0.0), DBL_MAX, -DBL_MAX,
                           1e308, -1e308, 1e-308, 1e-307, 1e300, 1e-300, 1e23, 9007199254740992.0,
                           9007199254740993.0, 123456789012345678.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
                           0.5, 1.5, 2.5, 0.125, 0.375, 9.5, 99.5, 999.5, 0.05, 0.15, 0.25, 0.35, 0.45,
                           9.995, 0.9999999999999999, 99999.95, 999999.5, 1e-5, 1e-4, 0.0001234, 1e15,
                           1e16, 1e17, 5e-324, 4.9406564584124654e-324, 2.2250738585072014e-308,
                           1.7976931348623157e308, 3.4028234663852886e38, 1.1754943508222875e-38};
  for (int e = -1074; e <= 1023; ++e) v.push_back(std::ldexp(1.0, e));
  for (int e = -323; e <= 308; ++e) v.push_back(std::strtod(("1e" + std::to_string(e)).c_str(), nullptr));
  // (2i+1)/2^j: the decimal expansion ends in 5, so rounding just before its last digit is a tie.
  for (int j = 1; j <= 12; ++j)
    for (int i = 0; i < 300; i += 7) v.push_back((2.0 * i + 1) / std::ldexp(1.0, j));
  for (int k = 0; k < 200; ++k) v.push_back(std::ldexp(1.0, -1074) * (2 * k + 1));  // subnormals
  return v;
}

// Every value at every precision: our text against the C library's (the first 20 mismatches shown).
template <class Ours, class Libc>
void expect_all_same(const std::vector<double>& values, std::initializer_list<int> precisions, Ours ours,
                     Libc libc, const char* what) {
  int mismatches = 0;
  for (double d : values)
    for (int p : precisions) {
      const std::string a = ours(d, p), b = libc(d, p);
      if (a != b && ++mismatches <= 20)
        ADD_FAILURE() << what << " precision " << p << " of " << printf_g(d, 17) << ": ours \"" << a
                      << "\", C library \"" << b << "\"";
    }
  EXPECT_EQ(mismatches, 0);
}

// A value in (-0.5, 0.5) times 10^k, k uniform in [lo, hi].
double random_decimal(uint64_t* s, int lo, int hi) {
  const double m = from_bits(splitmix(s) >> 12 | 0x3ff0000000000000ull) - 1.0;
  return (m - 0.5) * std::pow(10.0, static_cast<int>(splitmix(s) % (hi - lo + 1)) + lo);
}

TEST(Format, GMatchesPrintf) {
  std::vector<double> values = edge_values();
  uint64_t s = 1;
  for (int i = 0; i < 3000; ++i) values.push_back(from_bits(splitmix(&s)));
  // magnitudes the core prints: 1e-12 .. 1e12
  for (int i = 0; i < 3000; ++i) values.push_back(random_decimal(&s, -12, 12));
  expect_all_same(values, {0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 15, 16, 17, 20, -1}, mlp::format_g, printf_g, "%g");
}

TEST(Format, FMatchesPrintf) {
  std::vector<double> values = edge_values();
  uint64_t s = 2;
  for (int i = 0; i < 3000; ++i) values.push_back(random_decimal(&s, -15, 14));
  for (int i = 0; i < 300; ++i) values.push_back(from_bits(splitmix(&s)));
  expect_all_same(values, {0, 1, 2, 3, 6, 17}, mlp::format_f, printf_f, "%f");
}

TEST(Format, ReadsBackAsStrtodDoes) {
  std::vector<double> values = edge_values();
  uint64_t s = 3;
  for (int i = 0; i < 4000; ++i) values.push_back(from_bits(splitmix(&s)));
  // Decimals of 16 and 17 digits: about half of them do not survive 15 digits.
  for (int i = 0; i < 4000; ++i) {
    const std::string text = std::to_string(splitmix(&s) % 100000000000000000ull) + "e" +
                             std::to_string(static_cast<int>(splitmix(&s) % 600) - 300);
    values.push_back(std::strtod(text.c_str(), nullptr));
  }
  int disagreed = 0, tested = 0, survive15[2] = {};
  for (double d : values) {
    if (!std::isfinite(d)) continue;
    for (int p : {1, 6, 15, 16, 17}) {
      const bool libc = std::strtod(printf_g(d, p).c_str(), nullptr) == d;
      ++tested;
      if (p == 15) ++survive15[libc];
      if (mlp::g_reads_back(d, p, false) != libc && ++disagreed <= 20)
        ADD_FAILURE() << "precision " << p << " of " << printf_g(d, 17) << ": strtod says " << libc;
    }
  }
  EXPECT_EQ(disagreed, 0) << "of " << tested;
  EXPECT_GT(survive15[0], 1000);  // both answers are tested many times
  EXPECT_GT(survive15[1], 1000);
}

TEST(Format, FloatReadsBackAsTheCastOfStrtodDoes) {
  std::vector<float> values = {0.0f, -0.0f, FLT_MIN, -FLT_MIN, FLT_MAX, -FLT_MAX,
                               std::numeric_limits<float>::denorm_min(), 0.1f, 1e-5f, 3.14159274f,
                               16777216.0f, 16777215.0f, 1e38f, 1e-38f, 0.3f, 2.5f};
  for (int e = -149; e <= 127; ++e) values.push_back(std::ldexp(1.0f, e));
  for (uint32_t k = 1; k < 300; ++k) values.push_back(float_from_bits(k));  // subnormals
  uint64_t s = 4;
  for (int i = 0; i < 20000; ++i) {
    const float f = float_from_bits(static_cast<uint32_t>(splitmix(&s)));
    if (std::isfinite(f)) values.push_back(f);
  }
  for (int i = 0; i < 20000; ++i) values.push_back(static_cast<float>(splitmix(&s) % 2000001) / 1000000.0f - 1.0f);
  int disagreed = 0;
  int shortest[10] = {};
  for (float f : values) {
    for (int p = 6; p <= 9; ++p) {
      const bool libc = static_cast<float>(std::strtod(printf_g(f, p).c_str(), nullptr)) == f;
      if (mlp::g_reads_back(f, p, true) != libc && ++disagreed <= 20)
        ADD_FAILURE() << "precision " << p << " of float " << printf_g(f, 9) << ": strtod says " << libc;
      if (libc) {
        ++shortest[p];
        break;
      }
    }
  }
  EXPECT_EQ(disagreed, 0);
  // The sweep reaches every length the writer can pick.
  for (int p = 6; p <= 9; ++p) EXPECT_GT(shortest[p], 0) << p << " digits";
}

TEST(Format, ReadableExamples) {
  EXPECT_EQ(mlp::format_g(0.001, 6), "0.001");
  EXPECT_EQ(mlp::format_g(1e300, 6), "1e+300");
  EXPECT_EQ(mlp::format_g(-0.0, 6), "-0");
  EXPECT_EQ(mlp::format_g(2.5, 1), "2");
  EXPECT_EQ(mlp::format_g(0.1, 17), "0.10000000000000001");
  EXPECT_EQ(mlp::format_f(0.125, 2), "0.12");
  EXPECT_EQ(mlp::format_f(-0.001, 1), "-0.0");
  EXPECT_EQ(mlp::format_f(1e21, 0), "1000000000000000000000");
  EXPECT_TRUE(mlp::g_reads_back(0.5, 1, false));
  EXPECT_FALSE(mlp::g_reads_back(0.1 + 0.2, 15, false));
  EXPECT_TRUE(mlp::g_reads_back(0.1 + 0.2, 17, false));
}

}  // namespace
