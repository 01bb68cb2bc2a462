// Whether a value read by the core's JSON reader (cpp/src/json.h) is the one nlohmann/json
// read from the same text: the oracle of tests/cpp/test_json.cpp and tests/fuzz/fuzz_json.cpp.
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>

#include "value.h"

inline bool same_value(const mlp::Value& v, const nlohmann::json& j) {
  using T = mlp::Value::Type;
  switch (v.type()) {
    case T::Null: return j.is_null();
    case T::Boolean: return j.is_boolean() && v.boolean() == j.get<bool>();
    case T::Number: return j.is_number() && v.number() == j.get<double>();
    case T::String: return j.is_string() && v.text() == j.get<std::string>();
    case T::Array:
      if (!j.is_array() || j.size() != v.size()) return false;
      for (std::size_t i = 0; i < v.size(); ++i)
        if (!same_value(v.element(i), j[i])) return false;
      return true;
    case T::Object:
      // nlohmann keeps the last of duplicate keys, as the core's reader does.
      if (!j.is_object()) return false;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key().find('\0') != std::string::npos) continue;  // not a C string: no lookup
        const mlp::Value m = v.member(it.key().c_str());
        if (!m.present() || !same_value(m, it.value())) return false;
      }
      return true;
    default: return false;
  }
}
