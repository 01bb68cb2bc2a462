// The network: configuration checks, the flat parameter buffer, the forward/backward
// passes over feature-major workspaces, the optimizers, inference and grid evaluation.
// Layers contain no intrinsics: every loop over data is a kernel (kernels/kernels.h).
#include "mlp/network.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <numeric>

#include "kernels/kernels.h"
#include "mlp/error.h"
#include "serialize.h"

#define K(name) MLP_ACTIVE(name)

namespace mlp {

namespace {

// Columns per inference chunk: sized so the widest layer's block (units x chunk floats)
// is about 16 KB, and a layer's input, pre-activation and output blocks stay in L1
// together (64 units -> 64 columns: +15 % on the 64-wide grid benchmark against 256).
int inference_chunk(int max_units) {
  const int cols = (4096 / std::max(1, max_units)) & ~15;
  return std::clamp(cols, 64, 1024);
}

int round_up4(int n) { return (n + 3) & ~3; }

std::string layer_field(std::size_t i, const char* what) {
  return "layers[" + std::to_string(i) + "]." + what;
}

void check_finite_array(const float* v, std::size_t n, const std::string& field) {
  if (K(all_finite)(v, n)) return;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(v[i]))
      throw Error(field, "must contain only finite numbers; element " + std::to_string(i) +
                             " is " + describe(v[i]));
}

}  // namespace

void validate(const NetworkConfig& c) {
  if (c.inputs < 1 || c.inputs > kMaxInputs)
    throw Error("inputs", "must be an integer in [1, " + std::to_string(kMaxInputs) + "], got " +
                              std::to_string(c.inputs));
  if (c.layers.empty())
    throw Error("layers", "must list at least one layer (the output layer)");
  if (c.layers.size() > static_cast<std::size_t>(kMaxLayers))
    throw Error("layers", "at most " + std::to_string(kMaxLayers) + " layers, got " +
                              std::to_string(c.layers.size()));
  for (std::size_t i = 0; i < c.layers.size(); ++i) {
    const LayerSpec& l = c.layers[i];
    if (l.units < 1 || l.units > kMaxUnits)
      throw Error(layer_field(i, "units"), "must be an integer in [1, " +
                                               std::to_string(kMaxUnits) + "], got " +
                                               std::to_string(l.units));
    const int a = static_cast<int>(l.activation);
    if (a < 0 || a >= static_cast<int>(activation_names().size()))
      throw Error(layer_field(i, "activation"), "unknown activation");
    const bool last = i + 1 == c.layers.size();
    if (l.activation == Activation::Softmax && !last)
      throw Error(layer_field(i, "activation"),
                  "\"softmax\" is allowed on the last (output) layer only");
    if (l.activation == Activation::Softmax && l.units < 2)
      throw Error(layer_field(i, "units"), "a softmax output needs at least 2 units, got " +
                                               std::to_string(l.units));
  }
  const Activation out = c.layers.back().activation;
  const std::string last = layer_field(c.layers.size() - 1, "activation");
  if (c.loss == Loss::Bce && out != Activation::Sigmoid)
    throw Error("loss", "\"bce\" needs a \"sigmoid\" output layer, but " + last + " is \"" +
                            activation_name(out) + "\"; use \"mse\" or make the output sigmoid");
  if (c.loss == Loss::SoftmaxCe && out != Activation::Softmax)
    throw Error("loss", "\"softmax-ce\" needs a \"softmax\" output layer, but " + last +
                            " is \"" + activation_name(out) +
                            "\"; use \"mse\" or make the output softmax");
  if (static_cast<int>(c.loss) < 0 || static_cast<int>(c.loss) > 2)
    throw Error("loss", "unknown loss");
  if (static_cast<int>(c.init) < 0 || static_cast<int>(c.init) > 3)
    throw Error("init", "unknown init");
  validate(c.optimizer);
  validate(c.regularization);
  if (!std::isfinite(c.clip_norm) || c.clip_norm < 0.0f)
    throw Error("clipNorm", "must be a finite number >= 0 (0 = off), got " + describe(c.clip_norm));
  if (!c.features.empty()) {
    validate_features(c.features, 2);  // names and duplicates; 2 = any feature allowed
    if (static_cast<int>(c.features.size()) != c.inputs)
      throw Error("features", "lists " + std::to_string(c.features.size()) +
                                  " features but the network has " + std::to_string(c.inputs) +
                                  " inputs (one feature per input)");
  }
}

// ---------------------------------------------------------------------------------------

struct LayerInfo {
  int in = 0, out = 0;
  Activation act = Activation::Linear;
  std::size_t w = 0, b = 0;  // offsets into the parameter buffer
};

// Feature-major buffers for a batch of `ld` columns: the input block, each layer's
// pre-activation Z and output Y, the targets and two gradient blocks.
struct Workspace {
  int ld = 0;
  std::vector<float> data;
  float* a0 = nullptr;
  std::vector<float*> z, y;
  float* t = nullptr;
  float* d0 = nullptr;
  float* d1 = nullptr;
  std::vector<float> raw, feat;  // grid points and their features (sample-major)

  void ensure(const std::vector<LayerInfo>& layers, int inputs, int want_ld) {
    if (want_ld <= ld) return;
    int max_units = inputs;
    std::size_t per_col = static_cast<std::size_t>(inputs);
    for (const LayerInfo& l : layers) {
      per_col += 2 * static_cast<std::size_t>(l.out);
      max_units = std::max(max_units, l.out);
    }
    per_col += static_cast<std::size_t>(layers.back().out) + 2 * static_cast<std::size_t>(max_units);
    data.assign(per_col * want_ld, 0.0f);
    ld = want_ld;
    float* p = data.data();
    a0 = p;
    p += static_cast<std::size_t>(inputs) * ld;
    z.assign(layers.size(), nullptr);
    y.assign(layers.size(), nullptr);
    for (std::size_t i = 0; i < layers.size(); ++i) {
      z[i] = p;
      p += static_cast<std::size_t>(layers[i].out) * ld;
      y[i] = p;
      p += static_cast<std::size_t>(layers[i].out) * ld;
    }
    t = p;
    p += static_cast<std::size_t>(layers.back().out) * ld;
    d0 = p;
    p += static_cast<std::size_t>(max_units) * ld;
    d1 = p;
  }
};

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

  explicit Impl(const NetworkConfig& c) : config(c) {
    int in = c.inputs;
    std::size_t off = 0;
    for (const LayerSpec& s : c.layers) {
      LayerInfo l;
      l.in = in;
      l.out = s.units;
      l.act = s.activation;
      l.w = off;
      off += static_cast<std::size_t>(l.in) * l.out;
      l.b = off;
      off += static_cast<std::size_t>(l.out);
      layers.push_back(l);
      in = s.units;
    }
    params.assign(off, 0.0f);
    grads.assign(off, 0.0f);
    int widest = c.inputs;
    for (const LayerInfo& l : layers) widest = std::max(widest, l.out);
    chunk = inference_chunk(widest);
    initialize(c.seed);
  }

  void forget_good_states() { has_good = false; }

  void restore_good_state() {
    if (has_good) params.assign(good.begin(), good.end());
    forget_good_states();
  }

  void reset_optimizer_state() {
    opt_steps = 0;
    slot1.assign(config.optimizer.type == OptimizerType::Sgd ? 0 : params.size(), 0.0f);
    slot2.assign(config.optimizer.type == OptimizerType::Adam ? params.size() : 0, 0.0f);
  }

  void initialize(uint64_t seed) {
    config.seed = seed;
    rng.reseed(seed);
    for (const LayerInfo& l : layers) {
      float* w = params.data() + l.w;
      float* b = params.data() + l.b;
      const std::size_t nw = static_cast<std::size_t>(l.in) * l.out;
      switch (config.init) {
        case Init::Classic:
          for (std::size_t i = 0; i < nw; ++i) w[i] = rng.uniform() - 0.5f;
          std::fill(b, b + l.out, 0.1f);
          break;
        case Init::Xavier: {
          const float a = static_cast<float>(std::sqrt(6.0 / (l.in + l.out)));
          for (std::size_t i = 0; i < nw; ++i) w[i] = rng.uniform(-a, a);
          std::fill(b, b + l.out, 0.0f);
          break;
        }
        case Init::He: {
          const float sd = static_cast<float>(std::sqrt(2.0 / l.in));
          for (std::size_t i = 0; i < nw; ++i) w[i] = rng.normal(0.0f, sd);
          std::fill(b, b + l.out, 0.0f);
          break;
        }
        case Init::Zero:
          std::fill(w, w + nw, 0.0f);
          std::fill(b, b + l.out, 0.0f);
          break;
      }
    }
    std::fill(grads.begin(), grads.end(), 0.0f);
    forget_good_states();
    steps = 0;
    diverged = false;
    reset_optimizer_state();
  }

  int outputs() const { return layers.back().out; }

  // Forward over ws (columns 0..ld-1 of ws.a0 already filled).
  void forward(int ld) const {
    const float* a = ws.a0;
    for (std::size_t i = 0; i < layers.size(); ++i) {
      const LayerInfo& l = layers[i];
      K(dense_forward)(params.data() + l.w, a, ld, ws.z[i], ld, l.out, l.in, ld);
      K(bias_activation_forward)(l.act, ws.z[i], params.data() + l.b, ws.y[i], l.out, ld, ld);
      a = ws.y[i];
    }
  }

  // Loss over the first n columns; returns the SUM of the loss terms (caller divides). With
  // `gradient`, also writes the output layer's dZ (zero in padded columns) into ws.d0;
  // evaluation passes go without.
  double loss_and_output_gradient(int n, int ld, bool gradient) const {
    const LayerInfo& last = layers.back();
    const std::size_t L = layers.size() - 1;
    const int M = last.out;
    double sum = 0.0;
    switch (config.loss) {
      case Loss::Mse: {
        const float scale = 1.0f / (static_cast<float>(n) * static_cast<float>(M));
        sum = K(mse_loss)(ws.y[L], ws.t, gradient ? ws.d0 : nullptr, M, n, ld, scale);
        if (gradient) {
          zero_padding(ws.d0, M, n, ld);
          K(activation_backward)(last.act, ws.z[L], ws.y[L], ws.d0, ws.d0, M, ld, ld);
        }
        break;
      }
      case Loss::Bce: {
        const float scale = 1.0f / (static_cast<float>(n) * static_cast<float>(M));
        sum = K(bce_logits_loss)(ws.z[L], ws.t, gradient ? ws.d0 : nullptr, M, n, ld, scale);
        if (gradient) zero_padding(ws.d0, M, n, ld);
        break;
      }
      case Loss::SoftmaxCe: {
        const float scale = 1.0f / static_cast<float>(n);
        sum = K(softmax_ce_loss)(ws.z[L], ws.t, ws.y[L], gradient ? ws.d0 : nullptr, M, n, ld,
                                 scale);
        if (gradient) zero_padding(ws.d0, M, n, ld);
        break;
      }
    }
    return sum;
  }

  // Zeroes columns [n, ld) of the M rows of d (the padding of a batch of n in stride ld), so
  // that padding contributes nothing to the weight gradients. Out of line: a few short
  // fills, not worth the unrolled copies -O3 would inline at every call (start-up compiles
  // each wasm function on first use).
  [[gnu::noinline]] static void zero_padding(float* d, int M, int n, int ld) {
    for (int m = 0; m < M; ++m)
      std::fill(d + static_cast<long>(m) * ld + n, d + static_cast<long>(m + 1) * ld, 0.0f);
  }

  double loss_divisor(int n) const {
    return config.loss == Loss::SoftmaxCe ? n : static_cast<double>(n) * outputs();
  }

  // Backward from ws.d0 (output dZ) into grads.
  void backward(int ld) {
    float* dz = ws.d0;
    float* spare = ws.d1;
    for (std::size_t i = layers.size(); i-- > 0;) {
      const LayerInfo& l = layers[i];
      const float* a_prev = i == 0 ? ws.a0 : ws.y[i - 1];
      K(dense_backward_weights)(dz, ld, a_prev, ld, grads.data() + l.w, grads.data() + l.b, l.out,
                                l.in, ld);
      if (i == 0) break;
      K(dense_backward_input)(params.data() + l.w, dz, ld, spare, ld, l.out, l.in, ld);
      const LayerInfo& p = layers[i - 1];
      K(activation_backward)(p.act, ws.z[i - 1], ws.y[i - 1], spare, spare, p.out, ld, ld);
      std::swap(dz, spare);
    }
  }

  // keep_good: remember the parameters before this update as the good state (train_batch;
  // an epoch remembers where it started instead).
  void apply_update(bool keep_good) {
    float* w = params.data();
    float* g = grads.data();
    const std::size_t n = params.size();
    const RegularizationSpec& reg = config.regularization;
    if (reg.type != Regularization::None && reg.rate > 0.0f) {
      for (const LayerInfo& l : layers) {
        const std::size_t nw = static_cast<std::size_t>(l.in) * l.out;
        if (reg.type == Regularization::L1)
          K(add_l1)(g + l.w, w + l.w, nw, reg.rate);
        else
          K(add_l2)(g + l.w, w + l.w, nw, reg.rate);
      }
    }
    if (keep_good) {
      good.assign(params.begin(), params.end());
      has_good = true;
    }
    const OptimizerSpec& o = config.optimizer;
    ++opt_steps;
    switch (o.type) {
      case OptimizerType::Sgd:
        K(sgd_update)(w, g, n, o.learning_rate);
        break;
      case OptimizerType::Momentum:
        K(momentum_update)(w, g, slot1.data(), n, o.learning_rate, o.momentum);
        break;
      case OptimizerType::Adam: {
        const double bc1 = 1.0 - std::pow(static_cast<double>(o.beta1), static_cast<double>(opt_steps));
        const double bc2 = 1.0 - std::pow(static_cast<double>(o.beta2), static_cast<double>(opt_steps));
        K(adam_update)(w, g, slot1.data(), slot2.data(), n, o.learning_rate, o.beta1, o.beta2,
                       o.eps, static_cast<float>(bc1), static_cast<float>(bc2));
        break;
      }
    }
    ++steps;
  }

  // One step on the batch already packed into ws (n valid columns of ld); keep_good as in
  // apply_update.
  StepResult step_packed(int n, int ld, bool keep_good) {
    forward(ld);
    const double loss = loss_and_output_gradient(n, ld, true) / loss_divisor(n);
    StepResult r;
    r.loss = loss;
    backward(ld);
    // Diverged: the loss is not finite, or the squared gradient norm is not representable
    // as a float (some g^2 in Adam or lr*g in SGD would overflow). The update is skipped,
    // the parameters roll back to the last ones known good (see `good`) and the
    // optimizer starts afresh (its moments carry the explosion), so that training can
    // carry on from there with a lower learning rate.
    const double ss = K(sum_squares)(grads.data(), grads.size());
    if (!std::isfinite(loss) || !(ss < static_cast<double>(FLT_MAX))) {
      restore_good_state();
      reset_optimizer_state();
      diverged = true;
      r.status = Status::Diverged;
      return r;
    }
    if (config.clip_norm > 0.0f) {
      const double norm = std::sqrt(ss);
      const double coef = config.clip_norm / (norm + 1e-6);  // torch.nn.utils.clip_grad_norm_
      if (coef < 1.0) K(scale_inplace)(grads.data(), grads.size(), static_cast<float>(coef));
    }
    apply_update(keep_good);
    diverged = false;
    return r;
  }

  void pack_targets(const float* targets, const int* rows, int first, int n, int ld) const {
    K(pack_columns)(targets, outputs(), rows, first, n, ws.t, ld);
  }

  // Runs inference on n sample-major rows in chunks; calls sink(first, count, ld) after
  // each chunk's forward pass.
  template <class Sink>
  void infer_chunks(const float* x, int n, Sink&& sink) const {
    for (int first = 0; first < n; first += chunk) {
      const int count = std::min(chunk, n - first);
      const int ld = round_up4(count);
      ws.ensure(layers, config.inputs, ld);
      K(pack_columns)(x, config.inputs, nullptr, first, count, ws.a0, ld);
      forward(ld);
      sink(first, count, ld);
    }
  }

  void check_grid(const GridSpec& g) const {
    if (g.width < 1 || g.width > 4096)
      throw Error("grid.width", "must be an integer in [1, 4096], got " + std::to_string(g.width));
    if (g.height < 1 || g.height > 4096)
      throw Error("grid.height", "must be an integer in [1, 4096], got " + std::to_string(g.height));
    if (g.dims != 1 && g.dims != 2)
      throw Error("grid.dims", "must be 1 or 2, got " + std::to_string(g.dims));
    if (g.dims == 1 && g.height != 1)
      throw Error("grid.height", "must be 1 for 1-D data, got " + std::to_string(g.height));
    if (!std::isfinite(g.x_min) || !std::isfinite(g.x_max) || !(g.x_min < g.x_max))
      throw Error("grid.xMin/xMax", "must be finite with xMin < xMax");
    if (g.dims == 2 && (!std::isfinite(g.y_min) || !std::isfinite(g.y_max) || !(g.y_min < g.y_max)))
      throw Error("grid.yMin/yMax", "must be finite with yMin < yMax");
    validate_features(g.features, g.dims);
    if (static_cast<int>(g.features.size()) != config.inputs)
      throw Error("grid.features", std::to_string(g.features.size()) +
                                       " features give " + std::to_string(g.features.size()) +
                                       " inputs, but the network has " +
                                       std::to_string(config.inputs));
  }

  // Fills ws.a0 with the features of grid points [first, first+count).
  void pack_grid_chunk(const GridSpec& g, int first, int count, int ld) const {
    ws.raw.resize(static_cast<std::size_t>(count) * g.dims);
    ws.feat.resize(static_cast<std::size_t>(count) * config.inputs);
    const double dx = (static_cast<double>(g.x_max) - g.x_min) / g.width;
    const double dy = (static_cast<double>(g.y_max) - g.y_min) / g.height;
    for (int c = 0; c < count; ++c) {
      const int p = first + c;
      const int col = p % g.width, row = p / g.width;
      ws.raw[static_cast<std::size_t>(c) * g.dims] = static_cast<float>(g.x_min + (col + 0.5) * dx);
      if (g.dims == 2)
        ws.raw[static_cast<std::size_t>(c) * 2 + 1] = static_cast<float>(g.y_max - (row + 0.5) * dy);
    }
    compute_features(ws.raw.data(), count, g.dims, g.features, ws.feat.data());
    K(pack_columns)(ws.feat.data(), config.inputs, nullptr, 0, count, ws.a0, ld);
  }

  template <class Sink>
  void grid_chunks(const GridSpec& g, Sink&& sink) const {
    check_grid(g);
    const int total = g.width * g.height;
    for (int first = 0; first < total; first += chunk) {
      const int count = std::min(chunk, total - first);
      const int ld = round_up4(count);
      ws.ensure(layers, config.inputs, ld);
      pack_grid_chunk(g, first, count, ld);
      forward(ld);
      sink(first, count, ld);
    }
  }

  void check_layer(int layer, const char* what) const {
    if (layer < 0 || layer >= static_cast<int>(layers.size()))
      throw Error(what, "layer index must be in [0, " + std::to_string(layers.size() - 1) +
                            "], got " + std::to_string(layer));
  }
};

// ---- construction -----------------------------------------------------------------------

Network::Network(const NetworkConfig& config) {
  validate(config);
  impl_ = std::make_unique<Impl>(config);
}
Network::Network(const Network& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Network& Network::operator=(const Network& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;
Network::~Network() = default;

const NetworkConfig& Network::config() const { return impl_->config; }
int Network::inputs() const { return impl_->config.inputs; }
int Network::outputs() const { return impl_->outputs(); }
int Network::num_layers() const { return static_cast<int>(impl_->layers.size()); }
int Network::units(int layer) const {
  impl_->check_layer(layer, "layer");
  return impl_->layers[layer].out;
}
std::size_t Network::num_parameters() const { return impl_->params.size(); }
long long Network::step_count() const { return impl_->steps; }
bool Network::diverged() const { return impl_->diverged; }

// ---- training ---------------------------------------------------------------------------

namespace {
void check_batch(const float* x, const float* t, int n, int inputs, int outputs) {
  if (n < 1) throw Error("x", "needs at least one sample, got " + std::to_string(n));
  if (!x) throw Error("x", "is missing");
  if (!t) throw Error("y", "is missing");
  check_finite_array(x, static_cast<std::size_t>(n) * inputs, "x");
  check_finite_array(t, static_cast<std::size_t>(n) * outputs, "y");
}
}  // namespace

StepResult Network::train_batch(const float* x, const float* targets, int n) {
  Impl& I = *impl_;
  check_batch(x, targets, n, I.config.inputs, I.outputs());
  const int ld = round_up4(n);
  I.ws.ensure(I.layers, I.config.inputs, ld);
  K(pack_columns)(x, I.config.inputs, nullptr, 0, n, I.ws.a0, ld);
  I.pack_targets(targets, nullptr, 0, n, ld);
  return I.step_packed(n, ld, true);
}

EpochResult Network::train_epoch(const float* x, const float* targets, int n, int batch_size) {
  Impl& I = *impl_;
  if (batch_size < 1)
    throw Error("batchSize", "must be an integer >= 1, got " + std::to_string(batch_size));
  check_batch(x, targets, n, I.config.inputs, I.outputs());
  const int bs = std::min(batch_size, n);
  I.perm.resize(static_cast<std::size_t>(n));
  std::iota(I.perm.begin(), I.perm.end(), 0);
  for (int i = n - 1; i > 0; --i)
    std::swap(I.perm[static_cast<std::size_t>(i)], I.perm[I.rng.below(static_cast<uint32_t>(i + 1))]);
  const int ld = round_up4(bs);
  I.ws.ensure(I.layers, I.config.inputs, ld);
  I.epoch_start.assign(I.params.begin(), I.params.end());
  EpochResult r;
  double weighted = 0.0;
  int seen = 0;
  for (int first = 0; first < n; first += bs) {
    const int count = std::min(bs, n - first);
    const int cld = round_up4(count);
    K(pack_columns)(x, I.config.inputs, I.perm.data() + first, 0, count, I.ws.a0, cld);
    I.pack_targets(targets, I.perm.data() + first, 0, count, cld);
    const StepResult s = I.step_packed(count, cld, false);
    weighted += s.loss * count;
    seen += count;
    if (s.diverged()) {
      r.status = Status::Diverged;
      r.loss = s.loss;
      return r;
    }
    if (r.steps++ == 0) {
      I.good.swap(I.epoch_start);
      I.has_good = true;
    }
  }
  r.loss = weighted / seen;
  return r;
}

// ---- inference --------------------------------------------------------------------------

void Network::predict(const float* x, int n, float* out) const {
  const Impl& I = *impl_;
  if (n < 0) throw Error("x", "negative sample count");
  if (n == 0) return;
  check_finite_array(x, static_cast<std::size_t>(n) * I.config.inputs, "x");
  const int M = I.outputs();
  const std::size_t L = I.layers.size() - 1;
  I.infer_chunks(x, n, [&](int first, int count, int ld) {
    K(unpack_columns)(I.ws.y[L], ld, M, count, out + static_cast<std::size_t>(first) * M);
  });
}

Metrics Network::evaluate(const float* x, const float* targets, int n) const {
  const Impl& I = *impl_;
  check_batch(x, targets, n, I.config.inputs, I.outputs());
  const int M = I.outputs();
  const std::size_t L = I.layers.size() - 1;
  const float threshold = (negative_label(I.layers.back().act) + 1.0f) * 0.5f;
  double loss_sum = 0.0;
  long correct = 0;
  I.infer_chunks(x, n, [&](int first, int count, int ld) {
    I.pack_targets(targets, nullptr, first, count, ld);
    loss_sum += I.loss_and_output_gradient(count, ld, false);
    const float* y = I.ws.y[L];
    const float* t = I.ws.t;
    for (int c = 0; c < count; ++c) {
      if (M == 1) {
        correct += (y[c] > threshold) == (t[c] > threshold);
      } else {
        int py = 0, pt = 0;
        for (int m = 1; m < M; ++m) {
          if (y[static_cast<long>(m) * ld + c] > y[static_cast<long>(py) * ld + c]) py = m;
          if (t[static_cast<long>(m) * ld + c] > t[static_cast<long>(pt) * ld + c]) pt = m;
        }
        correct += py == pt;
      }
    }
  });
  Metrics m;
  m.loss = loss_sum / I.loss_divisor(n);
  m.accuracy = static_cast<double>(correct) / n;
  return m;
}

void Network::check_grid(const GridSpec& grid) const { impl_->check_grid(grid); }

int Network::total_grid_units() const {
  int total = impl_->config.inputs;
  for (const LayerInfo& l : impl_->layers) total += l.out;
  return total;
}

int Network::grid_unit_offset(int layer, int unit) const {
  const Impl& I = *impl_;
  if (layer < 0 || layer > static_cast<int>(I.layers.size()))
    throw Error("layer", "must be in [0, " + std::to_string(I.layers.size()) +
                             "] (0 = inputs), got " + std::to_string(layer));
  const int units = layer == 0 ? I.config.inputs : I.layers[layer - 1].out;
  if (unit < 0 || unit >= units)
    throw Error("unit", "must be in [0, " + std::to_string(units - 1) + "], got " +
                            std::to_string(unit));
  int off = 0;
  if (layer > 0) off += I.config.inputs;
  for (int i = 1; i < layer; ++i) off += I.layers[i - 1].out;
  return off + unit;
}

void Network::evaluate_grid(const GridSpec& g, float* out) const {
  const Impl& I = *impl_;
  const std::size_t plane = static_cast<std::size_t>(g.width) * g.height;
  I.grid_chunks(g, [&](int first, int count, int ld) {
    float* o = out + first;
    for (int j = 0; j < I.config.inputs; ++j, o += plane)
      std::memcpy(o, I.ws.a0 + static_cast<long>(j) * ld, sizeof(float) * count);
    for (std::size_t l = 0; l < I.layers.size(); ++l)
      for (int u = 0; u < I.layers[l].out; ++u, o += plane)
        std::memcpy(o, I.ws.y[l] + static_cast<long>(u) * ld, sizeof(float) * count);
  });
}

void Network::evaluate_grid_outputs(const GridSpec& g, float* out) const {
  const Impl& I = *impl_;
  const std::size_t plane = static_cast<std::size_t>(g.width) * g.height;
  const std::size_t L = I.layers.size() - 1;
  I.grid_chunks(g, [&](int first, int count, int ld) {
    for (int u = 0; u < I.outputs(); ++u)
      std::memcpy(out + u * plane + first, I.ws.y[L] + static_cast<long>(u) * ld,
                  sizeof(float) * count);
  });
}

// ---- parameters -------------------------------------------------------------------------

std::vector<float> Network::weights(int layer) const {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = impl_->layers[layer];
  const float* w = impl_->params.data() + l.w;
  return std::vector<float>(w, w + static_cast<std::size_t>(l.in) * l.out);
}

std::vector<float> Network::biases(int layer) const {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = impl_->layers[layer];
  const float* b = impl_->params.data() + l.b;
  return std::vector<float>(b, b + l.out);
}

void Network::set_weights(int layer, const std::vector<float>& w) {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = impl_->layers[layer];
  const std::string field = "weights[" + std::to_string(layer) + "]";
  const std::size_t want = static_cast<std::size_t>(l.in) * l.out;
  if (w.size() != want)
    throw Error(field, "needs " + std::to_string(want) + " values ([" + std::to_string(l.out) +
                           ", " + std::to_string(l.in) + "] row-major), got " +
                           std::to_string(w.size()));
  check_finite_array(w.data(), w.size(), field);
  std::copy(w.begin(), w.end(), impl_->params.begin() + static_cast<long>(l.w));
  impl_->diverged = false;
  impl_->forget_good_states();
}

void Network::set_biases(int layer, const std::vector<float>& b) {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = impl_->layers[layer];
  const std::string field = "biases[" + std::to_string(layer) + "]";
  if (b.size() != static_cast<std::size_t>(l.out))
    throw Error(field, "needs " + std::to_string(l.out) + " values, got " + std::to_string(b.size()));
  check_finite_array(b.data(), b.size(), field);
  std::copy(b.begin(), b.end(), impl_->params.begin() + static_cast<long>(l.b));
  impl_->diverged = false;
  impl_->forget_good_states();
}

namespace {
void check_unit(const LayerInfo& l, int layer, int unit, int input) {
  if (unit < 0 || unit >= l.out)
    throw Error("unit", "must be in [0, " + std::to_string(l.out - 1) + "] for layer " +
                            std::to_string(layer) + ", got " + std::to_string(unit));
  if (input < 0 || input >= l.in)
    throw Error("input", "must be in [0, " + std::to_string(l.in - 1) + "] for layer " +
                             std::to_string(layer) + ", got " + std::to_string(input));
}
}  // namespace

float Network::weight(int layer, int unit, int input) const {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = impl_->layers[layer];
  check_unit(l, layer, unit, input);
  return impl_->params[l.w + static_cast<std::size_t>(unit) * l.in + input];
}

void Network::set_weight(int layer, int unit, int input, float value) {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = impl_->layers[layer];
  check_unit(l, layer, unit, input);
  if (!std::isfinite(value)) throw Error("value", "must be a finite number, got " + describe(value));
  impl_->params[l.w + static_cast<std::size_t>(unit) * l.in + input] = value;
  impl_->diverged = false;
  impl_->forget_good_states();
}

float Network::bias(int layer, int unit) const {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = impl_->layers[layer];
  check_unit(l, layer, unit, 0);
  return impl_->params[l.b + static_cast<std::size_t>(unit)];
}

void Network::set_bias(int layer, int unit, float value) {
  impl_->check_layer(layer, "layer");
  const LayerInfo& l = impl_->layers[layer];
  check_unit(l, layer, unit, 0);
  if (!std::isfinite(value)) throw Error("value", "must be a finite number, got " + describe(value));
  impl_->params[l.b + static_cast<std::size_t>(unit)] = value;
  impl_->diverged = false;
  impl_->forget_good_states();
}

const std::vector<float>& Network::parameters() const { return impl_->params; }
const std::vector<float>& Network::gradients() const { return impl_->grads; }

void Network::set_parameters(const std::vector<float>& flat) {
  if (flat.size() != impl_->params.size())
    throw Error("parameters", "needs " + std::to_string(impl_->params.size()) + " values, got " +
                                  std::to_string(flat.size()));
  check_finite_array(flat.data(), flat.size(), "parameters");
  impl_->params = flat;
  impl_->diverged = false;
  impl_->forget_good_states();
}

// ---- hyper-parameters ---------------------------------------------------------------------

void Network::set_learning_rate(float lr) {
  OptimizerSpec s = impl_->config.optimizer;
  s.learning_rate = lr;
  validate(s);
  impl_->config.optimizer.learning_rate = lr;
}

void Network::set_optimizer(const OptimizerSpec& spec) {
  validate(spec);
  const bool same = spec.type == impl_->config.optimizer.type;
  impl_->config.optimizer = spec;
  if (!same) impl_->reset_optimizer_state();
}

void Network::set_regularization(const RegularizationSpec& spec) {
  validate(spec);
  impl_->config.regularization = spec;
}

void Network::set_clip_norm(float clip) {
  if (!std::isfinite(clip) || clip < 0.0f)
    throw Error("clipNorm", "must be a finite number >= 0 (0 = off), got " + describe(clip));
  impl_->config.clip_norm = clip;
}

void Network::reset(uint64_t seed) { impl_->initialize(seed); }

// ---- serialisation (the JSON itself is in serialize.cpp) ------------------------------------

std::string Network::to_json() const {
  const Impl& I = *impl_;
  NetworkState st;
  st.config = I.config;
  st.params = I.params;
  st.slot1 = I.slot1;
  st.slot2 = I.slot2;
  st.steps = I.steps;
  st.opt_steps = I.opt_steps;
  st.rng_state = I.rng.state();
  st.has_rng_state = true;
  return write_network_json(st);
}

Network Network::from_json(const std::string& json) {
  NetworkState st = read_network_json(json);  // validates the config and buffer sizes
  Network net(st.config);
  Impl& I = *net.impl_;
  const std::size_t n = I.params.size();
  if (st.params.size() != n)
    throw Error("parameters", "the layers need " + std::to_string(n) + " values, got " +
                                  std::to_string(st.params.size()));
  const std::size_t n1 = I.slot1.size(), n2 = I.slot2.size();
  if (st.slot1.size() != n1 || st.slot2.size() != n2)
    throw Error("optimizerState", "slot sizes do not match the network and optimizer");
  I.params = std::move(st.params);
  I.slot1 = std::move(st.slot1);
  I.slot2 = std::move(st.slot2);
  I.steps = st.steps;
  I.opt_steps = st.opt_steps;
  if (st.has_rng_state) I.rng.set_state(st.rng_state);
  return net;
}

}  // namespace mlp
