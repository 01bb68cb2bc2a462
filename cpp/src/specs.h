// Internal: the named structures that cross into the core — network config, optimizer,
// regularisation, dataset spec, grid spec, feature list — read from a Value (a JSON value
// or a JavaScript object), in the npm API's names. One reader per structure, for every
// source: a member that is absent keeps the C++ struct's default (mlp/network.h,
// mlp/optimizer.h, mlp/dataset.h), a wrongly typed one throws mlp::Error naming it and an
// unknown one is refused. Values are checked against their rules once, by the core call
// that takes the structure (Network's constructor, set_optimizer, generate_dataset,
// check_grid), not here.
#pragma once

#include <string>
#include <vector>

#include "mlp/dataset.h"
#include "mlp/network.h"
#include "mlp/optimizer.h"
#include "value.h"

namespace mlp {

// `field` prefixes member names ("config" -> "config.inputs"); "" reads a top-level config
// whose members are named bare ("inputs"). Required: inputs, and per layer by its `type`
// (absent: "dense"): dense units, activation (residual optional); conv2d channels, kernel,
// activation (stride 1, padding "valid" by default); maxpool nothing (size 2). inputShape
// and features (one per input) are optional.
NetworkConfig read_config(const Value& v, const std::string& field = "");
// Absent members take OptimizerSpec{} / RegularizationSpec{} defaults (not the network's
// current values).
OptimizerSpec read_optimizer(const Value& v, const std::string& field = "optimizer");
RegularizationSpec read_regularization(const Value& v,
                                       const std::string& field = "regularization");
// {type, stepSize, gamma, tMax, etaMin, startFactor, endFactor, totalIters}: every member
// optional (ScheduleSpec{}'s defaults); {patience, trainLoss} likewise (StoppingSpec{}).
ScheduleSpec read_schedule(const Value& v, const std::string& field = "schedule");
StoppingSpec read_stopping(const Value& v, const std::string& field = "stopping");
// {directions, range, steps, seed} of Network::loss_surface: directions is "random",
// "pca" or "given" (the library passes "given" with the two arrays); all optional.
SurfaceSpec read_surface_spec(const Value& v, const std::string& field = "");
// A non-empty array of feature names ("features[1]: unknown feature ..."). Duplicates and
// x2 features of 1-D data are refused where the data's dims are known (validate_features).
std::vector<Feature> read_features(const Value& v, const std::string& field = "features");
// {name, samples, noise, classes, trainRatio, seed}; name is required. Ranges are checked
// by generate_dataset.
DatasetSpec read_dataset_spec(const Value& v, const std::string& field = "");
// {width, height, xRange, yRange, dims, features}: width and features are required;
// height defaults to width (1 for 1-D data), the ranges to GridSpec's. Ranges of sizes and
// the feature count are checked by Network::check_grid.
GridSpec read_grid_spec(const Value& v, const std::string& field = "grid");

}  // namespace mlp
