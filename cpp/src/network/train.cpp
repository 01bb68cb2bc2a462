// Training calls: one minibatch (train_batch), whole epochs (train_epoch) and an epoch trained
// in parts (train_part, end_epoch), shuffled with the network's own generator, over
// sample-major arrays packed column by column into the workspace; and the prepared data they
// may run on (prepare, make_training_data).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "mlp/error.h"
#include "network/checks.h"
#include "network/impl.h"

namespace mlp {

StepResult Network::train_batch(const float* x, const float* targets, int n) {
  Impl& I = *impl_;
  check_batch(x, targets, n, I.config.inputs, I.outputs());
  const int ld = round_up4(n);
  I.ensure_workspace(ld, "x");
  K(pack_columns)(x, I.config.inputs, nullptr, 0, n, I.ws.a0, ld);
  I.pack_targets(targets, nullptr, 0, n, ld);
  const StepResult r = I.step_packed(n, ld, true);
  I.finish_flow();
  if (!r.diverged()) I.record_update(I.good.data());  // good: the parameters before the update
  return r;
}

EpochResult Network::Impl::run_epoch(const float* x, const float* targets, int n,
                                     int batch_size, bool shuffle) {
  const int bs = std::min(batch_size, n);
  perm.resize(static_cast<std::size_t>(n));
  std::iota(perm.begin(), perm.end(), 0);
  if (shuffle)
    for (int i = n - 1; i > 0; --i)
      std::swap(perm[static_cast<std::size_t>(i)], perm[rng.below(static_cast<uint32_t>(i + 1))]);
  const int ld = round_up4(bs);
  ensure_workspace(ld, "batchSize");
  EpochResult r;
  double weighted = 0.0;
  int seen = 0;
  flow.steps = 0;
  std::fill(flow.grad_sum.begin(), flow.grad_sum.end(), 0.0);
  for (int first = 0; first < n; first += bs) {
    const int count = std::min(bs, n - first);
    const int cld = round_up4(count);
    const bool last = first + bs >= n;
    K(pack_columns)(x, config.inputs, perm.data() + first, 0, count, ws.a0, cld);
    pack_targets(targets, perm.data() + first, 0, count, cld);
    // One copy per epoch, for the gradient flow's update ratio of the epoch's last step.
    if (last) before_last.assign(params.begin(), params.end());
    // The epoch's first step keeps the parameters it starts from (once its gradient is
    // finite) as the good state; the others leave it there.
    const StepResult s = step_packed(count, cld, r.steps == 0);
    weighted += s.loss * count;
    seen += count;
    if (s.diverged()) {
      r.status = Status::Diverged;
      r.loss = s.loss;
      finish_flow();
      return r;
    }
    ++r.steps;
  }
  finish_flow();
  record_update(before_last.data());
  r.loss = weighted / seen;
  return r;
}

namespace {
void check_test(const TrainingData* test, int inputs, int outputs) {
  if (test && (test->inputs != inputs || test->outputs != outputs))
    throw Error("test", "was prepared for " + std::to_string(test->inputs) + " inputs and " +
                            std::to_string(test->outputs) + " outputs; this network has " +
                            std::to_string(inputs) + " and " + std::to_string(outputs));
}
void check_shape(const TrainingData& d, int inputs, int outputs) {
  if (d.inputs != inputs || d.outputs != outputs)
    throw Error("data", "was prepared for " + std::to_string(d.inputs) + " inputs and " +
                            std::to_string(d.outputs) + " outputs; this network has " +
                            std::to_string(inputs) + " and " + std::to_string(outputs));
}
void check_batch_size(int batch_size) {
  if (batch_size < 1)
    throw Error("batchSize", "must be an integer >= 1, got " + std::to_string(batch_size));
}
}  // namespace

EpochResult Network::Impl::close_epoch(const Network& net, double loss, const TrainingData* test) {
  ++epochs;
  refresh_lr();
  EpochResult r;
  r.loss = loss;
  r.epochs = 1;
  r.test_loss = std::numeric_limits<double>::quiet_NaN();
  if (test && test->size > 0 && config.stopping.patience > 0) {
    r.test_loss = net.evaluate(*test).loss;
    const float t = static_cast<float>(r.test_loss);
    if (best_epoch < 0 || t < best_test) {
      best_test = t;
      best_epoch = epochs;
    } else if (epochs - best_epoch >= config.stopping.patience) {
      r.stop = StopReason::Patience;
    }
  }
  if (config.stopping.train_loss > 0.0f && loss <= config.stopping.train_loss)
    r.stop = StopReason::TrainLoss;
  return r;
}

EpochResult Network::train_epoch(const float* x, const float* targets, int n, int batch_size,
                                 int epochs, const TrainingData* test, bool shuffle) {
  Impl& I = *impl_;
  check_batch_size(batch_size);
  if (epochs < 1) throw Error("epochs", "must be an integer >= 1, got " + std::to_string(epochs));
  check_batch(x, targets, n, I.config.inputs, I.outputs());
  check_test(test, inputs(), outputs());
  EpochResult total;
  total.test_loss = std::numeric_limits<double>::quiet_NaN();
  for (int e = 0; e < epochs; ++e) {
    const EpochResult r = I.run_epoch(x, targets, n, batch_size, shuffle);
    total.loss = r.loss;
    total.steps += r.steps;
    ++total.epochs;
    if (r.diverged()) {
      total.status = Status::Diverged;
      break;
    }
    const EpochResult end = I.close_epoch(*this, r.loss, test);
    total.test_loss = end.test_loss;
    total.stop = end.stop;
    if (total.stop != StopReason::None) break;
  }
  return total;
}

EpochResult Network::train_epoch(const TrainingData& data, int batch_size, int epochs,
                                 const TrainingData* test, bool shuffle) {
  check_shape(data, inputs(), outputs());
  return train_epoch(data.x.data(), data.y.data(), data.size, batch_size, epochs, test, shuffle);
}

EpochResult Network::train_part(const TrainingData& data, int batch_size, bool shuffle) {
  check_batch_size(batch_size);
  check_shape(data, inputs(), outputs());
  check_batch(data.x.data(), data.y.data(), data.size, inputs(), outputs());
  EpochResult r = impl_->run_epoch(data.x.data(), data.y.data(), data.size, batch_size, shuffle);
  r.test_loss = std::numeric_limits<double>::quiet_NaN();
  return r;  // epochs 0: no epoch completed
}

EpochResult Network::end_epoch(double loss, const TrainingData* test) {
  if (!std::isfinite(loss) || loss < 0.0)
    throw Error("loss", "must be the epoch's mean training loss, a finite number >= 0, got " +
                            describe(static_cast<float>(loss)));
  check_test(test, inputs(), outputs());
  return impl_->close_epoch(*this, loss, test);
}

Metrics Network::evaluate(const TrainingData& data) const {
  check_shape(data, inputs(), outputs());
  return evaluate(data.x.data(), data.y.data(), data.size);
}

TrainingData Network::prepare(const Dataset& d, const std::vector<Feature>& features) const {
  if (d.size() == 0) throw Error("dataset", "has no points");
  validate_features(features, d.dims);
  const int n = d.size();
  if (static_cast<int>(features.size()) != inputs())
    throw Error("features", std::to_string(features.size()) + " features give " +
                                std::to_string(features.size()) + " inputs, but the network has " +
                                std::to_string(inputs()));
  TrainingData t;
  t.size = n;
  t.inputs = inputs();
  t.outputs = outputs();
  t.x.resize(static_cast<std::size_t>(n) * t.inputs);
  t.y.resize(static_cast<std::size_t>(n) * t.outputs);
  compute_features(d.x.data(), n, d.dims, features, t.x.data());
  encode_targets(d, t.outputs, impl_->layers().back().act, t.y.data());
  return t;
}

TrainingData make_training_data(const float* x, const float* y, int n, int inputs, int outputs) {
  if (n < 0) throw Error("x", "negative sample count");
  if (inputs < 1 || inputs > kMaxInputs)
    throw Error("inputs", "must be an integer in [1, " + std::to_string(kMaxInputs) + "], got " +
                              std::to_string(inputs));
  if (outputs < 1 || outputs > kMaxUnits)
    throw Error("outputs", "must be an integer in [1, " + std::to_string(kMaxUnits) + "], got " +
                               std::to_string(outputs));
  const uint64_t bytes = 4ull * static_cast<uint64_t>(n) * (inputs + outputs);
  if (bytes > kDataBudget)
    throw Error("x", std::to_string(n) + " samples of " + std::to_string(inputs) + " inputs and " +
                         std::to_string(outputs) + " outputs need " + describe_bytes(bytes) +
                         ", over the data budget of " + describe_bytes(kDataBudget));
  TrainingData t;
  t.size = n;
  t.inputs = inputs;
  t.outputs = outputs;
  t.x.assign(x, x + static_cast<std::size_t>(n) * inputs);
  t.y.assign(y, y + static_cast<std::size_t>(n) * outputs);
  return t;
}

}  // namespace mlp
