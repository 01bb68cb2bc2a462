// Parameter access in PyTorch layout (dense weight [units, inputs], conv2d weight [out, in,
// k, k], row-major; bias [units] / [out]): per layer, per element and the whole flat
// buffer. Element access reads a weight as a matrix [units, fan-in] (a conv weight's input
// index is (c * k + i) * k + j). Every write is checked
// (shape, finiteness) before anything changes, and forgets the state divergence would
// restore (the user's parameters are the new reference).
#include <algorithm>
#include <cmath>

#include "mlp/error.h"
#include "network/checks.h"
#include "network/impl.h"

namespace mlp {

void Network::Impl::check_layer(int layer, const char* what) const {
  if (layer < 0 || layer >= static_cast<int>(layers().size()))
    throw Error(what, "layer index must be in [0, " + std::to_string(layers().size() - 1) +
                          "], got " + std::to_string(layer));
}

namespace {
// A layer that has parameters, as a [units, fan_in] matrix for the element checks.
const LayerInfo& with_params(const std::vector<LayerInfo>& layers, int layer, const char* what) {
  const LayerInfo& l = layers[static_cast<std::size_t>(layer)];
  if (!l.has_params())
    throw Error(what, "layer " + std::to_string(layer) + " is a " + layer_type_name(l.type) +
                          " layer: it has no parameters");
  return l;
}
LayerInfo as_matrix(const LayerInfo& l) {
  LayerInfo m = l;
  m.out = static_cast<int>(l.nb);
  m.in = static_cast<int>(l.nw / l.nb);
  return m;
}
}  // namespace

std::vector<float> Network::weights(int layer) const {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = with_params(impl_->layers(), layer, "layer");
  const float* w = impl_->params.data() + l.w;
  return std::vector<float>(w, w + l.nw);
}

std::vector<float> Network::biases(int layer) const {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = with_params(impl_->layers(), layer, "layer");
  const float* b = impl_->params.data() + l.b;
  return std::vector<float>(b, b + l.nb);
}

void Network::set_weights(int layer, const std::vector<float>& w) {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = with_params(impl_->layers(), layer, "layer");
  const std::string field = "weights[" + std::to_string(layer) + "]";
  const std::size_t want = l.nw;
  if (w.size() != want) {
    std::string shape;
    for (int d : impl_->geometry[layer].weight_shape) shape += (shape.empty() ? "" : ", ") + std::to_string(d);
    throw Error(field, "needs " + std::to_string(want) + " values ([" + shape +
                           "] row-major), got " + std::to_string(w.size()));
  }
  check_finite_array(w.data(), w.size(), field);
  std::copy(w.begin(), w.end(), impl_->params.begin() + static_cast<long>(l.w));
  impl_->diverged = false;
  impl_->forget_good_states();
}

void Network::set_biases(int layer, const std::vector<float>& b) {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = with_params(impl_->layers(), layer, "layer");
  const std::string field = "biases[" + std::to_string(layer) + "]";
  if (b.size() != l.nb)
    throw Error(field, "needs " + std::to_string(l.nb) + " values, got " + std::to_string(b.size()));
  check_finite_array(b.data(), b.size(), field);
  std::copy(b.begin(), b.end(), impl_->params.begin() + static_cast<long>(l.b));
  impl_->diverged = false;
  impl_->forget_good_states();
}

float Network::weight(int layer, int unit, int input) const {
  impl_->check_layer(layer, "layer");
  const LayerInfo l = as_matrix(with_params(impl_->layers(), layer, "layer"));
  check_unit(l, layer, unit, input);
  return impl_->params[l.w + static_cast<std::size_t>(unit) * l.in + input];
}

void Network::set_weight(int layer, int unit, int input, float value) {
  impl_->check_layer(layer, "layer");
  const LayerInfo l = as_matrix(with_params(impl_->layers(), layer, "layer"));
  check_unit(l, layer, unit, input);
  if (!std::isfinite(value)) throw Error("value", "must be a finite number, got " + describe(value));
  impl_->params[l.w + static_cast<std::size_t>(unit) * l.in + input] = value;
  impl_->diverged = false;
  impl_->forget_good_states();
}

float Network::bias(int layer, int unit) const {
  impl_->check_layer(layer, "layer");
  const LayerInfo l = as_matrix(with_params(impl_->layers(), layer, "layer"));
  check_unit(l, layer, unit, 0);
  return impl_->params[l.b + static_cast<std::size_t>(unit)];
}

void Network::set_bias(int layer, int unit, float value) {
  impl_->check_layer(layer, "layer");
  const LayerInfo l = as_matrix(with_params(impl_->layers(), layer, "layer"));
  check_unit(l, layer, unit, 0);
  if (!std::isfinite(value)) throw Error("value", "must be a finite number, got " + describe(value));
  impl_->params[l.b + static_cast<std::size_t>(unit)] = value;
  impl_->diverged = false;
  impl_->forget_good_states();
}

const std::vector<float>& Network::parameters() const { return impl_->params; }
const std::vector<float>& Network::gradients() const { return impl_->grads; }

void Network::set_parameters(const std::vector<float>& flat) {
  if (flat.size() != impl_->params.size())
    throw Error("parameters", "needs " + std::to_string(impl_->params.size()) + " values, got " +
                                  std::to_string(flat.size()));
  check_finite_array(flat.data(), flat.size(), "parameters");
  std::copy(flat.begin(), flat.end(), impl_->params.begin());
  impl_->diverged = false;
  impl_->forget_good_states();
}

}  // namespace mlp
