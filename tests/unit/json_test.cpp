#include "verbatim/json.hpp"

#include <catch2/catch.hpp>

#include "verbatim/error.hpp"

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

TEST_CASE("JSON values parse with their types, in document order", "[json]") {
  const JsonValue v = parse_json(
      R"( {"a": [1, -2.5e3, true, false, null], "s": "l\u2019IA \"q\" \ud83d\ude00", "o": {}} )",
      "x.json");
  REQUIRE(v.type == JsonValue::Type::object);
  REQUIRE(v.keys.size() == 3);
  REQUIRE(v.values.size() == 3);
  CHECK(v.keys[0] == "a");
  const JsonValue* a = v.get("a");
  REQUIRE(a);
  REQUIRE(a->items.size() == 5);
  CHECK(a->items[0].cell() == "1");
  CHECK(a->items[1].cell() == "-2.5e3");
  CHECK(a->items[2].cell() == "true");
  CHECK(a->items[4].cell().empty());
  CHECK(v.get("s")->text == "l’IA \"q\" 😀");
  CHECK(v.get("o")->cell() == "{}");
  CHECK(a->cell() == "[1,-2.5e3,true,false,null]");
  CHECK(v.get("missing") == nullptr);
}

TEST_CASE("Bad JSON is an error with line and column", "[json]") {
  auto err = [](std::string_view s) -> std::string {
    try {
      parse_json(s, "x.json");
    } catch (const Error& e) {
      return format_diagnostic(e.diagnostic());
    }
    return "";
  };
  CHECK(err("{\"a\": }") == "x.json:1:7 (byte 6): invalid JSON: expected a value");
  CHECK(err("[1,\n 2") == "x.json:2:3 (byte 6): invalid JSON: expected ','");
  CHECK(err("\"abc") == "x.json:1:5 (byte 4): invalid JSON: unterminated string");
  CHECK(err("{} x") == "x.json:1:4 (byte 3): invalid JSON: text after the value");
  CHECK(err("\"\\x\"") == "x.json:1:3 (byte 2): invalid JSON: unknown escape '\\x'");
  CHECK(err(std::string(300, '[')).find("nesting deeper than 256 levels") != std::string::npos);
  CHECK(err("01").find("text after the value") != std::string::npos);
}

TEST_CASE("JSON Lines parse value by value", "[json]") {
  const std::string text = "{\"a\":1}\n{\"a\":2}\n";
  std::size_t pos = 0;
  CHECK(parse_json_at(text, pos, "x").get("a")->cell() == "1");
  pos = text.find('{', pos);
  CHECK(parse_json_at(text, pos, "x").get("a")->cell() == "2");
}
