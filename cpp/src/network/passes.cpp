// The forward pass, the loss with the output layer's gradient, and the backward pass, over
// the feature-major workspace: loops over the layers' own passes (layers.cpp), the gradient
// handed from layer to layer through three rotating blocks.
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
  for (std::size_t i = 0; i < layers().size(); ++i) layer_forward(i, ld);
}

double Network::Impl::loss_and_output_gradient(int n, int ld, bool gradient) const {
  const LayerInfo& last = layers().back();
  const std::size_t L = layers().size() - 1;
  const int M = last.out;
  double sum = 0.0;
  switch (config.loss) {
    case Loss::Mse: {
      const float scale = 1.0f / (static_cast<float>(n) * static_cast<float>(M));
      sum = K(mse_loss)(ws.y[L], ws.t, gradient ? ws.d[0] : nullptr, M, n, ld, scale);
      if (gradient) {
        zero_padding(ws.d[0], M, n, ld);
        K(activation_backward)(last.act, ws.z[L], ws.y[L], ws.d[0], ws.d[0], M, ld, ld);
      }
      break;
    }
    case Loss::Bce: {
      const float scale = 1.0f / (static_cast<float>(n) * static_cast<float>(M));
      sum = K(bce_logits_loss)(ws.z[L], ws.t, gradient ? ws.d[0] : nullptr, M, n, ld, scale);
      if (gradient) zero_padding(ws.d[0], M, n, ld);
      break;
    }
    case Loss::SoftmaxCe: {
      const float scale = 1.0f / static_cast<float>(n);
      sum = K(softmax_ce_loss)(ws.z[L], ws.t, ws.y[L], gradient ? ws.d[0] : nullptr, M, n, ld,
                               scale);
      if (gradient) zero_padding(ws.d[0], M, n, ld);
      break;
    }
  }
  return sum;
}

double Network::Impl::loss_divisor(int n) const {
  return config.loss == Loss::SoftmaxCe ? n : static_cast<double>(n) * outputs();
}

void Network::Impl::backward(int ld, float* input_grad) {
  // d[cur] holds dL/dy of layer i (for the output layer dL/dz, from the loss). A residual
  // layer needs its dy until dx is made, so its dz goes to a third block.
  int cur = 0;
  const std::size_t L = layers().size();
  for (std::size_t i = L; i-- > 0;) {
    const bool output = i + 1 == L;
    const bool keep_dy = layers()[i].residual;
    float* dy = output ? nullptr : ws.d[cur];
    const int z = keep_dy ? (cur + 1) % 3 : cur;
    const int x = keep_dy ? (cur + 2) % 3 : (cur + 1) % 3;
    float* dx = i > 0 ? ws.d[x] : input_grad;
    layer_backward(i, ld, dy, ws.d[z], dx);
    cur = x;
  }
}

void Network::Impl::pack_targets(const float* targets, const int* rows, int first, int n,
                                 int ld) const {
  K(pack_columns)(targets, outputs(), rows, first, n, ws.t, ld);
}

}  // namespace mlp
