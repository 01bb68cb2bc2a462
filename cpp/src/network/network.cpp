// The Network object: construction (validated config, then the state in impl.h), copies,
// shape accessors, and the glue to the network's JSON form (serialize.cpp writes and reads
// the text).
#include "mlp/network.h"

#include "mlp/error.h"
#include "network/impl.h"
#include "serialize.h"

namespace mlp {

Network::Network(const NetworkConfig& config) {
  validate(config);
  impl_ = std::make_unique<Impl>(config);
}
Network::Network(const Network& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Network& Network::operator=(const Network& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;
Network::~Network() = default;

const NetworkConfig& Network::config() const { return impl_->config; }
int Network::inputs() const { return impl_->config.inputs; }
int Network::outputs() const { return impl_->outputs(); }
int Network::num_layers() const { return static_cast<int>(impl_->layers().size()); }
int Network::units(int layer) const {
  impl_->check_layer(layer, "layer");
  return impl_->layers()[layer].out;
}
const LayerGeometry& Network::layer(int layer) const {
  impl_->check_layer(layer, "layer");
  return impl_->geometry[layer];
}
bool Network::image_input() const { return !impl_->config.input_shape.empty(); }
std::size_t Network::parameter_count() const { return impl_->params.size(); }
long long Network::step_count() const { return impl_->steps; }
bool Network::diverged() const { return impl_->diverged; }

// ---- serialisation (the JSON itself is in serialize.cpp) ------------------------------------

std::string Network::to_json() const {
  const Impl& I = *impl_;
  NetworkState st;
  st.config = I.config;
  st.params = I.params;
  st.slot1 = I.slot1;
  st.slot2 = I.slot2;
  st.steps = I.steps;
  st.opt_steps = I.opt_steps;
  st.epochs = I.epochs;
  st.best_test_loss = I.best_test;
  st.best_epoch = I.best_epoch;
  st.rng_state = I.rng.state();
  st.has_rng_state = true;
  return write_network_json(st);
}

Network Network::from_json(const std::string& json) {
  NetworkState st = read_network_json(json);  // validates the config and buffer sizes
  Network net(st.config);
  Impl& I = *net.impl_;
  const std::size_t n = I.params.size();
  if (st.params.size() != n)
    throw Error("parameters", "the layers need " + std::to_string(n) + " values, got " +
                                  std::to_string(st.params.size()));
  const std::size_t n1 = I.slot1.size(), n2 = I.slot2.size();
  if (st.slot1.size() != n1 || st.slot2.size() != n2)
    throw Error("optimizerState", "slot sizes do not match the network and optimizer");
  I.params = std::move(st.params);
  I.slot1 = std::move(st.slot1);
  I.slot2 = std::move(st.slot2);
  I.steps = st.steps;
  I.opt_steps = st.opt_steps;
  I.epochs = st.epochs;
  I.best_test = st.best_test_loss;
  I.best_epoch = st.best_epoch;
  I.refresh_lr();
  if (st.has_rng_state) I.rng.set_state(st.rng_state);
  return net;
}

}  // namespace mlp
