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
  uint32_t reserved;
};

std::size_t floats_of(const Header& h) { return h.params + h.slot1 + h.slot2; }

}  // namespace

std::size_t Network::state_size() const {
  const Impl& I = *impl_;
  return sizeof(Header) + (I.params.size() + I.slot1.size() + I.slot2.size()) * sizeof(float);
}

void Network::save_state(unsigned char* out) const {
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
  std::memcpy(out, &h, sizeof h);
  unsigned char* p = out + sizeof h;
  for (const std::vector<float>* v : {&I.params, &I.slot1, &I.slot2}) {
    if (!v->empty()) std::memcpy(p, v->data(), v->size() * sizeof(float));
    p += v->size() * sizeof(float);
  }
}

std::vector<unsigned char> Network::save_state() const {
  std::vector<unsigned char> out(state_size());
  save_state(out.data());
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
  if (n != sizeof h + floats_of(h) * sizeof(float) || h.optimizer > 2 || h.steps < 0 ||
      h.opt_steps < 0 || h.epochs < 0 || h.best_epoch < -1)
    throw Error("state", "is damaged (its sizes or counters do not add up)");
  const unsigned char* f = bytes + sizeof h;
  const std::size_t P = h.params;
  std::vector<float> params(P);
  std::memcpy(params.data(), f, P * sizeof(float));
  check_finite_array(params.data(), P, "state");
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
  I.refresh_lr();
}

}  // namespace mlp
