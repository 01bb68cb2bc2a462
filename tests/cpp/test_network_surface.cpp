// loss_surface: the loss on the grid against the double reference at θ + α d1 + β d2; the
// centre is evaluate()'s loss bit for bit; random directions are filter-normalised and
// seeded; principal directions recover the plane of a trajectory that lies in one (and its
// coordinates); bad specs name their field; the network is unchanged.
#include <gtest/gtest.h>

#include <cmath>

#include "mlp/error.h"
#include "mlp/network.h"
#include "test_support.h"
#include "reference_mlp.h"

using namespace mlp;

namespace {

struct Data {
  std::vector<float> x, t;
  std::vector<double> xd, td;
  int n;
};

Data make_data(int n, uint64_t seed) {
  Rng rng(seed);
  Data d;
  d.n = n;
  for (int i = 0; i < 2 * n; ++i) d.x.push_back(rng.uniform(-2, 2));
  for (int i = 0; i < n; ++i) d.t.push_back(d.x[2 * i] * d.x[2 * i + 1] > 0 ? 1.0f : -1.0f);
  d.xd.assign(d.x.begin(), d.x.end());
  d.td.assign(d.t.begin(), d.t.end());
  return d;
}

Network make_net() {
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{6, Activation::Tanh}, {3, Activation::Relu}, {1, Activation::Tanh}};
  c.init = Init::Xavier;
  c.seed = 4;
  return Network(c);
}

using test_support::error_field;

}  // namespace

TEST(LossSurface, GivenDirectionsMatchTheReferenceAndTheCentreIsEvaluate) {
  Network net = make_net();
  const Data d = make_data(300, 1);  // more than one inference chunk
  const std::size_t P = net.parameter_count();
  Rng rng(9);
  std::vector<float> d1(P), d2(P);
  for (float& v : d1) v = rng.uniform(-0.3f, 0.3f);
  for (float& v : d2) v = rng.uniform(-0.3f, 0.3f);
  SurfaceSpec spec;
  spec.directions = SurfaceDirections::Given;
  spec.range = 2.0f;
  spec.steps = 5;
  const std::string before = net.to_json();
  const Surface s = net.loss_surface(d.x.data(), d.t.data(), d.n, spec, {d1.data(), d2.data()});
  EXPECT_EQ(net.to_json(), before);
  ASSERT_EQ(s.loss.size(), 25u);
  EXPECT_EQ(s.alphas, (std::vector<float>{-2, -1, 0, 1, 2}));
  EXPECT_EQ(s.betas, s.alphas);
  EXPECT_EQ(s.d1, d1);
  EXPECT_TRUE(s.path.empty());
  EXPECT_EQ(s.loss[12], static_cast<float>(net.evaluate(d.x.data(), d.t.data(), d.n).loss));
  const ref::Mlp base = ref::Mlp::from(net);
  for (int b = 0; b < 5; ++b)
    for (int a = 0; a < 5; ++a) {
      ref::Mlp r = base;
      std::vector<double*> p = r.params();
      for (std::size_t i = 0; i < P; ++i)
        *p[i] = static_cast<double>(net.parameters()[i]) + s.alphas[a] * double(d1[i]) + s.betas[b] * double(d2[i]);
      const double want = r.loss_of(d.xd, d.td, d.n);
      EXPECT_NEAR(s.loss[b * 5 + a], want, 2e-5 * (1 + want)) << "alpha " << s.alphas[a] << " beta " << s.betas[b];
    }
}

TEST(LossSurface, RandomDirectionsAreFilterNormalisedAndSeeded) {
  Network net = make_net();
  const Data d = make_data(50, 2);
  SurfaceSpec spec;
  spec.steps = 3;
  spec.seed = 11;
  const Surface s = net.loss_surface(d.x.data(), d.t.data(), d.n, spec, {});
  int in = 2;
  std::size_t at = 0;
  for (int l = 0; l < net.num_layers(); ++l) {
    const std::vector<float> w = net.weights(l);
    for (int u = 0; u < net.units(l); ++u) {
      double wn = 0, n1 = 0, n2 = 0;
      for (int i = 0; i < in; ++i) {
        wn += double(w[u * in + i]) * w[u * in + i];
        n1 += double(s.d1[at + u * in + i]) * s.d1[at + u * in + i];
        n2 += double(s.d2[at + u * in + i]) * s.d2[at + u * in + i];
      }
      EXPECT_NEAR(std::sqrt(n1), std::sqrt(wn), 1e-5 * std::sqrt(wn)) << "layer " << l << " unit " << u;
      EXPECT_NEAR(std::sqrt(n2), std::sqrt(wn), 1e-5 * std::sqrt(wn));
    }
    at += w.size();
    for (int u = 0; u < net.units(l); ++u) {
      EXPECT_EQ(s.d1[at + u], 0.0f) << "bias directions are 0";
      EXPECT_EQ(s.d2[at + u], 0.0f);
    }
    at += net.units(l);
    in = net.units(l);
  }
  EXPECT_EQ(net.loss_surface(d.x.data(), d.t.data(), d.n, spec, {}).loss, s.loss);
  spec.seed = 12;
  EXPECT_NE(net.loss_surface(d.x.data(), d.t.data(), d.n, spec, {}).d1, s.d1);
}

TEST(LossSurface, PrincipalDirectionsRecoverThePlaneOfATrajectory) {
  Network net = make_net();
  const Data d = make_data(40, 3);
  const std::size_t P = net.parameter_count();
  const std::vector<float> theta = net.parameters();
  // Points θ + a_k u + b_k v on a spiral into θ, with u, v not orthogonal.
  Rng rng(5);
  std::vector<double> u(P), v(P);
  for (std::size_t i = 0; i < P; ++i) u[i] = rng.uniform(-1, 1), v[i] = 0.5 * u[i] + rng.uniform(-1, 1);
  const int K = 30;
  std::vector<float> traj(P * K);
  for (int k = 0; k < K; ++k) {
    const double r = 1.0 - double(k) / (K - 1), phi = 0.4 * k;
    for (std::size_t i = 0; i < P; ++i)
      traj[P * k + i] = static_cast<float>(theta[i] + r * (2 * std::cos(phi) * u[i] + 0.7 * std::sin(phi) * v[i]));
  }
  SurfaceSpec spec;
  spec.directions = SurfaceDirections::Pca;
  spec.steps = 3;
  SurfaceInputs in;
  in.trajectory = traj.data();
  in.trajectory_length = K;
  const Surface s = net.loss_surface(d.x.data(), d.t.data(), d.n, spec, in);
  double n1 = 0, n2 = 0, n12 = 0;
  for (std::size_t i = 0; i < P; ++i) n1 += double(s.d1[i]) * s.d1[i], n2 += double(s.d2[i]) * s.d2[i], n12 += double(s.d1[i]) * s.d2[i];
  EXPECT_NEAR(n1, 1, 1e-5);
  EXPECT_NEAR(n2, 1, 1e-5);
  EXPECT_NEAR(n12, 0, 1e-5);
  EXPECT_NEAR(s.explained[0] + s.explained[1], 1.0, 1e-4);  // the whole variance is in the plane
  EXPECT_GE(s.explained[0], s.explained[1]);
  ASSERT_EQ(s.path.size(), 2u * K);
  EXPECT_LE(s.path[0], 0.0f);
  EXPECT_LE(s.path[1], 0.0f);
  EXPECT_NEAR(s.path[2 * (K - 1)], 0.0, 1e-6);  // the last point is θ itself
  // Each point is θ + α d1 + β d2 with its (α, β).
  double worst = 0;
  for (int k = 0; k < K; ++k)
    for (std::size_t i = 0; i < P; ++i) {
      const double back = theta[i] + s.path[2 * k] * double(s.d1[i]) + s.path[2 * k + 1] * double(s.d2[i]);
      worst = std::max(worst, std::fabs(back - traj[P * k + i]));
    }
  EXPECT_LT(worst, 1e-4);
}

TEST(LossSurface, BadSpecsNameTheFieldAndChangeNothing) {
  Network net = make_net();
  const Data d = make_data(10, 4);
  const std::string before = net.to_json();
  auto run = [&](SurfaceSpec s, SurfaceInputs in = {}) {
    return error_field([&] { net.loss_surface(d.x.data(), d.t.data(), d.n, s, in); });
  };
  SurfaceSpec s;
  s.steps = 1;
  EXPECT_EQ(run(s), "steps");
  s.steps = 202;
  EXPECT_EQ(run(s), "steps");
  s.steps = 201;
  for (float r : {0.0f, -1.0f, NAN, INFINITY}) {
    s.range = r;
    EXPECT_EQ(run(s), "range") << r;
  }
  s = SurfaceSpec{};
  s.directions = SurfaceDirections::Given;
  EXPECT_EQ(run(s), "directions");
  std::vector<float> bad(net.parameter_count(), 0.0f), ok = bad;
  bad[3] = NAN;
  EXPECT_EQ(run(s, {ok.data(), bad.data()}), "directions[1]");
  s.directions = SurfaceDirections::Pca;
  EXPECT_EQ(run(s, {nullptr, nullptr, ok.data(), 1}), "trajectory");
  EXPECT_EQ(net.to_json(), before);
}
