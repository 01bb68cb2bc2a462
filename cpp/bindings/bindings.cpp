// Embind registrations of the mlp core: declarations only. The adapters are in
// wasm_api.cpp, conversions and error reporting in convert.h; the TypeScript layer
// (web/src/core, raw.ts) owns lifetimes, copies typed arrays through heap addresses and
// raises the error a failed call leaves in the error slot.
//
// Compiled twice: the full module, and with MLP_LITE the playground's first-load module
// (SIMD only), which registers what building, training and drawing a dense network needs
// and leaves out the network file's reader and writer, the introspection and the loss
// surface (their code is then not linked: nothing else reaches it). The TypeScript layer
// (context.ts, LITE_ABSENT) turns a call of a missing one into an MlpError.
#include <emscripten/bind.h>

#include "wasm_api.h"

using namespace emscripten;
using namespace mlp::js;

EMSCRIPTEN_BINDINGS(mlp_core) {
  value_object<EpochSummary>("EpochSummary")
      .field("loss", &EpochSummary::loss)
      .field("steps", &EpochSummary::steps)
      .field("epochs", &EpochSummary::epochs)
      .field("diverged", &EpochSummary::diverged)
      .field("stop", &EpochSummary::stop)
      .field("testLoss", &EpochSummary::test_loss)
      .field("gradNorms", &EpochSummary::grad_norms)
      .field("updateRatios", &EpochSummary::update_ratios);

#if !MLP_LITE
  value_object<PreviewSummary>("PreviewSummary")
      .field("loss", &PreviewSummary::loss)
      .field("diverged", &PreviewSummary::diverged)
      .field("learningRate", &PreviewSummary::learning_rate)
      .field("step", &PreviewSummary::step)
      .field("clipScale", &PreviewSummary::clip_scale)
      .field("slots", &PreviewSummary::slots);
#endif

  value_object<MetricsSummary>("MetricsSummary")
      .field("loss", &MetricsSummary::loss)
      .field("accuracy", &MetricsSummary::accuracy);

  class_<TrainingDataHandle>("TrainingData")
      .class_function("fromArrays", &TrainingDataHandle::from_arrays, allow_raw_pointers())
      .function("size", &TrainingDataHandle::size)
      .function("inputs", &TrainingDataHandle::inputs)
      .function("outputs", &TrainingDataHandle::outputs)
      .function("xAddress", &TrainingDataHandle::x_address)
      .function("yAddress", &TrainingDataHandle::y_address);

  class_<DatasetHandle>("Dataset")
      .class_function("fromPoints", &DatasetHandle::from_points, allow_raw_pointers());

  class_<DatasetSplitHandle>("DatasetSplit")
      .class_function("generate", &DatasetSplitHandle::generate, allow_raw_pointers())
      .class_function("split", &DatasetSplitHandle::split, allow_raw_pointers())
      .function("isRegression", &DatasetSplitHandle::is_regression)
      .function("dims", &DatasetSplitHandle::dims)
      .function("classes", &DatasetSplitHandle::classes)
      .function("trainSize", &DatasetSplitHandle::train_size)
      .function("testSize", &DatasetSplitHandle::test_size)
      .function("trainX", &DatasetSplitHandle::train_x)
      .function("trainY", &DatasetSplitHandle::train_y)
      .function("testX", &DatasetSplitHandle::test_x)
      .function("testY", &DatasetSplitHandle::test_y);

  auto network = class_<NetworkHandle>("Network")
      .class_function("create", &NetworkHandle::create, allow_raw_pointers())
      .function("inputs", &NetworkHandle::inputs)
      .function("outputs", &NetworkHandle::outputs)
      .function("numLayers", &NetworkHandle::num_layers)
      .function("units", &NetworkHandle::units)
      .function("layersAddress", &NetworkHandle::layers_address)
      .function("parameterCount", &NetworkHandle::parameter_count)
      .function("stepCount", &NetworkHandle::step_count)
      .function("epochCount", &NetworkHandle::epoch_count)
      .function("learningRate", &NetworkHandle::learning_rate)
      .function("diverged", &NetworkHandle::diverged)
      .function("trainBatch", &NetworkHandle::train_batch)
      .function("trainEpoch", &NetworkHandle::train_epoch, allow_raw_pointers())
      .function("trainPart", &NetworkHandle::train_part)
      .function("endEpoch", &NetworkHandle::end_epoch, allow_raw_pointers())
      .function("predict", &NetworkHandle::predict)
      .function("evaluate", &NetworkHandle::evaluate)
      .function("evaluateData", &NetworkHandle::evaluate_data)
      .function("evaluateGrid", &NetworkHandle::evaluate_grid)
      .function("parametersAddress", &NetworkHandle::parameters_address)
      .function("gradientsAddress", &NetworkHandle::gradients_address)
      .function("setParameters", &NetworkHandle::set_parameters)
      .function("weight", &NetworkHandle::weight)
      .function("setWeight", &NetworkHandle::set_weight)
      .function("bias", &NetworkHandle::bias)
      .function("setBias", &NetworkHandle::set_bias)
      .function("setLearningRate", &NetworkHandle::set_learning_rate)
      .function("setOptimizer", &NetworkHandle::set_optimizer)
      .function("setRegularization", &NetworkHandle::set_regularization)
      .function("setClipNorm", &NetworkHandle::set_clip_norm)
      .function("setSchedule", &NetworkHandle::set_schedule)
      .function("setStopping", &NetworkHandle::set_stopping)
      .function("resultAddress", &NetworkHandle::result_address)
      .function("saveState", &NetworkHandle::save_state)
      .function("restoreState", &NetworkHandle::restore_state)
      .function("reset", &NetworkHandle::reset)
      .function("prepare", &NetworkHandle::prepare, allow_raw_pointers());
#if !MLP_LITE
  // The network file, the introspection and the loss surface: the full module only.
  network.class_function("fromJson", &NetworkHandle::from_json, allow_raw_pointers())
      .function("configJson", &NetworkHandle::config_json)
      .function("toJson", &NetworkHandle::to_json)
      .function("trace", &NetworkHandle::trace)
      .function("gradients", &NetworkHandle::gradients)
      .function("previewStep", &NetworkHandle::preview_step)
      .function("layerStats", &NetworkHandle::layer_stats)
      .function("lossSurface", &NetworkHandle::loss_surface);
#else
  (void)network;
#endif

  function("vocabulary", &vocabulary);
  function("datasetCatalog", &dataset_catalog_js);
  function("featureCatalog", &feature_catalog_js);
  function("computeFeatures", &compute_features);
  function("featureGrid", &feature_grid);
  function("heapBytesInUse", &heap_bytes_in_use);
}
