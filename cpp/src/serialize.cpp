// JSON for configs and whole networks (nlohmann/json). Floats are written with the
// fewest digits that read back to the same float, so a round trip is exact and the text
// stays short; every field read is checked and a bad one is named in the error.
#include "serialize.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>

#include "json_value.h"
#include "mlp/error.h"
#include "network/layout.h"
#include "specs.h"

namespace mlp {

using json = nlohmann::json;

namespace {

constexpr const char* kFormat = "mlp-playground/network";

// Versions of the network file (web/src/core/network.schema.json describes the current one):
//   1  the first format.
//   2  adds config.features (optional): what each input is, for exports and the page.
//   3  adds layer types: config.inputShape, layers of {type: "conv2d" | "maxpool", ...},
//      dense layers' residual; parameters list the layers that have them (a maxpool has
//      none), a conv2d weight [out, in, k, k] row-major.
//   4  adds config.schedule and config.stopping (optional), "epochs" (epochs trained: the
//      schedule's position) and "earlyStopping" (the best test loss so far and its epoch).
// Reading an older file runs the upgrade steps from its version on, each turning the parsed
// document of version v into one of version v + 1; a new version adds its step here.
constexpr int kFormatVersion = 4;
using Upgrade = void (*)(json& doc);
const Upgrade kUpgrades[kFormatVersion - 1] = {
    [](json&) {},  // 1 -> 2: nothing to convert (a version 1 file has no features)
    [](json&) {},  // 2 -> 3: nothing to convert (dense layers read as they were written)
    [](json&) {},  // 3 -> 4: nothing to convert (no schedule: a constant rate; epochs 0)
};

void upgrade(json& doc, long long version) {
  for (long long v = version; v < kFormatVersion; ++v) kUpgrades[v - 1](doc);
  doc["version"] = kFormatVersion;
}

// The double nearest to the shortest decimal that reads back as f.
double short_double(float f) {
  char buf[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(f));
    const double d = std::strtod(buf, nullptr);
    if (static_cast<float>(d) == f) return d;
  }
  return f;
}

json float_array(const float* v, std::size_t n) {
  json a = json::array();
  for (std::size_t i = 0; i < n; ++i) a.push_back(short_double(v[i]));
  return a;
}

// ---- reading helpers: the typed reads of value.h, on JSON values -------------------------

const json& member(const json& obj, const std::string& key, const std::string& field) {
  auto it = obj.find(key);
  if (it == obj.end()) throw Error(field, "is required");
  return *it;
}

// `field` is "" for the document itself, which errors name "json" (as parse_json does).
void expect_object(const json& j, const std::string& field,
                   std::initializer_list<const char*> allowed) {
  mlp::expect_object(json_value(j), Path(field.c_str()), allowed, "json");
}

long long read_int(const json& j, const std::string& field, long long lo, long long hi) {
  return mlp::read_int(json_value(j), Path(field.c_str()), lo, hi);
}

std::string read_string(const json& j, const std::string& field) {
  return mlp::read_string(json_value(j), Path(field.c_str()));
}

std::vector<float> read_floats(const json& j, const std::string& field) {
  if (!j.is_array()) throw Error(field, "must be an array of numbers, got " + json_value(j).describe());
  std::vector<float> v;
  v.reserve(j.size());
  const Path f(field.c_str());
  for (std::size_t i = 0; i < j.size(); ++i) v.push_back(mlp::read_float(json_value(j[i]), f[i]));
  return v;
}

// A layer as the npm API spells it: dense layers as they always were ({units, activation},
// residual only when set), the others with their type and every field.
json layer_json(const LayerSpec& l) {
  switch (l.type) {
    case LayerType::Conv2d:
      return {{"type", "conv2d"}, {"channels", l.channels}, {"kernel", l.kernel},
              {"stride", l.stride}, {"padding", padding_name(l.padding)},
              {"activation", activation_name(l.activation)}};
    case LayerType::MaxPool:
      return {{"type", "maxpool"}, {"size", l.size}};
    case LayerType::Dense:
      break;
  }
  json j{{"units", l.units}, {"activation", activation_name(l.activation)}};
  if (l.residual) j["residual"] = true;
  return j;
}

json config_json(const NetworkConfig& c) {
  json layers = json::array();
  for (const LayerSpec& l : c.layers) layers.push_back(layer_json(l));
  const OptimizerSpec& o = c.optimizer;
  json j{
      {"inputs", c.inputs},
      {"layers", layers},
      {"loss", loss_name(c.loss)},
      {"optimizer",
       {{"type", optimizer_name(o.type)},
        {"learningRate", short_double(o.learning_rate)},
        {"momentum", short_double(o.momentum)},
        {"beta1", short_double(o.beta1)},
        {"beta2", short_double(o.beta2)},
        {"eps", short_double(o.eps)}}},
      {"regularization",
       {{"type", regularization_name(c.regularization.type)},
        {"rate", short_double(c.regularization.rate)}}},
      {"init", init_name(c.init)},
      {"seed", c.seed},
      {"clipNorm", short_double(c.clip_norm)},
  };
  if (!c.input_shape.empty()) j["inputShape"] = c.input_shape;
  if (!c.features.empty()) {
    json features = json::array();
    for (Feature f : c.features) features.push_back(feature_name(f));
    j["features"] = features;
  }
  // Written when in use (a file without them reads back as without).
  const ScheduleSpec& sc = c.schedule;
  if (sc.type != ScheduleType::None)
    j["schedule"] = {{"type", schedule_name(sc.type)},
                     {"stepSize", sc.step_size},
                     {"gamma", short_double(sc.gamma)},
                     {"tMax", sc.t_max},
                     {"etaMin", short_double(sc.eta_min)},
                     {"startFactor", short_double(sc.start_factor)},
                     {"endFactor", short_double(sc.end_factor)},
                     {"totalIters", sc.total_iters}};
  if (c.stopping.patience > 0 || c.stopping.train_loss > 0.0f)
    j["stopping"] = {{"patience", c.stopping.patience},
                     {"trainLoss", short_double(c.stopping.train_loss)}};
  return j;
}

}  // namespace

std::string config_to_json(const NetworkConfig& config) { return config_json(config).dump(); }

NetworkConfig config_from_json(const std::string& text) {
  const json j = parse_json(text);
  NetworkConfig c = read_config(json_value(j));
  validate(c);
  return c;
}

std::string write_network_json(const NetworkState& s) {
  const NetworkConfig& c = s.config;
  json weights = json::array(), biases = json::array();
  for (const LayerInfo& l : plan_layout(c).layers) {
    if (!l.has_params()) continue;
    weights.push_back(float_array(s.params.data() + l.w, l.nw));
    biases.push_back(float_array(s.params.data() + l.b, l.nb));
  }
  json opt = {{"type", optimizer_name(c.optimizer.type)}, {"step", s.opt_steps}};
  if (c.optimizer.type == OptimizerType::Momentum)
    opt["velocity"] = float_array(s.slot1.data(), s.slot1.size());
  if (c.optimizer.type == OptimizerType::Adam) {
    opt["m"] = float_array(s.slot1.data(), s.slot1.size());
    opt["v"] = float_array(s.slot2.data(), s.slot2.size());
  }
  json j = {{"format", kFormat},
            {"version", kFormatVersion},
            {"config", config_json(c)},
            {"parameters", {{"weights", weights}, {"biases", biases}}},
            {"optimizerState", opt},
            {"steps", s.steps},
            {"rng", std::to_string(s.rng_state)}};
  if (s.epochs > 0) j["epochs"] = s.epochs;
  if (s.best_epoch >= 0)
    j["earlyStopping"] = {{"bestTestLoss", short_double(s.best_test_loss)}, {"bestEpoch", s.best_epoch}};
  return j.dump();
}

NetworkState read_network_json(const std::string& text) {
  json j = parse_json(text);
  expect_object(j, "", {"format", "version", "config", "parameters", "optimizerState", "steps",
                        "epochs", "earlyStopping", "rng"});
  if (read_string(member(j, "format", "format"), "format") != kFormat)
    throw Error("format", std::string("must be \"") + kFormat + "\" (not an mlp-playground network)");
  const long long version = read_int(member(j, "version", "version"), "version", 1, 1000000);
  if (version > kFormatVersion)
    throw Error("version", std::to_string(version) +
                               " is newer than this mlp-playground reads (versions 1 to " +
                               std::to_string(kFormatVersion) + "); load the file with a newer one");
  upgrade(j, version);
  NetworkState s;
  s.config = read_config(json_value(member(j, "config", "config")), "config");
  validate(s.config);
  const json& p = member(j, "parameters", "parameters");
  expect_object(p, "parameters", {"weights", "biases"});
  const json& w = member(p, "weights", "parameters.weights");
  const json& b = member(p, "biases", "parameters.biases");
  std::vector<LayerInfo> layers;
  for (const LayerInfo& l : plan_layout(s.config).layers)
    if (l.has_params()) layers.push_back(l);
  const std::size_t L = layers.size();
  if (!w.is_array() || w.size() != L)
    throw Error("parameters.weights", "must be an array of " + std::to_string(L) +
                                          " layers (those with parameters)");
  if (!b.is_array() || b.size() != L)
    throw Error("parameters.biases", "must be an array of " + std::to_string(L) +
                                         " layers (those with parameters)");
  for (std::size_t k = 0; k < L; ++k) {
    const LayerInfo& l = layers[k];
    const std::string wf = "parameters.weights[" + std::to_string(k) + "]";
    const std::string bf = "parameters.biases[" + std::to_string(k) + "]";
    std::vector<float> wl = read_floats(w[k], wf), bl = read_floats(b[k], bf);
    if (wl.size() != l.nw) {
      const std::string shape = l.type == LayerType::Conv2d
          ? std::to_string(l.conv.O) + ", " + std::to_string(l.conv.C) + ", " + std::to_string(l.conv.K) + ", " + std::to_string(l.conv.K)
          : std::to_string(l.out) + ", " + std::to_string(l.in);
      throw Error(wf, "needs " + std::to_string(l.nw) + " values ([" + shape + "] row-major), got " +
                          std::to_string(wl.size()));
    }
    if (bl.size() != l.nb)
      throw Error(bf, "needs " + std::to_string(l.nb) + " values, got " + std::to_string(bl.size()));
    s.params.insert(s.params.end(), wl.begin(), wl.end());
    s.params.insert(s.params.end(), bl.begin(), bl.end());
  }
  const json& o = member(j, "optimizerState", "optimizerState");
  expect_object(o, "optimizerState", {"type", "step", "velocity", "m", "v"});
  const OptimizerType t = parse_optimizer(read_string(member(o, "type", "optimizerState.type"),
                                                      "optimizerState.type"),
                                          "optimizerState.type");
  if (t != s.config.optimizer.type)
    throw Error("optimizerState.type", "must match config.optimizer.type");
  s.opt_steps = read_int(member(o, "step", "optimizerState.step"), "optimizerState.step", 0,
                         (1LL << 53));
  if (t == OptimizerType::Momentum)
    s.slot1 = read_floats(member(o, "velocity", "optimizerState.velocity"), "optimizerState.velocity");
  if (t == OptimizerType::Adam) {
    s.slot1 = read_floats(member(o, "m", "optimizerState.m"), "optimizerState.m");
    s.slot2 = read_floats(member(o, "v", "optimizerState.v"), "optimizerState.v");
  }
  if ((t != OptimizerType::Sgd && s.slot1.size() != s.params.size()) ||
      (t == OptimizerType::Adam && s.slot2.size() != s.params.size()))
    throw Error("optimizerState", "each slot needs " + std::to_string(s.params.size()) + " values");
  s.steps = j.contains("steps") ? read_int(j["steps"], "steps", 0, (1LL << 53)) : 0;
  s.epochs = j.contains("epochs") ? read_int(j["epochs"], "epochs", 0, (1LL << 53)) : 0;
  if (j.contains("earlyStopping")) {
    const json& e = j["earlyStopping"];
    expect_object(e, "earlyStopping", {"bestTestLoss", "bestEpoch"});
    s.best_test_loss = mlp::read_float(json_value(member(e, "bestTestLoss", "earlyStopping.bestTestLoss")),
                                       Path("earlyStopping.bestTestLoss"));
    s.best_epoch = read_int(member(e, "bestEpoch", "earlyStopping.bestEpoch"),
                            "earlyStopping.bestEpoch", 0, s.epochs);
  }
  if (j.contains("rng")) {
    const std::string r = read_string(j["rng"], "rng");
    char* end = nullptr;
    s.rng_state = std::strtoull(r.c_str(), &end, 10);
    if (r.empty() || *end != '\0') throw Error("rng", "must be a decimal integer string");
    s.has_rng_state = true;
  }
  return s;
}

}  // namespace mlp
