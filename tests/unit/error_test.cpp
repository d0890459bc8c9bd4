#include "verbatim/error.hpp"

#include <catch2/catch.hpp>

using namespace verbatim;

TEST_CASE("Locations print only what is known", "[error]") {
  CHECK(format_location({"p03.txt", 128, 17, 5210}) == "p03.txt:128:17 (byte 5210)");
  CHECK(format_location({"p03.txt", 4, 0, std::nullopt}) == "p03.txt:4");
  CHECK(format_location({"p03.txt", 0, 0, 12}) == "p03.txt (byte 12)");
  CHECK(format_location({"p03.txt", 0, 0, std::nullopt}) == "p03.txt");
  CHECK(format_diagnostic({Severity::error, {"a.txt", 2, 3, 9}, "bad"}) ==
        "a.txt:2:3 (byte 9): bad");
  CHECK(format_diagnostic({Severity::error, {}, "no place"}) == "no place");
}

TEST_CASE("locate counts lines and code points", "[error]") {
  const std::string text = "é1\nàb c\n";
  Location l = locate("f", text, 8);  // "c" on line 2: "à" is 2 bytes
  CHECK(l.line == 2);
  CHECK(l.column == 4);
  CHECK(l.byte == 8);
  CHECK(locate("f", text, 0).column == 1);
  CHECK(locate("f", text, 100).line == 3);  // past the end: clamped
}

TEST_CASE("Error carries its diagnostic", "[error]") {
  Error e(Location{"a.csv", 3, 1, std::nullopt}, "duplicate id 'P01'");
  CHECK(std::string(e.what()) == "a.csv:3:1: duplicate id 'P01'");
  CHECK(e.diagnostic().severity == Severity::error);
  CHECK(Error("plain").diagnostic().where.file.empty());
  Diagnostic d = file_diagnostic(Severity::warning, "x.txt", "empty");
  CHECK(format_diagnostic(d) == "x.txt: empty");
}
