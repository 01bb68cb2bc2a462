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

void Network::Impl::forward(int ld, const float* p) const {
  for (std::size_t i = 0; i < layers().size(); ++i) layer_forward(i, ld, p);
}

double Network::Impl::loss_and_output_gradient(int n, int ld, bool gradient, int total) const {
  const LayerInfo& last = layers().back();
  const std::size_t L = layers().size() - 1;
  const int M = last.out;
  const int mean_over = total > 0 ? total : n;
  double sum = 0.0;
  switch (config.loss) {
    case Loss::Mse: {
      const float scale = 1.0f / (static_cast<float>(mean_over) * static_cast<float>(M));
      sum = K(mse_loss)(ws.y[L], ws.t, gradient ? ws.d[0] : nullptr, M, n, ld, scale);
      if (gradient) {
        zero_padding(ws.d[0], M, n, ld);
        K(activation_backward)(last.act, ws.z[L], ws.y[L], ws.d[0], ws.d[0], M, ld, ld);
      }
      break;
    }
    case Loss::Bce: {
      const float scale = 1.0f / (static_cast<float>(mean_over) * static_cast<float>(M));
      sum = K(bce_logits_loss)(ws.z[L], ws.t, gradient ? ws.d[0] : nullptr, M, n, ld, scale);
      if (gradient) zero_padding(ws.d[0], M, n, ld);
      break;
    }
    case Loss::SoftmaxCe: {
      const float scale = 1.0f / static_cast<float>(mean_over);
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

namespace {
// Copies M rows of ld columns into a tap (if there is one).
void tap(float* to, const float* from, int M, int ld) {
  if (to) std::copy(from, from + static_cast<long>(M) * ld, to);
}
}  // namespace

void Network::Impl::backward(int ld, float* g, const BackwardTaps* taps) const {
  // d[cur] holds dL/dy of layer i (for the output layer dL/dz, from the loss). A residual
  // layer needs its dy until dx is made, so its dz goes to a third block. With taps, dy is
  // copied before the layer runs (it is dL/da: a = y, or y = x + a) and dz after; a maxpool
  // layer's dz is its dy (it has no z: z = a = y).
  const bool per_layer = taps && !taps->dz.empty();
  int cur = 0;
  const std::size_t L = layers().size();
  for (std::size_t i = L; i-- > 0;) {
    const LayerInfo& l = layers()[i];
    const bool output = i + 1 == L;
    const bool keep_dy = l.residual;
    float* dy = output ? nullptr : ws.d[cur];
    const int z = keep_dy ? (cur + 1) % 3 : cur;
    const int x = keep_dy ? (cur + 2) % 3 : (cur + 1) % 3;
    float* dx = i > 0 ? ws.d[x] : (taps ? taps->dx : nullptr);
    if (per_layer && dy) tap(taps->da[i], dy, l.out, ld);
    layer_backward(i, ld, dy, ws.d[z], dx, g);
    if (per_layer) tap(taps->dz[i], l.has_pre_activation() ? ws.d[z] : dy, l.out, ld);
    cur = x;
  }
}

void Network::Impl::pack_targets(const float* targets, const int* rows, int first, int n,
                                 int ld) const {
  K(pack_columns)(targets, outputs(), rows, first, n, ws.t, ld);
}

}  // namespace mlp
