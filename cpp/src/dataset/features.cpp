// The input feature map: how a raw point (x1[, x2]) becomes a network's inputs (x1, x2,
// x1^2, x2^2, x1 x2, sin x1, sin x2). The one definition of these features: grids,
// prepared training data and the npm API's computeFeatures all go through it.
#include <cmath>
#include <string>
#include <vector>

#include "dataset/checks.h"
#include "mlp/dataset.h"
#include "mlp/error.h"

namespace mlp {

// Order must match the enum. Labels are mathematical notation (no language): subscripts
// and squares in Unicode.
const std::vector<FeatureInfo>& feature_catalog() {
  static const std::vector<FeatureInfo> table = {  // plain pointers: nothing to allocate
      {"x1", "x\u2081", 1},          {"x2", "x\u2082", 2},
      {"x1sq", "x\u2081\u00b2", 1},  {"x2sq", "x\u2082\u00b2", 2},
      {"x1x2", "x\u2081x\u2082", 2}, {"sinx1", "sin x\u2081", 1},
      {"sinx2", "sin x\u2082", 2},
  };
  return table;
}

const std::vector<std::string>& feature_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const FeatureInfo& f : feature_catalog()) v.push_back(f.name);
    return v;
  }();
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
  datasets::check_dims(dims);
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
    if (feature_catalog()[i].dims > dims) {
      std::vector<std::string> allowed;
      for (const FeatureInfo& info : feature_catalog())
        if (info.dims <= dims) allowed.push_back(info.name);
      throw Error("features", describe(names[i]) +
                                  " needs 2-D data but the data is 1-D; allowed for 1-D: " +
                                  join_quoted(allowed));
    }
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

}  // namespace mlp
