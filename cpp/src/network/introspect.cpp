// The numbers behind the teaching views (mlp/introspect.h): every layer's z and a (trace),
// the gradient of the data loss with the per-layer dL/dz and dL/da (gradients), the step the
// optimizer would take (preview_step) and the gradient flow per layer (layer_stats). Each
// runs the training passes (passes.cpp) over the workspace, in inference-sized chunks,
// writing only into its result: the network's parameters, optimizer state, generator and
// last gradients are not touched.
#include <cmath>
#include <limits>

#include "mlp/error.h"
#include "network/checks.h"
#include "network/impl.h"

namespace mlp {

namespace {

std::size_t count_of(int n, int units) { return static_cast<std::size_t>(n) * units; }

// The output layer's dL/da for count columns from `first`, sample-major into da (n x M):
// what the loss's gradient is with respect to the output activation (see LayerValues).
void output_da(Loss loss, const float* y, const float* t, int M, int count, int ld, float scale,
               float* da) {
  for (int m = 0; m < M; ++m)
    for (int c = 0; c < count; ++c) {
      const float a = y[static_cast<long>(m) * ld + c], tv = t[static_cast<long>(m) * ld + c];
      float g = 0.0f;
      switch (loss) {
        case Loss::Mse: g = 2.0f * scale * (a - tv); break;           // as mse_loss
        case Loss::Bce: g = scale * (a - tv) / (a * (1.0f - a)); break;  // d/da of BCE(a, t)
        case Loss::SoftmaxCe: g = -scale * tv / a; break;              // d/dp of -sum t log p
      }
      da[static_cast<std::size_t>(c) * M + m] = g;
    }
}

}  // namespace

template <class Sink>
double Network::Impl::gradient_chunks(const float* x, const float* t, int n, std::vector<float>& g,
                                      bool want_taps, Sink&& sink) const {
  const Impl& I = *this;
  const std::size_t P = I.params.size();
  g.assign(P, 0.0f);
  std::vector<float> chunk_g(P);
  const int cols = std::min(I.chunk, round_up4(n));
  BackwardTaps taps;
  std::vector<float> tap_data;
  if (want_taps) {
    std::size_t units = 0;
    for (const LayerInfo& l : I.layers()) units += 2 * static_cast<std::size_t>(l.out);
    tap_data.assign((units + I.config.inputs) * cols, 0.0f);
    float* p = tap_data.data();
    for (const LayerInfo& l : I.layers()) {
      taps.dz.push_back(p);
      p += count_of(cols, l.out);
      taps.da.push_back(p);
      p += count_of(cols, l.out);
    }
    taps.dx = p;
  }
  double sum = 0.0;
  for (int first = 0; first < n; first += cols) {
    const int count = std::min(cols, n - first);
    const int ld = round_up4(count);
    I.ensure_workspace(ld, "x");
    K(pack_columns)(x, I.config.inputs, nullptr, first, count, I.ws.a0, ld);
    I.pack_targets(t, nullptr, first, count, ld);
    I.forward(ld);
    sum += I.loss_and_output_gradient(count, ld, true, n);
    I.backward(ld, chunk_g.data(), want_taps ? &taps : nullptr);
    // g starts at 0, so one chunk gives the training step's gradient bit for bit.
    K(add_scaled)(g.data(), chunk_g.data(), P, 1.0f);
    sink(first, count, ld, taps);
  }
  return sum;
}

Trace Network::trace(const float* x, int n) const {
  const Impl& I = *impl_;
  if (n < 1) throw Error("x", "needs at least one sample, got " + std::to_string(n));
  check_finite_array(x, count_of(n, I.config.inputs), "x");
  Trace tr;
  tr.samples = n;
  tr.layers.resize(I.layers().size());
  for (std::size_t i = 0; i < I.layers().size(); ++i) {
    tr.layers[i].z.resize(count_of(n, I.layers()[i].out));
    tr.layers[i].a.resize(count_of(n, I.layers()[i].out));
  }
  I.infer_chunks(x, n, [&](int first, int count, int ld) {
    for (std::size_t i = 0; i < I.layers().size(); ++i) {
      const int M = I.layers()[i].out;
      K(unpack_columns)(I.ws.z[i], ld, M, count, tr.layers[i].z.data() + count_of(first, M));
      K(unpack_columns)(I.ws.a[i], ld, M, count, tr.layers[i].a.data() + count_of(first, M));
    }
  });
  return tr;
}

Gradients Network::gradients(const float* x, const float* t, int n, bool per_layer) const {
  const Impl& I = *impl_;
  check_batch(x, t, n, I.config.inputs, I.outputs());
  const std::size_t L = I.layers().size();
  const int M = I.outputs();
  Gradients out;
  out.inputs.resize(count_of(n, I.config.inputs));
  if (per_layer) {
    out.layers.resize(L);
    for (std::size_t i = 0; i < L; ++i)
      for (std::vector<float>* v : {&out.layers[i].z, &out.layers[i].a, &out.layers[i].dz, &out.layers[i].da})
        v->resize(count_of(n, I.layers()[i].out));
  }
  // The loss's scale of the mean, as loss_and_output_gradient forms it.
  const float scale = static_cast<float>(1.0 / I.loss_divisor(n));
  const double sum = I.gradient_chunks(x, t, n, out.params, true, [&](int first, int count, int ld,
                                                                     const BackwardTaps& taps) {
    K(unpack_columns)(taps.dx, ld, I.config.inputs, count, out.inputs.data() + count_of(first, I.config.inputs));
    if (!per_layer) return;
    for (std::size_t i = 0; i < L; ++i) {
      const int U = I.layers()[i].out;
      LayerValues& v = out.layers[i];
      K(unpack_columns)(I.ws.z[i], ld, U, count, v.z.data() + count_of(first, U));
      K(unpack_columns)(I.ws.a[i], ld, U, count, v.a.data() + count_of(first, U));
      K(unpack_columns)(taps.dz[i], ld, U, count, v.dz.data() + count_of(first, U));
      if (i + 1 < L) K(unpack_columns)(taps.da[i], ld, U, count, v.da.data() + count_of(first, U));
    }
    output_da(I.config.loss, I.ws.y[L - 1], I.ws.t, M, count, ld, scale,
              out.layers[L - 1].da.data() + count_of(first, M));
  });
  out.loss = sum / I.loss_divisor(n);
  return out;
}

StepPreview Network::preview_step(const float* x, const float* t, int n) const {
  const Impl& I = *impl_;
  check_batch(x, t, n, I.config.inputs, I.outputs());
  // train_batch on a copy: the same code takes the same step (divergence rule included).
  Impl sim(I);
  const int ld = round_up4(n);
  sim.ensure_workspace(ld, "x");
  K(pack_columns)(x, sim.config.inputs, nullptr, 0, n, sim.ws.a0, ld);
  sim.pack_targets(t, nullptr, 0, n, ld);
  const StepResult r = sim.step_packed(n, ld, true);
  StepPreview p;
  p.loss = r.loss;
  p.diverged = r.diverged();
  p.learning_rate = I.lr;
  p.step = sim.opt_steps;
  p.clip_scale = sim.clip_scale;
  p.gradient = sim.grads;
  p.before = I.params;
  p.after = sim.params;
  p.delta = sim.params;
  K(add_scaled)(p.delta.data(), I.params.data(), p.delta.size(), -1.0f);
  p.slot1_before = I.slot1;
  p.slot2_before = I.slot2;
  p.slot1_after = sim.slot1;
  p.slot2_after = sim.slot2;
  if (I.config.optimizer.type == OptimizerType::Adam && !p.diverged) {
    const OptimizerSpec& o = I.config.optimizer;
    const double t_step = static_cast<double>(sim.opt_steps);
    const double bc1 = 1.0 - std::pow(static_cast<double>(o.beta1), t_step);
    const double bc2 = 1.0 - std::pow(static_cast<double>(o.beta2), t_step);
    p.m_hat = sim.slot1;
    p.v_hat = sim.slot2;
    K(scale_inplace)(p.m_hat.data(), p.m_hat.size(), static_cast<float>(1.0 / bc1));
    K(scale_inplace)(p.v_hat.data(), p.v_hat.size(), static_cast<float>(1.0 / bc2));
  }
  return p;
}

const std::vector<float>& Network::flow_grad_norms() const { return impl_->flow.grad_norm; }
const std::vector<float>& Network::flow_update_ratios() const { return impl_->flow.update_ratio; }

std::vector<LayerStats> Network::layer_stats(const float* x, const float* t, int n) const {
  const Impl& I = *impl_;
  check_batch(x, t, n, I.config.inputs, I.outputs());
  const std::size_t L = I.layers().size();
  std::vector<std::vector<int>> positive(L), beyond(L);
  for (std::size_t i = 0; i < L; ++i) {
    positive[i].assign(I.layers()[i].out, 0);
    beyond[i].assign(I.layers()[i].out, 0);
  }
  std::vector<float> g;
  I.gradient_chunks(x, t, n, g, false, [&](int, int count, int ld, const BackwardTaps&) {
    for (std::size_t i = 0; i < L; ++i)
      K(count_units)(I.ws.z[i], I.layers()[i].out, count, ld, kSaturationZ, positive[i].data(),
                     beyond[i].data());
  });
  std::vector<LayerStats> out(L);
  for (std::size_t i = 0; i < L; ++i) {
    const LayerInfo& l = I.layers()[i];
    LayerStats& s = out[i];
    // A unit of a conv layer is a channel (its feature map: every position of it counts
    // over every point); of a maxpool layer, a value of its output (it has no activation,
    // so none is dead or saturated).
    const int per_unit = l.type == LayerType::Conv2d ? l.conv.positions() : 1;
    s.units = l.out / per_unit;
    s.weight_norm = std::sqrt(K(sum_squares)(I.params.data() + l.w, l.nw));
    s.grad_norm = std::sqrt(K(sum_squares)(g.data() + l.w, l.nw));
    s.epoch_grad_norm = I.flow.grad_norm[i];
    s.update_ratio = I.flow.update_ratio[i];
    const bool relu = l.act == Activation::Relu;
    const bool squashing = l.act == Activation::Tanh || l.act == Activation::Sigmoid;
    for (int u = 0; u < s.units; ++u) {
      long long pos = 0, far = 0;
      for (int k = 0; k < per_unit; ++k) {
        pos += positive[i][static_cast<std::size_t>(u) * per_unit + k];
        far += beyond[i][static_cast<std::size_t>(u) * per_unit + k];
      }
      if (relu && pos == 0) ++s.dead;  // relu(z) = 0 iff z <= 0
      if (squashing && far >= kSaturatedShare * n * per_unit) ++s.saturated;
    }
  }
  return out;
}

}  // namespace mlp
