// Internal: the state of a Network (Network::Impl) and what its parts share. One file per
// part, all in cpp/src/network/:
//   network.cpp  construction, shape accessors, JSON glue   init.cpp    initialisation schemes
//   passes.cpp   forward, loss, backward                     update.cpp  optimizer step with
//   train.cpp    train_batch, train_epoch, prepared data                 divergence rollback,
//   infer.cpp    predict, evaluate                                       hyper-parameters
//   grid.cpp     grid packing and evaluation                 params.cpp  parameter access
//   checks.h     argument checks of the public calls
// Layers contain no intrinsics: every loop over data is a kernel (kernels/kernels.h).
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/kernels.h"
#include "mlp/network.h"
#include "network/workspace.h"

#define K(name) MLP_ACTIVE(name)

namespace mlp {

struct Network::Impl {
  NetworkConfig config;
  std::vector<LayerInfo> layers;
  std::vector<float> params, grads;
  std::vector<float> slot1, slot2;  // momentum buffer / Adam m and v
  // The last parameters known good, which divergence restores: those before the most recent
  // update, or, when that update was part of an epoch, those where the epoch started (one
  // copy per epoch rather than one per step). `epoch_start` becomes `good` when the epoch's
  // first step succeeds.
  std::vector<float> good, epoch_start;
  bool has_good = false;
  long long steps = 0;              // updates applied in total
  long long opt_steps = 0;          // updates since the optimizer state was created
  Rng rng;
  bool diverged = false;
  std::vector<int> perm;
  mutable Workspace ws;
  int chunk = 256;  // inference chunk (inference_chunk)

  // ---- init.cpp: layout and initial parameters ------------------------------------------
  explicit Impl(const NetworkConfig& c);
  void initialize(uint64_t seed);
  void reset_optimizer_state();
  void forget_good_states() { has_good = false; }
  void restore_good_state();

  int outputs() const { return layers.back().out; }

  // ---- passes.cpp: forward, loss, backward over ws ---------------------------------------
  // Forward over ws (columns 0..ld-1 of ws.a0 already filled).
  void forward(int ld) const;
  // Loss over the first n columns; returns the SUM of the loss terms (caller divides). With
  // `gradient`, also writes the output layer's dZ (zero in padded columns) into ws.d0;
  // evaluation passes go without.
  double loss_and_output_gradient(int n, int ld, bool gradient) const;
  double loss_divisor(int n) const;
  // Backward from ws.d0 (output dZ) into grads.
  void backward(int ld);
  void pack_targets(const float* targets, const int* rows, int first, int n, int ld) const;

  // ---- update.cpp: one optimizer step ----------------------------------------------------
  // keep_good: remember the parameters before this update as the good state (train_batch;
  // an epoch remembers where it started instead).
  void apply_update(bool keep_good);
  // One step on the batch already packed into ws (n valid columns of ld); keep_good as in
  // apply_update.
  StepResult step_packed(int n, int ld, bool keep_good);
  // One epoch over n sample-major rows (train.cpp).
  EpochResult run_epoch(const float* x, const float* targets, int n, int batch_size);

  // ---- infer.cpp / grid.cpp: inference in chunks of `chunk` columns ----------------------
  // Runs inference on n sample-major rows; calls sink(first, count, ld) after each chunk's
  // forward pass. Defined in infer.cpp, its only user.
  template <class Sink>
  void infer_chunks(const float* x, int n, Sink&& sink) const;
  void check_grid(const GridSpec& g) const;
  // Fills ws.a0 with the features of grid points [first, first+count).
  void pack_grid_chunk(const GridSpec& g, int first, int count, int ld) const;
  // Defined in grid.cpp, its only user.
  template <class Sink>
  void grid_chunks(const GridSpec& g, Sink&& sink) const;

  void check_layer(int layer, const char* what) const;
};

}  // namespace mlp
