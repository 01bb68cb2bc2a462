// Inference over sample-major rows in chunks of columns: predict (the outputs) and
// evaluate (loss as in training, and accuracy read as a classifier).
#include <algorithm>

#include "mlp/error.h"
#include "network/checks.h"
#include "network/impl.h"

namespace mlp {

void Network::predict(const float* x, int n, float* out) const {
  const Impl& I = *impl_;
  if (n < 0) throw Error("x", "negative sample count");
  if (n == 0) return;
  check_finite_array(x, static_cast<std::size_t>(n) * I.config.inputs, "x");
  const int M = I.outputs();
  const std::size_t L = I.layers().size() - 1;
  I.infer_chunks(x, n, [&](int first, int count, int ld) {
    K(unpack_columns)(I.ws.y[L], ld, M, count, out + static_cast<std::size_t>(first) * M);
  });
}

Metrics Network::evaluate(const float* x, const float* targets, int n) const {
  const Impl& I = *impl_;
  check_batch(x, targets, n, I.config.inputs, I.outputs());
  const int M = I.outputs();
  const std::size_t L = I.layers().size() - 1;
  const float threshold = (negative_label(I.layers().back().act) + 1.0f) * 0.5f;
  double loss_sum = 0.0;
  long correct = 0;
  I.infer_chunks(x, n, [&](int first, int count, int ld) {
    I.pack_targets(targets, nullptr, first, count, ld);
    loss_sum += I.loss_and_output_gradient(count, ld, false);
    const float* y = I.ws.y[L];
    const float* t = I.ws.t;
    for (int c = 0; c < count; ++c) {
      if (M == 1) {
        correct += (y[c] > threshold) == (t[c] > threshold);
      } else {
        int py = 0, pt = 0;
        for (int m = 1; m < M; ++m) {
          if (y[static_cast<long>(m) * ld + c] > y[static_cast<long>(py) * ld + c]) py = m;
          if (t[static_cast<long>(m) * ld + c] > t[static_cast<long>(pt) * ld + c]) pt = m;
        }
        correct += py == pt;
      }
    }
  });
  Metrics m;
  m.loss = loss_sum / I.loss_divisor(n);
  m.accuracy = static_cast<double>(correct) / n;
  return m;
}

}  // namespace mlp
