// Conversions between the JavaScript boundary and the core: raw heap addresses from the
// TypeScript layer to typed pointers, comma-separated name lists, and the guard that turns
// every C++ exception into a JavaScript Error carrying the C++ message (Emscripten would
// otherwise surface a bare number).
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "mlp/dataset.h"
#include "mlp/error.h"

namespace mlp::js {

[[noreturn]] inline void throw_js_error(const std::string& message, const std::string& field) {
  emscripten::val error = emscripten::val::global("Error").new_(emscripten::val(message));
  error.set("mlpField", emscripten::val(field));
  error.throw_();
}

// Runs fn; an exception becomes a JS Error (with .mlpField for mlp::Error).
template <class F>
auto guard(F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const mlp::Error& e) {
    throw_js_error(e.what(), e.field());
  } catch (const std::bad_alloc&) {
    throw_js_error("out of memory: the network or data is too large for this page", "");
  } catch (const std::exception& e) {
    throw_js_error(e.what(), "");
  }
}

inline const float* cf32(std::uintptr_t address) { return reinterpret_cast<const float*>(address); }
inline float* f32(std::uintptr_t address) { return reinterpret_cast<float*>(address); }
inline std::uintptr_t address_of(const float* p) { return reinterpret_cast<std::uintptr_t>(p); }

// "x1,x2,sinx1" -> features (each name checked; field "features").
inline std::vector<mlp::Feature> parse_features(const std::string& csv) {
  std::vector<mlp::Feature> out;
  std::size_t start = 0;
  while (start <= csv.size()) {
    const std::size_t comma = csv.find(',', start);
    const std::string name = csv.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!name.empty()) out.push_back(mlp::parse_feature(name, "features"));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace mlp::js
