// JsonValue: nlohmann/json values behind the mlp::Value interface (json_value.h).
#include "json_value.h"

#include "mlp/error.h"

namespace mlp {

Value::Type JsonValue::type() const {
  if (!j_) return Type::Absent;
  switch (j_->type()) {
    case nlohmann::json::value_t::null: return Type::Null;
    case nlohmann::json::value_t::boolean: return Type::Boolean;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return Type::Number;
    case nlohmann::json::value_t::string: return Type::String;
    case nlohmann::json::value_t::array: return Type::Array;
    case nlohmann::json::value_t::object: return Type::Object;
    default: return Type::Other;
  }
}

std::unique_ptr<Value> JsonValue::element(std::size_t i) const {
  return std::make_unique<JsonValue>(&(*j_)[i]);
}

std::unique_ptr<Value> JsonValue::member(const char* key) const {
  const auto it = j_->find(key);
  return std::make_unique<JsonValue>(it == j_->end() ? nullptr : &*it);
}

std::vector<std::string> JsonValue::keys() const {
  std::vector<std::string> out;
  for (auto it = j_->begin(); it != j_->end(); ++it) out.push_back(it.key());
  return out;
}

nlohmann::json parse_json(const std::string& text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error("json", std::string("is not valid JSON (") + e.what() + ")");
  }
}

}  // namespace mlp
