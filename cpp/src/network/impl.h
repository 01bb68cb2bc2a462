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
//   introspect.cpp  trace, gradients, step preview, layer statistics (mlp/introspect.h)
//   surface.cpp  the loss over a plane of parameter space     state.cpp   training state
// Layers contain no intrinsics: every loop over data is a kernel (kernels/kernels.h).
//
// The per-layer interface (layers.cpp) is what every pass iterates, whatever the layer's
// kind: layer_forward(i) reads layer_input(i) and writes ws.z[i], ws.a[i], ws.y[i];
// layer_backward(i) takes dL/dy_i and writes dL/dz_i, the layer's parameter gradients and
// dL/dx_i (its input's). forward() and backward() are loops over them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "kernels/kernels.h"
#include "mlp/network.h"
#include "network/layout.h"
#include "network/workspace.h"

#define K(name) MLP_ACTIVE(name)

namespace mlp {

// Where backward() copies what the introspection calls read (introspect.cpp): each layer's
// dL/dZ and dL/dA (feature-major, stride ld, as in the workspace) and dL/dX. A null
// pointer (or an empty vector) is skipped; the output layer's dL/dA is not backward's
// (the loss writes dL/dZ of the output directly).
struct BackwardTaps {
  std::vector<float*> dz, da;  // per layer, or empty
  float* dx = nullptr;         // inputs x ld
};

// Per layer, of the most recent epoch (or train_batch step): the mean over its steps of the
// weights' gradient norm (data loss), and ||dW|| / ||W|| of its last update.
struct LayerFlow {
  std::vector<float> grad_norm, update_ratio;
  std::vector<double> grad_sum;  // accumulating over the current epoch
  int steps = 0;
};

// The input features of the last grid evaluated, packed as grid_chunks feeds them to the
// network (chunk by chunk, feature-major, stride round_up4(count); chunk c at c * chunk *
// inputs): the next call over the same grid (the render loop's case) skips the feature map
// (sin included) and the packing. Scratch: a copy starts empty.
struct GridFeatureCache {
  static constexpr std::size_t kMaxFloats = 1u << 18;  // 1 MiB; larger grids are not kept
  GridFeatureCache() = default;
  GridFeatureCache(const GridFeatureCache&) {}
  GridFeatureCache& operator=(const GridFeatureCache&) {
    *this = GridFeatureCache();
    return *this;
  }
  GridFeatureCache(GridFeatureCache&&) noexcept = default;
  GridFeatureCache& operator=(GridFeatureCache&&) noexcept = default;
  bool valid = false;
  GridSpec key;
  int chunk = 0;
  std::vector<float> inputs;
};

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
  long long epochs = 0;             // epochs completed: the schedule's epoch
  float lr = 0;                     // the learning rate of this epoch (refresh_lr)
  float best_test = 0;              // early stopping: lowest test loss, seen at best_epoch
  long long best_epoch = -1;        // -1: none yet
  float clip_scale = 1;             // the factor clipping applied in the last step
  LayerFlow flow;
  std::vector<float> before_last;   // the parameters before an epoch's last step
  Rng rng;
  bool diverged = false;
  std::vector<int> perm;
  mutable Workspace ws;
  int chunk = 256;  // inference chunk (layout.chunk)
  mutable GridFeatureCache grid_cache;

  // ---- init.cpp: layout and initial parameters ------------------------------------------
  explicit Impl(const NetworkConfig& c);
  void initialize(uint64_t seed);
  void reset_optimizer_state();
  void forget_good_states() { has_good = false; }
  void restore_good_state();
  // lr = the schedule's rate for `epochs` (after any change of rate, schedule or epochs).
  void refresh_lr();

  const std::vector<LayerInfo>& layers() const { return layout.layers; }
  int outputs() const { return layout.layers.back().out; }

  // ---- layers.cpp: one layer's passes ---------------------------------------------------
  // The block layer i reads: the input block for layer 0, else the previous layer's output.
  const float* layer_input(std::size_t i) const { return i == 0 ? ws.a0 : ws.y[i - 1]; }
  // Forward of layer i over ld columns: layer_input(i) -> ws.z[i], ws.a[i], ws.y[i].
  // p: the parameters (the network's own when null; lossSurface passes others).
  void layer_forward(std::size_t i, int ld, const float* p = nullptr) const;
  // Backward of layer i over ld columns. dy is dL/dy_i (l.out rows) or null when dz already
  // holds dL/dz_i (the output layer, whose gradient the loss gives); dz receives dL/dz_i and
  // may be dy itself except for a residual layer (whose identity path needs dy after dz is
  // made); the parameter gradients go to g; dx receives dL/dx_i (l.in rows), unless it is
  // null (the first layer, when nobody asks for the input's gradient). A maxpool layer has
  // no z: dz is unused, dx is dy routed back. The gradients go to g (same layout as params).
  void layer_backward(std::size_t i, int ld, const float* dy, float* dz, float* dx,
                      float* g) const;
  // Makes sure ws holds ld columns, within the memory budget (throws naming `field`).
  void ensure_workspace(int ld, const char* field) const;

  // ---- passes.cpp: forward, loss, backward over ws ---------------------------------------
  // Forward over ws (columns 0..ld-1 of ws.a0 already filled) with parameters p (the
  // network's own when null; lossSurface passes others of the same layout).
  void forward(int ld, const float* p = nullptr) const;
  // Loss over the first n columns; returns the SUM of the loss terms (caller divides). With
  // `gradient`, also writes the output layer's dZ (zero in padded columns) into ws.d0, of
  // the mean over `total` samples (n when 0: a batch in several chunks passes its size);
  // evaluation passes go without.
  double loss_and_output_gradient(int n, int ld, bool gradient, int total = 0) const;
  double loss_divisor(int n) const;
  // Backward from ws.d[0] (the output layer's dL/dz, as the loss left it) into g (training
  // passes grads), through layer_backward; with taps, each layer's dL/dz, dL/da and the
  // input block's dL/dx are copied there.
  void backward(int ld, float* g, const BackwardTaps* taps = nullptr) const;
  void pack_targets(const float* targets, const int* rows, int first, int n, int ld) const;

  // ---- update.cpp: one optimizer step ----------------------------------------------------
  // keep_good: remember the parameters before this update as the good state (train_batch;
  // an epoch remembers where it started instead).
  void apply_update(bool keep_good);
  // One step on the batch already packed into ws (n valid columns of ld); keep_good as in
  // apply_update.
  StepResult step_packed(int n, int ld, bool keep_good);
  // flow.update_ratio from the parameters before the last update.
  void record_update(const float* before);
  // flow.grad_norm from the epoch's sums (after its last step).
  void finish_flow();
  // One pass over n sample-major rows, shuffled or in order, that completes no epoch (train.cpp).
  EpochResult run_epoch(const float* x, const float* targets, int n, int batch_size, bool shuffle);
  // Completes an epoch whose mean training loss was `loss`: epochs and the schedule's rate
  // advance, then the stopping rules are checked (the patience rule on test's loss, when
  // test is given, not empty, and a patience is set). Returns epochs 1, loss, stop, test_loss.
  EpochResult close_epoch(const Network& net, double loss, const TrainingData* test);

  // ---- infer.cpp / grid.cpp: inference in chunks of `chunk` columns ----------------------
  // Runs inference on n sample-major rows; calls sink(first, count, ld) after each chunk's
  // forward pass (infer.cpp, introspect.cpp).
  template <class Sink>
  void infer_chunks(const float* x, int n, Sink&& sink) const {
    for (int first = 0; first < n; first += chunk) {
      const int count = std::min(chunk, n - first);
      const int ld = round_up4(count);
      ensure_workspace(ld, "x");
      K(pack_columns)(x, config.inputs, nullptr, first, count, ws.a0, ld);
      forward(ld);
      sink(first, count, ld);
    }
  }
  void check_grid(const GridSpec& g) const;
  // Fills `to` (inputs x ld) with the features of grid points [first, first+count).
  void pack_grid_chunk(const GridSpec& g, int first, int count, int ld, float* to) const;
  // The packed features of the whole grid g (grid_cache, filled if g is not the grid it
  // holds), or null when the grid is too large to keep.
  const float* cached_grid_inputs(const GridSpec& g) const;
  // Defined in grid.cpp, its only user.
  template <class Sink>
  void grid_chunks(const GridSpec& g, Sink&& sink) const;

  // ---- introspect.cpp -------------------------------------------------------------------
  // One pass of forward, loss and backward over n samples in chunks, accumulating the
  // gradient of the mean loss into g (zeroed here) and calling sink(first, count, ld, taps)
  // after each chunk's backward, while the workspace and the taps (with want_taps) hold that
  // chunk. Returns the summed loss (the caller divides by loss_divisor(n)). Defined in
  // introspect.cpp, its only user.
  template <class Sink>
  double gradient_chunks(const float* x, const float* t, int n, std::vector<float>& g,
                         bool want_taps, Sink&& sink) const;

  void check_layer(int layer, const char* what) const;
};

}  // namespace mlp
