// The grid's input-feature cache (grid.cpp, GridFeatureCache): a grid evaluated again gives
// the same planes bit for bit; a grid that differs in any field (size, range, dims,
// features) gives what a network that never saw the previous grid gives (the cache is
// rebuilt, never reused wrongly); grids too large to cache and a cached grid interleaved
// with others agree too; the copy of a network (preview_step's) starts without it.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "mlp/network.h"

using namespace mlp;

namespace {

NetworkConfig config(int inputs) {
  NetworkConfig c;
  c.inputs = inputs;
  c.layers = {{5, Activation::Tanh}, {3, Activation::Relu}, {2, Activation::Sigmoid}};
  c.seed = 11;
  return c;
}

std::vector<float> planes(const Network& net, const GridSpec& g) {
  std::vector<float> out(net.grid_output_size(g, true));
  net.evaluate_grid(g, out.data());
  return out;
}

std::vector<float> outputs(const Network& net, const GridSpec& g) {
  std::vector<float> out(net.grid_output_size(g, false));
  net.evaluate_grid_outputs(g, out.data());
  return out;
}

void expect_bits(const std::vector<float>& a, const std::vector<float>& b, const char* what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), sizeof(float) * a.size())) << what;
}

GridSpec grid(int w, int h, std::vector<Feature> f) {
  GridSpec g;
  g.width = w;
  g.height = h;
  g.features = std::move(f);
  return g;
}

}  // namespace

TEST(GridCache, EveryChangeOfTheGridIsSeen) {
  const std::vector<Feature> three = {Feature::X1, Feature::SinX1, Feature::X1TimesX2};
  const std::vector<Feature> other = {Feature::X2, Feature::X1Squared, Feature::SinX2};
  std::vector<GridSpec> grids;
  grids.push_back(grid(100, 100, three));
  grids.push_back(grid(100, 100, other));       // features
  grids.push_back(grid(37, 61, three));         // size, a last chunk with a tail
  GridSpec r = grid(100, 100, three);
  r.x_min = -3;                                  // each range bound
  grids.push_back(r);
  r = grid(100, 100, three);
  r.y_max = 2.5f;
  grids.push_back(r);
  grids.push_back(grid(300, 300, three));       // 270,000 floats: too large to cache
  Network net(config(3));
  for (int round = 0; round < 2; ++round)
    for (const GridSpec& g : grids) {
      const Network fresh(config(3));  // the same parameters, no cache
      expect_bits(planes(net, g), planes(fresh, g), "all units");
      expect_bits(outputs(net, g), outputs(Network(config(3)), g), "outputs");
      expect_bits(planes(net, g), planes(fresh, g), "again");
    }
}

TEST(GridCache, OneDimensionalGridAndNewParameters) {
  GridSpec g = grid(300, 1, {Feature::X1, Feature::X1Squared});
  g.dims = 1;
  Network net(config(2));
  const std::vector<float> before = planes(net, g);
  expect_bits(before, planes(Network(config(2)), g), "1-D");
  // Training changes the units' planes, not the inputs: the cached inputs stay right.
  const std::vector<float> x = {0.5f, 0.25f, -1.0f, 1.0f}, t = {0.1f, 0.9f, 0.3f, 0.2f};
  net.train_batch(x.data(), t.data(), 2);
  const std::vector<float> after = planes(net, g);
  const std::size_t input_floats = 2 * 300;
  EXPECT_EQ(0, std::memcmp(before.data(), after.data(), sizeof(float) * input_floats));
  EXPECT_NE(0, std::memcmp(before.data() + input_floats, after.data() + input_floats,
                           sizeof(float) * (after.size() - input_floats)));
  Network copy(config(2));
  copy.set_parameters(net.parameters());
  expect_bits(after, planes(copy, g), "trained");
}
