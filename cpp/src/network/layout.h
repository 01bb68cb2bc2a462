// Internal: a network's layers as the passes run them — kind, shapes, activation, offsets
// into the flat parameter buffer — planned once from a NetworkConfig by plan_layout, which
// also checks what only the whole list can tell (an image for every conv2d and maxpool,
// windows that fit, residual widths, a dense output layer); and the memory a layout needs,
// which validate() holds against the budget.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels/kernels.h"
#include "mlp/network.h"

namespace mlp {

struct Image {
  int c = 1, h = 1, w = 1;
  int size() const { return c * h * w; }
};

struct LayerInfo {
  LayerType type = LayerType::Dense;
  int in = 0, out = 0;                  // values per sample it reads and writes
  Image in_image, out_image;            // what it reads and writes as images
  bool reads_image = false;             // its input is an image (in_image), not a vector
  Activation act = Activation::Linear;  // maxpool: Linear (it has none)
  bool residual = false;                // dense only: y = x + act(z)
  kernels::ConvGeometry conv;           // conv2d only
  std::size_t w = 0, b = 0;             // offsets of its weights and bias in the parameters
  std::size_t nw = 0, nb = 0;           // their counts (0 for maxpool)
  int fan_in = 0, fan_out = 0;          // PyTorch's (a conv counts its kernel taps)
  int parameter_index = -1;             // among the layers that have parameters
  bool has_params() const { return nb > 0; }
  // The activation a = act(z) is kept apart from the output y only for a residual layer;
  // a maxpool layer has only its output (z = a = y).
  bool separate_activation() const { return residual; }
  bool has_pre_activation() const { return type != LayerType::MaxPool; }
};

struct Layout {
  std::vector<LayerInfo> layers;
  std::size_t params = 0;      // floats of the parameter buffer
  int max_rows = 0;            // the widest block a layer reads or writes
  std::size_t patch_rows = 0;  // im2col rows per column: the largest taps x positions
  std::size_t per_column = 0;  // workspace floats per column (see Workspace::ensure)
  int chunk = 256;             // inference chunk: columns per forward pass of predict/grid
};

// Throws mlp::Error naming the field ("inputShape", "layers[2].kernel", ...). Assumes the
// per-field ranges validate() checks first (units, channels, kernel, stride, size).
Layout plan_layout(const NetworkConfig& config);

// Floats of state: parameters, gradients, the rollback copy and the optimizer's slots.
uint64_t state_floats(const Layout& layout, OptimizerType optimizer);
// Bytes of state plus a workspace of `columns` columns.
uint64_t layout_bytes(const Layout& layout, OptimizerType optimizer, int columns);
// "1.25 GiB", "37.5 MiB": sizes in error messages.
std::string describe_bytes(uint64_t bytes);

}  // namespace mlp
