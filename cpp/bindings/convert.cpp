// The conversions of convert.h: the error slot, JsValue over emscripten::val, seeds and the
// catalogs as JavaScript objects.
#include "convert.h"

#include <cmath>
#include <cstring>

namespace mlp::js {

using emscripten::val;

// ---- errors -------------------------------------------------------------------------------

namespace {

ErrorSlot g_error{};

// Copies at most capacity bytes of text, cut back to the start of a UTF-8 character.
int32_t copy_text(char* out, std::size_t capacity, const char* text) {
  std::size_t n = std::strlen(text);
  if (n > capacity) {
    n = capacity;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  }
  std::memcpy(out, text, n);
  return static_cast<int32_t>(n);
}

}  // namespace

ErrorSlotLayout error_slot_layout() {
  auto at = [](const void* p) { return reinterpret_cast<std::uintptr_t>(p); };
  return ErrorSlotLayout{at(&g_error.pending), at(g_error.field), at(g_error.message)};
}

void record_error(const char* message, const char* field) noexcept {
  g_error.message_length = copy_text(g_error.message, sizeof g_error.message, message);
  g_error.field_length = copy_text(g_error.field, sizeof g_error.field, field);
  g_error.pending = 1;
}

// ---- JsValue ------------------------------------------------------------------------------

Value::Type JsValue::type() const {
  if (type_ >= 0) return static_cast<Type>(type_);
  Type t = Type::Other;
  if (v_.isUndefined())
    t = Type::Absent;
  else if (v_.isNull())
    t = Type::Null;
  else if (v_.isTrue() || v_.isFalse())
    t = Type::Boolean;
  else if (v_.isNumber())
    t = Type::Number;
  else if (v_.isString())
    t = Type::String;
  else if (val::global("Array").call<bool>("isArray", v_))
    t = Type::Array;
  else if (v_.typeOf().as<std::string>() == "object")
    t = Type::Object;
  type_ = static_cast<int>(t);
  return t;
}

std::size_t JsValue::size() const { return static_cast<std::size_t>(v_["length"].as<double>()); }

std::unique_ptr<Value> JsValue::element(std::size_t i) const {
  return std::make_unique<JsValue>(v_[static_cast<int>(i)]);
}

std::unique_ptr<Value> JsValue::member(const char* key) const {
  return std::make_unique<JsValue>(v_[key]);
}

std::vector<std::string> JsValue::keys() const {
  const val names = val::global("Object").call<val>("keys", v_);
  const int n = names["length"].as<int>();
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    const val key = names[i];
    if (!v_[key].isUndefined()) out.push_back(key.as<std::string>());
  }
  return out;
}

std::string JsValue::other_kind() const { return "a " + v_.typeOf().as<std::string>(); }

// ---- plain values -------------------------------------------------------------------------

uint64_t seed_of(double seed, const char* field) {
  if (!std::isfinite(seed) || seed < 0 || seed > 4294967295.0 || seed != std::floor(seed))
    throw Error(field, "must be an integer in [0, 4294967295], got " + describe(seed));
  return static_cast<uint64_t>(seed);
}

// ---- catalogs -----------------------------------------------------------------------------

val dataset_catalog_js() {
  val out = val::array();
  int i = 0;
  for (const DatasetInfo& d : dataset_catalog()) {
    val o = val::object();
    o.set("name", val(d.name));
    o.set("problem", val(std::string(d.problem == Problem::Regression ? "regression" : "classification")));
    o.set("dims", d.dims);
    o.set("defaultSamples", d.default_samples);
    o.set("multiclass", d.multiclass);
    val domain = val::array();
    domain.call<void>("push", d.domain_min, d.domain_max);
    o.set("domain", domain);
    o.set("description", val(d.description));
    out.set(i++, o);
  }
  return out;
}

val feature_catalog_js() {
  val out = val::array();
  int i = 0;
  for (const FeatureInfo& f : feature_catalog()) {
    val o = val::object();
    o.set("name", val(f.name));
    o.set("label", val(f.label));
    o.set("dims", f.dims);
    out.set(i++, o);
  }
  return out;
}

}  // namespace mlp::js
