// The readers on real files from other projects (shared/data/formats) and on real interview
// transcripts (shared/data/transcripts), through the same path as the tools: load_document.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "gold.hpp"
#include "verbatim/corpus.hpp"

using namespace verbatim;

namespace {

Document load(const std::string& rel, Diagnostics& w) {
  const std::string path = gold::data_path(rel);
  auto doc = load_document({path, "x", rel}, {}, w);
  REQUIRE(doc);
  return std::move(*doc);
}

std::vector<std::string> speakers(const Document& d) {
  std::vector<std::string> out;
  for (const auto& t : d.turns)
    out.push_back(t.speaker);
  return out;
}

std::string said(const Document& d, std::size_t turn) {
  std::string out;
  for (const Span& s : d.turns[turn].content) {
    if (!out.empty()) out.push_back('|');
    out.append(d.text, s.begin, s.size());
  }
  return out;
}

}  // namespace

TEST_CASE("Teams VTT with short timestamps and overlapping cues", "[formats]") {
  Diagnostics w;
  Document d = load("formats/webvtt/teams-short-timestamps.vtt", w);
  CHECK(w.empty());
  CHECK(speakers(d) == std::vector<std::string>{"Yuri Bakulin", "Adrian Petrescu"});
  CHECK(said(d, 0) == "There you go.");
  CHECK(*d.turns[0].start_seconds == 0.0);
  CHECK(*d.turns[0].end_seconds == Approx(0.57));
  CHECK(*d.turns[1].start_seconds == Approx(0.21));
  CHECK(said(d, 1) == "Why hello there, Yuri.");
}

TEST_CASE("Teams-style export with uuid cue ids and multi-line voices", "[formats]") {
  Diagnostics w;
  Document d = load("formats/webvtt/teams-style-example.vtt", w);
  CHECK(w.empty());
  REQUIRE(d.turns.size() == 12);
  for (std::size_t i = 0; i < d.turns.size(); ++i) {
    CHECK(d.turns[i].speaker == (i % 2 == 0 ? "John Smith" : "Jane Doe"));
  }
  CHECK(said(d, 0).starts_with("Hello"));
  CHECK(said(d, 11).starts_with("Thank"));
  CHECK(d.language == Language::en);
}

TEST_CASE("W3C examples: voices, classes, NOTE blocks, cue identifiers", "[formats]") {
  Diagnostics w;
  Document voices = load("formats/webvtt/w3c-interview-voices.vtt", w);
  CHECK(speakers(voices) == std::vector<std::string>{"Roger Bingham", "Neil deGrasse Tyson",
                                                     "Roger Bingham", "Neil deGrasse Tyson",
                                                     "Roger Bingham"});
  CHECK(said(voices, 3) == "Laughs");
  Document classes = load("formats/webvtt/w3c-voice-classes.vtt", w);
  CHECK(speakers(classes) == std::vector<std::string>{"Esme", "Mary", "Esme", "Mary"});
  Document regions = load("formats/webvtt/w3c-regions-two-speakers.vtt", w);
  CHECK(speakers(regions) == std::vector<std::string>{"Fred", "Bill", "Fred", "Bill", "Fred"});
  Document notes = load("formats/webvtt/w3c-note-comments.vtt", w);
  REQUIRE(notes.turns.size() == 1);
  CHECK(said(notes, 0).find("NOTE") == std::string::npos);
  Document ids = load("formats/webvtt/w3c-cue-identifiers.vtt", w);
  REQUIRE(ids.turns.size() == 1);
  CHECK(said(ids, 0).find("crédit de transcription") == std::string::npos);
  Document lang = load("formats/webvtt/w3c-french-lang-span.vtt", w);
  CHECK(lang.language == Language::fr);
  CHECK(w.empty());
}

TEST_CASE("QualCoder transcript with bracketed speaker ids", "[formats]") {
  Diagnostics w;
  Document d = load("formats/qualcoder/transcript.txt", w);
  CHECK(speakers(d) == std::vector<std::string>{"id1", "id2", "id3", "id1", "id3", "id1", "id2"});
  CHECK(said(d, 0).starts_with("hello"));
}

TEST_CASE("QualCoder Word document", "[formats]") {
  Diagnostics w;
  Document d = load("formats/qualcoder/ID1.docx", w);
  CHECK(d.format == Format::docx);
  CHECK(d.text.size() > 500);
  CHECK(d.text.find("€") != std::string::npos);
  CHECK(d.language == Language::en);
}

TEST_CASE("Real interview transcripts: every labelled turn and every speaker", "[formats]") {
  // manifest.tsv: file, lang, ..., speakers (col 8), sentences_per_speaker (col 9).
  std::istringstream manifest(gold::slurp(gold::data_path("transcripts/manifest.tsv")));
  std::string line;
  std::getline(manifest, line);
  std::size_t files = 0;
  while (std::getline(manifest, line)) {
    std::vector<std::string> col;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, '\t');)
      col.push_back(c);
    REQUIRE(col.size() >= 9);
    std::set<std::string> expected;
    std::stringstream per(col[8]);
    for (std::string kv; std::getline(per, kv, ';');)
      expected.insert(kv.substr(0, kv.find('=')));
    Diagnostics w;
    Document d = load("transcripts/" + col[0], w);
    CHECK(w.empty());
    CHECK(d.language == (col[1] == "fr" ? Language::fr : Language::en));
    // Labelled paragraphs, counted independently: "SPEAKER: " at the start of a paragraph.
    std::size_t labelled = 0;
    std::size_t pos = 0;
    while (pos < d.text.size()) {
      const std::size_t colon = d.text.find(": ", pos);
      const std::size_t eol = d.text.find('\n', pos);
      if (colon != std::string::npos && (eol == std::string::npos || colon < eol) &&
          expected.count(d.text.substr(pos, colon - pos))) {
        ++labelled;
      }
      if (eol == std::string::npos) break;
      pos = eol + 1;
    }
    std::set<std::string> got;
    std::size_t got_labelled = 0;
    for (const auto& t : d.turns) {
      if (t.speaker.empty()) continue;
      got.insert(t.speaker);
      ++got_labelled;
    }
    INFO(col[0]);
    CHECK(got == expected);
    CHECK(got_labelled == labelled);
    ++files;
  }
  CHECK(files == 26);
}
