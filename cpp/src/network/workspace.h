// Internal: the feature-major scratch buffers (unit x column, row stride ld) that a batch
// or an inference chunk runs through, laid out for a network's layers (layout.h).
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "network/layout.h"

namespace mlp {

// Columns padded to a multiple of 4, so the SIMD kernels run on full lanes.
inline int round_up4(int n) { return (n + 3) & ~3; }

// Columns per inference chunk of a dense network: sized so the widest layer's block (units
// x chunk floats) is about 16 KB, and a layer's input, pre-activation and output blocks stay
// in L1 together (64 units -> 64 columns: +15 % on the 64-wide grid benchmark against 256).
inline int inference_chunk(int max_units) {
  const int cols = (4096 / std::max(1, max_units)) & ~15;
  return std::clamp(cols, 64, 1024);
}

// For a batch of `ld` columns: the input block a0, each layer's pre-activation z,
// activation a = act(z) and output y (a is y except for a residual layer, y = x + a; a
// maxpool layer has y only: z = a = y), the targets t, three gradient blocks of the widest
// layer's rows and the conv layers' patch block (im2col).
struct Workspace {
  Workspace() = default;
  // Scratch only: a copy starts empty (its pointers would point into the original's data).
  Workspace(const Workspace&) {}
  Workspace& operator=(const Workspace&) {
    *this = Workspace();
    return *this;
  }
  Workspace(Workspace&&) noexcept = default;
  Workspace& operator=(Workspace&&) noexcept = default;

  int ld = 0;
  std::vector<float> data;
  float* a0 = nullptr;
  std::vector<float*> z, a, y;
  float* t = nullptr;
  float* d[3] = {nullptr, nullptr, nullptr};
  float* patches = nullptr;
  std::vector<float> raw, feat;  // grid points and their features (sample-major)

  // Grows to want_ld columns (never shrinks). Strong guarantee: if the allocation fails
  // (std::bad_alloc) nothing has changed.
  void ensure(const Layout& L, int inputs, int want_ld) {
    if (want_ld <= ld) return;
    std::vector<float> fresh(L.per_column * static_cast<std::size_t>(want_ld), 0.0f);
    const std::size_t n = L.layers.size();
    std::vector<float*> nz(n), na(n), ny(n);
    data.swap(fresh);
    z.swap(nz);
    a.swap(na);
    y.swap(ny);
    ld = want_ld;
    float* p = data.data();
    auto take = [&](int rows) {
      float* q = p;
      p += static_cast<std::size_t>(rows) * ld;
      return q;
    };
    a0 = take(inputs);
    for (std::size_t i = 0; i < n; ++i) {
      const LayerInfo& l = L.layers[i];
      z[i] = l.has_pre_activation() ? take(l.out) : nullptr;
      y[i] = take(l.out);
      a[i] = l.separate_activation() ? take(l.out) : y[i];
      if (!z[i]) z[i] = y[i];
    }
    t = take(L.layers.back().out);
    for (float*& g : d) g = take(L.max_rows);
    patches = L.patch_rows ? p : nullptr;
  }
};

}  // namespace mlp
