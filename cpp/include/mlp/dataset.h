// Datasets: seeded generators for the playground's problems, input-feature maps and the
// target encodings a network trains on. A dataset is raw points (x1[, x2]) plus a label
// (class index) or a regression value; a network sees them through a feature list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mlp/activation.h"
#include "mlp/rng.h"

namespace mlp {

enum class Problem { Classification, Regression };

// Raw points, sample-major: x holds n * dims coordinates, y holds n labels.
// Classification: y[i] is the class index 0..classes-1 (stored as float). For the two-class
// sets that mirror the TensorFlow Playground, its label -1 is class 0 and +1 is class 1.
// Regression: y[i] is the target value (roughly within [-1, 1]).
struct Dataset {
  Problem problem = Problem::Classification;
  int dims = 2;     // 2 for the plane, 1 for the y = f(x) function sets
  int classes = 2;  // >= 2 for classification, 0 for regression
  std::vector<float> x;
  std::vector<float> y;
  int size() const { return static_cast<int>(y.size()); }
};

struct DatasetSplit {
  Dataset train;
  Dataset test;
};

struct DatasetSpec {
  std::string name = "circle";  // one of dataset_names()
  int samples = 0;              // total points before the split; 0 = the dataset's default
  float noise = 0.0f;           // 0 .. 0.5, as the TensorFlow Playground's 0-50 % slider
  int classes = 3;              // spiral-k and blobs-k only: 2 .. 6
  float train_ratio = 0.5f;     // fraction of points in the training set, (0, 1]
  uint64_t seed = 1;
};

struct DatasetInfo {
  std::string name;
  Problem problem;
  int dims;
  int default_samples;
  bool multiclass;  // takes DatasetSpec::classes
  float domain_min;  // the square (or interval) the points live in; grids span it
  float domain_max;
  std::string description;
};

const std::vector<DatasetInfo>& dataset_catalog();
const DatasetInfo& dataset_info(const std::string& name);  // throws mlp::Error listing names
std::vector<std::string> dataset_names();

// Generates the points and splits them (shuffled with the same seed). Throws mlp::Error
// naming the field for an unknown name, noise outside [0, 0.5], samples outside
// [0 (default), 100000], classes outside [2, 6] (checked only for the multiclass sets,
// the others ignore it), train_ratio outside (0, 1].
DatasetSplit generate_dataset(const DatasetSpec& spec);

// Builds a dataset from user data (drawn points, a CSV). Validates everything: finite
// coordinates, labels integral in [0, classes), dims 1 or 2, lengths consistent, classes
// in [2, 64] for classification and 0 for regression. Zero points is allowed.
Dataset make_dataset(Problem problem, int dims, int classes, std::vector<float> x,
                     std::vector<float> y);

// Shuffles with `seed` and puts round(ratio * n) points (at least 1 if n > 0) in train.
DatasetSplit split_dataset(const Dataset& d, float train_ratio, uint64_t seed);

// ---- input features ---------------------------------------------------------------

enum class Feature { X1, X2, X1Squared, X2Squared, X1TimesX2, SinX1, SinX2 };

// What the UI and the API need to know about a feature: its name ("x1sq"), its label in
// mathematical notation ("x₁²", UTF-8) and the raw dimensions it needs (1: x1 only, 2: x2).
struct FeatureInfo {
  const char* name;
  const char* label;
  int dims;
};
const std::vector<FeatureInfo>& feature_catalog();  // in Feature order

// Names: "x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2".
const char* feature_name(Feature f);
Feature parse_feature(const std::string& name, const std::string& field = "features");
const std::vector<std::string>& feature_names();
// Throws if the list is empty, has duplicates, or uses x2 features with 1-D data.
void validate_features(const std::vector<Feature>& features, int dims);

// out is n x features.size(), sample-major. x is n x dims. Checks the list as
// validate_features does before writing anything.
void compute_features(const float* x, int n, int dims, const std::vector<Feature>& features,
                      float* out);

// ---- targets ----------------------------------------------------------------------

// The label value a single-output classifier trains towards for class 0: 0 for a sigmoid
// output (bce or mse), -1 otherwise (tanh / linear, as the TensorFlow Playground).
float negative_label(Activation output);

// Writes n x outputs targets. Classification with outputs == 1: class 1 -> 1, class 0 ->
// negative_label(output). Classification with outputs == classes: one-hot. Regression:
// the value (outputs must be 1). Throws mlp::Error ("outputs") for any other pairing,
// including a 1-output softmax (constant 1); "y" for a label outside [0, classes). Nothing
// is written when it throws.
void encode_targets(const Dataset& d, int outputs, Activation output, float* out);

}  // namespace mlp
