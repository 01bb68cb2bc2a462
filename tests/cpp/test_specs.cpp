// The named contract across the boundary (cpp/src/specs.h): configs and specs read from a
// Value take the C++ structs' defaults for absent fields, name a wrongly typed field with
// what it got, refuse unknown fields, and nothing else. The JavaScript bindings read
// through the same functions (js_value instead of json_value), so what is tested here is what
// createNetwork(), generateDataset() and evaluateGrid() do; tests/web/specs.test.ts checks
// the same through the wasm module.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "json_value.h"
#include "mlp/error.h"
#include "mlp/network.h"
#include "specs.h"

using namespace mlp;
using nlohmann::json;

namespace {

// Reads `text` with reader(json_value(...)).
template <class F>
auto read(const std::string& text, F reader) {
  const json j = json::parse(text);
  return reader(json_value(j));
}

NetworkConfig config(const std::string& text) {
  return read(text, [](const Value& v) { return read_config(v); });
}

// Expects fn to throw mlp::Error for `field` whose message contains every fragment.
void expect_error(const std::function<void()>& fn, const std::string& field,
                  std::initializer_list<const char*> fragments) {
  try {
    fn();
    ADD_FAILURE() << "no error thrown; expected one for " << field;
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    for (const char* f : fragments)
      EXPECT_NE(std::string(e.what()).find(f), std::string::npos)
          << "message \"" << e.what() << "\" lacks \"" << f << "\"";
  }
}

const char* kMinimal = R"({"inputs":3,"layers":[{"units":2,"activation":"relu"}]})";

}  // namespace

TEST(ConfigContract, AbsentFieldsTakeTheStructDefaults) {
  const NetworkConfig c = config(kMinimal);
  const NetworkConfig d;  // the defaults as declared in mlp/network.h and mlp/optimizer.h
  EXPECT_EQ(c.inputs, 3);
  ASSERT_EQ(c.layers.size(), 1u);
  EXPECT_EQ(c.layers[0].units, 2);
  EXPECT_EQ(c.layers[0].activation, Activation::Relu);
  EXPECT_EQ(c.loss, d.loss);
  EXPECT_EQ(c.init, d.init);
  EXPECT_EQ(c.seed, d.seed);
  EXPECT_EQ(c.clip_norm, d.clip_norm);
  EXPECT_EQ(c.optimizer.type, d.optimizer.type);
  EXPECT_EQ(c.optimizer.learning_rate, d.optimizer.learning_rate);
  EXPECT_EQ(c.optimizer.momentum, d.optimizer.momentum);
  EXPECT_EQ(c.optimizer.beta1, d.optimizer.beta1);
  EXPECT_EQ(c.optimizer.beta2, d.optimizer.beta2);
  EXPECT_EQ(c.optimizer.eps, d.optimizer.eps);
  EXPECT_EQ(c.regularization.type, d.regularization.type);
  EXPECT_EQ(c.regularization.rate, d.regularization.rate);
  // And those defaults are the documented ones (README, web/src/core/types.ts).
  EXPECT_EQ(d.loss, Loss::Mse);
  EXPECT_EQ(d.init, Init::Classic);
  EXPECT_EQ(d.seed, 1u);
  EXPECT_EQ(d.optimizer.type, OptimizerType::Sgd);
  EXPECT_FLOAT_EQ(d.optimizer.learning_rate, 0.03f);
  EXPECT_FLOAT_EQ(d.optimizer.momentum, 0.9f);
  EXPECT_FLOAT_EQ(d.optimizer.beta2, 0.999f);
  EXPECT_FLOAT_EQ(d.optimizer.eps, 1e-8f);
  EXPECT_EQ(d.regularization.type, Regularization::None);
}

TEST(ConfigContract, APartialObjectKeepsTheDefaultsOfItsOtherFields) {
  const NetworkConfig c = config(
      R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],"optimizer":{"type":"adam"},)"
      R"("regularization":{"rate":0.5}})");
  EXPECT_EQ(c.optimizer.type, OptimizerType::Adam);
  EXPECT_EQ(c.optimizer.learning_rate, OptimizerSpec{}.learning_rate);
  EXPECT_EQ(c.optimizer.beta1, OptimizerSpec{}.beta1);
  EXPECT_EQ(c.regularization.type, Regularization::None);
  EXPECT_EQ(c.regularization.rate, 0.5f);
  const OptimizerSpec o = read(R"({"learningRate":0.25})", [](const Value& v) { return read_optimizer(v); });
  EXPECT_EQ(o.type, OptimizerSpec{}.type);
  EXPECT_EQ(o.learning_rate, 0.25f);
}

TEST(ConfigContract, AWrongTypeNamesTheFieldAndWhatItGot) {
  const std::string head = R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],)";
  expect_error([&] { config(head + R"("optimizer":{"learningRate":"x"}})"); },
               "optimizer.learningRate", {"optimizer.learningRate: must be a number, got \"x\""});
  expect_error([&] { config(head + R"("seed":"1"})"); }, "seed", {"integer", "got \"1\""});
  expect_error([&] { config(head + R"("seed":4294967296})"); }, "seed", {"got 4294967296"});
  expect_error([&] { config(head + R"("loss":3})"); }, "loss", {"must be a string", "got 3"});
  expect_error([&] { config(head + R"("clipNorm":null})"); }, "clipNorm", {"got null"});
  expect_error([&] { config(head + R"("optimizer":[]})"); }, "optimizer", {"must be an object", "got an array"});
  expect_error([&] { config(R"({"inputs":true,"layers":[]})"); }, "inputs", {"got true"});
  expect_error([&] { config(R"({"inputs":2,"layers":{}})"); }, "layers", {"non-empty array", "got an object"});
  expect_error([&] { config(R"({"inputs":2,"layers":[{"units":1.5,"activation":"tanh"}]})"); },
               "layers[0].units", {"integer", "got 1.5"});
  expect_error([&] { config(R"({"inputs":2,"layers":[{"units":1}]})"); }, "layers[0].activation",
               {"required"});
  expect_error([&] { config("[1]"); }, "config", {"must be an object, got an array"});
}

TEST(ConfigContract, UnknownFieldsAreRefusedWhereverTheyAre) {
  expect_error([] { config(R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],"colour":1})"); },
               "colour", {"unknown field", "allowed: inputs, layers"});
  expect_error([] { config(R"({"inputs":2,"layers":[{"units":1,"activation":"tanh","bias":0}]})"); },
               "layers[0].bias", {"unknown field"});
  expect_error([] { config(R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],"optimizer":{"lr":1}})"); },
               "optimizer.lr", {"unknown field"});
}

TEST(ConfigContract, ReadingDoesNotValidateTheConstructorDoes) {
  // The reader takes what is well typed; the rules (ranges, pairings) are checked once,
  // where the config is used: Network's constructor (and config_from_json, which promises
  // a valid config).
  const std::string text =
      R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],"optimizer":{"learningRate":-1}})";
  const NetworkConfig c = config(text);
  EXPECT_EQ(c.optimizer.learning_rate, -1.0f);
  expect_error([&] { Network net(c); }, "optimizer.learningRate", {">= 0"});
  expect_error([&] { config_from_json(text); }, "optimizer.learningRate", {">= 0"});
}

TEST(ConfigContract, NetworkFilesNameTheirConfigFieldsUnderConfig) {
  Network net(config(kMinimal));
  std::string text = net.to_json();
  const std::string key = "\"inputs\":3";
  text.replace(text.find(key), key.size(), "\"inputs\":\"3\"");
  expect_error([&] { Network::from_json(text); }, "config.inputs", {"got \"3\""});
}

TEST(DatasetSpecContract, DefaultsTypesAndUnknownFields) {
  auto spec = [](const std::string& text) {
    return read(text, [](const Value& v) { return read_dataset_spec(v); });
  };
  const DatasetSpec s = spec(R"({"name":"xor"})");
  const DatasetSpec d;
  EXPECT_EQ(s.name, "xor");
  EXPECT_EQ(s.samples, d.samples);
  EXPECT_EQ(s.noise, d.noise);
  EXPECT_EQ(s.classes, d.classes);
  EXPECT_EQ(s.train_ratio, d.train_ratio);
  EXPECT_EQ(s.seed, d.seed);
  expect_error([&] { spec(R"({"name":"xor","noise":"x"})"); }, "noise", {"must be a number, got \"x\""});
  expect_error([&] { spec(R"({"name":"xor","samples":1.5})"); }, "samples", {"integer", "got 1.5"});
  expect_error([&] { spec(R"({"name":"xor","size":10})"); }, "size", {"unknown field"});
  expect_error([&] { spec(R"({"samples":10})"); }, "name", {"required"});
  expect_error([&] { spec("null"); }, "spec", {"must be an object, got null"});
  // Ranges stay generate_dataset's.
  const DatasetSpec loud = spec(R"({"name":"xor","noise":0.9})");
  expect_error([&] { generate_dataset(loud); }, "noise", {"[0, 0.5]"});
}

TEST(GridSpecContract, HeightFollowsWidthAndDims) {
  auto grid = [](const std::string& text) {
    return read(text, [](const Value& v) { return read_grid_spec(v); });
  };
  const GridSpec g = grid(R"({"width":30,"features":["x1","x2"]})");
  const GridSpec d;
  EXPECT_EQ(g.width, 30);
  EXPECT_EQ(g.height, 30);
  EXPECT_EQ(g.dims, 2);
  EXPECT_EQ(g.x_min, d.x_min);
  EXPECT_EQ(g.y_max, d.y_max);
  ASSERT_EQ(g.features.size(), 2u);
  EXPECT_EQ(g.features[1], Feature::X2);
  const GridSpec one = grid(R"({"width":30,"dims":1,"xRange":[-3,3],"features":["sinx1"]})");
  EXPECT_EQ(one.height, 1);
  EXPECT_EQ(one.x_min, -3.0f);
  EXPECT_EQ(one.x_max, 3.0f);
  expect_error([&] { grid(R"({"width":30,"features":["x1","x3"]})"); }, "grid.features[1]",
               {"unknown value \"x3\"", "\"sinx2\""});
  expect_error([&] { grid(R"({"width":30,"features":[]})"); }, "grid.features", {"non-empty"});
  expect_error([&] { grid(R"({"width":30,"xRange":[1],"features":["x1"]})"); }, "grid.xRange",
               {"[min, max]"});
  expect_error([&] { grid(R"({"width":30,"yRange":[1,"2"],"features":["x1"]})"); },
               "grid.yRange[1]", {"got \"2\""});
  expect_error([&] { grid(R"({"width":0,"features":["x1"]})"); }, "grid.width", {"[1, 4096]"});
  expect_error([&] { grid(R"({"features":["x1"]})"); }, "grid.width", {"required"});
}

TEST(TrainingData, PrepareTrainAndEvaluateInTheCore) {
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{4, Activation::Tanh}, {1, Activation::Tanh}};
  Network net(c);
  DatasetSpec spec;
  spec.name = "xor";
  const DatasetSplit d = generate_dataset(spec);
  const TrainingData t = net.prepare(d.train, {Feature::X1, Feature::X2});
  EXPECT_EQ(t.size, d.train.size());
  EXPECT_EQ(t.inputs, 2);
  EXPECT_EQ(t.x[0], d.train.x[0]);
  const EpochResult r = net.train_epoch(t, 10, 3);
  EXPECT_EQ(r.epochs, 3);
  EXPECT_EQ(r.steps, 3 * ((d.train.size() + 9) / 10));
  EXPECT_FALSE(r.diverged());
  EXPECT_TRUE(std::isfinite(net.evaluate(t).loss));
  expect_error([&] { net.prepare(d.train, {Feature::X1}); }, "features", {"network has 2"});
  Dataset empty = d.train;
  empty.x.clear();
  empty.y.clear();
  expect_error([&] { net.prepare(empty, {Feature::X1, Feature::X2}); }, "dataset", {"no points"});
  const TrainingData wrong = make_training_data(t.x.data(), t.y.data(), 1, 1, 1);
  expect_error([&] { net.train_epoch(wrong, 10); }, "data", {"1 inputs"});
  expect_error([&] { net.train_epoch(t, 10, 0); }, "epochs", {">= 1"});
}

TEST(FeatureGrid, IsLayerZeroOfTheNetworksGrid) {
  NetworkConfig c;
  c.inputs = 3;
  c.layers = {{2, Activation::Tanh}};
  Network net(c);
  GridSpec g;
  g.width = 9;
  g.height = 4;
  g.features = {Feature::SinX2, Feature::X1TimesX2, Feature::X1Squared};
  const int plane = g.width * g.height;
  std::vector<float> all(static_cast<std::size_t>(net.total_grid_units()) * plane), f(3 * plane);
  net.evaluate_grid(g, all.data());
  feature_grid(g, f.data());
  for (int i = 0; i < 3 * plane; ++i) EXPECT_EQ(f[i], all[i]);
  g.dims = 1;
  g.height = 1;
  expect_error([&] { feature_grid(g, f.data()); }, "features", {"needs 2-D data", "\"x1\", \"x1sq\", \"sinx1\""});
}

TEST(FeatureCatalog, NamesLabelsAndDimsInFeatureOrder) {
  const auto& cat = feature_catalog();
  ASSERT_EQ(cat.size(), feature_names().size());
  for (std::size_t i = 0; i < cat.size(); ++i) EXPECT_EQ(std::string(cat[i].name), feature_names()[i]);
  EXPECT_EQ(std::string(cat[static_cast<int>(Feature::X1Squared)].label), "x\u2081\u00b2");
  EXPECT_EQ(cat[static_cast<int>(Feature::X1)].dims, 1);
  EXPECT_EQ(cat[static_cast<int>(Feature::X1TimesX2)].dims, 2);
  EXPECT_EQ(cat[static_cast<int>(Feature::SinX1)].dims, 1);
}
