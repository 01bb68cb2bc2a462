// Internal: a read-only view of one structured value — a parsed JSON value (json.h)
// or a JavaScript object handed to the bindings (cpp/bindings/convert.h) — and the typed
// reads every named structure is read with (specs.h). Both sources go through the same
// reads, so a field is named, defaulted and refused the same way from a network file and
// from createNetwork(). Reading allocates nothing but the strings it returns: a Value is a
// source and a handle on the stack, and field names are spelled out only for an error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>

namespace mlp {

class ValueSource;

class Value {
 public:
  // Absent: a missing member (or, in JavaScript, one that is undefined).
  enum class Type { Absent, Null, Boolean, Number, String, Array, Object, Other };
  using Handle = std::uintptr_t;  // the source's own reference to one value

  Value(const ValueSource& source, Handle handle) : source_(&source), handle_(handle) {}
  Value(Value&& other) noexcept;
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;
  Value& operator=(Value&&) = delete;
  ~Value();

  Type type() const;
  bool present() const { return type() != Type::Absent; }
  bool boolean() const;                     // Type::Boolean only
  double number() const;                    // Type::Number only
  std::string text() const;                 // Type::String only
  std::size_t size() const;                 // Type::Array only
  Value element(std::size_t i) const;       // i < size()
  Value member(const char* key) const;      // Type::Object only; Absent if missing
  // Type::Object only: whether a member's key is not in `allowed` (the first such in *key).
  bool unknown_key(std::initializer_list<const char*> allowed, std::string* key) const;
  // For messages: "\"fast\"", "3", "true", "null", "an array", "an object", "nothing".
  std::string describe() const;

 private:
  const ValueSource* source_;
  Handle handle_;
  mutable int type_ = -1;  // Type, once asked
};

// What a Value reads from. Each call is about one handle the source gave out.
class ValueSource {
 public:
  using Handle = Value::Handle;
  virtual Value::Type type(Handle h) const = 0;
  virtual bool boolean(Handle h) const = 0;
  virtual double number(Handle h) const = 0;
  virtual std::string text(Handle h) const = 0;
  virtual std::size_t size(Handle h) const = 0;
  virtual Handle element(Handle h, std::size_t i) const = 0;
  virtual Handle member(Handle h, const char* key) const = 0;
  virtual bool unknown_key(Handle h, std::initializer_list<const char*> allowed,
                           std::string* key) const = 0;
  // What a value of Type::Other is, for messages ("a function").
  virtual std::string other_kind(Handle) const { return "a value of another type"; }
  virtual void release(Handle) const {}  // the Value that held h is gone

 protected:
  ~ValueSource() = default;
};

// The name of a field ("optimizer.eps", "layers[2].units"), kept as a chain of parts on
// the stack and spelled out only when an error names it. A Path refers to its parent, so
// it must not outlive it (pass them down, as the readers do).
class Path {
 public:
  explicit Path(const char* root = "") : parent_(nullptr), key_(root), index_(0) {}
  Path operator/(const char* key) const { return Path(this, key, 0); }     // "a" / "b": "a.b"
  Path operator[](std::size_t i) const { return Path(this, nullptr, i); }  // "a"[2]: "a[2]"
  std::string str() const;  // "" / "eps" is "eps"

 private:
  Path(const Path* parent, const char* key, std::size_t index)
      : parent_(parent), key_(key), index_(index) {}
  const Path* parent_;
  const char* key_;  // null for an index
  std::size_t index_;
};

// The typed reads. Each throws mlp::Error naming the field and what is allowed, with what it
// got: "optimizer.learningRate: must be a number, got \"fast\"".
float read_float(const Value& v, const Path& field);  // finite, within float
long long read_int(const Value& v, const Path& field, long long lo, long long hi);
std::string read_string(const Value& v, const Path& field);
bool read_bool(const Value& v, const Path& field);
// An object whose members are all in `allowed` ("colour: unknown field; allowed: ...").
// `top` names the object when `field` is the top level (""): "config: must be an object".
// A member whose key is empty names no field of its own; the error names the object.
void expect_object(const Value& v, const Path& field, std::initializer_list<const char*> allowed,
                   const char* top = "value");
// A member that must be present ("inputs: is required"); `field` is the object's.
Value required(const Value& object, const Path& field, const char* key);

}  // namespace mlp
