// Gradients and trajectories against the double-precision reference (reference_mlp.h):
// every activation and every loss through a 3-layer network, residual layers, and conv2d /
// maxpool networks (kernels 3 and 5, strides 1 and 2, both paddings, odd images) are checked
// by central finite differences, and SGD / momentum / Adam (with L1, L2 and clipping)
// follow the reference's PyTorch-semantics trajectory to ~1e-5 relative.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "mlp/error.h"
#include "mlp/network.h"
#include "reference_mlp.h"
#include "test_support.h"

using namespace mlp;

namespace {

using test_support::Batch;
using test_support::make_batch;

NetworkConfig three_layers(Activation hidden, Activation out, Loss loss, int outputs) {
  NetworkConfig c;
  c.inputs = 3;
  c.layers = {{5, hidden}, {4, hidden}, {outputs, out}};
  c.loss = loss;
  c.optimizer.type = OptimizerType::Sgd;
  c.optimizer.learning_rate = 0.0f;  // the step leaves parameters alone; gradients() stays
  c.init = Init::Xavier;
  c.seed = 7;
  return c;
}

// The worst agreement seen, relative as the bound below measures it, printed once at the end
// (for the record, as the Vitest suites print their "[agreement]" lines).
struct Worst {
  double rel = 0;
  int checks = 0;
  ~Worst() {
    if (checks) std::printf("[agreement] backward vs finite differences in double: worst %.1e of (max |fd| + |fd|) over %d networks\n", rel, checks);
  }
} worst;

void expect_gradients_match(Network& net, const Batch& b, double tol) {
  // Non-zero biases: with zero biases a sample whose hidden units are all off would sit
  // exactly on a kink (relu at 0), where a finite difference cannot agree.
  Rng rng(99);
  for (int l = 0; l < net.num_layers(); ++l) {
    if (net.layer(l).parameter_index < 0) continue;
    std::vector<float> bias(net.biases(l).size());
    for (float& v : bias) v = rng.uniform(-0.3f, 0.3f);
    net.set_biases(l, bias);
  }
  ref::Mlp r = ref::Mlp::from(net);
  const std::vector<double> numeric = r.numeric_gradient(b.xd, b.td, b.n);
  const StepResult s = net.train_batch(b.x.data(), b.t.data(), b.n);
  ASSERT_FALSE(s.diverged());
  EXPECT_NEAR(s.loss, r.loss_of(b.xd, b.td, b.n), 1e-5 * (1 + std::fabs(s.loss)));
  const std::vector<float>& g = net.gradients();
  ASSERT_EQ(g.size(), numeric.size());
  double scale = 0;
  for (double v : numeric) scale = std::max(scale, std::fabs(v));
  for (std::size_t i = 0; i < g.size(); ++i) {
    EXPECT_NEAR(g[i], numeric[i], tol * (scale + std::fabs(numeric[i]))) << "parameter " << i;
    if (scale > 0) worst.rel = std::max(worst.rel, std::fabs(g[i] - numeric[i]) / (scale + std::fabs(numeric[i])));
  }
  ++worst.checks;
}

}  // namespace

class EveryActivation : public ::testing::TestWithParam<Activation> {};

TEST_P(EveryActivation, GradientsMatchFiniteDifferencesWithMse) {
  const Activation a = GetParam();
  Network net(three_layers(a, a == Activation::Softmax ? Activation::Softmax : a, Loss::Mse,
                           a == Activation::Softmax ? 3 : 2));
  expect_gradients_match(net, make_batch(9, 3, net.outputs(), Loss::Mse, 11), 2e-4);
}

INSTANTIATE_TEST_SUITE_P(
    Core, EveryActivation,
    ::testing::Values(Activation::Linear, Activation::Relu, Activation::LeakyRelu,
                      Activation::Elu, Activation::Tanh, Activation::Sigmoid,
                      Activation::Softplus, Activation::Swish, Activation::Gelu,
                      Activation::Sin),
    [](const auto& info) {
      std::string s = activation_name(info.param);
      for (char& c : s)
        if (c == '-') c = '_';
      return s;
    });

TEST(Gradients, SoftmaxOutputWithMse) {
  NetworkConfig c = three_layers(Activation::Tanh, Activation::Softmax, Loss::Mse, 3);
  Network net(c);
  expect_gradients_match(net, make_batch(7, 3, 3, Loss::Mse, 12), 2e-4);
}

TEST(Gradients, BinaryCrossEntropyFromLogits) {
  Network net(three_layers(Activation::Tanh, Activation::Sigmoid, Loss::Bce, 2));
  expect_gradients_match(net, make_batch(10, 3, 2, Loss::Bce, 13), 2e-4);
}

TEST(Gradients, SoftmaxCrossEntropyWithProbabilityTargets) {
  Network net(three_layers(Activation::Relu, Activation::Softmax, Loss::SoftmaxCe, 4));
  expect_gradients_match(net, make_batch(13, 3, 4, Loss::SoftmaxCe, 14), 2e-4);
}

TEST(Gradients, BatchOfOneAndBatchNotAMultipleOfFour) {
  for (int n : {1, 2, 3, 5, 6, 7}) {
    Network net(three_layers(Activation::Tanh, Activation::Tanh, Loss::Mse, 1));
    expect_gradients_match(net, make_batch(n, 3, 1, Loss::Mse, 20 + n), 2e-4);
  }
}

// Image inputs (28 x 28 digits, up to kMaxInputs): a wide first layer, K far above the
// kernels' tiles, with batch sizes around the 4- and 8-column tiles.
TEST(Gradients, WideFirstLayerUpToTheInputLimit) {
  for (int inputs : {784, kMaxInputs}) {
    for (int n : {3, 8, 13}) {
      NetworkConfig c;
      c.inputs = inputs;
      c.layers = {{3, Activation::Relu}, {2, Activation::Softmax}};
      c.loss = Loss::SoftmaxCe;
      c.optimizer.type = OptimizerType::Sgd;
      c.optimizer.learning_rate = 0.0f;
      c.init = Init::He;
      c.seed = 5;
      Network net(c);
      expect_gradients_match(net, make_batch(n, inputs, 2, Loss::SoftmaxCe, 40 + n), 2e-4);
    }
  }
  NetworkConfig over;
  over.inputs = kMaxInputs + 1;
  over.layers = {{2, Activation::Softmax}};
  EXPECT_THROW(Network{over}, Error);
}

// ---- residual layers ----------------------------------------------------------------------

TEST(Gradients, ResidualLayersAddTheIdentity) {
  for (Activation a : {Activation::Tanh, Activation::Relu, Activation::Sigmoid, Activation::Gelu}) {
    for (Loss loss : {Loss::Mse, Loss::SoftmaxCe}) {
      NetworkConfig c;
      c.inputs = 4;
      // The first hidden layer reads the 4 inputs, so it may be residual too.
      c.layers = {LayerSpec::dense(4, a, true), LayerSpec::dense(6, a), LayerSpec::dense(6, a, true),
                  LayerSpec::dense(6, Activation::Tanh, true),
                  LayerSpec::dense(3, loss == Loss::Mse ? Activation::Tanh : Activation::Softmax)};
      c.loss = loss;
      c.optimizer.learning_rate = 0.0f;
      c.init = Init::Xavier;
      c.seed = 3;
      Network net(c);
      expect_gradients_match(net, make_batch(7, 4, 3, loss, 50), 2e-4);
    }
  }
}

TEST(Gradients, ResidualForwardIsTheInputPlusTheActivation) {
  NetworkConfig c;
  c.inputs = 3;
  c.layers = {LayerSpec::dense(3, Activation::Tanh, true), LayerSpec::dense(1, Activation::Linear)};
  Network net(c);
  net.set_weights(0, std::vector<float>(9, 0.0f));  // act(z) = tanh(b) = tanh(0.1)
  net.set_weights(1, {1, 1, 1});
  net.set_biases(1, {0});
  const float x[] = {0.5f, -2.0f, 1.0f};
  float y = 0;
  net.predict(x, 1, &y);
  EXPECT_NEAR(y, 0.5 - 2.0 + 1.0 + 3 * std::tanh(0.1), 1e-6);
}

// ---- conv2d and maxpool -------------------------------------------------------------------

namespace {

NetworkConfig image_network(std::vector<int> shape, std::vector<LayerSpec> layers, Loss loss) {
  NetworkConfig c;
  c.inputs = shape[0] * shape[1] * shape[2];
  c.input_shape = shape;
  c.layers = std::move(layers);
  c.loss = loss;
  c.optimizer.learning_rate = 0.0f;
  c.init = Init::He;
  c.seed = 17;
  return c;
}

}  // namespace

TEST(Gradients, ConvPoolDenseNetworks) {
  const std::vector<std::pair<std::vector<int>, std::vector<LayerSpec>>> nets = {
      // The digits CNN's shape, small: conv same + pool, twice, then dense.
      {{1, 8, 8},
       {LayerSpec::conv2d(3, 5, Activation::Relu, Padding::Same), LayerSpec::maxpool(),
        LayerSpec::conv2d(4, 3, Activation::Tanh, Padding::Same), LayerSpec::maxpool(),
        LayerSpec::dense(3, Activation::Softmax)}},
      // Odd sizes, valid padding, stride 2, several input channels, a hidden dense layer.
      {{2, 7, 9},
       {LayerSpec::conv2d(5, 3, Activation::Elu, Padding::Valid, 2),
        LayerSpec::conv2d(2, 3, Activation::Sigmoid, Padding::Same, 1),
        LayerSpec::dense(4, Activation::Tanh, false), LayerSpec::dense(3, Activation::Softmax)}},
      // Kernel 5, stride 2, same; a pool over an odd image (its last row and column dropped).
      {{3, 7, 7},
       {LayerSpec::conv2d(6, 5, Activation::Swish, Padding::Same, 2), LayerSpec::maxpool(),
        LayerSpec::dense(3, Activation::Softmax)}},
  };
  for (const auto& [shape, layers] : nets)
    for (int n : {1, 3, 6}) {
      Network net(image_network(shape, layers, Loss::SoftmaxCe));
      expect_gradients_match(net, make_batch(n, net.inputs(), 3, Loss::SoftmaxCe, 60 + n), 2e-4);
    }
  // MSE through a linear conv output and bce.
  Network mse(image_network({1, 5, 6}, {LayerSpec::conv2d(2, 3, Activation::Linear, Padding::Valid),
                                         LayerSpec::dense(2, Activation::Tanh)}, Loss::Mse));
  expect_gradients_match(mse, make_batch(5, 30, 2, Loss::Mse, 70), 2e-4);
  Network bce(image_network({2, 4, 4}, {LayerSpec::maxpool(), LayerSpec::conv2d(3, 3, Activation::Relu, Padding::Same),
                                         LayerSpec::dense(1, Activation::Sigmoid)}, Loss::Bce));
  expect_gradients_match(bce, make_batch(4, 32, 1, Loss::Bce, 71), 2e-4);
}

TEST(Gradients, ConvNetworkOnDigitSizedImages) {
  // 28 x 28 (784 inputs) through workload F's layers, on batches around the tiles.
  const std::vector<LayerSpec> f = {LayerSpec::conv2d(8, 5, Activation::Relu, Padding::Same), LayerSpec::maxpool(),
                                    LayerSpec::conv2d(16, 5, Activation::Relu, Padding::Same), LayerSpec::maxpool(),
                                    LayerSpec::dense(10, Activation::Softmax)};
  Network net(image_network({1, 28, 28}, f, Loss::SoftmaxCe));
  ASSERT_EQ(net.layer(4).input_shape, (std::vector<int>{16, 7, 7}));
  ASSERT_EQ(net.parameter_count(), 8u * 25 + 8 + 16 * 8 * 25 + 16 + 10 * 784 + 10);
  // Finite differences of 10k parameters are slow in the reference: check a subset.
  Rng rng(5);
  for (int l = 0; l < net.num_layers(); ++l) {
    if (net.layer(l).parameter_index < 0) continue;
    std::vector<float> bias(net.biases(l).size());
    for (float& v : bias) v = rng.uniform(-0.1f, 0.1f);
    net.set_biases(l, bias);
  }
  const Batch b = make_batch(5, 784, 10, Loss::SoftmaxCe, 80);
  ref::Mlp r = ref::Mlp::from(net);
  net.train_batch(b.x.data(), b.t.data(), b.n);
  const std::vector<float>& g = net.gradients();
  std::vector<double*> p = r.params();
  double scale = 0;
  std::vector<std::pair<std::size_t, double>> checked;
  for (std::size_t i = 0; i < p.size(); i += 199) {
    const double keep = *p[i], h = 1e-5;
    *p[i] = keep + h;
    const double up = r.loss_of(b.xd, b.td, b.n);
    *p[i] = keep - h;
    const double down = r.loss_of(b.xd, b.td, b.n);
    *p[i] = keep;
    checked.push_back({i, (up - down) / (2 * h)});
    scale = std::max(scale, std::fabs(checked.back().second));
  }
  for (auto [i, numeric] : checked) EXPECT_NEAR(g[i], numeric, 2e-4 * (scale + std::fabs(numeric))) << "parameter " << i;
}

// ---- optimizer trajectories -------------------------------------------------------------

namespace {

// One reference step: gradient of the reference by finite differences would be slow and
// noisy over many steps, so the reference gradient is the network's own analytic one,
// verified above; what is checked here is the optimizer arithmetic and its state.
struct RefOptimizer {
  OptimizerSpec o;
  RegularizationSpec reg;
  float clip = 0;
  std::vector<double> v, m;
  long t = 0;

  void step(std::vector<double>& w, std::vector<double> g, const std::vector<bool>& is_weight) {
    if (clip > 0) {
      double ss = 0;
      for (double x : g) ss += x * x;
      const double coef = clip / (std::sqrt(ss) + 1e-6);
      if (coef < 1)
        for (double& x : g) x *= coef;
    }
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (!is_weight[i]) continue;
      if (reg.type == Regularization::L2) g[i] += reg.rate * w[i];
      if (reg.type == Regularization::L1) g[i] += reg.rate * ((w[i] > 0) - (w[i] < 0));
    }
    if (v.empty()) v.assign(w.size(), 0), m.assign(w.size(), 0);
    ++t;
    for (std::size_t i = 0; i < w.size(); ++i) {
      switch (o.type) {
        case OptimizerType::Sgd: w[i] -= o.learning_rate * g[i]; break;
        case OptimizerType::Momentum:
          v[i] = o.momentum * v[i] + g[i];
          w[i] -= o.learning_rate * v[i];
          break;
        case OptimizerType::Adam: {
          m[i] = o.beta1 * m[i] + (1 - o.beta1) * g[i];
          v[i] = o.beta2 * v[i] + (1 - o.beta2) * g[i] * g[i];
          const double bc1 = 1 - std::pow(static_cast<double>(o.beta1), t);
          const double bc2 = 1 - std::pow(static_cast<double>(o.beta2), t);
          w[i] -= o.learning_rate / bc1 * m[i] / (std::sqrt(v[i]) / std::sqrt(bc2) + o.eps);
          break;
        }
      }
    }
  }
};

void expect_trajectory(OptimizerSpec o, RegularizationSpec reg, float clip) {
  NetworkConfig c = three_layers(Activation::Tanh, Activation::Tanh, Loss::Mse, 2);
  c.optimizer = o;
  c.regularization = reg;
  c.clip_norm = clip;
  Network net(c);
  const Batch b = make_batch(16, 3, 2, Loss::Mse, 31);
  std::vector<double> w(net.parameters().begin(), net.parameters().end());
  std::vector<bool> is_weight;
  int in = c.inputs;
  for (const LayerSpec& l : c.layers) {
    is_weight.insert(is_weight.end(), static_cast<std::size_t>(in) * l.units, true);
    is_weight.insert(is_weight.end(), l.units, false);
    in = l.units;
  }
  RefOptimizer r{o, reg, clip, {}, {}, 0};
  for (int step = 0; step < 25; ++step) {
    // Data gradient at the current (shared) point: zero-lr copy of the network.
    Network probe = net;
    probe.set_learning_rate(0.0f);
    probe.set_regularization({});
    probe.set_clip_norm(0.0f);
    probe.train_batch(b.x.data(), b.t.data(), b.n);
    std::vector<double> g(probe.gradients().begin(), probe.gradients().end());
    r.step(w, g, is_weight);
    net.train_batch(b.x.data(), b.t.data(), b.n);
    // Re-synchronise the reference to the float parameters so errors do not compound;
    // the per-step relative error is what the 1e-5 bound is about.
    const std::vector<float>& p = net.parameters();
    for (std::size_t i = 0; i < w.size(); ++i) {
      ASSERT_NEAR(p[i], w[i], 1e-5 * std::max(1.0, std::fabs(w[i])))
          << optimizer_name(o.type) << " step " << step << " parameter " << i;
      w[i] = p[i];
    }
  }
}

}  // namespace

TEST(Trajectory, SgdFollowsTheReference) {
  OptimizerSpec o;
  o.type = OptimizerType::Sgd;
  o.learning_rate = 0.1f;
  expect_trajectory(o, {}, 0);
}

TEST(Trajectory, MomentumFollowsTheReference) {
  OptimizerSpec o;
  o.type = OptimizerType::Momentum;
  o.learning_rate = 0.05f;
  o.momentum = 0.9f;
  expect_trajectory(o, {Regularization::L2, 0.01f}, 0);
}

TEST(Trajectory, AdamFollowsTheReference) {
  OptimizerSpec o;
  o.type = OptimizerType::Adam;
  o.learning_rate = 0.01f;
  expect_trajectory(o, {Regularization::L1, 0.003f}, 0);
}

TEST(Trajectory, ClippingFollowsTheReference) {
  OptimizerSpec o;
  o.type = OptimizerType::Adam;
  o.learning_rate = 0.02f;
  expect_trajectory(o, {Regularization::L2, 0.001f}, 0.05f);
}

TEST(Trajectory, RegularizationNeverTouchesBiases) {
  NetworkConfig c = three_layers(Activation::Tanh, Activation::Tanh, Loss::Mse, 1);
  c.optimizer.learning_rate = 1.0f;
  c.regularization = {Regularization::L2, 0.5f};
  Network net(c);
  // Zero error: outputs equal targets, so only regularisation could move anything.
  std::vector<float> x = {0.1f, 0.2f, 0.3f}, y(1);
  net.predict(x.data(), 1, y.data());
  const std::vector<float> b0 = net.biases(0), w0 = net.weights(0);
  net.train_batch(x.data(), y.data(), 1);
  EXPECT_EQ(net.biases(0), b0);
  for (std::size_t i = 0; i < w0.size(); ++i) EXPECT_FLOAT_EQ(net.weights(0)[i], w0[i] * 0.5f);
}
