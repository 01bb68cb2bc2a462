// Golden trajectories (tests/golden/*.json), an oracle from outside: PyTorch computed the
// losses and final parameters (tests/golden/regenerate.py), from the same config, the same
// initial parameters (the core's, for the seed) and the same batches. The core must follow
// them natively and in wasm; tests/web/golden.test.ts checks the same files through the npm
// API. The regeneration runs in CI (--check) so the files stay PyTorch's numbers.
//
// Add a case: one row in kCases, then
//   MLP_WRITE_GOLDEN=1 build/native/test_golden      (config, data, batches, initial parameters)
//   python3 tests/golden/regenerate.py --write       (PyTorch's losses and parameters)
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>

#include "mlp/network.h"

using json = nlohmann::json;
using namespace mlp;

namespace {

struct Case {
  const char* file;
  const char* config;
  int inputs, outputs, samples, batch, steps;
};

// Together: every activation, loss, optimizer and regularization, clipping, the inits, and
// the layer types (residual dense, conv2d with both paddings and strides, maxpool).
const Case kCases[] = {
    {"sgd-tanh-mse.json",
     R"({"inputs":2,"layers":[{"units":4,"activation":"tanh"},{"units":2,"activation":"tanh"},{"units":1,"activation":"tanh"}],"loss":"mse","optimizer":{"type":"sgd","learningRate":0.03},"init":"classic","seed":7})",
     2, 1, 12, 5, 30},
    {"momentum-relu-bce.json",
     R"({"inputs":3,"layers":[{"units":6,"activation":"relu"},{"units":2,"activation":"sigmoid"}],"loss":"bce","optimizer":{"type":"momentum","learningRate":0.05,"momentum":0.9},"regularization":{"type":"l2","rate":0.001},"init":"xavier","seed":11})",
     3, 2, 12, 5, 30},
    {"adam-gelu-softmax.json",
     R"({"inputs":2,"layers":[{"units":8,"activation":"gelu"},{"units":8,"activation":"swish"},{"units":3,"activation":"softmax"}],"loss":"softmax-ce","optimizer":{"type":"adam","learningRate":0.01},"regularization":{"type":"l1","rate":0.0001},"init":"xavier","seed":3,"clipNorm":1})",
     2, 3, 16, 6, 30},
    {"sgd-mixed-regression.json",
     R"({"inputs":1,"layers":[{"units":6,"activation":"elu"},{"units":5,"activation":"softplus"},{"units":4,"activation":"leaky-relu"},{"units":3,"activation":"sin"},{"units":1,"activation":"linear"}],"loss":"mse","optimizer":{"type":"sgd","learningRate":0.05},"regularization":{"type":"l1","rate":0.001},"init":"xavier","seed":13})",
     1, 1, 12, 5, 30},
    {"adam-sigmoid-linear-mse.json",
     R"({"inputs":3,"layers":[{"units":5,"activation":"sigmoid"},{"units":4,"activation":"linear"},{"units":2,"activation":"tanh"}],"loss":"mse","optimizer":{"type":"adam","learningRate":0.02},"regularization":{"type":"l2","rate":0.001},"init":"he","seed":21,"clipNorm":0.5})",
     3, 2, 12, 5, 30},
    // Residual layers (the identity added): tanh and relu skips, momentum, bce.
    {"momentum-residual-bce.json",
     R"({"inputs":3,"layers":[{"units":6,"activation":"tanh"},{"units":6,"activation":"tanh","residual":true},{"units":6,"activation":"relu","residual":true},{"units":6,"activation":"sigmoid","residual":true},{"units":2,"activation":"sigmoid"}],"loss":"bce","optimizer":{"type":"momentum","learningRate":0.05,"momentum":0.9},"init":"xavier","seed":5})",
     3, 2, 12, 5, 30},
    // conv2d + maxpool + flatten into dense (workload F's shape, small): Adam, l2.
    {"adam-conv-pool-softmax.json",
     R"({"inputs":64,"inputShape":[1,8,8],"layers":[{"type":"conv2d","channels":4,"kernel":3,"padding":"same","activation":"relu"},{"type":"maxpool","size":2},{"type":"conv2d","channels":6,"kernel":3,"padding":"valid","activation":"tanh"},{"units":3,"activation":"softmax"}],"loss":"softmax-ce","optimizer":{"type":"adam","learningRate":0.01},"regularization":{"type":"l2","rate":0.001},"init":"he","seed":9})",
     64, 3, 12, 5, 30},
    // Two input channels, kernel 5 at stride 2 ('same'), a pool over an odd image, residual
    // dense layers after the flatten, SGD with l1 and clipping.
    {"sgd-conv-stride2-residual-mse.json",
     R"({"inputs":98,"inputShape":[2,7,7],"layers":[{"type":"conv2d","channels":3,"kernel":5,"stride":2,"padding":"same","activation":"elu"},{"type":"maxpool","size":2},{"type":"conv2d","channels":5,"kernel":3,"padding":"same","activation":"swish"},{"units":5,"activation":"tanh"},{"units":5,"activation":"tanh","residual":true},{"units":2,"activation":"tanh"}],"loss":"mse","optimizer":{"type":"sgd","learningRate":0.1},"regularization":{"type":"l1","rate":0.001},"init":"xavier","seed":4,"clipNorm":1})",
     98, 2, 12, 5, 30},
};

std::string golden_path(const char* file) { return std::string(MLP_SOURCE_DIR) + "/tests/golden/" + file; }

// Inputs and targets are simple closed forms (the file records them: libm's sin may differ
// in the last bit elsewhere).
void make_data(const Case& c, std::vector<float>& x, std::vector<float>& y) {
  for (int s = 0; s < c.samples; ++s) {
    for (int j = 0; j < c.inputs; ++j)
      x.push_back(static_cast<float>(std::sin(0.7 * s + 1.3 * j) * 2.0));
    for (int k = 0; k < c.outputs; ++k) {
      const bool on = ((s + k) % (c.outputs == 1 ? 2 : c.outputs)) == 0;
      y.push_back(c.outputs == 1 ? (on ? 1.0f : -1.0f) : (on ? 1.0f : 0.0f));
    }
  }
  if (std::string(c.file).find("regression") != std::string::npos)
    for (int s = 0; s < c.samples; ++s) y[s] = static_cast<float>(std::cos(x[s * c.inputs]));
}

// The sample indices of each step: passes over the data in a different order each time
// (i * 5 + pass mod samples; 5 is coprime to the sample counts), the last batch partial.
json make_batches(const Case& c) {
  json batches = json::array();
  for (int pass = 0; static_cast<int>(batches.size()) < c.steps; ++pass)
    for (int first = 0; first < c.samples && static_cast<int>(batches.size()) < c.steps; first += c.batch) {
      json b = json::array();
      for (int i = first; i < std::min(first + c.batch, c.samples); ++i) b.push_back((i * 5 + pass) % c.samples);
      batches.push_back(b);
    }
  return batches;
}

json read_golden(const Case& c) {
  std::ifstream in(golden_path(c.file));
  if (!in.good()) return json();
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

bool close(double got, double want, double tol) { return std::fabs(got - want) <= tol * std::max(1.0, std::fabs(want)); }

}  // namespace

TEST(Golden, WriteInputs) {
  if (std::getenv("MLP_WRITE_GOLDEN") == nullptr) GTEST_SKIP() << "set MLP_WRITE_GOLDEN=1 to rewrite the inputs";
  for (const Case& c : kCases) {
    std::vector<float> x, y;
    make_data(c, x, y);
    const Network net(config_from_json(c.config));
    json j = {{"about", "Written by the core (MLP_WRITE_GOLDEN=1 test_golden): config, x, y (network inputs and "
                        "targets, samples x inputs/outputs), batches (sample indices of each step), "
                        "initialParameters (the core's for the seed; flat: weights then bias of each layer). "
                        "Written by PyTorch (tests/golden/regenerate.py): losses (before each step) and "
                        "parameters (after the last)."},
              {"config", json::parse(c.config)}, {"samples", c.samples}, {"x", x}, {"y", y},
              {"batches", make_batches(c)}, {"initialParameters", net.parameters()}};
    std::ofstream(golden_path(c.file)) << j.dump(1) << "\n";
  }
}

TEST(Golden, TrajectoriesFollowPyTorch) {
  for (const Case& c : kCases) {
    const json g = read_golden(c);
    ASSERT_FALSE(g.is_null()) << "missing " << golden_path(c.file);
    ASSERT_TRUE(g.contains("losses")) << c.file << ": run python3 tests/golden/regenerate.py --write";
    Network net(config_from_json(g["config"].dump()));
    // The initial parameters are the core's for the seed; the run starts from the recorded ones.
    const auto initial = g["initialParameters"].get<std::vector<float>>();
    ASSERT_EQ(initial.size(), net.parameters().size());
    for (std::size_t i = 0; i < initial.size(); ++i)
      EXPECT_TRUE(close(net.parameters()[i], initial[i], 1e-6)) << c.file << " initial parameter " << i;
    net.set_parameters(initial);
    const auto x = g["x"].get<std::vector<float>>(), y = g["y"].get<std::vector<float>>();
    const auto want_losses = g["losses"].get<std::vector<double>>();
    const auto want_params = g["parameters"].get<std::vector<double>>();
    const auto batches = g["batches"].get<std::vector<std::vector<int>>>();
    ASSERT_EQ(want_losses.size(), batches.size());
    std::vector<float> bx, by;
    for (std::size_t s = 0; s < batches.size(); ++s) {
      bx.clear();
      by.clear();
      for (int i : batches[s]) {
        bx.insert(bx.end(), x.begin() + i * c.inputs, x.begin() + (i + 1) * c.inputs);
        by.insert(by.end(), y.begin() + i * c.outputs, y.begin() + (i + 1) * c.outputs);
      }
      const double loss = net.train_batch(bx.data(), by.data(), static_cast<int>(batches[s].size())).loss;
      EXPECT_TRUE(close(loss, want_losses[s], 1e-5)) << c.file << " step " << s << ": " << loss << " vs " << want_losses[s];
    }
    const std::vector<float>& params = net.parameters();
    ASSERT_EQ(want_params.size(), params.size());
    for (std::size_t i = 0; i < params.size(); ++i)
      EXPECT_TRUE(close(params[i], want_params[i], 1e-5)) << c.file << " parameter " << i << ": " << params[i] << " vs " << want_params[i];
  }
}
