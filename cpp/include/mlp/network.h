// The network: dense layers h = act(W h_prev + b) (optionally residual, h_prev + act(...)),
// conv2d and maxpool layers for image inputs, trained by minibatch gradient descent with
// PyTorch semantics. All parameters live in one contiguous buffer
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
#include "mlp/introspect.h"
#include "mlp/loss.h"
#include "mlp/optimizer.h"
#include "mlp/rng.h"
#include "mlp/schedule.h"

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

// A layer's kind. Dense layers take any input (an image is read flattened, C x H x W, as
// nn.Flatten); conv2d and maxpool layers take an image: they come first, before any dense
// layer, in a network whose config declares input_shape.
enum class LayerType { Dense, Conv2d, MaxPool };
const char* layer_type_name(LayerType t);  // "dense", "conv2d", "maxpool"
const std::vector<std::string>& layer_type_names();

// conv2d padding: "same" pads kernel / 2 on every side (nn.Conv2d(padding=kernel // 2):
// the output keeps the input's size at stride 1), "valid" none.
enum class Padding { Same, Valid };
const char* padding_name(Padding p);
const std::vector<std::string>& padding_names();

struct LayerSpec {
  int units = 1;                             // dense: 1 .. kMaxUnits
  Activation activation = Activation::Tanh;  // dense and conv2d
  LayerType type = LayerType::Dense;
  // dense: h = h_prev + act(W h_prev + b), the identity added (ResNet); a hidden layer
  // whose units equal its input's width.
  bool residual = false;
  int channels = 1;                  // conv2d: output channels, 1 .. kMaxChannels
  int kernel = 3;                    // conv2d: 3 or 5 (square kernels)
  int stride = 1;                    // conv2d: 1 or 2
  Padding padding = Padding::Valid;  // conv2d
  int size = 2;                      // maxpool: the window and its stride (2 x 2, stride 2)

  static LayerSpec dense(int units, Activation a, bool residual = false);
  static LayerSpec conv2d(int channels, int kernel, Activation a, Padding p = Padding::Valid,
                          int stride = 1);
  static LayerSpec maxpool(int size = 2);
};

constexpr int kMaxInputs = 1024;  // 28 x 28 digits (784) and 32 x 32 images fit
constexpr int kMaxUnits = 1024;
constexpr int kMaxLayers = 64;
constexpr int kMaxChannels = 32;  // conv2d output channels (and an input image's channels)

// The memory budget (bytes, wasm32 has 2 GiB in all): a network's state (parameters, their
// gradients, the rollback copy, the optimizer's slots) together with its workspace for the
// largest batch or inference chunk it ran (activations, gradient blocks, conv patches) and
// the planes of an all-unit grid, at most kMemoryBudget; a dataset or prepared data at most
// kDataBudget. Checked before anything is allocated (the error names the field that sets
// the size); an allocation that still fails (wasm memory cannot grow) throws std::bad_alloc
// and leaves the network as it was.
constexpr uint64_t kMemoryBudget = uint64_t(1) << 30;  // 1 GiB
constexpr uint64_t kDataBudget = uint64_t(1) << 29;    // 512 MiB

struct NetworkConfig {
  int inputs = 2;                 // 1 .. 1024 (kMaxInputs)
  // The image each input vector is, [channels, height, width] (channels * height * width ==
  // inputs), or empty. Required by conv2d and maxpool layers.
  std::vector<int> input_shape;
  std::vector<LayerSpec> layers;  // hidden layers then the output layer (dense; at least 1)
  Loss loss = Loss::Mse;
  OptimizerSpec optimizer;
  RegularizationSpec regularization;
  Init init = Init::Classic;
  uint64_t seed = 1;
  float clip_norm = 0.0f;         // gradient-norm clipping; 0 = off
  ScheduleSpec schedule;          // the learning rate per epoch (mlp/schedule.h)
  StoppingSpec stopping;          // early stopping and the training-loss threshold
  // What each input is, when the inputs are features of a point (x1, x2): one per input,
  // in input order. Optional (empty = plain inputs); exports (PyTorch, ONNX) compute
  // them from raw points, and a saved file keeps them.
  std::vector<Feature> features;
};

// What a layer is in a built network (Network::layer): the shapes of what it reads and
// writes, [units] for dense layers, [C, H, W] for images, and where its parameters are.
struct LayerGeometry {
  LayerType type = LayerType::Dense;
  std::vector<int> input_shape, output_shape;
  int inputs = 0, outputs = 0;  // values per sample: the products of the shapes
  // Its position among the layers that have parameters (the order of
  // Network::parameters(), of the network file and of PyTorch's state_dict), -1 for maxpool.
  int parameter_index = -1;
  // PyTorch layout: dense [units, inputs], conv2d [out, in, kernel, kernel]; empty for maxpool.
  std::vector<int> weight_shape;
};

// Throws mlp::Error naming the first invalid field ("layers[1].units: ..."), including a
// network over the memory budget ("layers: ...").
void validate(const NetworkConfig& config);
// The bytes a network of this config holds once built (state and the workspace of its
// inference chunk), and what training it with batches of `batch` columns needs in all;
// validate() refuses a config whose first figure is over kMemoryBudget.
uint64_t network_bytes(const NetworkConfig& config);
uint64_t training_bytes(const NetworkConfig& config, int batch);

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
  int epochs = 0;   // epochs run (fewer than asked if training diverged or stopped)
  Status status = Status::Ok;
  // A stopping rule (config.stopping) ended training after the last epoch run.
  StopReason stop = StopReason::None;
  // The test loss after the last epoch, when early stopping evaluated it (else NaN).
  double test_loss = 0;
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
  int num_layers() const;               // every layer: dense, conv2d, maxpool (output last)
  int units(int layer) const;           // values per sample out of layer (0 .. num_layers()-1)
  const LayerGeometry& layer(int layer) const;
  bool image_input() const;             // config().input_shape is set
  std::size_t parameter_count() const;
  long long step_count() const;         // optimizer steps applied so far
  long long epoch_count() const;        // epochs completed (train_epoch, end_epoch), the schedule's epoch
  float learning_rate() const;          // the rate of the current epoch (after the schedule)
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
  // Each completed epoch advances epoch_count() and so the learning-rate schedule. After
  // each epoch the stopping rules are checked (config.stopping): the epoch's loss at or
  // below stopping.train_loss stops; with `test` and a patience, the test loss is evaluated
  // and `patience` epochs without a lower one than the best so far stop. Without `shuffle`
  // the samples go in order (the exported PyTorch script's --no-shuffle).
  EpochResult train_epoch(const float* x, const float* targets, int n, int batch_size,
                          int epochs = 1, const TrainingData* test = nullptr, bool shuffle = true);
  // The same over prepared data (its shape must match this network's, and test's too).
  EpochResult train_epoch(const TrainingData& data, int batch_size, int epochs = 1,
                          const TrainingData* test = nullptr, bool shuffle = true);
  // An epoch trained in parts (the playground trains 8,000 digits a slice of 1,000 at a time,
  // so that a frame stays short): train_part runs one pass over data as one epoch of
  // train_epoch does (shuffled, minibatches, divergence handling, the gradient flow) but
  // completes no epoch: epoch_count(), the schedule and the stopping rules do not move, and
  // the result's epochs is 0. Once every part of the epoch is trained, end_epoch(loss, test)
  // completes it as train_epoch completes each of its epochs: `loss` is the epoch's mean
  // training loss (the parts' losses weighted by their sizes), checked by the train-loss
  // rule; with `test` and a patience the test loss is evaluated for early stopping. Throws
  // mlp::Error for a loss that is not a finite number >= 0 or a test set of another shape.
  EpochResult train_part(const TrainingData& data, int batch_size, bool shuffle = true);
  EpochResult end_epoch(double loss, const TrainingData* test = nullptr);
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

  // Every unit of every layer over a grid, in one call (not for image inputs: throws naming
  // "grid"). Layer 0 is the input features, then each layer. out is total_grid_units() x (width*height): unit u of layer l
  // starts at grid_unit_offset(l, u) * width * height. Throws if the spec's features
  // don't produce inputs() values or the grid is out of range (1 .. kMaxGridSide per side).
  // inputs = false leaves layer 0 out: out starts at layer 1 (every offset less inputs()
  // planes), for a caller that has the features' planes already (feature_grid).
  void evaluate_grid(const GridSpec& grid, float* out, bool inputs = true) const;
  // Only the output layer: out is outputs() x (width*height).
  void evaluate_grid_outputs(const GridSpec& grid, float* out) const;
  // Throws what the two calls above would throw for this spec, before they write anything.
  void check_grid(const GridSpec& grid) const;
  // Floats the planes of a grid hold (all units or the outputs), after check_grid and the
  // memory budget (the network, its workspace and these planes), which throws naming
  // "grid.width" when they would not fit.
  std::size_t grid_output_size(const GridSpec& grid, bool all_units, bool inputs = true) const;
  int total_grid_units() const;                 // inputs() + sum of units
  int grid_unit_offset(int layer, int unit) const;  // layer 0 = inputs

  // ---- parameters (PyTorch layout) -------------------------------------------------
  // Layer l (0 .. num_layers()-1; a maxpool layer has none and throws): a dense weight is
  // [units_l, inputs_l] row-major, a conv2d weight [out, in, kernel, kernel] row-major (as
  // a matrix: unit = output channel, input = (c * kernel + i) * kernel + j), bias [units_l]
  // or [out].
  std::vector<float> weights(int layer) const;
  std::vector<float> biases(int layer) const;
  void set_weights(int layer, const std::vector<float>& w);  // validates size and finiteness
  void set_biases(int layer, const std::vector<float>& b);
  float weight(int layer, int unit, int input) const;
  void set_weight(int layer, int unit, int input, float value);
  float bias(int layer, int unit) const;
  void set_bias(int layer, int unit, float value);
  // The flat buffers (weights then bias of each layer that has parameters, in order).
  const std::vector<float>& parameters() const;
  const std::vector<float>& gradients() const;  // of the last step (data + regularisation)
  void set_parameters(const std::vector<float>& flat);

  // ---- memory -------------------------------------------------------------------------
  // Bytes held now: state and workspace (grows to the largest batch or chunk it ran).
  uint64_t memory_bytes() const;

  // ---- hyper-parameters that may change between steps -------------------------------
  void set_learning_rate(float lr);
  void set_optimizer(const OptimizerSpec& spec);  // keeps state if the type is unchanged
  void set_regularization(const RegularizationSpec& spec);
  void set_clip_norm(float clip);
  void set_schedule(const ScheduleSpec& spec);  // the epoch count stays: the rate follows
  void set_stopping(const StoppingSpec& spec);  // early stopping's best test loss is forgotten
  // Re-initialises parameters, optimizer state, epoch count and early stopping with a seed
  // (config().seed updated).
  void reset(uint64_t seed);

  // ---- introspection (mlp/introspect.h): none of these changes the network -----------------
  // Every layer's pre-activation and output for n samples.
  Trace trace(const float* x, int n) const;
  // The gradient of the mean data loss (no regularisation, no clipping) over n samples, of
  // the parameters and of the inputs; with per_layer, every layer's z, a, dL/dz and dL/da.
  Gradients gradients(const float* x, const float* targets, int n, bool per_layer = false) const;
  // The optimizer step train_batch(x, targets, n) would take now, without taking it.
  StepPreview preview_step(const float* x, const float* targets, int n) const;
  // Per layer: norms of the weights and of their gradient over the n samples, dead ReLU and
  // saturated tanh/sigmoid units, and the last update's ratio and the last epoch's mean
  // gradient norm (LayerFlow, from training).
  std::vector<LayerStats> layer_stats(const float* x, const float* targets, int n) const;
  // The gradient flow of the most recent epoch (or train_batch step), per layer: the mean over
  // its steps of the weights' minibatch gradient norm, and ||ΔW|| / ||W|| of its last update.
  const std::vector<float>& flow_grad_norms() const;
  const std::vector<float>& flow_update_ratios() const;
  // The training loss over a plane of parameter space through the current parameters.
  Surface loss_surface(const float* x, const float* targets, int n, const SurfaceSpec& spec,
                       const SurfaceInputs& inputs) const;

  // ---- training state: what continuing exactly from a point of a run needs -----------------
  // Parameters, optimizer slots and step, counters, generator and early-stopping state as
  // bytes (a training history keeps them; restore_state goes back to one).
  // With `handover`, also what the next epochs and the readouts depend on beyond that: the
  // last epoch's gradient flow, the last step's clip factor and the rollback point of a
  // divergence, for moving a live network to another instance of the core (the site's
  // worker, from the lite module to the full one) with nothing a learner could see change.
  std::vector<unsigned char> save_state(bool handover = false) const;
  std::size_t state_size(bool handover = false) const;
  void save_state(unsigned char* out, bool handover = false) const;  // state_size() bytes
  // Throws mlp::Error ("state") for bytes not saved by a network of this shape; nothing
  // changes then. Slots saved under another optimizer type are dropped (fresh state).
  void restore_state(const unsigned char* bytes, std::size_t n);

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
