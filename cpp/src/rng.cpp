// Rng::normal: the one non-inline member of the seeded generator (rng.h), kept out of the
// header so that <cmath> stays out of every file that only needs uniform draws.
#include <cmath>

#include "mlp/rng.h"

namespace mlp {

// Box-Muller from two uniform() draws, in double. u1 = 1 - uniform() lies in (0, 1], so
// log(u1) is finite; with 24-bit uniforms the tails are cut at |z| <= sqrt(48 ln 2) ~ 5.77.
// Only the cosine branch is returned, so every call consumes exactly two draws.
float Rng::normal() {
  const double u1 = 1.0 - static_cast<double>(uniform());
  const double u2 = static_cast<double>(uniform());
  const double kTwoPi = 6.283185307179586476925286766559;
  return static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2));
}

}  // namespace mlp
