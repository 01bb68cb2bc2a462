// Internal: the core's own JSON — a reader that parses text into a compact read-only
// document seen as an mlp::Value (so network files and JSON configs are read by the same
// field reads as JavaScript objects, specs.h), and a writer that appends tokens to a string.
// Hand-written in place of nlohmann/json: the network file needs numbers, strings, arrays
// and objects and nothing more, and the wasm module is shipped to every visitor (nlohmann's
// parser, lexer and serializer were ~73 KB of its ~320 KB).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "value.h"

namespace mlp {

// A parsed JSON text. Every value is a node; a container's children are contiguous in
// kids_ (an object's as key, value pairs, in document order). Values handed out by root()
// refer to the document and must not outlive it.
class JsonDocument final : public ValueSource {
 public:
  // Parses RFC 8259 JSON (UTF-8; nesting at most kMaxDepth deep). Bad text throws
  // mlp::Error("json", "is not valid JSON (line 1, column 8: expected ',' or '}')"), as does
  // a number past double (1e400).
  explicit JsonDocument(const std::string& text);
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;
  ~JsonDocument() = default;

  static constexpr int kMaxDepth = 256;
  Value root() const { return Value(*this, 1); }

  // ValueSource: a handle is a node's index + 1 (0: an absent member).
  Value::Type type(Handle h) const override;
  bool boolean(Handle h) const override { return node(h).a != 0; }
  double number(Handle h) const override { return node(h).number; }
  std::string text(Handle h) const override;
  std::size_t size(Handle h) const override { return node(h).b; }
  Handle element(Handle h, std::size_t i) const override { return kids_[node(h).a + i] + 1; }
  Handle member(Handle h, const char* key) const override;
  bool unknown_key(Handle h, std::initializer_list<const char*> allowed,
                   std::string* key) const override;

 private:
  friend class JsonParser;
  struct Node {
    Value::Type type;
    uint32_t a = 0, b = 0;  // string: offset, length in strings_; container: first kid, count
    double number = 0;      // boolean: a is 0 or 1
  };
  const Node& node(Handle h) const { return nodes_[h - 1]; }
  bool key_is(uint32_t key_node, const char* key) const;

  std::vector<Node> nodes_;
  std::vector<uint32_t> kids_;
  std::string strings_;
};

// Appends JSON tokens; commas and colons are its business. Floats are written with the
// fewest significant digits (6 to 9) that read back to the same float, so a round trip is
// exact and the text stays short; a non-finite number is written as null.
class JsonWriter {
 public:
  JsonWriter& begin_object() { return raw('{'); }
  JsonWriter& end_object() { out_ += '}'; return *this; }
  JsonWriter& begin_array() { return raw('['); }
  JsonWriter& end_array() { out_ += ']'; return *this; }
  JsonWriter& key(const char* k);
  JsonWriter& string(const std::string& s);
  JsonWriter& integer(long long v);
  JsonWriter& boolean(bool v);
  JsonWriter& real(float v);  // shortest decimal of the float
  JsonWriter& reals(const float* v, std::size_t n);  // an array of them
  const std::string& str() const { return out_; }

 private:
  JsonWriter& raw(char c);
  void separate();  // a comma unless the value opens a container or follows a key
  std::string out_;
};

}  // namespace mlp
