// The forward pass, the loss with the output layer's gradient, and the backward pass, over
// the feature-major workspace: each layer is a dense kernel and a fused bias + activation
// kernel forward, the matching kernels backward.
#include <algorithm>

#include "network/impl.h"

namespace mlp {

namespace {
// Zeroes columns [n, ld) of the M rows of d (the padding of a batch of n in stride ld), so
// that padding contributes nothing to the weight gradients. Out of line: a few short
// fills, not worth the unrolled copies -O3 would inline at every call (start-up compiles
// each wasm function on first use).
[[gnu::noinline]] void zero_padding(float* d, int M, int n, int ld) {
  for (int m = 0; m < M; ++m)
    std::fill(d + static_cast<long>(m) * ld + n, d + static_cast<long>(m + 1) * ld, 0.0f);
}
}  // namespace

void Network::Impl::forward(int ld) const {
  const float* a = ws.a0;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const LayerInfo& l = layers[i];
    K(dense_forward)(params.data() + l.w, a, ld, ws.z[i], ld, l.out, l.in, ld);
    K(bias_activation_forward)(l.act, ws.z[i], params.data() + l.b, ws.y[i], l.out, ld, ld);
    a = ws.y[i];
  }
}

double Network::Impl::loss_and_output_gradient(int n, int ld, bool gradient) const {
  const LayerInfo& last = layers.back();
  const std::size_t L = layers.size() - 1;
  const int M = last.out;
  double sum = 0.0;
  switch (config.loss) {
    case Loss::Mse: {
      const float scale = 1.0f / (static_cast<float>(n) * static_cast<float>(M));
      sum = K(mse_loss)(ws.y[L], ws.t, gradient ? ws.d0 : nullptr, M, n, ld, scale);
      if (gradient) {
        zero_padding(ws.d0, M, n, ld);
        K(activation_backward)(last.act, ws.z[L], ws.y[L], ws.d0, ws.d0, M, ld, ld);
      }
      break;
    }
    case Loss::Bce: {
      const float scale = 1.0f / (static_cast<float>(n) * static_cast<float>(M));
      sum = K(bce_logits_loss)(ws.z[L], ws.t, gradient ? ws.d0 : nullptr, M, n, ld, scale);
      if (gradient) zero_padding(ws.d0, M, n, ld);
      break;
    }
    case Loss::SoftmaxCe: {
      const float scale = 1.0f / static_cast<float>(n);
      sum = K(softmax_ce_loss)(ws.z[L], ws.t, ws.y[L], gradient ? ws.d0 : nullptr, M, n, ld,
                               scale);
      if (gradient) zero_padding(ws.d0, M, n, ld);
      break;
    }
  }
  return sum;
}

double Network::Impl::loss_divisor(int n) const {
  return config.loss == Loss::SoftmaxCe ? n : static_cast<double>(n) * outputs();
}

void Network::Impl::backward(int ld) {
  float* dz = ws.d0;
  float* spare = ws.d1;
  for (std::size_t i = layers.size(); i-- > 0;) {
    const LayerInfo& l = layers[i];
    const float* a_prev = i == 0 ? ws.a0 : ws.y[i - 1];
    K(dense_backward_weights)(dz, ld, a_prev, ld, grads.data() + l.w, grads.data() + l.b, l.out,
                              l.in, ld);
    if (i == 0) break;
    K(dense_backward_input)(params.data() + l.w, dz, ld, spare, ld, l.out, l.in, ld);
    const LayerInfo& p = layers[i - 1];
    K(activation_backward)(p.act, ws.z[i - 1], ws.y[i - 1], spare, spare, p.out, ld, ld);
    std::swap(dz, spare);
  }
}

void Network::Impl::pack_targets(const float* targets, const int* rows, int first, int n,
                                 int ld) const {
  K(pack_columns)(targets, outputs(), rows, first, n, ws.t, ld);
}

}  // namespace mlp
