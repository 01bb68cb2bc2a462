// Training calls: one minibatch (train_batch) and whole epochs (train_epoch), shuffled with
// the network's own generator, over sample-major arrays packed column by column into the
// workspace.
#include <algorithm>
#include <numeric>

#include "mlp/error.h"
#include "network/checks.h"
#include "network/impl.h"

namespace mlp {

StepResult Network::train_batch(const float* x, const float* targets, int n) {
  Impl& I = *impl_;
  check_batch(x, targets, n, I.config.inputs, I.outputs());
  const int ld = round_up4(n);
  I.ws.ensure(I.layers, I.config.inputs, ld);
  K(pack_columns)(x, I.config.inputs, nullptr, 0, n, I.ws.a0, ld);
  I.pack_targets(targets, nullptr, 0, n, ld);
  return I.step_packed(n, ld, true);
}

EpochResult Network::Impl::run_epoch(const float* x, const float* targets, int n,
                                     int batch_size) {
  const int bs = std::min(batch_size, n);
  perm.resize(static_cast<std::size_t>(n));
  std::iota(perm.begin(), perm.end(), 0);
  for (int i = n - 1; i > 0; --i)
    std::swap(perm[static_cast<std::size_t>(i)], perm[rng.below(static_cast<uint32_t>(i + 1))]);
  const int ld = round_up4(bs);
  ws.ensure(layers, config.inputs, ld);
  epoch_start.assign(params.begin(), params.end());
  EpochResult r;
  double weighted = 0.0;
  int seen = 0;
  for (int first = 0; first < n; first += bs) {
    const int count = std::min(bs, n - first);
    const int cld = round_up4(count);
    K(pack_columns)(x, config.inputs, perm.data() + first, 0, count, ws.a0, cld);
    pack_targets(targets, perm.data() + first, 0, count, cld);
    const StepResult s = step_packed(count, cld, false);
    weighted += s.loss * count;
    seen += count;
    if (s.diverged()) {
      r.status = Status::Diverged;
      r.loss = s.loss;
      return r;
    }
    if (r.steps++ == 0) {
      good.swap(epoch_start);
      has_good = true;
    }
  }
  r.loss = weighted / seen;
  return r;
}

EpochResult Network::train_epoch(const float* x, const float* targets, int n, int batch_size) {
  Impl& I = *impl_;
  if (batch_size < 1)
    throw Error("batchSize", "must be an integer >= 1, got " + std::to_string(batch_size));
  check_batch(x, targets, n, I.config.inputs, I.outputs());
  return I.run_epoch(x, targets, n, batch_size);
}

}  // namespace mlp
