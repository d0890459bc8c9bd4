#include "verbatim/inventory.hpp"

#include <catch2/catch.hpp>

using namespace verbatim;

namespace {

Document doc_of(const std::string& id, Format f, const std::string& text,
                const CorpusOptions& opts = {}) {
  Diagnostics w;
  return make_document({id + ".txt", id, id + ".txt"}, f, text, opts, w);
}

const TurnFilter kAll = [](const DocumentTurn&) { return true; };

}  // namespace

TEST_CASE("document_stats counts turns, speakers, words and duration", "[inventory]") {
  Document d =
      doc_of("p03", Format::vtt,
             "WEBVTT\n\n00:00:03.000 --> 00:00:07.500\n<v Sarah>Bonjour à vous.</v>\n\n"
             "00:00:08.000 --> 00:42:13.250\n<v Youssef>On parle d’IA, 76 % du temps.</v>\n");
  DocumentStats s = document_stats(d, {Language::fr}, kAll);
  CHECK(s.turns == 2);
  CHECK(s.speakers == std::vector<std::string>{"Sarah", "Youssef"});
  // Bonjour à vous | On parle d’ IA du temps  (76 is a number)
  CHECK(s.words == 9);
  CHECK(s.tokens == 10);
  REQUIRE(s.duration_seconds);
  CHECK(*s.duration_seconds == Approx(2530.25));
  CHECK(format_duration(*s.duration_seconds) == "0:42:10");

  DocumentStats only = document_stats(d, {Language::fr},
                                      [](const DocumentTurn& t) { return t.speaker == "Youssef"; });
  CHECK(only.turns == 1);
  CHECK(only.words == 6);
  // Duration is the recording's, whatever the filter.
  CHECK(*only.duration_seconds == Approx(2530.25));
}

TEST_CASE("format_duration", "[inventory]") {
  CHECK(format_duration(0) == "0:00:00");
  CHECK(format_duration(59.6) == "0:01:00");
  CHECK(format_duration(3723) == "1:02:03");
}

TEST_CASE("CorpusLinter findings", "[inventory]") {
  auto map = SpeakerMap::parse(
      "label,participant,role\nEnquêteur,INT1,interviewer\nP01,P01,participant\n", "s.csv");
  auto attrs = Attributes::parse("id,pays\nP01,Maroc\n", "a.csv");
  LintOptions lo;
  lo.speakers = &map;
  lo.attributes = &attrs;
  lo.names = {"Marie"};
  CorpusOptions co;
  co.speakers = &map;
  CorpusLinter linter(lo);
  Document a = doc_of("a", Format::text,
                      "Enquêteur : Bonjour Marie.\n"
                      "P01 : Oui. [00:01:02]Alors.\n"
                      "enquêteur : Et après ?\n"
                      "P09 : Rien.\n",
                      co);
  linter.add(a, {}, {Language::fr});
  Document b = doc_of("b", Format::text, "", co);
  linter.add(b, {}, {Language::fr});
  std::vector<Diagnostic> f = linter.finish();
  std::vector<std::string> lines;
  for (const auto& d : f)
    lines.push_back(format_diagnostic(d));
  CHECK(lines == std::vector<std::string>{
                     "a.txt:1:21 (byte 21): name 'Marie' from the pseudonymisation list is still "
                     "present",
                     "a.txt:2:13 (byte 40): timestamp '00:01:02' glued to the text",
                     "a.txt:4:1 (byte 81): speaker 'P09' is not in the speaker map",
                     "b.txt: empty transcript: no words",
                     "b.txt: no attributes for document 'b' nor for its participants",
                     "a.txt:3: speaker label 'enquêteur' (1 turns) is also written 'Enquêteur' (1 "
                     "turns)",
                 });
}
