// The objects the Embind module exposes, as thin adapters over the core: arrays cross as
// heap addresses (the TypeScript layer copies typed arrays in and out), structured values
// as JSON strings, and every call goes through js::guard so C++ errors become JS Errors.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "mlp/dataset.h"
#include "mlp/network.h"

namespace mlp::js {

struct EpochSummary {
  double loss = 0;
  int steps = 0;
  int epochs = 0;
  bool diverged = false;
};

struct MetricsSummary {
  double loss = 0;
  double accuracy = 0;
};

// Network inputs and targets resident in wasm memory, so an epoch needs no copies.
class TrainingData {
 public:
  // Copies n × inputs and n × outputs floats from the heap (the constructor Embind registers).
  TrainingData(std::uintptr_t x, std::uintptr_t y, int n, int inputs, int outputs);
  // C++ only: takes arrays already built in wasm memory (sizes n × inputs, n × outputs).
  TrainingData(std::vector<float> x, std::vector<float> y, int n, int inputs, int outputs)
      : n_(n), inputs_(inputs), outputs_(outputs), x_(std::move(x)), y_(std::move(y)) {}
  int size() const { return n_; }
  int inputs() const { return inputs_; }
  int outputs() const { return outputs_; }
  const float* x() const { return x_.data(); }
  const float* y() const { return y_.data(); }
  std::uintptr_t x_address() const;
  std::uintptr_t y_address() const;

 private:
  int n_, inputs_, outputs_;
  std::vector<float> x_, y_;
};

// A generated or user dataset (raw points), split into train and test.
class DatasetPair {
 public:
  explicit DatasetPair(DatasetSplit split) : split_(std::move(split)) {}
  static DatasetPair* generate(const std::string& spec_json);
  // All points in `train` (no shuffle, empty test): user data about to be prepared.
  static DatasetPair* whole(std::uintptr_t x, std::uintptr_t y, int n, int dims, int classes,
                            bool regression);
  static DatasetPair* from_points(std::uintptr_t x, std::uintptr_t y, int n, int dims, int classes,
                                  bool regression, double train_ratio, double seed);
  int problem_is_regression() const { return split_.train.problem == Problem::Regression; }
  int dims() const { return split_.train.dims; }
  int classes() const { return split_.train.classes; }
  int train_size() const { return split_.train.size(); }
  int test_size() const { return split_.test.size(); }
  std::uintptr_t train_x() const;
  std::uintptr_t train_y() const;
  std::uintptr_t test_x() const;
  std::uintptr_t test_y() const;
  const DatasetSplit& split() const { return split_; }

 private:
  DatasetSplit split_;
};

class NetworkHandle {
 public:
  // The config as numbers (no JSON on the start-up path), indices into the vocabulary:
  // inputs, L, then units and activation of each layer, loss, optimizer type, learning
  // rate, momentum, beta1, beta2, eps, regularization type, rate, init, seed, clipNorm.
  static NetworkHandle* create(std::uintptr_t descriptor, int length);
  static NetworkHandle* from_json(const std::string& json);

  std::string config_json() const;
  int inputs() const { return net_.inputs(); }
  int outputs() const { return net_.outputs(); }
  int num_layers() const { return net_.num_layers(); }
  int units(int layer) const;
  int num_parameters() const { return static_cast<int>(net_.num_parameters()); }
  double step_count() const { return static_cast<double>(net_.step_count()); }
  bool diverged() const { return net_.diverged(); }

  double train_batch(std::uintptr_t x, std::uintptr_t y, int n);
  EpochSummary train_epochs(const TrainingData& data, int batch_size, int epochs);
  void predict(std::uintptr_t x, int n, std::uintptr_t out) const;
  MetricsSummary evaluate(std::uintptr_t x, std::uintptr_t y, int n) const;
  MetricsSummary evaluate_data(const TrainingData& data) const;

  // Fills an internal buffer and returns its address; it stays valid until the next grid
  // call or the handle's deletion. Layout as Network::evaluate_grid / _outputs.
  std::uintptr_t evaluate_grid(int width, int height, float x_min, float x_max, float y_min,
                               float y_max, int dims, const std::string& features, bool all_units);

  std::uintptr_t parameters_address() const;
  std::uintptr_t gradients_address() const;
  void set_parameters(std::uintptr_t flat, int n);
  float weight(int layer, int unit, int input) const;
  void set_weight(int layer, int unit, int input, float value);
  float bias(int layer, int unit) const;
  void set_bias(int layer, int unit, float value);

  void set_learning_rate(float lr);
  void set_optimizer(const std::string& json);
  void set_regularization(const std::string& json);
  void set_clip_norm(float clip);
  void reset(double seed);
  std::string to_json() const;
  TrainingData* prepare(const DatasetPair& data, bool test, const std::string& features) const;

 private:
  explicit NetworkHandle(Network net) : net_(std::move(net)) {}
  Network net_;
  std::vector<float> grid_;
};

// "key=value" lines: version, simd, and each name list (comma-separated) of the
// vocabulary, and limits (inputs,units,layers). Plain string work: it runs at load time.
std::string vocabulary();
// The dataset catalog as JSON (read lazily by the TypeScript layer).
std::string datasets_json();
double heap_bytes_in_use();

}  // namespace mlp::js
