// Internal: a parsed JSON value (nlohmann/json) seen as an mlp::Value, so that network
// files and JSON configs are read by the same field reads as JavaScript objects.
#pragma once

#include <nlohmann/json.hpp>

#include "value.h"

namespace mlp {

class JsonValue final : public Value {
 public:
  // j may be null: an absent member. The JSON document must outlive the view.
  explicit JsonValue(const nlohmann::json* j) : j_(j) {}
  Type type() const override;
  bool boolean() const override { return j_->get<bool>(); }
  double number() const override { return j_->get<double>(); }
  std::string text() const override { return j_->get<std::string>(); }
  std::size_t size() const override { return j_->size(); }
  std::unique_ptr<Value> element(std::size_t i) const override;
  std::unique_ptr<Value> member(const char* key) const override;
  std::vector<std::string> keys() const override;

 private:
  const nlohmann::json* j_;
};

// Parses JSON text; throws mlp::Error("json", "is not valid JSON (...)").
nlohmann::json parse_json(const std::string& text);

}  // namespace mlp
