// The network config's rules: validate() checks every field of a NetworkConfig, whichever
// way it arrived (C++, a network file, a JavaScript object), and names the first bad one:
// each field's range, then what the layer list as a whole must satisfy (plan_layout:
// images for conv2d / maxpool, windows that fit, residual widths), the loss's pairing with
// the output layer, and last the memory budget.
#include <algorithm>
#include <cmath>
#include <string>

#include "mlp/error.h"
#include "mlp/network.h"
#include "network/layout.h"

namespace mlp {

namespace {
std::string layer_field(std::size_t i, const char* what) {
  return "layers[" + std::to_string(i) + "]." + what;
}
}  // namespace

void validate(const NetworkConfig& c) {
  if (c.inputs < 1 || c.inputs > kMaxInputs)
    throw Error("inputs", "must be an integer in [1, " + std::to_string(kMaxInputs) + "], got " +
                              std::to_string(c.inputs));
  if (c.layers.empty())
    throw Error("layers", "must list at least one layer (the output layer)");
  if (c.layers.size() > static_cast<std::size_t>(kMaxLayers))
    throw Error("layers", "at most " + std::to_string(kMaxLayers) + " layers, got " +
                              std::to_string(c.layers.size()));
  for (std::size_t i = 0; i < c.layers.size(); ++i) {
    const LayerSpec& l = c.layers[i];
    const bool last = i + 1 == c.layers.size();
    const int t = static_cast<int>(l.type);
    if (t < 0 || t >= static_cast<int>(layer_type_names().size()))
      throw Error(layer_field(i, "type"), "unknown layer type; allowed: " + join_quoted(layer_type_names()));
    if (l.type == LayerType::Dense && (l.units < 1 || l.units > kMaxUnits))
      throw Error(layer_field(i, "units"), "must be an integer in [1, " +
                                               std::to_string(kMaxUnits) + "], got " +
                                               std::to_string(l.units));
    if (l.type == LayerType::Conv2d) {
      if (l.channels < 1 || l.channels > kMaxChannels)
        throw Error(layer_field(i, "channels"), "must be an integer in [1, " +
                                                    std::to_string(kMaxChannels) + "], got " +
                                                    std::to_string(l.channels));
      if (l.kernel != 3 && l.kernel != 5)
        throw Error(layer_field(i, "kernel"), "must be 3 or 5 (a 3 x 3 or 5 x 5 kernel), got " +
                                                  std::to_string(l.kernel));
      if (l.stride != 1 && l.stride != 2)
        throw Error(layer_field(i, "stride"), "must be 1 or 2, got " + std::to_string(l.stride));
      const int p = static_cast<int>(l.padding);
      if (p < 0 || p >= static_cast<int>(padding_names().size()))
        throw Error(layer_field(i, "padding"), "allowed: " + join_quoted(padding_names()));
    }
    if (l.type == LayerType::MaxPool && l.size != 2)
      throw Error(layer_field(i, "size"), "must be 2 (2 x 2 windows, stride 2), got " +
                                              std::to_string(l.size));
    if (l.type == LayerType::MaxPool) continue;
    const int a = static_cast<int>(l.activation);
    if (a < 0 || a >= static_cast<int>(activation_names().size()))
      throw Error(layer_field(i, "activation"), "unknown activation");
    if (l.activation == Activation::Softmax && !last)
      throw Error(layer_field(i, "activation"),
                  "\"softmax\" is allowed on the last (output) layer only");
    if (l.activation == Activation::Softmax && l.units < 2)
      throw Error(layer_field(i, "units"), "a softmax output needs at least 2 units, got " +
                                               std::to_string(l.units));
  }
  const Layout layout = plan_layout(c);
  const Activation out = c.layers.back().activation;
  auto last = [&] { return layer_field(c.layers.size() - 1, "activation"); };
  if (c.loss == Loss::Bce && out != Activation::Sigmoid)
    throw Error("loss", "\"bce\" needs a \"sigmoid\" output layer, but " + last() + " is \"" +
                            activation_name(out) + "\"; use \"mse\" or make the output sigmoid");
  if (c.loss == Loss::SoftmaxCe && out != Activation::Softmax)
    throw Error("loss", "\"softmax-ce\" needs a \"softmax\" output layer, but " + last() +
                            " is \"" + activation_name(out) +
                            "\"; use \"mse\" or make the output softmax");
  if (static_cast<int>(c.loss) < 0 || static_cast<int>(c.loss) > 2)
    throw Error("loss", "unknown loss");
  if (static_cast<int>(c.init) < 0 || static_cast<int>(c.init) > 3)
    throw Error("init", "unknown init");
  validate(c.optimizer);
  validate(c.regularization);
  validate(c.schedule);
  validate(c.stopping);
  if (!std::isfinite(c.clip_norm) || c.clip_norm < 0.0f)
    throw Error("clipNorm", "must be a finite number >= 0 (0 = off), got " + describe(c.clip_norm));
  if (!c.features.empty()) {
    validate_features(c.features, 2);  // names and duplicates; 2 = any feature allowed
    if (static_cast<int>(c.features.size()) != c.inputs)
      throw Error("features", "lists " + std::to_string(c.features.size()) +
                                  " features but the network has " + std::to_string(c.inputs) +
                                  " inputs (one feature per input)");
  }
  const uint64_t need = layout_bytes(layout, c.optimizer.type, layout.chunk);
  if (need > kMemoryBudget) {
    const uint64_t copies = state_floats(layout, c.optimizer.type) / std::max<std::size_t>(1, layout.params);
    throw Error("layers", std::to_string(layout.params) + " parameters, held " +
                              std::to_string(copies) + " times (values, gradients, the rollback copy" +
                              (copies > 3 ? std::string(", ") + optimizer_name(c.optimizer.type) + "'s state" : "") +
                              "), and a workspace need " + describe_bytes(need) +
                              ", over the memory budget of " + describe_bytes(kMemoryBudget) +
                              "; use fewer or narrower layers" +
                              (copies > 3 ? " or \"sgd\"" : ""));
  }
}

}  // namespace mlp
