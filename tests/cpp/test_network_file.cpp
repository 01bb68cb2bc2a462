// The network file's format and versions: what version this build writes, that the input
// features travel with the config, that a file of an older version (a real one, written
// by version 1 of the writer: tests/fixtures/network-v1.json) loads and continues as it
// would have, and that a newer version or a bad feature list is refused by name.
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
  EXPECT_EQ(j["version"], 2);
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
  EXPECT_EQ(now["version"], 2);
  // Everything but the version is carried over unchanged (floats are written the same way).
  json expected = old;
  expected["version"] = 2;
  EXPECT_EQ(now, expected);
  // The momentum state came along: a step from the file equals a step of a copy.
  Network copy = Network::from_json(net.to_json());
  const float x[] = {0.5f, -1.0f}, y[] = {1.0f};
  net.train_batch(x, y, 1);
  copy.train_batch(x, y, 1);
  EXPECT_EQ(net.parameters(), copy.parameters());
}

TEST(NetworkFile, ANewerVersionIsRefusedNamingIt) {
  json j = json::parse(Network(with_features()).to_json());
  j["version"] = 3;
  const std::string e = error_of(j.dump());
  EXPECT_NE(e.find("version: 3 is newer than this mlp-playground reads (versions 1 to 2)"), std::string::npos) << e;
  j["version"] = 0;
  EXPECT_NE(error_of(j.dump()).find("version"), std::string::npos);
  j["version"] = 2;
  j["format"] = "something-else";
  EXPECT_NE(error_of(j.dump()).find("format"), std::string::npos);
}
