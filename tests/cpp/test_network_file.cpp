// The network file's format and versions: what version this build writes, that the input
// features travel with the config, that files of older versions (real ones, written by
// versions 1 and 2 of the writer: tests/fixtures/network-v1.json, network-v2.json) load and
// continue as they would have, that layer types (conv2d, maxpool, residual) round trip,
// and that a newer version or a bad feature list is refused by name.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "mlp/error.h"
#include "mlp/network.h"

using json = nlohmann::json;
using namespace mlp;

namespace {

std::string read_fixture(const char* name) {
  std::ifstream in(std::string(MLP_SOURCE_DIR) + "/tests/fixtures/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string error_of(const std::string& text) {
  try {
    Network::from_json(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

NetworkConfig with_features() {
  NetworkConfig c;
  c.inputs = 3;
  c.layers = {{4, Activation::Relu}, {1, Activation::Sigmoid}};
  c.loss = Loss::Bce;
  c.features = {Feature::X1, Feature::SinX2, Feature::X1TimesX2};
  return c;
}

}  // namespace

TEST(NetworkFile, WritesTheCurrentFormatAndVersion) {
  const json j = json::parse(Network(with_features()).to_json());
  EXPECT_EQ(j["format"], "mlp-playground/network");
  EXPECT_EQ(j["version"], 4);
}

TEST(NetworkFile, FeaturesRoundTripAndAreOptional) {
  const Network net(with_features());
  const json j = json::parse(net.to_json());
  EXPECT_EQ(j["config"]["features"], json::parse(R"(["x1","sinx2","x1x2"])"));
  const Network back = Network::from_json(net.to_json());
  EXPECT_EQ(back.config().features, with_features().features);
  EXPECT_EQ(back.to_json(), net.to_json());

  NetworkConfig plain = with_features();
  plain.features.clear();
  EXPECT_FALSE(json::parse(Network(plain).to_json())["config"].contains("features"));
}

TEST(NetworkFile, BadFeaturesNameTheField) {
  NetworkConfig c = with_features();
  c.features.pop_back();
  try {
    Network net(c);
    ADD_FAILURE() << "2 features for 3 inputs accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "features");
    EXPECT_NE(std::string(e.what()).find("lists 2 features but the network has 3 inputs"), std::string::npos) << e.what();
  }
  c.features = {Feature::X1, Feature::X1, Feature::X2};
  EXPECT_THROW(Network{c}, Error);

  json j = json::parse(Network(with_features()).to_json());
  j["config"]["features"][1] = "x3";
  EXPECT_NE(error_of(j.dump()).find("config.features[1]"), std::string::npos) << error_of(j.dump());
  j["config"]["features"] = json::array();
  EXPECT_NE(error_of(j.dump()).find("config.features: must be a non-empty array"), std::string::npos);
}

TEST(NetworkFile, Version1LoadsAndContinuesTraining) {
  const std::string v1 = read_fixture("network-v1.json");
  const json old = json::parse(v1);
  ASSERT_EQ(old["version"], 1);
  Network net = Network::from_json(v1);
  const json now = json::parse(net.to_json());
  EXPECT_EQ(now["version"], 4);
  // Everything but the version is carried over unchanged (floats are written the same way).
  json expected = old;
  expected["version"] = 4;
  EXPECT_EQ(now, expected);
  // The momentum state came along: a step from the file equals a step of a copy.
  Network copy = Network::from_json(net.to_json());
  const float x[] = {0.5f, -1.0f}, y[] = {1.0f};
  net.train_batch(x, y, 1);
  copy.train_batch(x, y, 1);
  EXPECT_EQ(net.parameters(), copy.parameters());
}

TEST(NetworkFile, Version2LoadsAndContinuesTraining) {
  const std::string v2 = read_fixture("network-v2.json");
  const json old = json::parse(v2);
  ASSERT_EQ(old["version"], 2);
  Network net = Network::from_json(v2);
  json expected = old;
  expected["version"] = 4;
  EXPECT_EQ(json::parse(net.to_json()), expected);
  Network copy = Network::from_json(net.to_json());
  const float x[] = {0.5f, -1.0f, 0.25f}, y[] = {0.0f, 1.0f, 0.0f};
  net.train_batch(x, y, 1);
  copy.train_batch(x, y, 1);
  EXPECT_EQ(net.parameters(), copy.parameters());
}

TEST(NetworkFile, LayerTypesRoundTrip) {
  NetworkConfig c;
  c.inputs = 2 * 8 * 6;
  c.input_shape = {2, 8, 6};  // conv 3 @ 8 x 6, pool 3 @ 4 x 3, conv 4 @ 2 x 1, dense 5, 5, 2
  c.layers = {LayerSpec::conv2d(3, 3, Activation::Relu, Padding::Same),
              LayerSpec::maxpool(),
              LayerSpec::conv2d(4, 3, Activation::Tanh, Padding::Valid, 1),
              LayerSpec::dense(5, Activation::Tanh),
              LayerSpec::dense(5, Activation::Elu, true),
              LayerSpec::dense(2, Activation::Softmax)};
  c.loss = Loss::SoftmaxCe;
  c.optimizer.type = OptimizerType::Adam;
  c.init = Init::He;
  Network net(c);
  std::vector<float> x(static_cast<std::size_t>(c.inputs) * 3), y = {1, 0, 0, 1, 1, 0};
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(std::sin(0.37 * i));
  net.train_batch(x.data(), y.data(), 3);
  const json j = json::parse(net.to_json());
  EXPECT_EQ(j["config"]["inputShape"], json::parse("[2, 8, 6]"));
  EXPECT_EQ(j["config"]["layers"][0], json::parse(R"({"type":"conv2d","channels":3,"kernel":3,"stride":1,"padding":"same","activation":"relu"})"));
  EXPECT_EQ(j["config"]["layers"][1], json::parse(R"({"type":"maxpool","size":2})"));
  EXPECT_EQ(j["config"]["layers"][3], json::parse(R"({"units":5,"activation":"tanh"})"));
  EXPECT_EQ(j["config"]["layers"][4], json::parse(R"({"units":5,"activation":"elu","residual":true})"));
  // Parameters of the layers that have them: 2 convs and 3 dense, conv weights [out, in, k, k].
  ASSERT_EQ(j["parameters"]["weights"].size(), 5u);
  EXPECT_EQ(j["parameters"]["weights"][0].size(), 3u * 2 * 3 * 3);
  EXPECT_EQ(j["parameters"]["weights"][1].size(), 4u * 3 * 3 * 3);
  EXPECT_EQ(j["parameters"]["weights"][2].size(), 5u * 8);  // flattened 4 x 2 x 1 -> 5
  Network back = Network::from_json(net.to_json());
  EXPECT_EQ(back.to_json(), net.to_json());
  EXPECT_EQ(back.config().layers[4].residual, true);
  // It continues exactly as the original does.
  net.train_batch(x.data(), y.data(), 3);
  back.train_batch(x.data(), y.data(), 3);
  EXPECT_EQ(back.parameters(), net.parameters());

  json bad = j;
  bad["parameters"]["weights"][1].erase(0);
  EXPECT_NE(error_of(bad.dump()).find("parameters.weights[1]: needs 108 values ([4, 3, 3, 3] row-major), got 107"), std::string::npos) << error_of(bad.dump());
  bad = j;
  bad["parameters"]["weights"].erase(4);
  EXPECT_NE(error_of(bad.dump()).find("parameters.weights: must be an array of 5 layers (those with parameters)"), std::string::npos) << error_of(bad.dump());
  bad = j;
  bad["config"]["layers"][0]["kernel"] = 4;
  EXPECT_NE(error_of(bad.dump()).find("layers[0].kernel: must be 3 or 5"), std::string::npos) << error_of(bad.dump());
}

TEST(NetworkFile, ANewerVersionIsRefusedNamingIt) {
  json j = json::parse(Network(with_features()).to_json());
  j["version"] = 5;
  const std::string e = error_of(j.dump());
  EXPECT_NE(e.find("version: 5 is newer than this mlp-playground reads (versions 1 to 4)"), std::string::npos) << e;
  j["version"] = 0;
  EXPECT_NE(error_of(j.dump()).find("version"), std::string::npos);
  j["version"] = 4;
  j["format"] = "something-else";
  EXPECT_NE(error_of(j.dump()).find("format"), std::string::npos);
}
