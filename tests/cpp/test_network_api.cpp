// The network's public surface: every bad input is refused with a message naming the
// field and leaves the network unchanged; parameters use PyTorch layout; JSON round trips
// exactly; grid evaluation returns every unit on the documented grid.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "mlp/dataset.h"
#include "mlp/error.h"
#include "mlp/network.h"

using namespace mlp;

namespace {

NetworkConfig small_config() {
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{3, Activation::Tanh}, {2, Activation::Relu}, {1, Activation::Tanh}};
  c.optimizer.type = OptimizerType::Adam;
  c.optimizer.learning_rate = 0.01f;
  c.seed = 5;
  return c;
}

// Expects fn to throw mlp::Error whose message contains every fragment.
void expect_error(const std::function<void()>& fn, std::initializer_list<const char*> fragments) {
  try {
    fn();
    ADD_FAILURE() << "no error thrown; expected one mentioning " << *fragments.begin();
  } catch (const Error& e) {
    for (const char* f : fragments)
      EXPECT_NE(std::string(e.what()).find(f), std::string::npos)
          << "message \"" << e.what() << "\" lacks \"" << f << "\"";
  }
}

const float kNaN = std::numeric_limits<float>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();

}  // namespace

TEST(ConfigErrors, EachNamesTheFieldAndTheAllowedValues) {
  auto with = [](std::function<void(NetworkConfig&)> edit) {
    return [edit] {
      NetworkConfig c = small_config();
      edit(c);
      Network net(c);
    };
  };
  expect_error(with([](NetworkConfig& c) { c.inputs = 0; }), {"inputs", "[1, 1024]", "got 0"});
  expect_error(with([](NetworkConfig& c) { c.inputs = 1025; }), {"inputs", "1025"});
  expect_error(with([](NetworkConfig& c) { c.layers.clear(); }), {"layers", "at least one"});
  expect_error(with([](NetworkConfig& c) { c.layers[1].units = 0; }),
               {"layers[1].units", "[1, 1024]", "got 0"});
  expect_error(with([](NetworkConfig& c) { c.layers[0].units = 2000; }), {"layers[0].units"});
  expect_error(with([](NetworkConfig& c) { c.layers[0].activation = Activation::Softmax; }),
               {"layers[0].activation", "last (output) layer only"});
  expect_error(with([](NetworkConfig& c) { c.loss = Loss::Bce; }),
               {"loss", "\"bce\" needs a \"sigmoid\" output", "layers[2].activation"});
  expect_error(with([](NetworkConfig& c) { c.loss = Loss::SoftmaxCe; }),
               {"loss", "softmax-ce", "softmax"});
  expect_error(with([](NetworkConfig& c) { c.optimizer.learning_rate = kNaN; }),
               {"optimizer.learningRate", "finite", "nan"});
  expect_error(with([](NetworkConfig& c) { c.optimizer.learning_rate = -0.1f; }),
               {"optimizer.learningRate", ">= 0", "-0.1"});
  expect_error(with([](NetworkConfig& c) { c.optimizer.learning_rate = 2e6f; }),
               {"optimizer.learningRate", "<= 1e6", "2e+06"});
  expect_error(with([](NetworkConfig& c) { c.optimizer.beta2 = 1.0f; }), {"optimizer.beta2", "[0, 1)"});
  expect_error(with([](NetworkConfig& c) { c.optimizer.eps = 0.0f; }), {"optimizer.eps"});
  expect_error(with([](NetworkConfig& c) { c.optimizer.momentum = kInf; }), {"optimizer.momentum"});
  expect_error(with([](NetworkConfig& c) { c.regularization.rate = -1; }), {"regularization.rate"});
  expect_error(with([](NetworkConfig& c) { c.clip_norm = kNaN; }), {"clipNorm"});
}

TEST(ConfigErrors, UnknownNamesListTheVocabulary) {
  expect_error([] { parse_activation("relu6"); },
               {"activation", "\"relu6\"", "\"linear\"", "\"leaky-relu\"", "\"gelu\"", "\"softmax\""});
  expect_error([] { parse_loss("hinge"); }, {"loss", "\"mse\", \"bce\", \"softmax-ce\""});
  expect_error([] { parse_optimizer("rmsprop"); }, {"optimizer", "\"sgd\", \"momentum\", \"adam\""});
  expect_error([] { parse_regularization("l3"); }, {"\"none\", \"l1\", \"l2\""});
  expect_error([] { parse_init("uniform"); }, {"init", "\"classic\", \"xavier\", \"he\", \"zero\""});
  for (const std::string& name : activation_names())
    EXPECT_STREQ(activation_name(parse_activation(name)), name.c_str());
}

TEST(DataErrors, RefusedWithTheirFieldAndNothingChanges) {
  Network net(small_config());
  std::vector<float> x = {0.5f, -1.0f, 1.0f, 2.0f}, t = {1.0f, -1.0f};
  net.train_batch(x.data(), t.data(), 2);  // some optimizer state to protect
  const std::string before = net.to_json();
  auto unchanged = [&] { EXPECT_EQ(net.to_json(), before); };

  std::vector<float> bad = x;
  bad[3] = kNaN;
  expect_error([&] { net.train_batch(bad.data(), t.data(), 2); }, {"x", "finite", "element 3"});
  unchanged();
  bad[3] = kInf;
  expect_error([&] { net.train_epoch(bad.data(), t.data(), 2, 1); }, {"x", "inf"});
  unchanged();
  std::vector<float> bad_t = {1.0f, kNaN};
  expect_error([&] { net.train_batch(x.data(), bad_t.data(), 2); }, {"y", "finite"});
  unchanged();
  expect_error([&] { net.train_batch(x.data(), t.data(), 0); }, {"x", "at least one"});
  expect_error([&] { net.train_epoch(x.data(), t.data(), 2, 0); }, {"batchSize", ">= 1"});
  expect_error([&] { net.set_learning_rate(kNaN); }, {"learningRate", "nan"});
  expect_error([&] { net.set_learning_rate(-1.0f); }, {"learningRate"});
  expect_error([&] { net.set_weights(1, std::vector<float>(5, 0.0f)); },
               {"weights[1]", "needs 6 values", "[2, 3]", "got 5"});
  expect_error([&] { net.set_weights(1, {0, 0, 0, 0, 0, kNaN}); }, {"weights[1]", "finite"});
  expect_error([&] { net.set_biases(0, {1, 2}); }, {"biases[0]", "needs 3"});
  expect_error([&] { net.set_weights(3, {}); }, {"layer", "[0, 2]", "got 3"});
  expect_error([&] { net.set_weight(0, 3, 0, 1.0f); }, {"unit", "[0, 2]"});
  expect_error([&] { net.set_weight(0, 0, 2, 1.0f); }, {"input", "[0, 1]"});
  expect_error([&] { net.set_bias(2, 0, kInf); }, {"value", "finite"});
  expect_error([&] { net.set_parameters(std::vector<float>(3)); }, {"parameters", "needs"});
  expect_error([&] { net.set_optimizer({OptimizerType::Adam, 0.1f, 0.9f, 1.5f, 0.999f, 1e-8f}); },
               {"optimizer.beta1"});
  expect_error([&] { net.set_regularization({Regularization::L2, kNaN}); }, {"regularization.rate"});
  expect_error([&] { net.set_clip_norm(-1); }, {"clipNorm"});
  unchanged();
}

TEST(Parameters, PyTorchLayoutAndSingleElementAccess) {
  Network net(small_config());
  ASSERT_EQ(net.parameter_count(), 2u * 3 + 3 + 3 * 2 + 2 + 2 * 1 + 1);
  std::vector<float> w = {1, 2, 3, 4, 5, 6};  // [2 units, 3 inputs]
  net.set_weights(1, w);
  EXPECT_EQ(net.weight(1, 0, 2), 3.0f);
  EXPECT_EQ(net.weight(1, 1, 0), 4.0f);
  net.set_weight(1, 1, 2, -7.0f);
  EXPECT_EQ(net.weights(1)[5], -7.0f);
  net.set_bias(2, 0, 0.25f);
  EXPECT_EQ(net.biases(2)[0], 0.25f);
  // Flat buffer: W0 b0 W1 b1 W2 b2.
  EXPECT_EQ(net.parameters()[6 + 3 + 3], 4.0f);
  // A unit's output depends on its row: check one forward by hand.
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{2, Activation::Linear}};
  Network lin(c);
  lin.set_weights(0, {1, 2, 3, 4});
  lin.set_biases(0, {0.5f, -0.5f});
  std::vector<float> x = {1, 10}, y(2);
  lin.predict(x.data(), 1, y.data());
  EXPECT_EQ(y[0], 1 * 1 + 2 * 10 + 0.5f);
  EXPECT_EQ(y[1], 3 * 1 + 4 * 10 - 0.5f);
}

TEST(Json, ExactRoundTripContinuesBitIdentically) {
  for (OptimizerType type : {OptimizerType::Sgd, OptimizerType::Momentum, OptimizerType::Adam}) {
    NetworkConfig c = small_config();
    c.optimizer.type = type;
    c.regularization = {Regularization::L1, 1e-4f};
    c.clip_norm = 2.5f;
    Network a(c);
    DatasetSpec spec;
    spec.name = "circle";
    const DatasetSplit d = generate_dataset(spec);
    std::vector<float> x(d.train.x), t(d.train.size());
    encode_targets(d.train, 1, Activation::Tanh, t.data());
    a.train_epoch(x.data(), t.data(), d.train.size(), 10);
    const std::string text = a.to_json();
    Network b = Network::from_json(text);
    EXPECT_EQ(b.to_json(), text);
    EXPECT_EQ(b.parameters(), a.parameters());
    EXPECT_EQ(b.step_count(), a.step_count());
    for (int e = 0; e < 3; ++e) {
      EXPECT_EQ(a.train_epoch(x.data(), t.data(), d.train.size(), 10).loss,
                b.train_epoch(x.data(), t.data(), d.train.size(), 10).loss);
    }
    EXPECT_EQ(b.parameters(), a.parameters());
  }
}

TEST(Json, ConfigRoundTripAndDefaults) {
  NetworkConfig c = small_config();
  c.regularization = {Regularization::L2, 0.003f};
  const NetworkConfig back = config_from_json(config_to_json(c));
  EXPECT_EQ(config_to_json(back), config_to_json(c));
  const NetworkConfig minimal =
      config_from_json(R"({"inputs":2,"layers":[{"units":1,"activation":"sigmoid"}],"loss":"bce"})");
  EXPECT_EQ(minimal.optimizer.type, OptimizerType::Sgd);
  EXPECT_EQ(minimal.loss, Loss::Bce);
  EXPECT_EQ(minimal.layers[0].activation, Activation::Sigmoid);
}

TEST(Json, MalformedInputNamesTheField) {
  expect_error([] { config_from_json("{"); }, {"json", "not valid JSON"});
  expect_error([] { config_from_json(R"({"layers":[]})"); }, {"inputs", "required"});
  expect_error([] { config_from_json(R"({"inputs":2,"layers":[{"units":2.5,"activation":"tanh"}]})"); },
               {"layers[0].units", "integer"});
  expect_error([] { config_from_json(R"({"inputs":2,"layers":[{"units":2,"activation":"tan"}]})"); },
               {"layers[0].activation", "\"tan\"", "allowed"});
  expect_error([] { config_from_json(R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],"optimizer":{"learningRate":"fast"}})"); },
               {"optimizer.learningRate", "number"});
  expect_error([] { config_from_json(R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],"colour":1})"); },
               {"colour", "unknown field"});
  expect_error([] { config_from_json(R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],"seed":-1})"); },
               {"seed", "[0, 4294967295]"});
  Network net(small_config());
  std::string text = net.to_json();
  const std::string key = "\"format\":\"mlp-playground/network\"";
  std::string wrong = text;
  wrong.replace(wrong.find(key), key.size(), "\"format\":\"keras\"");
  expect_error([&] { Network::from_json(wrong); }, {"format"});
  std::string truncated = text;
  truncated.replace(truncated.find("\"biases\":[["), 11, "\"biases\":[[9,");
  expect_error([&] { Network::from_json(truncated); }, {"parameters.biases[0]", "needs 3"});
}

// Found by tests/fuzz/fuzz_json.cpp: a number past double escaped the readers as
// nlohmann's out_of_range, and a document that is not an object, or an empty key, raised
// an mlp::Error naming no field. A network file's document is named "json" (loadNetwork's
// argument); a config's top level "config", as createNetwork() names it.
TEST(Json, NumbersPastDoubleAndOddDocumentsNameAField) {
  auto field_of = [](const std::function<void()>& fn) -> std::string {
    try {
      fn();
    } catch (const Error& e) {
      return e.field();
    }
    return "(no error)";
  };
  EXPECT_EQ(field_of([] { config_from_json(R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],"clipNorm":1e400})"); }), "json");
  EXPECT_EQ(field_of([] { Network::from_json(R"({"format":"mlp-playground/network","version":1e400})"); }), "json");
  EXPECT_EQ(field_of([] { Network::from_json("[1e400]"); }), "json");
  EXPECT_EQ(field_of([] { config_from_json(R"("activation")"); }), "config");
  EXPECT_EQ(field_of([] { Network::from_json("[1]"); }), "json");
  EXPECT_EQ(field_of([] { Network::from_json(R"("mlp-playground/network")"); }), "json");
  EXPECT_EQ(field_of([] { config_from_json(R"({"":1})"); }), "config");
  EXPECT_EQ(field_of([] { Network::from_json(R"({"":1})"); }), "json");
  EXPECT_EQ(field_of([] { config_from_json(R"({"inputs":2,"layers":[{"units":1,"activation":"tanh","":0}]})"); }), "layers[0]");
  EXPECT_EQ(field_of([] { config_from_json(R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],"optimizer":{"":0}})"); }), "optimizer");
  Network net(small_config());
  std::string text = net.to_json();
  text.replace(text.find(R"("parameters":{)"), 14, R"("parameters":{"":0,)");
  EXPECT_EQ(field_of([&] { Network::from_json(text); }), "parameters");
}

TEST(Grid, EveryUnitOfEveryLayerOnCellCentres) {
  NetworkConfig c = small_config();
  c.inputs = 3;
  Network net(c);
  GridSpec g;
  g.width = 7;
  g.height = 5;
  g.x_min = -2;
  g.x_max = 5;
  g.y_min = -1;
  g.y_max = 4;
  g.features = {Feature::X1, Feature::X2, Feature::X1TimesX2};
  const int plane = g.width * g.height;
  ASSERT_EQ(net.total_grid_units(), 3 + 3 + 2 + 1);
  std::vector<float> all(static_cast<std::size_t>(net.total_grid_units()) * plane);
  net.evaluate_grid(g, all.data());
  std::vector<float> outs(plane);
  net.evaluate_grid_outputs(g, outs.data());
  for (int row = 0; row < g.height; ++row)
    for (int col = 0; col < g.width; ++col) {
      const int p = row * g.width + col;
      const float x = -2 + (col + 0.5f) * 1.0f, y = 4 - (row + 0.5f) * 1.0f;
      EXPECT_FLOAT_EQ(all[net.grid_unit_offset(0, 0) * plane + p], x);
      EXPECT_FLOAT_EQ(all[net.grid_unit_offset(0, 1) * plane + p], y);
      EXPECT_FLOAT_EQ(all[net.grid_unit_offset(0, 2) * plane + p], x * y);
      std::vector<float> in = {x, y, x * y}, out(1);
      net.predict(in.data(), 1, out.data());
      EXPECT_NEAR(all[net.grid_unit_offset(3, 0) * plane + p], out[0], 1e-6);
      EXPECT_EQ(outs[p], all[net.grid_unit_offset(3, 0) * plane + p]);
    }
  EXPECT_EQ(net.grid_unit_offset(2, 1), 3 + 3 + 1);
  g.features = {Feature::X1, Feature::X2};
  expect_error([&] { net.evaluate_grid(g, all.data()); }, {"grid.features", "network has 3"});
  g.features = {Feature::X1, Feature::X2, Feature::X1TimesX2};
  g.width = 0;
  expect_error([&] { net.evaluate_grid(g, all.data()); }, {"grid.width"});
}

TEST(Grid, ResidualLayersPlanesAreTheirInputPlusTheActivation) {
  // 2 -> 3 tanh -> 3 tanh residual -> 3 relu residual -> 1 linear: every plane of a residual
  // layer is the plane of what it reads plus act(W x + b), computed here from its weights.
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {LayerSpec::dense(3, Activation::Tanh), LayerSpec::dense(3, Activation::Tanh, true),
              LayerSpec::dense(3, Activation::Relu, true), LayerSpec::dense(1, Activation::Linear)};
  c.seed = 5;
  Network net(c);
  GridSpec g;
  g.width = 9;
  g.height = 6;  // 54 points: not a multiple of 4
  g.features = {Feature::X1, Feature::X2};
  const int plane = g.width * g.height;
  std::vector<float> all(static_cast<std::size_t>(net.total_grid_units()) * plane);
  net.evaluate_grid(g, all.data());
  auto at = [&](int layer, int unit, int p) { return all[net.grid_unit_offset(layer, unit) * plane + p]; };
  for (int p = 0; p < plane; ++p) {
    for (int l = 2; l <= 3; ++l) {
      const std::vector<float> w = net.weights(l - 1), b = net.biases(l - 1);
      for (int u = 0; u < 3; ++u) {
        double z = b[u];
        for (int k = 0; k < 3; ++k) z += static_cast<double>(w[u * 3 + k]) * at(l - 1, k, p);
        const double a = l == 2 ? std::tanh(z) : std::max(0.0, z);
        EXPECT_NEAR(at(l, u, p), at(l - 1, u, p) + a, 1e-5) << "layer " << l << " unit " << u << " point " << p;
      }
    }
    const std::vector<float> in = {at(0, 0, p), at(0, 1, p)};
    std::vector<float> out(1);
    net.predict(in.data(), 1, out.data());
    EXPECT_NEAR(at(4, 0, p), out[0], 1e-6);
  }
}

TEST(Grid, LargeGridsMatchPredictAcrossChunks) {
  NetworkConfig c = small_config();
  c.layers = {{16, Activation::Relu}, {3, Activation::Softmax}};
  c.loss = Loss::SoftmaxCe;
  Network net(c);
  GridSpec g;
  g.width = 101;
  g.height = 37;  // 3737 points: many chunks and a ragged last one
  g.features = {Feature::X1, Feature::X2};
  const int plane = g.width * g.height;
  std::vector<float> outs(3 * static_cast<std::size_t>(plane));
  net.evaluate_grid_outputs(g, outs.data());
  std::vector<float> x;
  for (int p = 0; p < plane; ++p) {
    x.push_back(-6 + (p % g.width + 0.5f) * 12.0f / g.width);
    x.push_back(6 - (p / g.width + 0.5f) * 12.0f / g.height);
  }
  std::vector<float> y(3 * static_cast<std::size_t>(plane));
  net.predict(x.data(), plane, y.data());
  for (int p = 0; p < plane; p += 7)
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(outs[k * plane + p], y[p * 3 + k], 1e-6);
}

TEST(Evaluate, AccuracyReadsTheOutputLikeAClassifier) {
  NetworkConfig c;
  c.inputs = 1;
  c.layers = {{1, Activation::Linear}};
  Network net(c);
  net.set_weights(0, {1.0f});
  net.set_biases(0, {0.0f});
  // Targets +-1 (tanh/linear convention): threshold 0.
  std::vector<float> x = {-2, -1, 1, 2}, t = {-1, 1, 1, 1};
  const Metrics m = net.evaluate(x.data(), t.data(), 4);
  EXPECT_DOUBLE_EQ(m.accuracy, 0.75);
  EXPECT_NEAR(m.loss, (1.0 + 4.0 + 0.0 + 1.0) / 4, 1e-6);
}
