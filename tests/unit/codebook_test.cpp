#include "verbatim/codebook.hpp"

#include <catch2/catch.hpp>

#include "verbatim/error.hpp"

using namespace verbatim;

namespace {

std::string error_of(const std::string& yaml) {
  try {
    parse_codebook(yaml, "cb.yml");
  } catch (const Error& e) {
    return format_diagnostic(e.diagnostic());
  }
  return "";
}

}  // namespace

TEST_CASE("A codebook nests codes and keeps their rules and positions", "[codebook]") {
  const Codebook cb = parse_codebook(R"(codebook: Étude
unit: turn
codes:
  - name: Usages
    color: "#ff7f0e"
    children:
      - name: Chatbots
        match: ["chatbot*", "assistant virtuel", {stem: recommander}]
      - name: Prix
        uncertain: true
        match: [{near: ["prix", {any: ["ajust*", "varie"]}], window: 3}]
  - name: Freins
    description: Obstacles.
    match: [{regex: "\\bRGPD\\b"}, {all: ["données", {not: "propres"}]}]
)",
                                     "cb.yml");
  CHECK(cb.name == "Étude");
  CHECK(cb.unit == UnitKind::turn);
  REQUIRE(cb.codes.size() == 4);
  CHECK(cb.codes[0].path == "Usages");
  CHECK(cb.codes[0].color == "#ff7f0e");
  CHECK(cb.codes[0].children == std::vector<std::size_t>{1, 2});
  CHECK(cb.codes[1].path == "Usages/Chatbots");
  CHECK(cb.codes[1].depth == 1);
  REQUIRE(cb.codes[1].rules.size() == 3);
  CHECK(cb.codes[1].rules[1].text == "assistant virtuel");
  CHECK(cb.codes[1].rules[2].kind == Rule::Kind::stem);
  CHECK(cb.codes[1].rules[0].pos.line == 8);
  CHECK(cb.codes[1].rules[0].pos.column == 17);
  CHECK(cb.codes[2].uncertain);
  CHECK(cb.codes[2].rules[0].kind == Rule::Kind::near);
  CHECK(cb.codes[2].rules[0].window == 3);
  CHECK(cb.codes[2].rules[0].operands[1].kind == Rule::Kind::any);
  CHECK(cb.codes[3].description == "Obstacles.");
  CHECK(cb.codes[3].rules[1].operands[1].kind == Rule::Kind::none);
  CHECK(cb.find("Prix") == 2u);
  CHECK(cb.find("Usages/Prix") == 2u);
  CHECK(cb.subtree(0) == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("JSON codebooks read like YAML ones", "[codebook]") {
  const Codebook cb = parse_codebook(
      R"({"codebook": "x", "codes": [{"name": "A", "match": ["a*", {"stem": "client"}]}]})",
      "cb.json");
  REQUIRE(cb.codes.size() == 1);
  CHECK(cb.codes[0].rules.size() == 2);
}

TEST_CASE("Malformed codebooks are errors with file, line and column", "[codebook]") {
  CHECK(error_of("codes:\n  - name: A\n    match: [\"x\"\n") ==
        "cb.yml:4:1: end of sequence flow not found");
  CHECK(error_of("codes:\n  - name: A\n    matches: [x]\n") ==
        "cb.yml:3:5: unknown key 'matches' in a code (known: name, description, color, "
        "colour, uncertain, match, children, codes, guid)");
  CHECK(
      error_of("codes:\n  - name: A\n    match: [{stems: x}]\n") ==
      "cb.yml:3:14: unknown key 'stems' in a rule (known: stem, lemma, regex, all, any, not, near, "
      "window)");
  CHECK(error_of("codes:\n  - name: A\n    match: [{regex: \"(a\"}]\n") ==
        "cb.yml:3:21: RE2 refuses the regex '(a': missing ): (a");
  CHECK(error_of("codes:\n  - name: A\n    match: [{regex: \"(a)\\\\1\"}]\n").find("RE2 refuses") !=
        std::string::npos);
  CHECK(error_of("codes:\n  - name: A\n    match: [{near: [x]}]\n") ==
        "cb.yml:3:20: near needs at least two rules");
  CHECK(error_of("codes:\n  - name: A\n    match: [{near: [x, {regex: y}]}]\n") ==
        "cb.yml:3:24: near combines words, globs, phrases and stems (no regex or not)");
  CHECK(error_of("codes:\n  - name: A\n    match: [{near: [x, y], window: -2}]\n") ==
        "cb.yml:3:36: window must be a number of words (0-10000), not '-2'");
  CHECK(error_of("codes:\n  - name: A\n    color: red\n") ==
        "cb.yml:3:12: color must be #rrggbb, not 'red'");
  CHECK(error_of("codes:\n  - name: A/B\n") ==
        "cb.yml:2:11: '/' separates code paths; rename 'A/B'");
  CHECK(error_of("codes:\n  - name: A\n  - name: A\n") ==
        "cb.yml:3:11: a second code 'A' under the same parent (first at line 2)");
  CHECK(error_of("unit: word\ncodes: []\n") ==
        "cb.yml:1:7: unit must be sentence, turn, paragraph or document, not 'word'");
  CHECK(error_of("- a\n") == "cb.yml:1:1: a codebook is a map with a 'codes' list");
  CHECK(error_of("codebook: x\n") == "cb.yml:1:1: the codebook has no 'codes' list");
  CHECK(error_of("codes:\n  - match: [x]\n") == "cb.yml:2:5: a code needs a name");
}

TEST_CASE("Stable GUIDs depend on kind and key only", "[codebook]") {
  const std::string g = stable_guid("code", "Usages/Chatbots");
  CHECK(g == stable_guid("code", "Usages/Chatbots"));
  CHECK(g != stable_guid("code", "Usages/Chatbot"));
  CHECK(g != stable_guid("source", "Usages/Chatbots"));
  REQUIRE(g.size() == 36);
  CHECK(g[8] == '-');
  CHECK(g[14] == '8');  // version 8
  CHECK((g[19] == '8' || g[19] == '9' || g[19] == 'a' || g[19] == 'b'));
}

TEST_CASE("The YAML form reads back to the same codebook", "[codebook]") {
  const Codebook cb = parse_codebook(R"(codebook: Étude
codes:
  - name: "Usages: tous"
    color: "#abc"
    children:
      - name: Chatbots
        match: ["chatbot*", {near: [a, b], window: 2}, {not: [c]}]
)",
                                     "cb.yml");
  const Codebook back = parse_codebook(codebook_to_yaml(cb), "back.yml");
  REQUIRE(back.codes.size() == 2);
  CHECK(back.codes[0].name == "Usages: tous");
  CHECK(back.codes[0].color == "#abc");
  CHECK(back.codes[1].rules.size() == 3);
  CHECK(back.codes[1].rules[1].window == 2);
  CHECK(codebook_to_yaml(back) == codebook_to_yaml(cb));
}
