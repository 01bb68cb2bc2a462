// Internal: the JSON form of a network (config + parameters + optimizer and generator
// state), kept apart from the numerics in network/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mlp/network.h"

namespace mlp {

struct NetworkState {
  NetworkConfig config;
  std::vector<float> params;        // flat, network layout
  std::vector<float> slot1, slot2;  // optimizer slots (momentum v / adam m, v)
  long long steps = 0;
  long long opt_steps = 0;
  long long epochs = 0;         // epochs trained (the schedule's position)
  float best_test_loss = 0;      // early stopping: the lowest test loss seen, at best_epoch
  long long best_epoch = -1;    // -1: none seen yet
  uint64_t rng_state = 0;
  bool has_rng_state = false;  // absent in hand-written files: keep the seed's stream
};

std::string write_network_json(const NetworkState& state);
// Validates structure, names, ranges and finiteness; throws mlp::Error naming the field.
NetworkState read_network_json(const std::string& json);

}  // namespace mlp
