// The conversions of convert.h: the error slot, JavaScript values as mlp::Values, seeds and the
// catalogs as JavaScript objects.
#include "convert.h"

#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>

// Primitive reads of a JavaScript value, one call into JavaScript each (used by JsSource
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
EM_JS(int, mlp_js_boolean, (emscripten::EM_VAL handle), { return Emval.toValue(handle) === true; });
EM_JS(double, mlp_js_number, (emscripten::EM_VAL handle), { return Emval.toValue(handle); });
EM_JS(emscripten::EM_VAL, mlp_js_typeof, (emscripten::EM_VAL handle), {
  return Emval.toHandle(typeof Emval.toValue(handle));
});
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
// The first own enumerable key whose value is not undefined and that is not one of the n
// C strings at `allowed`, as UTF-8 in a malloc'd buffer the caller frees (its byte length
// in *length); 0 if there is none.
EM_JS(char*, mlp_js_unknown_key, (emscripten::EM_VAL handle, const char* const* allowed, int n, int* length), {
  var o = Emval.toValue(handle);
  var names = [];
  for (var i = 0; i < n; i++) names.push(UTF8ToString(HEAPU32[(allowed >> 2) + i]));
  var keys = Object.keys(o);
  for (var k = 0; k < keys.length; k++) {
    var key = keys[k];
    if (o[key] === undefined || names.indexOf(key) >= 0) continue;
    var bytes = lengthBytesUTF8(key);
    var p = _malloc(bytes + 1);
    stringToUTF8(key, p, bytes + 1);
    HEAP32[length >> 2] = bytes;
    return p;
  }
  return 0;
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
  g_error.field_address = static_cast<uint32_t>(reinterpret_cast<std::uintptr_t>(g_error.field));
  g_error.message_address = static_cast<uint32_t>(reinterpret_cast<std::uintptr_t>(g_error.message));
  g_error.pending = 1;
}

}  // namespace

std::uintptr_t error_slot_address() { return reinterpret_cast<std::uintptr_t>(&g_error); }

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

// ---- JavaScript values as mlp::Value ---------------------------------------------------------

namespace {

static_assert(static_cast<int>(Value::Type::Absent) == 0 && static_cast<int>(Value::Type::Other) == 7,
              "mlp_js_kind returns Value::Type in order");

using emscripten::EM_VAL;
EM_VAL em(Value::Handle h) { return reinterpret_cast<EM_VAL>(h); }
Value::Handle handle(EM_VAL v) { return reinterpret_cast<Value::Handle>(v); }

// Copies a malloc'd UTF-8 buffer of `length` bytes into a string and frees it.
std::string take_text(char* bytes, int length) {
  std::string out(bytes, static_cast<std::size_t>(length));
  std::free(bytes);
  return out;
}

// A handle is an emval handle this source holds a reference to (released with the Value).
class JsSource final : public ValueSource {
 public:
  Value::Type type(Handle h) const override { return static_cast<Value::Type>(mlp_js_kind(em(h))); }
  bool boolean(Handle h) const override { return mlp_js_boolean(em(h)) != 0; }
  double number(Handle h) const override { return mlp_js_number(em(h)); }
  std::string text(Handle h) const override {
    int length = 0;
    char* bytes = mlp_js_text(em(h), &length);
    return take_text(bytes, length);
  }
  std::size_t size(Handle h) const override { return static_cast<std::size_t>(mlp_js_length(em(h))); }
  Handle element(Handle h, std::size_t i) const override {
    return handle(mlp_js_element(em(h), static_cast<int>(i)));
  }
  Handle member(Handle h, const char* key) const override { return handle(mlp_js_member(em(h), key)); }
  bool unknown_key(Handle h, std::initializer_list<const char*> allowed,
                   std::string* key) const override {
    int length = 0;
    char* bytes = mlp_js_unknown_key(em(h), allowed.begin(), static_cast<int>(allowed.size()), &length);
    if (!bytes) return false;
    *key = take_text(bytes, length);
    return true;
  }
  std::string other_kind(Handle h) const override {
    const Value kind(*this, handle(mlp_js_typeof(em(h))));
    return "a " + kind.text();
  }
  void release(Handle h) const override { emscripten::internal::_emval_decref(em(h)); }
};

const JsSource kJs;

}  // namespace

Value js_value(const val& v) {
  emscripten::internal::_emval_incref(v.as_handle());
  return Value(kJs, handle(v.as_handle()));
}

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
    o.set("name", val(std::string(f.name)));
    o.set("label", val(std::string(f.label)));  // UTF-8: val(const char*) would read Latin-1
    o.set("dims", f.dims);
    out.set(i++, o);
  }
  return out;
}

}  // namespace mlp::js
