// The readers of specs.h: field names, required members and defaults of every named
// structure the core accepts, whatever the source (network file, JSON config, JavaScript
// object through the bindings).
#include "specs.h"

#include "mlp/error.h"

namespace mlp {

namespace {

using Type = Value::Type;

// One of the vocabulary's names (in enum order). The message is the one the library gave
// before the core read configs itself ("features[0]: unknown value \"x3\"; allowed: ...").
template <class E>
E read_name(const Value& v, const Path& field, const std::vector<std::string>& names) {
  const std::string name = read_string(v, field);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<E>(i);
  throw Error(field.str(), "unknown value " + describe(name) + "; allowed: " + join_quoted(names));
}

// A layer: dense when `type` is absent (the fields it always had), else the fields of its
// type. Ranges that depend on the layer list (kernel sizes that fit, residual widths) are
// validate()'s.
LayerSpec read_layer(const Value& v, const Path& field) {
  if (v.type() != Type::Object) throw Error(field.str(), "must be an object, got " + v.describe());
  LayerSpec l;
  if (const Value t = v.member("type"); t.present())
    l.type = read_name<LayerType>(t, field / "type", layer_type_names());
  auto activation = [&] {
    l.activation = read_name<Activation>(required(v, field, "activation"), field / "activation",
                                         activation_names());
  };
  switch (l.type) {
    case LayerType::Dense:
      expect_object(v, field, {"type", "units", "activation", "residual"});
      l.units = static_cast<int>(read_int(required(v, field, "units"), field / "units", 1, kMaxUnits));
      activation();
      if (const Value r = v.member("residual"); r.present()) l.residual = read_bool(r, field / "residual");
      break;
    case LayerType::Conv2d:
      expect_object(v, field, {"type", "channels", "kernel", "stride", "padding", "activation"});
      l.channels = static_cast<int>(
          read_int(required(v, field, "channels"), field / "channels", 1, kMaxChannels));
      l.kernel = static_cast<int>(read_int(required(v, field, "kernel"), field / "kernel", 1, 1024));
      if (const Value m = v.member("stride"); m.present())
        l.stride = static_cast<int>(read_int(m, field / "stride", 1, 1024));
      if (const Value m = v.member("padding"); m.present())
        l.padding = read_name<Padding>(m, field / "padding", padding_names());
      activation();
      break;
    case LayerType::MaxPool:
      expect_object(v, field, {"type", "size"});
      if (const Value m = v.member("size"); m.present())
        l.size = static_cast<int>(read_int(m, field / "size", 1, 1024));
      break;
  }
  return l;
}

// [channels, height, width]: the count and the product are validate()'s.
std::vector<int> read_shape(const Value& v, const Path& field) {
  if (v.type() != Type::Array || v.size() == 0 || v.size() > 3)
    throw Error(field.str(), "must be [channels, height, width], got " + v.describe());
  std::vector<int> shape;
  for (std::size_t i = 0; i < v.size(); ++i)
    shape.push_back(static_cast<int>(read_int(v.element(i), field[i], 1, kMaxInputs)));
  return shape;
}

uint64_t read_seed(const Value& v, const Path& field) {
  return static_cast<uint64_t>(read_int(v, field, 0, 4294967295LL));
}

int read_int32(const Value& v, const Path& field) {
  return static_cast<int>(read_int(v, field, -2147483648LL, 2147483647LL));
}

// [min, max], finite, min < max.
void read_range(const Value& v, const Path& field, float& lo, float& hi) {
  if (v.type() != Type::Array || v.size() != 2)
    throw Error(field.str(), "must be [min, max], got " + v.describe());
  const float a = read_float(v.element(0), field[0]);
  const float b = read_float(v.element(1), field[1]);
  if (!(a < b))
    throw Error(field.str(), "min must be below max, got [" + describe(a) + ", " + describe(b) + "]");
  lo = a;
  hi = b;
}

OptimizerSpec optimizer_at(const Value& v, const Path& f) {
  expect_object(v, f, {"type", "learningRate", "momentum", "beta1", "beta2", "eps"});
  OptimizerSpec s;
  if (const Value t = v.member("type"); t.present())
    s.type = read_name<OptimizerType>(t, f / "type", optimizer_names());
  if (const Value m = v.member("learningRate"); m.present()) s.learning_rate = read_float(m, f / "learningRate");
  if (const Value m = v.member("momentum"); m.present()) s.momentum = read_float(m, f / "momentum");
  if (const Value m = v.member("beta1"); m.present()) s.beta1 = read_float(m, f / "beta1");
  if (const Value m = v.member("beta2"); m.present()) s.beta2 = read_float(m, f / "beta2");
  if (const Value m = v.member("eps"); m.present()) s.eps = read_float(m, f / "eps");
  return s;
}

RegularizationSpec regularization_at(const Value& v, const Path& f) {
  expect_object(v, f, {"type", "rate"});
  RegularizationSpec r;
  if (const Value t = v.member("type"); t.present())
    r.type = read_name<Regularization>(t, f / "type", regularization_names());
  if (const Value m = v.member("rate"); m.present()) r.rate = read_float(m, f / "rate");
  return r;
}

ScheduleSpec schedule_at(const Value& v, const Path& f) {
  expect_object(v, f, {"type", "stepSize", "gamma", "tMax", "etaMin", "startFactor", "endFactor",
                       "totalIters"});
  ScheduleSpec s;
  if (const Value t = v.member("type"); t.present())
    s.type = read_name<ScheduleType>(t, f / "type", schedule_names());
  if (const Value m = v.member("stepSize"); m.present()) s.step_size = read_int32(m, f / "stepSize");
  if (const Value m = v.member("gamma"); m.present()) s.gamma = read_float(m, f / "gamma");
  if (const Value m = v.member("tMax"); m.present()) s.t_max = read_int32(m, f / "tMax");
  if (const Value m = v.member("etaMin"); m.present()) s.eta_min = read_float(m, f / "etaMin");
  if (const Value m = v.member("startFactor"); m.present()) s.start_factor = read_float(m, f / "startFactor");
  if (const Value m = v.member("endFactor"); m.present()) s.end_factor = read_float(m, f / "endFactor");
  if (const Value m = v.member("totalIters"); m.present()) s.total_iters = read_int32(m, f / "totalIters");
  return s;
}

StoppingSpec stopping_at(const Value& v, const Path& f) {
  expect_object(v, f, {"patience", "trainLoss"});
  StoppingSpec s;
  if (const Value m = v.member("patience"); m.present()) s.patience = read_int32(m, f / "patience");
  if (const Value m = v.member("trainLoss"); m.present()) s.train_loss = read_float(m, f / "trainLoss");
  return s;
}

std::vector<Feature> features_at(const Value& v, const Path& f) {
  if (v.type() != Type::Array || v.size() == 0)
    throw Error(f.str(), "must be a non-empty array of feature names (" +
                             join_quoted(feature_names()) + "), got " + v.describe());
  std::vector<Feature> out;
  for (std::size_t i = 0; i < v.size(); ++i)
    out.push_back(read_name<Feature>(v.element(i), f[i], feature_names()));
  return out;
}

}  // namespace

OptimizerSpec read_optimizer(const Value& v, const std::string& field) {
  return optimizer_at(v, Path(field.c_str()));
}

RegularizationSpec read_regularization(const Value& v, const std::string& field) {
  return regularization_at(v, Path(field.c_str()));
}

ScheduleSpec read_schedule(const Value& v, const std::string& field) {
  return schedule_at(v, Path(field.c_str()));
}

StoppingSpec read_stopping(const Value& v, const std::string& field) {
  return stopping_at(v, Path(field.c_str()));
}

std::vector<Feature> read_features(const Value& v, const std::string& field) {
  return features_at(v, Path(field.c_str()));
}

NetworkConfig read_config(const Value& v, const std::string& field) {
  const Path f(field.c_str());
  // A top-level config is named "config" only when it is not an object; its members stay
  // bare ("inputs").
  expect_object(v, f, {"inputs", "layers", "inputShape", "loss", "optimizer", "regularization", "init",
                       "seed", "clipNorm", "features", "schedule", "stopping"},
                "config");
  NetworkConfig c;
  c.inputs = static_cast<int>(read_int(required(v, f, "inputs"), f / "inputs", 1, kMaxInputs));
  if (const Value m = v.member("inputShape"); m.present()) c.input_shape = read_shape(m, f / "inputShape");
  const Path lf = f / "layers";
  const Value layers = required(v, f, "layers");
  if (layers.type() != Type::Array || layers.size() == 0)
    throw Error(lf.str(), "must be a non-empty array of layers ({units, activation}, {type: "
                          "\"conv2d\", ...}), got " + layers.describe());
  if (layers.size() > static_cast<std::size_t>(kMaxLayers))
    throw Error(lf.str(), "at most " + std::to_string(kMaxLayers) + " layers, got " +
                              std::to_string(layers.size()));
  for (std::size_t i = 0; i < layers.size(); ++i)
    c.layers.push_back(read_layer(layers.element(i), lf[i]));
  if (const Value m = v.member("loss"); m.present()) c.loss = read_name<Loss>(m, f / "loss", loss_names());
  if (const Value m = v.member("optimizer"); m.present()) c.optimizer = optimizer_at(m, f / "optimizer");
  if (const Value m = v.member("regularization"); m.present())
    c.regularization = regularization_at(m, f / "regularization");
  if (const Value m = v.member("init"); m.present()) c.init = read_name<Init>(m, f / "init", init_names());
  if (const Value m = v.member("seed"); m.present()) c.seed = read_seed(m, f / "seed");
  if (const Value m = v.member("clipNorm"); m.present()) c.clip_norm = read_float(m, f / "clipNorm");
  if (const Value m = v.member("features"); m.present()) c.features = features_at(m, f / "features");
  if (const Value m = v.member("schedule"); m.present()) c.schedule = schedule_at(m, f / "schedule");
  if (const Value m = v.member("stopping"); m.present()) c.stopping = stopping_at(m, f / "stopping");
  return c;
}

DatasetSpec read_dataset_spec(const Value& v, const std::string& field) {
  const Path f(field.c_str());
  expect_object(v, f, {"name", "samples", "noise", "classes", "trainRatio", "seed"}, "spec");
  DatasetSpec s;
  s.name = read_string(required(v, f, "name"), f / "name");
  if (const Value m = v.member("samples"); m.present()) s.samples = read_int32(m, f / "samples");
  if (const Value m = v.member("noise"); m.present()) s.noise = read_float(m, f / "noise");
  if (const Value m = v.member("classes"); m.present()) s.classes = read_int32(m, f / "classes");
  if (const Value m = v.member("trainRatio"); m.present()) s.train_ratio = read_float(m, f / "trainRatio");
  if (const Value m = v.member("seed"); m.present()) s.seed = read_seed(m, f / "seed");
  return s;
}

SurfaceSpec read_surface_spec(const Value& v, const std::string& field) {
  static const std::vector<std::string> directions = {"random", "pca", "given"};
  const Path f(field.c_str());
  expect_object(v, f, {"directions", "range", "steps", "seed"}, "options");
  SurfaceSpec s;
  if (const Value m = v.member("directions"); m.present())
    s.directions = read_name<SurfaceDirections>(m, f / "directions", directions);
  if (const Value m = v.member("range"); m.present()) s.range = read_float(m, f / "range");
  if (const Value m = v.member("steps"); m.present()) s.steps = read_int32(m, f / "steps");
  if (const Value m = v.member("seed"); m.present()) s.seed = read_seed(m, f / "seed");
  return s;
}

GridSpec read_grid_spec(const Value& v, const std::string& field) {
  const Path f(field.c_str());
  expect_object(v, f, {"width", "height", "xRange", "yRange", "dims", "features"}, "grid");
  GridSpec g;
  if (const Value m = v.member("dims"); m.present()) g.dims = static_cast<int>(read_int(m, f / "dims", 1, 2));
  g.width = static_cast<int>(read_int(required(v, f, "width"), f / "width", 1, kMaxGridSide));
  g.height = g.dims == 1 ? 1 : g.width;
  if (const Value m = v.member("height"); m.present())
    g.height = static_cast<int>(read_int(m, f / "height", 1, kMaxGridSide));
  if (const Value m = v.member("xRange"); m.present()) read_range(m, f / "xRange", g.x_min, g.x_max);
  if (const Value m = v.member("yRange"); m.present()) read_range(m, f / "yRange", g.y_min, g.y_max);
  g.features = features_at(required(v, f, "features"), f / "features");
  return g;
}

}  // namespace mlp
