// The playground's datasets (seeded generators, user data, train/test split), the input
// feature maps a network sees them through, and the target encodings it trains towards.
// Geometry is computed in double and stored as float; every draw comes from one mlp::Rng
// per call, so the same spec gives bit-identical data in the same build.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "mlp/dataset.h"
#include "mlp/error.h"

namespace mlp {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kMaxSamples = 100000;
constexpr int kMinGeneratedClasses = 2;
constexpr int kMaxGeneratedClasses = 6;
// User data (a CSV) may have more classes than the generators offer; the cap only keeps a
// stray label column from asking for a huge one-hot output.
constexpr int kMaxUserClasses = 64;

double uniform(Rng& rng, double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(rng.uniform());
}

// Points are rounded to float before a label is derived from them, so that at noise 0 a
// label is exactly a function of the stored coordinates.
void push_point(Dataset& d, float x1, float x2, double label) {
  d.x.push_back(x1);
  d.x.push_back(x2);
  d.y.push_back(static_cast<float>(label));
}

// Splits n points over k classes as evenly as possible: class c gets n / k, plus one of
// the remainder if c < n % k.
int share(int n, int k, int c) { return n / k + (c < n % k ? 1 : 0); }

// ---- the TensorFlow Playground's sets (src/dataset.ts), its label -1 -> class 0 ---------
// Noise draws are made even at noise 0 so that the point positions of a seed do not depend
// on the noise slider (only labels or jitter do).

// Class 1: r ~ U(0, 2.5); class 0: r ~ U(3.5, 5). The label is read at the point moved by
// U(-5, 5) * noise per coordinate: inside radius 2.5 is class 1.
void gen_circle(int n, double noise, int, Rng& rng, Dataset& d) {
  const double radius = 5.0;
  auto add = [&](double r_lo, double r_hi) {
    const double r = uniform(rng, r_lo, r_hi);
    const double angle = uniform(rng, 0.0, 2.0 * kPi);
    const float x1 = static_cast<float>(r * std::sin(angle));
    const float x2 = static_cast<float>(r * std::cos(angle));
    const double p1 = x1 + uniform(rng, -radius, radius) * noise;
    const double p2 = x2 + uniform(rng, -radius, radius) * noise;
    push_point(d, x1, x2, std::sqrt(p1 * p1 + p2 * p2) < radius * 0.5 ? 1 : 0);
  };
  for (int i = 0; i < share(n, 2, 0); ++i) add(0.0, radius * 0.5);
  for (int i = 0; i < share(n, 2, 1); ++i) add(radius * 0.7, radius);
}

// x1, x2 ~ U(-5, 5) pushed 0.3 away from 0; class 1 where x1 * x2 >= 0 at the point moved
// by U(-5, 5) * noise per coordinate.
void gen_xor(int n, double noise, int, Rng& rng, Dataset& d) {
  const double padding = 0.3;
  for (int i = 0; i < n; ++i) {
    double a = uniform(rng, -5.0, 5.0);
    a += a > 0 ? padding : -padding;
    double b = uniform(rng, -5.0, 5.0);
    b += b > 0 ? padding : -padding;
    const float x1 = static_cast<float>(a), x2 = static_cast<float>(b);
    const double p1 = x1 + uniform(rng, -5.0, 5.0) * noise;
    const double p2 = x2 + uniform(rng, -5.0, 5.0) * noise;
    push_point(d, x1, x2, p1 * p2 >= 0 ? 1 : 0);
  }
}

// Variance per coordinate grows linearly from 0.5 (noise 0) to 4 (noise 0.5), as the
// TensorFlow Playground's two-Gaussian set; blobs-k uses the same scale.
double blob_stddev(double noise) { return std::sqrt(0.5 + 7.0 * noise); }

// Class 1 ~ N((2, 2), v I), class 0 ~ N((-2, -2), v I), v = 0.5 + 7 * noise.
void gen_gauss(int n, double noise, int, Rng& rng, Dataset& d) {
  const double sd = blob_stddev(noise);
  auto add = [&](double c, int label) {
    const double a = c + sd * rng.normal();
    const double b = c + sd * rng.normal();
    push_point(d, static_cast<float>(a), static_cast<float>(b), label);
  };
  for (int i = 0; i < share(n, 2, 0); ++i) add(2.0, 1);
  for (int i = 0; i < share(n, 2, 1); ++i) add(-2.0, 0);
}

// One spiral arm of m points: r = i / m * 5, t = 1.75 * i / m * 2 pi + delta,
// (r sin t, r cos t) plus U(-1, 1) * noise per coordinate.
void spiral_arm(int m, double delta, int label, double noise, Rng& rng, Dataset& d) {
  for (int i = 0; i < m; ++i) {
    const double f = static_cast<double>(i) / m;
    const double r = f * 5.0;
    const double t = 1.75 * f * 2.0 * kPi + delta;
    const double a = r * std::sin(t) + uniform(rng, -1.0, 1.0) * noise;
    const double b = r * std::cos(t) + uniform(rng, -1.0, 1.0) * noise;
    push_point(d, static_cast<float>(a), static_cast<float>(b), label);
  }
}

// Class 1 is the arm with delta 0, class 0 the arm with delta pi.
void gen_spiral(int n, double noise, int, Rng& rng, Dataset& d) {
  spiral_arm(share(n, 2, 0), 0.0, 1, noise, rng, d);
  spiral_arm(share(n, 2, 1), kPi, 0, noise, rng, d);
}

// ---- more classification sets ----------------------------------------------------------

// Class c is the spiral arm with delta = 2 pi c / K.
void gen_spiral_k(int n, double noise, int k, Rng& rng, Dataset& d) {
  for (int c = 0; c < k; ++c) spiral_arm(share(n, k, c), 2.0 * kPi * c / k, c, noise, rng, d);
}

// The half-moons of scikit-learn's make_moons, t ~ U(0, pi): class 0 (cos t, sin t),
// class 1 (1 - cos t, 0.5 - sin t); centred on (0.5, 0.25) and scaled by 10/3 so they
// span [-5, 5] x [-2.5, 2.5]; then N(0, (2 noise)^2) jitter per coordinate.
void gen_moons(int n, double noise, int, Rng& rng, Dataset& d) {
  const double scale = 10.0 / 3.0;
  const double sd = 2.0 * noise;
  for (int c = 0; c < 2; ++c) {
    for (int i = 0; i < share(n, 2, c); ++i) {
      const double t = uniform(rng, 0.0, kPi);
      const double u = c == 0 ? std::cos(t) : 1.0 - std::cos(t);
      const double v = c == 0 ? std::sin(t) : 0.5 - std::sin(t);
      const double a = scale * (u - 0.5) + sd * rng.normal();
      const double b = scale * (v - 0.25) + sd * rng.normal();
      push_point(d, static_cast<float>(a), static_cast<float>(b), c);
    }
  }
}

// x1, x2 ~ U(-6, 6); class 1 where sin(x1) sin(x2) >= 0 at the point moved by
// U(-pi, pi) * noise per coordinate. Cells are pi wide (a 4 x 4 board over the domain,
// the outer cells 6 - pi wide): XOR repeated, and plain XOR in the sinx1/sinx2 features.
void gen_checkerboard(int n, double noise, int, Rng& rng, Dataset& d) {
  for (int i = 0; i < n; ++i) {
    const float x1 = static_cast<float>(uniform(rng, -6.0, 6.0));
    const float x2 = static_cast<float>(uniform(rng, -6.0, 6.0));
    const double p1 = x1 + uniform(rng, -kPi, kPi) * noise;
    const double p2 = x2 + uniform(rng, -kPi, kPi) * noise;
    push_point(d, x1, x2, std::sin(p1) * std::sin(p2) >= 0 ? 1 : 0);
  }
}

// Class c ~ N(3.5 (cos a, sin a), v I), a = 2 pi c / K + pi / 4, v = 0.5 + 7 * noise.
void gen_blobs_k(int n, double noise, int k, Rng& rng, Dataset& d) {
  const double ring = 3.5;
  const double sd = blob_stddev(noise);
  for (int c = 0; c < k; ++c) {
    const double angle = 2.0 * kPi * c / k + kPi / 4.0;
    const double cx = ring * std::cos(angle), cy = ring * std::sin(angle);
    for (int i = 0; i < share(n, k, c); ++i) {
      const double a = cx + sd * rng.normal();
      const double b = cy + sd * rng.normal();
      push_point(d, static_cast<float>(a), static_cast<float>(b), c);
    }
  }
}

// ---- 2-D regression (the TensorFlow Playground's regressPlane / regressGaussian) --------
// x1, x2 ~ U(-6, 6); the target is read at the point moved by U(-6, 6) * noise.

template <class Target>
void regress_2d(int n, double noise, Rng& rng, Dataset& d, Target target) {
  const double radius = 6.0;
  for (int i = 0; i < n; ++i) {
    const float x1 = static_cast<float>(uniform(rng, -radius, radius));
    const float x2 = static_cast<float>(uniform(rng, -radius, radius));
    const double p1 = x1 + uniform(rng, -radius, radius) * noise;
    const double p2 = x2 + uniform(rng, -radius, radius) * noise;
    push_point(d, x1, x2, target(p1, p2));
  }
}

// y = (x1 + x2) / 10: within [-1.2, 1.2] at noise 0 (the Playground does not clamp it).
void gen_plane(int n, double noise, int, Rng& rng, Dataset& d) {
  regress_2d(n, noise, rng, d, [](double a, double b) { return (a + b) / 10.0; });
}

// Six bumps s * clamp(1 - dist / 2, 0, 1) at (-4, 2.5)+, (0, 2.5)-, (4, 2.5)+,
// (-4, -2.5)-, (0, -2.5)+, (4, -2.5)-; y is the bump largest in magnitude.
void gen_multi_gauss(int n, double noise, int, Rng& rng, Dataset& d) {
  static const double bumps[6][3] = {{-4, 2.5, 1},  {0, 2.5, -1}, {4, 2.5, 1},
                                     {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  regress_2d(n, noise, rng, d, [](double a, double b) {
    double y = 0;
    for (const auto& g : bumps) {
      const double dist = std::sqrt((a - g[0]) * (a - g[0]) + (b - g[1]) * (b - g[1]));
      const double v = g[2] * std::min(1.0, std::max(0.0, 1.0 - dist / 2.0));
      if (std::abs(v) > std::abs(y)) y = v;
    }
    return y;
  });
}

// ---- 1-D regression: y = f(x) + N(0, noise^2), x ~ U(-pi, pi) ---------------------------
// The normal draw is made at noise 0 too, so x of a seed does not depend on noise.

template <class F>
void function_1d(int n, double noise, Rng& rng, Dataset& d, F f) {
  for (int i = 0; i < n; ++i) {
    const float x = static_cast<float>(uniform(rng, -kPi, kPi));
    const double y = f(static_cast<double>(x)) + noise * rng.normal();
    d.x.push_back(x);
    d.y.push_back(static_cast<float>(y));
  }
}

// y = sin(x)
void gen_sin(int n, double noise, int, Rng& rng, Dataset& d) {
  function_1d(n, noise, rng, d, [](double x) { return std::sin(x); });
}
// y = 2 |x| / pi - 1
void gen_abs(int n, double noise, int, Rng& rng, Dataset& d) {
  function_1d(n, noise, rng, d, [](double x) { return 2.0 * std::abs(x) / kPi - 1.0; });
}
// y = -1 for x < 0, 1 for x >= 0
void gen_step(int n, double noise, int, Rng& rng, Dataset& d) {
  function_1d(n, noise, rng, d, [](double x) { return x < 0 ? -1.0 : 1.0; });
}
// u = 3 (x + pi) / (2 pi), y = 2 (u - floor(u)) - 1: three teeth rising from -1 to 1,
// dropping at x = -pi/3 and pi/3.
void gen_sawtooth(int n, double noise, int, Rng& rng, Dataset& d) {
  function_1d(n, noise, rng, d, [](double x) {
    const double u = 3.0 * (x + kPi) / (2.0 * kPi);
    return 2.0 * (u - std::floor(u)) - 1.0;
  });
}
// y = x sin(x) - 1, within [-1, 0.82]
void gen_x_sin_x(int n, double noise, int, Rng& rng, Dataset& d) {
  function_1d(n, noise, rng, d, [](double x) { return x * std::sin(x) - 1.0; });
}

using Generator = void (*)(int n, double noise, int classes, Rng& rng, Dataset& d);

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

void check_train_ratio(float r) {
  if (!std::isfinite(r) || r <= 0.0f || r > 1.0f)
    throw Error("trainRatio", "must be a finite number in (0, 1], got " + describe(r));
}

void check_dims(int dims) {
  if (dims != 1 && dims != 2) throw Error("dims", "must be 1 or 2, got " + describe(dims));
}

void check_lengths(std::size_t x_size, std::size_t n, int dims) {
  if (x_size != n * static_cast<std::size_t>(dims))
    throw Error("x", "must hold dims * (number of labels) = " + describe(dims) + " * " +
                         describe(n) + " = " + describe(n * dims) + " coordinates, got " +
                         describe(x_size));
}

bool is_x2_feature(Feature f) {
  return f == Feature::X2 || f == Feature::X2Squared || f == Feature::X1TimesX2 ||
         f == Feature::SinX2;
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

// ---- generation, user data, split ---------------------------------------------------------

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
  check_train_ratio(spec.train_ratio);

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

// ---- input features -------------------------------------------------------------------

// Order must match the enum.
const std::vector<std::string>& feature_names() {
  static const std::vector<std::string> names = {"x1",   "x2",    "x1sq", "x2sq",
                                                 "x1x2", "sinx1", "sinx2"};
  return names;
}

const char* feature_name(Feature f) { return feature_names()[static_cast<int>(f)].c_str(); }

Feature parse_feature(const std::string& name, const std::string& field) {
  const auto& names = feature_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<Feature>(i);
  throw Error(field, "unknown feature " + describe(name) + "; allowed: " + join_quoted(names));
}

void validate_features(const std::vector<Feature>& features, int dims) {
  check_dims(dims);
  const auto& names = feature_names();
  if (features.empty())
    throw Error("features", "must list at least one feature; allowed: " + join_quoted(names));
  unsigned seen = 0;  // bit i: feature i listed (no allocation: grids check once per chunk)
  for (Feature f : features) {
    const int i = static_cast<int>(f);
    if (i < 0 || i >= static_cast<int>(names.size()))
      throw Error("features", "feature index " + describe(i) + " is not a feature; allowed: " +
                                  join_quoted(names));
    if (seen & (1u << i)) throw Error("features", describe(names[i]) + " is listed twice");
    seen |= 1u << i;
    if (dims == 1 && is_x2_feature(f))
      throw Error("features", describe(names[i]) +
                                  " needs 2-D data but the data is 1-D; allowed for 1-D: "
                                  "\"x1\", \"x1sq\", \"sinx1\"");
  }
}

void compute_features(const float* x, int n, int dims, const std::vector<Feature>& features,
                      float* out) {
  validate_features(features, dims);
  const std::size_t nf = features.size();
  for (int i = 0; i < n; ++i) {
    const float x1 = x[static_cast<std::size_t>(i) * dims];
    const float x2 = dims == 2 ? x[static_cast<std::size_t>(i) * dims + 1] : 0.0f;
    float* row = out + static_cast<std::size_t>(i) * nf;
    for (std::size_t j = 0; j < nf; ++j) {
      switch (features[j]) {
        case Feature::X1: row[j] = x1; break;
        case Feature::X2: row[j] = x2; break;
        case Feature::X1Squared: row[j] = x1 * x1; break;
        case Feature::X2Squared: row[j] = x2 * x2; break;
        case Feature::X1TimesX2: row[j] = x1 * x2; break;
        case Feature::SinX1: row[j] = std::sin(x1); break;
        case Feature::SinX2: row[j] = std::sin(x2); break;
      }
    }
  }
}

// ---- targets ---------------------------------------------------------------------------

float negative_label(Activation output) { return output == Activation::Sigmoid ? 0.0f : -1.0f; }

void encode_targets(const Dataset& d, int outputs, Activation output, float* out) {
  const std::size_t n = d.y.size();
  if (d.problem == Problem::Regression) {
    if (outputs != 1)
      throw Error("outputs", "a regression dataset needs 1 output, got " + describe(outputs));
    if (output == Activation::Softmax)
      throw Error("outputs", "a 1-unit softmax always outputs 1; regression needs a "
                             "non-softmax output");
    std::copy(d.y.begin(), d.y.end(), out);
    return;
  }

  const int k = d.classes;
  if (k < 2) throw Error("classes", "must be >= 2 for classification, got " + describe(k));
  const bool binary = k == 2 && outputs == 1;
  if (binary && output == Activation::Softmax)
    throw Error("outputs", "a 1-unit softmax always outputs 1; a 2-class dataset needs 2 "
                           "softmax outputs (one-hot) or 1 sigmoid/tanh output");
  if (!binary && outputs != k) {
    const std::string ks = describe(k);
    throw Error("outputs",
                "a " + ks + "-class dataset needs " +
                    (k == 2 ? std::string("1 output (class 1 -> 1, class 0 -> -1, or 0 for "
                                          "sigmoid) or 2 outputs (one-hot, softmax)")
                            : ks + " outputs (one-hot, softmax)") +
                    ", got " + describe(outputs));
  }
  // Check every label before writing, so a bad one leaves `out` untouched.
  for (std::size_t i = 0; i < n; ++i) {
    const float v = d.y[i];
    if (!(v >= 0.0f && v < static_cast<float>(k)) || v != std::floor(v))
      throw Error("y", "labels must be integers in [0, " + describe(k) + "), got " +
                           describe(v) + " at index " + describe(i));
  }
  if (binary) {
    const float neg = negative_label(output);
    for (std::size_t i = 0; i < n; ++i) out[i] = d.y[i] == 1.0f ? 1.0f : neg;
    return;
  }
  std::fill(out, out + n * static_cast<std::size_t>(k), 0.0f);
  for (std::size_t i = 0; i < n; ++i)
    out[i * k + static_cast<std::size_t>(d.y[i])] = 1.0f;
}

}  // namespace mlp
