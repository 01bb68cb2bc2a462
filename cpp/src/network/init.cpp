// A network's layout in its flat buffers and its initial state: the four initialisation
// schemes (Init), fresh optimizer slots, counters, and forgetting the good state divergence
// would restore.
#include <algorithm>
#include <cmath>

#include "network/impl.h"

namespace mlp {

namespace {

LayerGeometry geometry_of(const LayerInfo& l) {
  LayerGeometry g;
  g.type = l.type;
  if (l.reads_image)
    g.input_shape = {l.in_image.c, l.in_image.h, l.in_image.w};
  else
    g.input_shape = {l.in};
  if (l.type == LayerType::Dense)
    g.output_shape = {l.out};
  else
    g.output_shape = {l.out_image.c, l.out_image.h, l.out_image.w};
  g.inputs = l.in;
  g.outputs = l.out;
  g.parameter_index = l.parameter_index;
  if (l.type == LayerType::Dense) g.weight_shape = {l.out, l.in};
  if (l.type == LayerType::Conv2d) g.weight_shape = {l.conv.O, l.conv.C, l.conv.K, l.conv.K};
  return g;
}

}  // namespace

Network::Impl::Impl(const NetworkConfig& c) : config(c), layout(plan_layout(c)) {
  for (std::size_t i = 0; i < layout.layers.size(); ++i)
    geometry.push_back(geometry_of(layout.layers[i]));
  params.assign(layout.params, 0.0f);
  grads.assign(layout.params, 0.0f);
  good.assign(layout.params, 0.0f);
  chunk = layout.chunk;
  flow.grad_norm.assign(layout.layers.size(), 0.0f);
  flow.update_ratio.assign(layout.layers.size(), 0.0f);
  flow.grad_sum.assign(layout.layers.size(), 0.0);
  initialize(c.seed);
}

void Network::Impl::restore_good_state() {
  if (has_good) std::copy(good.begin(), good.end(), params.begin());
  forget_good_states();
}

void Network::Impl::reset_optimizer_state() {
  opt_steps = 0;
  slot1.assign(config.optimizer.type == OptimizerType::Sgd ? 0 : params.size(), 0.0f);
  slot2.assign(config.optimizer.type == OptimizerType::Adam ? params.size() : 0, 0.0f);
}

void Network::Impl::initialize(uint64_t seed) {
  config.seed = seed;
  rng.reseed(seed);
  // Layer by layer, weights then biases, in one stream of the generator: a dense network
  // gets the weights it always had. Fans are PyTorch's (a conv counts its kernel taps).
  for (const LayerInfo& l : layers()) {
    if (!l.has_params()) continue;
    float* w = params.data() + l.w;
    float* b = params.data() + l.b;
    const std::size_t nw = l.nw;
    const int nb = static_cast<int>(l.nb);
    switch (config.init) {
      case Init::Classic:
        for (std::size_t i = 0; i < nw; ++i) w[i] = rng.uniform() - 0.5f;
        std::fill(b, b + nb, 0.1f);
        break;
      case Init::Xavier: {
        const float a = static_cast<float>(std::sqrt(6.0 / (l.fan_in + l.fan_out)));
        for (std::size_t i = 0; i < nw; ++i) w[i] = rng.uniform(-a, a);
        std::fill(b, b + nb, 0.0f);
        break;
      }
      case Init::He: {
        const float sd = static_cast<float>(std::sqrt(2.0 / l.fan_in));
        for (std::size_t i = 0; i < nw; ++i) w[i] = rng.normal(0.0f, sd);
        std::fill(b, b + nb, 0.0f);
        break;
      }
      case Init::Zero:
        std::fill(w, w + nw, 0.0f);
        std::fill(b, b + nb, 0.0f);
        break;
    }
  }
  std::fill(grads.begin(), grads.end(), 0.0f);
  forget_good_states();
  steps = 0;
  epochs = 0;
  best_epoch = -1;
  diverged = false;
  std::fill(flow.grad_norm.begin(), flow.grad_norm.end(), 0.0f);
  std::fill(flow.update_ratio.begin(), flow.update_ratio.end(), 0.0f);
  reset_optimizer_state();
  refresh_lr();
}

void Network::reset(uint64_t seed) { impl_->initialize(seed); }

}  // namespace mlp
