// Datasets from user points (drawn, loaded from a CSV), every value checked, and the
// seeded train/test split of any dataset.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

#include "dataset/checks.h"
#include "mlp/dataset.h"
#include "mlp/error.h"

namespace mlp {

using datasets::check_dims;
using datasets::check_lengths;
using datasets::check_train_ratio;
using datasets::kMaxUserClasses;

Dataset make_dataset(Problem problem, int dims, int classes, std::vector<float> x,
                     std::vector<float> y) {
  if (problem != Problem::Classification && problem != Problem::Regression)
    throw Error("problem", "must be classification or regression, got " +
                               describe(static_cast<int>(problem)));
  check_dims(dims);
  if (problem == Problem::Classification && (classes < 2 || classes > kMaxUserClasses))
    throw Error("classes", "must be an integer in [2, " + describe(kMaxUserClasses) +
                               "] for classification, got " + describe(classes));
  if (problem == Problem::Regression && classes != 0)
    throw Error("classes", "must be 0 for regression, got " + describe(classes));
  check_lengths(x.size(), y.size(), dims);
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!std::isfinite(x[i]))
      throw Error("x", "coordinates must be finite numbers, got " + describe(x[i]) +
                           " at index " + describe(i));
  for (std::size_t i = 0; i < y.size(); ++i) {
    const float v = y[i];
    if (problem == Problem::Regression) {
      if (!std::isfinite(v))
        throw Error("y", "regression targets must be finite numbers, got " + describe(v) +
                             " at index " + describe(i));
    } else if (!std::isfinite(v) || v != std::floor(v) || v < 0.0f ||
               v >= static_cast<float>(classes)) {
      throw Error("y", "labels must be integers in [0, " + describe(classes) + "), got " +
                           describe(v) + " at index " + describe(i));
    }
  }
  Dataset d;
  d.problem = problem;
  d.dims = dims;
  d.classes = problem == Problem::Regression ? 0 : classes;
  d.x = std::move(x);
  d.y = std::move(y);
  return d;
}

DatasetSplit split_dataset(const Dataset& d, float train_ratio, uint64_t seed) {
  check_train_ratio(train_ratio);
  check_dims(d.dims);
  const std::size_t n = d.y.size();
  check_lengths(d.x.size(), n, d.dims);

  // Shuffle indices (Fisher-Yates) so the points are copied once, straight into place.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  Rng rng(seed);
  for (std::size_t i = n; i > 1; --i)
    std::swap(order[i - 1], order[rng.below(static_cast<uint32_t>(i))]);

  const double wanted = std::round(static_cast<double>(train_ratio) * static_cast<double>(n));
  // ratio <= 1 keeps this <= n; the max keeps one training point when n > 0.
  const std::size_t n_train =
      n == 0 ? 0 : std::max<std::size_t>(1, static_cast<std::size_t>(wanted));

  DatasetSplit s;
  for (Dataset* part : {&s.train, &s.test}) {
    part->problem = d.problem;
    part->dims = d.dims;
    part->classes = d.classes;
  }
  s.train.x.reserve(n_train * d.dims);
  s.train.y.reserve(n_train);
  s.test.x.reserve((n - n_train) * d.dims);
  s.test.y.reserve(n - n_train);
  const std::size_t dims = static_cast<std::size_t>(d.dims);
  for (std::size_t k = 0; k < n; ++k) {
    Dataset& part = k < n_train ? s.train : s.test;
    const std::size_t i = order[k];
    part.x.insert(part.x.end(), d.x.begin() + i * dims, d.x.begin() + (i + 1) * dims);
    part.y.push_back(d.y[i]);
  }
  return s;
}

}  // namespace mlp
