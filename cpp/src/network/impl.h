// Internal: the state of a Network (Network::Impl) and what its parts share. One file per
// part, all in cpp/src/network/:
//   network.cpp  construction, shape accessors, JSON glue   init.cpp    initialisation schemes
//   layout.cpp   the layers planned from the config         layers.cpp  one layer's forward
//   passes.cpp   forward, loss, backward over all layers                 and backward (dense,
//   train.cpp    train_batch, train_epoch, prepared data                 conv2d, maxpool)
//   infer.cpp    predict, evaluate                           update.cpp  optimizer step with
//   grid.cpp     grid packing and evaluation                             divergence rollback,
//   params.cpp   parameter access                                        hyper-parameters
//   checks.h     argument checks of the public calls         memory.cpp  the memory budget
// Layers contain no intrinsics: every loop over data is a kernel (kernels/kernels.h).
//
// The per-layer interface (layers.cpp) is what every pass iterates, whatever the layer's
// kind: layer_forward(i) reads layer_input(i) and writes ws.z[i], ws.a[i], ws.y[i];
// layer_backward(i) takes dL/dy_i and writes dL/dz_i, the layer's parameter gradients and
// dL/dx_i (its input's). forward() and backward() are loops over them.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/kernels.h"
#include "mlp/network.h"
#include "network/layout.h"
#include "network/workspace.h"

#define K(name) MLP_ACTIVE(name)

namespace mlp {

struct Network::Impl {
  NetworkConfig config;
  Layout layout;
  std::vector<LayerGeometry> geometry;   // what Network::layer reports
  std::vector<float> params, grads;
  std::vector<float> slot1, slot2;  // momentum buffer / Adam m and v
  // The last parameters known good, which divergence restores: those before the most recent
  // update, or, when that update was part of an epoch, those where the epoch started (one
  // copy per epoch rather than one per step: the epoch's first step keeps its parameters,
  // once its gradient has been found finite). Allocated with the network, so that training
  // allocates nothing but a larger workspace.
  std::vector<float> good;
  bool has_good = false;
  long long steps = 0;              // updates applied in total
  long long opt_steps = 0;          // updates since the optimizer state was created
  Rng rng;
  bool diverged = false;
  std::vector<int> perm;
  mutable Workspace ws;
  int chunk = 256;  // inference chunk (layout.chunk)

  // ---- init.cpp: layout and initial parameters ------------------------------------------
  explicit Impl(const NetworkConfig& c);
  void initialize(uint64_t seed);
  void reset_optimizer_state();
  void forget_good_states() { has_good = false; }
  void restore_good_state();

  const std::vector<LayerInfo>& layers() const { return layout.layers; }
  int outputs() const { return layout.layers.back().out; }

  // ---- layers.cpp: one layer's passes ---------------------------------------------------
  // The block layer i reads: the input block for layer 0, else the previous layer's output.
  const float* layer_input(std::size_t i) const { return i == 0 ? ws.a0 : ws.y[i - 1]; }
  // Forward of layer i over ld columns: layer_input(i) -> ws.z[i], ws.a[i], ws.y[i].
  void layer_forward(std::size_t i, int ld) const;
  // Backward of layer i over ld columns. dy is dL/dy_i (l.out rows) or null when dz already
  // holds dL/dz_i (the output layer, whose gradient the loss gives); dz receives dL/dz_i and
  // may be dy itself except for a residual layer (whose identity path needs dy after dz is
  // made); the parameter gradients go to grads; dx receives dL/dx_i (l.in rows), unless it is
  // null (the first layer, when nobody asks for the input's gradient). A maxpool layer has
  // no z: dz is unused, dx is dy routed back.
  void layer_backward(std::size_t i, int ld, const float* dy, float* dz, float* dx);
  // Makes sure ws holds ld columns, within the memory budget (throws naming `field`).
  void ensure_workspace(int ld, const char* field) const;

  // ---- passes.cpp: forward, loss, backward over ws ---------------------------------------
  // Forward over ws (columns 0..ld-1 of ws.a0 already filled).
  void forward(int ld) const;
  // Loss over the first n columns; returns the SUM of the loss terms (caller divides). With
  // `gradient`, also writes the output layer's dZ (zero in padded columns) into ws.d0;
  // evaluation passes go without.
  double loss_and_output_gradient(int n, int ld, bool gradient) const;
  double loss_divisor(int n) const;
  // Backward from ws.d[0] (the output layer's dL/dz, as the loss left it) into grads. With
  // input_grad, dL/dx of the input block goes there too (inputs rows, stride ld).
  void backward(int ld, float* input_grad = nullptr);
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
