#include "verbatim/csv.hpp"

#include <catch2/catch.hpp>

#include "verbatim/error.hpp"

using namespace verbatim;

namespace {

std::string error_of(std::string_view text) {
  try {
    parse_csv(text, "a.csv");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("RFC 4180 fields", "[csv]") {
  CsvTable t = parse_csv(
      "\xEF\xBB\xBFid,name,note\r\nP01,\"Dubois, Marie\",\"dit "
      "\"\"oui\"\"\"\r\n\r\nP02,Jean,\"deux\nlignes\"\nP03,,\n",
      "a.csv");
  CHECK(t.header == std::vector<std::string>{"id", "name", "note"});
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0] == std::vector<std::string>{"P01", "Dubois, Marie", "dit \"oui\""});
  CHECK(t.rows[1] == std::vector<std::string>{"P02", "Jean", "deux\nlignes"});
  CHECK(t.rows[2] == std::vector<std::string>{"P03", "", ""});
  CHECK(t.row_lines == std::vector<std::size_t>{2, 4, 6});
}

TEST_CASE("Semicolon-separated files", "[csv]") {
  CsvTable t = parse_csv("a;b\n1,5;\"x;y\"\n", "a.csv", ';');
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0] == std::vector<std::string>{"1,5", "x;y"});
}

TEST_CASE("Malformed CSV names the line", "[csv]") {
  CHECK(error_of("a,b\n1,\"open\n2,3\n") == "a.csv:2 (byte 6): unterminated quoted field");
  CHECK(error_of("a,b\n1,2,3\n") == "a.csv:2: row has 3 fields, the header has 2");
  CHECK(error_of("a,b\n\"x\"y,2\n") ==
        "a.csv:2 (byte 7): unexpected character after a closing quote");
  CHECK(error_of("a,b\nx\"y,2\n") == "a.csv:2 (byte 5): quote inside an unquoted field");
  CHECK(parse_csv("", "a.csv").header.empty());
}

TEST_CASE("append_csv_field quotes only when needed", "[csv]") {
  std::string out;
  append_csv_field(out, "plain");
  out += '|';
  append_csv_field(out, "a,b");
  out += '|';
  append_csv_field(out, "say \"hi\"");
  out += '|';
  append_csv_field(out, "two\nlines");
  out += '|';
  append_csv_field(out, "a;b", ';');
  out += '|';
  append_csv_field(out, "a;b");
  CHECK(out == "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"a;b\"|a;b");
}

TEST_CASE("append_csv_field quotes fields that need it and doubles their quotes", "[csv]") {
  auto field = [](std::string_view f, char sep = ',') {
    std::string out = "x";
    append_csv_field(out, f, sep);
    return out;
  };
  CHECK(field("client (3)") == "xclient (3)");
  CHECK(field("client (3), clients (2)") == "x\"client (3), clients (2)\"");
  CHECK(field("dit \"oui\"") == "x\"dit \"\"oui\"\"\"");
  CHECK(field("\"") == "x\"\"\"\"");
  CHECK(field("a;b", ';') == "x\"a;b\"");
  CHECK(field("a;b") == "xa;b");
  CHECK(field("deux\nlignes") == "x\"deux\nlignes\"");
  CHECK(field("") == "x");
}
