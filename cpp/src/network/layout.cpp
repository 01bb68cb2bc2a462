// Planning a network's layers from its config (shapes through every layer, parameter
// offsets, workspace sizes) with the checks that need the whole list, and the memory the
// plan needs.
#include "network/layout.h"

#include <algorithm>
#include <string>

#include "mlp/error.h"
#include "mlp/format.h"
#include "network/workspace.h"

namespace mlp {

namespace {

std::string field(std::size_t i, const char* what) {
  return "layers[" + std::to_string(i) + "]." + what;
}

std::string image_text(const Image& im) {
  return std::to_string(im.h) + " x " + std::to_string(im.w);
}

// Floats a column of the workspace needs: Workspace::ensure lays them out in this order.
std::size_t column_floats(const Layout& L, int inputs, int outputs) {
  std::size_t n = static_cast<std::size_t>(inputs);
  for (const LayerInfo& l : L.layers) {
    const std::size_t out = static_cast<std::size_t>(l.out);
    n += out;                                   // y
    if (l.has_pre_activation()) n += out;       // z
    if (l.separate_activation()) n += out;      // a
  }
  n += static_cast<std::size_t>(outputs);                 // targets
  n += 3 * static_cast<std::size_t>(L.max_rows);          // gradient blocks
  n += L.patch_rows;                                      // conv patches
  return n;
}

}  // namespace

Layout plan_layout(const NetworkConfig& c) {
  Layout L;
  const bool image = !c.input_shape.empty();
  Image im;
  if (image) {
    if (c.input_shape.size() != 3)
      throw Error("inputShape", "must be [channels, height, width], got " +
                                    std::to_string(c.input_shape.size()) + " numbers");
    for (int v : c.input_shape)
      if (v < 1 || v > kMaxInputs)
        throw Error("inputShape", "must hold integers in [1, " + std::to_string(kMaxInputs) +
                                      "], got " + std::to_string(v));
    im = Image{c.input_shape[0], c.input_shape[1], c.input_shape[2]};
    if (static_cast<long long>(im.c) * im.h * im.w != c.inputs)
      throw Error("inputShape", "[" + std::to_string(im.c) + ", " + std::to_string(im.h) + ", " +
                                    std::to_string(im.w) + "] is " +
                                    std::to_string(static_cast<long long>(im.c) * im.h * im.w) +
                                    " values, but inputs is " + std::to_string(c.inputs));
  }
  bool spatial = image;  // the current layer's input is an image
  int in = c.inputs;
  int first_dense = -1;
  std::size_t off = 0;
  int pindex = 0;
  L.max_rows = c.inputs;
  for (std::size_t i = 0; i < c.layers.size(); ++i) {
    const LayerSpec& s = c.layers[i];
    LayerInfo l;
    l.type = s.type;
    l.in = in;
    l.in_image = spatial ? im : Image{in, 1, 1};
    l.reads_image = spatial;
    const bool last = i + 1 == c.layers.size();
    if (s.type != LayerType::Dense) {
      const char* kind = layer_type_name(s.type);
      if (!image)
        throw Error("inputShape", std::string("is required: layers[") + std::to_string(i) +
                                      "] is a " + kind +
                                      " layer, which reads an image [channels, height, width]");
      if (!spatial)
        throw Error(field(i, "type"), std::string("a ") + kind +
                                          " layer reads an image, so it must come before every "
                                          "dense layer (layers[" +
                                          std::to_string(first_dense) + "] is dense)");
      if (last)
        throw Error(field(i, "type"), std::string("the output (last) layer must be dense, got \"") +
                                          kind + "\"");
    }
    switch (s.type) {
      case LayerType::Dense: {
        if (first_dense < 0) first_dense = static_cast<int>(i);
        spatial = false;
        l.out = s.units;
        l.out_image = Image{s.units, 1, 1};
        l.act = s.activation;
        l.residual = s.residual;
        if (s.residual && last)
          throw Error(field(i, "residual"),
                      "the output (last) layer cannot be residual: the identity is added "
                      "between hidden layers");
        if (s.residual && s.units != in)
          throw Error(field(i, "residual"),
                      "a residual layer adds its input to its output, so its units must equal "
                      "its input's width (" + std::to_string(in) + "), got " +
                          std::to_string(s.units));
        l.nw = static_cast<std::size_t>(in) * s.units;
        l.nb = static_cast<std::size_t>(s.units);
        l.fan_in = in;
        l.fan_out = s.units;
        break;
      }
      case LayerType::Conv2d: {
        if (s.residual) throw Error(field(i, "residual"), "only dense layers can be residual");
        kernels::ConvGeometry& g = l.conv;
        g.C = im.c;
        g.H = im.h;
        g.W = im.w;
        g.O = s.channels;
        g.K = s.kernel;
        g.stride = s.stride;
        g.pad = s.padding == Padding::Same ? s.kernel / 2 : 0;
        if (im.h + 2 * g.pad < g.K || im.w + 2 * g.pad < g.K)
          throw Error(field(i, "kernel"), "a " + std::to_string(g.K) + " x " + std::to_string(g.K) +
                                              " kernel does not fit the " + image_text(im) +
                                              " image it reads (padding \"" +
                                              padding_name(s.padding) + "\")");
        g.OH = (im.h + 2 * g.pad - g.K) / g.stride + 1;
        g.OW = (im.w + 2 * g.pad - g.K) / g.stride + 1;
        im = Image{g.O, g.OH, g.OW};
        l.out = im.size();
        l.out_image = im;
        l.act = s.activation;
        l.nw = static_cast<std::size_t>(g.O) * g.taps();
        l.nb = static_cast<std::size_t>(g.O);
        l.fan_in = g.taps();
        l.fan_out = g.O * g.K * g.K;
        L.patch_rows = std::max(L.patch_rows, static_cast<std::size_t>(g.taps()) * g.positions());
        break;
      }
      case LayerType::MaxPool: {
        if (s.residual) throw Error(field(i, "residual"), "only dense layers can be residual");
        if (im.h < s.size || im.w < s.size)
          throw Error(field(i, "size"), "a " + std::to_string(s.size) + " x " + std::to_string(s.size) +
                                            " window does not fit the " + image_text(im) +
                                            " image it reads");
        im = Image{im.c, im.h / s.size, im.w / s.size};
        l.out = im.size();
        l.out_image = im;
        l.act = Activation::Linear;
        break;
      }
    }
    if (l.has_params()) {
      l.parameter_index = pindex++;
      l.w = off;
      off += l.nw;
      l.b = off;
      off += l.nb;
    }
    L.max_rows = std::max(L.max_rows, l.out);
    L.layers.push_back(l);
    in = l.out;
  }
  L.params = off;
  L.per_column = column_floats(L, c.inputs, L.layers.back().out);
  // Inference chunks: the dense rule (inference_chunk), but no more columns than keep the
  // workspace near 16 MB (conv layers hold many rows per column).
  int widest = c.inputs;
  for (const LayerInfo& l : L.layers) widest = std::max(widest, l.out);
  const std::size_t fit = (std::size_t(4) << 20) / std::max<std::size_t>(1, L.per_column);
  L.chunk = std::min(inference_chunk(widest), std::max(4, static_cast<int>(fit) & ~3));
  return L;
}

uint64_t state_floats(const Layout& L, OptimizerType optimizer) {
  const uint64_t slots = optimizer == OptimizerType::Adam ? 2 : optimizer == OptimizerType::Momentum ? 1 : 0;
  return static_cast<uint64_t>(L.params) * (3 + slots);
}

uint64_t layout_bytes(const Layout& L, OptimizerType optimizer, int columns) {
  return 4 * (state_floats(L, optimizer) + static_cast<uint64_t>(L.per_column) * columns);
}

std::string describe_bytes(uint64_t bytes) {
  const double mib = static_cast<double>(bytes) / (1 << 20);
  if (mib >= 1024) return format_f(mib / 1024, 2) + " GiB";
  return format_f(mib, mib >= 10 ? 0 : 1) + " MiB";
}

uint64_t network_bytes(const NetworkConfig& config) {
  const Layout L = plan_layout(config);
  return layout_bytes(L, config.optimizer.type, L.chunk);
}

uint64_t training_bytes(const NetworkConfig& config, int batch) {
  const Layout L = plan_layout(config);
  return layout_bytes(L, config.optimizer.type, std::max(L.chunk, round_up4(std::max(1, batch))));
}

LayerSpec LayerSpec::dense(int units, Activation a, bool residual) {
  LayerSpec s;
  s.units = units;
  s.activation = a;
  s.residual = residual;
  return s;
}

LayerSpec LayerSpec::conv2d(int channels, int kernel, Activation a, Padding p, int stride) {
  LayerSpec s;
  s.type = LayerType::Conv2d;
  s.channels = channels;
  s.kernel = kernel;
  s.activation = a;
  s.padding = p;
  s.stride = stride;
  return s;
}

LayerSpec LayerSpec::maxpool(int size) {
  LayerSpec s;
  s.type = LayerType::MaxPool;
  s.size = size;
  return s;
}

}  // namespace mlp
