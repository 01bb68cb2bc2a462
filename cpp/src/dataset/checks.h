// Internal: the limits and checks shared by dataset generation (catalog.cpp) and user data
// and splitting (split.cpp), each failure an mlp::Error naming the field.
#pragma once

#include <cmath>
#include <cstddef>

#include "mlp/error.h"

namespace mlp::datasets {

constexpr int kMaxSamples = 100000;
constexpr int kMinGeneratedClasses = 2;
constexpr int kMaxGeneratedClasses = 6;
// User data (a CSV) may have more classes than the generators offer; the cap only keeps a
// stray label column from asking for a huge one-hot output.
constexpr int kMaxUserClasses = 64;

inline void check_train_ratio(float r) {
  if (!std::isfinite(r) || r <= 0.0f || r > 1.0f)
    throw Error("trainRatio", "must be a finite number in (0, 1], got " + describe(r));
}

inline void check_dims(int dims) {
  if (dims != 1 && dims != 2) throw Error("dims", "must be 1 or 2, got " + describe(dims));
}

inline void check_lengths(std::size_t x_size, std::size_t n, int dims) {
  if (x_size != n * static_cast<std::size_t>(dims))
    throw Error("x", "must hold dims * (number of labels) = " + describe(dims) + " * " +
                         describe(n) + " = " + describe(n * dims) + " coordinates, got " +
                         describe(x_size));
}

}  // namespace mlp::datasets
