// What training achieves: XOR and spirals are learned, a purely linear stack is one affine
// map that cannot separate XOR, and the same seed reproduces a run exactly.
#include <gtest/gtest.h>

#include <cmath>

#include "mlp/dataset.h"
#include "mlp/network.h"

using namespace mlp;

namespace {

// A dataset turned into the network's inputs and targets.
struct Prepared {
  std::vector<float> x, t;
  int n;
};

Prepared prepare(const Dataset& d, const std::vector<Feature>& features, const Network& net) {
  Prepared p;
  p.n = d.size();
  p.x.resize(static_cast<std::size_t>(p.n) * features.size());
  compute_features(d.x.data(), p.n, d.dims, features, p.x.data());
  p.t.resize(static_cast<std::size_t>(p.n) * net.outputs());
  encode_targets(d, net.outputs(), net.config().layers.back().activation, p.t.data());
  return p;
}

const std::vector<Feature> kXY = {Feature::X1, Feature::X2};

}  // namespace

TEST(Convergence, XorWithOneTanhHiddenLayerReachesFullTrainAccuracy) {
  DatasetSpec spec;
  spec.name = "xor";
  spec.seed = 3;
  const DatasetSplit data = generate_dataset(spec);
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{8, Activation::Tanh}, {1, Activation::Tanh}};
  c.optimizer.type = OptimizerType::Adam;
  c.optimizer.learning_rate = 0.03f;
  c.seed = 1;
  Network net(c);
  const Prepared train = prepare(data.train, kXY, net);
  for (int epoch = 0; epoch < 300; ++epoch) {
    ASSERT_FALSE(net.train_epoch(train.x.data(), train.t.data(), train.n, 10).diverged());
  }
  EXPECT_EQ(net.evaluate(train.x.data(), train.t.data(), train.n).accuracy, 1.0);
}

TEST(Convergence, ThreeArmSpiralWithAdamReaches95PercentTestAccuracy) {
  for (Activation a : {Activation::Tanh, Activation::Relu}) {
    DatasetSpec spec;
    spec.name = "spiral-k";
    spec.classes = 3;
    spec.samples = 1200;
    spec.seed = 6;
    const DatasetSplit data = generate_dataset(spec);
    NetworkConfig c;
    c.inputs = 2;
    c.layers = {{16, a}, {16, a}, {3, Activation::Softmax}};
    c.loss = Loss::SoftmaxCe;
    c.optimizer.type = OptimizerType::Adam;
    c.optimizer.learning_rate = 0.01f;
    c.init = Init::Xavier;
    c.seed = 2;
    Network net(c);
    const Prepared train = prepare(data.train, kXY, net);
    const Prepared test = prepare(data.test, kXY, net);
    for (int epoch = 0; epoch < 300; ++epoch)
      ASSERT_FALSE(net.train_epoch(train.x.data(), train.t.data(), train.n, 16).diverged());
    EXPECT_GE(net.evaluate(test.x.data(), test.t.data(), test.n).accuracy, 0.95)
        << activation_name(a);
  }
}

// ---- the thesis: without a nonlinearity depth buys nothing -------------------------------

TEST(Thesis, LinearStackEqualsOneAffineMap) {
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{5, Activation::Linear}, {7, Activation::Linear}, {3, Activation::Linear},
              {1, Activation::Linear}};
  c.init = Init::Xavier;
  c.seed = 9;
  Network net(c);
  // Collapse: A = W_L ... W_1, b = W_L(...(W_2 b_1 + b_2)...) + b_L, in double.
  std::vector<double> A = {1, 0, 0, 1}, b = {0, 0};
  int rows = 2;
  for (int l = 0; l < net.num_layers(); ++l) {
    const std::vector<float> W = net.weights(l), bl = net.biases(l);
    const int out = net.units(l);
    std::vector<double> nA(static_cast<std::size_t>(out) * 2, 0), nb(out, 0);
    for (int o = 0; o < out; ++o) {
      nb[o] = bl[o];
      for (int k = 0; k < rows; ++k) {
        nb[o] += W[o * rows + k] * b[k];
        for (int j = 0; j < 2; ++j) nA[o * 2 + j] += W[o * rows + k] * A[k * 2 + j];
      }
    }
    A = nA;
    b = nb;
    rows = out;
  }
  Rng rng(4);
  std::vector<float> x;
  for (int i = 0; i < 200; ++i) x.push_back(rng.uniform(-6, 6));
  std::vector<float> y(100);
  net.predict(x.data(), 100, y.data());
  for (int s = 0; s < 100; ++s) {
    const double expect = A[0] * x[2 * s] + A[1] * x[2 * s + 1] + b[0];
    EXPECT_NEAR(y[s], expect, 1e-5 * (1 + std::fabs(expect)));
  }
}

TEST(Thesis, DeepLinearNetworkCannotSeparateXor) {
  DatasetSpec spec;
  spec.name = "xor";
  spec.seed = 8;
  const DatasetSplit data = generate_dataset(spec);
  for (int depth : {1, 2, 4}) {
    NetworkConfig c;
    c.inputs = 2;
    for (int i = 0; i < depth - 1; ++i) c.layers.push_back({8, Activation::Linear});
    c.layers.push_back({1, Activation::Tanh});  // squashing the output does not bend the line
    c.optimizer.type = OptimizerType::Adam;
    c.optimizer.learning_rate = 0.01f;
    c.seed = 4;
    Network net(c);
    const Prepared train = prepare(data.train, kXY, net);
    for (int epoch = 0; epoch < 200; ++epoch)
      net.train_epoch(train.x.data(), train.t.data(), train.n, 10);
    EXPECT_LE(net.evaluate(train.x.data(), train.t.data(), train.n).accuracy, 0.75)
        << "depth " << depth;
  }
}

TEST(Thesis, SquaredFeaturesMakeTheCircleLinearlySeparable) {
  DatasetSpec spec;
  spec.name = "circle";
  spec.seed = 2;
  const DatasetSplit data = generate_dataset(spec);
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{1, Activation::Tanh}};
  c.optimizer.type = OptimizerType::Adam;
  c.optimizer.learning_rate = 0.03f;
  Network plain(c), squared(c);
  const Prepared xy = prepare(data.train, kXY, plain);
  const Prepared sq = prepare(data.train, {Feature::X1Squared, Feature::X2Squared}, squared);
  for (int epoch = 0; epoch < 200; ++epoch) {
    plain.train_epoch(xy.x.data(), xy.t.data(), xy.n, 10);
    squared.train_epoch(sq.x.data(), sq.t.data(), sq.n, 10);
  }
  EXPECT_LE(plain.evaluate(xy.x.data(), xy.t.data(), xy.n).accuracy, 0.75);
  EXPECT_GE(squared.evaluate(sq.x.data(), sq.t.data(), sq.n).accuracy, 0.99);
}

// ---- determinism --------------------------------------------------------------------------

TEST(Determinism, SameSeedSameParametersAndSameRun) {
  DatasetSpec spec;
  spec.name = "spiral";
  spec.seed = 12;
  const DatasetSplit data = generate_dataset(spec);
  for (Init init : {Init::Classic, Init::Xavier, Init::He}) {
    NetworkConfig c;
    c.inputs = 2;
    c.layers = {{6, Activation::Relu}, {6, Activation::Tanh}, {1, Activation::Tanh}};
    c.optimizer.type = OptimizerType::Momentum;
    c.init = init;
    c.seed = 77;
    Network a(c), b(c);
    EXPECT_EQ(a.parameters(), b.parameters());
    const Prepared p = prepare(data.train, kXY, a);
    for (int e = 0; e < 5; ++e) {
      const EpochResult ra = a.train_epoch(p.x.data(), p.t.data(), p.n, 7);
      const EpochResult rb = b.train_epoch(p.x.data(), p.t.data(), p.n, 7);
      EXPECT_EQ(ra.loss, rb.loss);
    }
    EXPECT_EQ(a.parameters(), b.parameters());
    NetworkConfig other = c;
    other.seed = 78;
    EXPECT_NE(Network(other).parameters(), Network(c).parameters());
  }
}

TEST(Determinism, ResetWithTheSeedRestartsTheSameRun) {
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{4, Activation::Tanh}, {1, Activation::Tanh}};
  Network net(c);
  const std::vector<float> initial = net.parameters();
  std::vector<float> x = {1, 2, -1, 0.5f}, t = {1, -1};
  net.train_epoch(x.data(), t.data(), 2, 1);
  EXPECT_NE(net.parameters(), initial);
  net.reset(c.seed);
  EXPECT_EQ(net.parameters(), initial);
  EXPECT_EQ(net.step_count(), 0);
}

TEST(Initialisation, ClassicXavierHeZeroHaveTheirDistributions) {
  NetworkConfig c;
  c.inputs = 64;
  c.layers = {{256, Activation::Relu}, {1, Activation::Linear}};
  for (Init init : {Init::Classic, Init::Xavier, Init::He, Init::Zero}) {
    c.init = init;
    Network net(c);
    const std::vector<float> w = net.weights(0), b = net.biases(0);
    double mean = 0, sq = 0, mx = 0;
    for (float v : w) mean += v, sq += double(v) * v, mx = std::max(mx, double(std::fabs(v)));
    mean /= w.size();
    const double var = sq / w.size() - mean * mean;
    switch (init) {
      case Init::Classic:
        EXPECT_LE(mx, 0.5);
        EXPECT_NEAR(var, 1.0 / 12, 0.005);
        EXPECT_EQ(b[0], 0.1f);
        break;
      case Init::Xavier: {
        const double a = std::sqrt(6.0 / (64 + 256));
        EXPECT_LE(mx, a);
        EXPECT_NEAR(var, a * a / 3, 0.1 * a * a / 3);
        EXPECT_EQ(b[0], 0.0f);
        break;
      }
      case Init::He:
        EXPECT_NEAR(var, 2.0 / 64, 0.1 * 2.0 / 64);
        EXPECT_NEAR(mean, 0, 0.01);
        break;
      case Init::Zero:
        EXPECT_EQ(mx, 0.0);
        break;
    }
  }
}

TEST(Divergence, NonFiniteLossIsReportedAndTheUpdateSkipped) {
  NetworkConfig c;
  c.inputs = 1;
  c.layers = {{8, Activation::Relu}, {1, Activation::Linear}};
  c.optimizer.learning_rate = 1e4f;
  c.init = Init::He;
  Network net(c);
  std::vector<float> x = {3.0f, -2.0f, 1.0f}, t = {100.0f, -50.0f, 20.0f};
  StepResult last;
  std::vector<float> before, before_previous;
  for (int i = 0; i < 200 && !last.diverged(); ++i) {
    before_previous = before;
    before = net.parameters();
    last = net.train_batch(x.data(), t.data(), 3);
  }
  ASSERT_TRUE(last.diverged());
  ASSERT_FALSE(before_previous.empty());
  EXPECT_TRUE(!std::isfinite(last.loss) || last.loss > 1e10);  // or the gradient overflowed
  EXPECT_TRUE(net.diverged());
  // Rolled back to the last point whose loss and gradients were finite.
  EXPECT_EQ(net.parameters(), before_previous);
  for (float p : net.parameters()) EXPECT_TRUE(std::isfinite(p));
  // Recoverable: a sane learning rate from the last finite state trains again.
  net.set_learning_rate(1e-6f);
  EXPECT_FALSE(net.train_batch(x.data(), t.data(), 3).diverged());
  EXPECT_FALSE(net.diverged());
}

TEST(Divergence, AStepAfterAnEpochRollsBackToWhereThatEpochStarted) {
  // The most recent update belonged to an epoch, so the last state known good is where that
  // epoch started, not the state before an earlier train_batch.
  NetworkConfig c;
  c.inputs = 1;
  c.layers = {{1, Activation::Linear}};
  c.init = Init::Zero;
  c.optimizer.learning_rate = 1e-9f;
  Network net(c);
  std::vector<float> x = {1e4f}, t = {1e4f};
  const std::vector<float> before_batch = net.parameters();
  ASSERT_FALSE(net.train_batch(x.data(), t.data(), 1).diverged());
  const std::vector<float> epoch_start = net.parameters();
  ASSERT_NE(epoch_start, before_batch);
  net.set_learning_rate(1e6f);  // one finite step that throws the weight to ~2e14
  ASSERT_FALSE(net.train_epoch(x.data(), t.data(), 1, 1).diverged());
  EXPECT_TRUE(net.train_batch(x.data(), t.data(), 1).diverged());
  EXPECT_EQ(net.parameters(), epoch_start);
}

TEST(Divergence, AnEpochRollsBackToWhereItStartedAndResetsTheOptimizer) {
  DatasetSpec spec;
  spec.name = "plane";
  spec.seed = 1;
  const DatasetSplit data = generate_dataset(spec);
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{8, Activation::Relu}, {1, Activation::Linear}};
  c.optimizer.type = OptimizerType::Momentum;
  c.optimizer.learning_rate = 10.0f;
  Network net(c);
  std::vector<float> t(data.train.size());
  encode_targets(data.train, 1, Activation::Linear, t.data());
  std::vector<float> start;
  EpochResult r;
  for (int e = 0; e < 20 && !r.diverged(); ++e) {
    start = net.parameters();
    r = net.train_epoch(data.train.x.data(), t.data(), data.train.size(), 10);
  }
  ASSERT_TRUE(r.diverged());
  EXPECT_EQ(net.parameters(), start);
  net.set_learning_rate(1e-4f);
  for (int e = 0; e < 5; ++e)
    EXPECT_FALSE(net.train_epoch(data.train.x.data(), t.data(), data.train.size(), 10).diverged());
}
