// One optimizer step: regularisation, the flat optimizer kernels (sgd, momentum, adam),
// gradient clipping, and the divergence rule (skip the update, roll back to the last good
// parameters, reset the optimizer). Also the hyper-parameters that may change between
// steps.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "mlp/error.h"
#include "network/impl.h"

namespace mlp {

void Network::Impl::apply_update(bool keep_good) {
  float* w = params.data();
  float* g = grads.data();
  const std::size_t n = params.size();
  const RegularizationSpec& reg = config.regularization;
  if (reg.type != Regularization::None && reg.rate > 0.0f) {
    for (const LayerInfo& l : layers()) {
      if (!l.has_params()) continue;
      if (reg.type == Regularization::L1)
        K(add_l1)(g + l.w, w + l.w, l.nw, reg.rate);
      else
        K(add_l2)(g + l.w, w + l.w, l.nw, reg.rate);
    }
  }
  if (keep_good) {
    std::copy(params.begin(), params.end(), good.begin());
    has_good = true;
  }
  const OptimizerSpec& o = config.optimizer;
  ++opt_steps;
  switch (o.type) {
    case OptimizerType::Sgd:
      K(sgd_update)(w, g, n, lr);
      break;
    case OptimizerType::Momentum:
      K(momentum_update)(w, g, slot1.data(), n, lr, o.momentum);
      break;
    case OptimizerType::Adam: {
      const double bc1 = 1.0 - std::pow(static_cast<double>(o.beta1), static_cast<double>(opt_steps));
      const double bc2 = 1.0 - std::pow(static_cast<double>(o.beta2), static_cast<double>(opt_steps));
      K(adam_update)(w, g, slot1.data(), slot2.data(), n, lr, o.beta1, o.beta2, o.eps,
                     static_cast<float>(bc1), static_cast<float>(bc2));
      break;
    }
  }
  ++steps;
}

StepResult Network::Impl::step_packed(int n, int ld, bool keep_good) {
  forward(ld);
  const double loss = loss_and_output_gradient(n, ld, true) / loss_divisor(n);
  StepResult r;
  r.loss = loss;
  backward(ld, grads.data());
  // The squared norm per layer (its weights: the gradient flow), summed for the total.
  double ss = 0.0;
  for (std::size_t i = 0; i < layers().size(); ++i) {
    const LayerInfo& l = layers()[i];
    const double sw = K(sum_squares)(grads.data() + l.w, l.nw);
    ss += sw + K(sum_squares)(grads.data() + l.b, l.nb);
    flow.grad_sum[i] += std::sqrt(sw);
  }
  ++flow.steps;
  // Diverged: the loss is not finite, or the squared gradient norm is not representable
  // as a float (some g^2 in Adam or lr*g in SGD would overflow). The update is skipped,
  // the parameters roll back to the last ones known good (see `good`) and the
  // optimizer starts afresh (its moments carry the explosion), so that training can
  // carry on from there with a lower learning rate.
  if (!std::isfinite(loss) || !(ss < static_cast<double>(FLT_MAX))) {
    restore_good_state();
    reset_optimizer_state();
    diverged = true;
    r.status = Status::Diverged;
    return r;
  }
  clip_scale = 1.0f;
  if (config.clip_norm > 0.0f) {
    const double norm = std::sqrt(ss);
    const double coef = config.clip_norm / (norm + 1e-6);  // torch.nn.utils.clip_grad_norm_
    if (coef < 1.0) {
      clip_scale = static_cast<float>(coef);
      K(scale_inplace)(grads.data(), grads.size(), clip_scale);
    }
  }
  apply_update(keep_good);
  diverged = false;
  return r;
}

void Network::Impl::record_update(const float* before) {
  for (std::size_t i = 0; i < layers().size(); ++i) {
    const LayerInfo& l = layers()[i];
    const std::size_t nw = l.nw;
    const double dw = std::sqrt(K(sum_squares_diff)(params.data() + l.w, before + l.w, nw));
    const double w = std::sqrt(K(sum_squares)(params.data() + l.w, nw));
    flow.update_ratio[i] = static_cast<float>(w > 0 ? dw / w : (dw > 0 ? INFINITY : 0.0));
  }
}

void Network::Impl::finish_flow() {
  for (std::size_t i = 0; i < layers().size(); ++i) {
    flow.grad_norm[i] = flow.steps > 0 ? static_cast<float>(flow.grad_sum[i] / flow.steps) : 0.0f;
    flow.grad_sum[i] = 0.0;
  }
  flow.steps = 0;
}

void Network::Impl::refresh_lr() {
  lr = static_cast<float>(
      scheduled_learning_rate(config.schedule, config.optimizer.learning_rate, epochs));
}

// ---- hyper-parameters ---------------------------------------------------------------------

void Network::set_learning_rate(float lr) {
  OptimizerSpec s = impl_->config.optimizer;
  s.learning_rate = lr;
  validate(s);
  impl_->config.optimizer.learning_rate = lr;
  impl_->refresh_lr();
}

void Network::set_optimizer(const OptimizerSpec& spec) {
  validate(spec);
  Impl& I = *impl_;
  if (spec.type == I.config.optimizer.type) {
    I.config.optimizer = spec;
    I.refresh_lr();
    return;
  }
  // New slots: within the budget, and allocated before anything changes.
  const uint64_t need = layout_bytes(I.layout, spec.type, std::max(I.ws.ld, I.chunk));
  if (need > kMemoryBudget)
    throw Error("optimizer.type", "\"" + std::string(optimizer_name(spec.type)) + "\" needs " +
                                      describe_bytes(need) + " for this network, over the memory budget of " +
                                      describe_bytes(kMemoryBudget));
  std::vector<float> s1(spec.type == OptimizerType::Sgd ? 0 : I.params.size(), 0.0f);
  std::vector<float> s2(spec.type == OptimizerType::Adam ? I.params.size() : 0, 0.0f);
  I.config.optimizer = spec;
  I.slot1.swap(s1);
  I.slot2.swap(s2);
  I.opt_steps = 0;
  I.refresh_lr();
}

void Network::set_schedule(const ScheduleSpec& spec) {
  validate(spec);
  impl_->config.schedule = spec;
  impl_->refresh_lr();
}

void Network::set_stopping(const StoppingSpec& spec) {
  validate(spec);
  impl_->config.stopping = spec;
  impl_->best_epoch = -1;  // a new rule starts counting afresh
}

float Network::learning_rate() const { return impl_->lr; }
long long Network::epoch_count() const { return impl_->epochs; }

void Network::set_regularization(const RegularizationSpec& spec) {
  validate(spec);
  impl_->config.regularization = spec;
}

void Network::set_clip_norm(float clip) {
  if (!std::isfinite(clip) || clip < 0.0f)
    throw Error("clipNorm", "must be a finite number >= 0 (0 = off), got " + describe(clip));
  impl_->config.clip_norm = clip;
}

}  // namespace mlp
