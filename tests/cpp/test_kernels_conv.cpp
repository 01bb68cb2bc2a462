// conv2d, maxpool and the residual add: the scalar reference and the wasm-SIMD variant of
// each kernel against a direct double-precision oracle (a convolution written as its sum,
// not through im2col) and against each other, at sizes around the tiles (GEMM rows 4 and
// columns 4 / 8, so output channels 1..9 and ld 1..13), odd images, kernels 3 and 5,
// strides 1 and 2, both paddings, and the shapes of workload F. Tolerances: forward and
// input gradient sum in the reference order in both variants (bit for bit); the weight
// gradient reduces lane-wise (4 ulp of the sum of |terms|, as the dense kernel's).
#include <gtest/gtest.h>

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

ConvGeometry geometry(int C, int H, int W, int O, int K, int stride, bool same) {
  ConvGeometry g;
  g.C = C;
  g.H = H;
  g.W = W;
  g.O = O;
  g.K = K;
  g.stride = stride;
  g.pad = same ? K / 2 : 0;
  g.OH = (H + 2 * g.pad - K) / stride + 1;
  g.OW = (W + 2 * g.pad - K) / stride + 1;
  return g;
}

struct Case {
  ConvGeometry g;
  int ld;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  for (int O : {1, 3, 4, 5, 8, 9})
    for (int ld : {1, 3, 4, 5, 8, 13})
      for (int K : {3, 5})
        for (int stride : {1, 2})
          for (bool same : {false, true}) {
            const int H = 5 + (O + ld) % 3, W = 6 + (ld % 2);  // 5..7 x 6..7, odd and even
            if (!same && (H < K || W < K)) continue;
            out.push_back({geometry(1 + ld % 3, H, W, O, K, stride, same), ld});
          }
  // Workload F (batch 32) and an image smaller than the kernel with 'same' padding.
  out.push_back({geometry(1, 28, 28, 8, 5, 1, true), 32});
  out.push_back({geometry(8, 14, 14, 16, 5, 1, true), 8});
  out.push_back({geometry(2, 3, 3, 4, 5, 1, true), 5});
  return out;
}

std::size_t in_size(const ConvGeometry& g, int ld) { return static_cast<std::size_t>(g.C) * g.H * g.W * ld; }
std::size_t out_size(const ConvGeometry& g, int ld) { return static_cast<std::size_t>(g.O) * g.OH * g.OW * ld; }
std::size_t patch_size(const ConvGeometry& g, int ld) {
  return static_cast<std::size_t>(g.taps()) * g.positions() * ld;
}

// Calls f(o, c, i, j, y, x, input_row, output_row) for every tap that lands in the image.
template <class F>
void for_each_tap(const ConvGeometry& g, F&& f) {
  for (int o = 0; o < g.O; ++o)
    for (int y = 0; y < g.OH; ++y)
      for (int x = 0; x < g.OW; ++x)
        for (int c = 0; c < g.C; ++c)
          for (int i = 0; i < g.K; ++i)
            for (int j = 0; j < g.K; ++j) {
              const int yy = y * g.stride + i - g.pad, xx = x * g.stride + j - g.pad;
              if (yy < 0 || yy >= g.H || xx < 0 || xx >= g.W) continue;
              f(o, c, i, j, (c * g.H + yy) * g.W + xx, (o * g.OH + y) * g.OW + x);
            }
}

std::string name(const Case& k) {
  const ConvGeometry& g = k.g;
  return std::to_string(g.C) + "x" + std::to_string(g.H) + "x" + std::to_string(g.W) + " -> " +
         std::to_string(g.O) + " k" + std::to_string(g.K) + " s" + std::to_string(g.stride) +
         " p" + std::to_string(g.pad) + " ld" + std::to_string(k.ld);
}

}  // namespace

TEST(Conv2dForward, BothVariantsMatchTheDirectSumAndEachOther) {
  for (const Case& k : cases()) {
    const ConvGeometry& g = k.g;
    const int ld = k.ld;
    const auto Wt = random_vector(static_cast<std::size_t>(g.O) * g.taps(), 1);
    const auto X = random_vector(in_size(g, ld), 2);
    std::vector<float> P(patch_size(g, ld), 7.0f), z1(out_size(g, ld)), z2 = z1;
    conv2d_forward_scalar(Wt.data(), X.data(), ld, g, P.data(), z1.data());
    std::fill(P.begin(), P.end(), -3.0f);  // scratch: nothing of the last call may survive
    conv2d_forward_wasmsimd(Wt.data(), X.data(), ld, g, P.data(), z2.data());
    std::vector<double> ref(out_size(g, ld), 0.0), mag(out_size(g, ld), 0.0);
    for_each_tap(g, [&](int o, int c, int i, int j, int r, int q) {
      const double w = Wt[((o * g.C + c) * g.K + i) * g.K + j];
      for (int n = 0; n < ld; ++n) {
        ref[q * ld + n] += w * X[r * ld + n];
        mag[q * ld + n] += std::fabs(w * X[r * ld + n]);
      }
    });
    for (std::size_t e = 0; e < ref.size(); ++e) {
      ASSERT_NEAR(z1[e], ref[e], 1e-6 * (1 + mag[e])) << name(k) << " at " << e;
      ASSERT_EQ(z1[e], z2[e]) << name(k) << " at " << e;
    }
  }
}

TEST(Conv2dBackwardInput, BothVariantsMatchTheDirectSumAndEachOther) {
  for (const Case& k : cases()) {
    const ConvGeometry& g = k.g;
    const int ld = k.ld;
    const auto Wt = random_vector(static_cast<std::size_t>(g.O) * g.taps(), 3);
    const auto dZ = random_vector(out_size(g, ld), 4);
    std::vector<float> P(patch_size(g, ld)), dx1(in_size(g, ld), 5.0f), dx2(in_size(g, ld), -5.0f);
    conv2d_backward_input_scalar(Wt.data(), dZ.data(), ld, g, P.data(), dx1.data());
    conv2d_backward_input_wasmsimd(Wt.data(), dZ.data(), ld, g, P.data(), dx2.data());
    std::vector<double> ref(in_size(g, ld), 0.0), mag(in_size(g, ld), 0.0);
    for_each_tap(g, [&](int o, int c, int i, int j, int r, int q) {
      const double w = Wt[((o * g.C + c) * g.K + i) * g.K + j];
      for (int n = 0; n < ld; ++n) {
        ref[r * ld + n] += w * dZ[q * ld + n];
        mag[r * ld + n] += std::fabs(w * dZ[q * ld + n]);
      }
    });
    for (std::size_t e = 0; e < ref.size(); ++e) {
      ASSERT_NEAR(dx1[e], ref[e], 1e-6 * (1 + mag[e])) << name(k) << " at " << e;
      ASSERT_EQ(dx1[e], dx2[e]) << name(k) << " at " << e;
    }
  }
}

TEST(Conv2dBackwardWeights, BothVariantsMatchTheDirectSum) {
  const double ulp = std::ldexp(1.0, -23);
  for (const Case& k : cases()) {
    const ConvGeometry& g = k.g;
    const int ld = k.ld;
    const auto dZ = random_vector(out_size(g, ld), 5);
    const auto X = random_vector(in_size(g, ld), 6);
    const std::size_t nw = static_cast<std::size_t>(g.O) * g.taps();
    std::vector<float> P(patch_size(g, ld)), w1(nw), w2(nw), b1(g.O), b2(g.O);
    conv2d_backward_weights_scalar(dZ.data(), X.data(), ld, g, P.data(), w1.data(), b1.data());
    conv2d_backward_weights_wasmsimd(dZ.data(), X.data(), ld, g, P.data(), w2.data(), b2.data());
    std::vector<double> ref(nw, 0.0), mag(nw, 0.0), bref(g.O, 0.0), bmag(g.O, 0.0);
    for_each_tap(g, [&](int o, int c, int i, int j, int r, int q) {
      const std::size_t e = static_cast<std::size_t>((o * g.C + c) * g.K + i) * g.K + j;
      for (int n = 0; n < ld; ++n) {
        ref[e] += double(dZ[q * ld + n]) * X[r * ld + n];
        mag[e] += std::fabs(double(dZ[q * ld + n]) * X[r * ld + n]);
      }
    });
    for (int o = 0; o < g.O; ++o)
      for (int q = 0; q < g.positions() * ld; ++q) {
        bref[o] += dZ[static_cast<std::size_t>(o) * g.positions() * ld + q];
        bmag[o] += std::fabs(dZ[static_cast<std::size_t>(o) * g.positions() * ld + q]);
      }
    const double terms = static_cast<double>(g.positions()) * ld;
    for (std::size_t e = 0; e < nw; ++e) {
      ASSERT_NEAR(w1[e], ref[e], 4 * ulp * terms * mag[e] + 1e-30) << "scalar " << name(k) << " at " << e;
      ASSERT_NEAR(w2[e], ref[e], 4 * ulp * terms * mag[e] + 1e-30) << "simd " << name(k) << " at " << e;
    }
    for (int o = 0; o < g.O; ++o) {
      ASSERT_NEAR(b1[o], bref[o], 4 * ulp * terms * bmag[o]) << name(k);
      ASSERT_NEAR(b2[o], bref[o], 4 * ulp * terms * bmag[o]) << name(k);
    }
  }
}

TEST(Im2col, VariantsAgreeAndCol2imIsItsAdjoint) {
  for (const Case& k : cases()) {
    const ConvGeometry& g = k.g;
    const int ld = k.ld;
    const auto X = random_vector(in_size(g, ld), 7);
    const auto dP = random_vector(patch_size(g, ld), 8);
    std::vector<float> p1(patch_size(g, ld), 9.0f), p2(patch_size(g, ld), -9.0f);
    im2col_scalar(X.data(), ld, g, p1.data());
    im2col_wasmsimd(X.data(), ld, g, p2.data());
    ASSERT_EQ(p1, p2) << name(k);
    std::vector<float> x1(in_size(g, ld), 1.0f), x2(in_size(g, ld), 2.0f);
    col2im_scalar(dP.data(), ld, g, x1.data());
    col2im_wasmsimd(dP.data(), ld, g, x2.data());
    ASSERT_EQ(x1, x2) << name(k);
    // <im2col(X), dP> = <X, col2im(dP)>: the backward pass is the transpose of the forward.
    double lhs = 0, rhs = 0;
    for (std::size_t e = 0; e < p1.size(); ++e) lhs += double(p1[e]) * dP[e];
    for (std::size_t e = 0; e < X.size(); ++e) rhs += double(X[e]) * x1[e];
    ASSERT_NEAR(lhs, rhs, 1e-4 * (1 + std::fabs(lhs))) << name(k);
  }
}

TEST(MaxPool2, BothVariantsPickThePyTorchMaximumAndRouteItsGradient) {
  for (int C : {1, 2, 3})
    for (int H : {2, 3, 4, 5, 7})
      for (int W : {2, 3, 6, 7})
        for (int ld : {1, 2, 3, 4, 5, 8, 9, 13}) {
          const std::size_t n_in = static_cast<std::size_t>(C) * H * W * ld;
          const int OH = H / 2, OW = W / 2;
          const std::size_t n_out = static_cast<std::size_t>(C) * OH * OW * ld;
          // Values on a coarse grid so that ties occur often (the first of equal values wins).
          auto X = random_vector(n_in, 11 + H * W + ld);
          for (float& v : X) v = std::round(v * 2) / 2;
          const auto dY = random_vector(n_out, 12);
          std::vector<float> y1(n_out, 3.0f), y2(n_out, 4.0f);
          maxpool2_forward_scalar(X.data(), ld, C, H, W, y1.data());
          maxpool2_forward_wasmsimd(X.data(), ld, C, H, W, y2.data());
          ASSERT_EQ(y1, y2);
          std::vector<float> d1(n_in, 6.0f), d2(n_in, 7.0f), want(n_in, 0.0f);
          maxpool2_backward_scalar(X.data(), dY.data(), ld, C, H, W, d1.data());
          maxpool2_backward_wasmsimd(X.data(), dY.data(), ld, C, H, W, d2.data());
          ASSERT_EQ(d1, d2);
          for (int c = 0; c < C; ++c)
            for (int oy = 0; oy < OH; ++oy)
              for (int ox = 0; ox < OW; ++ox)
                for (int n = 0; n < ld; ++n) {
                  // Oracle: the window in row-major order, strict > keeps the first maximum.
                  int best = -1;
                  float m = 0;
                  for (int a = 0; a < 2; ++a)
                    for (int b = 0; b < 2; ++b) {
                      const int r = (c * H + 2 * oy + a) * W + 2 * ox + b;
                      if (best < 0 || X[static_cast<std::size_t>(r) * ld + n] > m) {
                        best = r;
                        m = X[static_cast<std::size_t>(r) * ld + n];
                      }
                    }
                  const std::size_t q = static_cast<std::size_t>((c * OH + oy) * OW + ox) * ld + n;
                  ASSERT_EQ(y1[q], m);
                  want[static_cast<std::size_t>(best) * ld + n] = dY[q];
                }
          ASSERT_EQ(d1, want) << C << "x" << H << "x" << W << " ld " << ld;
        }
}

TEST(AddRows, VariantsAgreeAndLeaveColumnsPastNAlone) {
  for (int M : {1, 3, 5})
    for (int N : {1, 2, 3, 4, 5, 7, 8, 9, 13}) {
      const int ld = N + 3;
      const auto A = random_vector(static_cast<std::size_t>(M) * ld, 20), B = random_vector(static_cast<std::size_t>(M) * ld, 21);
      std::vector<float> y1(static_cast<std::size_t>(M) * ld, 42.0f), y2 = y1;
      add_rows_scalar(A.data(), B.data(), y1.data(), M, N, ld);
      add_rows_wasmsimd(A.data(), B.data(), y2.data(), M, N, ld);
      ASSERT_EQ(y1, y2);
      for (int m = 0; m < M; ++m)
        for (int n = 0; n < ld; ++n) {
          const std::size_t e = static_cast<std::size_t>(m) * ld + n;
          ASSERT_EQ(y1[e], n < N ? A[e] + B[e] : 42.0f);
        }
      // In place (the backward pass adds the identity's gradient into dx).
      std::vector<float> a = A;
      add_rows_wasmsimd(a.data(), B.data(), a.data(), M, N, ld);
      for (int m = 0; m < M; ++m)
        for (int n = 0; n < N; ++n) ASSERT_EQ(a[static_cast<std::size_t>(m) * ld + n], y1[static_cast<std::size_t>(m) * ld + n]);
    }
}
