// The core's JSON reader and writer (cpp/src/json.h) against nlohmann/json as the oracle:
// the same texts accepted and refused, the same values read, the writer's text read back
// by nlohmann to what was written, and the reader's errors naming "json" with a line and
// column. tests/fuzz/fuzz_json.cpp runs the same comparison on arbitrary bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "json.h"
#include "json_oracle.h"
#include "mlp/error.h"

using namespace mlp;
using nlohmann::json;

namespace {

std::string error_of(const std::string& text) {
  try {
    JsonDocument doc(text);
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "json");
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST(JsonReader, ReadsWhatNlohmannReads) {
  const char* texts[] = {
      "0", "-0", "1", "-12.5e-3", "1E+2", "3.4028234663852886e38", "1e-400", "9007199254740993",
      "true", "false", "null", R"("")", R"("a\"b\\c\/d\b\f\n\r\t")", R"("\u00e9\u4e2d\ud83d\ude00")",
      "\"\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\"", "[]", "{}", " [ 1 , [ 2 , { } ] , \"x\" ] ",
      R"({"a":1,"b":[true,null],"c":{"d":"e"}})", R"({"a":1,"a":2})", "\t\r\n{\n\"k\" : 0 }\n",
      R"({"format":"mlp-playground/network","version":4,"parameters":{"weights":[[0.5,-1e-05]]}})",
  };
  for (const char* text : texts) {
    SCOPED_TRACE(text);
    const JsonDocument doc(text);
    EXPECT_TRUE(same_value(doc.root(), json::parse(text)));
  }
}

TEST(JsonReader, RefusesWhatNlohmannRefuses) {
  const std::string texts[] = {
      "", " ", "{", "[", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "[1 2]", "01", "-", "1.", ".5",
      "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "tru", "nul", "[1]]", "{} {}", "\"abc",
      "\"a\nb\"", R"("\x")", R"("\u12")", R"("\ud800")", R"("\udc00")", R"("\ud800\u0041")",
      "\"\xc3\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xff\"",
      "[1e400]", "-1e400", "// c\n1", "[1,/*x*/2]", std::string("[1,\0 2]", 7),
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(json::accept(text));
    EXPECT_NE(error_of(text).find("json: is not valid JSON (line "), std::string::npos);
  }
}

TEST(JsonReader, ErrorsSayWhereAndWhat) {
  EXPECT_EQ(error_of("{"), "json: is not valid JSON (line 1, column 2: unexpected end of input; expected a string key)");
  EXPECT_EQ(error_of("{\n  \"a\": 1\n  \"b\": 2}"), "json: is not valid JSON (line 3, column 3: expected ',' or '}')");
  EXPECT_EQ(error_of("[1,]"), "json: is not valid JSON (line 1, column 4: expected a value)");
  EXPECT_EQ(error_of("[1e400]"), "json: is not valid JSON (line 1, column 2: number out of range: 1e400)");
  EXPECT_EQ(error_of("[1] x"), "json: is not valid JSON (line 1, column 5: unexpected text after the value)");
  EXPECT_EQ(error_of("\"\xff\""), "json: is not valid JSON (line 1, column 2: invalid UTF-8 in a string)");
  const std::string deep(JsonDocument::kMaxDepth + 1, '[');
  EXPECT_NE(error_of(deep).find("nested deeper than 256 levels"), std::string::npos);
  const std::string ok = std::string(JsonDocument::kMaxDepth, '[') + std::string(JsonDocument::kMaxDepth, ']');
  EXPECT_EQ(error_of(ok), "(accepted)");
}

TEST(JsonReader, MembersAndUnknownKeysInDocumentOrder) {
  const JsonDocument doc(R"({"b":1,"zz":2,"a":3,"b":4})");
  const Value v = doc.root();
  EXPECT_EQ(v.member("b").number(), 4);  // the last of duplicates, as JSON.parse
  EXPECT_FALSE(v.member("c").present());
  std::string key;
  EXPECT_TRUE(v.unknown_key({"a", "b"}, &key));
  EXPECT_EQ(key, "zz");
  EXPECT_FALSE(v.unknown_key({"a", "b", "zz"}, &key));
}

TEST(JsonWriter, WritesTextNlohmannReadsBack) {
  JsonWriter w;
  w.begin_object().key("s").string("q\"\\\n\x01\xc3\xa9").key("i").integer(-42);
  w.key("t").boolean(true).key("e").begin_array().end_array().key("o").begin_object().end_object();
  const float floats[] = {0.1f, -0.0f, 1e-5f, 3.4028235e38f, 1.17549435e-38f, 1.4e-45f, 16777216.0f, 0.3333333f};
  w.key("f").reals(floats, 8);
  w.key("n").real(std::numeric_limits<float>::quiet_NaN());
  w.end_object();
  const json j = json::parse(w.str());
  EXPECT_EQ(j["s"], "q\"\\\n\x01\xc3\xa9");
  EXPECT_EQ(j["i"], -42);
  EXPECT_EQ(j["t"], true);
  EXPECT_EQ(j["e"], json::array());
  EXPECT_EQ(j["o"], json::object());
  // nlohmann reads "-0" as the integer 0; the core's reader (and JSON.parse) keep its sign.
  const JsonDocument doc(w.str());
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(static_cast<float>(j["f"][i].get<double>()), floats[i]) << i;
    const float back = static_cast<float>(doc.root().member("f").element(i).number());
    EXPECT_EQ(back, floats[i]) << i;
    EXPECT_EQ(std::signbit(back), std::signbit(floats[i])) << i;
  }
  EXPECT_TRUE(j["n"].is_null());
  EXPECT_NE(w.str().find("\"f\":[0.1,-0,1e-05,"), std::string::npos) << w.str();
}
