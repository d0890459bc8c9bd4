#include "verbatim/concordance.hpp"

#include <catch2/catch.hpp>

#include "random_text.hpp"

using namespace verbatim;

namespace {

Document doc_of(const std::string& text, Format f = Format::text) {
  Diagnostics w;
  CorpusOptions o;
  o.language = Language::fr;
  return make_document({"p.txt", "p", "p.txt"}, f, text, o, w);
}

const TurnFilter kAll = [](const DocumentTurn&) { return true; };

}  // namespace

TEST_CASE("content_text joins content ranges and collapses white space", "[concordance]") {
  const std::string s = "<v A>un  deux</v>\n00:01 --> 00:02\n<v A>trois\nquatre\u00a0!</v>";
  const auto at = [&s](const char* what) { return static_cast<std::uint32_t>(s.find(what)); };
  const std::vector<Span> content = {{at("un"), at("</v>")}, {at("trois"), at("!") + 1}};
  CHECK(content_text(s, content, 0, static_cast<std::uint32_t>(s.size())) ==
        "un deux trois quatre !");
  CHECK(content_text(s, content, at("deux"), at("trois") + 5) == "deux trois");
  CHECK(content_text(s, content, 20, 30).empty());
}

TEST_CASE("Word, sentence and turn contexts never leave the turn", "[concordance]") {
  const Document d = doc_of(
      "Enquêteur : Et la fidélité ?\nP01 : Un deux trois. La fidélité des clients compte, "
      "vraiment beaucoup.\nEnquêteur : Merci.\n");
  const Matcher m({"fidélité"}, false);
  ConcordanceOptions o;
  o.words = 2;
  auto lines = concordance(d, m, o, kAll);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].turn->speaker == "Enquêteur");
  CHECK(lines[0].left == "Et la");
  CHECK(lines[0].right == "?");
  CHECK(lines[1].line == 2);
  CHECK(d.text.substr(lines[1].start, lines[1].end - lines[1].start) == "fidélité");
  CHECK(lines[1].left == "trois. La");
  CHECK(lines[1].match == "fidélité");
  CHECK(lines[1].right == "des clients");
  o.mode = ContextMode::sentence;
  lines = concordance(d, m, o, kAll);
  CHECK(lines[1].left == "La");
  CHECK(lines[1].right == "des clients compte, vraiment beaucoup.");
  o.mode = ContextMode::turn;
  lines = concordance(d, m, o, [](const DocumentTurn& t) { return t.speaker == "P01"; });
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].left == "Un deux trois. La");
  CHECK(lines[0].right == "des clients compte, vraiment beaucoup.");
}

TEST_CASE("VTT matches carry the turn and its time, contexts skip cue timings", "[concordance]") {
  const Document d = doc_of(
      "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\n<v Ana>Parlons d’engagement</v>\n\n"
      "00:00:06.500 --> 00:00:08.000\n<v Ana>client, merci.</v>\n",
      Format::vtt);
  ConcordanceOptions o;
  const auto lines = concordance(d, Matcher({"engagement client"}, false), o, kAll);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].turn->speaker == "Ana");
  CHECK(*lines[0].turn->start_seconds == 5.0);
  CHECK(lines[0].line == 4);
  CHECK(lines[0].left == "Parlons d’");
  CHECK(lines[0].match == "engagement client");
  CHECK(lines[0].right == ", merci.");
  CHECK(*lines[0].time == 5.0);
}

TEST_CASE("Lines screened by the queries' needles give the lines of the whole turn",
          "[concordance]") {
  // Random multi-line turns over a vocabulary where query words come in several spellings
  // (case, elision, ligature, ß); phrases may cross a line break. The same queries with one
  // more that starts with a wildcard (and matches nothing here) cannot screen lines, so the
  // whole turns are tokenized: the lines must be the same.
  const std::vector<std::string> vocabulary = {
      "la",           "Fidélité",     "fidèle", "CLIENT",   "clients",  "l'engagement",
      "L’Engagement", "ﬁdélité",      "Straße", "et",       "en",       "encore",
      "intelligence", "artificielle", "Intel",  "personne", "1 000",    "[rires]",
      "(inaudible)",  "client.",      "M.",     "à",        "éléphant", "—",
      "dit-il",       "\n",           "\n",     "\n\n",     "P01 :",    "Enquêteur :"};
  const std::vector<std::string> queries = {
      "fidélité", "client", "personnalis*", "engagement", "\"intelligence artificielle\"", "ss"};
  std::vector<std::string> open_queries = queries;
  open_queries.push_back("*zzz");
  const Matcher screened(queries, false), whole(open_queries, false);
  REQUIRE(screened.screens());
  REQUIRE_FALSE(whole.screens());
  std::vector<std::string> pieces;
  for (const auto& w : vocabulary) {
    pieces.push_back(w + " ");
    pieces.push_back(w + " ");
    pieces.push_back(w + ", ");
  }
  std::mt19937 rng(12345);
  std::size_t lines_seen = 0;
  for (int round = 0; round < 300; ++round) {
    const std::string text = random_text(rng, pieces, 0, 119);
    const Document d = doc_of(text);
    for (std::size_t words : {0, 1, 3, 7}) {
      for (ContextMode mode : {ContextMode::words, ContextMode::turn}) {
        ConcordanceOptions o;
        o.words = words;
        o.mode = mode;
        const auto a = concordance(d, screened, o, kAll);
        const auto b = concordance(d, whole, o, kAll);
        INFO("text: " << text << " words " << words);
        REQUIRE(a.size() == b.size());
        for (std::size_t k = 0; k < a.size(); ++k) {
          CHECK(a[k].turn == b[k].turn);
          CHECK(a[k].line == b[k].line);
          CHECK(a[k].start == b[k].start);
          CHECK(a[k].end == b[k].end);
          CHECK(a[k].query == b[k].query);
          CHECK(a[k].left == b[k].left);
          CHECK(a[k].match == b[k].match);
          CHECK(a[k].right == b[k].right);
        }
        lines_seen += a.size();
      }
    }
  }
  CHECK(lines_seen > 1000);
}
