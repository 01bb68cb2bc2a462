// Adapters between the Embind registrations and the core (see wasm_api.h).
#include "wasm_api.h"

#include <malloc.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "convert.h"
#include "kernels/kernels.h"
#include "mlp/error.h"

namespace mlp::js {

using nlohmann::json;

namespace {

uint64_t seed_of(double seed, const char* field) {
  if (!std::isfinite(seed) || seed < 0 || seed > 4294967295.0 || seed != std::floor(seed))
    throw Error(field, "must be an integer in [0, 4294967295], got " + describe(seed));
  return static_cast<uint64_t>(seed);
}

const Dataset& side(const DatasetSplit& s, bool test) { return test ? s.test : s.train; }

}  // namespace

// ---- TrainingData -------------------------------------------------------------------------

TrainingData::TrainingData(std::uintptr_t x, std::uintptr_t y, int n, int inputs, int outputs)
    : n_(n), inputs_(inputs), outputs_(outputs) {
  guard([&] {
    if (n < 0) throw Error("x", "negative sample count");
    x_.assign(cf32(x), cf32(x) + static_cast<std::size_t>(n) * inputs);
    y_.assign(cf32(y), cf32(y) + static_cast<std::size_t>(n) * outputs);
    return 0;
  });
}
std::uintptr_t TrainingData::x_address() const { return address_of(x_.data()); }
std::uintptr_t TrainingData::y_address() const { return address_of(y_.data()); }

// ---- DatasetPair --------------------------------------------------------------------------

DatasetPair* DatasetPair::generate(const std::string& spec_json) {
  return guard([&] {
    json j;
    try {
      j = json::parse(spec_json);
    } catch (const json::exception&) {  // bad syntax, or a number past double (1e400)
      throw Error("spec", "is not valid JSON");
    }
    DatasetSpec spec;
    if (j.contains("name")) spec.name = j["name"].get<std::string>();
    if (j.contains("samples")) spec.samples = j["samples"].get<int>();
    if (j.contains("noise")) spec.noise = j["noise"].get<float>();
    if (j.contains("classes")) spec.classes = j["classes"].get<int>();
    if (j.contains("trainRatio")) spec.train_ratio = j["trainRatio"].get<float>();
    if (j.contains("seed")) spec.seed = seed_of(j["seed"].get<double>(), "seed");
    return new DatasetPair(generate_dataset(spec));
  });
}

DatasetPair* DatasetPair::from_points(std::uintptr_t x, std::uintptr_t y, int n, int dims,
                                      int classes, bool regression, double train_ratio,
                                      double seed) {
  return guard([&] {
    if (n < 0) throw Error("x", "negative sample count");
    if (dims != 1 && dims != 2) throw Error("dims", "must be 1 or 2, got " + std::to_string(dims));
    std::vector<float> xv(cf32(x), cf32(x) + static_cast<std::size_t>(n) * dims);
    std::vector<float> yv(cf32(y), cf32(y) + static_cast<std::size_t>(n));
    Dataset d = make_dataset(regression ? Problem::Regression : Problem::Classification, dims,
                             classes, std::move(xv), std::move(yv));
    if (!(train_ratio > 0 && train_ratio <= 1))
      throw Error("trainRatio", "must be a number in (0, 1], got " + describe(train_ratio));
    return new DatasetPair(split_dataset(d, static_cast<float>(train_ratio), seed_of(seed, "seed")));
  });
}

DatasetPair* DatasetPair::whole(std::uintptr_t x, std::uintptr_t y, int n, int dims, int classes,
                                bool regression) {
  return guard([&] {
    if (n < 0) throw Error("x", "negative sample count");
    if (dims != 1 && dims != 2) throw Error("dims", "must be 1 or 2, got " + std::to_string(dims));
    DatasetSplit s;
    s.train = make_dataset(regression ? Problem::Regression : Problem::Classification, dims, classes,
                           std::vector<float>(cf32(x), cf32(x) + static_cast<std::size_t>(n) * dims),
                           std::vector<float>(cf32(y), cf32(y) + n));
    s.test = s.train;
    s.test.x.clear();
    s.test.y.clear();
    return new DatasetPair(std::move(s));
  });
}

std::uintptr_t DatasetPair::train_x() const { return address_of(split_.train.x.data()); }
std::uintptr_t DatasetPair::train_y() const { return address_of(split_.train.y.data()); }
std::uintptr_t DatasetPair::test_x() const { return address_of(split_.test.x.data()); }
std::uintptr_t DatasetPair::test_y() const { return address_of(split_.test.y.data()); }

// ---- NetworkHandle ------------------------------------------------------------------------

NetworkHandle* NetworkHandle::create(std::uintptr_t descriptor, int length) {
  return guard([&] {
    const double* d = reinterpret_cast<const double*>(descriptor);
    auto at = [&](int i) {
      if (i >= length) throw Error("config", "descriptor too short");
      return d[i];
    };
    NetworkConfig c;
    int i = 0;
    c.inputs = static_cast<int>(at(i++));
    const int layers = static_cast<int>(at(i++));
    if (layers < 1 || layers > kMaxLayers)
      throw Error("layers", "must list 1 to " + std::to_string(kMaxLayers) + " layers");
    for (int l = 0; l < layers; ++l) {
      LayerSpec spec;
      spec.units = static_cast<int>(at(i++));
      spec.activation = static_cast<Activation>(static_cast<int>(at(i++)));
      c.layers.push_back(spec);
    }
    c.loss = static_cast<Loss>(static_cast<int>(at(i++)));
    c.optimizer.type = static_cast<OptimizerType>(static_cast<int>(at(i++)));
    c.optimizer.learning_rate = static_cast<float>(at(i++));
    c.optimizer.momentum = static_cast<float>(at(i++));
    c.optimizer.beta1 = static_cast<float>(at(i++));
    c.optimizer.beta2 = static_cast<float>(at(i++));
    c.optimizer.eps = static_cast<float>(at(i++));
    c.regularization.type = static_cast<Regularization>(static_cast<int>(at(i++)));
    c.regularization.rate = static_cast<float>(at(i++));
    c.init = static_cast<Init>(static_cast<int>(at(i++)));
    c.seed = seed_of(at(i++), "seed");
    c.clip_norm = static_cast<float>(at(i++));
    const int features = static_cast<int>(at(i++));
    for (int f = 0; f < features; ++f) c.features.push_back(static_cast<Feature>(static_cast<int>(at(i++))));
    return new NetworkHandle(Network(c));  // Network validates every field
  });
}

NetworkHandle* NetworkHandle::from_json(const std::string& text) {
  return guard([&] { return new NetworkHandle(Network::from_json(text)); });
}

std::string NetworkHandle::config_json() const { return mlp::config_to_json(net_.config()); }

int NetworkHandle::units(int layer) const {
  return guard([&] { return net_.units(layer); });
}

double NetworkHandle::train_batch(std::uintptr_t x, std::uintptr_t y, int n) {
  return guard([&] { return net_.train_batch(cf32(x), cf32(y), n).loss; });
}

EpochSummary NetworkHandle::train_epochs(const TrainingData& data, int batch_size, int epochs) {
  return guard([&] {
    if (data.inputs() != net_.inputs() || data.outputs() != net_.outputs())
      throw Error("data", "was prepared for " + std::to_string(data.inputs()) + " inputs and " +
                              std::to_string(data.outputs()) + " outputs; this network has " +
                              std::to_string(net_.inputs()) + " and " +
                              std::to_string(net_.outputs()));
    if (epochs < 1) throw Error("epochs", "must be an integer >= 1, got " + std::to_string(epochs));
    EpochSummary s;
    for (int e = 0; e < epochs; ++e) {
      const EpochResult r = net_.train_epoch(data.x(), data.y(), data.size(), batch_size);
      s.loss = r.loss;
      s.steps += r.steps;
      ++s.epochs;
      if (r.diverged()) {
        s.diverged = true;
        break;
      }
    }
    return s;
  });
}

void NetworkHandle::predict(std::uintptr_t x, int n, std::uintptr_t out) const {
  guard([&] {
    net_.predict(cf32(x), n, f32(out));
    return 0;
  });
}

MetricsSummary NetworkHandle::evaluate(std::uintptr_t x, std::uintptr_t y, int n) const {
  return guard([&] {
    const Metrics m = net_.evaluate(cf32(x), cf32(y), n);
    return MetricsSummary{m.loss, m.accuracy};
  });
}

MetricsSummary NetworkHandle::evaluate_data(const TrainingData& data) const {
  return guard([&] {
    if (data.inputs() != net_.inputs() || data.outputs() != net_.outputs())
      throw Error("data", "was prepared for a network of another shape");
    const Metrics m = net_.evaluate(data.x(), data.y(), data.size());
    return MetricsSummary{m.loss, m.accuracy};
  });
}

std::uintptr_t NetworkHandle::evaluate_grid(int width, int height, float x_min, float x_max,
                                            float y_min, float y_max, int dims,
                                            const std::string& features, bool all_units) {
  return guard([&] {
    GridSpec g;
    g.width = width;
    g.height = height;
    g.x_min = x_min;
    g.x_max = x_max;
    g.y_min = y_min;
    g.y_max = y_max;
    g.dims = dims;
    g.features = parse_features(features);
    const std::size_t units = all_units ? net_.total_grid_units() : net_.outputs();
    net_.check_grid(g);  // before resizing, so that a bad spec changes nothing
    grid_.resize(units * static_cast<std::size_t>(width) * height);
    if (all_units)
      net_.evaluate_grid(g, grid_.data());
    else
      net_.evaluate_grid_outputs(g, grid_.data());
    return address_of(grid_.data());
  });
}

std::uintptr_t NetworkHandle::parameters_address() const { return address_of(net_.parameters().data()); }
std::uintptr_t NetworkHandle::gradients_address() const { return address_of(net_.gradients().data()); }

void NetworkHandle::set_parameters(std::uintptr_t flat, int n) {
  guard([&] {
    net_.set_parameters(std::vector<float>(cf32(flat), cf32(flat) + n));
    return 0;
  });
}

float NetworkHandle::weight(int layer, int unit, int input) const {
  return guard([&] { return net_.weight(layer, unit, input); });
}
void NetworkHandle::set_weight(int layer, int unit, int input, float value) {
  guard([&] {
    net_.set_weight(layer, unit, input, value);
    return 0;
  });
}
float NetworkHandle::bias(int layer, int unit) const {
  return guard([&] { return net_.bias(layer, unit); });
}
void NetworkHandle::set_bias(int layer, int unit, float value) {
  guard([&] {
    net_.set_bias(layer, unit, value);
    return 0;
  });
}

void NetworkHandle::set_learning_rate(float lr) {
  guard([&] {
    net_.set_learning_rate(lr);
    return 0;
  });
}

namespace {
// The network's config with `key` replaced by the JSON `text`, read back as a whole config
// so that names, ranges and error fields are those of createNetwork. Rarely called (a
// change in the UI): the text round trip costs nothing that matters.
NetworkConfig config_with(const NetworkConfig& c, const char* key, const std::string& text) {
  json j = json::parse(config_to_json(c));
  try {
    j[key] = json::parse(text);
  } catch (const json::exception&) {  // bad syntax, or a number past double (1e400)
    throw Error(key, "is not valid JSON");
  }
  return config_from_json(j.dump());
}
}  // namespace

void NetworkHandle::set_optimizer(const std::string& text) {
  guard([&] {
    net_.set_optimizer(config_with(net_.config(), "optimizer", text).optimizer);
    return 0;
  });
}

void NetworkHandle::set_regularization(const std::string& text) {
  guard([&] {
    net_.set_regularization(config_with(net_.config(), "regularization", text).regularization);
    return 0;
  });
}

void NetworkHandle::set_clip_norm(float clip) {
  guard([&] {
    net_.set_clip_norm(clip);
    return 0;
  });
}

void NetworkHandle::reset(double seed) {
  guard([&] {
    net_.reset(seed_of(seed, "seed"));
    return 0;
  });
}

std::string NetworkHandle::to_json() const { return net_.to_json(); }

TrainingData* NetworkHandle::prepare(const DatasetPair& data, bool test,
                                     const std::string& features) const {
  return guard([&] {
    const std::vector<Feature> f = parse_features(features);
    const Dataset& d = side(data.split(), test);
    const int n = d.size();
    validate_features(f, d.dims);
    if (static_cast<int>(f.size()) != net_.inputs())
      throw Error("features", std::to_string(f.size()) + " features give " +
                                  std::to_string(f.size()) + " inputs, but the network has " +
                                  std::to_string(net_.inputs()));
    std::vector<float> x(static_cast<std::size_t>(n) * f.size());
    std::vector<float> t(static_cast<std::size_t>(n) * net_.outputs());
    compute_features(d.x.data(), n, d.dims, f, x.data());
    encode_targets(d, net_.outputs(), net_.config().layers.back().activation, t.data());
    return new TrainingData(std::move(x), std::move(t), n, net_.inputs(), net_.outputs());
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
         "\nfeatures=" + list(feature_names()) + "\nlimits=" + std::to_string(kMaxInputs) + "," +
         std::to_string(kMaxUnits) + "," + std::to_string(kMaxLayers);
}

std::string datasets_json() {
  json datasets = json::array();
  for (const DatasetInfo& d : dataset_catalog())
    datasets.push_back({{"name", d.name},
                        {"problem", d.problem == Problem::Regression ? "regression" : "classification"},
                        {"dims", d.dims},
                        {"defaultSamples", d.default_samples},
                        {"multiclass", d.multiclass},
                        {"domain", {d.domain_min, d.domain_max}},
                        {"description", d.description}});
  return datasets.dump();
}

double heap_bytes_in_use() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace mlp::js
