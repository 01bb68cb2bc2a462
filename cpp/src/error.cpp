// mlp::Error's constructors (mlp/error.h), out of line so that a throw site only passes its
// two strings.
#include "mlp/error.h"

namespace mlp {

Error::Error(const std::string& field, const std::string& problem)
    : std::invalid_argument(field + ": " + problem), field_(field) {}

Error::Error(const char* field, const std::string& problem)
    : Error(std::string(field), problem) {}

}  // namespace mlp
