// A deliberately naive double-precision network with PyTorch semantics, written
// independently of the core (sample-major, no kernels, a convolution as its direct sum): the
// oracle for gradients (by central finite differences of its loss), forward values and
// optimizer trajectories. Layers: dense (optionally residual), conv2d, maxpool 2 x 2.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "mlp/network.h"

namespace ref {

using mlp::Activation;
using mlp::Loss;

inline double act(Activation a, double x) {
  switch (a) {
    case Activation::Linear: return x;
    case Activation::Relu: return x > 0 ? x : 0;
    case Activation::LeakyRelu: return x > 0 ? x : 0.01 * x;
    case Activation::Elu: return x > 0 ? x : std::expm1(x);
    case Activation::Tanh: return std::tanh(x);
    case Activation::Sigmoid: return 1 / (1 + std::exp(-x));
    case Activation::Softplus: return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x)));
    case Activation::Swish: return x / (1 + std::exp(-x));
    case Activation::Gelu: return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
    case Activation::Sin: return std::sin(x);
    case Activation::Softmax: return x;  // handled per layer
  }
  return x;
}

struct Layer {
  int in, out;
  Activation act;
  std::vector<double> w, b;  // dense: w is [out][in]; conv2d: [O][C][K][K]
  mlp::LayerType type = mlp::LayerType::Dense;
  bool residual = false;
  int C = 1, H = 1, W = 1, O = 1, K = 1, stride = 1, pad = 0, OH = 1, OW = 1;  // images
};

struct Perturb {
  int layer = -1, unit = -1;
  double dz = 0, da = 0;
};

struct Mlp {
  std::vector<Layer> layers;
  Loss loss = Loss::Mse;

  static Mlp from(const mlp::Network& net) {
    Mlp m;
    m.loss = net.config().loss;
    for (int l = 0; l < net.num_layers(); ++l) {
      const mlp::LayerSpec& s = net.config().layers[l];
      const mlp::LayerGeometry& g = net.layer(l);
      Layer L{g.inputs, g.outputs, s.activation, {}, {}};
      L.type = s.type;
      L.residual = s.residual;
      if (s.type != mlp::LayerType::Dense) {
        L.C = g.input_shape[0];
        L.H = g.input_shape[1];
        L.W = g.input_shape[2];
        L.O = g.output_shape[0];
        L.OH = g.output_shape[1];
        L.OW = g.output_shape[2];
        L.K = s.kernel;
        L.stride = s.stride;
        L.pad = s.padding == mlp::Padding::Same ? s.kernel / 2 : 0;
      }
      if (s.type != mlp::LayerType::MaxPool) {
        for (float v : net.weights(l)) L.w.push_back(v);
        for (float v : net.biases(l)) L.b.push_back(v);
      }
      m.layers.push_back(L);
    }
    return m;
  }

  // z of one layer for one sample (maxpool: its output).
  static std::vector<double> pre_activation(const Layer& L, const std::vector<double>& a) {
    std::vector<double> z(L.out);
    switch (L.type) {
      case mlp::LayerType::Dense:
        for (int o = 0; o < L.out; ++o) {
          double s = L.b[o];
          for (int i = 0; i < L.in; ++i) s += L.w[o * L.in + i] * a[i];
          z[o] = s;
        }
        break;
      case mlp::LayerType::Conv2d:
        for (int o = 0; o < L.O; ++o)
          for (int y = 0; y < L.OH; ++y)
            for (int x = 0; x < L.OW; ++x) {
              double s = L.b[o];
              for (int c = 0; c < L.C; ++c)
                for (int i = 0; i < L.K; ++i)
                  for (int j = 0; j < L.K; ++j) {
                    const int yy = y * L.stride + i - L.pad, xx = x * L.stride + j - L.pad;
                    if (yy < 0 || yy >= L.H || xx < 0 || xx >= L.W) continue;
                    s += L.w[((o * L.C + c) * L.K + i) * L.K + j] * a[(c * L.H + yy) * L.W + xx];
                  }
              z[(o * L.OH + y) * L.OW + x] = s;
            }
        break;
      case mlp::LayerType::MaxPool:
        for (int c = 0; c < L.C; ++c)
          for (int y = 0; y < L.H / 2; ++y)
            for (int x = 0; x < L.W / 2; ++x) {
              double m = -1e300;
              for (int i = 0; i < 2; ++i)
                for (int j = 0; j < 2; ++j) m = std::max(m, a[(c * L.H + 2 * y + i) * L.W + 2 * x + j]);
              z[(c * (L.H / 2) + y) * (L.W / 2) + x] = m;
            }
        break;
    }
    return z;
  }

  // Pre-activation of the last layer and its output for one sample.
  void forward(const double* x, std::vector<double>& z_last, std::vector<double>& y) const {
    std::vector<double> a(x, x + layers[0].in);
    for (const Layer& L : layers) {
      const std::vector<double> z = pre_activation(L, a);
      std::vector<double> h(L.out);
      if (L.type == mlp::LayerType::MaxPool) {
        h = z;
      } else if (L.act == Activation::Softmax) {
        const double mx = *std::max_element(z.begin(), z.end());
        double sum = 0;
        for (int o = 0; o < L.out; ++o) sum += std::exp(z[o] - mx);
        for (int o = 0; o < L.out; ++o) h[o] = std::exp(z[o] - mx) / sum;
      } else {
        for (int o = 0; o < L.out; ++o) h[o] = act(L.act, z[o]);
        if (L.residual)
          for (int o = 0; o < L.out; ++o) h[o] += a[o];
      }
      z_last = z;
      a = h;
    }
    y = a;
  }

  // Every layer's z and a for one sample (a = act(z); a residual layer outputs its input
  // + a; a maxpool layer's z and a are its output); optionally with z (or a) of unit
  // `unit` of layer `layer` shifted by `dz` (`da`): the hooks the per-layer finite
  // differences use.
  void forward_all(const double* x, std::vector<std::vector<double>>& zs,
                   std::vector<std::vector<double>>& as, Perturb p = {}) const {
    zs.assign(layers.size(), {});
    as.assign(layers.size(), {});
    std::vector<double> a(x, x + layers[0].in);
    for (std::size_t l = 0; l < layers.size(); ++l) {
      const Layer& L = layers[l];
      const bool here = p.layer == static_cast<int>(l);
      std::vector<double> z = pre_activation(L, a);
      if (here) z[p.unit] += p.dz;
      std::vector<double> h(L.out);
      if (L.type == mlp::LayerType::MaxPool) {
        h = z;
      } else if (L.act == Activation::Softmax) {
        const double mx = *std::max_element(z.begin(), z.end());
        double sum = 0;
        for (int o = 0; o < L.out; ++o) sum += std::exp(z[o] - mx);
        for (int o = 0; o < L.out; ++o) h[o] = std::exp(z[o] - mx) / sum;
      } else {
        for (int o = 0; o < L.out; ++o) h[o] = act(L.act, z[o]);
      }
      if (here) h[p.unit] += p.da;
      zs[l] = z;
      as[l] = h;
      if (L.residual)
        for (int o = 0; o < L.out; ++o) h[o] += a[o];
      a = h;
    }
  }

  // One sample's term of the loss sum (before the mean's division), with a perturbation.
  // The output's a is perturbed as the loss sees it: for bce and softmax-ce (losses of the
  // logits) as the same loss written on a, -t log a - (1 - t) log(1 - a) and -t log a.
  double sample_term(const double* x, const double* t, Perturb p = {}) const {
    std::vector<std::vector<double>> zs, as;
    forward_all(x, zs, as, p);
    const std::vector<double>& z = zs.back();
    const std::vector<double>& y = as.back();
    const bool output_a = p.layer == static_cast<int>(layers.size()) - 1 && p.da != 0;
    double sum = 0;
    const int M = layers.back().out;
    for (int j = 0; j < M; ++j) {
      const double tj = t[j];
      switch (loss) {
        case Loss::Mse: sum += (y[j] - tj) * (y[j] - tj); break;
        case Loss::Bce:
          sum += output_a ? -tj * std::log(y[j]) - (1 - tj) * std::log(1 - y[j])
                          : std::max(z[j], 0.0) - z[j] * tj + std::log1p(std::exp(-std::fabs(z[j])));
          break;
        case Loss::SoftmaxCe: {
          if (output_a) {
            sum -= tj * std::log(y[j]);
            break;
          }
          const double mx = *std::max_element(z.begin(), z.end());
          double lse = 0;
          for (double v : z) lse += std::exp(v - mx);
          lse = mx + std::log(lse);
          sum -= tj * (z[j] - lse);
          break;
        }
      }
    }
    return sum;
  }

  double divisor(int n) const {
    return loss == Loss::SoftmaxCe ? n : static_cast<double>(n) * layers.back().out;
  }

  // Mean data loss over n samples (PyTorch reductions).
  double loss_of(const std::vector<double>& x, const std::vector<double>& t, int n) const {
    const int d = layers[0].in, M = layers.back().out;
    double sum = 0;
    std::vector<double> z, y;
    for (int s = 0; s < n; ++s) {
      forward(&x[s * d], z, y);
      for (int j = 0; j < M; ++j) {
        const double tj = t[s * M + j];
        switch (loss) {
          case Loss::Mse: sum += (y[j] - tj) * (y[j] - tj); break;
          case Loss::Bce:
            sum += std::max(z[j], 0.0) - z[j] * tj + std::log1p(std::exp(-std::fabs(z[j])));
            break;
          case Loss::SoftmaxCe: {
            const double mx = *std::max_element(z.begin(), z.end());
            double lse = 0;
            for (double v : z) lse += std::exp(v - mx);
            lse = mx + std::log(lse);
            sum -= tj * (z[j] - lse);
            break;
          }
        }
      }
    }
    return loss == Loss::SoftmaxCe ? sum / n : sum / (static_cast<double>(n) * M);
  }

  // All parameters flattened in the network's order (W0, b0, W1, b1, ...).
  std::vector<double*> params() {
    std::vector<double*> p;
    for (Layer& L : layers) {
      for (double& v : L.w) p.push_back(&v);
      for (double& v : L.b) p.push_back(&v);
    }
    return p;
  }

  // Central finite-difference gradient of loss_of.
  std::vector<double> numeric_gradient(const std::vector<double>& x, const std::vector<double>& t,
                                       int n, double h = 1e-6) {
    std::vector<double> g;
    for (double* p : params()) {
      const double keep = *p;
      *p = keep + h;
      const double up = loss_of(x, t, n);
      *p = keep - h;
      const double down = loss_of(x, t, n);
      *p = keep;
      g.push_back((up - down) / (2 * h));
    }
    return g;
  }
};

}  // namespace ref
