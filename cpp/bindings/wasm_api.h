// The objects the Embind module exposes, as thin adapters over the core: arrays cross as
// heap addresses (the TypeScript layer copies typed arrays in and out), configs and specs
// as the JavaScript objects themselves (read by specs.h through js_value), and every call
// goes through js::guard, so a failure is reported after the call (convert.h), never
// thrown across it. No training logic here: each method converts and calls the core.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "convert.h"
#include "mlp/dataset.h"
#include "mlp/network.h"

namespace mlp::js {

// A network's prepared inputs and targets, resident in wasm memory (mlp::TrainingData).
class TrainingDataHandle {
 public:
  explicit TrainingDataHandle(TrainingData data) : data_(std::move(data)) {}
  // Copies n × inputs and n × outputs floats from the heap.
  static TrainingDataHandle* from_arrays(std::uintptr_t x, std::uintptr_t y, int n, int inputs,
                                         int outputs);
  int size() const { return data_.size; }
  int inputs() const { return data_.inputs; }
  int outputs() const { return data_.outputs; }
  // Where its arrays are (size x inputs and size x outputs floats), for calls that read
  // samples by address (gradients, layerStats, lossSurface) without a copy.
  std::uintptr_t x_address() const { return address_of(data_.x.data()); }
  std::uintptr_t y_address() const { return address_of(data_.y.data()); }
  const TrainingData& data() const { return data_; }

 private:
  TrainingData data_;
};

// User points (drawn, from a CSV), checked by make_dataset.
class DatasetHandle {
 public:
  explicit DatasetHandle(Dataset d) : d_(std::move(d)) {}
  static DatasetHandle* from_points(std::uintptr_t x, std::uintptr_t y, int n, int dims,
                                    int classes, bool regression);
  const Dataset& dataset() const { return d_; }

 private:
  Dataset d_;
};

// A generated or user dataset (raw points), split into train and test.
class DatasetSplitHandle {
 public:
  explicit DatasetSplitHandle(DatasetSplit split) : split_(std::move(split)) {}
  static DatasetSplitHandle* generate(const emscripten::val& spec);  // a DatasetSpec object
  static DatasetSplitHandle* split(const DatasetHandle& data, double train_ratio, double seed);
  bool is_regression() const { return split_.train.problem == Problem::Regression; }
  int dims() const { return split_.train.dims; }
  int classes() const { return split_.train.classes; }
  int train_size() const { return split_.train.size(); }
  int test_size() const { return split_.test.size(); }
  std::uintptr_t train_x() const { return address_of(split_.train.x.data()); }
  std::uintptr_t train_y() const { return address_of(split_.train.y.data()); }
  std::uintptr_t test_x() const { return address_of(split_.test.x.data()); }
  std::uintptr_t test_y() const { return address_of(split_.test.y.data()); }

 private:
  DatasetSplit split_;
};

constexpr int kLayerWords = 19;

class NetworkHandle {
 public:
  static NetworkHandle* create(const emscripten::val& config);  // a NetworkConfig object
  static NetworkHandle* from_json(const std::string& json);

  std::string config_json() const;
  int inputs() const { return net_.inputs(); }
  int outputs() const { return net_.outputs(); }
  int num_layers() const { return net_.num_layers(); }
  int units(int layer) const;
  // The address of num_layers() records of kLayerWords int32 each, valid while the handle
  // lives (the layers never change): type, activation, residual, parameter index (-1 for
  // none), then the input shape, the output shape and the weight shape, each as a rank and
  // four dimensions (0 past the rank). Names are vocabulary indices (layerTypes, activations).
  std::uintptr_t layers_address() const { return reinterpret_cast<std::uintptr_t>(layers_.data()); }
  int parameter_count() const { return static_cast<int>(net_.parameter_count()); }
  double step_count() const { return static_cast<double>(net_.step_count()); }
  double epoch_count() const { return static_cast<double>(net_.epoch_count()); }
  float learning_rate() const { return net_.learning_rate(); }
  bool diverged() const { return net_.diverged(); }

  double train_batch(std::uintptr_t x, std::uintptr_t y, int n);
  // test may be null (no early stopping).
  EpochSummary train_epoch(const TrainingDataHandle& data, int batch_size, int epochs,
                           const TrainingDataHandle* test, bool shuffle);
  // An epoch in parts (Network::train_part, end_epoch); test may be null.
  EpochSummary train_part(const TrainingDataHandle& data, int batch_size, bool shuffle);
  EpochSummary end_epoch(double loss, const TrainingDataHandle* test);
  void predict(std::uintptr_t x, int n, std::uintptr_t out) const;
  MetricsSummary evaluate(std::uintptr_t x, std::uintptr_t y, int n) const;
  MetricsSummary evaluate_data(const TrainingDataHandle& data) const;

  // Fills an internal buffer (layout of Network::evaluate_grid, with or without the input
  // planes, or _outputs) from a GridSpec object; returns the address of its GridPlanes.
  // Both stay valid until the next grid call or the handle's deletion.
  std::uintptr_t evaluate_grid(const emscripten::val& grid, bool all_units, bool inputs);

  std::uintptr_t parameters_address() const;
  std::uintptr_t gradients_address() const;
  void set_parameters(std::uintptr_t flat, int n);
  float weight(int layer, int unit, int input) const;
  void set_weight(int layer, int unit, int input, float value);
  float bias(int layer, int unit) const;
  void set_bias(int layer, int unit, float value);

  void set_learning_rate(float lr);
  void set_optimizer(const emscripten::val& optimizer);            // an OptimizerConfig object
  void set_regularization(const emscripten::val& regularization);  // a RegularizationConfig
  void set_clip_norm(float clip);
  void set_schedule(const emscripten::val& schedule);  // a ScheduleConfig object
  void set_stopping(const emscripten::val& stopping);  // a StoppingConfig object
  void reset(double seed);

  // ---- introspection: each fills the result buffer (result_address) and returns what
  // TypeScript needs to read it; the buffer stays valid until the next such call.
  // trace: per layer z then a, each n x units.
  std::uintptr_t trace(std::uintptr_t x, int n);
  // gradients: dL/dθ (flat), dL/dx (n x inputs), then with per_layer per layer z, a, dz, da.
  // Returns the loss.
  double gradients(std::uintptr_t x, std::uintptr_t y, int n, bool per_layer);
  // preview_step: gradient, before, after, delta (P each), then the slots before and after
  // (slots x P each, slot by slot), then for adam m̂ and v̂ (P each).
  PreviewSummary preview_step(std::uintptr_t x, std::uintptr_t y, int n);
  // layer_stats: per layer 7 doubles (units, weightNorm, gradNorm, epochGradNorm,
  // updateRatio, dead, saturated); returns their address.
  std::uintptr_t layer_stats(std::uintptr_t x, std::uintptr_t y, int n);
  // loss_surface from a {directions, range, steps, seed} object: alphas, betas (steps each),
  // loss (steps x steps), d1, d2 (P each), path (2k), explained (2). Returns steps.
  int loss_surface(std::uintptr_t x, std::uintptr_t y, int n, const emscripten::val& spec,
                   std::uintptr_t d1, std::uintptr_t d2, std::uintptr_t trajectory, int k);
  std::uintptr_t result_address() const { return address_of(result_.data()); }
  // The last epoch's gradient flow (Network::flow_grad_norms, flow_update_ratios): a float
  // per layer each, read in place; train_epoch's summary carries these addresses.
  std::uintptr_t flow_grad_norms_address() const { return address_of(net_.flow_grad_norms().data()); }
  std::uintptr_t flow_update_ratios_address() const { return address_of(net_.flow_update_ratios().data()); }

  // ---- training state (Network::save_state) ---------------------------------------------
  // The state in the handle's state buffer: the address of a 32-bit byte count n, 4 bytes
  // of padding, then the n bytes (one call per snapshot: the worker's history takes many).
  // With handover, Network::save_state's handover block too.
  std::uintptr_t save_state(bool handover);
  void restore_state(std::uintptr_t bytes, int n);
  std::string to_json() const;
  TrainingDataHandle* prepare(const DatasetHandle& data, const emscripten::val& features) const;

 private:
  explicit NetworkHandle(Network net);
  Network net_;
  std::vector<int32_t> layers_;
  std::vector<float> grid_;
  GridPlanes planes_;
  std::vector<float> result_;
  std::vector<unsigned char> state_;
  std::vector<double> stats_;
};

// Module-level calls.
// "key=value" lines: version, simd, each name list (comma-separated) of the vocabulary
// (layerTypes and paddings among them), limits (inputs,units,layers,channels), budget (the
// memory budget of a network and of data, bytes), layerWords and errors (the error slot's
// address). Plain string work:
// it runs at load time.
std::string vocabulary();
// out = n × features.size(): the points (n × dims) through the feature list.
void compute_features(std::uintptr_t x, int n, int dims, const emscripten::val& features,
                      std::uintptr_t out);
// The features of every point of a GridSpec object in a fresh malloc'd buffer (features ×
// width·height) the caller frees; returns the address of its GridPlanes, valid until the
// next call.
std::uintptr_t feature_grid(const emscripten::val& grid);
double heap_bytes_in_use();

}  // namespace mlp::js
