// The multi-layer perceptron: dense layers h = act(W h_prev + b), trained by minibatch
// gradient descent with PyTorch semantics. All parameters live in one contiguous buffer
// (and all gradients in another); layers hold offsets into them. Activations are stored
// feature-major (unit x batch) so the SIMD kernels run across samples; every public input
// and output is sample-major (row-major n x d).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mlp/activation.h"
#include "mlp/dataset.h"
#include "mlp/loss.h"
#include "mlp/optimizer.h"
#include "mlp/rng.h"

namespace mlp {

enum class Init {
  Classic,  // "classic": weights U(-0.5, 0.5), biases 0.1 (the TensorFlow Playground)
  Xavier,   // "xavier":  weights U(-a, a), a = sqrt(6 / (fan_in + fan_out)), biases 0
  He,       // "he":      weights N(0, 2 / fan_in) (Kaiming normal), biases 0
  Zero,     // "zero":    everything 0
};
const char* init_name(Init i);
Init parse_init(const std::string& name, const std::string& field = "init");
const std::vector<std::string>& init_names();

struct LayerSpec {
  int units = 1;
  Activation activation = Activation::Tanh;
};

constexpr int kMaxInputs = 1024;  // 28 x 28 digits (784) and 32 x 32 images fit
constexpr int kMaxUnits = 1024;
constexpr int kMaxLayers = 64;

struct NetworkConfig {
  int inputs = 2;                 // 1 .. 1024 (kMaxInputs)
  std::vector<LayerSpec> layers;  // hidden layers then the output layer (at least 1)
  Loss loss = Loss::Mse;
  OptimizerSpec optimizer;
  RegularizationSpec regularization;
  Init init = Init::Classic;
  uint64_t seed = 1;
  float clip_norm = 0.0f;         // gradient-norm clipping; 0 = off
  // What each input is, when the inputs are features of a point (x1, x2): one per input,
  // in input order. Optional (empty = plain inputs); exports (PyTorch, ONNX) compute
  // them from raw points, and a saved file keeps them.
  std::vector<Feature> features;
};

// Throws mlp::Error naming the first invalid field ("layers[1].units: ...").
void validate(const NetworkConfig& config);

// The config as JSON, in the npm API's vocabulary:
//   {"inputs":2,"layers":[{"units":4,"activation":"tanh"}],"loss":"mse",
//    "optimizer":{"type":"adam","learningRate":0.01,"momentum":0.9,"beta1":0.9,
//                 "beta2":0.999,"eps":1e-8},
//    "regularization":{"type":"l2","rate":0.001},"init":"xavier","seed":42,"clipNorm":0,
//    "features":["x1","x2","sinx1"]}   (features only when set)
// Parsing fills absent optional fields with defaults, rejects unknown fields and names
// the offending field in its mlp::Error. seed is an integer in [0, 2^32).
std::string config_to_json(const NetworkConfig& config);
NetworkConfig config_from_json(const std::string& json);

enum class Status { Ok, Diverged };

struct StepResult {
  double loss = 0;  // data loss before the update (no regularisation term)
  Status status = Status::Ok;
  bool diverged() const { return status == Status::Diverged; }
};

struct EpochResult {
  double loss = 0;  // mean over the last epoch's examples of the pre-update batch losses
  int steps = 0;    // minibatches applied
  int epochs = 0;   // epochs run (fewer than asked if training diverged)
  Status status = Status::Ok;
  bool diverged() const { return status == Status::Diverged; }
};

struct Metrics {
  double loss = 0;      // data loss (mean, as the training loss)
  double accuracy = 0;  // fraction correct, read as classification (see Network::evaluate)
};

// A W x H grid over a rectangle of the input plane, sampled at cell centres, rows from
// top (y = y_max) to bottom, columns left (x = x_min) to right. For 1-D data (dims 1) the
// grid is W x 1 over [x_min, x_max] and y is ignored. Read from JavaScript or JSON
// (specs.h), an absent height is the width (1 for 1-D data).
constexpr int kMaxGridSide = 4096;

struct GridSpec {
  int width = 100;
  int height = 100;
  float x_min = -6, x_max = 6, y_min = -6, y_max = 6;
  int dims = 2;                   // raw dimensions of the plane (1 or 2)
  std::vector<Feature> features;  // maps a grid point to the network's inputs
};

// Throws mlp::Error for a side outside [1, kMaxGridSide], a 1-D grid taller than 1, an empty
// or non-finite range, or features the dims cannot give: Network::check_grid without the
// network's input count.
void check_grid_spec(const GridSpec& grid);
// The input features at every grid point, without a network: out is features.size() x
// (width*height), feature k's plane at k * width * height (layer 0 of
// Network::evaluate_grid for a network fed these features).
void feature_grid(const GridSpec& grid, float* out);

// A dataset as one network sees it: its inputs (the points through a feature list) and
// its targets (the labels encoded for the output layer, encode_targets), sample-major.
// Made by Network::prepare, or from arrays that are network-ready already.
struct TrainingData {
  int size = 0;
  int inputs = 0;
  int outputs = 0;
  std::vector<float> x;  // size x inputs
  std::vector<float> y;  // size x outputs
};

// Copies n x inputs inputs and n x outputs targets (n >= 0; values are checked when used).
TrainingData make_training_data(const float* x, const float* y, int n, int inputs, int outputs);

class Network {
 public:
  explicit Network(const NetworkConfig& config);  // validates; throws mlp::Error
  Network(const Network& other);
  Network& operator=(const Network& other);
  Network(Network&&) noexcept;
  Network& operator=(Network&&) noexcept;
  ~Network();

  const NetworkConfig& config() const;
  int inputs() const;
  int outputs() const;
  int num_layers() const;               // dense layers (hidden + output)
  int units(int layer) const;           // layer in 0 .. num_layers()-1
  std::size_t parameter_count() const;
  long long step_count() const;         // optimizer steps applied so far
  bool diverged() const;                // last step was non-finite (cleared by a good step)

  // ---- training -------------------------------------------------------------------
  // One minibatch: x is n x inputs, targets n x outputs. Returns the data loss computed
  // before the update. If the loss is not finite or the gradient norm overflows a float,
  // the update is skipped, the status is Diverged, the parameters roll back to before the
  // previous update and the optimizer state is reset, so that training can resume from
  // there with a lower learning rate.
  StepResult train_batch(const float* x, const float* targets, int n);
  // `epochs` epochs (>= 1): each shuffles with the network's generator, then runs
  // minibatches of batch_size (the last one may be smaller). Stops at the first diverged
  // batch; then the parameters roll back to where that epoch started (an explosion takes
  // several steps, so the step before is rarely sound) — or, if its very first step
  // diverged, to where the previous epoch started — and the optimizer state is reset.
  EpochResult train_epoch(const float* x, const float* targets, int n, int batch_size,
                          int epochs = 1);
  // The same over prepared data (its shape must match this network's).
  EpochResult train_epoch(const TrainingData& data, int batch_size, int epochs = 1);
  // The dataset's points through `features` and its labels encoded for this network's
  // output layer. Throws mlp::Error for an empty dataset, a feature list that does not
  // give inputs() values (or uses x2 with 1-D data), or labels the outputs cannot encode.
  TrainingData prepare(const Dataset& data, const std::vector<Feature>& features) const;

  // ---- inference ------------------------------------------------------------------
  void predict(const float* x, int n, float* out) const;  // out: n x outputs
  // Loss as in training; accuracy: argmax agreement for several outputs, for one output
  // the side of the midpoint between negative_label(output activation) and 1.
  Metrics evaluate(const float* x, const float* targets, int n) const;
  Metrics evaluate(const TrainingData& data) const;  // its shape must match this network's

  // Every unit of every layer over a grid, in one call. Layer 0 is the input features,
  // then each dense layer. out is total_grid_units() x (width*height): unit u of layer l
  // starts at grid_unit_offset(l, u) * width * height. Throws if the spec's features
  // don't produce inputs() values or the grid is out of range (1 .. kMaxGridSide per side).
  void evaluate_grid(const GridSpec& grid, float* out) const;
  // Only the output layer: out is outputs() x (width*height).
  void evaluate_grid_outputs(const GridSpec& grid, float* out) const;
  // Throws what the two calls above would throw for this spec, before they write anything.
  void check_grid(const GridSpec& grid) const;
  int total_grid_units() const;                 // inputs() + sum of units
  int grid_unit_offset(int layer, int unit) const;  // layer 0 = inputs

  // ---- parameters (PyTorch layout) -------------------------------------------------
  // Weight of layer l is [units_l, units_{l-1}] row-major, bias [units_l].
  std::vector<float> weights(int layer) const;
  std::vector<float> biases(int layer) const;
  void set_weights(int layer, const std::vector<float>& w);  // validates size and finiteness
  void set_biases(int layer, const std::vector<float>& b);
  float weight(int layer, int unit, int input) const;
  void set_weight(int layer, int unit, int input, float value);
  float bias(int layer, int unit) const;
  void set_bias(int layer, int unit, float value);
  // The flat buffers (weights then bias of layer 0, then layer 1, ...).
  const std::vector<float>& parameters() const;
  const std::vector<float>& gradients() const;  // of the last step (data + regularisation)
  void set_parameters(const std::vector<float>& flat);

  // ---- hyper-parameters that may change between steps -------------------------------
  void set_learning_rate(float lr);
  void set_optimizer(const OptimizerSpec& spec);  // keeps state if the type is unchanged
  void set_regularization(const RegularizationSpec& spec);
  void set_clip_norm(float clip);
  // Re-initialises parameters and optimizer state with a seed (config().seed updated).
  void reset(uint64_t seed);

  // ---- serialisation ---------------------------------------------------------------
  // Config, parameters, optimizer state and generator state; exact round trip: a restored
  // network continues training bit-identically.
  std::string to_json() const;
  static Network from_json(const std::string& json);  // throws mlp::Error on bad input

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mlp
