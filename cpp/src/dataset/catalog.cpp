// The dataset catalog: every generator with what the UI and the API need to know about it
// (problem, dims, default size, whether it takes a class count, domain, description), and
// generate_dataset, which checks a spec, runs the generator and splits the points.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "dataset/checks.h"
#include "dataset/generators.h"
#include "mlp/dataset.h"
#include "mlp/error.h"

namespace mlp {
namespace {

using namespace generators;
using datasets::kMaxSamples;
using datasets::kMinGeneratedClasses;
using datasets::kMaxGeneratedClasses;

struct Entry {
  DatasetInfo info;
  Generator generate;
};

const std::vector<Entry>& entries() {
  const auto C = Problem::Classification;
  const auto R = Problem::Regression;
  const float pi = static_cast<float>(kPi);
  static const std::vector<Entry> table = {
      {{"circle", C, 2, 500, false, -6, 6,
        "A disc (radius < 2.5) inside a ring (3.5 to 5); noise blurs which side of the "
        "2.5 circle a point is labelled by."},
       gen_circle},
      {{"xor", C, 2, 500, false, -6, 6,
        "Opposite quadrants share a class (the sign of x1 * x2): no single line "
        "separates them."},
       gen_xor},
      {{"gauss", C, 2, 500, false, -6, 6,
        "Two Gaussian clusters at (2, 2) and (-2, -2); noise widens them (variance 0.5 "
        "to 4) until they overlap."},
       gen_gauss},
      {{"spiral", C, 2, 500, false, -6, 6,
        "Two interleaved spiral arms of 1.75 turns out to radius 5; noise jitters the "
        "points."},
       gen_spiral},
      {{"moons", C, 2, 500, false, -6, 6,
        "Two interleaving half-moons; noise adds Gaussian jitter of standard deviation "
        "2 * noise."},
       gen_moons},
      {{"checkerboard", C, 2, 500, false, -6, 6,
        "A checkerboard of cells pi wide, class = sign(sin x1 * sin x2): XOR repeated, "
        "plain XOR in the sin features."},
       gen_checkerboard},
      {{"spiral-k", C, 2, 500, true, -6, 6,
        "K interleaved spiral arms (K = classes, 2 to 6), one class per arm; noise "
        "jitters the points."},
       gen_spiral_k},
      {{"blobs-k", C, 2, 500, true, -6, 6,
        "K Gaussian blobs on a circle of radius 3.5 (K = classes, 2 to 6); noise "
        "widens them until they overlap."},
       gen_blobs_k},
      {{"plane", R, 2, 1200, false, -6, 6,
        "Regression on a tilted plane, y = (x1 + x2) / 10; noise shifts the point the "
        "value is read at."},
       gen_plane},
      {{"multi-gauss", R, 2, 1200, false, -6, 6,
        "Regression on six cone-shaped bumps of height +1 or -1 in a 3 x 2 grid; noise "
        "shifts the point the value is read at."},
       gen_multi_gauss},
      {{"sin", R, 1, 200, false, -pi, pi, "y = sin(x) on [-pi, pi], plus N(0, noise^2)."},
       gen_sin},
      {{"abs", R, 1, 200, false, -pi, pi,
        "y = 2|x|/pi - 1 on [-pi, pi] (a V from 1 down to -1 and back), plus "
        "N(0, noise^2)."},
       gen_abs},
      {{"step", R, 1, 200, false, -pi, pi,
        "y = -1 for x < 0 and 1 for x >= 0 on [-pi, pi], plus N(0, noise^2)."},
       gen_step},
      {{"sawtooth", R, 1, 200, false, -pi, pi,
        "Three teeth rising from -1 to 1: u = 3(x + pi)/(2 pi), y = 2(u - floor(u)) - 1, "
        "plus N(0, noise^2)."},
       gen_sawtooth},
      {{"x-sin-x", R, 1, 200, false, -pi, pi,
        "y = x sin(x) - 1 on [-pi, pi] (within [-1, 0.82]), plus N(0, noise^2)."},
       gen_x_sin_x},
  };
  return table;
}

// Index into entries() and dataset_catalog(), which hold the sets in the same order.
std::size_t index_of(const std::string& name) {
  const auto& table = entries();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].info.name == name) return i;
  throw Error("name", "unknown dataset " + describe(name) + "; allowed: " +
                          join_quoted(dataset_names()));
}

// The split's shuffle gets its own stream (splitmix64 of the seed) rather than continuing
// the generator's, so which points are held out is not tied to how many draws a
// generator happened to make.
uint64_t split_seed(uint64_t seed) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

// ---- catalog ---------------------------------------------------------------------------

const std::vector<DatasetInfo>& dataset_catalog() {
  static const std::vector<DatasetInfo> catalog = [] {
    std::vector<DatasetInfo> v;
    for (const auto& e : entries()) v.push_back(e.info);
    return v;
  }();
  return catalog;
}

const DatasetInfo& dataset_info(const std::string& name) {
  return dataset_catalog()[index_of(name)];
}

std::vector<std::string> dataset_names() {
  std::vector<std::string> names;
  for (const auto& e : entries()) names.push_back(e.info.name);
  return names;
}

// ---- generation ------------------------------------------------------------------------

DatasetSplit generate_dataset(const DatasetSpec& spec) {
  const Entry& e = entries()[index_of(spec.name)];
  const DatasetInfo& info = e.info;
  if (spec.samples < 0 || spec.samples > kMaxSamples)
    throw Error("samples", "must be an integer in [0, " + describe(kMaxSamples) +
                               "] (0 = the dataset's default, " +
                               describe(info.default_samples) + "), got " +
                               describe(spec.samples));
  if (!std::isfinite(spec.noise) || spec.noise < 0.0f || spec.noise > 0.5f)
    throw Error("noise", "must be a finite number in [0, 0.5], got " + describe(spec.noise));
  // classes is read (and so checked) only by the sets that take it.
  if (info.multiclass &&
      (spec.classes < kMinGeneratedClasses || spec.classes > kMaxGeneratedClasses))
    throw Error("classes", "must be an integer in [" + describe(kMinGeneratedClasses) + ", " +
                               describe(kMaxGeneratedClasses) + "] for " +
                               describe(info.name) + ", got " + describe(spec.classes));
  datasets::check_train_ratio(spec.train_ratio);

  const int n = spec.samples > 0 ? spec.samples : info.default_samples;
  Dataset d;
  d.problem = info.problem;
  d.dims = info.dims;
  d.classes = info.problem == Problem::Regression ? 0 : info.multiclass ? spec.classes : 2;
  d.x.reserve(static_cast<std::size_t>(n) * info.dims);
  d.y.reserve(static_cast<std::size_t>(n));
  Rng rng(spec.seed);
  e.generate(n, static_cast<double>(spec.noise), d.classes, rng, d);
  return split_dataset(d, spec.train_ratio, split_seed(spec.seed));
}

}  // namespace mlp
