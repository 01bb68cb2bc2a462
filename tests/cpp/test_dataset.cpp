// Tests of the datasets (dataset.h): the catalog, determinism of the generators, the
// geometry each generator promises at noise 0 and what noise does, user data, the split,
// input features, target encodings and every validation message.
// The 1-D and regression formulas are restated here independently of
// cpp/src/dataset/generators.cpp, so a change to a documented formula fails a test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "mlp/dataset.h"
#include "mlp/error.h"

namespace {

using mlp::Activation;
using mlp::Dataset;
using mlp::DatasetSpec;
using mlp::DatasetSplit;
using mlp::Feature;
using mlp::Problem;

const double kPi = 3.14159265358979323846;

DatasetSpec make_spec(const std::string& name, int samples = 0, float noise = 0.0f,
                      int classes = 3, float ratio = 1.0f, uint64_t seed = 1) {
  DatasetSpec s;
  s.name = name;
  s.samples = samples;
  s.noise = noise;
  s.classes = classes;
  s.train_ratio = ratio;
  s.seed = seed;
  return s;
}

// The whole generated set (train ratio 1 puts every point in train).
Dataset all_points(const std::string& name, int samples = 0, float noise = 0.0f,
                   int classes = 3, uint64_t seed = 1) {
  DatasetSplit s = mlp::generate_dataset(make_spec(name, samples, noise, classes, 1.0f, seed));
  EXPECT_EQ(s.test.size(), 0);
  return s.train;
}

void expect_error(const std::function<void()>& f, const std::string& field,
                  const std::string& substring) {
  try {
    f();
    ADD_FAILURE() << "expected mlp::Error on field " << field;
  } catch (const mlp::Error& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find(substring), std::string::npos)
        << "message: " << e.what() << "\nexpected to contain: " << substring;
  }
}

std::vector<int> class_counts(const Dataset& d) {
  std::vector<int> counts(d.classes, 0);
  for (float y : d.y) ++counts.at(static_cast<int>(y));
  return counts;
}

const std::vector<std::string> kAllNames = {
    "circle", "xor",   "gauss",       "spiral", "moons", "checkerboard", "spiral-k", "blobs-k",
    "plane",  "multi-gauss", "sin", "abs",    "step",  "sawtooth",     "x-sin-x"};

// ---- catalog -----------------------------------------------------------------------------

TEST(DatasetCatalog, ListsEveryDatasetInOrderWithItsShape) {
  EXPECT_EQ(mlp::dataset_names(), kAllNames);
  const auto& catalog = mlp::dataset_catalog();
  ASSERT_EQ(catalog.size(), kAllNames.size());
  for (const auto& info : catalog) {
    SCOPED_TRACE(info.name);
    EXPECT_FALSE(info.description.empty());
    EXPECT_EQ(info.description.find('\n'), std::string::npos);
    EXPECT_EQ(&mlp::dataset_info(info.name), &info);
    const bool one_d = info.name == "sin" || info.name == "abs" || info.name == "step" ||
                       info.name == "sawtooth" || info.name == "x-sin-x";
    const bool regression = one_d || info.name == "plane" || info.name == "multi-gauss";
    EXPECT_EQ(info.problem, regression ? Problem::Regression : Problem::Classification);
    EXPECT_EQ(info.dims, one_d ? 1 : 2);
    EXPECT_EQ(info.default_samples, one_d ? 200 : regression ? 1200 : 500);
    EXPECT_EQ(info.multiclass, info.name == "spiral-k" || info.name == "blobs-k");
    EXPECT_FLOAT_EQ(info.domain_min, one_d ? -static_cast<float>(kPi) : -6.0f);
    EXPECT_FLOAT_EQ(info.domain_max, one_d ? static_cast<float>(kPi) : 6.0f);
  }
}

TEST(DatasetCatalog, UnknownNameListsTheAllowedNames) {
  expect_error([] { mlp::dataset_info("circles"); }, "name",
               "name: unknown dataset \"circles\"; allowed: \"circle\", \"xor\"");
  expect_error([] { mlp::dataset_info(""); }, "name", "\"x-sin-x\"");
}

// ---- every generator ------------------------------------------------------------------------

TEST(GenerateDataset, SameSpecGivesBitIdenticalData) {
  for (const auto& name : kAllNames) {
    SCOPED_TRACE(name);
    const DatasetSpec spec = make_spec(name, 0, 0.3f, 4, 0.6f, 1234);
    const DatasetSplit a = mlp::generate_dataset(spec);
    const DatasetSplit b = mlp::generate_dataset(spec);
    EXPECT_EQ(a.train.x, b.train.x);
    EXPECT_EQ(a.train.y, b.train.y);
    EXPECT_EQ(a.test.x, b.test.x);
    EXPECT_EQ(a.test.y, b.test.y);
  }
}

TEST(GenerateDataset, DifferentSeedsGiveDifferentData) {
  for (const auto& name : kAllNames) {
    SCOPED_TRACE(name);
    const Dataset a = all_points(name, 0, 0.1f, 3, 1);
    const Dataset b = all_points(name, 0, 0.1f, 3, 2);
    ASSERT_EQ(a.x.size(), b.x.size());
    int same = 0;
    for (std::size_t i = 0; i < a.x.size(); ++i) same += a.x[i] == b.x[i];
    EXPECT_LT(same, static_cast<int>(a.x.size() / 100));
  }
}

TEST(GenerateDataset, SizesFollowSamplesAndTheSplitRatio) {
  for (const auto& name : kAllNames) {
    SCOPED_TRACE(name);
    const auto& info = mlp::dataset_info(name);
    const DatasetSplit def = mlp::generate_dataset(make_spec(name, 0, 0, 3, 0.5f));
    EXPECT_EQ(def.train.size(), info.default_samples / 2);
    EXPECT_EQ(def.test.size(), info.default_samples / 2);
    const DatasetSplit odd = mlp::generate_dataset(make_spec(name, 101, 0, 3, 0.7f));
    EXPECT_EQ(odd.train.size(), 71);  // round(70.7)
    EXPECT_EQ(odd.test.size(), 30);
    for (const Dataset* d : {&odd.train, &odd.test}) {
      EXPECT_EQ(d->x.size(), static_cast<std::size_t>(d->size() * info.dims));
      EXPECT_EQ(d->dims, info.dims);
      EXPECT_EQ(d->problem, info.problem);
      EXPECT_EQ(d->classes, info.problem == Problem::Regression ? 0 : info.multiclass ? 3 : 2);
    }
  }
}

TEST(GenerateDataset, LabelsAreClassIndicesOrFiniteValues) {
  for (const auto& name : kAllNames) {
    for (float noise : {0.0f, 0.5f}) {
      SCOPED_TRACE(name + " noise " + std::to_string(noise));
      const Dataset d = all_points(name, 0, noise, 5);
      for (float v : d.x) ASSERT_TRUE(std::isfinite(v));
      for (float y : d.y) {
        ASSERT_TRUE(std::isfinite(y));
        if (d.problem == Problem::Classification) {
          ASSERT_EQ(y, std::floor(y));
          ASSERT_GE(y, 0.0f);
          ASSERT_LT(y, static_cast<float>(d.classes));
        }
      }
    }
  }
}

// The largest |coordinate| a generator can produce (beyond it only Gaussian sets reach).
TEST(GenerateDataset, PointsStayInsideTheirBounds) {
  const std::map<std::string, std::pair<double, double>> bound = {
      // name: (bound at noise 0, bound at noise 0.5)
      {"circle", {5, 5}},       {"xor", {5.3, 5.3}},     {"spiral", {5, 5.5}},
      {"spiral-k", {5, 5.5}},   {"checkerboard", {6, 6}}, {"plane", {6, 6}},
      {"multi-gauss", {6, 6}},  {"sin", {kPi, kPi}},     {"abs", {kPi, kPi}},
      {"step", {kPi, kPi}},     {"sawtooth", {kPi, kPi}}, {"x-sin-x", {kPi, kPi}},
      {"moons", {5, 1e9}}};
  for (const auto& [name, b] : bound) {
    for (int k = 0; k < 2; ++k) {
      SCOPED_TRACE(name + (k ? " noise 0.5" : " noise 0"));
      const Dataset d = all_points(name, 2000, k ? 0.5f : 0.0f, 6);
      const double limit = (k ? b.second : b.first) + 1e-5;
      for (float v : d.x) ASSERT_LE(std::abs(v), limit);
    }
  }
  // The Gaussian sets are unbounded but nearly all inside the domain at noise 0.
  for (const std::string name : {"gauss", "blobs-k"}) {
    const Dataset d = all_points(name, 5000, 0.0f, 6);
    int outside = 0;
    for (float v : d.x) outside += std::abs(v) > 6.0f;
    EXPECT_LT(outside, 10) << name;
  }
}

TEST(GenerateDataset, NoiseDoesNotMovePointsOfLabelNoiseSets) {
  // These sets read the label at a perturbed point; the point itself stays, so moving the
  // noise slider keeps the picture's points in place.
  for (const std::string name : {"circle", "xor", "checkerboard", "plane", "multi-gauss"}) {
    SCOPED_TRACE(name);
    const Dataset a = all_points(name, 0, 0.0f);
    const Dataset b = all_points(name, 0, 0.5f);
    EXPECT_EQ(a.x, b.x);
    int changed = 0;
    for (int i = 0; i < a.size(); ++i) changed += a.y[i] != b.y[i];
    EXPECT_GT(changed, a.size() / 20);
  }
  // The 1-D sets keep x and jitter y.
  for (const std::string name : {"sin", "abs", "step", "sawtooth", "x-sin-x"}) {
    const Dataset a = all_points(name, 0, 0.0f);
    const Dataset b = all_points(name, 0, 0.2f);
    EXPECT_EQ(a.x, b.x) << name;
    EXPECT_NE(a.y, b.y) << name;
  }
}

// ---- the TensorFlow Playground sets at noise 0 --------------------------------------------

TEST(Circle, DiscIsClassOneRingIsClassZeroHalfEach) {
  const Dataset d = all_points("circle", 1001);
  EXPECT_EQ(class_counts(d), (std::vector<int>{500, 501}));
  for (int i = 0; i < d.size(); ++i) {
    const double r = std::hypot(d.x[2 * i], d.x[2 * i + 1]);
    if (d.y[i] == 1.0f) {
      ASSERT_LT(r, 2.5);
    } else {
      ASSERT_GE(r, 3.5 - 1e-5);
      ASSERT_LE(r, 5.0 + 1e-5);
    }
  }
}

TEST(Circle, NoiseLabelsByThePerturbedPoint) {
  // At noise 0.5 offsets reach 2.5 per coordinate, so some points of each region take the
  // other label, and only points within radius 2.5 + 2.5 sqrt(2) can be class 1.
  const Dataset d = all_points("circle", 4000, 0.5f);
  int ring_class1 = 0, disc_class0 = 0;
  for (int i = 0; i < d.size(); ++i) {
    const double r = std::hypot(d.x[2 * i], d.x[2 * i + 1]);
    ring_class1 += r >= 3.5 && d.y[i] == 1.0f;
    disc_class0 += r < 2.5 && d.y[i] == 0.0f;
  }
  EXPECT_GT(ring_class1, 20);
  EXPECT_GT(disc_class0, 200);
}

TEST(Xor, LabelIsTheSignOfTheProductAndPointsArePadded) {
  const Dataset d = all_points("xor", 2000);
  const auto counts = class_counts(d);
  EXPECT_NEAR(counts[1], 1000, 150);
  for (int i = 0; i < d.size(); ++i) {
    const float a = d.x[2 * i], b = d.x[2 * i + 1];
    ASSERT_GE(std::abs(a), 0.3f - 1e-6f);
    ASSERT_GE(std::abs(b), 0.3f - 1e-6f);
    ASSERT_EQ(d.y[i], a * b >= 0 ? 1.0f : 0.0f);
  }
}

// Mean and variance of each coordinate over the points of one class.
struct Moments {
  double mean[2] = {0, 0};
  double var[2] = {0, 0};
  int n = 0;
};
Moments moments(const Dataset& d, int label) {
  Moments m;
  for (int i = 0; i < d.size(); ++i) {
    if (d.y[i] != label) continue;
    ++m.n;
    for (int k = 0; k < 2; ++k) m.mean[k] += d.x[2 * i + k];
  }
  for (int k = 0; k < 2; ++k) m.mean[k] /= m.n;
  for (int i = 0; i < d.size(); ++i) {
    if (d.y[i] != label) continue;
    for (int k = 0; k < 2; ++k) m.var[k] += std::pow(d.x[2 * i + k] - m.mean[k], 2);
  }
  for (int k = 0; k < 2; ++k) m.var[k] /= m.n;
  return m;
}

TEST(Gauss, ClassesAreGaussiansAtPlusMinusTwoWithVarianceFromNoise) {
  // Variance 0.5 + 7 * noise: 0.5 at noise 0, 2.25 at 0.25, 4 at 0.5.
  for (const auto& [noise, variance] : {std::pair<float, double>{0.0f, 0.5},
                                        {0.25f, 2.25},
                                        {0.5f, 4.0}}) {
    SCOPED_TRACE(noise);
    const Dataset d = all_points("gauss", 20000, noise);
    EXPECT_EQ(class_counts(d), (std::vector<int>{10000, 10000}));
    for (int label : {0, 1}) {
      const Moments m = moments(d, label);
      const double c = label == 1 ? 2.0 : -2.0;
      for (int k = 0; k < 2; ++k) {
        EXPECT_NEAR(m.mean[k], c, 0.06);
        EXPECT_NEAR(m.var[k], variance, 0.06 * variance);
      }
    }
  }
}

// At noise 0 a spiral point is (r sin t, r cos t) with t = 1.75 * 2 pi * r / 5 + delta.
void expect_on_spiral_arms(const Dataset& d, const std::function<double(int)>& delta) {
  for (int i = 0; i < d.size(); ++i) {
    const double a = d.x[2 * i], b = d.x[2 * i + 1];
    const double r = std::hypot(a, b);
    ASSERT_LT(r, 5.0);
    const double t = 1.75 * 2.0 * kPi * r / 5.0 + delta(static_cast<int>(d.y[i]));
    ASSERT_NEAR(a, r * std::sin(t), 2e-5) << "point " << i << " label " << d.y[i];
    ASSERT_NEAR(b, r * std::cos(t), 2e-5) << "point " << i << " label " << d.y[i];
  }
}

TEST(Spiral, TwoArmsHalfApartClassOneAtDeltaZero) {
  const Dataset d = all_points("spiral", 500);
  EXPECT_EQ(class_counts(d), (std::vector<int>{250, 250}));
  expect_on_spiral_arms(d, [](int label) { return label == 1 ? 0.0 : kPi; });
}

TEST(Spiral, NoiseJittersEachCoordinateByAtMostNoise) {
  const Dataset clean = all_points("spiral", 500, 0.0f);
  const Dataset noisy = all_points("spiral", 500, 0.4f);
  double max_shift = 0, sum_shift = 0;
  for (std::size_t i = 0; i < clean.x.size(); ++i) {
    const double s = std::abs(clean.x[i] - noisy.x[i]);
    max_shift = std::max(max_shift, s);
    sum_shift += s;
  }
  EXPECT_LE(max_shift, 0.4 + 1e-5);
  EXPECT_NEAR(sum_shift / clean.x.size(), 0.2, 0.02);  // E|U(-0.4, 0.4)| = 0.2
}

// ---- the other classification sets -------------------------------------------------------

TEST(SpiralK, KArmsEquallyRepresentedAtDeltaTwoPiCOverK) {
  for (int k = 2; k <= 6; ++k) {
    SCOPED_TRACE(k);
    const Dataset d = all_points("spiral-k", 600, 0.0f, k);
    EXPECT_EQ(d.classes, k);
    EXPECT_EQ(class_counts(d), std::vector<int>(k, 600 / k));
    expect_on_spiral_arms(d, [k](int label) { return 2.0 * kPi * label / k; });
    // An uneven total differs by at most one point between classes.
    const auto c = class_counts(all_points("spiral-k", 601, 0.0f, k));
    EXPECT_LE(*std::max_element(c.begin(), c.end()) - *std::min_element(c.begin(), c.end()), 1);
  }
}

TEST(Moons, PointsLieOnTheTwoScaledHalfCircles) {
  // Unscaled: class 0 on the upper half of the unit circle, class 1 on the lower half of
  // the unit circle centred (1, 0.5); shifted by (-0.5, -0.25) and scaled by 10/3.
  const double s = 10.0 / 3.0;
  const Dataset d = all_points("moons", 1001);
  EXPECT_EQ(class_counts(d), (std::vector<int>{501, 500}));
  for (int i = 0; i < d.size(); ++i) {
    const double u = d.x[2 * i] / s + 0.5, v = d.x[2 * i + 1] / s + 0.25;
    if (d.y[i] == 0.0f) {
      ASSERT_NEAR(std::hypot(u, v), 1.0, 1e-5);
      ASSERT_GE(v, -1e-6);
    } else {
      ASSERT_NEAR(std::hypot(u - 1.0, v - 0.5), 1.0, 1e-5);
      ASSERT_LE(v, 0.5 + 1e-6);
    }
  }
}

TEST(Moons, NoiseIsGaussianJitterOfStddevTwiceNoise) {
  // The distance to the own moon's circle, in plane units, spreads with sd 2 * noise.
  const double s = 10.0 / 3.0;
  const Dataset d = all_points("moons", 20000, 0.25f);
  double sum2 = 0;
  for (int i = 0; i < d.size(); ++i) {
    const double a = d.x[2 * i], b = d.x[2 * i + 1];
    const double cx = d.y[i] == 0.0f ? -0.5 * s : 0.5 * s;
    const double cy = d.y[i] == 0.0f ? -0.25 * s : 0.25 * s;
    sum2 += std::pow(std::hypot(a - cx, b - cy) - s, 2);
  }
  EXPECT_NEAR(std::sqrt(sum2 / d.size()), 0.5, 0.05);
}

TEST(Checkerboard, LabelIsTheSignOfSinX1SinX2AndClassesBalance) {
  const Dataset d = all_points("checkerboard", 5000);
  const auto counts = class_counts(d);
  EXPECT_NEAR(counts[1], 2500, 150);
  for (int i = 0; i < d.size(); ++i) {
    const double a = d.x[2 * i], b = d.x[2 * i + 1];
    ASSERT_EQ(d.y[i], std::sin(a) * std::sin(b) >= 0 ? 1.0f : 0.0f) << a << ", " << b;
  }
}

TEST(BlobsK, KBlobsOnACircleOfRadius3Point5) {
  for (int k = 2; k <= 6; ++k) {
    SCOPED_TRACE(k);
    const Dataset d = all_points("blobs-k", 6000, 0.0f, k);
    EXPECT_EQ(class_counts(d), std::vector<int>(k, 6000 / k));
    for (int c = 0; c < k; ++c) {
      const double angle = 2.0 * kPi * c / k + kPi / 4.0;
      const Moments m = moments(d, c);
      EXPECT_NEAR(m.mean[0], 3.5 * std::cos(angle), 0.06);
      EXPECT_NEAR(m.mean[1], 3.5 * std::sin(angle), 0.06);
      EXPECT_NEAR(m.var[0], 0.5, 0.08);
      EXPECT_NEAR(m.var[1], 0.5, 0.08);
    }
  }
  const Moments wide = moments(all_points("blobs-k", 6000, 0.5f, 3), 1);
  EXPECT_NEAR(wide.var[0], 4.0, 0.4);
}

// ---- regression ---------------------------------------------------------------------------

double multi_gauss(double a, double b) {
  const double g[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
                          {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double y = 0;
  for (const auto& c : g) {
    const double v =
        c[2] * std::clamp(1.0 - std::hypot(a - c[0], b - c[1]) / 2.0, 0.0, 1.0);
    if (std::abs(v) > std::abs(y)) y = v;
  }
  return y;
}

TEST(Regression2D, PlaneIsXPlusYOverTen) {
  const Dataset d = all_points("plane");
  for (int i = 0; i < d.size(); ++i) {
    const double want = (static_cast<double>(d.x[2 * i]) + d.x[2 * i + 1]) / 10.0;
    ASSERT_EQ(d.y[i], static_cast<float>(want));
    ASSERT_LE(std::abs(d.y[i]), 1.2f);
  }
}

TEST(Regression2D, MultiGaussIsTheLargestOfSixSignedCones) {
  const Dataset d = all_points("multi-gauss");
  float top = 0;
  for (int i = 0; i < d.size(); ++i) {
    ASSERT_NEAR(d.y[i], multi_gauss(d.x[2 * i], d.x[2 * i + 1]), 1e-6);
    ASSERT_LE(std::abs(d.y[i]), 1.0f);
    top = std::max(top, std::abs(d.y[i]));
  }
  EXPECT_GT(top, 0.9f);
  EXPECT_NEAR(multi_gauss(-4, 2.5), 1.0, 1e-12);
  EXPECT_NEAR(multi_gauss(0, 2.5), -1.0, 1e-12);
  EXPECT_EQ(multi_gauss(-2, 0), 0.0);
}

double f_sin(double x) { return std::sin(x); }
double f_abs(double x) { return 2.0 * std::abs(x) / kPi - 1.0; }
double f_step(double x) { return x < 0 ? -1.0 : 1.0; }
double f_sawtooth(double x) {
  const double u = 3.0 * (x + kPi) / (2.0 * kPi);
  return 2.0 * (u - std::floor(u)) - 1.0;
}
double f_x_sin_x(double x) { return x * std::sin(x) - 1.0; }

const std::vector<std::pair<std::string, double (*)(double)>> kFunctions = {
    {"sin", f_sin}, {"abs", f_abs}, {"step", f_step}, {"sawtooth", f_sawtooth},
    {"x-sin-x", f_x_sin_x}};

TEST(Regression1D, TargetsAreTheDocumentedFormulaExactlyAtNoiseZero) {
  for (const auto& [name, f] : kFunctions) {
    SCOPED_TRACE(name);
    const Dataset d = all_points(name, 5000);
    EXPECT_EQ(d.dims, 1);
    float lo = 1, hi = -1;
    for (int i = 0; i < d.size(); ++i) {
      ASSERT_GE(d.x[i], -static_cast<float>(kPi));
      ASSERT_LE(d.x[i], static_cast<float>(kPi));
      ASSERT_EQ(d.y[i], static_cast<float>(f(d.x[i]))) << "x = " << d.x[i];
      lo = std::min(lo, d.y[i]);
      hi = std::max(hi, d.y[i]);
    }
    EXPECT_GE(lo, -1.0f);
    EXPECT_LE(hi, 1.0f);
    EXPECT_LT(lo, -0.95f);   // each target reaches down to about -1
    EXPECT_GT(hi, 0.8f);     // and up to at least 0.8
  }
  EXPECT_NEAR(f_x_sin_x(2.0287578381104), 0.8197057, 1e-6);  // its maximum
  EXPECT_EQ(f_sawtooth(-kPi), -1.0);
  EXPECT_NEAR(f_sawtooth(0.0), 0.0, 1e-12);
}

TEST(Regression1D, NoiseIsGaussianOnYWithStddevNoise) {
  for (const auto& [name, f] : kFunctions) {
    SCOPED_TRACE(name);
    const Dataset d = all_points(name, 50000, 0.3f);
    double sum = 0, sum2 = 0;
    for (int i = 0; i < d.size(); ++i) {
      const double e = d.y[i] - f(d.x[i]);
      sum += e;
      sum2 += e * e;
    }
    EXPECT_NEAR(sum / d.size(), 0.0, 0.006);
    EXPECT_NEAR(std::sqrt(sum2 / d.size()), 0.3, 0.006);
  }
}

// ---- spec validation ---------------------------------------------------------------------

TEST(GenerateDataset, RejectsEachInvalidFieldByName) {
  auto gen = [](DatasetSpec s) { return [s] { mlp::generate_dataset(s); }; };
  expect_error(gen(make_spec("spirals")), "name",
               "name: unknown dataset \"spirals\"; allowed: \"circle\"");
  expect_error(gen(make_spec("circle", -1)), "samples",
               "samples: must be an integer in [0, 100000] (0 = the dataset's default, 500), "
               "got -1");
  expect_error(gen(make_spec("circle", 100001)), "samples", "got 100001");
  expect_error(gen(make_spec("circle", 0, 0.7f)), "noise",
               "noise: must be a finite number in [0, 0.5], got 0.7");
  expect_error(gen(make_spec("circle", 0, -0.1f)), "noise", "got -0.1");
  expect_error(gen(make_spec("circle", 0, std::nanf(""))), "noise", "got nan");
  expect_error(gen(make_spec("spiral-k", 0, 0, 7)), "classes",
               "classes: must be an integer in [2, 6] for \"spiral-k\", got 7");
  expect_error(gen(make_spec("blobs-k", 0, 0, 1)), "classes", "got 1");
  expect_error(gen(make_spec("circle", 0, 0, 3, 0.0f)), "trainRatio",
               "trainRatio: must be a finite number in (0, 1], got 0");
  expect_error(gen(make_spec("circle", 0, 0, 3, 1.5f)), "trainRatio", "got 1.5");
  expect_error(gen(make_spec("circle", 0, 0, 3, INFINITY)), "trainRatio", "got inf");
}

TEST(GenerateDataset, AcceptsTheEdgesOfEachRange) {
  EXPECT_EQ(mlp::generate_dataset(make_spec("circle", 100000, 0.5f)).train.size(), 100000);
  const DatasetSplit one = mlp::generate_dataset(make_spec("xor", 1, 0, 3, 0.01f));
  EXPECT_EQ(one.train.size(), 1);  // at least one training point
  EXPECT_EQ(one.test.size(), 0);
  // classes is only read by the K-class sets; the others ignore it.
  EXPECT_EQ(all_points("circle", 10, 0, 0).classes, 2);
  EXPECT_EQ(all_points("spiral-k", 10, 0, 2).classes, 2);
  EXPECT_EQ(all_points("blobs-k", 10, 0, 6).classes, 6);
}

// ---- user data ----------------------------------------------------------------------------

TEST(MakeDataset, KeepsValidData) {
  const Dataset d = mlp::make_dataset(Problem::Classification, 2, 3, {0, 1, 2, 3, 4, 5},
                                      {0, 2, 1});
  EXPECT_EQ(d.problem, Problem::Classification);
  EXPECT_EQ(d.dims, 2);
  EXPECT_EQ(d.classes, 3);
  EXPECT_EQ(d.x, (std::vector<float>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(d.y, (std::vector<float>{0, 2, 1}));
  const Dataset r = mlp::make_dataset(Problem::Regression, 1, 0, {0.5f, -1}, {3, -7.5f});
  EXPECT_EQ(r.size(), 2);
  EXPECT_EQ(r.classes, 0);
  EXPECT_EQ(mlp::make_dataset(Problem::Classification, 2, 2, {}, {}).size(), 0);
}

TEST(MakeDataset, RejectsEachInvalidFieldByName) {
  using V = std::vector<float>;
  const auto C = Problem::Classification;
  const auto R = Problem::Regression;
  auto make = [](Problem p, int dims, int classes, V x, V y) {
    return [=] { mlp::make_dataset(p, dims, classes, x, y); };
  };
  expect_error(make(static_cast<Problem>(7), 2, 2, {}, {}), "problem",
               "problem: must be classification or regression, got 7");
  expect_error(make(C, 3, 2, {0, 0, 0}, {0}), "dims", "dims: must be 1 or 2, got 3");
  expect_error(make(C, 0, 2, {}, {}), "dims", "got 0");
  expect_error(make(C, 2, 1, {0, 0}, {0}), "classes",
               "classes: must be an integer in [2, 64] for classification, got 1");
  expect_error(make(C, 2, 65, {0, 0}, {0}), "classes", "got 65");
  expect_error(make(R, 2, 2, {0, 0}, {0}), "classes",
               "classes: must be 0 for regression, got 2");
  expect_error(make(C, 2, 2, {0, 1, 2, 3, 4}, {0, 1, 0}), "x",
               "x: must hold dims * (number of labels) = 2 * 3 = 6 coordinates, got 5");
  expect_error(make(R, 1, 0, {0, 1}, {0}), "x", "= 1 * 1 = 1 coordinates, got 2");
  expect_error(make(C, 2, 2, {0, 1, NAN, 3}, {0, 1}), "x",
               "x: coordinates must be finite numbers, got nan at index 2");
  expect_error(make(R, 1, 0, {INFINITY}, {0}), "x", "got inf at index 0");
  expect_error(make(C, 1, 3, {0, 1}, {0, 2.5f}), "y",
               "y: labels must be integers in [0, 3), got 2.5 at index 1");
  expect_error(make(C, 1, 3, {0, 1}, {3, 0}), "y", "got 3 at index 0");
  expect_error(make(C, 1, 3, {0, 1}, {0, -1}), "y", "got -1 at index 1");
  expect_error(make(C, 1, 3, {0}, {NAN}), "y", "got nan");
  expect_error(make(R, 1, 0, {0, 1}, {0, -INFINITY}), "y",
               "y: regression targets must be finite numbers, got -inf at index 1");
}

// ---- split ---------------------------------------------------------------------------------

Dataset numbered(int n, int dims) {
  std::vector<float> x, y;
  for (int i = 0; i < n; ++i) {
    for (int k = 0; k < dims; ++k) x.push_back(static_cast<float>(i * 10 + k));
    y.push_back(static_cast<float>(i % 2));
  }
  return mlp::make_dataset(Problem::Classification, dims, 2, x, y);
}

TEST(SplitDataset, IsAShuffledPartitionOfRoundedSize) {
  for (int dims : {1, 2}) {
    const Dataset d = numbered(101, dims);
    const DatasetSplit s = mlp::split_dataset(d, 0.8f, 9);
    EXPECT_EQ(s.train.size(), 81);  // round(80.8)
    EXPECT_EQ(s.test.size(), 20);
    std::vector<int> seen(101, 0);
    bool in_order = true;
    int k = 0;
    for (const Dataset* part : {&s.train, &s.test}) {
      EXPECT_EQ(part->dims, dims);
      EXPECT_EQ(part->classes, 2);
      ASSERT_EQ(part->x.size(), static_cast<std::size_t>(part->size() * dims));
      for (int i = 0; i < part->size(); ++i, ++k) {
        const int id = static_cast<int>(part->x[i * dims]) / 10;
        ++seen.at(id);
        in_order = in_order && id == k;
        for (int j = 0; j < dims; ++j) EXPECT_EQ(part->x[i * dims + j], id * 10 + j);
        EXPECT_EQ(part->y[i], id % 2);
      }
    }
    EXPECT_EQ(seen, std::vector<int>(101, 1));
    EXPECT_FALSE(in_order);
  }
}

TEST(SplitDataset, RoundsHalfUpAndKeepsAtLeastOneTrainingPoint) {
  EXPECT_EQ(mlp::split_dataset(numbered(7, 2), 0.5f, 1).train.size(), 4);  // round(3.5)
  EXPECT_EQ(mlp::split_dataset(numbered(3, 2), 0.1f, 1).train.size(), 1);  // round(0.3) -> 1
  EXPECT_EQ(mlp::split_dataset(numbered(5, 2), 1.0f, 1).test.size(), 0);
  const DatasetSplit empty = mlp::split_dataset(numbered(0, 2), 0.5f, 1);
  EXPECT_EQ(empty.train.size() + empty.test.size(), 0);
}

TEST(SplitDataset, IsDeterministicBySeed) {
  const Dataset d = numbered(50, 2);
  const DatasetSplit a = mlp::split_dataset(d, 0.5f, 3);
  const DatasetSplit b = mlp::split_dataset(d, 0.5f, 3);
  const DatasetSplit c = mlp::split_dataset(d, 0.5f, 4);
  EXPECT_EQ(a.train.x, b.train.x);
  EXPECT_EQ(a.test.x, b.test.x);
  EXPECT_NE(a.train.x, c.train.x);
}

TEST(SplitDataset, RejectsABadRatioOrInconsistentData) {
  const Dataset d = numbered(4, 2);
  expect_error([&] { mlp::split_dataset(d, 0.0f, 1); }, "trainRatio",
               "trainRatio: must be a finite number in (0, 1], got 0");
  expect_error([&] { mlp::split_dataset(d, std::nanf(""), 1); }, "trainRatio", "got nan");
  Dataset bad = d;
  bad.x.pop_back();
  expect_error([&] { mlp::split_dataset(bad, 0.5f, 1); }, "x", "= 2 * 4 = 8 coordinates, got 7");
  bad = d;
  bad.dims = 4;
  expect_error([&] { mlp::split_dataset(bad, 0.5f, 1); }, "dims", "must be 1 or 2, got 4");
}

// ---- features ----------------------------------------------------------------------------

TEST(Features, NamesFollowTheEnumAndParseBack) {
  const std::vector<std::string> names = {"x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"};
  EXPECT_EQ(mlp::feature_names(), names);
  for (int i = 0; i < 7; ++i) {
    const Feature f = static_cast<Feature>(i);
    EXPECT_EQ(mlp::feature_name(f), names[i]);
    EXPECT_EQ(mlp::parse_feature(names[i]), f);
  }
  EXPECT_EQ(mlp::parse_feature("x1x2"), Feature::X1TimesX2);
  EXPECT_EQ(mlp::parse_feature("sinx2"), Feature::SinX2);
}

TEST(Features, ParseRejectsUnknownNamesUnderTheGivenField) {
  expect_error([] { mlp::parse_feature("X1"); }, "features",
               "features: unknown feature \"X1\"; allowed: \"x1\", \"x2\", \"x1sq\", \"x2sq\", "
               "\"x1x2\", \"sinx1\", \"sinx2\"");
  expect_error([] { mlp::parse_feature("cos", "features[2]"); }, "features[2]",
               "unknown feature \"cos\"");
}

TEST(Features, ValidateRejectsEmptyDuplicateAndTwoDFeaturesOnOneDData) {
  using F = Feature;
  EXPECT_NO_THROW(mlp::validate_features({F::X1, F::X2, F::X1Squared, F::X2Squared,
                                          F::X1TimesX2, F::SinX1, F::SinX2}, 2));
  EXPECT_NO_THROW(mlp::validate_features({F::SinX1, F::X1Squared, F::X1}, 1));
  expect_error([] { mlp::validate_features({}, 2); }, "features",
               "features: must list at least one feature; allowed: \"x1\"");
  expect_error([] { mlp::validate_features({F::X1, F::X2, F::X1}, 2); }, "features",
               "features: \"x1\" is listed twice");
  for (F f : {F::X2, F::X2Squared, F::X1TimesX2, F::SinX2}) {
    const std::string name = mlp::feature_name(f);
    expect_error([f] { mlp::validate_features({F::X1, f}, 1); }, "features",
                 "\"" + name + "\" needs 2-D data but the data is 1-D; allowed for 1-D: "
                 "\"x1\", \"x1sq\", \"sinx1\"");
  }
  expect_error([] { mlp::validate_features({F::X1}, 3); }, "dims", "must be 1 or 2, got 3");
  expect_error([] { mlp::validate_features({static_cast<F>(9)}, 2); }, "features",
               "feature index 9 is not a feature");
}

TEST(Features, ComputesEachMapSampleMajorInListOrder) {
  using F = Feature;
  const float x[] = {1.5f, -2.0f, 0.25f, 3.0f};  // two 2-D points
  const std::vector<F> all = {F::SinX2, F::X1, F::X2, F::X1Squared, F::X2Squared,
                              F::X1TimesX2, F::SinX1};
  float out[14];
  mlp::compute_features(x, 2, 2, all, out);
  for (int i = 0; i < 2; ++i) {
    const float a = x[2 * i], b = x[2 * i + 1];
    const float want[] = {std::sin(b), a, b, a * a, b * b, a * b, std::sin(a)};
    for (int j = 0; j < 7; ++j) EXPECT_EQ(out[i * 7 + j], want[j]) << i << ", " << j;
  }
  EXPECT_EQ(out[7 + 5], 0.75f);   // x1 * x2 of (0.25, 3)
  EXPECT_EQ(out[3], 2.25f);       // x1^2 of (1.5, -2)

  const float x1d[] = {-1.0f, 0.5f, 2.0f};
  float out1d[6];
  mlp::compute_features(x1d, 3, 1, {F::X1Squared, F::SinX1}, out1d);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(out1d[2 * i], x1d[i] * x1d[i]);
    EXPECT_EQ(out1d[2 * i + 1], std::sin(x1d[i]));
  }
}

TEST(Features, ComputeRejectsAnInvalidListWithoutWriting) {
  const float x[] = {1.0f, 2.0f};
  float out[2] = {-7.0f, -7.0f};
  expect_error([&] { mlp::compute_features(x, 2, 1, {Feature::X1, Feature::X2}, out); },
               "features", "\"x2\" needs 2-D data");
  EXPECT_EQ(out[0], -7.0f);
  EXPECT_EQ(out[1], -7.0f);
}

// ---- targets -------------------------------------------------------------------------------

TEST(Targets, NegativeLabelIsZeroOnlyForSigmoid) {
  EXPECT_EQ(mlp::negative_label(Activation::Sigmoid), 0.0f);
  for (Activation a : {Activation::Tanh, Activation::Linear, Activation::Relu,
                       Activation::Sin, Activation::Softmax})
    EXPECT_EQ(mlp::negative_label(a), -1.0f) << mlp::activation_name(a);
}

const Dataset kBinary =
    mlp::make_dataset(Problem::Classification, 2, 2, {0, 0, 1, 1, 2, 2}, {1, 0, 1});
const Dataset kThree =
    mlp::make_dataset(Problem::Classification, 1, 3, {0, 1, 2, 3}, {2, 0, 1, 2});
const Dataset kRegression = mlp::make_dataset(Problem::Regression, 1, 0, {0, 1}, {0.5f, -3});

TEST(Targets, BinaryWithOneOutputUsesTheNegativeLabelOfTheOutput) {
  float out[3];
  mlp::encode_targets(kBinary, 1, Activation::Tanh, out);
  EXPECT_EQ(std::vector<float>(out, out + 3), (std::vector<float>{1, -1, 1}));
  mlp::encode_targets(kBinary, 1, Activation::Linear, out);
  EXPECT_EQ(std::vector<float>(out, out + 3), (std::vector<float>{1, -1, 1}));
  mlp::encode_targets(kBinary, 1, Activation::Sigmoid, out);
  EXPECT_EQ(std::vector<float>(out, out + 3), (std::vector<float>{1, 0, 1}));
}

TEST(Targets, OutputsEqualToClassesIsOneHot) {
  float out2[6];
  mlp::encode_targets(kBinary, 2, Activation::Softmax, out2);
  EXPECT_EQ(std::vector<float>(out2, out2 + 6), (std::vector<float>{0, 1, 1, 0, 0, 1}));
  float out3[12];
  for (Activation a : {Activation::Softmax, Activation::Sigmoid, Activation::Tanh}) {
    std::fill(out3, out3 + 12, 9.0f);
    mlp::encode_targets(kThree, 3, a, out3);
    EXPECT_EQ(std::vector<float>(out3, out3 + 12),
              (std::vector<float>{0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}));
  }
}

TEST(Targets, RegressionCopiesTheValues) {
  float out[2];
  mlp::encode_targets(kRegression, 1, Activation::Linear, out);
  EXPECT_EQ(out[0], 0.5f);
  EXPECT_EQ(out[1], -3.0f);
}

TEST(Targets, RejectsImpossiblePairingsWithoutWriting) {
  float out[12];
  std::fill(out, out + 12, 9.0f);
  auto enc = [&out](const Dataset& d, int outputs, Activation a) {
    return [&out, &d, outputs, a] { mlp::encode_targets(d, outputs, a, out); };
  };
  expect_error(enc(kThree, 1, Activation::Tanh), "outputs",
               "outputs: a 3-class dataset needs 3 outputs (one-hot, softmax), got 1");
  expect_error(enc(kThree, 2, Activation::Softmax), "outputs", "got 2");
  expect_error(enc(kBinary, 3, Activation::Softmax), "outputs",
               "outputs: a 2-class dataset needs 1 output (class 1 -> 1, class 0 -> -1, or 0 "
               "for sigmoid) or 2 outputs (one-hot, softmax), got 3");
  expect_error(enc(kBinary, 0, Activation::Tanh), "outputs", "got 0");
  expect_error(enc(kBinary, 1, Activation::Softmax), "outputs",
               "a 1-unit softmax always outputs 1");
  expect_error(enc(kRegression, 2, Activation::Linear), "outputs",
               "outputs: a regression dataset needs 1 output, got 2");
  expect_error(enc(kRegression, 1, Activation::Softmax), "outputs",
               "a 1-unit softmax always outputs 1");
  Dataset bad = kThree;
  bad.y[3] = 3;
  expect_error(enc(bad, 3, Activation::Softmax), "y",
               "y: labels must be integers in [0, 3), got 3 at index 3");
  EXPECT_EQ(std::vector<float>(out, out + 12), std::vector<float>(12, 9.0f));
}

TEST(Targets, EncodeGeneratedSetsForTheirNaturalOutputs) {
  const Dataset spiral = all_points("spiral-k", 60, 0.0f, 4);
  std::vector<float> onehot(60 * 4);
  mlp::encode_targets(spiral, 4, Activation::Softmax, onehot.data());
  for (int i = 0; i < 60; ++i) {
    float sum = 0;
    for (int c = 0; c < 4; ++c) sum += onehot[i * 4 + c];
    EXPECT_EQ(sum, 1.0f);
    EXPECT_EQ(onehot[i * 4 + static_cast<int>(spiral.y[i])], 1.0f);
  }
}

}  // namespace
