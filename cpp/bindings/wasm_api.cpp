// Adapters between the Embind registrations and the core (see wasm_api.h): each converts
// its arguments (convert.h, specs.h), calls the core inside guard() and converts back.
#include "wasm_api.h"

#include <malloc.h>

#include <cstdlib>
#include <cstring>

#include "kernels/kernels.h"
#include "mlp/error.h"
#include "specs.h"

namespace mlp::js {

using emscripten::val;

// ---- TrainingData, Dataset, DatasetSplit -----------------------------------------------------

TrainingDataHandle* TrainingDataHandle::from_arrays(std::uintptr_t x, std::uintptr_t y, int n,
                                                    int inputs, int outputs) {
  return guard([&] {
    return new TrainingDataHandle(make_training_data(cf32(x), cf32(y), n, inputs, outputs));
  });
}

DatasetHandle* DatasetHandle::from_points(std::uintptr_t x, std::uintptr_t y, int n, int dims,
                                          int classes, bool regression) {
  return guard([&] {
    // Checked here, before n × dims floats are read from the heap; make_dataset checks the rest.
    if (n < 0) throw Error("x", "negative sample count");
    if (dims != 1 && dims != 2) throw Error("dims", "must be 1 or 2, got " + std::to_string(dims));
    const std::size_t nx = static_cast<std::size_t>(n) * dims;
    return new DatasetHandle(make_dataset(regression ? Problem::Regression : Problem::Classification,
                                          dims, classes, std::vector<float>(cf32(x), cf32(x) + nx),
                                          std::vector<float>(cf32(y), cf32(y) + n)));
  });
}

DatasetSplitHandle* DatasetSplitHandle::generate(const val& spec) {
  return guard([&] { return new DatasetSplitHandle(generate_dataset(read_dataset_spec(js_value(spec)))); });
}

DatasetSplitHandle* DatasetSplitHandle::split(const DatasetHandle& data, double train_ratio,
                                              double seed) {
  return guard([&] {
    return new DatasetSplitHandle(
        split_dataset(data.dataset(), static_cast<float>(train_ratio), seed_of(seed, "seed")));
  });
}

// ---- NetworkHandle ------------------------------------------------------------------------

NetworkHandle::NetworkHandle(Network net) : net_(std::move(net)) {
  auto shape = [&](const std::vector<int>& dims) {
    layers_.push_back(static_cast<int32_t>(dims.size()));
    for (std::size_t k = 0; k < 4; ++k) layers_.push_back(k < dims.size() ? dims[k] : 0);
  };
  for (int l = 0; l < net_.num_layers(); ++l) {
    const LayerGeometry& g = net_.layer(l);
    const LayerSpec& s = net_.config().layers[l];
    layers_.push_back(static_cast<int32_t>(g.type));
    layers_.push_back(static_cast<int32_t>(s.activation));
    layers_.push_back(s.residual ? 1 : 0);
    layers_.push_back(g.parameter_index);
    shape(g.input_shape);
    shape(g.output_shape);
    shape(g.weight_shape);
  }
}

NetworkHandle* NetworkHandle::create(const val& config) {
  return guard([&] { return new NetworkHandle(Network(read_config(js_value(config)))); });
}

NetworkHandle* NetworkHandle::from_json(const std::string& text) {
  return guard([&] { return new NetworkHandle(Network::from_json(text)); });
}

std::string NetworkHandle::config_json() const {
  return guard([&] { return config_to_json(net_.config()); });
}

int NetworkHandle::units(int layer) const {
  return guard([&] { return net_.units(layer); });
}

double NetworkHandle::train_batch(std::uintptr_t x, std::uintptr_t y, int n) {
  return guard([&] { return net_.train_batch(cf32(x), cf32(y), n).loss; });
}

EpochSummary NetworkHandle::train_epoch(const TrainingDataHandle& data, int batch_size, int epochs,
                                        const TrainingDataHandle* test, bool shuffle) {
  return guard([&] {
    EpochSummary s = summary_of(
        net_.train_epoch(data.data(), batch_size, epochs, test ? &test->data() : nullptr, shuffle));
    s.grad_norms = flow_grad_norms_address();
    s.update_ratios = flow_update_ratios_address();
    return s;
  });
}

EpochSummary NetworkHandle::train_part(const TrainingDataHandle& data, int batch_size,
                                       bool shuffle) {
  return guard([&] {
    EpochSummary s = summary_of(net_.train_part(data.data(), batch_size, shuffle));
    s.grad_norms = flow_grad_norms_address();
    s.update_ratios = flow_update_ratios_address();
    return s;
  });
}

EpochSummary NetworkHandle::end_epoch(double loss, const TrainingDataHandle* test) {
  return guard([&] { return summary_of(net_.end_epoch(loss, test ? &test->data() : nullptr)); });
}

void NetworkHandle::predict(std::uintptr_t x, int n, std::uintptr_t out) const {
  guard([&] { net_.predict(cf32(x), n, f32(out)); });
}

MetricsSummary NetworkHandle::evaluate(std::uintptr_t x, std::uintptr_t y, int n) const {
  return guard([&] { return summary_of(net_.evaluate(cf32(x), cf32(y), n)); });
}

MetricsSummary NetworkHandle::evaluate_data(const TrainingDataHandle& data) const {
  return guard([&] { return summary_of(net_.evaluate(data.data())); });
}

std::uintptr_t NetworkHandle::evaluate_grid(const val& grid, bool all_units, bool inputs) {
  return guard([&] {
    const GridSpec g = read_grid_spec(js_value(grid));
    // Checked (the spec, the memory budget) before resizing, so that a bad spec changes nothing.
    grid_.resize(net_.grid_output_size(g, all_units, inputs));
    if (all_units)
      net_.evaluate_grid(g, grid_.data(), inputs);
    else
      net_.evaluate_grid_outputs(g, grid_.data());
    planes_ = GridPlanes{static_cast<uint32_t>(address_of(grid_.data())), g.width, g.height};
    return reinterpret_cast<std::uintptr_t>(&planes_);
  });
}

std::uintptr_t NetworkHandle::parameters_address() const { return address_of(net_.parameters().data()); }
std::uintptr_t NetworkHandle::gradients_address() const { return address_of(net_.gradients().data()); }

void NetworkHandle::set_parameters(std::uintptr_t flat, int n) {
  guard([&] { net_.set_parameters(std::vector<float>(cf32(flat), cf32(flat) + n)); });
}

float NetworkHandle::weight(int layer, int unit, int input) const {
  return guard([&] { return net_.weight(layer, unit, input); });
}
void NetworkHandle::set_weight(int layer, int unit, int input, float value) {
  guard([&] { net_.set_weight(layer, unit, input, value); });
}
float NetworkHandle::bias(int layer, int unit) const {
  return guard([&] { return net_.bias(layer, unit); });
}
void NetworkHandle::set_bias(int layer, int unit, float value) {
  guard([&] { net_.set_bias(layer, unit, value); });
}

void NetworkHandle::set_learning_rate(float lr) {
  guard([&] { net_.set_learning_rate(lr); });
}

void NetworkHandle::set_optimizer(const val& optimizer) {
  guard([&] { net_.set_optimizer(read_optimizer(js_value(optimizer))); });
}

void NetworkHandle::set_regularization(const val& regularization) {
  guard([&] { net_.set_regularization(read_regularization(js_value(regularization))); });
}

void NetworkHandle::set_clip_norm(float clip) {
  guard([&] { net_.set_clip_norm(clip); });
}

void NetworkHandle::set_schedule(const val& schedule) {
  guard([&] { net_.set_schedule(read_schedule(js_value(schedule))); });
}

void NetworkHandle::set_stopping(const val& stopping) {
  guard([&] { net_.set_stopping(read_stopping(js_value(stopping))); });
}

// ---- introspection ----------------------------------------------------------------------

namespace {
// Appends arrays to a result buffer.
void append(std::vector<float>& out, const std::vector<float>& v) { out.insert(out.end(), v.begin(), v.end()); }
}  // namespace

std::uintptr_t NetworkHandle::trace(std::uintptr_t x, int n) {
  return guard([&] {
    const Trace t = net_.trace(cf32(x), n);
    result_.clear();
    for (const LayerValues& l : t.layers) append(result_, l.z), append(result_, l.a);
    return result_address();
  });
}

double NetworkHandle::gradients(std::uintptr_t x, std::uintptr_t y, int n, bool per_layer) {
  return guard([&] {
    const Gradients g = net_.gradients(cf32(x), cf32(y), n, per_layer);
    result_.clear();
    append(result_, g.params);
    append(result_, g.inputs);
    for (const LayerValues& l : g.layers)
      append(result_, l.z), append(result_, l.a), append(result_, l.dz), append(result_, l.da);
    return g.loss;
  });
}

PreviewSummary NetworkHandle::preview_step(std::uintptr_t x, std::uintptr_t y, int n) {
  return guard([&] {
    const StepPreview p = net_.preview_step(cf32(x), cf32(y), n);
    result_.clear();
    for (const std::vector<float>* v : {&p.gradient, &p.before, &p.after, &p.delta, &p.slot1_before,
                                        &p.slot2_before, &p.slot1_after, &p.slot2_after, &p.m_hat, &p.v_hat})
      append(result_, *v);
    const int slots = (p.slot1_before.empty() ? 0 : 1) + (p.slot2_before.empty() ? 0 : 1);
    return PreviewSummary{p.loss, p.diverged, p.learning_rate, static_cast<double>(p.step), p.clip_scale, slots};
  });
}

std::uintptr_t NetworkHandle::layer_stats(std::uintptr_t x, std::uintptr_t y, int n) {
  return guard([&] {
    const std::vector<LayerStats> st = net_.layer_stats(cf32(x), cf32(y), n);
    stats_.clear();
    for (const LayerStats& s : st)
      stats_.insert(stats_.end(), {static_cast<double>(s.units), s.weight_norm, s.grad_norm,
                                   s.epoch_grad_norm, s.update_ratio, static_cast<double>(s.dead),
                                   static_cast<double>(s.saturated)});
    return reinterpret_cast<std::uintptr_t>(stats_.data());
  });
}

int NetworkHandle::loss_surface(std::uintptr_t x, std::uintptr_t y, int n, const val& spec,
                                std::uintptr_t d1, std::uintptr_t d2, std::uintptr_t trajectory, int k) {
  return guard([&] {
    SurfaceInputs in;
    in.d1 = d1 ? cf32(d1) : nullptr;
    in.d2 = d2 ? cf32(d2) : nullptr;
    in.trajectory = trajectory ? cf32(trajectory) : nullptr;
    in.trajectory_length = trajectory ? k : 0;
    const Surface s = net_.loss_surface(cf32(x), cf32(y), n, read_surface_spec(js_value(spec)), in);
    result_.clear();
    for (const std::vector<float>* v : {&s.alphas, &s.betas, &s.loss, &s.d1, &s.d2, &s.path}) append(result_, *v);
    result_.insert(result_.end(), s.explained, s.explained + 2);
    return static_cast<int>(s.alphas.size());
  });
}

std::uintptr_t NetworkHandle::save_state(bool handover) {
  return guard([&] {
    const std::size_t n = net_.state_size(handover);
    state_.resize(8 + n);
    const uint32_t count = static_cast<uint32_t>(n);
    std::memcpy(state_.data(), &count, sizeof count);
    net_.save_state(state_.data() + 8, handover);
    return reinterpret_cast<std::uintptr_t>(state_.data());
  });
}

void NetworkHandle::restore_state(std::uintptr_t bytes, int n) {
  guard([&] {
    if (n < 0) throw Error("state", "negative size");
    net_.restore_state(reinterpret_cast<const unsigned char*>(bytes), static_cast<std::size_t>(n));
  });
}

void NetworkHandle::reset(double seed) {
  guard([&] { net_.reset(seed_of(seed, "seed")); });
}

std::string NetworkHandle::to_json() const {
  return guard([&] { return net_.to_json(); });
}

TrainingDataHandle* NetworkHandle::prepare(const DatasetHandle& data, const val& features) const {
  return guard([&] {
    return new TrainingDataHandle(net_.prepare(data.dataset(), read_features(js_value(features))));
  });
}

// ---- module-level ----------------------------------------------------------------------

std::string vocabulary() {
  auto list = [](const std::vector<std::string>& names) {
    std::string s;
    for (const std::string& n : names) s += (s.empty() ? "" : ",") + n;
    return s;
  };
  return std::string("version=") + MLP_VERSION + "\nsimd=" + (kernels::kSimdActive ? "1" : "0") +
         "\nactivations=" + list(activation_names()) + "\nlosses=" + list(loss_names()) +
         "\noptimizers=" + list(optimizer_names()) + "\nregularizations=" +
         list(regularization_names()) + "\ninits=" + list(init_names()) +
         "\nfeatures=" + list(feature_names()) + "\nlayerTypes=" + list(layer_type_names()) +
         "\npaddings=" + list(padding_names()) + "\nschedules=" + list(schedule_names()) +
         "\nstopReasons=" + stop_reason_name(StopReason::Patience) + "," +
         stop_reason_name(StopReason::TrainLoss) + "\nlimits=" + std::to_string(kMaxInputs) + "," +
         std::to_string(kMaxUnits) + "," + std::to_string(kMaxLayers) + "," +
         std::to_string(kMaxChannels) + "\nbudget=" + std::to_string(kMemoryBudget) + "," +
         std::to_string(kDataBudget) + "\nlayerWords=" + std::to_string(kLayerWords) +
         "\nerrors=" + std::to_string(error_slot_address());
}

void compute_features(std::uintptr_t x, int n, int dims, const val& features, std::uintptr_t out) {
  guard([&] { mlp::compute_features(cf32(x), n, dims, read_features(js_value(features)), f32(out)); });
}

std::uintptr_t feature_grid(const val& grid) {
  static GridPlanes planes;
  return guard([&] {
    const GridSpec g = read_grid_spec(js_value(grid));
    check_grid_spec(g);  // before allocating: nothing to free on a bad spec
    const std::size_t n = g.features.size() * static_cast<std::size_t>(g.width) * g.height;
    float* out = static_cast<float*>(std::malloc(n * sizeof(float)));
    if (!out) throw std::bad_alloc();
    mlp::feature_grid(g, out);  // checked above: does not throw
    planes = GridPlanes{static_cast<uint32_t>(address_of(out)), g.width, g.height};
    return reinterpret_cast<std::uintptr_t>(&planes);
  });
}

double heap_bytes_in_use() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace mlp::js
