// Targets: how a dataset's labels or values become what a network's outputs train
// towards (+-1 or 0/1 for one output, one-hot for several, the value for regression).
#include <algorithm>
#include <cmath>
#include <string>

#include "mlp/dataset.h"
#include "mlp/error.h"

namespace mlp {

float negative_label(Activation output) { return output == Activation::Sigmoid ? 0.0f : -1.0f; }

void encode_targets(const Dataset& d, int outputs, Activation output, float* out) {
  const std::size_t n = d.y.size();
  if (d.problem == Problem::Regression) {
    if (outputs != 1)
      throw Error("outputs", "a regression dataset needs 1 output, got " + describe(outputs));
    if (output == Activation::Softmax)
      throw Error("outputs", "a 1-unit softmax always outputs 1; regression needs a "
                             "non-softmax output");
    std::copy(d.y.begin(), d.y.end(), out);
    return;
  }

  const int k = d.classes;
  if (k < 2) throw Error("classes", "must be >= 2 for classification, got " + describe(k));
  const bool binary = k == 2 && outputs == 1;
  if (binary && output == Activation::Softmax)
    throw Error("outputs", "a 1-unit softmax always outputs 1; a 2-class dataset needs 2 "
                           "softmax outputs (one-hot) or 1 sigmoid/tanh output");
  if (!binary && outputs != k) {
    const std::string ks = describe(k);
    throw Error("outputs",
                "a " + ks + "-class dataset needs " +
                    (k == 2 ? std::string("1 output (class 1 -> 1, class 0 -> -1, or 0 for "
                                          "sigmoid) or 2 outputs (one-hot, softmax)")
                            : ks + " outputs (one-hot, softmax)") +
                    ", got " + describe(outputs));
  }
  // Check every label before writing, so a bad one leaves `out` untouched.
  for (std::size_t i = 0; i < n; ++i) {
    const float v = d.y[i];
    if (!(v >= 0.0f && v < static_cast<float>(k)) || v != std::floor(v))
      throw Error("y", "labels must be integers in [0, " + describe(k) + "), got " +
                           describe(v) + " at index " + describe(i));
  }
  if (binary) {
    const float neg = negative_label(output);
    for (std::size_t i = 0; i < n; ++i) out[i] = d.y[i] == 1.0f ? 1.0f : neg;
    return;
  }
  std::fill(out, out + n * static_cast<std::size_t>(k), 0.0f);
  for (std::size_t i = 0; i < n; ++i)
    out[i * k + static_cast<std::size_t>(d.y[i])] = 1.0f;
}

}  // namespace mlp
