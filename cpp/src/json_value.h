// Internal: parsed JSON values (nlohmann/json) seen as mlp::Values, so that network files
// and JSON configs are read by the same field reads as JavaScript objects.
#pragma once

#include <nlohmann/json.hpp>

#include "value.h"

namespace mlp {

// A view of j; the document must outlive it.
Value json_value(const nlohmann::json& j);

// Parses JSON text; throws mlp::Error("json", "is not valid JSON (...)") for bad syntax and
// for a number past double (1e400), which nlohmann refuses with out_of_range.
nlohmann::json parse_json(const std::string& text);

}  // namespace mlp
