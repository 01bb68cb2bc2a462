// The loss landscape (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets"): the
// training loss over θ + α d1 + β d2 on a steps x steps grid of (α, β), through the current
// parameters θ, in one call. The directions are seeded Gaussian filter-normalised ones, the
// first two principal directions of a trajectory (so that the optimizer's path lies in the
// plane as far as a plane can hold it), or the caller's. The network is not changed: every
// grid point runs the forward pass with a scratch parameter vector.
#include <algorithm>
#include <cmath>

#include "mlp/error.h"
#include "network/checks.h"
#include "network/impl.h"

namespace mlp {

namespace {

// Each filter's part of d (a dense unit's incoming weights, a conv channel's C x K x K
// kernel: one bias each, the weights in rows of nw / nb) scaled to the norm of that
// filter's weights; bias directions 0 (Li et al.'s `filter` normalisation with biases
// ignored). A maxpool layer has no parameters.
void filter_normalize(const std::vector<LayerInfo>& layers, const float* w, float* d) {
  for (const LayerInfo& l : layers) {
    if (!l.has_params()) continue;
    const std::size_t row = l.nw / l.nb;
    for (std::size_t u = 0; u < l.nb; ++u) {
      const std::size_t at = l.w + u * row;
      const double wn = std::sqrt(K(sum_squares)(w + at, row));
      const double dn = std::sqrt(K(sum_squares)(d + at, row));
      K(scale_inplace)(d + at, row, static_cast<float>(wn / (dn + 1e-10)));
    }
    std::fill(d + l.b, d + l.b + l.nb, 0.0f);
  }
}

// Cyclic Jacobi on a small symmetric b x b matrix H (row-major, destroyed): eigenvalues
// into lambda, eigenvectors into the columns of Q, sorted by decreasing eigenvalue.
void small_eigen(std::vector<double>& H, int b, std::vector<double>& lambda, std::vector<double>& Q) {
  Q.assign(static_cast<std::size_t>(b) * b, 0.0);
  for (int i = 0; i < b; ++i) Q[i * b + i] = 1.0;
  auto at = [&](std::vector<double>& m, int r, int c) -> double& { return m[static_cast<std::size_t>(r) * b + c]; };
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0;
    for (int p = 0; p < b; ++p)
      for (int q = p + 1; q < b; ++q) off += at(H, p, q) * at(H, p, q);
    if (off < 1e-30) break;
    for (int p = 0; p < b; ++p)
      for (int q = p + 1; q < b; ++q) {
        const double apq = at(H, p, q);
        if (std::fabs(apq) < 1e-300) continue;
        const double theta = (at(H, q, q) - at(H, p, p)) / (2.0 * apq);
        const double t = (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
        for (int k = 0; k < b; ++k) {  // H = Jᵀ H J
          const double hkp = at(H, k, p), hkq = at(H, k, q);
          at(H, k, p) = c * hkp - s * hkq;
          at(H, k, q) = s * hkp + c * hkq;
        }
        for (int k = 0; k < b; ++k) {
          const double hpk = at(H, p, k), hqk = at(H, q, k);
          at(H, p, k) = c * hpk - s * hqk;
          at(H, q, k) = s * hpk + c * hqk;
        }
        for (int k = 0; k < b; ++k) {
          const double qkp = at(Q, k, p), qkq = at(Q, k, q);
          at(Q, k, p) = c * qkp - s * qkq;
          at(Q, k, q) = s * qkp + c * qkq;
        }
      }
  }
  std::vector<int> order(b);
  for (int i = 0; i < b; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](int i, int j) { return at(H, i, i) > at(H, j, j); });
  std::vector<double> sorted(static_cast<std::size_t>(b) * b);
  lambda.resize(b);
  for (int j = 0; j < b; ++j) {
    lambda[j] = at(H, order[j], order[j]);
    for (int k = 0; k < b; ++k) sorted[static_cast<std::size_t>(k) * b + j] = at(Q, k, order[j]);
  }
  Q.swap(sorted);
}

// Orthonormalises the b columns of V (R x b, row-major) in place (modified Gram-Schmidt); a
// column that vanishes is replaced by a unit vector not yet spanned.
void orthonormalize(std::vector<double>& V, int R, int b) {
  for (int j = 0; j < b; ++j) {
    for (int pass = 0; pass < 2; ++pass)
      for (int i = 0; i < j; ++i) {
        double d = 0;
        for (int k = 0; k < R; ++k) d += V[k * b + i] * V[k * b + j];
        for (int k = 0; k < R; ++k) V[k * b + j] -= d * V[k * b + i];
      }
    double n = 0;
    for (int k = 0; k < R; ++k) n += V[k * b + j] * V[k * b + j];
    n = std::sqrt(n);
    if (n < 1e-150) {
      for (int k = 0; k < R; ++k) V[k * b + j] = k == j % R ? 1.0 : 0.0;
      --j;  // orthogonalise the replacement against the others
      continue;
    }
    for (int k = 0; k < R; ++k) V[k * b + j] /= n;
  }
}

// The top two eigenpairs of the R x R positive semi-definite G (row-major) by subspace
// iteration with Rayleigh-Ritz on a block of b = min(R, 6) vectors: u (R x 2, row-major).
void top_two_eigen(const std::vector<double>& G, int R, double lambda[2], std::vector<double>& u) {
  const int b = std::min(R, 6);
  std::vector<double> V(static_cast<std::size_t>(R) * b), W(V.size()), H, Q, ev;
  Rng rng(0x5eed);
  for (double& v : V) v = rng.normal(0.0f, 1.0f);
  orthonormalize(V, R, b);
  double last[2] = {-1, -1};
  for (int it = 0; it < 3000; ++it) {
    std::fill(W.begin(), W.end(), 0.0);
    for (int r = 0; r < R; ++r)
      for (int c = 0; c < R; ++c) {
        const double g = G[static_cast<std::size_t>(r) * R + c];
        if (g == 0.0) continue;
        for (int j = 0; j < b; ++j) W[r * b + j] += g * V[c * b + j];
      }
    orthonormalize(W, R, b);
    // Rayleigh-Ritz: H = Wᵀ G W, rotate W by H's eigenvectors.
    std::vector<double> GW(W.size(), 0.0);
    for (int r = 0; r < R; ++r)
      for (int c = 0; c < R; ++c) {
        const double g = G[static_cast<std::size_t>(r) * R + c];
        for (int j = 0; j < b; ++j) GW[r * b + j] += g * W[c * b + j];
      }
    H.assign(static_cast<std::size_t>(b) * b, 0.0);
    for (int i = 0; i < b; ++i)
      for (int j = 0; j < b; ++j)
        for (int k = 0; k < R; ++k) H[i * b + j] += W[k * b + i] * GW[k * b + j];
    small_eigen(H, b, ev, Q);
    for (int k = 0; k < R; ++k)
      for (int j = 0; j < b; ++j) {
        double s = 0;
        for (int i = 0; i < b; ++i) s += W[k * b + i] * Q[i * b + j];
        V[k * b + j] = s;
      }
    const double scale = std::max(ev[0], 1e-300);
    const bool settled = std::fabs(ev[0] - last[0]) <= 1e-13 * scale &&
                         std::fabs((b > 1 ? ev[1] : 0) - last[1]) <= 1e-13 * scale;
    last[0] = ev[0];
    last[1] = b > 1 ? ev[1] : 0;
    if (settled && it > 2) break;
  }
  u.assign(static_cast<std::size_t>(R) * 2, 0.0);
  for (int k = 0; k < R; ++k)
    for (int j = 0; j < std::min(b, 2); ++j) u[k * 2 + j] = V[k * b + j];
  lambda[0] = std::max(0.0, last[0]);
  lambda[1] = std::max(0.0, last[1]);
}

}  // namespace

namespace {
void check_surface(const SurfaceSpec& s) {
  if (s.steps < kMinSurfaceSteps || s.steps > kMaxSurfaceSteps)
    throw Error("steps", "must be an integer in [" + std::to_string(kMinSurfaceSteps) + ", " +
                             std::to_string(kMaxSurfaceSteps) + "], got " + std::to_string(s.steps));
  if (!std::isfinite(s.range) || !(s.range > 0.0f))
    throw Error("range", "must be a finite number > 0, got " + describe(s.range));
  const int d = static_cast<int>(s.directions);
  if (d < 0 || d > 2) throw Error("directions", "must be \"random\", \"pca\" or two directions");
}
}  // namespace

Surface Network::loss_surface(const float* x, const float* t, int n, const SurfaceSpec& spec,
                              const SurfaceInputs& in) const {
  const Impl& I = *impl_;
  check_batch(x, t, n, I.config.inputs, I.outputs());
  check_surface(spec);
  const std::size_t P = I.params.size();
  const int R = in.trajectory ? in.trajectory_length : 0;  // trajectory points
  if (spec.directions == SurfaceDirections::Given) {
    if (!in.d1 || !in.d2) throw Error("directions", "needs two directions of the parameters' shape");
    check_finite_array(in.d1, P, "directions[0]");
    check_finite_array(in.d2, P, "directions[1]");
  }
  if (spec.directions == SurfaceDirections::Pca && R < 2)
    throw Error("trajectory", "pca directions need a trajectory of at least 2 parameter vectors, got " +
                                  std::to_string(R));
  if (R > 0) check_finite_array(in.trajectory, P * R, "trajectory");

  Surface s;
  const float* theta = I.params.data();
  s.d1.resize(P);
  s.d2.resize(P);
  switch (spec.directions) {
    case SurfaceDirections::Random: {
      Rng rng(spec.seed);
      for (float& v : s.d1) v = rng.normal(0.0f, 1.0f);
      for (float& v : s.d2) v = rng.normal(0.0f, 1.0f);
      filter_normalize(I.layers(), theta, s.d1.data());
      filter_normalize(I.layers(), theta, s.d2.data());
      break;
    }
    case SurfaceDirections::Given:
      std::copy(in.d1, in.d1 + P, s.d1.begin());
      std::copy(in.d2, in.d2 + P, s.d2.begin());
      break;
    case SurfaceDirections::Pca: {
      // Rows θ_k - θ, centred by their mean (as sklearn's PCA, which Li et al. use).
      std::vector<float> M(P * R), mean(P, 0.0f);
      for (int k = 0; k < R; ++k) {
        float* row = M.data() + P * k;
        std::copy(in.trajectory + P * k, in.trajectory + P * (k + 1), row);
        K(add_scaled)(row, theta, P, -1.0f);
        K(add_scaled)(mean.data(), row, P, 1.0f / R);
      }
      for (int k = 0; k < R; ++k) K(add_scaled)(M.data() + P * k, mean.data(), P, -1.0f);
      std::vector<double> G(static_cast<std::size_t>(R) * R);
      double trace = 0;
      for (int r = 0; r < R; ++r)
        for (int c = r; c < R; ++c) {
          const double g = K(dot)(M.data() + P * r, M.data() + P * c, P);
          G[static_cast<std::size_t>(r) * R + c] = G[static_cast<std::size_t>(c) * R + r] = g;
          if (r == c) trace += g;
        }
      double lambda[2];
      std::vector<double> u;
      top_two_eigen(G, R, lambda, u);
      for (int j = 0; j < 2; ++j) {
        float* d = j == 0 ? s.d1.data() : s.d2.data();
        for (int k = 0; k < R; ++k) K(add_scaled)(d, M.data() + P * k, P, static_cast<float>(u[k * 2 + j]));
        const double norm = std::sqrt(K(sum_squares)(d, P));
        if (norm > 0) K(scale_inplace)(d, P, static_cast<float>(1.0 / norm));
        s.explained[j] = trace > 0 ? static_cast<float>(lambda[j] / trace) : 0.0f;
      }
      break;
    }
  }

  // The trajectory's coordinates: least squares onto span(d1, d2) through θ.
  if (R > 0) {
    const double a11 = K(sum_squares)(s.d1.data(), P), a22 = K(sum_squares)(s.d2.data(), P);
    const double a12 = K(dot)(s.d1.data(), s.d2.data(), P);
    const double det = a11 * a22 - a12 * a12;
    std::vector<float> v(P);
    s.path.resize(static_cast<std::size_t>(R) * 2);
    for (int k = 0; k < R; ++k) {
      std::copy(in.trajectory + P * k, in.trajectory + P * (k + 1), v.begin());
      K(add_scaled)(v.data(), theta, P, -1.0f);
      const double b1 = K(dot)(s.d1.data(), v.data(), P), b2 = K(dot)(s.d2.data(), v.data(), P);
      const bool ok = det > 1e-30 * std::max(1.0, a11 * a22);
      s.path[k * 2] = static_cast<float>(ok ? (a22 * b1 - a12 * b2) / det : (a11 > 0 ? b1 / a11 : 0));
      s.path[k * 2 + 1] = static_cast<float>(ok ? (a11 * b2 - a12 * b1) / det : 0);
    }
    // Principal directions have no sign of their own: the path starts at negative α and β.
    if (spec.directions == SurfaceDirections::Pca)
      for (int j = 0; j < 2; ++j)
        if (s.path[j] > 0) {
          std::vector<float>& d = j == 0 ? s.d1 : s.d2;
          K(scale_inplace)(d.data(), P, -1.0f);
          for (int k = 0; k < R; ++k) s.path[k * 2 + j] = -s.path[k * 2 + j];
        }
  }

  const int steps = spec.steps;
  s.alphas.resize(steps);
  for (int i = 0; i < steps; ++i)
    s.alphas[i] = static_cast<float>(-spec.range + 2.0 * spec.range * i / (steps - 1));
  s.betas = s.alphas;
  s.loss.resize(static_cast<std::size_t>(steps) * steps);
  std::vector<float> q(P);
  const double divisor = I.loss_divisor(n);
  for (int b = 0; b < steps; ++b)
    for (int a = 0; a < steps; ++a) {
      std::copy(theta, theta + P, q.begin());
      K(add_scaled)(q.data(), s.d1.data(), P, s.alphas[a]);
      K(add_scaled)(q.data(), s.d2.data(), P, s.betas[b]);
      double sum = 0.0;
      for (int first = 0; first < n; first += I.chunk) {
        const int count = std::min(I.chunk, n - first);
        const int ld = round_up4(count);
        I.ensure_workspace(ld, "data.x");
        K(pack_columns)(x, I.config.inputs, nullptr, first, count, I.ws.a0, ld);
        I.pack_targets(t, nullptr, first, count, ld);
        I.forward(ld, q.data());
        sum += I.loss_and_output_gradient(count, ld, false);
      }
      s.loss[static_cast<std::size_t>(b) * steps + a] = static_cast<float>(sum / divisor);
    }
  return s;
}

}  // namespace mlp
