// Embind registrations of the mlp core: declarations only. The adapters are in
// wasm_api.cpp, conversions and error translation in convert.h; the TypeScript layer
// (web/src/core) owns lifetimes and copies typed arrays through heap addresses.
#include <emscripten/bind.h>

#include "wasm_api.h"

using namespace emscripten;
using namespace mlp::js;

EMSCRIPTEN_BINDINGS(mlp_core) {
  value_object<EpochSummary>("EpochSummary")
      .field("loss", &EpochSummary::loss)
      .field("steps", &EpochSummary::steps)
      .field("epochs", &EpochSummary::epochs)
      .field("diverged", &EpochSummary::diverged);

  value_object<MetricsSummary>("MetricsSummary")
      .field("loss", &MetricsSummary::loss)
      .field("accuracy", &MetricsSummary::accuracy);

  class_<TrainingData>("TrainingData")
      .constructor<std::uintptr_t, std::uintptr_t, int, int, int>()
      .function("size", &TrainingData::size)
      .function("inputs", &TrainingData::inputs)
      .function("outputs", &TrainingData::outputs)
      .function("xAddress", &TrainingData::x_address)
      .function("yAddress", &TrainingData::y_address);

  class_<DatasetPair>("DatasetPair")
      .class_function("generate", &DatasetPair::generate, allow_raw_pointers())
      .class_function("fromPoints", &DatasetPair::from_points, allow_raw_pointers())
      .class_function("whole", &DatasetPair::whole, allow_raw_pointers())
      .function("isRegression", &DatasetPair::problem_is_regression)
      .function("dims", &DatasetPair::dims)
      .function("classes", &DatasetPair::classes)
      .function("trainSize", &DatasetPair::train_size)
      .function("testSize", &DatasetPair::test_size)
      .function("trainX", &DatasetPair::train_x)
      .function("trainY", &DatasetPair::train_y)
      .function("testX", &DatasetPair::test_x)
      .function("testY", &DatasetPair::test_y);

  class_<NetworkHandle>("NetworkHandle")
      .class_function("create", &NetworkHandle::create, allow_raw_pointers())
      .class_function("fromJson", &NetworkHandle::from_json, allow_raw_pointers())
      .function("configJson", &NetworkHandle::config_json)
      .function("inputs", &NetworkHandle::inputs)
      .function("outputs", &NetworkHandle::outputs)
      .function("numLayers", &NetworkHandle::num_layers)
      .function("units", &NetworkHandle::units)
      .function("numParameters", &NetworkHandle::num_parameters)
      .function("stepCount", &NetworkHandle::step_count)
      .function("diverged", &NetworkHandle::diverged)
      .function("trainBatch", &NetworkHandle::train_batch)
      .function("trainEpochs", &NetworkHandle::train_epochs)
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
      .function("reset", &NetworkHandle::reset)
      .function("toJson", &NetworkHandle::to_json)
      .function("prepare", &NetworkHandle::prepare, allow_raw_pointers());

  function("vocabulary", &vocabulary);
  function("datasetsJson", &datasets_json);
  function("heapBytesInUse", &heap_bytes_in_use);
}
