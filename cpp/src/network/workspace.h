// Internal: the layout of a network's layers in its flat parameter buffer, and the
// feature-major scratch buffers (unit x column, row stride ld) that a batch or an
// inference chunk runs through.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "mlp/activation.h"

namespace mlp {

struct LayerInfo {
  int in = 0, out = 0;
  Activation act = Activation::Linear;
  std::size_t w = 0, b = 0;  // offsets into the parameter buffer
};

// Columns padded to a multiple of 4, so the SIMD kernels run on full lanes.
inline int round_up4(int n) { return (n + 3) & ~3; }

// Columns per inference chunk: sized so the widest layer's block (units x chunk floats)
// is about 16 KB, and a layer's input, pre-activation and output blocks stay in L1
// together (64 units -> 64 columns: +15 % on the 64-wide grid benchmark against 256).
inline int inference_chunk(int max_units) {
  const int cols = (4096 / std::max(1, max_units)) & ~15;
  return std::clamp(cols, 64, 1024);
}

// Feature-major buffers for a batch of `ld` columns: the input block, each layer's
// pre-activation Z and output Y, the targets and two gradient blocks.
struct Workspace {
  int ld = 0;
  std::vector<float> data;
  float* a0 = nullptr;
  std::vector<float*> z, y;
  float* t = nullptr;
  float* d0 = nullptr;
  float* d1 = nullptr;
  std::vector<float> raw, feat;  // grid points and their features (sample-major)

  void ensure(const std::vector<LayerInfo>& layers, int inputs, int want_ld) {
    if (want_ld <= ld) return;
    int max_units = inputs;
    std::size_t per_col = static_cast<std::size_t>(inputs);
    for (const LayerInfo& l : layers) {
      per_col += 2 * static_cast<std::size_t>(l.out);
      max_units = std::max(max_units, l.out);
    }
    per_col += static_cast<std::size_t>(layers.back().out) + 2 * static_cast<std::size_t>(max_units);
    data.assign(per_col * want_ld, 0.0f);
    ld = want_ld;
    float* p = data.data();
    a0 = p;
    p += static_cast<std::size_t>(inputs) * ld;
    z.assign(layers.size(), nullptr);
    y.assign(layers.size(), nullptr);
    for (std::size_t i = 0; i < layers.size(); ++i) {
      z[i] = p;
      p += static_cast<std::size_t>(layers[i].out) * ld;
      y[i] = p;
      p += static_cast<std::size_t>(layers[i].out) * ld;
    }
    t = p;
    p += static_cast<std::size_t>(layers.back().out) * ld;
    d0 = p;
    p += static_cast<std::size_t>(max_units) * ld;
    d1 = p;
  }
};

}  // namespace mlp
