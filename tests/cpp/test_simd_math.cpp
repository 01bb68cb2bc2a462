// Accuracy of the vector transcendentals (kernels/simd_math.h) and of the flat math kernels
// (tanh_vec, sigmoid_vec, exp_vec) against std:: evaluated in double.
//
// Map: `Sweep` runs a vector function over a generator of inputs and reports the largest
// error in ulp of the float result (|y - f(x)| / ulp(f(x)), f in double; ulp of a
// subnormal is 2^-149) plus every mismatch of the special classes (NaN, +-inf, overflow
// of the float-rounded reference). To add a function: add a TEST with its vector form, its
// double reference, its domain and the bound stated next to it in simd_math.h.
//
// Inputs of every sweep: (1) every 31st float bit pattern of [-20, 20] (about 70 million
// floats, every binade from 2^-149 up), (2) the uniform grid -20 + k 2^-14, (3) every
// 1021st bit pattern of the whole float range (huge |x|), (4) a list of specials: +-0,
// +-inf, NaN, subnormals, FLT_MIN/FLT_MAX and the overflow / saturation thresholds.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

#include "kernels/kernels.h"
#include "kernels/simd_math.h"

namespace sm = mlp::kernels::simd_math;
namespace k = mlp::kernels;

namespace {

// Bounds asserted here: the maxima measured over ALL 2^32 inputs (in parentheses), rounded
// up a little. They are stated again next to each function in simd_math.h.
constexpr double kExpUlp = 1.1;      // (1.03)
constexpr double kExpm1Ulp = 1.8;    // (1.72)
constexpr double kTanhUlp = 2.7;     // (2.61)
constexpr double kSigmoidUlp = 2.5;  // (2.40)
constexpr double kLog1pUlp = 2.0;    // (1.97) on [0, 1]
constexpr double kLogUlp = 2.0;      // (1.97) positive normal inputs
// libm's float functions, used by the scalar reference kernels (glibc natively, musl in
// the Emscripten builds); the scalar sigmoid composes exp, add and divide.
constexpr double kLibmUlp = 2.0;
constexpr double kLibmSigmoidUlp = 3.0;

float from_bits(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
uint32_t to_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

double ulp_of(double v) {
  v = std::fabs(v);
  if (v < 0x1p-126) return 0x1p-149;
  int e;
  std::frexp(v, &e);  // v = m 2^e, m in [0.5, 1)
  return std::ldexp(1.0, e - 24);
}

struct SweepResult {
  double max_ulp = 0.0;
  float worst_x = 0.0f;
  long special_mismatches = 0;
  float first_special_x = 0.0f;
  long count = 0;
};

// Compares y = vf(x) with f(x) in double for every x the generator yields and dom accepts.
// Specials: a NaN, infinite or float-overflowing reference must be matched exactly.
template <class VF, class Ref, class Dom>
class Sweep {
 public:
  Sweep(VF vf, Ref ref, Dom dom) : vf_(vf), ref_(ref), dom_(dom) {}

  template <class Gen>
  void run(Gen gen) {
    alignas(16) float x[4];
    int fill = 0;
    gen([&](float v) {
      if (!dom_(v)) return;
      x[fill++] = v;
      if (fill == 4) {
        flush(x, 4);
        fill = 0;
      }
    });
    if (fill) flush(x, fill);
  }
  const SweepResult& result() const { return r_; }

 private:
  void flush(float* x, int n) {
    for (int i = n; i < 4; ++i) x[i] = x[0];
    alignas(16) float y[4];
    wasm_v128_store(y, vf_(wasm_v128_load(x)));
    for (int i = 0; i < n; ++i) check(x[i], y[i]);
  }
  void check(float x, float y) {
    ++r_.count;
    const double f = ref_(static_cast<double>(x));
    const float ff = static_cast<float>(f);  // the correctly rounded float result
    if (std::isnan(f) || std::isinf(ff) || std::isnan(y) || std::isinf(y)) {
      const bool same = (std::isnan(f) && std::isnan(y)) || (!std::isnan(f) && ff == y);
      if (!same) {
        if (r_.special_mismatches++ == 0) r_.first_special_x = x;
      }
      return;
    }
    const double e = std::fabs(static_cast<double>(y) - f) / ulp_of(f);
    if (e > r_.max_ulp) {
      r_.max_ulp = e;
      r_.worst_x = x;
    }
  }

  VF vf_;
  Ref ref_;
  Dom dom_;
  SweepResult r_;
};

// ---- input generators --------------------------------------------------------------------
template <class Emit>
void strided_bits_pm20(Emit&& emit) {  // (1)
  const uint32_t top = to_bits(20.0f);
  for (uint32_t u = 0; u <= top; u += 31) {
    emit(from_bits(u));
    emit(-from_bits(u));
  }
}
template <class Emit>
void uniform_grid_pm20(Emit&& emit) {  // (2)
  for (int i = -20 * 16384; i <= 20 * 16384; ++i) emit(static_cast<float>(i) * 0x1p-14f);
}
template <class Emit>
void strided_bits_all(Emit&& emit) {  // (3)
  for (uint32_t u = 0; u < 0x7F800000u; u += 1021) {
    emit(from_bits(u));
    emit(-from_bits(u));
  }
}
std::vector<float> specials() {  // (4)
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> s = {0.0f,
                          1.0f,
                          0.5f,
                          2.0f,
                          1e-10f,
                          1e-30f,
                          0x1p-149f,
                          0x1p-140f,
                          0x1.fffffcp-127f,
                          FLT_MIN,
                          FLT_MAX,
                          inf,
                          88.0f,
                          88.5f,
                          88.72283f,
                          88.7228394f,
                          88.72284f,
                          88.8f,
                          88.9f,
                          89.0f,
                          90.0f,
                          87.336544f,
                          87.3365479f,
                          100.0f,
                          103.0f,
                          103.972f,
                          103.9721f,
                          104.0f,
                          105.0f,
                          126.0f,
                          150.0f,
                          1000.0f,
                          1e30f,
                          9.0f,
                          9.01f,
                          9.02f,
                          9.1f,
                          10.0f,
                          17.33f,
                          18.0f,
                          18.5f,
                          0.34657359f,
                          0.3465736f,
                          0.6931472f,
                          std::nextafter(1.0f, 0.0f),
                          std::nextafter(1.0f, 2.0f)};
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n; ++i) s.push_back(-s[i]);
  s.push_back(std::numeric_limits<float>::quiet_NaN());
  s.push_back(-std::numeric_limits<float>::quiet_NaN());
  return s;
}
template <class Emit>
void special_values(Emit&& emit) {
  for (float v : specials()) emit(v);
}

bool everywhere(float) { return true; }

// The vector functions wrapped in lambdas (passing them as template arguments directly
// trips -Wignored-attributes on SIMDe's aligned vector type).
#define VEC(f) [](v128_t v) { return f(v); }

// Runs all four input sets; asserts the bound and that every special class matches.
template <class VF, class Ref, class Dom>
void expect_within(const char* name, VF vf, Ref ref, Dom dom, double bound) {
  Sweep s(vf, ref, dom);
  s.run([](auto&& e) { strided_bits_pm20(e); });
  s.run([](auto&& e) { uniform_grid_pm20(e); });
  s.run([](auto&& e) { strided_bits_all(e); });
  s.run([](auto&& e) { special_values(e); });
  const SweepResult& r = s.result();
  EXPECT_LE(r.max_ulp, bound) << name << ": worst x = " << r.worst_x;
  EXPECT_EQ(r.special_mismatches, 0) << name << ": first at x = " << r.first_special_x;
  EXPECT_GT(r.count, 1000000) << name;
  std::printf("[ %-18s ] %ld inputs, max %.3f ulp at x = %.9g (bound %.2f)\n", name, r.count,
              r.max_ulp, r.worst_x, bound);
}

// One input in all four lanes; checks the lanes agree and returns lane 0.
float eval1(v128_t (*vf)(v128_t), float x) {
  alignas(16) float y[4];
  wasm_v128_store(y, vf(wasm_f32x4_splat(x)));
  for (int i = 1; i < 4; ++i) EXPECT_EQ(to_bits(y[i]), to_bits(y[0]));
  return y[0];
}

double sigmoid_ref(double x) { return 1.0 / (1.0 + std::exp(-x)); }

const float kInf = std::numeric_limits<float>::infinity();
const float kNaN = std::numeric_limits<float>::quiet_NaN();

}  // namespace

// ---- sweeps ------------------------------------------------------------------------------

TEST(SimdMath, ExpSweep) {
  expect_within(
      "exp_f32x4", VEC(sm::exp_f32x4), [](double x) { return std::exp(x); }, everywhere, kExpUlp);
}
// exp_nonpos_f32x4 is exp_f32x4 with a cheaper scaling, valid for x <= 0: same bits.
TEST(SimdMath, ExpNonPositiveIsBitIdenticalToExp) {
  long compared = 0, differ = 0;
  float first = 0.0f;
  auto check = [&](float v) {
    if (!(v <= 0.0f) && !std::isnan(v)) return;
    const float a = eval1(sm::exp_nonpos_f32x4, v), b = eval1(sm::exp_f32x4, v);
    ++compared;
    if (to_bits(a) != to_bits(b) && !(std::isnan(a) && std::isnan(b)) && differ++ == 0) first = v;
  };
  strided_bits_all(check);
  uniform_grid_pm20(check);
  special_values(check);
  for (uint32_t u = to_bits(-80.0f); u <= to_bits(-110.0f); u += 7) check(from_bits(u));
  EXPECT_EQ(differ, 0) << "first at x = " << first;
  EXPECT_GT(compared, 1000000);
}

TEST(SimdMath, Expm1Sweep) {
  expect_within(
      "expm1_f32x4", VEC(sm::expm1_f32x4), [](double x) { return std::expm1(x); }, everywhere,
      kExpm1Ulp);
}
TEST(SimdMath, TanhSweep) {
  expect_within(
      "tanh_f32x4", VEC(sm::tanh_f32x4), [](double x) { return std::tanh(x); }, everywhere,
      kTanhUlp);
}
TEST(SimdMath, SigmoidSweep) {
  expect_within("sigmoid_f32x4", VEC(sm::sigmoid_f32x4), sigmoid_ref, everywhere, kSigmoidUlp);
}
TEST(SimdMath, Log1pUnitSweep) {
  expect_within(
      "log1p_unit_f32x4", VEC(sm::log1p_unit_f32x4), [](double x) { return std::log1p(x); },
      [](float x) { return x >= 0.0f && x <= 1.0f; }, kLog1pUlp);
}
TEST(SimdMath, LogSweep) {
  expect_within(
      "log_f32x4", VEC(sm::log_f32x4), [](double x) { return std::log(x); },
      [](float x) { return x >= FLT_MIN && x <= FLT_MAX; }, kLogUlp);
  // Beyond the domain of the sweep above: the values the softmax sums actually take.
  std::vector<float> sums;
  for (int m = 1; m <= 4096; ++m) sums.push_back(static_cast<float>(m) * 0.999f + 0.001f);
  Sweep s(
      VEC(sm::log_f32x4), [](double x) { return std::log(x); }, everywhere);
  s.run([&](auto&& e) {
    for (float v : sums) e(v);
  });
  EXPECT_LE(s.result().max_ulp, kLogUlp);
}

// ---- special values, exactly ---------------------------------------------------------------

TEST(SimdMath, ExpSpecials) {
  EXPECT_EQ(eval1(sm::exp_f32x4, 0.0f), 1.0f);
  EXPECT_EQ(eval1(sm::exp_f32x4, -0.0f), 1.0f);
  EXPECT_EQ(eval1(sm::exp_f32x4, 0x1p-149f), 1.0f);
  EXPECT_EQ(eval1(sm::exp_f32x4, kInf), kInf);
  EXPECT_EQ(eval1(sm::exp_f32x4, -kInf), 0.0f);
  EXPECT_TRUE(std::isnan(eval1(sm::exp_f32x4, kNaN)));
  // Overflow exactly where the float result does: 88.72283172607421875 is the largest
  // float whose exp rounds to a finite float, the next float overflows.
  const float last = 88.72283172607421875f;
  EXPECT_TRUE(std::isfinite(eval1(sm::exp_f32x4, last)));
  EXPECT_EQ(eval1(sm::exp_f32x4, std::nextafter(last, 100.0f)), kInf);
  EXPECT_EQ(eval1(sm::exp_f32x4, FLT_MAX), kInf);
  // Gradual underflow: subnormal results, then 0.
  const float sub = eval1(sm::exp_f32x4, -95.0f);
  EXPECT_GT(sub, 0.0f);
  EXPECT_LT(sub, FLT_MIN);
  EXPECT_NEAR(sub, std::exp(-95.0), 0x1p-149);
  EXPECT_EQ(eval1(sm::exp_f32x4, -104.0f), 0.0f);
  EXPECT_EQ(eval1(sm::exp_f32x4, -FLT_MAX), 0.0f);
}

TEST(SimdMath, Expm1Specials) {
  EXPECT_EQ(to_bits(eval1(sm::expm1_f32x4, 0.0f)), to_bits(0.0f));
  EXPECT_EQ(to_bits(eval1(sm::expm1_f32x4, -0.0f)), to_bits(-0.0f));
  EXPECT_EQ(eval1(sm::expm1_f32x4, 1e-20f), 1e-20f);  // relative accuracy near 0
  EXPECT_EQ(eval1(sm::expm1_f32x4, -1e-20f), -1e-20f);
  // Subnormal x: the 2^(n-1) scaling may drop the last bit (documented in simd_math.h).
  EXPECT_NEAR(eval1(sm::expm1_f32x4, 0x1p-140f), 0x1p-140f, 0x1p-149f);
  EXPECT_EQ(eval1(sm::expm1_f32x4, -kInf), -1.0f);
  EXPECT_EQ(eval1(sm::expm1_f32x4, -30.0f), -1.0f);
  EXPECT_EQ(eval1(sm::expm1_f32x4, kInf), kInf);
  EXPECT_EQ(eval1(sm::expm1_f32x4, 88.8f), kInf);
  EXPECT_TRUE(std::isfinite(eval1(sm::expm1_f32x4, 88.72283172607421875f)));
  EXPECT_EQ(eval1(sm::expm1_f32x4, 88.72283935546875f), kInf);
  EXPECT_TRUE(std::isnan(eval1(sm::expm1_f32x4, kNaN)));
}

TEST(SimdMath, TanhSpecials) {
  EXPECT_EQ(to_bits(eval1(sm::tanh_f32x4, 0.0f)), to_bits(0.0f));
  EXPECT_EQ(to_bits(eval1(sm::tanh_f32x4, -0.0f)), to_bits(-0.0f));
  for (float x : {1e-30f, 1e-10f, 0x1p-149f, 0x1p-130f}) {  // tanh(x) = x in float
    EXPECT_EQ(eval1(sm::tanh_f32x4, x), x);
    EXPECT_EQ(eval1(sm::tanh_f32x4, -x), -x);
  }
  for (float x : {9.02f, 9.1f, 10.0f, 50.0f, 1e30f, FLT_MAX, kInf}) {  // saturated
    EXPECT_EQ(eval1(sm::tanh_f32x4, x), 1.0f) << x;
    EXPECT_EQ(eval1(sm::tanh_f32x4, -x), -1.0f) << x;
  }
  EXPECT_LT(eval1(sm::tanh_f32x4, 8.0f), 1.0f);  // not saturated early
  EXPECT_TRUE(std::isnan(eval1(sm::tanh_f32x4, kNaN)));
}

TEST(SimdMath, SigmoidSpecials) {
  EXPECT_EQ(eval1(sm::sigmoid_f32x4, 0.0f), 0.5f);
  EXPECT_EQ(eval1(sm::sigmoid_f32x4, -0.0f), 0.5f);
  EXPECT_EQ(eval1(sm::sigmoid_f32x4, kInf), 1.0f);
  EXPECT_EQ(eval1(sm::sigmoid_f32x4, -kInf), 0.0f);
  EXPECT_EQ(eval1(sm::sigmoid_f32x4, 100.0f), 1.0f);
  // The negative tail stays relatively accurate: sigmoid(-80) = e^-80 (1 - e^-80).
  EXPECT_NEAR(eval1(sm::sigmoid_f32x4, -80.0f) / std::exp(-80.0), 1.0, 3e-7);
  EXPECT_NEAR(eval1(sm::sigmoid_f32x4, -100.0f), std::exp(-100.0), 0x1p-149);  // subnormal
  EXPECT_EQ(eval1(sm::sigmoid_f32x4, -200.0f), 0.0f);
  EXPECT_TRUE(std::isnan(eval1(sm::sigmoid_f32x4, kNaN)));
}

TEST(SimdMath, LogSpecials) {
  EXPECT_EQ(eval1(sm::log1p_unit_f32x4, 0.0f), 0.0f);
  EXPECT_EQ(eval1(sm::log1p_unit_f32x4, 1e-30f), 1e-30f);
  EXPECT_EQ(eval1(sm::log1p_unit_f32x4, 0x1p-149f), 0x1p-149f);
  EXPECT_NEAR(eval1(sm::log1p_unit_f32x4, 1.0f), std::log(2.0), 1e-7);
  EXPECT_TRUE(std::isnan(eval1(sm::log1p_unit_f32x4, kNaN)));
  EXPECT_EQ(eval1(sm::log_f32x4, 1.0f), 0.0f);
  EXPECT_NEAR(eval1(sm::log_f32x4, FLT_MAX), std::log(static_cast<double>(FLT_MAX)), 1e-5);
  EXPECT_NEAR(eval1(sm::log_f32x4, FLT_MIN), std::log(static_cast<double>(FLT_MIN)), 1e-5);
  EXPECT_TRUE(std::isnan(eval1(sm::log_f32x4, kNaN)));
}

// ---- the flat kernels: scalar (std::) and wasmsimd, tails, in place -------------------------

namespace {
using VecKernel = void (*)(const float*, float*, std::size_t);
struct VecCase {
  const char* name;
  VecKernel scalar, simd;
  double (*ref)(double);
  double simd_ulp, scalar_ulp;
};
double ref_tanh(double x) { return std::tanh(x); }
double ref_exp(double x) { return std::exp(x); }
const VecCase kVecCases[] = {
    {"tanh_vec", k::tanh_vec_scalar, k::tanh_vec_wasmsimd, ref_tanh, kTanhUlp, kLibmUlp},
    {"sigmoid_vec", k::sigmoid_vec_scalar, k::sigmoid_vec_wasmsimd, sigmoid_ref, kSigmoidUlp,
     kLibmSigmoidUlp},
    {"exp_vec", k::exp_vec_scalar, k::exp_vec_wasmsimd, ref_exp, kExpUlp, kLibmUlp},
};
}  // namespace

TEST(MathKernels, ScalarAndSimdAgreeWithReferenceAtEveryTail) {
  const float sentinel = -12345.0f;
  for (const VecCase& c : kVecCases) {
    for (std::size_t n = 0; n <= 13; ++n) {
      std::vector<float> x(n + 4), ys(n + 4, sentinel), yv(n + 4, sentinel);
      for (std::size_t i = 0; i < n; ++i)
        x[i] = -9.5f + 1.37f * static_cast<float>(i) + 0.01f * static_cast<float>(n);
      c.scalar(x.data(), ys.data(), n);
      c.simd(x.data(), yv.data(), n);
      for (std::size_t i = 0; i < n; ++i) {
        const double f = c.ref(x[i]);
        EXPECT_LE(std::fabs(ys[i] - f) / ulp_of(f), c.scalar_ulp) << c.name << " n=" << n;
        EXPECT_LE(std::fabs(yv[i] - f) / ulp_of(f), c.simd_ulp) << c.name << " n=" << n;
      }
      for (std::size_t i = n; i < n + 4; ++i) {  // never written past n
        EXPECT_EQ(ys[i], sentinel) << c.name << " n=" << n;
        EXPECT_EQ(yv[i], sentinel) << c.name << " n=" << n;
      }
      // In place (y == x) gives the same values.
      std::vector<float> inplace(x);
      c.simd(inplace.data(), inplace.data(), n);
      for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(inplace[i], yv[i]) << c.name;
    }
  }
}

TEST(MathKernels, SpecialsThroughTheKernels) {
  const std::vector<float> x = specials();
  for (const VecCase& c : kVecCases) {
    std::vector<float> ys(x.size()), yv(x.size());
    c.scalar(x.data(), ys.data(), x.size());
    c.simd(x.data(), yv.data(), x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double f = c.ref(x[i]);
      if (std::isnan(f)) {
        EXPECT_TRUE(std::isnan(ys[i]) && std::isnan(yv[i])) << c.name << " x=" << x[i];
      } else if (std::isinf(static_cast<float>(f))) {
        EXPECT_EQ(ys[i], static_cast<float>(f)) << c.name << " x=" << x[i];
        EXPECT_EQ(yv[i], static_cast<float>(f)) << c.name << " x=" << x[i];
      } else {
        EXPECT_LE(std::fabs(ys[i] - f) / ulp_of(f), c.scalar_ulp) << c.name << " x=" << x[i];
        EXPECT_LE(std::fabs(yv[i] - f) / ulp_of(f), c.simd_ulp) << c.name << " x=" << x[i];
      }
    }
  }
}
