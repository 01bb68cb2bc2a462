// The playground's 15 dataset generators: the TensorFlow Playground's four classification
// sets and two regression planes, more classification sets (moons, checkerboard, K spirals,
// K blobs) and five 1-D functions. Geometry is computed in double and stored as float;
// every draw comes from the one mlp::Rng a call passes in, so the same seed gives
// bit-identical data in the same build.
#include "dataset/generators.h"

#include <algorithm>
#include <cmath>

namespace mlp::generators {
namespace {

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

}  // namespace

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
static double blob_stddev(double noise) { return std::sqrt(0.5 + 7.0 * noise); }

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
static void spiral_arm(int m, double delta, int label, double noise, Rng& rng, Dataset& d) {
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
static void regress_2d(int n, double noise, Rng& rng, Dataset& d, Target target) {
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
static void function_1d(int n, double noise, Rng& rng, Dataset& d, F f) {
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

}  // namespace mlp::generators
