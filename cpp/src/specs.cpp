// The readers of specs.h: field names, required members and defaults of every named
// structure the core accepts, whatever the source (network file, JSON config, JavaScript
// object through the bindings).
#include "specs.h"

#include "mlp/error.h"

namespace mlp {

namespace {

using Type = Value::Type;

bool present(const Value& v) { return v.type() != Type::Absent; }

// A top-level structure must be an object; its own name is used only for that message
// ("config: must be an object, got null"), its members stay bare ("inputs").
void expect_root(const Value& v, const std::string& field, const char* name,
                 std::initializer_list<const char*> allowed) {
  if (v.type() != Type::Object)
    throw Error(field.empty() ? name : field, "must be an object, got " + v.describe());
  expect_object(v, field, allowed);
}

LayerSpec read_layer(const Value& v, const std::string& field) {
  expect_object(v, field, {"units", "activation"});
  LayerSpec l;
  const std::string uf = join(field, "units"), af = join(field, "activation");
  l.units = static_cast<int>(read_int(*required(v, "units", uf), uf, 1, kMaxUnits));
  l.activation = parse_activation(read_string(*required(v, "activation", af), af), af);
  return l;
}

uint64_t read_seed(const Value& v, const std::string& field) {
  return static_cast<uint64_t>(read_int(v, field, 0, 4294967295LL));
}

// [min, max], finite, min < max.
void read_range(const Value& v, const std::string& field, float& lo, float& hi) {
  if (v.type() != Type::Array || v.size() != 2)
    throw Error(field, "must be [min, max], got " + v.describe());
  const float a = read_float(*v.element(0), index(field, 0));
  const float b = read_float(*v.element(1), index(field, 1));
  if (!(a < b)) throw Error(field, "min must be below max, got [" + describe(a) + ", " +
                                       describe(b) + "]");
  lo = a;
  hi = b;
}

}  // namespace

OptimizerSpec read_optimizer(const Value& v, const std::string& f) {
  expect_object(v, f, {"type", "learningRate", "momentum", "beta1", "beta2", "eps"});
  OptimizerSpec s;
  if (auto t = v.member("type"); present(*t))
    s.type = parse_optimizer(read_string(*t, join(f, "type")), join(f, "type"));
  if (auto m = v.member("learningRate"); present(*m)) s.learning_rate = read_float(*m, join(f, "learningRate"));
  if (auto m = v.member("momentum"); present(*m)) s.momentum = read_float(*m, join(f, "momentum"));
  if (auto m = v.member("beta1"); present(*m)) s.beta1 = read_float(*m, join(f, "beta1"));
  if (auto m = v.member("beta2"); present(*m)) s.beta2 = read_float(*m, join(f, "beta2"));
  if (auto m = v.member("eps"); present(*m)) s.eps = read_float(*m, join(f, "eps"));
  return s;
}

RegularizationSpec read_regularization(const Value& v, const std::string& f) {
  expect_object(v, f, {"type", "rate"});
  RegularizationSpec r;
  if (auto t = v.member("type"); present(*t))
    r.type = parse_regularization(read_string(*t, join(f, "type")), join(f, "type"));
  if (auto m = v.member("rate"); present(*m)) r.rate = read_float(*m, join(f, "rate"));
  return r;
}

NetworkConfig read_config(const Value& v, const std::string& f) {
  expect_root(v, f, "config",
              {"inputs", "layers", "loss", "optimizer", "regularization", "init", "seed", "clipNorm"});
  NetworkConfig c;
  const std::string inf = join(f, "inputs"), lf = join(f, "layers");
  c.inputs = static_cast<int>(read_int(*required(v, "inputs", inf), inf, 1, kMaxInputs));
  const auto layers = required(v, "layers", lf);
  if (layers->type() != Type::Array || layers->size() == 0)
    throw Error(lf, "must be a non-empty array of {units, activation}, got " + layers->describe());
  if (layers->size() > static_cast<std::size_t>(kMaxLayers))
    throw Error(lf, "at most " + std::to_string(kMaxLayers) + " layers, got " +
                        std::to_string(layers->size()));
  for (std::size_t i = 0; i < layers->size(); ++i)
    c.layers.push_back(read_layer(*layers->element(i), index(lf, i)));
  if (auto m = v.member("loss"); present(*m))
    c.loss = parse_loss(read_string(*m, join(f, "loss")), join(f, "loss"));
  if (auto m = v.member("optimizer"); present(*m)) c.optimizer = read_optimizer(*m, join(f, "optimizer"));
  if (auto m = v.member("regularization"); present(*m))
    c.regularization = read_regularization(*m, join(f, "regularization"));
  if (auto m = v.member("init"); present(*m))
    c.init = parse_init(read_string(*m, join(f, "init")), join(f, "init"));
  if (auto m = v.member("seed"); present(*m)) c.seed = read_seed(*m, join(f, "seed"));
  if (auto m = v.member("clipNorm"); present(*m)) c.clip_norm = read_float(*m, join(f, "clipNorm"));
  return c;
}

std::vector<Feature> read_features(const Value& v, const std::string& f) {
  if (v.type() != Type::Array || v.size() == 0)
    throw Error(f, "must be a non-empty array of feature names (" +
                       join_quoted(feature_names()) + "), got " + v.describe());
  std::vector<Feature> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string fi = index(f, i);
    out.push_back(parse_feature(read_string(*v.element(i), fi), fi));
  }
  return out;
}

DatasetSpec read_dataset_spec(const Value& v, const std::string& f) {
  expect_root(v, f, "spec", {"name", "samples", "noise", "classes", "trainRatio", "seed"});
  DatasetSpec s;
  const std::string nf = join(f, "name");
  s.name = read_string(*required(v, "name", nf), nf);
  if (auto m = v.member("samples"); present(*m))
    s.samples = static_cast<int>(read_int(*m, join(f, "samples"), -2147483648LL, 2147483647LL));
  if (auto m = v.member("noise"); present(*m)) s.noise = read_float(*m, join(f, "noise"));
  if (auto m = v.member("classes"); present(*m))
    s.classes = static_cast<int>(read_int(*m, join(f, "classes"), -2147483648LL, 2147483647LL));
  if (auto m = v.member("trainRatio"); present(*m)) s.train_ratio = read_float(*m, join(f, "trainRatio"));
  if (auto m = v.member("seed"); present(*m)) s.seed = read_seed(*m, join(f, "seed"));
  return s;
}

GridSpec read_grid_spec(const Value& v, const std::string& f) {
  expect_root(v, f, "grid", {"width", "height", "xRange", "yRange", "dims", "features"});
  GridSpec g;
  const std::string wf = join(f, "width");
  if (auto m = v.member("dims"); present(*m)) g.dims = static_cast<int>(read_int(*m, join(f, "dims"), 1, 2));
  g.width = static_cast<int>(read_int(*required(v, "width", wf), wf, 1, kMaxGridSide));
  g.height = g.dims == 1 ? 1 : g.width;
  if (auto m = v.member("height"); present(*m))
    g.height = static_cast<int>(read_int(*m, join(f, "height"), 1, kMaxGridSide));
  if (auto m = v.member("xRange"); present(*m)) read_range(*m, join(f, "xRange"), g.x_min, g.x_max);
  if (auto m = v.member("yRange"); present(*m)) read_range(*m, join(f, "yRange"), g.y_min, g.y_max);
  const std::string ff = join(f, "features");
  g.features = read_features(*required(v, "features", ff), ff);
  return g;
}

}  // namespace mlp
