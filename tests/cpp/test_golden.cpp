// Golden trajectories shared with the JavaScript tests (tests/golden/*.json): a fixed
// network, seed and batch trained for a few steps must give the recorded losses and final
// parameters, natively and in wasm; tests/web/golden.test.ts checks the same file through
// the npm API, so the C++ suite and the library agree on the numbers.
// Regenerate (native build) with: MLP_WRITE_GOLDEN=1 build/native/test_golden
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mlp/network.h"

using json = nlohmann::json;
using namespace mlp;

namespace {

struct Case {
  const char* file;
  const char* config;
  int inputs, outputs, samples, steps;
};

// One case per optimizer, with the loss kinds and activations the playground uses most.
const Case kCases[] = {
    {"sgd-tanh-mse.json",
     R"({"inputs":2,"layers":[{"units":4,"activation":"tanh"},{"units":2,"activation":"tanh"},{"units":1,"activation":"tanh"}],"loss":"mse","optimizer":{"type":"sgd","learningRate":0.03},"init":"classic","seed":7})",
     2, 1, 10, 30},
    {"momentum-relu-bce.json",
     R"({"inputs":3,"layers":[{"units":6,"activation":"relu"},{"units":2,"activation":"sigmoid"}],"loss":"bce","optimizer":{"type":"momentum","learningRate":0.05,"momentum":0.9},"regularization":{"type":"l2","rate":0.001},"init":"xavier","seed":11})",
     3, 2, 12, 30},
    {"adam-gelu-softmax.json",
     R"({"inputs":2,"layers":[{"units":8,"activation":"gelu"},{"units":8,"activation":"swish"},{"units":3,"activation":"softmax"}],"loss":"softmax-ce","optimizer":{"type":"adam","learningRate":0.01},"regularization":{"type":"l1","rate":0.0001},"init":"xavier","seed":3,"clipNorm":1})",
     2, 3, 16, 30},
};

std::string golden_path(const char* file) { return std::string(MLP_SOURCE_DIR) + "/tests/golden/" + file; }

// Inputs and targets are simple closed forms, so every language builds them identically.
void make_batch(const Case& c, std::vector<float>& x, std::vector<float>& y) {
  for (int s = 0; s < c.samples; ++s) {
    for (int j = 0; j < c.inputs; ++j)
      x.push_back(static_cast<float>(std::sin(0.7 * s + 1.3 * j) * 2.0));
    for (int k = 0; k < c.outputs; ++k) {
      const bool on = ((s + k) % (c.outputs == 1 ? 2 : c.outputs)) == 0;
      y.push_back(c.outputs == 1 ? (on ? 1.0f : -1.0f) : (on ? 1.0f : 0.0f));
    }
  }
}

}  // namespace

TEST(Golden, TrajectoriesMatchTheSharedRecord) {
  const bool write = std::getenv("MLP_WRITE_GOLDEN") != nullptr;
  for (const Case& c : kCases) {
    Network net(config_from_json(c.config));
    std::vector<float> x, y;
    json g;
    if (write) {
      make_batch(c, x, y);
    } else {
      // The recorded batch is used as is (libm's sin may differ in the last bit elsewhere).
      std::ifstream in(golden_path(c.file));
      ASSERT_TRUE(in.good()) << "missing " << golden_path(c.file);
      std::stringstream text;
      text << in.rdbuf();
      g = json::parse(text.str());
      x = g["x"].get<std::vector<float>>();
      y = g["y"].get<std::vector<float>>();
    }
    std::vector<double> losses;
    for (int s = 0; s < c.steps; ++s) losses.push_back(net.train_batch(x.data(), y.data(), c.samples).loss);
    std::vector<float> params = net.parameters();
    if (write) {
      json j = {{"config", json::parse(c.config)}, {"samples", c.samples}, {"steps", c.steps},
                {"x", x}, {"y", y}, {"losses", losses}, {"parameters", params}};
      std::ofstream(golden_path(c.file)) << j.dump(1) << "\n";
      continue;
    }
    const auto want_losses = g["losses"].get<std::vector<double>>();
    const auto want_params = g["parameters"].get<std::vector<double>>();
    ASSERT_EQ(want_losses.size(), losses.size());
    ASSERT_EQ(want_params.size(), params.size());
    for (std::size_t i = 0; i < losses.size(); ++i)
      EXPECT_NEAR(losses[i], want_losses[i], 1e-5 * std::max(1.0, std::fabs(want_losses[i])))
          << c.file << " step " << i;
    for (std::size_t i = 0; i < params.size(); ++i)
      EXPECT_NEAR(params[i], want_params[i], 1e-5 * std::max(1.0, std::fabs(want_params[i])))
          << c.file << " parameter " << i;
  }
}
