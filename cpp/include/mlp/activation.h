// Activation functions: the public vocabulary shared with the npm API. The maths lives in
// the kernels (cpp/src/kernels/activation.cpp); this header names them.
#pragma once

#include <string>
#include <vector>

namespace mlp {

enum class Activation {
  Linear,     // "linear"      x
  Relu,       // "relu"        max(0, x)
  LeakyRelu,  // "leaky-relu"  x > 0 ? x : 0.01 x
  Elu,        // "elu"         x > 0 ? x : exp(x) - 1        (alpha = 1)
  Tanh,       // "tanh"
  Sigmoid,    // "sigmoid"     1 / (1 + exp(-x))
  Softplus,   // "softplus"    log(1 + exp(x)), computed stably
  Swish,      // "swish"       x * sigmoid(x)
  Gelu,       // "gelu"        x * Phi(x), exact (erf)
  Sin,        // "sin"
  Softmax,    // "softmax"     across the units of the last layer only
};

constexpr float kLeakyReluSlope = 0.01f;

const char* activation_name(Activation a);
// Throws mlp::Error naming `field` and listing the allowed names.
Activation parse_activation(const std::string& name, const std::string& field = "activation");
const std::vector<std::string>& activation_names();

}  // namespace mlp
