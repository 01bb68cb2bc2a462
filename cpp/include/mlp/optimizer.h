// Optimizers and regularisation (PyTorch semantics), applied as flat loops over the
// network's one parameter buffer and one gradient buffer.
//   sgd       w -= lr * g
//   momentum  v = mu * v + g;  w -= lr * v                     (torch.optim.SGD, momentum=mu)
//   adam      bias-corrected, eps added after the square root  (torch.optim.Adam)
// Regularisation adds to the gradient of weights only (never biases), after clipping:
//   l1  rate * sign(w)        l2  rate * w   (torch weight_decay)
#pragma once

#include <string>
#include <vector>

namespace mlp {

enum class OptimizerType { Sgd, Momentum, Adam };
enum class Regularization { None, L1, L2 };

struct OptimizerSpec {
  OptimizerType type = OptimizerType::Sgd;
  float learning_rate = 0.03f;
  float momentum = 0.9f;  // momentum only
  float beta1 = 0.9f;     // adam only
  float beta2 = 0.999f;   // adam only
  float eps = 1e-8f;      // adam only
};

struct RegularizationSpec {
  Regularization type = Regularization::None;
  float rate = 0.0f;
};

const char* optimizer_name(OptimizerType t);
OptimizerType parse_optimizer(const std::string& name, const std::string& field = "optimizer.type");
const std::vector<std::string>& optimizer_names();

const char* regularization_name(Regularization r);
Regularization parse_regularization(const std::string& name,
                                    const std::string& field = "regularization.type");
const std::vector<std::string>& regularization_names();

// Throws mlp::Error if any hyper-parameter is out of range (names the field).
void validate(const OptimizerSpec& spec);
void validate(const RegularizationSpec& spec);

}  // namespace mlp
