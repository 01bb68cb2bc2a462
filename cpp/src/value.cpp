// The typed reads of value.h: the one place that decides how a field of a config, a spec
// or a network file is checked and how a bad one is worded.
#include "value.h"

#include <cmath>
#include <limits>

#include "mlp/error.h"
#include "mlp/format.h"

namespace mlp {

namespace {

// The shortest of %.15g / %.17g that reads back as d; integers as integers ("4294967296",
// not "4.29497e+09", so a seed out of range reads as typed).
// (mlp/format.h: printf's exact text without linking printf and strtod.)
std::string number_text(double d) {
  if (!std::isfinite(d)) return describe(d);
  if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0) return format_f(d, 0);
  return format_g(d, g_reads_back(d, 15, false) ? 15 : 17);
}

}  // namespace

Value::Value(Value&& other) noexcept
    : source_(other.source_), handle_(other.handle_), type_(other.type_) {
  other.source_ = nullptr;
}

Value::~Value() {
  if (source_) source_->release(handle_);
}

Value::Type Value::type() const {
  if (type_ < 0) type_ = static_cast<int>(source_->type(handle_));
  return static_cast<Type>(type_);
}

bool Value::boolean() const { return source_->boolean(handle_); }
double Value::number() const { return source_->number(handle_); }
std::string Value::text() const { return source_->text(handle_); }
std::size_t Value::size() const { return source_->size(handle_); }
Value Value::element(std::size_t i) const { return Value(*source_, source_->element(handle_, i)); }
Value Value::member(const char* key) const { return Value(*source_, source_->member(handle_, key)); }

bool Value::unknown_key(std::initializer_list<const char*> allowed, std::string* key) const {
  return source_->unknown_key(handle_, allowed, key);
}

std::string Value::describe() const {
  switch (type()) {
    case Type::Absent: return "nothing";
    case Type::Null: return "null";
    case Type::Boolean: return boolean() ? "true" : "false";
    case Type::Number: return number_text(number());
    case Type::String: return mlp::describe(text());
    case Type::Array: return "an array";
    case Type::Object: return "an object";
    case Type::Other: break;
  }
  return source_->other_kind(handle_);
}

std::string Path::str() const {
  std::string out = parent_ ? parent_->str() : std::string();
  if (key_) {
    if (!out.empty() && *key_) out += '.';
    out += key_;
  } else {
    out += "[" + std::to_string(index_) + "]";
  }
  return out;
}

float read_float(const Value& v, const Path& field) {
  if (v.type() != Value::Type::Number)
    throw Error(field.str(), "must be a number, got " + v.describe());
  const double d = v.number();
  if (!std::isfinite(d) || std::fabs(d) > std::numeric_limits<float>::max())
    throw Error(field.str(), "must be a finite number, got " + v.describe());
  return static_cast<float>(d);
}

long long read_int(const Value& v, const Path& field, long long lo, long long hi) {
  const bool number = v.type() == Value::Type::Number;
  const double d = number ? v.number() : 0.0;
  if (!number || !std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(lo) ||
      d > static_cast<double>(hi))
    throw Error(field.str(), "must be an integer in [" + std::to_string(lo) + ", " +
                                 std::to_string(hi) + "], got " + v.describe());
  return static_cast<long long>(d);
}

std::string read_string(const Value& v, const Path& field) {
  if (v.type() != Value::Type::String)
    throw Error(field.str(), "must be a string, got " + v.describe());
  return v.text();
}

bool read_bool(const Value& v, const Path& field) {
  if (v.type() != Value::Type::Boolean)
    throw Error(field.str(), "must be true or false, got " + v.describe());
  return v.boolean();
}

void expect_object(const Value& v, const Path& field, std::initializer_list<const char*> allowed,
                   const char* top) {
  const auto name = [&] {
    std::string f = field.str();
    return f.empty() ? std::string(top) : f;
  };
  if (v.type() != Value::Type::Object) throw Error(name(), "must be an object, got " + v.describe());
  std::string key;
  if (v.unknown_key(allowed, &key)) {
    std::string list;
    for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
    if (key.empty()) throw Error(name(), "has a member with an empty key; allowed: " + list);
    throw Error((field / key.c_str()).str(), "unknown field; allowed: " + list);
  }
}

Value required(const Value& object, const Path& field, const char* key) {
  Value v = object.member(key);
  if (!v.present()) throw Error((field / key).str(), "is required");
  return v;
}

}  // namespace mlp
