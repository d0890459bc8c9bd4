#include "verbatim/json.hpp"

#include <catch2/catch.hpp>

using namespace verbatim;

TEST_CASE("JSON strings are escaped per RFC 8259, UTF-8 kept", "[json]") {
  auto j = [](std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
  };
  CHECK(j("plain") == "\"plain\"");
  CHECK(j("l’IA « oui »") == "\"l’IA « oui »\"");
  CHECK(j("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(j("\n\r\t") == "\"\\n\\r\\t\"");
  CHECK(j(std::string_view("\x01\x1f\0", 3)) == "\"\\u0001\\u001f\\u0000\"");
  CHECK(j("") == "\"\"");
}
