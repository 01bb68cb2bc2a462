// The JSON reader and writer of json.h: a recursive-descent parser (RFC 8259, strict:
// no comments, no trailing commas, UTF-8 checked) into JsonDocument's nodes, and a token
// writer. tests/cpp/test_json.cpp checks the parser against nlohmann/json on accepted and
// refused texts; tests/fuzz/fuzz_json.cpp does the same on arbitrary bytes.
#include "json.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "mlp/error.h"
#include "mlp/format.h"

namespace mlp {

class JsonParser {
 public:
  JsonParser(const std::string& text, JsonDocument& doc)
      : begin_(text.data()), p_(begin_), end_(begin_ + text.size()), doc_(doc) {}

  void document() {
    space();
    value(0);
    space();
    if (p_ != end_) fail("unexpected text after the value");
  }

 private:
  using Node = JsonDocument::Node;

  [[noreturn]] void fail(const std::string& what) const {
    int line = 1, column = 1;
    for (const char* q = begin_; q < p_; ++q) {
      if (*q == '\n') line += 1, column = 1;
      else column += 1;
    }
    throw Error("json", "is not valid JSON (line " + std::to_string(line) + ", column " +
                            std::to_string(column) + ": " + what + ")");
  }
  [[noreturn]] void expected(const char* what) const {
    fail(p_ == end_ ? std::string("unexpected end of input; expected ") + what
                    : std::string("expected ") + what);
  }

  void space() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool eat(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  void word(const char* w) {  // the rest of true, false, null
    for (const char* q = w; *q; ++q)
      if (!eat(*q)) expected("a value");
  }

  uint32_t add(Value::Type type, uint32_t a = 0, uint32_t b = 0, double number = 0) {
    doc_.nodes_.push_back(Node{type, a, b, number});
    return static_cast<uint32_t>(doc_.nodes_.size() - 1);
  }

  uint32_t value(int depth) {
    if (p_ == end_) expected("a value");
    switch (*p_) {
      case '{': return container(depth, true);
      case '[': return container(depth, false);
      case '"': return string();
      case 't': word("true"); return add(Value::Type::Boolean, 1);
      case 'f': word("false"); return add(Value::Type::Boolean, 0);
      case 'n': word("null"); return add(Value::Type::Null);
      default: return number();
    }
  }

  // An object's kids are key, value pairs. Kids are gathered here and appended at the end,
  // so that each container's are contiguous whatever its children hold.
  uint32_t container(int depth, bool object) {
    if (depth >= JsonDocument::kMaxDepth)
      fail("nested deeper than " + std::to_string(JsonDocument::kMaxDepth) + " levels");
    ++p_;
    const uint32_t self = add(object ? Value::Type::Object : Value::Type::Array);
    std::vector<uint32_t> kids;
    space();
    const char close = object ? '}' : ']';
    if (!eat(close)) {
      do {
        space();
        if (object) {
          if (p_ == end_ || *p_ != '"') expected("a string key");
          kids.push_back(string());
          space();
          if (!eat(':')) expected("':'");
          space();
        }
        kids.push_back(value(depth + 1));
        space();
      } while (eat(','));
      if (!eat(close)) expected(object ? "',' or '}'" : "',' or ']'");
    }
    Node& n = doc_.nodes_[self];
    n.a = static_cast<uint32_t>(doc_.kids_.size());
    n.b = static_cast<uint32_t>(object ? kids.size() / 2 : kids.size());
    doc_.kids_.insert(doc_.kids_.end(), kids.begin(), kids.end());
    return self;
  }

  uint32_t number() {
    const char* start = p_;
    const auto digits = [&] {
      const char* d = p_;
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      return p_ != d;
    };
    eat('-');
    if (p_ != end_ && *p_ == '0') ++p_;
    else if (!digits()) { p_ = start; expected("a value"); }
    if (eat('.') && !digits()) expected("a digit after '.'");
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (!eat('+')) eat('-');
      if (!digits()) expected("a digit in the exponent");
    }
    // Copied: strtod on the text itself would read on past the token ("0x1" as hex).
    const std::string token(start, p_);
    const double d = std::strtod(token.c_str(), nullptr);
    if (!std::isfinite(d)) {
      p_ = start;
      fail("number out of range: " + token.substr(0, 40));
    }
    return add(Value::Type::Number, 0, 0, d);
  }

  unsigned hex4() {
    unsigned u = 0;
    for (int i = 0; i < 4; ++i, ++p_) {
      const char c = p_ == end_ ? '\0' : *p_;
      const int v = c >= '0' && c <= '9' ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (v < 0) expected("four hex digits after \\u");
      u = u * 16 + static_cast<unsigned>(v);
    }
    return u;
  }

  static void utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // One UTF-8 sequence starting at p_ (a byte >= 0x80), copied to out; no overlong forms,
  // no surrogates, nothing past U+10FFFF.
  void sequence(std::string& out) {
    const auto b = [&](std::ptrdiff_t i) {
      return p_ + i < end_ ? static_cast<unsigned char>(p_[i]) : 0u;
    };
    const unsigned c = b(0);
    const int n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    const unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    const unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    bool ok = n > 0 && b(1) >= lo && b(1) <= hi;
    for (int i = 2; ok && i < n; ++i) ok = b(i) >= 0x80 && b(i) <= 0xBF;
    if (!ok) fail("invalid UTF-8 in a string");
    out.append(p_, static_cast<std::size_t>(n));
    p_ += n;
  }

  uint32_t string() {
    ++p_;  // the opening quote
    std::string s;
    for (;;) {
      if (p_ == end_) fail("unexpected end of input in a string");
      const unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c < 0x20) fail("a control character in a string (escape it)");
      if (c >= 0x80) {
        sequence(s);
        continue;
      }
      ++p_;
      if (c != '\\') {
        s += static_cast<char>(c);
        continue;
      }
      const char e = p_ == end_ ? '\0' : *p_++;
      switch (e) {
        case '"': s += '"'; break;
        case '\\': s += '\\'; break;
        case '/': s += '/'; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'n': s += '\n'; break;
        case 'r': s += '\r'; break;
        case 't': s += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xDC00 && cp <= 0xDFFF) fail("a lone low surrogate \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!eat('\\') || !eat('u')) fail("a high surrogate without its low one");
            const unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("a high surrogate without its low one");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          utf8(s, cp);
          break;
        }
        default: --p_; expected("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
      }
    }
    ++p_;  // the closing quote
    const uint32_t at = static_cast<uint32_t>(doc_.strings_.size());
    doc_.strings_ += s;
    return add(Value::Type::String, at, static_cast<uint32_t>(s.size()));
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  JsonDocument& doc_;
};

JsonDocument::JsonDocument(const std::string& text) { JsonParser(text, *this).document(); }

Value::Type JsonDocument::type(Handle h) const { return h ? node(h).type : Value::Type::Absent; }

std::string JsonDocument::text(Handle h) const { return strings_.substr(node(h).a, node(h).b); }

bool JsonDocument::key_is(uint32_t key_node, const char* key) const {
  const Node& k = nodes_[key_node];
  return std::strlen(key) == k.b && strings_.compare(k.a, k.b, key) == 0;
}

// The last of duplicate keys wins, as in JSON.parse.
JsonDocument::Handle JsonDocument::member(Handle h, const char* key) const {
  const Node& n = node(h);
  for (uint32_t i = n.b; i-- > 0;)
    if (key_is(kids_[n.a + 2 * i], key)) return kids_[n.a + 2 * i + 1] + 1;
  return 0;
}

bool JsonDocument::unknown_key(Handle h, std::initializer_list<const char*> allowed,
                               std::string* key) const {
  const Node& n = node(h);
  for (uint32_t i = 0; i < n.b; ++i) {
    const uint32_t k = kids_[n.a + 2 * i];
    bool ok = false;
    for (const char* a : allowed) ok = ok || key_is(k, a);
    if (!ok) {
      *key = strings_.substr(nodes_[k].a, nodes_[k].b);
      return true;
    }
  }
  return false;
}

// ---- the writer ----------------------------------------------------------------------------

void JsonWriter::separate() {
  if (!out_.empty() && out_.back() != '{' && out_.back() != '[' && out_.back() != ':') out_ += ',';
}

JsonWriter& JsonWriter::raw(char c) {
  separate();
  out_ += c;
  return *this;
}

JsonWriter& JsonWriter::key(const char* k) {
  string(k);
  out_ += ':';
  return *this;
}

JsonWriter& JsonWriter::string(const std::string& s) {
  separate();
  out_ += '"';
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out_ += '\\';
      out_ += ch;
    } else if (c < 0x20) {
      out_ += "\\u00";
      out_ += "0123456789abcdef"[c >> 4];
      out_ += "0123456789abcdef"[c & 15];
    } else {
      out_ += ch;
    }
  }
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::integer(long long v) {
  separate();
  out_ += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool v) {
  separate();
  out_ += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::real(float f) {
  separate();
  if (!std::isfinite(f)) {
    out_ += "null";
    return *this;
  }
  // The shortest of %.6g … %.9g that reads back as f (9 digits always do).
  int digits = 6;
  while (digits < 9 && !g_reads_back(f, digits, true)) ++digits;
  out_ += format_g(f, digits);
  return *this;
}

JsonWriter& JsonWriter::reals(const float* v, std::size_t n) {
  begin_array();
  for (std::size_t i = 0; i < n; ++i) real(v[i]);
  return end_array();
}

}  // namespace mlp
