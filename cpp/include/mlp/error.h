// Errors of the mlp core. Every invalid configuration or datum throws mlp::Error whose
// message names the field and what is allowed ("learningRate: must be a finite number
// >= 0, got nan"). Operations that throw leave their object unchanged (strong guarantee).
#pragma once

#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "mlp/format.h"

namespace mlp {

class Error : public std::invalid_argument {
 public:
  // Out of line (error.cpp): the message's concatenation is one function, not a copy at
  // each of the ~150 throw sites; a literal field needs no std::string built at the site.
  Error(const std::string& field, const std::string& problem);
  Error(const char* field, const std::string& problem);
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// Formats a number for an error message ("nan", "-3", "0.001"), as `std::ostream << value`
// would (%g, six significant digits) but without iostreams: <sstream> alone links 70 KB of
// locale machinery into the wasm module and lengthens its start-up; and without printf
// (mlp/format.h writes the same text).
template <class T>
std::string describe(const T& value) {
  static_assert(std::is_arithmetic_v<T>, "describe: numbers and strings only");
  if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (std::is_integral_v<T>) {
    return std::to_string(value);
  } else {
    return format_g(static_cast<double>(value), 6);
  }
}
inline std::string describe(const std::string& value) { return "\"" + value + "\""; }
inline std::string describe(const char* value) { return describe(std::string(value)); }

// "\"a\", \"b\", \"c\"": the allowed names in an error message.
inline std::string join_quoted(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) s += ", ";
    s += "\"" + names[i] + "\"";
  }
  return s;
}

}  // namespace mlp
