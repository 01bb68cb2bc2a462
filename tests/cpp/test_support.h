// Helpers the core's C++ tests share: a random batch for every loss head (float for the
// core, double for the reference), and the field an mlp::Error names.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "mlp/error.h"
#include "mlp/network.h"

namespace test_support {

struct Batch {
  std::vector<float> x, t;
  std::vector<double> xd, td;
  int n;
};

// n samples of inputs in [-1.5, 1.5] and targets the loss accepts: probability rows for
// softmax-ce (not one-hot: they exercise the general gradient p * sum(t) - t), 0/1 for bce,
// values in [-0.9, 0.9] otherwise.
inline Batch make_batch(int n, int inputs, int outputs, mlp::Loss loss, uint64_t seed) {
  mlp::Rng rng(seed);
  Batch b;
  b.n = n;
  for (int i = 0; i < n * inputs; ++i) b.x.push_back(rng.uniform(-1.5f, 1.5f));
  for (int s = 0; s < n; ++s) {
    if (loss == mlp::Loss::SoftmaxCe) {
      float sum = 0;
      std::vector<float> t(outputs);
      for (float& v : t) sum += (v = rng.uniform(0.05f, 1.0f));
      for (float v : t) b.t.push_back(v / sum);
    } else if (loss == mlp::Loss::Bce) {
      for (int j = 0; j < outputs; ++j) b.t.push_back(rng.uniform() < 0.5f ? 0.0f : 1.0f);
    } else {
      for (int j = 0; j < outputs; ++j) b.t.push_back(rng.uniform(-0.9f, 0.9f));
    }
  }
  b.xd.assign(b.x.begin(), b.x.end());
  b.td.assign(b.t.begin(), b.t.end());
  return b;
}

// The field of the mlp::Error fn throws, "(none)" if it throws none.
inline std::string error_field(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const mlp::Error& e) {
    return e.field();
  }
  return "(none)";
}

}  // namespace test_support
