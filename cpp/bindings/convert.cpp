// The conversions of convert.h: the error slot, JsValue over emscripten::val, seeds and the
// catalogs as JavaScript objects.
#include "convert.h"

#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>

// Primitive reads of a JavaScript value, one call into JavaScript each (used by JsValue
// below). Embind's generic val operations cost several calls and allocations per read (a
// type test alone took four to six, a number went through a destructors array), which
// showed on evaluateGrid, read every frame. EM_JS functions live at global scope.

// Value::Type's order: Absent, Null, Boolean, Number, String, Array, Object, Other.
EM_JS(int, mlp_js_kind, (emscripten::EM_VAL handle), {
  var v = Emval.toValue(handle);
  if (v === undefined) return 0;
  if (v === null) return 1;
  var t = typeof v;
  if (t === "boolean") return 2;
  if (t === "number") return 3;
  if (t === "string") return 4;
  if (Array.isArray(v)) return 5;
  return t === "object" ? 6 : 7;
});
EM_JS(double, mlp_js_number, (emscripten::EM_VAL handle), { return Emval.toValue(handle); });
EM_JS(double, mlp_js_length, (emscripten::EM_VAL handle), { return Emval.toValue(handle).length; });
EM_JS(emscripten::EM_VAL, mlp_js_element, (emscripten::EM_VAL handle, int i), {
  return Emval.toHandle(Emval.toValue(handle)[i]);
});
EM_JS(emscripten::EM_VAL, mlp_js_member, (emscripten::EM_VAL handle, const char* key), {
  return Emval.toHandle(Emval.toValue(handle)[UTF8ToString(key)]);
});
// A string as UTF-8 in a malloc'd buffer the caller frees (its byte length in *length).
EM_JS(char*, mlp_js_text, (emscripten::EM_VAL handle, int* length), {
  var s = Emval.toValue(handle);
  var n = lengthBytesUTF8(s);
  var p = _malloc(n + 1);
  stringToUTF8(s, p, n + 1);
  HEAP32[length >> 2] = n;
  return p;
});
// The own enumerable keys whose value is not undefined, as UTF-8 joined by NUL bytes in a
// malloc'd buffer the caller frees; their count and byte length in counts[0], counts[1].
EM_JS(char*, mlp_js_keys, (emscripten::EM_VAL handle, int* counts), {
  var o = Emval.toValue(handle);
  var keys = Object.keys(o).filter(function(k) { return o[k] !== undefined; });
  var s = keys.join(String.fromCharCode(0));
  var n = lengthBytesUTF8(s);
  var p = _malloc(n + 1);
  stringToUTF8(s, p, n + 1);
  HEAP32[counts >> 2] = keys.length;
  HEAP32[(counts >> 2) + 1] = n;
  return p;
});

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

// Copies both texts into the slot (truncated at a character boundary); allocates nothing.
void record_error(const char* message, const char* field) noexcept {
  g_error.message_length = copy_text(g_error.message, sizeof g_error.message, message);
  g_error.field_length = copy_text(g_error.field, sizeof g_error.field, field);
  g_error.pending = 1;
}

}  // namespace

ErrorSlotLayout error_slot_layout() {
  auto at = [](const void* p) { return reinterpret_cast<std::uintptr_t>(p); };
  return ErrorSlotLayout{at(&g_error.pending), at(g_error.field), at(g_error.message)};
}

void record_current_exception() noexcept {
  try {
    throw;
  } catch (const mlp::Error& e) {
    record_error(e.what(), e.field().c_str());
  } catch (const std::bad_alloc&) {
    record_error("out of memory: the network or data is too large for this page", "");
  } catch (const std::exception& e) {
    record_error(e.what(), "");
  } catch (...) {
    record_error("internal error in the wasm core", "");
  }
}

// ---- JsValue ------------------------------------------------------------------------------

static_assert(static_cast<int>(Value::Type::Absent) == 0 && static_cast<int>(Value::Type::Other) == 7,
              "mlp_js_kind returns Value::Type in order");


Value::Type JsValue::type() const {
  if (type_ < 0) type_ = mlp_js_kind(v_.as_handle());
  return static_cast<Type>(type_);
}

double JsValue::number() const { return mlp_js_number(v_.as_handle()); }

std::string JsValue::text() const {
  int length = 0;
  char* bytes = mlp_js_text(v_.as_handle(), &length);
  std::string out(bytes, static_cast<std::size_t>(length));
  std::free(bytes);
  return out;
}

std::size_t JsValue::size() const { return static_cast<std::size_t>(mlp_js_length(v_.as_handle())); }

std::unique_ptr<Value> JsValue::element(std::size_t i) const {
  return std::make_unique<JsValue>(val::take_ownership(mlp_js_element(v_.as_handle(), static_cast<int>(i))));
}

std::unique_ptr<Value> JsValue::member(const char* key) const {
  return std::make_unique<JsValue>(val::take_ownership(mlp_js_member(v_.as_handle(), key)));
}

std::vector<std::string> JsValue::keys() const {
  int counts[2] = {0, 0};  // keys, bytes
  char* joined = mlp_js_keys(v_.as_handle(), counts);
  std::vector<std::string> out;
  int start = 0;
  while (static_cast<int>(out.size()) < counts[0]) {
    const int end = start + static_cast<int>(std::strlen(joined + start));
    out.emplace_back(joined + start, joined + end);
    start = end + 1;
  }
  std::free(joined);
  // A key with a NUL in it came out as its first piece, and bytes are left over: list the
  // NUL itself as a key too, so that such an object is refused, never read as allowed names.
  if (counts[0] > 0 && start != counts[1] + 1) out.emplace_back(1, '\0');
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
