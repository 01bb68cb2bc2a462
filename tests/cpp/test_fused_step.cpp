// The fused small-network step (kernels/fused_step.cpp) against the per-layer kernels the
// network's general path runs (passes.cpp, layers.cpp: dense_forward, bias +
// activation, mse_loss, activation_backward, dense_backward_weights / _input), for each
// variant: the gradients and the outputs must agree bit for bit (signs of zero included),
// over random small networks at the tile edges (widths 1..8 around the 4-row blocks,
// batches 1..13 around the 4-column blocks), and at the limits (8 units, 12 layers).
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "kernels/kernels.h"
#include "mlp/rng.h"

using namespace mlp;
using namespace mlp::kernels;

namespace {

struct Net {
  FusedNet f;
  std::vector<float> params;
};

Net random_net(Rng& rng, int layers, int max_units, bool relu_heavy) {
  static const Activation acts[] = {Activation::Linear, Activation::Relu, Activation::Tanh,
                                    Activation::Sigmoid};
  Net n;
  n.f.layers = layers;
  int in = 1 + static_cast<int>(rng.below(static_cast<uint32_t>(max_units)));
  int off = 0;
  for (int l = 0; l < layers; ++l) {
    const int out = 1 + static_cast<int>(rng.below(static_cast<uint32_t>(max_units)));
    n.f.in[l] = in;
    n.f.out[l] = out;
    n.f.w[l] = off;
    off += out * in;
    n.f.b[l] = off;
    off += out;
    n.f.act[l] = relu_heavy ? Activation::Relu : acts[rng.below(4)];
    in = out;
  }
  n.f.params = off;
  n.params.resize(static_cast<std::size_t>(off));
  for (float& p : n.params) p = rng.uniform(-1.5f, 1.5f);
  if (relu_heavy)  // negative biases: dead units, exact-zero gradients of either sign
    for (int l = 0; l < layers; ++l)
      for (int m = 0; m < n.f.out[l]; ++m) n.params[static_cast<std::size_t>(n.f.b[l] + m)] -= 1.0f;
  return n;
}

struct Variant {
  decltype(&fused_dense_step_scalar) fused;
  decltype(&dense_forward_scalar) forward;
  decltype(&bias_activation_forward_scalar) bias_act;
  decltype(&mse_loss_scalar) mse;
  decltype(&activation_backward_scalar) act_back;
  decltype(&dense_backward_weights_scalar) back_w;
  decltype(&dense_backward_input_scalar) back_x;
};

const Variant kScalar{fused_dense_step_scalar, dense_forward_scalar,
                      bias_activation_forward_scalar, mse_loss_scalar,
                      activation_backward_scalar, dense_backward_weights_scalar,
                      dense_backward_input_scalar};
const Variant kSimd{fused_dense_step_wasmsimd, dense_forward_wasmsimd,
                    bias_activation_forward_wasmsimd, mse_loss_wasmsimd,
                    activation_backward_wasmsimd, dense_backward_weights_wasmsimd,
                    dense_backward_input_wasmsimd};

// The general path's step (forward, loss gradient with the padding zeroed, backward), as
// passes.cpp runs it: y gets the output layer's activations, g the gradient.
void per_layer(const Variant& v, const Net& net, const float* X, const float* T, int n, int ld,
               float scale, std::vector<float>& y, std::vector<float>& g) {
  const FusedNet& f = net.f;
  const int L = f.layers;
  std::vector<std::vector<float>> z(L), a(L + 1);
  a[0].assign(X, X + f.in[0] * ld);
  for (int l = 0; l < L; ++l) {
    z[l].assign(static_cast<std::size_t>(f.out[l] * ld), 0.0f);
    a[l + 1].assign(static_cast<std::size_t>(f.out[l] * ld), 0.0f);
    v.forward(net.params.data() + f.w[l], a[l].data(), ld, z[l].data(), ld, f.out[l], f.in[l], ld);
    v.bias_act(f.act[l], z[l].data(), net.params.data() + f.b[l], a[l + 1].data(), f.out[l], ld, ld);
  }
  const int M = f.out[L - 1];
  std::vector<float> d(static_cast<std::size_t>(M * ld), 0.0f);
  v.mse(a[L].data(), T, d.data(), M, n, ld, scale);
  for (int m = 0; m < M; ++m)
    for (int c = n; c < ld; ++c) d[static_cast<std::size_t>(m * ld + c)] = 0.0f;
  y = a[L];
  g.assign(static_cast<std::size_t>(f.params), 0.0f);
  for (int l = L - 1; l >= 0; --l) {
    v.act_back(f.act[l], z[l].data(), a[l + 1].data(), d.data(), d.data(), f.out[l], ld, ld);
    v.back_w(d.data(), ld, a[l].data(), ld, g.data() + f.w[l], g.data() + f.b[l], f.out[l], f.in[l], ld);
    if (l == 0) break;
    std::vector<float> dx(static_cast<std::size_t>(f.in[l] * ld), 0.0f);
    v.back_x(net.params.data() + f.w[l], d.data(), ld, dx.data(), ld, f.out[l], f.in[l], ld);
    d.swap(dx);
  }
}

void expect_same(const Variant& v, const Net& net, int n, uint64_t seed) {
  const int ld = (n + 3) & ~3;
  Rng rng(seed);
  const int in = net.f.in[0], M = net.f.out[net.f.layers - 1];
  // As pack_columns leaves them: columns n..ld-1 zero.
  std::vector<float> X(static_cast<std::size_t>(in * ld), 0.0f), T(static_cast<std::size_t>(M * ld), 0.0f);
  for (int k = 0; k < in; ++k)
    for (int c = 0; c < n; ++c) X[static_cast<std::size_t>(k * ld + c)] = rng.uniform(-2, 2);
  for (int m = 0; m < M; ++m)
    for (int c = 0; c < n; ++c) T[static_cast<std::size_t>(m * ld + c)] = rng.uniform(-1, 1);
  const float scale = 1.0f / (static_cast<float>(n) * static_cast<float>(M));
  std::vector<float> y_ref, g_ref;
  per_layer(v, net, X.data(), T.data(), n, ld, scale, y_ref, g_ref);
  std::vector<float> y(static_cast<std::size_t>(M * ld), -7.0f), g(g_ref.size(), -7.0f);
  v.fused(net.f, net.params.data(), X.data(), T.data(), n, ld, scale, y.data(), g.data());
  ASSERT_EQ(0, std::memcmp(y.data(), y_ref.data(), sizeof(float) * y.size())) << "outputs, n " << n;
  for (std::size_t i = 0; i < g.size(); ++i) {
    uint32_t a, b;
    std::memcpy(&a, &g[i], 4);
    std::memcpy(&b, &g_ref[i], 4);
    ASSERT_EQ(a, b) << "gradient " << i << " of " << g.size() << ": " << g[i] << " vs " << g_ref[i]
                    << " (n " << n << ", layers " << net.f.layers << ")";
  }
}

void sweep(const Variant& v) {
  Rng rng(20261201);
  for (int trial = 0; trial < 300; ++trial) {
    const int layers = 1 + static_cast<int>(rng.below(5));
    const Net net = random_net(rng, layers, kFusedMaxUnits, trial % 5 == 4);
    for (int n = 1; n <= 13; ++n) expect_same(v, net, n, 1000u * trial + n);
  }
}

}  // namespace

TEST(FusedStep, ScalarMatchesPerLayerKernelsBitForBit) { sweep(kScalar); }
TEST(FusedStep, SimdMatchesPerLayerKernelsBitForBit) { sweep(kSimd); }

// Workload A's network (2 -> 4 -> 2 -> 1 tanh) at its batch of 10, and the limits: eight
// units wide, twelve layers deep, batches of 29 and 32.
TEST(FusedStep, WorkloadShapesAndLimits) {
  Rng rng(7);
  for (const Variant* v : {&kScalar, &kSimd}) {
    Net a = random_net(rng, 3, 1, false);
    const int w[3][2] = {{2, 4}, {4, 2}, {2, 1}};
    int off = 0;
    for (int l = 0; l < 3; ++l) {
      a.f.in[l] = w[l][0];
      a.f.out[l] = w[l][1];
      a.f.w[l] = off;
      off += w[l][0] * w[l][1];
      a.f.b[l] = off;
      off += w[l][1];
      a.f.act[l] = Activation::Tanh;
    }
    a.f.params = off;
    a.params.resize(static_cast<std::size_t>(off));
    for (float& p : a.params) p = rng.uniform(-1, 1);
    expect_same(*v, a, 10, 1);
    // Every layer the same width: twelve layers of 4 (deepest), six of 8 (widest; 432
    // parameters, within kFusedMaxParams).
    for (const int units : {4, kFusedMaxUnits}) {
      const int layers = units == 4 ? kFusedMaxLayers : 6;
      Net net = random_net(rng, layers, 1, false);
      int o = 0;
      for (int l = 0; l < layers; ++l) {
        net.f.in[l] = units;
        net.f.out[l] = units;
        net.f.w[l] = o;
        o += units * units;
        net.f.b[l] = o;
        o += units;
      }
      net.f.params = o;
      ASSERT_LE(o, kFusedMaxParams);
      net.params.resize(static_cast<std::size_t>(o));
      for (float& p : net.params) p = rng.uniform(-0.5f, 0.5f);
      expect_same(*v, net, 32, 2);
      expect_same(*v, net, 29, 3);
    }
  }
}
