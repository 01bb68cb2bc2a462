// Grid evaluation: the points of a W x H grid over the input plane (cell centres, top row
// first) through the feature map into the network, in chunks, with every unit of every
// layer (or only the outputs) copied into planes the caller reads.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "mlp/error.h"
#include "network/impl.h"
#include "network/layout.h"

namespace mlp {

void check_grid_spec(const GridSpec& g) {
  auto side = [](const char* field, int v) {
    if (v < 1 || v > kMaxGridSide)
      throw Error(field, "must be an integer in [1, " + std::to_string(kMaxGridSide) +
                             "], got " + std::to_string(v));
  };
  side("grid.width", g.width);
  side("grid.height", g.height);
  if (g.dims != 1 && g.dims != 2)
    throw Error("grid.dims", "must be 1 or 2, got " + std::to_string(g.dims));
  if (g.dims == 1 && g.height != 1)
    throw Error("grid.height", "must be 1 for 1-D data, got " + std::to_string(g.height));
  if (!std::isfinite(g.x_min) || !std::isfinite(g.x_max) || !(g.x_min < g.x_max))
    throw Error("grid.xRange", "must be finite with min < max");
  if (g.dims == 2 && (!std::isfinite(g.y_min) || !std::isfinite(g.y_max) || !(g.y_min < g.y_max)))
    throw Error("grid.yRange", "must be finite with min < max");
  validate_features(g.features, g.dims);
}

void Network::Impl::check_grid(const GridSpec& g) const {
  if (!config.input_shape.empty())
    throw Error("grid", "grid evaluation is not offered for image inputs (this network reads " +
                            std::to_string(config.inputs) +
                            "-value images, inputShape); use predict() on images instead");
  check_grid_spec(g);
  if (static_cast<int>(g.features.size()) != config.inputs)
    throw Error("grid.features", std::to_string(g.features.size()) +
                                     " features give " + std::to_string(g.features.size()) +
                                     " inputs, but the network has " +
                                     std::to_string(config.inputs));
}

namespace {
// The raw coordinates (count x dims, sample-major) of grid points [first, first+count):
// cell centres, row-major from the top row.
void grid_points(const GridSpec& g, int first, int count, float* raw) {
  const double dx = (static_cast<double>(g.x_max) - g.x_min) / g.width;
  const double dy = (static_cast<double>(g.y_max) - g.y_min) / g.height;
  for (int c = 0; c < count; ++c) {
    const int p = first + c;
    const int col = p % g.width, row = p / g.width;
    raw[static_cast<std::size_t>(c) * g.dims] = static_cast<float>(g.x_min + (col + 0.5) * dx);
    if (g.dims == 2)
      raw[static_cast<std::size_t>(c) * 2 + 1] = static_cast<float>(g.y_max - (row + 0.5) * dy);
  }
}
}  // namespace

void feature_grid(const GridSpec& g, float* out) {
  check_grid_spec(g);
  const int total = g.width * g.height;
  const std::size_t nf = g.features.size();
  const int chunk = 1024;
  std::vector<float> raw(static_cast<std::size_t>(chunk) * g.dims), feat(chunk * nf);
  for (int first = 0; first < total; first += chunk) {
    const int count = std::min(chunk, total - first);
    grid_points(g, first, count, raw.data());
    compute_features(raw.data(), count, g.dims, g.features, feat.data());
    for (std::size_t k = 0; k < nf; ++k)
      for (int c = 0; c < count; ++c)
        out[k * total + first + c] = feat[static_cast<std::size_t>(c) * nf + k];
  }
}

void Network::Impl::pack_grid_chunk(const GridSpec& g, int first, int count, int ld,
                                    float* to) const {
  ws.raw.resize(static_cast<std::size_t>(count) * g.dims);
  ws.feat.resize(static_cast<std::size_t>(count) * config.inputs);
  grid_points(g, first, count, ws.raw.data());
  compute_features(ws.raw.data(), count, g.dims, g.features, ws.feat.data());
  K(pack_columns)(ws.feat.data(), config.inputs, nullptr, 0, count, to, ld);
}

namespace {
bool same_grid(const GridSpec& a, const GridSpec& b) {
  return a.width == b.width && a.height == b.height && a.dims == b.dims && a.x_min == b.x_min &&
         a.x_max == b.x_max && a.y_min == b.y_min && a.y_max == b.y_max && a.features == b.features;
}
}  // namespace

const float* Network::Impl::cached_grid_inputs(const GridSpec& g) const {
  GridFeatureCache& c = grid_cache;
  if (c.valid && c.chunk == chunk && same_grid(c.key, g)) return c.inputs.data();
  const int total = g.width * g.height;
  const std::size_t floats = static_cast<std::size_t>(config.inputs) * round_up4(total);
  if (floats > GridFeatureCache::kMaxFloats) return nullptr;
  c.valid = false;
  c.inputs.resize(floats);
  for (int first = 0; first < total; first += chunk) {
    const int count = std::min(chunk, total - first);
    pack_grid_chunk(g, first, count, round_up4(count),
                    c.inputs.data() + static_cast<std::size_t>(first) * config.inputs);
  }
  c.key = g;
  c.chunk = chunk;
  c.valid = true;
  return c.inputs.data();
}

template <class Sink>
void Network::Impl::grid_chunks(const GridSpec& g, Sink&& sink) const {
  check_grid(g);
  const int total = g.width * g.height;
  ensure_workspace(round_up4(std::min(chunk, total)), "grid.width");
  const float* cached = cached_grid_inputs(g);
  // ws.a0 points into the cache while a chunk runs; put back whatever happens.
  struct Restore {
    Workspace& ws;
    float* own;
    ~Restore() { ws.a0 = own; }
  } restore{ws, ws.a0};
  for (int first = 0; first < total; first += chunk) {
    const int count = std::min(chunk, total - first);
    const int ld = round_up4(count);
    // The cached chunk is the input block itself: the forward pass reads it in place.
    if (cached)
      ws.a0 = const_cast<float*>(cached) + static_cast<std::size_t>(first) * config.inputs;
    else
      pack_grid_chunk(g, first, count, ld, restore.own);
    forward(ld);
    sink(first, count, ld);
  }
}

void Network::check_grid(const GridSpec& grid) const { impl_->check_grid(grid); }

int Network::total_grid_units() const {
  int total = impl_->config.inputs;
  for (const LayerInfo& l : impl_->layers()) total += l.out;
  return total;
}

std::size_t Network::grid_output_size(const GridSpec& g, bool all_units, bool inputs) const {
  const Impl& I = *impl_;
  I.check_grid(g);
  const uint64_t plane = static_cast<uint64_t>(g.width) * g.height;
  const uint64_t units =
      all_units ? static_cast<uint64_t>(total_grid_units() - (inputs ? 0 : I.config.inputs))
                : I.outputs();
  const uint64_t need = layout_bytes(I.layout, I.config.optimizer.type, std::max(I.ws.ld, I.chunk)) +
                        4 * units * plane;
  if (need > kMemoryBudget)
    throw Error("grid.width", std::string("a ") + std::to_string(g.width) + " x " +
                                  std::to_string(g.height) + " grid of " + std::to_string(units) +
                                  (all_units ? " units (every layer)" : " outputs") + " needs " +
                                  describe_bytes(4 * units * plane) + " of planes, " +
                                  describe_bytes(need) + " with the network, over the memory budget of " +
                                  describe_bytes(kMemoryBudget) + "; use a smaller grid" +
                                  (all_units ? " or units: \"outputs\"" : ""));
  return static_cast<std::size_t>(units * plane);
}

int Network::grid_unit_offset(int layer, int unit) const {
  const Impl& I = *impl_;
  if (layer < 0 || layer > static_cast<int>(I.layers().size()))
    throw Error("layer", "must be in [0, " + std::to_string(I.layers().size()) +
                             "] (0 = inputs), got " + std::to_string(layer));
  const int units = layer == 0 ? I.config.inputs : I.layers()[layer - 1].out;
  if (unit < 0 || unit >= units)
    throw Error("unit", "must be in [0, " + std::to_string(units - 1) + "], got " +
                            std::to_string(unit));
  int off = 0;
  if (layer > 0) off += I.config.inputs;
  for (int i = 1; i < layer; ++i) off += I.layers()[i - 1].out;
  return off + unit;
}

void Network::evaluate_grid(const GridSpec& g, float* out, bool inputs) const {
  const Impl& I = *impl_;
  const std::size_t plane = static_cast<std::size_t>(g.width) * g.height;
  I.grid_chunks(g, [&](int first, int count, int ld) {
    float* o = out + first;
    for (int j = 0; inputs && j < I.config.inputs; ++j, o += plane)
      std::memcpy(o, I.ws.a0 + static_cast<long>(j) * ld, sizeof(float) * count);
    for (std::size_t l = 0; l < I.layers().size(); ++l)
      for (int u = 0; u < I.layers()[l].out; ++u, o += plane)
        std::memcpy(o, I.ws.y[l] + static_cast<long>(u) * ld, sizeof(float) * count);
  });
}

void Network::evaluate_grid_outputs(const GridSpec& g, float* out) const {
  const Impl& I = *impl_;
  const std::size_t plane = static_cast<std::size_t>(g.width) * g.height;
  const std::size_t L = I.layers().size() - 1;
  I.grid_chunks(g, [&](int first, int count, int ld) {
    for (int u = 0; u < I.outputs(); ++u)
      std::memcpy(out + u * plane + first, I.ws.y[L] + static_cast<long>(u) * ld,
                  sizeof(float) * count);
  });
}

}  // namespace mlp
