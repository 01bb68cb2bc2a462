// One layer's forward and backward pass, for every kind of layer: the interface that the
// network's passes (passes.cpp) and anything that walks the layers one by one iterate.
//   dense    z = W x + b, a = act(z), y = a (residual: y = x + a)
//   conv2d   z = conv(x, W) + b per channel (im2col + GEMM), y = a = act(z)
//   maxpool  y = the maximum of each 2 x 2 window (z = a = y)
// Backward runs the same kernels' adjoints, forward next to backward here:
//   dz = dy * act'(z); dW, db from dz and x; dx = W^T dz (+ dy through a residual identity).
#include "network/impl.h"

namespace mlp {

void Network::Impl::layer_forward(std::size_t i, int ld, const float* p) const {
  const LayerInfo& l = layers()[i];
  const float* x = layer_input(i);
  if (!p) p = params.data();
  const float* w = p + l.w;
  const float* b = p + l.b;
  switch (l.type) {
    case LayerType::Dense:
      K(dense_forward)(w, x, ld, ws.z[i], ld, l.out, l.in, ld);
      K(bias_activation_forward)(l.act, ws.z[i], b, ws.a[i], l.out, ld, ld);
      if (l.residual) K(add_rows)(ws.a[i], x, ws.y[i], l.out, ld, ld);
      break;
    case LayerType::Conv2d: {
      // Channel c's rows (every position of every sample) are one row of O x (OH*OW*ld):
      // the bias and the activation run over that view.
      const int n = l.conv.positions() * ld;
      K(conv2d_forward)(w, x, ld, l.conv, ws.patches, ws.z[i]);
      K(bias_activation_forward)(l.act, ws.z[i], b, ws.y[i], l.conv.O, n, n);
      break;
    }
    case LayerType::MaxPool:
      K(maxpool2_forward)(x, ld, l.in_image.c, l.in_image.h, l.in_image.w, ws.y[i]);
      break;
  }
}

void Network::Impl::layer_backward(std::size_t i, int ld, const float* dy, float* dz, float* dx,
                                   float* g) const {
  const LayerInfo& l = layers()[i];
  const float* x = layer_input(i);
  const float* w = params.data() + l.w;
  float* gw = g + l.w;
  float* gb = g + l.b;
  switch (l.type) {
    case LayerType::Dense:
      if (dy) K(activation_backward)(l.act, ws.z[i], ws.a[i], dy, dz, l.out, ld, ld);
      K(dense_backward_weights)(dz, ld, x, ld, gw, gb, l.out, l.in, ld);
      if (dx) {
        K(dense_backward_input)(w, dz, ld, dx, ld, l.out, l.in, ld);
        if (l.residual) K(add_rows)(dx, dy, dx, l.in, ld, ld);
      }
      break;
    case LayerType::Conv2d: {
      const int n = l.conv.positions() * ld;
      if (dy) K(activation_backward)(l.act, ws.z[i], ws.y[i], dy, dz, l.conv.O, n, n);
      K(conv2d_backward_weights)(dz, x, ld, l.conv, ws.patches, gw, gb);
      if (dx) K(conv2d_backward_input)(w, dz, ld, l.conv, ws.patches, dx);
      break;
    }
    case LayerType::MaxPool:
      if (dx) K(maxpool2_backward)(x, dy, ld, l.in_image.c, l.in_image.h, l.in_image.w, dx);
      break;
  }
}

}  // namespace mlp
