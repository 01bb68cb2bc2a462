// nlohmann/json values behind the ValueSource interface (json_value.h): a handle is the
// address of a node of the parsed document, 0 an absent member.
#include "json_value.h"

#include "mlp/error.h"

namespace mlp {

namespace {

using json = nlohmann::json;

const json& node(Value::Handle h) { return *reinterpret_cast<const json*>(h); }
Value::Handle handle(const json* j) { return reinterpret_cast<Value::Handle>(j); }

class JsonSource final : public ValueSource {
 public:
  Value::Type type(Handle h) const override {
    if (!h) return Value::Type::Absent;
    switch (node(h).type()) {
      case json::value_t::null: return Value::Type::Null;
      case json::value_t::boolean: return Value::Type::Boolean;
      case json::value_t::number_integer:
      case json::value_t::number_unsigned:
      case json::value_t::number_float: return Value::Type::Number;
      case json::value_t::string: return Value::Type::String;
      case json::value_t::array: return Value::Type::Array;
      case json::value_t::object: return Value::Type::Object;
      default: return Value::Type::Other;
    }
  }
  bool boolean(Handle h) const override { return node(h).get<bool>(); }
  double number(Handle h) const override { return node(h).get<double>(); }
  std::string text(Handle h) const override { return node(h).get<std::string>(); }
  std::size_t size(Handle h) const override { return node(h).size(); }
  Handle element(Handle h, std::size_t i) const override { return handle(&node(h)[i]); }
  Handle member(Handle h, const char* key) const override {
    const auto it = node(h).find(key);
    return it == node(h).end() ? 0 : handle(&*it);
  }
  bool unknown_key(Handle h, std::initializer_list<const char*> allowed,
                   std::string* key) const override {
    for (auto it = node(h).begin(); it != node(h).end(); ++it) {
      bool ok = false;
      for (const char* a : allowed) ok = ok || it.key() == a;
      if (!ok) {
        *key = it.key();
        return true;
      }
    }
    return false;
  }
};

const JsonSource kJson;

}  // namespace

Value json_value(const json& j) { return Value(kJson, handle(&j)); }

json parse_json(const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    // parse_error for bad syntax, out_of_range for a number past double (1e400).
    throw Error("json", std::string("is not valid JSON (") + e.what() + ")");
  }
}

}  // namespace mlp
