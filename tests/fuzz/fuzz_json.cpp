// libFuzzer target for the core's JSON reader (cpp/src/json.h, compared with nlohmann/json
// on every input) and the two readers built on it, the doors of untrusted text into C++:
// mlp::config_from_json (a network config) and mlp::Network::from_json (an imported
// network file). Built and run by `scripts/cpp.sh sanitize fuzz` under ASan + UBSan, with
// the seed corpus in tests/fuzz/corpus and the JSON dictionary tests/fuzz/json.dict.
//
// The invariant, for any bytes: a valid result or an mlp::Error (naming a field). Any other
// exception escapes and libFuzzer reports it as a crash; so do sanitizer reports, stack
// overflows and the round-trip checks below (a result must write and read back to itself).
#include <cstddef>
#include <cstdint>
#include <string>

#include "json.h"
#include "json_oracle.h"
#include "mlp/error.h"
#include "mlp/network.h"

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// The same texts accepted as by nlohmann (but nesting past the reader's limit, which
// nlohmann has not), the same values read. nlohmann's lexer takes a NUL byte outside a
// string for the end of its input (for C strings), so it accepts `""` followed by a NUL and
// anything; a raw NUL is not JSON anywhere (RFC 8259), and our reader refuses it: a text
// with one counts as refused.
void json_reader(const std::string& text) {
  const bool theirs = text.find('\0') == std::string::npos && nlohmann::json::accept(text);
  try {
    const mlp::JsonDocument doc(text);
    check(theirs && same_value(doc.root(), nlohmann::json::parse(text)));
  } catch (const mlp::Error& e) {
    check(e.field() == "json");
    check(!theirs || std::string(e.what()).find("nested deeper than") != std::string::npos);
  }
}

void config_reader(const std::string& text) {
  mlp::NetworkConfig config;
  try {
    config = mlp::config_from_json(text);
  } catch (const mlp::Error& e) {
    check(!e.field().empty());
    return;
  }
  const std::string once = mlp::config_to_json(config);
  check(mlp::config_to_json(mlp::config_from_json(once)) == once);
}

void network_reader(const std::string& text) {
  std::string once;
  try {
    once = mlp::Network::from_json(text).to_json();
  } catch (const mlp::Error& e) {
    check(!e.field().empty());
    return;
  }
  check(mlp::Network::from_json(once).to_json() == once);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  json_reader(text);
  config_reader(text);
  network_reader(text);
  return 0;
}
