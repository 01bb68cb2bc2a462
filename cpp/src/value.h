// Internal: a read-only view of one structured value — a parsed JSON value (json_value.h)
// or a JavaScript object handed to the bindings (cpp/bindings/convert.h) — and the typed
// reads every named structure is read with (specs.h). Both sources go through the same
// reads, so a field is named, defaulted and refused the same way from a network file and
// from createNetwork().
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace mlp {

class Value {
 public:
  // Absent: a missing member (or, in JavaScript, one that is undefined).
  enum class Type { Absent, Null, Boolean, Number, String, Array, Object, Other };

  virtual ~Value() = default;
  virtual Type type() const = 0;
  virtual bool boolean() const = 0;                 // Type::Boolean only
  virtual double number() const = 0;                // Type::Number only
  virtual std::string text() const = 0;             // Type::String only
  virtual std::size_t size() const = 0;             // Type::Array only
  virtual std::unique_ptr<Value> element(std::size_t i) const = 0;   // i < size()
  virtual std::unique_ptr<Value> member(const char* key) const = 0;  // Type::Object only
  virtual std::vector<std::string> keys() const = 0;  // Type::Object: the members present
  // What a value of Type::Other is, for messages ("a function").
  virtual std::string other_kind() const { return "a value of another type"; }

  // For messages: "\"fast\"", "3", "true", "null", "an array", "an object", "nothing".
  std::string describe() const;
};

// The name of a field ("optimizer.eps", "layers[2].units"), kept as a chain of parts on
// the stack and spelled out only when an error names it: reading a config allocates no
// names. A Path refers to its parent, so it must not outlive it (pass them down, as the
// readers do).
class Path {
 public:
  explicit Path(const char* root = "") : parent_(nullptr), key_(root), index_(0) {}
  Path operator/(const char* key) const { return Path(this, key, 0); }           // "a" / "b": "a.b"
  Path operator[](std::size_t i) const { return Path(this, nullptr, i); }        // "a"[2]: "a[2]"
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
// An object whose members are all in `allowed` ("colour: unknown field; allowed: ...").
void expect_object(const Value& v, const Path& field, std::initializer_list<const char*> allowed);
// A member that must be present ("inputs: is required"); `field` is the object's.
std::unique_ptr<Value> required(const Value& object, const Path& field, const char* key);

}  // namespace mlp
