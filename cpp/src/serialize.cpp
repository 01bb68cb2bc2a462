// JSON for configs and whole networks (json.h's reader and writer). Floats are written with
// the fewest digits that read back to the same float, so a round trip is exact and the text
// stays short; every field read is checked and a bad one is named in the error.
#include "serialize.h"

#include <cstdlib>
#include <initializer_list>

#include "json.h"
#include "mlp/error.h"
#include "network/layout.h"
#include "specs.h"

namespace mlp {

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
// Each version only added optional fields, so the reader reads every older one as it is
// (a file of version 1 has no features, no layer types, no schedule: their defaults). A
// version that renames or reshapes a field reads the old spelling where the field is read,
// by `version`.
constexpr int kFormatVersion = 4;

// ---- reading helpers: the typed reads of value.h -------------------------------------------

std::vector<float> read_floats(const Value& v, const Path& field) {
  if (v.type() != Value::Type::Array)
    throw Error(field.str(), "must be an array of numbers, got " + v.describe());
  std::vector<float> out(v.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = read_float(v.element(i), field[i]);
  return out;
}

// A layer as the npm API spells it: dense layers as they always were ({units, activation},
// residual only when set), the others with their type and every field.
void write_layer(JsonWriter& w, const LayerSpec& l) {
  w.begin_object();
  switch (l.type) {
    case LayerType::Conv2d:
      w.key("type").string("conv2d").key("channels").integer(l.channels);
      w.key("kernel").integer(l.kernel).key("stride").integer(l.stride);
      w.key("padding").string(padding_name(l.padding));
      w.key("activation").string(activation_name(l.activation));
      break;
    case LayerType::MaxPool:
      w.key("type").string("maxpool").key("size").integer(l.size);
      break;
    case LayerType::Dense:
      w.key("units").integer(l.units).key("activation").string(activation_name(l.activation));
      if (l.residual) w.key("residual").boolean(true);
      break;
  }
  w.end_object();
}

void write_config(JsonWriter& w, const NetworkConfig& c) {
  w.begin_object().key("inputs").integer(c.inputs);
  if (!c.input_shape.empty()) {
    w.key("inputShape").begin_array();
    for (int d : c.input_shape) w.integer(d);
    w.end_array();
  }
  w.key("layers").begin_array();
  for (const LayerSpec& l : c.layers) write_layer(w, l);
  w.end_array();
  w.key("loss").string(loss_name(c.loss));
  const OptimizerSpec& o = c.optimizer;
  w.key("optimizer").begin_object().key("type").string(optimizer_name(o.type));
  w.key("learningRate").real(o.learning_rate).key("momentum").real(o.momentum);
  w.key("beta1").real(o.beta1).key("beta2").real(o.beta2).key("eps").real(o.eps).end_object();
  w.key("regularization").begin_object().key("type").string(regularization_name(c.regularization.type));
  w.key("rate").real(c.regularization.rate).end_object();
  w.key("init").string(init_name(c.init));
  w.key("seed").integer(static_cast<long long>(c.seed));
  w.key("clipNorm").real(c.clip_norm);
  if (!c.features.empty()) {
    w.key("features").begin_array();
    for (Feature f : c.features) w.string(feature_name(f));
    w.end_array();
  }
  // Written when in use (a file without them reads back as without).
  const ScheduleSpec& sc = c.schedule;
  if (sc.type != ScheduleType::None) {
    w.key("schedule").begin_object().key("type").string(schedule_name(sc.type));
    w.key("stepSize").integer(sc.step_size).key("gamma").real(sc.gamma);
    w.key("tMax").integer(sc.t_max).key("etaMin").real(sc.eta_min);
    w.key("startFactor").real(sc.start_factor).key("endFactor").real(sc.end_factor);
    w.key("totalIters").integer(sc.total_iters).end_object();
  }
  if (c.stopping.patience > 0 || c.stopping.train_loss > 0.0f) {
    w.key("stopping").begin_object().key("patience").integer(c.stopping.patience);
    w.key("trainLoss").real(c.stopping.train_loss).end_object();
  }
  w.end_object();
}

}  // namespace

std::string config_to_json(const NetworkConfig& config) {
  JsonWriter w;
  write_config(w, config);
  return w.str();
}

NetworkConfig config_from_json(const std::string& text) {
  const JsonDocument doc(text);
  NetworkConfig c = read_config(doc.root());
  validate(c);
  return c;
}

std::string write_network_json(const NetworkState& s) {
  const NetworkConfig& c = s.config;
  JsonWriter w;
  w.begin_object().key("format").string(kFormat).key("version").integer(kFormatVersion);
  w.key("config");
  write_config(w, c);
  const std::vector<LayerInfo> layers = plan_layout(c).layers;
  w.key("parameters").begin_object().key("weights").begin_array();
  for (const LayerInfo& l : layers)
    if (l.has_params()) w.reals(s.params.data() + l.w, l.nw);
  w.end_array().key("biases").begin_array();
  for (const LayerInfo& l : layers)
    if (l.has_params()) w.reals(s.params.data() + l.b, l.nb);
  w.end_array().end_object();
  w.key("optimizerState").begin_object().key("type").string(optimizer_name(c.optimizer.type));
  w.key("step").integer(s.opt_steps);
  if (c.optimizer.type == OptimizerType::Momentum)
    w.key("velocity").reals(s.slot1.data(), s.slot1.size());
  if (c.optimizer.type == OptimizerType::Adam) {
    w.key("m").reals(s.slot1.data(), s.slot1.size());
    w.key("v").reals(s.slot2.data(), s.slot2.size());
  }
  w.end_object();
  w.key("steps").integer(s.steps);
  if (s.epochs > 0) w.key("epochs").integer(s.epochs);
  if (s.best_epoch >= 0) {
    w.key("earlyStopping").begin_object().key("bestTestLoss").real(s.best_test_loss);
    w.key("bestEpoch").integer(s.best_epoch).end_object();
  }
  w.key("rng").string(std::to_string(s.rng_state));
  w.end_object();
  return w.str();
}

NetworkState read_network_json(const std::string& text) {
  const JsonDocument doc(text);
  const Value j = doc.root();
  const Path top;
  expect_object(j, top, {"format", "version", "config", "parameters", "optimizerState", "steps",
                         "epochs", "earlyStopping", "rng"}, "json");
  if (read_string(required(j, top, "format"), Path("format")) != kFormat)
    throw Error("format", std::string("must be \"") + kFormat + "\" (not an mlp-playground network)");
  const long long version = read_int(required(j, top, "version"), Path("version"), 1, 1000000);
  if (version > kFormatVersion)
    throw Error("version", std::to_string(version) +
                               " is newer than this mlp-playground reads (versions 1 to " +
                               std::to_string(kFormatVersion) + "); load the file with a newer one");
  NetworkState s;
  s.config = read_config(required(j, top, "config"), "config");
  validate(s.config);
  const Path pf("parameters");
  const Value p = required(j, top, "parameters");
  expect_object(p, pf, {"weights", "biases"});
  const Value w = required(p, pf, "weights");
  const Value b = required(p, pf, "biases");
  std::vector<LayerInfo> layers;
  for (const LayerInfo& l : plan_layout(s.config).layers)
    if (l.has_params()) layers.push_back(l);
  const std::size_t L = layers.size();
  if (w.type() != Value::Type::Array || w.size() != L)
    throw Error("parameters.weights", "must be an array of " + std::to_string(L) +
                                          " layers (those with parameters)");
  if (b.type() != Value::Type::Array || b.size() != L)
    throw Error("parameters.biases", "must be an array of " + std::to_string(L) +
                                         " layers (those with parameters)");
  const Path wp = pf / "weights", bp = pf / "biases";
  for (std::size_t k = 0; k < L; ++k) {
    const LayerInfo& l = layers[k];
    const Path wf = wp[k], bf = bp[k];
    std::vector<float> wl = read_floats(w.element(k), wf), bl = read_floats(b.element(k), bf);
    if (wl.size() != l.nw) {
      const std::string shape = l.type == LayerType::Conv2d
          ? std::to_string(l.conv.O) + ", " + std::to_string(l.conv.C) + ", " + std::to_string(l.conv.K) + ", " + std::to_string(l.conv.K)
          : std::to_string(l.out) + ", " + std::to_string(l.in);
      throw Error(wf.str(), "needs " + std::to_string(l.nw) + " values ([" + shape +
                                "] row-major), got " + std::to_string(wl.size()));
    }
    if (bl.size() != l.nb)
      throw Error(bf.str(), "needs " + std::to_string(l.nb) + " values, got " + std::to_string(bl.size()));
    s.params.insert(s.params.end(), wl.begin(), wl.end());
    s.params.insert(s.params.end(), bl.begin(), bl.end());
  }
  const Path of("optimizerState");
  const Value o = required(j, top, "optimizerState");
  expect_object(o, of, {"type", "step", "velocity", "m", "v"});
  const OptimizerType t = parse_optimizer(read_string(required(o, of, "type"), of / "type"),
                                          "optimizerState.type");
  if (t != s.config.optimizer.type)
    throw Error("optimizerState.type", "must match config.optimizer.type");
  s.opt_steps = read_int(required(o, of, "step"), of / "step", 0, (1LL << 53));
  if (t == OptimizerType::Momentum) s.slot1 = read_floats(required(o, of, "velocity"), of / "velocity");
  if (t == OptimizerType::Adam) {
    s.slot1 = read_floats(required(o, of, "m"), of / "m");
    s.slot2 = read_floats(required(o, of, "v"), of / "v");
  }
  if ((t != OptimizerType::Sgd && s.slot1.size() != s.params.size()) ||
      (t == OptimizerType::Adam && s.slot2.size() != s.params.size()))
    throw Error("optimizerState", "each slot needs " + std::to_string(s.params.size()) + " values");
  const Value steps = j.member("steps"), epochs = j.member("epochs");
  s.steps = steps.present() ? read_int(steps, Path("steps"), 0, (1LL << 53)) : 0;
  s.epochs = epochs.present() ? read_int(epochs, Path("epochs"), 0, (1LL << 53)) : 0;
  const Value e = j.member("earlyStopping");
  if (e.present()) {
    const Path ef("earlyStopping");
    expect_object(e, ef, {"bestTestLoss", "bestEpoch"});
    s.best_test_loss = read_float(required(e, ef, "bestTestLoss"), ef / "bestTestLoss");
    s.best_epoch = read_int(required(e, ef, "bestEpoch"), ef / "bestEpoch", 0, s.epochs);
  }
  const Value rng = j.member("rng");
  if (rng.present()) {
    const std::string r = read_string(rng, Path("rng"));
    char* end = nullptr;
    s.rng_state = std::strtoull(r.c_str(), &end, 10);
    if (r.empty() || *end != '\0') throw Error("rng", "must be a decimal integer string");
    s.has_rng_state = true;
  }
  return s;
}

}  // namespace mlp
