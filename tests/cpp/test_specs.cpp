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

TEST(ConfigContract, ScheduleAndStoppingReadWithDefaultsAndRoundTrip) {
  const std::string head = R"({"inputs":2,"layers":[{"units":1,"activation":"tanh"}],)";
  const NetworkConfig c = config(head + R"("schedule":{"type":"cosine-annealing-lr","tMax":40},"stopping":{"patience":5}})");
  EXPECT_EQ(c.schedule.type, ScheduleType::CosineAnnealingLr);
  EXPECT_EQ(c.schedule.t_max, 40);
  EXPECT_EQ(c.schedule.eta_min, ScheduleSpec{}.eta_min);
  EXPECT_EQ(c.stopping.patience, 5);
  EXPECT_EQ(c.stopping.train_loss, StoppingSpec{}.train_loss);
  // The documented defaults (README, web/src/core/types.ts): PyTorch's where it has them.
  const ScheduleSpec d;
  EXPECT_EQ(d.type, ScheduleType::None);
  EXPECT_EQ(d.step_size, 100);
  EXPECT_FLOAT_EQ(d.gamma, 0.1f);
  EXPECT_EQ(d.t_max, 500);
  EXPECT_FLOAT_EQ(d.start_factor, 1.0f / 3);
  EXPECT_FLOAT_EQ(d.end_factor, 1.0f);
  EXPECT_EQ(d.total_iters, 5);
  const NetworkConfig back = config_from_json(config_to_json(c));
  EXPECT_EQ(back.schedule.t_max, 40);
  EXPECT_EQ(back.stopping.patience, 5);
  expect_error([&] { config(head + R"("schedule":{"type":"exponential"}})"); }, "schedule.type",
               {"unknown value \"exponential\"", "\"step-lr\", \"cosine-annealing-lr\", \"linear-lr\""});
  expect_error([&] { config(head + R"("schedule":{"stepSize":2.5}})"); }, "schedule.stepSize", {"integer"});
  expect_error([&] { config(head + R"("stopping":{"patience":"3"}})"); }, "stopping.patience", {"got \"3\""});
  expect_error([&] { config(head + R"("stopping":{"epochs":3}})"); }, "stopping.epochs", {"unknown field"});
  expect_error([&] { config_from_json(head + R"("schedule":{"type":"step-lr","gamma":-1}})"); },
               "schedule.gamma", {"> 0"});
}

// ---- layer types ------------------------------------------------------------------------

namespace {

// A network config built and validated (what createNetwork does).
void build(const std::string& text) { Network net(config(text)); }

const char* kDigitsCnn = R"({"inputs":784,"inputShape":[1,28,28],"layers":[
  {"type":"conv2d","channels":8,"kernel":5,"padding":"same","activation":"relu"},
  {"type":"maxpool","size":2},
  {"type":"conv2d","channels":16,"kernel":5,"padding":"same","activation":"relu"},
  {"type":"maxpool","size":2},
  {"units":10,"activation":"softmax"}],"loss":"softmax-ce"})";

std::string with_layers(const std::string& input, const std::string& layers) {
  return "{" + input + R"(,"layers":[)" + layers + R"(,{"units":2,"activation":"softmax"}],"loss":"softmax-ce"})";
}

}  // namespace

TEST(LayerContract, ConvAndPoolLayersReadWithTheirDefaults) {
  const NetworkConfig c = config(kDigitsCnn);
  EXPECT_EQ(c.input_shape, (std::vector<int>{1, 28, 28}));
  ASSERT_EQ(c.layers.size(), 5u);
  EXPECT_EQ(c.layers[0].type, LayerType::Conv2d);
  EXPECT_EQ(c.layers[0].channels, 8);
  EXPECT_EQ(c.layers[0].kernel, 5);
  EXPECT_EQ(c.layers[0].stride, 1);  // default
  EXPECT_EQ(c.layers[0].padding, Padding::Same);
  EXPECT_EQ(c.layers[1].type, LayerType::MaxPool);
  EXPECT_EQ(c.layers[4].type, LayerType::Dense);  // no type: dense, as every config before
  const NetworkConfig v = config(R"({"inputs":16,"inputShape":[1,4,4],"layers":[{"type":"conv2d","channels":2,"kernel":3,"activation":"tanh"},{"type":"maxpool"},{"units":1,"activation":"tanh","residual":false}]})");
  EXPECT_EQ(v.layers[0].padding, Padding::Valid);  // nn.Conv2d's default
  EXPECT_EQ(v.layers[1].size, 2);
  EXPECT_FALSE(v.layers[2].residual);
  Network net(config(kDigitsCnn));
  EXPECT_EQ(net.layer(0).output_shape, (std::vector<int>{8, 28, 28}));
  EXPECT_EQ(net.layer(1).output_shape, (std::vector<int>{8, 14, 14}));
  EXPECT_EQ(net.layer(3).output_shape, (std::vector<int>{16, 7, 7}));
  EXPECT_EQ(net.layer(4).input_shape, (std::vector<int>{16, 7, 7}));
  EXPECT_EQ(net.layer(4).weight_shape, (std::vector<int>{10, 784}));
  EXPECT_EQ(net.layer(2).weight_shape, (std::vector<int>{16, 8, 5, 5}));
  EXPECT_EQ(net.layer(1).parameter_index, -1);
  EXPECT_EQ(net.layer(4).parameter_index, 2);
}

TEST(LayerContract, InvalidLayersNameTheirField) {
  const std::string img = R"("inputs":36,"inputShape":[1,6,6])";
  auto conv = [](const std::string& extra) {
    return R"({"type":"conv2d","channels":2,"kernel":3,"activation":"relu")" + extra + "}";
  };
  expect_error([&] { build(with_layers(img, R"({"type":"conv2d","channels":2,"kernel":4,"activation":"relu"})")); },
               "layers[0].kernel", {"must be 3 or 5", "got 4"});
  expect_error([&] { build(with_layers(img, R"({"type":"conv2d","channels":0,"kernel":3,"activation":"relu"})")); },
               "layers[0].channels", {"must be an integer in [1, 32], got 0"});
  expect_error([&] { build(with_layers(img, R"({"type":"conv2d","channels":33,"kernel":3,"activation":"relu"})")); },
               "layers[0].channels", {"[1, 32]"});
  expect_error([&] { build(with_layers(img, conv(R"(,"stride":3)"))); }, "layers[0].stride", {"must be 1 or 2, got 3"});
  expect_error([&] { build(with_layers(img, conv(R"(,"padding":"full")"))); }, "layers[0].padding",
               {"unknown value \"full\"", "\"same\", \"valid\""});
  expect_error([&] { build(with_layers(R"("inputs":36,"inputShape":[1,6,5])", conv(""))); }, "inputShape",
               {"[1, 6, 5] is 30 values, but inputs is 36"});
  expect_error([&] { build(with_layers(R"("inputs":36,"inputShape":[36])", R"({"units":3,"activation":"relu"})")); },
               "inputShape", {"must be [channels, height, width], got 1 numbers"});
  expect_error([&] { build(with_layers(R"("inputs":36)", conv(""))); }, "inputShape",
               {"is required: layers[0] is a conv2d layer"});
  expect_error([&] { build(with_layers(img, R"({"units":4,"activation":"relu"},)" + conv(""))); }, "layers[1].type",
               {"must come before every dense layer (layers[0] is dense)"});
  expect_error([&] { build(with_layers(img, R"({"type":"maxpool"},{"type":"maxpool"},{"type":"maxpool"})")); }, "layers[2].size",
               {"a 2 x 2 window does not fit the 1 x 1 image it reads"});
  expect_error([&] { build(with_layers(img, R"({"type":"maxpool","size":3})")); }, "layers[0].size",
               {"must be 2 (2 x 2 windows, stride 2), got 3"});
  expect_error([&] { build(with_layers(R"("inputs":9,"inputShape":[1,3,3])", R"({"type":"conv2d","channels":2,"kernel":5,"activation":"relu"})")); },
               "layers[0].kernel", {"a 5 x 5 kernel does not fit the 3 x 3 image it reads (padding \"valid\")"});
  expect_error([&] { build(R"({"inputs":36,"inputShape":[1,6,6],"layers":[{"type":"conv2d","channels":2,"kernel":3,"activation":"relu"}]})"); },
               "layers[0].type", {"the output (last) layer must be dense, got \"conv2d\""});
  expect_error([&] { build(with_layers(img, R"({"type":"pool"})")); }, "layers[0].type",
               {"unknown value \"pool\"", "\"dense\", \"conv2d\", \"maxpool\""});
  expect_error([&] { build(with_layers(img, conv(R"(,"units":3)"))); }, "layers[0].units",
               {"unknown field; allowed: type, channels, kernel, stride, padding, activation"});
  expect_error([&] { build(with_layers(img, R"({"type":"conv2d","kernel":3,"activation":"relu"})")); }, "layers[0].channels",
               {"is required"});
  expect_error([&] { build(with_layers(img, R"({"type":"conv2d","channels":2,"kernel":3,"activation":"softmax"})")); },
               "layers[0].activation", {"allowed on the last (output) layer only"});
}

TEST(LayerContract, ResidualNeedsEqualWidthsAndAHiddenLayer) {
  expect_error([] { build(R"({"inputs":2,"layers":[{"units":4,"activation":"tanh","residual":true},{"units":1,"activation":"tanh"}]})"); },
               "layers[0].residual", {"its units must equal its input's width (2), got 4"});
  expect_error([] { build(R"({"inputs":2,"layers":[{"units":4,"activation":"tanh"},{"units":4,"activation":"tanh","residual":true}]})"); },
               "layers[1].residual", {"the output (last) layer cannot be residual"});
  expect_error([] { build(R"({"inputs":2,"layers":[{"units":2,"activation":"tanh","residual":1},{"units":1,"activation":"tanh"}]})"); },
               "layers[0].residual", {"must be true or false, got 1"});
  const NetworkConfig ok = config(R"({"inputs":2,"layers":[{"units":4,"activation":"tanh"},{"units":4,"activation":"relu","residual":true},{"units":1,"activation":"tanh"}]})");
  EXPECT_TRUE(ok.layers[1].residual);
  EXPECT_NO_THROW(Network{ok});
}

TEST(LayerContract, NetworksOverTheMemoryBudgetAreRefusedBeforeAllocating) {
  // 64 layers x 1024 units: 67 M parameters. With SGD: values, gradients and the rollback
  // copy (769 MiB) fit the 1 GiB budget; momentum's velocity or Adam's two slots do not.
  NetworkConfig c;
  c.inputs = 1024;
  for (int i = 0; i < 63; ++i) c.layers.push_back(LayerSpec::dense(1024, Activation::Relu));
  c.layers.push_back(LayerSpec::dense(1024, Activation::Linear));
  EXPECT_NO_THROW(validate(c));
  EXPECT_LT(network_bytes(c), kMemoryBudget);
  EXPECT_GT(network_bytes(c), 768ull << 20);
  c.optimizer.type = OptimizerType::Adam;
  expect_error([&] { validate(c); }, "layers", {"67174400 parameters, held 5 times", "over the memory budget of 1.00 GiB", "\"sgd\""});
  c.optimizer.type = OptimizerType::Momentum;
  expect_error([&] { validate(c); }, "layers", {"held 4 times"});
  // Training needs the batch's workspace too.
  c.optimizer.type = OptimizerType::Sgd;
  EXPECT_LT(training_bytes(c, 32), kMemoryBudget);
  EXPECT_GT(training_bytes(c, 2000), kMemoryBudget);
}
