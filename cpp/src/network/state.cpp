// A network's training state as bytes: what continuing exactly from a point of a run needs
// (parameters, optimizer slots and step, step and epoch counts, the generator, early
// stopping's best), for a training history that keeps many of them (the worker's). Not a
// file format: the network file (serialize.cpp) is that; these bytes are only read back by
// a network of the same build and shape.
#include <cstdint>
#include <cstring>

#include "mlp/error.h"
#include "network/checks.h"
#include "network/impl.h"

namespace mlp {

namespace {

constexpr char kMagic[8] = {'M', 'L', 'P', 'S', 'T', 'A', 'T', '1'};

struct Header {
  char magic[8];
  uint64_t params, slot1, slot2;
  uint64_t optimizer;  // OptimizerType the slots belong to
  int64_t steps, opt_steps, epochs, best_epoch;
  uint64_t rng;
  float best_test;
  uint32_t handover;  // 1: the handover block follows the floats (0 in older states)
};

std::size_t floats_of(const Header& h) { return h.params + h.slot1 + h.slot2; }

// The handover block: whether the rollback point is set, the last clip factor, the gradient
// flow (grad_norm, update_ratio: a float per layer each), then the rollback point
// (params floats) when set.
struct Handover {
  uint32_t has_good;
  float clip_scale;
};

std::size_t handover_size(std::size_t layers, std::size_t params, bool has_good) {
  return sizeof(Handover) + (2 * layers + (has_good ? params : 0)) * sizeof(float);
}

}  // namespace

std::size_t Network::state_size(bool handover) const {
  const Impl& I = *impl_;
  return sizeof(Header) + (I.params.size() + I.slot1.size() + I.slot2.size()) * sizeof(float) +
         (handover ? handover_size(I.layers().size(), I.params.size(), I.has_good) : 0);
}

void Network::save_state(unsigned char* out, bool handover) const {
  const Impl& I = *impl_;
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.params = I.params.size();
  h.slot1 = I.slot1.size();
  h.slot2 = I.slot2.size();
  h.optimizer = static_cast<uint64_t>(I.config.optimizer.type);
  h.steps = I.steps;
  h.opt_steps = I.opt_steps;
  h.epochs = I.epochs;
  h.best_epoch = I.best_epoch;
  h.rng = I.rng.state();
  h.best_test = I.best_test;
  h.handover = handover ? 1 : 0;
  std::memcpy(out, &h, sizeof h);
  unsigned char* p = out + sizeof h;
  auto put = [&p](const std::vector<float>& v) {
    if (!v.empty()) std::memcpy(p, v.data(), v.size() * sizeof(float));
    p += v.size() * sizeof(float);
  };
  for (const std::vector<float>* v : {&I.params, &I.slot1, &I.slot2}) put(*v);
  if (!handover) return;
  const Handover x{I.has_good ? 1u : 0u, I.clip_scale};
  std::memcpy(p, &x, sizeof x);
  p += sizeof x;
  put(I.flow.grad_norm);
  put(I.flow.update_ratio);
  if (I.has_good) put(I.good);
}

std::vector<unsigned char> Network::save_state(bool handover) const {
  std::vector<unsigned char> out(state_size(handover));
  save_state(out.data(), handover);
  return out;
}

void Network::restore_state(const unsigned char* bytes, std::size_t n) {
  Impl& I = *impl_;
  Header h;
  if (!bytes || n < sizeof h) throw Error("state", "is not a training state (too short)");
  std::memcpy(&h, bytes, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0)
    throw Error("state", "is not a training state saved by this version of mlp-playground");
  if (h.params != I.params.size())
    throw Error("state", "was saved by a network of " + std::to_string(h.params) +
                             " parameters; this one has " + std::to_string(I.params.size()));
  const std::size_t base = sizeof h + floats_of(h) * sizeof(float);
  Handover x{0, 1.0f};
  if (h.handover == 1 && n >= base + sizeof x) std::memcpy(&x, bytes + base, sizeof x);
  const std::size_t L = I.layers().size();
  const std::size_t want = h.handover == 1 ? base + handover_size(L, h.params, x.has_good == 1) : base;
  if (h.handover > 1 || x.has_good > 1 || n != want || h.optimizer > 2 || h.steps < 0 ||
      h.opt_steps < 0 || h.epochs < 0 || h.best_epoch < -1)
    throw Error("state", "is damaged (its sizes or counters do not add up)");
  const unsigned char* f = bytes + sizeof h;
  const std::size_t P = h.params;
  std::vector<float> params(P);
  std::memcpy(params.data(), f, P * sizeof(float));
  check_finite_array(params.data(), P, "state");
  // The handover block, checked before anything changes.
  std::vector<float> grad_norm, update_ratio, good;
  if (h.handover == 1) {
    const unsigned char* e = bytes + base + sizeof x;
    auto take = [&e](std::vector<float>& v, std::size_t count) {
      v.resize(count);
      if (count) std::memcpy(v.data(), e, count * sizeof(float));
      e += count * sizeof(float);
    };
    take(grad_norm, L);
    take(update_ratio, L);
    take(good, x.has_good ? P : 0);
    if (!good.empty()) check_finite_array(good.data(), P, "state");
  }
  // Slots saved under another optimizer (changed since) do not fit: the optimizer starts
  // afresh, as set_optimizer does when the type changes.
  const bool same = h.optimizer == static_cast<uint64_t>(I.config.optimizer.type) &&
                    h.slot1 == I.slot1.size() && h.slot2 == I.slot2.size();
  I.params.swap(params);
  f += P * sizeof(float);
  if (same) {
    if (h.slot1) std::memcpy(I.slot1.data(), f, h.slot1 * sizeof(float));
    if (h.slot2) std::memcpy(I.slot2.data(), f + h.slot1 * sizeof(float), h.slot2 * sizeof(float));
    I.opt_steps = h.opt_steps;
  } else {
    I.reset_optimizer_state();
  }
  I.steps = h.steps;
  I.epochs = h.epochs;
  I.best_epoch = h.best_epoch;
  I.best_test = h.best_test;
  I.rng.set_state(h.rng);
  I.diverged = false;
  I.forget_good_states();
  if (h.handover == 1) {
    I.flow.grad_norm.swap(grad_norm);
    I.flow.update_ratio.swap(update_ratio);
    I.clip_scale = x.clip_scale;
    if (x.has_good) {
      I.good.swap(good);
      I.has_good = true;
    }
  }
  I.refresh_lr();
}

}  // namespace mlp
