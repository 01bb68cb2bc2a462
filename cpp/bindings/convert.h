// Conversions between JavaScript and the core for the Embind module: a JavaScript value as
// an mlp::Value (so that specs.h reads configs and specs from the JS object itself), heap
// addresses as pointers, seeds, core results as JavaScript objects, and guard(), which
// turns every C++ exception into an error the TypeScript layer raises after the call.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <type_traits>

#include "mlp/dataset.h"
#include "mlp/error.h"
#include "mlp/network.h"
#include "value.h"

namespace mlp::js {

// ---- errors -------------------------------------------------------------------------------
// A failed call never throws into JavaScript. With Emscripten 3.1.6, a JavaScript exception
// raised inside a call leaves without the cleanups of what is on the way out: the C++
// exception being handled, the C++ frames' locals and val handles (scalar build), and
// Embind's own JavaScript invoker, which frees an argument's wire buffer (a string's copy
// in wasm memory) only when the call returns. So guard() records the error in one static
// slot and returns a value-initialised result; the TypeScript layer (Context.call) checks
// `pending` after every call, once everything is freed, and throws MlpError.

struct ErrorSlot {
  int32_t pending;           // 1 from a failure until TypeScript has read the slot
  int32_t field_length;      // bytes of field (UTF-8, no terminator)
  int32_t message_length;    // bytes of message
  uint32_t field_address;    // where field and message are (the slot describes itself, so
  uint32_t message_address;  // that TypeScript needs only its address: vocabulary "errors")
  char field[256];
  char message[4096];
};

std::uintptr_t error_slot_address();

// Called inside a catch block: records the exception being handled (its message, and the
// field of an mlp::Error). Out of line, so that each guard() holds one catch-all only.
void record_current_exception() noexcept;

template <class F>
auto guard(F&& fn) noexcept -> decltype(fn()) {
  try {
    return fn();
  } catch (...) {
    record_current_exception();
  }
  if constexpr (!std::is_void_v<decltype(fn())>) return decltype(fn()){};
}

// ---- JavaScript values as mlp::Value -------------------------------------------------------

// A JavaScript value for the readers of specs.h (the returned Value holds its own reference).
// undefined (a missing property) is Absent, as JSON's missing member; own enumerable keys
// whose value is undefined do not count, so `{ ...config, seed: undefined }` is the config
// without a seed.
Value js_value(const emscripten::val& v);

// ---- plain values --------------------------------------------------------------------------

inline const float* cf32(std::uintptr_t address) { return reinterpret_cast<const float*>(address); }
inline float* f32(std::uintptr_t address) { return reinterpret_cast<float*>(address); }
inline std::uintptr_t address_of(const float* p) { return reinterpret_cast<std::uintptr_t>(p); }

// A seed given as a JavaScript number: an integer in [0, 2^32).
uint64_t seed_of(double seed, const char* field);

// What a training or evaluation call returns to JavaScript.
struct EpochSummary {
  double loss = 0;
  int steps = 0;
  int epochs = 0;
  bool diverged = false;
  int stop = 0;          // StopReason: 0 none, then the vocabulary's stopReasons in order
  double test_loss = 0;  // NaN unless early stopping evaluated it
  // Where the last epoch's gradient flow is (a float per layer each): read with the result
  // instead of through two more calls, as the worker's history records it every epoch.
  std::uintptr_t grad_norms = 0;
  std::uintptr_t update_ratios = 0;
};
struct MetricsSummary {
  double loss = 0;
  double accuracy = 0;
};
// Where a grid's planes are, with the size the spec resolved to: three 32-bit words that
// TypeScript reads from the heap (a value_object would cost a JavaScript object and three
// calls per frame).
struct GridPlanes {
  uint32_t address = 0;
  int32_t width = 0;
  int32_t height = 0;
};
inline EpochSummary summary_of(const EpochResult& r) {
  return EpochSummary{r.loss, r.steps, r.epochs, r.diverged(), static_cast<int>(r.stop), r.test_loss};
}
// What preview_step returns beside its arrays (which the handle's result buffer holds).
struct PreviewSummary {
  double loss = 0;
  bool diverged = false;
  float learning_rate = 0;
  double step = 0;
  float clip_scale = 1;
  int slots = 0;  // optimizer slots: 0 sgd, 1 momentum, 2 adam
};
inline MetricsSummary summary_of(const Metrics& m) { return MetricsSummary{m.loss, m.accuracy}; }

// The catalogs as arrays of plain objects, built directly (no JSON text to parse):
// datasets {name, problem, dims, defaultSamples, multiclass, domain: [min, max],
// description}; features {name, label, dims}.
emscripten::val dataset_catalog_js();
emscripten::val feature_catalog_js();

}  // namespace mlp::js
