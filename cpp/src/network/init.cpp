// A network's layout in its flat buffers and its initial state: the four initialisation
// schemes (Init), fresh optimizer slots, and forgetting the good state divergence would
// restore.
#include <algorithm>
#include <cmath>

#include "network/impl.h"

namespace mlp {

Network::Impl::Impl(const NetworkConfig& c) : config(c) {
  int in = c.inputs;
  std::size_t off = 0;
  for (const LayerSpec& s : c.layers) {
    LayerInfo l;
    l.in = in;
    l.out = s.units;
    l.act = s.activation;
    l.w = off;
    off += static_cast<std::size_t>(l.in) * l.out;
    l.b = off;
    off += static_cast<std::size_t>(l.out);
    layers.push_back(l);
    in = s.units;
  }
  params.assign(off, 0.0f);
  grads.assign(off, 0.0f);
  int widest = c.inputs;
  for (const LayerInfo& l : layers) widest = std::max(widest, l.out);
  chunk = inference_chunk(widest);
  initialize(c.seed);
}

void Network::Impl::restore_good_state() {
  if (has_good) params.assign(good.begin(), good.end());
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
  for (const LayerInfo& l : layers) {
    float* w = params.data() + l.w;
    float* b = params.data() + l.b;
    const std::size_t nw = static_cast<std::size_t>(l.in) * l.out;
    switch (config.init) {
      case Init::Classic:
        for (std::size_t i = 0; i < nw; ++i) w[i] = rng.uniform() - 0.5f;
        std::fill(b, b + l.out, 0.1f);
        break;
      case Init::Xavier: {
        const float a = static_cast<float>(std::sqrt(6.0 / (l.in + l.out)));
        for (std::size_t i = 0; i < nw; ++i) w[i] = rng.uniform(-a, a);
        std::fill(b, b + l.out, 0.0f);
        break;
      }
      case Init::He: {
        const float sd = static_cast<float>(std::sqrt(2.0 / l.in));
        for (std::size_t i = 0; i < nw; ++i) w[i] = rng.normal(0.0f, sd);
        std::fill(b, b + l.out, 0.0f);
        break;
      }
      case Init::Zero:
        std::fill(w, w + nw, 0.0f);
        std::fill(b, b + l.out, 0.0f);
        break;
    }
  }
  std::fill(grads.begin(), grads.end(), 0.0f);
  forget_good_states();
  steps = 0;
  diverged = false;
  reset_optimizer_state();
}

void Network::reset(uint64_t seed) { impl_->initialize(seed); }

}  // namespace mlp
