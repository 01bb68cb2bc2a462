// Whole-network throughput of workloads A-D of DESIGN.md through the C++ API (no JS):
// training examples/s (A, B, C), all-unit grid evaluations/s (B, 100x100) and grid
// points/s (D, network C over 256x256). The JS-level comparison with the peers is
// bench/run.mjs; this isolates the core from the boundary. One JSON object per line.
// Usage: bench_network [--quick]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

#include "mlp/network.h"

using namespace mlp;

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Stats {
  double median, min, max;
};

// fn() returns the amount of work done (examples, points, grids); rate = work / second.
Stats measure(const std::function<double()>& fn, int reps, double seconds) {
  // Warm up: V8 runs wasm in its baseline tier until a function is hot and the optimised
  // code is ready.
  for (const double t0 = now(); now() - t0 < 0.3;) fn();
  std::vector<double> rates;
  for (int r = 0; r < reps; ++r) {
    double work = 0;
    const double t0 = now();
    double t = t0;
    while (t - t0 < seconds) {
      work += fn();
      t = now();
    }
    rates.push_back(work / (t - t0));
  }
  std::sort(rates.begin(), rates.end());
  return {rates[rates.size() / 2], rates.front(), rates.back()};
}

void emit(const char* workload, const char* figure, const char* unit, const Stats& s) {
  std::printf("{\"workload\":\"%s\",\"figure\":\"%s\",\"median\":%.1f,\"min\":%.1f,\"max\":%.1f,\"unit\":\"%s\"}\n",
              workload, figure, s.median, s.min, s.max, unit);
  std::fflush(stdout);
}

struct Data {
  std::vector<float> x, t;
  int n;
};

Data make_data(const Network& net, const char* name, int samples, int classes,
               const std::vector<Feature>& features) {
  DatasetSpec spec;
  spec.name = name;
  spec.samples = samples;
  spec.classes = classes;
  spec.train_ratio = 1.0f;
  spec.seed = 1;
  const DatasetSplit d = generate_dataset(spec);
  Data out;
  out.n = d.train.size();
  out.x.resize(static_cast<std::size_t>(out.n) * features.size());
  compute_features(d.train.x.data(), out.n, d.train.dims, features, out.x.data());
  out.t.resize(static_cast<std::size_t>(out.n) * net.outputs());
  encode_targets(d.train, net.outputs(), net.config().layers.back().activation, out.t.data());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const int reps = quick ? 3 : 5;
  const double seconds = quick ? 0.2 : 0.5;
  const std::vector<Feature> xy = {Feature::X1, Feature::X2};
  const std::vector<Feature> six = {Feature::X1, Feature::X2, Feature::X1Squared,
                                    Feature::X2Squared, Feature::X1TimesX2, Feature::SinX1};

  NetworkConfig a;
  a.inputs = 2;
  a.layers = {{4, Activation::Tanh}, {2, Activation::Tanh}, {1, Activation::Tanh}};
  a.optimizer.learning_rate = 0.03f;
  Network net_a(a);
  const Data da = make_data(net_a, "circle", 250, 2, xy);
  emit("A", "train", "examples/s", measure([&] {
         net_a.train_epoch(da.x.data(), da.t.data(), da.n, 10);
         return static_cast<double>(da.n);
       }, reps, seconds));

  NetworkConfig b;
  b.inputs = 6;
  for (int i = 0; i < 6; ++i) b.layers.push_back({8, Activation::Tanh});
  b.layers.push_back({1, Activation::Tanh});
  b.optimizer.learning_rate = 0.03f;
  Network net_b(b);
  const Data db = make_data(net_b, "spiral", 250, 2, six);
  emit("B", "train", "examples/s", measure([&] {
         net_b.train_epoch(db.x.data(), db.t.data(), db.n, 10);
         return static_cast<double>(db.n);
       }, reps, seconds));
  GridSpec gb;
  gb.width = gb.height = 100;
  gb.features = six;
  std::vector<float> grid_b(static_cast<std::size_t>(net_b.total_grid_units()) * 100 * 100);
  emit("B", "all-unit grids", "grids/s", measure([&] {
         net_b.evaluate_grid(gb, grid_b.data());
         return 1.0;
       }, reps, seconds));

  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{64, Activation::Relu}, {64, Activation::Relu}, {64, Activation::Relu},
              {3, Activation::Softmax}};
  c.loss = Loss::SoftmaxCe;
  c.optimizer.type = OptimizerType::Adam;
  c.optimizer.learning_rate = 0.01f;
  c.init = Init::He;
  Network net_c(c);
  const Data dc = make_data(net_c, "spiral-k", 3000, 3, xy);
  emit("C", "train", "examples/s", measure([&] {
         net_c.train_epoch(dc.x.data(), dc.t.data(), dc.n, 32);
         return static_cast<double>(dc.n);
       }, reps, seconds));

  GridSpec gd;
  gd.width = gd.height = 256;
  gd.features = xy;
  std::vector<float> grid_d(3u * 256 * 256);
  emit("D", "grid", "points/s", measure([&] {
         net_c.evaluate_grid_outputs(gd, grid_d.data());
         return 256.0 * 256.0;
       }, reps, seconds));
  return 0;
}
