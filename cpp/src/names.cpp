// The public vocabulary (activation, loss, optimizer, regularisation, init, layer type and
// padding names) and the
// range checks of optimizer hyper-parameters. Parsing is strict and case-sensitive; an
// unknown name throws mlp::Error listing the allowed names.
#include <cmath>
#include <string>
#include <vector>

#include "mlp/activation.h"
#include "mlp/error.h"
#include "mlp/loss.h"
#include "mlp/network.h"
#include "mlp/optimizer.h"

namespace mlp {
namespace {

template <class E>
E parse_name(const std::string& name, const std::vector<std::string>& names,
             const std::string& field, const char* what) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<E>(i);
  throw Error(field, std::string("unknown ") + what + " " + describe(name) + "; allowed: " +
                         join_quoted(names));
}

void check_finite_range(const std::string& field, float v, float lo, float hi,
                        const char* allowed) {
  if (!std::isfinite(v) || v < lo || v > hi)
    throw Error(field, std::string("must be ") + allowed + ", got " + describe(v));
}

}  // namespace

// Order must match the enums.
const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names = {"linear", "relu",     "leaky-relu", "elu",
                                                 "tanh",   "sigmoid",  "softplus",   "swish",
                                                 "gelu",   "sin",      "softmax"};
  return names;
}
const char* activation_name(Activation a) {
  return activation_names()[static_cast<int>(a)].c_str();
}
Activation parse_activation(const std::string& name, const std::string& field) {
  return parse_name<Activation>(name, activation_names(), field, "activation");
}

const std::vector<std::string>& loss_names() {
  static const std::vector<std::string> names = {"mse", "bce", "softmax-ce"};
  return names;
}
const char* loss_name(Loss l) { return loss_names()[static_cast<int>(l)].c_str(); }
Loss parse_loss(const std::string& name, const std::string& field) {
  return parse_name<Loss>(name, loss_names(), field, "loss");
}

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = {"sgd", "momentum", "adam"};
  return names;
}
const char* optimizer_name(OptimizerType t) {
  return optimizer_names()[static_cast<int>(t)].c_str();
}
OptimizerType parse_optimizer(const std::string& name, const std::string& field) {
  return parse_name<OptimizerType>(name, optimizer_names(), field, "optimizer");
}

const std::vector<std::string>& regularization_names() {
  static const std::vector<std::string> names = {"none", "l1", "l2"};
  return names;
}
const char* regularization_name(Regularization r) {
  return regularization_names()[static_cast<int>(r)].c_str();
}
Regularization parse_regularization(const std::string& name, const std::string& field) {
  return parse_name<Regularization>(name, regularization_names(), field, "regularization");
}

const std::vector<std::string>& init_names() {
  static const std::vector<std::string> names = {"classic", "xavier", "he", "zero"};
  return names;
}
const char* init_name(Init i) { return init_names()[static_cast<int>(i)].c_str(); }
Init parse_init(const std::string& name, const std::string& field) {
  return parse_name<Init>(name, init_names(), field, "init");
}

const std::vector<std::string>& layer_type_names() {
  static const std::vector<std::string> names = {"dense", "conv2d", "maxpool"};
  return names;
}
const char* layer_type_name(LayerType t) { return layer_type_names()[static_cast<int>(t)].c_str(); }

const std::vector<std::string>& padding_names() {
  static const std::vector<std::string> names = {"same", "valid"};
  return names;
}
const char* padding_name(Padding p) { return padding_names()[static_cast<int>(p)].c_str(); }

void validate(const OptimizerSpec& s) {
  if (static_cast<int>(s.type) < 0 || static_cast<int>(s.type) > 2)
    throw Error("optimizer.type", "allowed: " + join_quoted(optimizer_names()));
  check_finite_range("optimizer.learningRate", s.learning_rate, 0.0f, 1e6f,
                     "a finite number >= 0 and <= 1e6");
  check_finite_range("optimizer.momentum", s.momentum, 0.0f, 1.0f,
                     "a finite number in [0, 1]");
  if (!std::isfinite(s.beta1) || s.beta1 < 0.0f || s.beta1 >= 1.0f)
    throw Error("optimizer.beta1", "must be a finite number in [0, 1), got " + describe(s.beta1));
  if (!std::isfinite(s.beta2) || s.beta2 < 0.0f || s.beta2 >= 1.0f)
    throw Error("optimizer.beta2", "must be a finite number in [0, 1), got " + describe(s.beta2));
  if (!std::isfinite(s.eps) || s.eps <= 0.0f || s.eps > 1.0f)
    throw Error("optimizer.eps", "must be a finite number in (0, 1], got " + describe(s.eps));
}

void validate(const RegularizationSpec& s) {
  if (static_cast<int>(s.type) < 0 || static_cast<int>(s.type) > 2)
    throw Error("regularization.type", "allowed: " + join_quoted(regularization_names()));
  check_finite_range("regularization.rate", s.rate, 0.0f, 1e6f, "a finite number >= 0");
}

}  // namespace mlp
