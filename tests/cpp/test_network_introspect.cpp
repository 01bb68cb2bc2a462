// The introspection calls against the double-precision reference (reference_mlp.h):
// trace's z and a per layer; gradients' dL/dθ, dL/dx and per-layer dL/dz, dL/da against
// central finite differences for every activation and loss; preview_step against the step
// train_batch then takes; layer_stats' norms and unit counts; the vanishing gradients of
// deep sigmoid networks; and that none of these calls changes the network, bit for bit.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "mlp/error.h"
#include "mlp/network.h"
#include "reference_mlp.h"
#include "test_support.h"

using namespace mlp;

namespace {

using test_support::Batch;
using test_support::make_batch;

Network make_net(Activation hidden, Activation out, Loss loss, int outputs, uint64_t seed = 7) {
  NetworkConfig c;
  c.inputs = 3;
  c.layers = {{5, hidden}, {4, hidden}, {outputs, out}};
  c.loss = loss;
  c.init = Init::Xavier;
  c.seed = seed;
  Network net(c);
  // Non-zero biases keep samples off the kinks (relu at 0), where differences disagree.
  Rng rng(99);
  for (int l = 0; l < net.num_layers(); ++l) {
    std::vector<float> bias(net.units(l));
    for (float& v : bias) v = rng.uniform(-0.3f, 0.3f);
    net.set_biases(l, bias);
  }
  return net;
}

double scale_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s = std::max(s, std::fabs(x));
  return s;
}

// Everything a call must leave alone, as bytes: the file (parameters, optimizer state,
// counters, generator) and the last step's gradients.
std::string fingerprint(const Network& net) {
  std::string s = net.to_json();
  const std::vector<float>& g = net.gradients();
  s.append(reinterpret_cast<const char*>(g.data()), g.size() * sizeof(float));
  return s;
}

// The network's and the reference's gradients, per layer and of the inputs, by central
// differences of the reference's loss. tol is relative to the largest entry.
void expect_introspection_matches(const Network& net, const Batch& b, double tol) {
  ref::Mlp r = ref::Mlp::from(net);
  const int d = net.inputs(), L = net.num_layers(), M = net.outputs();
  const double div = r.divisor(b.n), h = 1e-6;
  const Gradients g = net.gradients(b.x.data(), b.t.data(), b.n, true);
  EXPECT_NEAR(g.loss, r.loss_of(b.xd, b.td, b.n), 1e-5 * (1 + std::fabs(g.loss)));

  const std::vector<double> num = r.numeric_gradient(b.xd, b.td, b.n);
  ASSERT_EQ(g.params.size(), num.size());
  const double ps = scale_of(num);
  for (std::size_t i = 0; i < num.size(); ++i)
    EXPECT_NEAR(g.params[i], num[i], tol * (ps + std::fabs(num[i]))) << "parameter " << i;

  // dL/dx: the sample's term of the mean, differenced in each coordinate.
  std::vector<double> dx(b.xd.size());
  for (int s = 0; s < b.n; ++s)
    for (int k = 0; k < d; ++k) {
      std::vector<double> x(b.xd.begin() + s * d, b.xd.begin() + (s + 1) * d);
      x[k] += h;
      const double up = r.sample_term(x.data(), &b.td[s * M]);
      x[k] -= 2 * h;
      const double down = r.sample_term(x.data(), &b.td[s * M]);
      dx[s * d + k] = (up - down) / (2 * h) / div;
    }
  const double xs = scale_of(dx);
  ASSERT_EQ(g.inputs.size(), dx.size());
  for (std::size_t i = 0; i < dx.size(); ++i)
    EXPECT_NEAR(g.inputs[i], dx[i], tol * (xs + std::fabs(dx[i]))) << "input gradient " << i;

  // Per layer: z and a as the reference's forward; dL/dz and dL/da by shifting z or a.
  ASSERT_EQ(static_cast<int>(g.layers.size()), L);
  for (int l = 0; l < L; ++l) {
    const int U = net.units(l);
    std::vector<double> dz(static_cast<std::size_t>(b.n) * U), da(dz.size());
    for (int s = 0; s < b.n; ++s) {
      std::vector<std::vector<double>> zs, as;
      r.forward_all(&b.xd[s * d], zs, as);
      for (int u = 0; u < U; ++u) {
        const std::size_t i = static_cast<std::size_t>(s) * U + u;
        EXPECT_NEAR(g.layers[l].z[i], zs[l][u], 1e-5 * (1 + std::fabs(zs[l][u]))) << "z " << l;
        EXPECT_NEAR(g.layers[l].a[i], as[l][u], 1e-5 * (1 + std::fabs(as[l][u]))) << "a " << l;
        const double* t = &b.td[s * M];
        auto diff = [&](bool on_z) {
          ref::Perturb up{l, u, on_z ? h : 0, on_z ? 0 : h}, down{l, u, on_z ? -h : 0, on_z ? 0 : -h};
          return (r.sample_term(&b.xd[s * d], t, up) - r.sample_term(&b.xd[s * d], t, down)) / (2 * h) / div;
        };
        dz[i] = diff(true);
        da[i] = diff(false);
      }
    }
    const double zs = scale_of(dz), as = scale_of(da);
    for (std::size_t i = 0; i < dz.size(); ++i) {
      EXPECT_NEAR(g.layers[l].dz[i], dz[i], tol * (zs + std::fabs(dz[i]))) << "dz layer " << l << " at " << i;
      EXPECT_NEAR(g.layers[l].da[i], da[i], tol * (as + std::fabs(da[i]))) << "da layer " << l << " at " << i;
    }
  }

  // trace gives the same z and a.
  const Trace tr = net.trace(b.x.data(), b.n);
  for (int l = 0; l < L; ++l) {
    EXPECT_EQ(tr.layers[l].z, g.layers[l].z);
    EXPECT_EQ(tr.layers[l].a, g.layers[l].a);
  }
}

}  // namespace

class IntrospectEveryActivation : public ::testing::TestWithParam<Activation> {};

TEST_P(IntrospectEveryActivation, TraceAndGradientsMatchTheReference) {
  const Activation a = GetParam();
  Network net = make_net(a, a, Loss::Mse, 2);
  const std::string before = fingerprint(net);
  expect_introspection_matches(net, make_batch(9, 3, 2, Loss::Mse, 11), 2e-4);
  EXPECT_EQ(fingerprint(net), before);
}

INSTANTIATE_TEST_SUITE_P(
    Core, IntrospectEveryActivation,
    ::testing::Values(Activation::Linear, Activation::Relu, Activation::LeakyRelu, Activation::Elu,
                      Activation::Tanh, Activation::Sigmoid, Activation::Softplus,
                      Activation::Swish, Activation::Gelu, Activation::Sin),
    [](const auto& info) {
      std::string s = activation_name(info.param);
      for (char& c : s)
        if (c == '-') c = '_';
      return s;
    });

TEST(Introspect, EveryLossHead) {
  struct Head { Activation out; Loss loss; int outputs; };
  for (const Head& head : {Head{Activation::Softmax, Loss::Mse, 3}, Head{Activation::Sigmoid, Loss::Bce, 2},
                           Head{Activation::Softmax, Loss::SoftmaxCe, 4}, Head{Activation::Sigmoid, Loss::Mse, 1}}) {
    Network net = make_net(Activation::Tanh, head.out, head.loss, head.outputs);
    SCOPED_TRACE(loss_name(head.loss));
    expect_introspection_matches(net, make_batch(7, 3, head.outputs, head.loss, 13), 2e-4);
  }
}

// Through the per-layer interface: residual dense layers (a = act(z), da = dL/d output),
// conv2d layers (z, a, dz, da per channel and position, C x H x W) and maxpool layers
// (z = a = the pooled output, dz = da).
TEST(Introspect, ResidualConvAndPoolLayers) {
  struct Case { const char* name; NetworkConfig c; };
  NetworkConfig res;
  res.inputs = 3;
  res.layers = {LayerSpec::dense(4, Activation::Tanh), LayerSpec::dense(4, Activation::Elu, true),
                LayerSpec::dense(4, Activation::Sigmoid, true), LayerSpec::dense(2, Activation::Tanh)};
  NetworkConfig cnn;
  cnn.inputs = 2 * 6 * 6;
  cnn.input_shape = {2, 6, 6};
  cnn.layers = {LayerSpec::conv2d(3, 3, Activation::Tanh, Padding::Same), LayerSpec::maxpool(),
                LayerSpec::dense(4, Activation::Softplus), LayerSpec::dense(4, Activation::Swish, true),
                LayerSpec::dense(3, Activation::Softmax)};
  cnn.loss = Loss::SoftmaxCe;
  NetworkConfig strided;
  strided.inputs = 7 * 7;
  strided.input_shape = {1, 7, 7};
  strided.layers = {LayerSpec::conv2d(2, 3, Activation::Gelu, Padding::Valid, 2), LayerSpec::maxpool(),
                    LayerSpec::dense(2, Activation::Sigmoid)};
  strided.loss = Loss::Bce;
  for (Case k : {Case{"residual", res}, Case{"conv same + pool + residual", cnn}, Case{"conv stride 2 + pool", strided}}) {
    SCOPED_TRACE(k.name);
    k.c.init = Init::Xavier;
    k.c.seed = 5;
    Network net(k.c);
    Rng rng(17);
    for (int l = 0; l < net.num_layers(); ++l) {
      if (net.config().layers[l].type == LayerType::MaxPool) continue;
      std::vector<float> bias(net.biases(l).size());
      for (float& v : bias) v = rng.uniform(-0.3f, 0.3f);
      net.set_biases(l, bias);
    }
    const std::string before = fingerprint(net);
    expect_introspection_matches(net, make_batch(5, net.inputs(), net.outputs(), k.c.loss, 21), 2e-4);
    EXPECT_EQ(fingerprint(net), before);
    // layerStats: one entry per layer, a conv layer's units are its channels.
    const Batch b = make_batch(6, net.inputs(), net.outputs(), k.c.loss, 22);
    const std::vector<LayerStats> st = net.layer_stats(b.x.data(), b.t.data(), b.n);
    ASSERT_EQ(static_cast<int>(st.size()), net.num_layers());
    if (k.c.layers[0].type == LayerType::Conv2d) EXPECT_EQ(st[0].units, k.c.layers[0].channels);
    EXPECT_EQ(fingerprint(net), before);
  }
}

TEST(Introspect, GradientsAreTheTrainingStepsBitForBitAndChunksAgree) {
  Network net = make_net(Activation::Tanh, Activation::Tanh, Loss::Mse, 2);
  const Batch b = make_batch(10, 3, 2, Loss::Mse, 5);
  const Gradients g = net.gradients(b.x.data(), b.t.data(), b.n);
  Network probe = net;
  probe.set_learning_rate(0.0f);
  const StepResult s = probe.train_batch(b.x.data(), b.t.data(), b.n);
  EXPECT_EQ(g.params, probe.gradients());
  EXPECT_EQ(g.loss, s.loss);
  // 1,000 samples run in several inference chunks: the mean's gradient still agrees.
  const Batch big = make_batch(1000, 3, 2, Loss::Mse, 6);
  const Gradients gb = net.gradients(big.x.data(), big.t.data(), big.n);
  probe.train_batch(big.x.data(), big.t.data(), big.n);
  for (std::size_t i = 0; i < gb.params.size(); ++i)
    EXPECT_NEAR(gb.params[i], probe.gradients()[i], 1e-6 * (1 + std::fabs(probe.gradients()[i])));
}

TEST(Introspect, ErrorsNameTheArgumentAndChangeNothing) {
  Network net = make_net(Activation::Tanh, Activation::Tanh, Loss::Mse, 2);
  const std::string before = fingerprint(net);
  std::vector<float> x = {1, 2, NAN}, t = {0, 0};
  EXPECT_THROW(net.trace(x.data(), 1), Error);
  EXPECT_THROW(net.trace(x.data(), 0), Error);
  try {
    net.gradients(x.data(), t.data(), 1);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "x");
  }
  EXPECT_THROW(net.preview_step(x.data(), t.data(), 1), Error);
  EXPECT_THROW(net.layer_stats(x.data(), t.data(), 1), Error);
  EXPECT_EQ(fingerprint(net), before);
}

TEST(PreviewStep, IsTheStepTrainBatchTakesForEveryOptimizer) {
  for (OptimizerType type : {OptimizerType::Sgd, OptimizerType::Momentum, OptimizerType::Adam}) {
    SCOPED_TRACE(optimizer_name(type));
    NetworkConfig c;
    c.inputs = 3;
    c.layers = {{5, Activation::Tanh}, {2, Activation::Tanh}};
    c.optimizer.type = type;
    c.optimizer.learning_rate = type == OptimizerType::Adam ? 0.01f : 0.1f;
    c.regularization = {Regularization::L2, 0.01f};
    c.clip_norm = 0.05f;
    c.schedule.type = ScheduleType::StepLr;
    c.schedule.step_size = 1;
    c.schedule.gamma = 0.5f;
    Network net(c);
    const Batch b = make_batch(8, 3, 2, Loss::Mse, 21);
    net.train_epoch(b.x.data(), b.t.data(), b.n, 4, 2);  // optimizer state, epoch 2: lr / 4
    const std::string before = fingerprint(net);
    const StepPreview p = net.preview_step(b.x.data(), b.t.data(), b.n);
    EXPECT_EQ(fingerprint(net), before);
    EXPECT_FLOAT_EQ(p.learning_rate, c.optimizer.learning_rate / 4);
    EXPECT_EQ(p.before, net.parameters());
    const StepResult r = net.train_batch(b.x.data(), b.t.data(), b.n);
    EXPECT_EQ(p.loss, r.loss);
    EXPECT_FALSE(p.diverged);
    EXPECT_EQ(p.after, net.parameters());
    EXPECT_EQ(p.gradient, net.gradients());
    EXPECT_EQ(p.step, 5);  // 4 steps of two epochs (batches of 4), then this one
    EXPECT_LT(p.clip_scale, 1.0f);
    for (std::size_t i = 0; i < p.delta.size(); ++i) EXPECT_EQ(p.delta[i], p.after[i] - p.before[i]);
    if (type == OptimizerType::Sgd) {
      EXPECT_TRUE(p.slot1_after.empty());
      for (std::size_t i = 0; i < p.delta.size(); ++i)
        EXPECT_NEAR(p.delta[i], -p.learning_rate * p.gradient[i], 1e-7);
    } else {
      EXPECT_NE(p.slot1_before, p.slot1_after);
    }
    if (type == OptimizerType::Adam) {
      const double bc1 = 1 - std::pow(0.9, 5.0), bc2 = 1 - std::pow(0.999, 5.0);
      for (std::size_t i = 0; i < p.delta.size(); ++i) {
        EXPECT_NEAR(p.m_hat[i], p.slot1_after[i] / bc1, 1e-6 * (1 + std::fabs(p.m_hat[i])));
        EXPECT_NEAR(p.v_hat[i], p.slot2_after[i] / bc2, 1e-6 * (1 + std::fabs(p.v_hat[i])));
        const double step = p.learning_rate * p.m_hat[i] / (std::sqrt(p.v_hat[i]) + 1e-8);
        // delta is a float difference of parameters: exact to their rounding.
        EXPECT_NEAR(p.delta[i], -step, 2.4e-7 * std::fabs(p.before[i]) + 1e-6 * std::fabs(step));
      }
    } else {
      EXPECT_TRUE(p.m_hat.empty());
    }
  }
}

TEST(LayerStats, NormsDeadAndSaturatedUnits) {
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{4, Activation::Relu}, {3, Activation::Tanh}, {1, Activation::Sigmoid}};
  c.init = Init::Xavier;
  Network net(c);
  // Unit 1 of the relu layer: z = -5 + small terms < 0 everywhere on [-1, 1]^2: dead.
  net.set_weight(0, 1, 0, 0.1f);
  net.set_weight(0, 1, 1, 0.1f);
  net.set_bias(0, 1, -5.0f);
  // Tanh units 0 and 2: huge bias, |z| > 3 at every point: saturated.
  net.set_bias(1, 0, 10.0f);
  net.set_bias(1, 2, -10.0f);
  const Batch b = make_batch(40, 2, 1, Loss::Mse, 3);
  std::vector<float> x;
  for (float v : b.x) x.push_back(v / 1.5f);
  const std::string before = fingerprint(net);
  const std::vector<LayerStats> s = net.layer_stats(x.data(), b.t.data(), b.n);
  EXPECT_EQ(fingerprint(net), before);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].dead, 1);
  EXPECT_EQ(s[0].saturated, 0);
  EXPECT_EQ(s[1].saturated, 2);
  EXPECT_EQ(s[1].dead, 0);
  EXPECT_EQ(s[2].units, 1);
  const Gradients g = net.gradients(x.data(), b.t.data(), b.n);
  std::size_t at = 0;
  for (int l = 0; l < 3; ++l) {
    const std::vector<float> w = net.weights(l);
    double ww = 0, gg = 0;
    for (std::size_t i = 0; i < w.size(); ++i) ww += double(w[i]) * w[i], gg += double(g.params[at + i]) * g.params[at + i];
    EXPECT_NEAR(s[l].weight_norm, std::sqrt(ww), 1e-6 * std::sqrt(ww));
    EXPECT_NEAR(s[l].grad_norm, std::sqrt(gg), 1e-6 * std::sqrt(gg) + 1e-12);
    at += w.size() + net.units(l);
  }
  EXPECT_EQ(s[0].update_ratio, 0.0);  // no step yet
  // After an epoch: the last update's ratio and the epoch's mean minibatch gradient norm.
  net.train_epoch(x.data(), b.t.data(), b.n, 10);
  const std::vector<LayerStats> t = net.layer_stats(x.data(), b.t.data(), b.n);
  for (int l = 0; l < 3; ++l) {
    EXPECT_GT(t[l].update_ratio, 0.0);
    EXPECT_GT(t[l].epoch_grad_norm, 0.0);
  }
}

// Vanishing gradients: with 8 sigmoid layers and the classic init the first layers' weights
// get far smaller gradients than the last ones'; relu with He init keeps them comparable.
TEST(LayerStats, DeepSigmoidGradientsVanishReluHeDoNot) {
  auto ratio = [](Activation act, Init init) {
    NetworkConfig c;
    c.inputs = 2;
    for (int i = 0; i < 8; ++i) c.layers.push_back({8, act});
    c.layers.push_back({1, Activation::Tanh});
    c.init = init;
    c.seed = 3;
    Network net(c);
    const Batch b = make_batch(200, 2, 1, Loss::Mse, 4);
    const std::vector<LayerStats> s = net.layer_stats(b.x.data(), b.t.data(), b.n);
    return s.front().grad_norm / s[7].grad_norm;
  };
  const double sigmoid = ratio(Activation::Sigmoid, Init::Classic);
  const double relu = ratio(Activation::Relu, Init::He);
  EXPECT_LT(sigmoid, 0.01) << "first / last hidden layer's gradient norm";
  EXPECT_GT(relu, 0.1) << "first / last hidden layer's gradient norm";
}

TEST(Workspace, ACopiedNetworkOutlivesTheOriginal) {
  const Batch b = make_batch(6, 3, 2, Loss::Mse, 8);
  std::unique_ptr<Network> a = std::make_unique<Network>(make_net(Activation::Tanh, Activation::Tanh, Loss::Mse, 2));
  a->train_batch(b.x.data(), b.t.data(), b.n);  // the workspace is sized
  Network copy = *a;
  std::vector<float> want(12);
  a->predict(b.x.data(), b.n, want.data());
  a.reset();
  std::vector<float> got(12);
  copy.predict(b.x.data(), b.n, got.data());  // with its own scratch (ASan checks)
  EXPECT_EQ(got, want);
}
