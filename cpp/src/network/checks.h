// Internal: the argument checks of the network's public calls, each failure an mlp::Error
// naming the argument (x, y, unit, input, ...). Nothing is changed before they pass.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>

#include "kernels/kernels.h"
#include "mlp/error.h"
#include "network/workspace.h"

namespace mlp {

// One vectorised pass when everything is finite (the common case); the scalar search for
// the first bad element only runs to word the error.
inline void check_finite_array(const float* v, std::size_t n, const std::string& field) {
  if (MLP_ACTIVE(all_finite)(v, n)) return;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(v[i]))
      throw Error(field, "must contain only finite numbers; element " + std::to_string(i) +
                             " is " + describe(v[i]));
}

// A batch of n samples: x is n x inputs, t is n x outputs.
inline void check_batch(const float* x, const float* t, int n, int inputs, int outputs) {
  if (n < 1) throw Error("x", "needs at least one sample, got " + std::to_string(n));
  if (!x) throw Error("x", "is missing");
  if (!t) throw Error("y", "is missing");
  check_finite_array(x, static_cast<std::size_t>(n) * inputs, "x");
  check_finite_array(t, static_cast<std::size_t>(n) * outputs, "y");
}

// Unit `unit` of layer `layer` and, for weights, its input `input`.
inline void check_unit(const LayerInfo& l, int layer, int unit, int input) {
  if (unit < 0 || unit >= l.out)
    throw Error("unit", "must be in [0, " + std::to_string(l.out - 1) + "] for layer " +
                            std::to_string(layer) + ", got " + std::to_string(unit));
  if (input < 0 || input >= l.in)
    throw Error("input", "must be in [0, " + std::to_string(l.in - 1) + "] for layer " +
                             std::to_string(layer) + ", got " + std::to_string(input));
}

}  // namespace mlp
