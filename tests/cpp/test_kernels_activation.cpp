// Activation, softmax and loss kernels (activation.cpp, loss.cpp): BOTH variants (scalar
// and wasmsimd) against an independent double-precision reference written here, with
// derivatives and loss gradients checked against central finite differences of that
// reference, at every tile edge (N = 1..11, 16, 17, 33; tile 4), M = 1, 2, 3, 8, 64, and
// ld == N (rows abut: a write past column N-1 would land in the next row) or ld > N
// (padding columns, which must stay untouched).
//
// Map: kActs lists every elementwise activation with its double forward and its
// tolerances. Tolerances are |got - want| <= abs + rel |want| (forward) and
// |dz - dy f'(z)| <= |dy| (abs + abs_z |z| + abs_z2 z^2 + rel |f'(z)|) (backward), set
// from the error budget of each formula (the vector approximations' ulp bounds, one
// rounding per f32 op), and stated next to each case. To add an activation: add a row.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "kernels/kernels.h"

using mlp::Activation;
namespace k = mlp::kernels;

namespace {

// ---- the two variants ------------------------------------------------------------------------

struct Variant {
  const char* name;
  void (*fwd)(Activation, float*, const float*, float*, int, int, int);
  void (*bwd)(Activation, const float*, const float*, const float*, float*, int, int, int);
  void (*softmax)(const float*, float*, int, int, int);
  double (*mse)(const float*, const float*, float*, int, int, int, float);
  double (*bce)(const float*, const float*, float*, int, int, int, float);
  double (*ce)(const float*, const float*, float*, float*, int, int, int, float);
};
const Variant kVariants[] = {
    {"scalar", k::bias_activation_forward_scalar, k::activation_backward_scalar,
     k::softmax_forward_scalar, k::mse_loss_scalar, k::bce_logits_loss_scalar,
     k::softmax_ce_loss_scalar},
    {"wasmsimd", k::bias_activation_forward_wasmsimd, k::activation_backward_wasmsimd,
     k::softmax_forward_wasmsimd, k::mse_loss_wasmsimd, k::bce_logits_loss_wasmsimd,
     k::softmax_ce_loss_wasmsimd},
};

// ---- shapes ----------------------------------------------------------------------------------

const int kMs[] = {1, 2, 3, 8, 64};
const int kNs[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 33};
std::vector<int> lds_for(int n) { return {n, (n + 3) / 4 * 4 + 4}; }

constexpr double kU = 0x1p-24;  // unit roundoff of f32

// A (M, ld) buffer plus 4 trailing floats, all pre-filled with a sentinel, so writes to
// columns >= N or past the end are detected.
struct Buf {
  static constexpr float kSentinel = -7777.25f;
  int M, N, ld;
  std::vector<float> v;
  Buf(int m, int n, int l) : M(m), N(n), ld(l), v(static_cast<std::size_t>(m) * l + 4, kSentinel) {}
  float& at(int i, int c) { return v[static_cast<std::size_t>(i) * ld + c]; }
  float at(int i, int c) const { return v[static_cast<std::size_t>(i) * ld + c]; }
  float* data() { return v.data(); }
  const float* data() const { return v.data(); }
  // True if nothing outside the (M, N) block changed.
  bool outside_untouched() const {
    for (int i = 0; i < M; ++i)
      for (int c = N; c < ld; ++c)
        if (std::memcmp(&v[static_cast<std::size_t>(i) * ld + c], &kSentinel, 4) != 0) return false;
    for (std::size_t j = static_cast<std::size_t>(M) * ld; j < v.size(); ++j)
      if (std::memcmp(&v[j], &kSentinel, 4) != 0) return false;
    return true;
  }
};

std::string where(const Variant& var, const char* op, int M, int N, int ld) {
  return std::string(var.name) + " " + op + " M=" + std::to_string(M) + " N=" + std::to_string(N) +
         " ld=" + std::to_string(ld);
}

// ---- double references of the activations ----------------------------------------------------

double linear_d(double z) { return z; }
double relu_d(double z) { return z > 0 ? z : 0.0; }
double leaky_d(double z) { return z > 0 ? z : 0.01 * z; }
double elu_d(double z) { return z > 0 ? z : std::expm1(z); }
double tanh_d(double z) { return std::tanh(z); }
double sigmoid_d(double z) { return 1.0 / (1.0 + std::exp(-z)); }
double softplus_d(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))); }
double swish_d(double z) { return z * sigmoid_d(z); }
double gelu_d(double z) { return 0.5 * z * std::erfc(-z / std::sqrt(2.0)); }
double sin_d(double z) { return std::sin(z); }

struct ActCase {
  Activation act;
  const char* name;
  double (*f)(double);
  // forward:  |y - f(z)| <= fwd_abs + (fwd_rel + fwd_rel_z2 z^2) |f(z)|
  double fwd_abs, fwd_rel, fwd_rel_z2;
  // backward: |dz - dy f'(z)| <= |dy| (bwd_abs + bwd_abs_z |z| + bwd_abs_z2 z^2 + bwd_rel |f'|)
  double bwd_abs, bwd_abs_z, bwd_abs_z2, bwd_rel;
  bool kink_at_zero;  // no finite differences across z = 0 (conventions tested separately)
};

// Budgets: the SIMD forms are within 2.6 ulp (tanh), 2.4 (sigmoid), 1.7 (expm1), 2.0
// (log1p) of the true value (1 ulp <= 2^-23 relative = 1.2e-7), libm's float functions
// within ~2; every f32 op adds half an ulp.
//   linear, relu: exact (a copy, a select).
//   leaky-relu: 0.01f differs from 0.01 by 2e-8 relative, plus one rounding.
//   elu: expm1 <= 1.7 ulp; dz = dy (y + 1) turns y's error into an absolute one.
//   tanh: <= 2.6 ulp; 1 - y^2 turns y's relative error into an absolute 2|y| err(y).
//   sigmoid: <= 2.4 ulp; (1 - y) y: y's relative error when y is small, absolute near 1.
//   softplus: exp (1 ulp), log1p (2 ulp), an add; dz = dy sigmoid(z).
//   swish: z sigmoid(z); dz = dy s (1 + z (1 - s)): 1 - s carries sigmoid's absolute error
//     times |z|.
//   gelu: erfc(-z/sqrt2) by libm; the f32 rounding of z/sqrt2 is amplified ~z^2 in the
//     tail (inherent to f32, as in PyTorch), phi = exp(-z^2/2) likewise.
//   sin: libm sin/cos of the f32 argument.
// clang-format off
const ActCase kActs[] = {
  //  act                     name          f           fwd: abs   rel     rel/z^2  bwd: abs  abs/|z| abs/z^2 rel     kink
  {Activation::Linear,    "linear",     linear_d,   0,      0,      0,       0,      0,      0,      0,      false},
  {Activation::Relu,      "relu",       relu_d,     0,      0,      0,       0,      0,      0,      0,      true},
  {Activation::LeakyRelu, "leaky-relu", leaky_d,    0,      1.2e-7, 0,       0,      0,      0,      1.2e-7, true},
  {Activation::Elu,       "elu",        elu_d,      0,      2.5e-7, 0,       3.5e-7, 0,      0,      1.2e-7, true},
  {Activation::Tanh,      "tanh",       tanh_d,     0,      3.5e-7, 0,       8e-7,   0,      0,      1.2e-7, false},
  {Activation::Sigmoid,   "sigmoid",    sigmoid_d,  0,      3.5e-7, 0,       4e-7,   0,      0,      5e-7,   false},
  {Activation::Softplus,  "softplus",   softplus_d, 0,      5e-7,   0,       0,      0,      0,      5e-7,   false},
  {Activation::Swish,     "swish",      swish_d,    0,      4.5e-7, 0,       6e-7,   6e-7,   0,      6e-7,   false},
  {Activation::Gelu,      "gelu",       gelu_d,     0,      4e-7,   1.5e-7,  6e-7,   0,      2e-7,   0,      false},
  {Activation::Sin,       "sin",        sin_d,      1e-7,   2.5e-7, 0,       1e-7,   0,      0,      2.5e-7, false},
};
// clang-format on

// Central difference of the double reference: h^2 f''' / 6 + 1e-16 / h is ~1e-10 here.
double fd_derivative(double (*f)(double), double z) {
  const double h = 1e-5 * std::max(1.0, std::fabs(z));
  return (f(z + h) - f(z - h)) / (2.0 * h);
}

// Pre-activations: a spread over [-9, 9] plus the points where conventions and saturation
// live (0, +-tiny, +-20, +-50), so every column position sees every kind of value.
float pick_z(std::mt19937& rng, int i, int c) {
  static const float special[] = {0.0f,  -0.0f,  1e-3f, -1e-3f, 1e-30f, 20.0f, -20.0f,
                                  50.0f, -50.0f, 0.5f,  -0.5f,  3.0f,   -3.0f};
  const int s = (i * 7 + c * 3) % 19;
  if (s < 13 && (i + c) % 3 == 0) return special[s];
  return std::uniform_real_distribution<float>(-9.0f, 9.0f)(rng);
}

}  // namespace

// ---- activations: forward + backward ---------------------------------------------------------

// Prints, per activation and variant, the largest error / tolerance seen (how much of each
// budget is used; 0 for the exact ops).
struct Usage {
  double fwd = 0, bwd = 0;
  void note(double& slot, double err, double tol) {
    if (tol > 0) slot = std::max(slot, err / tol);
  }
};

TEST(ActivationKernels, ForwardAndBackwardMatchDoubleReferenceAtEveryShape) {
  std::mt19937 rng(12345);
  for (const ActCase& a : kActs) {
    Usage use[2];
    for (const Variant& var : kVariants) {
      Usage& u = use[&var - kVariants];
      for (int M : kMs) {
        for (int N : kNs) {
          for (int ld : lds_for(N)) {
            const std::string at = std::string(a.name) + " " + where(var, "", M, N, ld);
            Buf Z(M, N, ld), Y(M, N, ld), dY(M, N, ld), dZ(M, N, ld);
            std::vector<float> b(M), z0(static_cast<std::size_t>(M) * N);
            for (int i = 0; i < M; ++i) b[i] = (i % 3 == 0) ? 0.0f : 0.25f * (i % 5) - 0.5f;
            for (int i = 0; i < M; ++i)
              for (int c = 0; c < N; ++c) {
                Z.at(i, c) = z0[i * N + c] = pick_z(rng, i, c);
                dY.at(i, c) = std::uniform_real_distribution<float>(-2.0f, 2.0f)(rng);
              }
            var.fwd(a.act, Z.data(), b.data(), Y.data(), M, N, ld);
            ASSERT_TRUE(Z.outside_untouched()) << at;
            ASSERT_TRUE(Y.outside_untouched()) << at;
            int bad = 0;
            for (int i = 0; i < M && bad < 5; ++i) {
              for (int c = 0; c < N && bad < 5; ++c) {
                const float z = Z.at(i, c);
                // Z holds the biased pre-activation, rounded once.
                if (z != z0[i * N + c] + b[i]) {
                  ++bad;
                  ADD_FAILURE() << at << " bias at (" << i << "," << c << ")";
                }
                const double want = a.f(z);
                // (+ FLT_MIN: results below the normal range, e.g. gelu(-20), round to
                // subnormals or 0)
                const double tol =
                    a.fwd_abs + (a.fwd_rel + a.fwd_rel_z2 * z * z) * std::fabs(want) + 1.2e-38;
                u.note(u.fwd, std::fabs(Y.at(i, c) - want), tol);
                if (!(std::fabs(Y.at(i, c) - want) <= tol)) {
                  ++bad;
                  ADD_FAILURE() << at << " forward z=" << z << " got " << Y.at(i, c) << " want "
                                << want;
                }
              }
            }
            var.bwd(a.act, Z.data(), Y.data(), dY.data(), dZ.data(), M, N, ld);
            ASSERT_TRUE(dZ.outside_untouched()) << at;
            for (int i = 0; i < M && bad < 5; ++i) {
              for (int c = 0; c < N && bad < 5; ++c) {
                const double z = Z.at(i, c), dy = dY.at(i, c);
                if (a.kink_at_zero && std::fabs(z) < 1e-4) continue;  // conventions below
                const double d = fd_derivative(a.f, z);
                const double tol =
                    std::fabs(dy) * (a.bwd_abs + a.bwd_abs_z * std::fabs(z) + a.bwd_abs_z2 * z * z +
                                     a.bwd_rel * std::fabs(d)) +
                    1e-9 * std::fabs(dy * d);  // finite-difference error
                u.note(u.bwd, std::fabs(dZ.at(i, c) - dy * d), tol);
                if (!(std::fabs(dZ.at(i, c) - dy * d) <= tol)) {
                  ++bad;
                  ADD_FAILURE() << at << " backward z=" << z << " dy=" << dy << " got "
                                << dZ.at(i, c) << " want " << dy * d;
                }
              }
            }
            // In place: dZ == dY gives the same result.
            Buf inplace = dY;
            var.bwd(a.act, Z.data(), Y.data(), inplace.data(), inplace.data(), M, N, ld);
            for (int i = 0; i < M; ++i)
              for (int c = 0; c < N; ++c)
                ASSERT_EQ(inplace.at(i, c), dZ.at(i, c)) << at << " in place";
          }
        }
      }
    }
    std::printf(
        "[ %-10s ] error/tolerance: scalar fwd %.2f bwd %.2f | wasmsimd fwd %.2f bwd %.2f\n",
        a.name, use[0].fwd, use[0].bwd, use[1].fwd, use[1].bwd);
  }
}

// Scalar and SIMD agree with each other (both are within tolerance of the reference above;
// this pins the selects to identical bits and the rest to a few ulp).
TEST(ActivationKernels, ScalarAndSimdAgree) {
  std::mt19937 rng(7);
  const int M = 5, N = 23, ld = 24;
  for (const ActCase& a : kActs) {
    Buf Z1(M, N, ld), Y1(M, N, ld), dY(M, N, ld), dZ1(M, N, ld);
    for (int i = 0; i < M; ++i)
      for (int c = 0; c < N; ++c) {
        Z1.at(i, c) = pick_z(rng, i, c);
        dY.at(i, c) = std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng);
      }
    Buf Z2 = Z1, Y2 = Y1, dZ2 = dZ1;
    k::bias_activation_forward_scalar(a.act, Z1.data(), nullptr, Y1.data(), M, N, ld);
    k::bias_activation_forward_wasmsimd(a.act, Z2.data(), nullptr, Y2.data(), M, N, ld);
    k::activation_backward_scalar(a.act, Z1.data(), Y1.data(), dY.data(), dZ1.data(), M, N, ld);
    k::activation_backward_wasmsimd(a.act, Z2.data(), Y2.data(), dY.data(), dZ2.data(), M, N, ld);
    const bool exact = a.act == Activation::Linear || a.act == Activation::Relu ||
                       a.act == Activation::LeakyRelu || a.act == Activation::Sin;
    for (int i = 0; i < M; ++i)
      for (int c = 0; c < N; ++c) {
        const float y1 = Y1.at(i, c), y2 = Y2.at(i, c);
        if (exact) {
          EXPECT_EQ(y1, y2) << a.name;
          EXPECT_EQ(dZ1.at(i, c), dZ2.at(i, c)) << a.name;
        } else {
          EXPECT_NEAR(y1, y2, 8e-7 * std::fabs(y1) + 1e-30) << a.name << " z=" << Z1.at(i, c);
          EXPECT_NEAR(dZ1.at(i, c), dZ2.at(i, c), 2e-6 * (1.0 + std::fabs(Z1.at(i, c))))
              << a.name << " z=" << Z1.at(i, c);
        }
      }
  }
}

TEST(ActivationKernels, DerivativeConventionsAtZeroFollowPyTorch) {
  // relu'(0) = 0, leaky'(0) = 0.01, elu'(0) = 1 (PyTorch's elu_backward: x <= 0 branch,
  // y + 1 = 1 at alpha = 1), tanh'(0) = 1, sigmoid'(0) = 0.25.
  struct C {
    Activation act;
    float want;
  } cases[] = {{Activation::Relu, 0.0f},     {Activation::LeakyRelu, 0.01f},
               {Activation::Elu, 1.0f},      {Activation::Tanh, 1.0f},
               {Activation::Sigmoid, 0.25f}, {Activation::Linear, 1.0f},
               {Activation::Swish, 0.5f},    {Activation::Gelu, 0.5f},
               {Activation::Softplus, 0.5f}, {Activation::Sin, 1.0f}};
  for (const Variant& var : kVariants)
    for (const C& c : cases)
      for (float zero : {0.0f, -0.0f}) {
        float Z[5] = {zero, zero, zero, zero, zero}, Y[5], dY[5] = {1, 1, 1, 1, 1}, dZ[5];
        var.fwd(c.act, Z, nullptr, Y, 1, 5, 5);
        var.bwd(c.act, Z, Y, dY, dZ, 1, 5, 5);
        for (int j = 0; j < 5; ++j) EXPECT_EQ(dZ[j], c.want) << var.name << " act " << int(c.act);
      }
}

TEST(ActivationKernels, LinearInPlaceAndSpecialValues) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (const Variant& var : kVariants) {
    // Y == Z is allowed for Linear: just the bias.
    float Z[6] = {1, 2, 3, 4, 5, 6};
    const float b[1] = {0.5f};
    var.fwd(Activation::Linear, Z, b, Z, 1, 6, 6);
    for (int j = 0; j < 6; ++j) EXPECT_EQ(Z[j], j + 1.5f) << var.name;
    // Saturation and non-finite inputs: no NaN from finite or infinite inputs, NaN stays NaN.
    const float zs[7] = {inf, -inf, 1e30f, -1e30f, 100.0f, -100.0f, nan};
    for (const ActCase& a : kActs) {
      float z[7], y[7];
      std::memcpy(z, zs, sizeof z);
      var.fwd(a.act, z, nullptr, y, 1, 7, 7);
      for (int j = 0; j < 6; ++j) {
        if (a.act == Activation::Sin && std::isinf(zs[j])) continue;  // sin(inf) is NaN
        // x * Phi(x) at -inf is -inf * 0: PyTorch gives NaN there as well.
        if (a.act == Activation::Gelu && zs[j] == -inf) continue;
        if (a.act == Activation::Swish && zs[j] == -inf) continue;
        EXPECT_FALSE(std::isnan(y[j])) << var.name << " " << a.name << " z=" << zs[j];
        const double want = a.f(zs[j]);
        if (std::isfinite(want) && std::fabs(want) < 1e30) {
          EXPECT_NEAR(y[j], want, 1e-6 * std::fabs(want) + 1e-30)
              << var.name << " " << a.name << " z=" << zs[j];
        }
      }
      EXPECT_TRUE(std::isnan(y[6])) << var.name << " " << a.name;
    }
  }
}

// ---- softmax -----------------------------------------------------------------------------------

namespace {

// Column c of Z as doubles; softmax in double.
std::vector<double> softmax_d(const std::vector<double>& z) {
  const double m = *std::max_element(z.begin(), z.end());
  double s = 0;
  std::vector<double> p(z.size());
  for (std::size_t j = 0; j < z.size(); ++j) s += (p[j] = std::exp(z[j] - m));
  for (double& v : p) v /= s;
  return p;
}
std::vector<double> column(const Buf& B, int c) {
  std::vector<double> v(B.M);
  for (int i = 0; i < B.M; ++i) v[i] = B.at(i, c);
  return v;
}
// Relative tolerance of the f32 softmax entry i of column z (p its double softmax): exp
// (<= 1 ulp), the f32 rounding of z_i - max, which exp turns into a relative error
// |z_i - max| u (inherent to f32 softmax), the same carried into the sum through every
// term, the sum of M positive terms ((M - 1) roundings), the reciprocal and the product.
double softmax_rel_tol(const std::vector<double>& z, const std::vector<double>& p, int i) {
  const double m = *std::max_element(z.begin(), z.end());
  double carried = 0;
  for (std::size_t j = 0; j < z.size(); ++j) carried += p[j] * std::fabs(z[j] - m);
  return 3e-7 + (static_cast<double>(z.size()) + 1) * kU + kU * (std::fabs(z[i] - m) + carried);
}

void fill_logits(Buf& Z, std::mt19937& rng, float spread) {
  for (int i = 0; i < Z.M; ++i)
    for (int c = 0; c < Z.N; ++c)
      Z.at(i, c) = std::uniform_real_distribution<float>(-spread, spread)(rng);
}

}  // namespace

TEST(Softmax, ForwardMatchesDoubleReferenceAtEveryShape) {
  std::mt19937 rng(99);
  for (const Variant& var : kVariants)
    for (int M : kMs)
      for (int N : kNs)
        for (int ld : lds_for(N)) {
          const std::string at = where(var, "softmax", M, N, ld);
          Buf Z(M, N, ld), Y(M, N, ld);
          fill_logits(Z, rng, 10.0f);
          const Buf Zin = Z;
          var.softmax(Z.data(), Y.data(), M, N, ld);
          ASSERT_TRUE(Y.outside_untouched()) << at;
          ASSERT_EQ(Z.v, Zin.v) << at;  // input not modified
          for (int c = 0; c < N; ++c) {
            const std::vector<double> p = softmax_d(column(Z, c));
            for (int i = 0; i < M; ++i)
              ASSERT_NEAR(Y.at(i, c), p[i], softmax_rel_tol(column(Z, c), p, i) * p[i] + 1e-40)
                  << at << " (" << i << "," << c << ")";
          }
        }
}

TEST(Softmax, StableForLogitsFarApart) {
  const float inf = std::numeric_limits<float>::infinity();
  for (const Variant& var : kVariants) {
    // 4 rows x 5 columns: logits 1000 apart, huge equal, huge negative, M-way ties.
    const float cols[5][4] = {{1000.0f, 0.0f, -1000.0f, 999.0f},
                              {1e30f, 1e30f, 1e30f, 1e30f},
                              {-1000.0f, -1000.0f, -2000.0f, -3000.0f},
                              {3.0e38f, -3.0e38f, 0.0f, 1.0f},
                              {-inf, 0.0f, -inf, 0.0f}};
    Buf Z(4, 5, 8), Y(4, 5, 8);
    for (int c = 0; c < 5; ++c)
      for (int i = 0; i < 4; ++i) Z.at(i, c) = cols[c][i];
    var.softmax(Z.data(), Y.data(), 4, 5, 8);
    for (int c = 0; c < 5; ++c) {
      const std::vector<double> p = softmax_d(column(Z, c));
      double sum = 0;
      for (int i = 0; i < 4; ++i) {
        EXPECT_FALSE(std::isnan(Y.at(i, c))) << var.name << " col " << c;
        EXPECT_NEAR(Y.at(i, c), p[i], 1e-6 * p[i] + 1e-40) << var.name << " col " << c;
        sum += Y.at(i, c);
      }
      EXPECT_NEAR(sum, 1.0, 1e-6) << var.name << " col " << c;
    }
    // M = 1: always 1.
    float z1[3] = {-5.0f, 0.0f, 1e20f}, y1[3];
    var.softmax(z1, y1, 1, 3, 3);
    for (float v : y1) EXPECT_EQ(v, 1.0f) << var.name;
    // NaN anywhere in a column makes the column NaN (as in PyTorch), other columns unaffected.
    for (int nan_row : {0, 1}) {  // first row (the max's seed) or a later one
      float zn[2 * 5] = {1, 2, 3, 4, 5, 0, 0, 0, 0, 0}, yn[10];
      zn[nan_row * 5 + 2] = std::numeric_limits<float>::quiet_NaN();
      var.softmax(zn, yn, 2, 5, 5);
      EXPECT_TRUE(std::isnan(yn[2]) && std::isnan(yn[7])) << var.name << " row " << nan_row;
      for (int c : {0, 1, 3, 4})
        EXPECT_FALSE(std::isnan(yn[c]) || std::isnan(yn[5 + c])) << var.name;
    }
  }
}

TEST(Softmax, FusedForwardAndJacobianBackward) {
  // bias_activation_forward(Softmax) = bias then softmax_forward; activation_backward
  // (Softmax) = the column Jacobian product, checked by finite differences of
  // g(z) = sum_i dy_i softmax(z)_i in double.
  std::mt19937 rng(5);
  for (const Variant& var : kVariants)
    for (int M : {1, 2, 3, 8}) {
      for (int N : {1, 3, 4, 5, 9}) {
        const int ld = N + 3;
        const std::string at = where(var, "softmax fused", M, N, ld);
        Buf Z(M, N, ld), Y(M, N, ld), dY(M, N, ld), dZ(M, N, ld), Zb(M, N, ld), Yb(M, N, ld);
        fill_logits(Z, rng, 4.0f);
        fill_logits(dY, rng, 1.0f);
        std::vector<float> b(M);
        for (int i = 0; i < M; ++i) b[i] = 0.1f * i;
        Zb = Z;
        for (int i = 0; i < M; ++i)
          for (int c = 0; c < N; ++c) Zb.at(i, c) += b[i];
        var.fwd(Activation::Softmax, Z.data(), b.data(), Y.data(), M, N, ld);
        var.softmax(Zb.data(), Yb.data(), M, N, ld);
        ASSERT_EQ(Z.v, Zb.v) << at;
        ASSERT_EQ(Y.v, Yb.v) << at;
        var.bwd(Activation::Softmax, Z.data(), Y.data(), dY.data(), dZ.data(), M, N, ld);
        ASSERT_TRUE(dZ.outside_untouched()) << at;
        for (int c = 0; c < N; ++c) {
          const std::vector<double> z = column(Z, c), dy = column(dY, c);
          const std::vector<double> p = softmax_d(z);
          double scale = 0;
          for (int i = 0; i < M; ++i) scale += p[i] * std::fabs(dy[i]);
          for (int j = 0; j < M; ++j) {
            auto g = [&](double zj) {
              std::vector<double> zz = z;
              zz[j] = zj;
              const std::vector<double> q = softmax_d(zz);
              double s = 0;
              for (int i = 0; i < M; ++i) s += dy[i] * q[i];
              return s;
            };
            const double h = 1e-5;
            const double want = (g(z[j] + h) - g(z[j] - h)) / (2 * h);
            const double tol = (4e-7 + M * 1.2e-7) * p[j] * (std::fabs(dy[j]) + scale) + 1e-9;
            EXPECT_NEAR(dZ.at(j, c), want, tol) << at << " (" << j << "," << c << ")";
          }
        }
      }
    }
}

// ---- losses ------------------------------------------------------------------------------------

TEST(Loss, MseValueAndGradient) {
  std::mt19937 rng(1);
  for (const Variant& var : kVariants)
    for (int M : kMs)
      for (int N : kNs)
        for (int ld : lds_for(N)) {
          const std::string at = where(var, "mse", M, N, ld);
          Buf Y(M, N, ld), T(M, N, ld), dY(M, N, ld);
          fill_logits(Y, rng, 2.0f);
          fill_logits(T, rng, 1.0f);
          const float scale = 1.0f / static_cast<float>(M * N);
          const double loss = var.mse(Y.data(), T.data(), dY.data(), M, N, ld, scale);
          ASSERT_TRUE(dY.outside_untouched()) << at;
          double want = 0;
          for (int i = 0; i < M; ++i)
            for (int c = 0; c < N; ++c) {
              const double d = static_cast<double>(Y.at(i, c)) - T.at(i, c);
              want += d * d;
              // gradient = d/dy of scale * sum (y - t)^2 (a quadratic: exact in FD)
              const double g = 2.0 * scale * d;
              ASSERT_NEAR(dY.at(i, c), g, 2.5e-7 * std::fabs(g) + 1e-30) << at;
            }
          // each term: (y - t) and its square rounded once each; all terms positive
          ASSERT_NEAR(loss, want, 2.5e-7 * want) << at;
          // loss only (dY null): the same value
          ASSERT_EQ(var.mse(Y.data(), T.data(), nullptr, M, N, ld, scale), loss) << at;
        }
}

namespace {

double bce_d(double z, double t) {
  return std::max(z, 0.0) - z * t + std::log1p(std::exp(-std::fabs(z)));
}

}  // namespace

TEST(Loss, BceFromLogitsValueGradientAndFiniteDifferences) {
  std::mt19937 rng(2);
  for (const Variant& var : kVariants)
    for (int M : kMs)
      for (int N : kNs)
        for (int ld : lds_for(N)) {
          const std::string at = where(var, "bce", M, N, ld);
          Buf Z(M, N, ld), T(M, N, ld), dZ(M, N, ld);
          fill_logits(Z, rng, 8.0f);
          for (int i = 0; i < M; ++i)
            for (int c = 0; c < N; ++c)  // hard labels and probabilities
              T.at(i, c) = (i + c) % 3 == 0 ? static_cast<float>((i * 5 + c) % 2)
                                            : std::uniform_real_distribution<float>(0, 1)(rng);
          const float scale = 1.0f / static_cast<float>(M * N);
          const double loss = var.bce(Z.data(), T.data(), dZ.data(), M, N, ld, scale);
          ASSERT_TRUE(dZ.outside_untouched()) << at;
          double want = 0, tol = 0;
          for (int i = 0; i < M; ++i)
            for (int c = 0; c < N; ++c) {
              const double z = Z.at(i, c), t = T.at(i, c);
              want += bce_d(z, t);
              // per element: max(z,0) - z t + log1p(.) with ~4 roundings of size <= |z| + 1
              tol += 3e-7 * (std::fabs(z) + 1.0);
              const double g = scale * (sigmoid_d(z) - t);
              // sigmoid (<= 2.4 ulp of <= 1) then a subtraction and the scale
              ASSERT_NEAR(dZ.at(i, c), g, scale * 5e-7) << at << " z=" << z << " t=" << t;
              // and the formula itself against a finite difference of the double loss
              const double h = 1e-5 * std::max(1.0, std::fabs(z));
              const double fd = scale * (bce_d(z + h, t) - bce_d(z - h, t)) / (2 * h);
              ASSERT_NEAR(dZ.at(i, c), fd, scale * 6e-7) << at << " z=" << z;
            }
          ASSERT_NEAR(loss, want, tol) << at;
          ASSERT_EQ(var.bce(Z.data(), T.data(), nullptr, M, N, ld, scale), loss) << at;
        }
}

TEST(Loss, BceStableAtLargeLogits) {
  // |z| = 100: exp(100) would overflow a naive f32 log(1 + exp(z)) (and sigmoid(100) - 1
  // cancels); the value must be the exact large term and the gradient exact.
  const float zs[8] = {100, 100, 100, -100, -100, -100, 1e4f, -1e4f};
  const float ts[8] = {0, 1, 0.25f, 0, 1, 0.5f, 0, 1};
  for (const Variant& var : kVariants) {
    float dZ[8];
    const double loss = var.bce(zs, ts, dZ, 1, 8, 8, 1.0f);
    double want = 0;
    for (int j = 0; j < 8; ++j) want += bce_d(zs[j], ts[j]);
    EXPECT_TRUE(std::isfinite(loss)) << var.name;
    EXPECT_NEAR(loss, want, 1e-7 * want) << var.name;
    for (int j = 0; j < 8; ++j) {
      EXPECT_TRUE(std::isfinite(dZ[j])) << var.name;
      EXPECT_NEAR(dZ[j], sigmoid_d(zs[j]) - ts[j], 1e-7) << var.name << " j=" << j;
    }
    // single elements, exact: z=100,t=1 -> log1p(e^-100) ~ 3.7e-44 (subnormal in f32)
    float d1;
    const float z1 = 100.0f, t1 = 1.0f;
    EXPECT_NEAR(var.bce(&z1, &t1, &d1, 1, 1, 1, 1.0f), std::exp(-100.0), 1e-44) << var.name;
    EXPECT_EQ(d1, 0.0f) << var.name;
  }
}

namespace {

// -sum_j t_j log softmax(z)_j in double.
double ce_d(const std::vector<double>& z, const std::vector<double>& t) {
  const double m = *std::max_element(z.begin(), z.end());
  double s = 0;
  for (double v : z) s += std::exp(v - m);
  const double ls = std::log(s);
  double l = 0;
  for (std::size_t j = 0; j < z.size(); ++j) l -= t[j] * ((z[j] - m) - ls);
  return l;
}

// Targets: one-hot, probabilities (not one-hot), or all zero, by column.
void fill_targets(Buf& T, std::mt19937& rng) {
  for (int c = 0; c < T.N; ++c) {
    const int kind = c % 3;
    double sum = 0;
    std::vector<float> t(T.M);
    for (int i = 0; i < T.M; ++i) {
      t[i] = kind == 0   ? (i == (c * 7) % T.M ? 1.0f : 0.0f)
             : kind == 1 ? std::uniform_real_distribution<float>(0.01f, 1.0f)(rng)
                         : 0.0f;
      sum += t[i];
    }
    for (int i = 0; i < T.M; ++i) T.at(i, c) = kind == 1 ? static_cast<float>(t[i] / sum) : t[i];
  }
}

}  // namespace

TEST(Loss, SoftmaxCrossEntropyValueGradientAndFiniteDifferences) {
  std::mt19937 rng(3);
  for (const Variant& var : kVariants)
    for (int M : kMs)
      for (int N : kNs)
        for (int ld : lds_for(N)) {
          const std::string at = where(var, "softmax-ce", M, N, ld);
          Buf Z(M, N, ld), T(M, N, ld), Y(M, N, ld), dZ(M, N, ld), Ys(M, N, ld);
          fill_logits(Z, rng, 6.0f);
          fill_targets(T, rng);
          const float scale = 1.0f / static_cast<float>(N);
          const double loss = var.ce(Z.data(), T.data(), Y.data(), dZ.data(), M, N, ld, scale);
          ASSERT_TRUE(Y.outside_untouched()) << at;
          ASSERT_TRUE(dZ.outside_untouched()) << at;
          // Y is exactly what softmax_forward of the same variant produces.
          var.softmax(Z.data(), Ys.data(), M, N, ld);
          ASSERT_EQ(Y.v, Ys.v) << at;
          double want = 0, tol = 0;
          for (int c = 0; c < N; ++c) {
            const std::vector<double> z = column(Z, c), t = column(T, c);
            const std::vector<double> p = softmax_d(z);
            const double m = *std::max_element(z.begin(), z.end());
            double tsum = 0, s = 0;
            for (int i = 0; i < M; ++i) tsum += t[i], s += std::exp(z[i] - m);
            const double ls = std::log(s);
            want += ce_d(z, t);
            for (int i = 0; i < M; ++i) {
              // log p = (z - m) - log s: roundings of size |z - m|, |log s|, |log p|, plus the
              // relative error of the f32 sum s (M terms) carried into log s.
              // (the relative error of s is bounded by softmax_rel_tol's terms)
              const double logp = (z[i] - m) - ls;
              const double rel_p = softmax_rel_tol(z, p, i);
              tol += t[i] *
                     (2 * kU * (std::fabs(z[i] - m) + 2 * std::fabs(ls) + std::fabs(logp)) + rel_p);
              ASSERT_NEAR(Y.at(i, c), p[i], rel_p * p[i] + 1e-40) << at;
              const double g = scale * (p[i] * tsum - t[i]);
              const double gtol =
                  scale * (rel_p * p[i] * tsum + 2 * kU * (p[i] * tsum + t[i])) + 1e-30;
              ASSERT_NEAR(dZ.at(i, c), g, gtol) << at << " (" << i << "," << c << ")";
              // the gradient formula against a finite difference of the double loss
              auto L = [&](double zi) {
                std::vector<double> zz = z;
                zz[i] = zi;
                return scale * ce_d(zz, t);
              };
              const double h = 1e-5;
              ASSERT_NEAR(dZ.at(i, c), (L(z[i] + h) - L(z[i] - h)) / (2 * h), gtol + 1e-9 * scale)
                  << at << " FD (" << i << "," << c << ")";
            }
          }
          ASSERT_NEAR(loss, want, tol + 1e-12) << at;
          ASSERT_EQ(var.ce(Z.data(), T.data(), Ys.data(), nullptr, M, N, ld, scale), loss) << at;
        }
}

TEST(Loss, SoftmaxCrossEntropyStableForLogitsFarApart) {
  // 3 classes, logits 1000 apart: log p = 0, -1000, -2000 exactly; p underflows to 0 but
  // log p never goes through log(p).
  for (const Variant& var : kVariants) {
    Buf Z(3, 5, 8), T(3, 5, 8), Y(3, 5, 8), dZ(3, 5, 8);
    const float t[5][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.2f, 0.5f, 0.3f}, {0, 0, 0}};
    const double want[5] = {0.0, 1000.0, 2000.0, 0.5 * 1000 + 0.3 * 2000, 0.0};
    for (int c = 0; c < 5; ++c)
      for (int i = 0; i < 3; ++i) {
        Z.at(i, c) = 1000.0f - 1000.0f * i;
        T.at(i, c) = t[c][i];
      }
    double total = 0;
    for (double w : want) total += w;
    const double loss = var.ce(Z.data(), T.data(), Y.data(), dZ.data(), 3, 5, 8, 1.0f);
    EXPECT_NEAR(loss, total, 1e-4) << var.name;
    for (int c = 0; c < 5; ++c) {
      double tsum = 0;
      for (int i = 0; i < 3; ++i) tsum += t[c][i];
      for (int i = 0; i < 3; ++i) {
        const double p = i == 0 ? 1.0 : 0.0;
        EXPECT_NEAR(Y.at(i, c), p, 1e-7) << var.name;
        EXPECT_NEAR(dZ.at(i, c), p * tsum - t[c][i], 1e-7) << var.name << " col " << c;
      }
    }
    // Each column alone gives its own value.
    for (int c = 0; c < 5; ++c) {
      float z[3], tt[3], y[3], d[3];
      for (int i = 0; i < 3; ++i) z[i] = Z.at(i, c), tt[i] = T.at(i, c);
      EXPECT_NEAR(var.ce(z, tt, y, d, 3, 1, 1, 1.0f), want[c], 1e-4) << var.name << " col " << c;
    }
  }
}

// Every kernel on buffers of exactly M * N floats (ld == N): the last row's tail ends at the
// end of the allocation, so an over-read or over-write past column N-1 is a heap overflow
// that AddressSanitizer reports (build with -fsanitize=address to use this; in a normal
// build it only checks that nothing crashes).
TEST(TailPolicy, ExactSizeBuffersUnderSanitizers) {
  std::mt19937 rng(11);
  for (const Variant& var : kVariants)
    for (int M : {1, 3})
      for (int N = 1; N <= 9; ++N) {
        const std::size_t n = static_cast<std::size_t>(M) * N;
        auto fresh = [&](float lo, float hi) {
          std::vector<float> v(n);
          for (float& x : v) x = std::uniform_real_distribution<float>(lo, hi)(rng);
          return v;
        };
        std::vector<float> b(M, 0.1f), T = fresh(0, 1), dY = fresh(-1, 1);
        for (const ActCase& a : kActs) {
          std::vector<float> Z = fresh(-3, 3), Y(n), dZ(n);
          var.fwd(a.act, Z.data(), b.data(), Y.data(), M, N, N);
          var.bwd(a.act, Z.data(), Y.data(), dY.data(), dZ.data(), M, N, N);
        }
        std::vector<float> Z = fresh(-3, 3), Y(n), dZ(n);
        var.fwd(Activation::Softmax, Z.data(), b.data(), Y.data(), M, N, N);
        var.bwd(Activation::Softmax, Z.data(), Y.data(), dY.data(), dZ.data(), M, N, N);
        var.softmax(Z.data(), Y.data(), M, N, N);
        EXPECT_TRUE(std::isfinite(var.mse(Y.data(), T.data(), dZ.data(), M, N, N, 1.0f)));
        EXPECT_TRUE(std::isfinite(var.bce(Z.data(), T.data(), dZ.data(), M, N, N, 1.0f)));
        EXPECT_TRUE(std::isfinite(var.ce(Z.data(), T.data(), Y.data(), dZ.data(), M, N, N, 1.0f)));
      }
}
