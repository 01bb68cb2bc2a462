// Errors of the mlp core. Every invalid configuration or datum throws mlp::Error whose
// message names the field and what is allowed ("learningRate: must be a finite number
// >= 0, got nan"). Operations that throw leave their object unchanged (strong guarantee).
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mlp {

class Error : public std::invalid_argument {
 public:
  Error(const std::string& field, const std::string& problem)
      : std::invalid_argument(field + ": " + problem), field_(field) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// Formats any streamable value for an error message ("nan", "-3", "\"foo\"").
template <class T>
std::string describe(const T& value) {
  std::ostringstream os;
  os << value;
  return os.str();
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
