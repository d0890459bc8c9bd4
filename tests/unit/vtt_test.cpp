#include <catch2/catch.hpp>

#include "verbatim/transcript.hpp"

using namespace verbatim;

namespace {

std::string content(const std::string& text, const Turn& t) {
  std::string c;
  for (const Span& s : t.content) {
    if (!c.empty()) c.push_back('|');
    c.append(text, s.begin, s.size());
  }
  return c;
}

}  // namespace

TEST_CASE("Teams VTT: voices, cue ids, merged cues, NOTE blocks", "[vtt]") {
  const std::string s =
      "WEBVTT\n\nNOTE exported by Teams\nsecond line\n\n"
      "6a1c/12-0\n00:00:03.000 --> 00:00:07.200\n<v Sarah Benali>Bonjour, merci.</v>\n\n"
      "6a1c/13-0\n00:00:07.600 --> 00:00:09.400\n<v Youssef El Amrani>Oui,\npas de souci.</v>\n\n"
      "6a1c/14-0\n00:00:09.500 --> 00:00:12.000\n<v Youssef El Amrani>On y va.</v>\n";
  Diagnostics w;
  const Transcript t = parse_vtt(s, "p.vtt", w);
  CHECK(w.empty());
  REQUIRE(t.turns.size() == 2);
  CHECK(t.turns[0].speaker == "Sarah Benali");
  CHECK(content(s, t.turns[0]) == "Bonjour, merci.");
  CHECK(*t.turns[0].start_seconds == 3);
  CHECK(*t.turns[0].end_seconds == Approx(7.2));
  CHECK(t.turns[0].line == 6);
  CHECK(t.turns[1].speaker == "Youssef El Amrani");
  CHECK(content(s, t.turns[1]) == "Oui,\npas de souci.|On y va.");
  REQUIRE(t.turns[1].content_start.size() == 2);
  CHECK(*t.turns[1].content_start[0] == Approx(7.6));
  CHECK(*t.turns[1].content_start[1] == Approx(9.5));
  CHECK(*t.turns[1].start_seconds == Approx(7.6));
  CHECK(*t.turns[1].end_seconds == 12);
}

TEST_CASE("VTT: unclosed voices, classes, inline tags and entities", "[vtt]") {
  const std::string s =
      "WEBVTT\n\n00:01.000 --> 00:02.000\n<v.first.loud Esme>It's a <i>blue</i> &amp; red one\n\n"
      "00:02.500 --> 00:03.000 align:start\n<v Mary>Hee!</v> <c.x>laughs</c>\n";
  Diagnostics w;
  const Transcript t = parse_vtt(s, "p.vtt", w);
  CHECK(w.empty());
  REQUIRE(t.turns.size() == 2);
  CHECK(t.turns[0].speaker == "Esme");
  CHECK(content(s, t.turns[0]) == "It's a|blue|red one");
  CHECK(t.turns[1].speaker == "Mary");
  CHECK(content(s, t.turns[1]) == "Hee!|laughs");
  CHECK(*t.turns[1].start_seconds == 2.5);
}

TEST_CASE("VTT: Zoom names, short timestamps, out-of-order cues", "[vtt]") {
  const std::string s =
      "WEBVTT\n\n2\n0:0:5.0 --> 0:0:6.0\nClaire Martin: Deux.\n\n"
      "1\n0:0:0.0 --> 0:0:0.570\nSarah Benali: Un.\n\n"
      "3\n0:0:7.0 --> 0:0:8.0\nClaire Martin: Trois.\n";
  Diagnostics w;
  const Transcript t = parse_vtt(s, "p.vtt", w);
  CHECK(w.empty());
  REQUIRE(t.turns.size() == 2);
  CHECK(t.turns[0].speaker == "Sarah Benali");
  CHECK(content(s, t.turns[0]) == "Un.");
  CHECK(*t.turns[0].end_seconds == Approx(0.57));
  CHECK(t.turns[1].speaker == "Claire Martin");
  CHECK(content(s, t.turns[1]) == "Deux.|Trois.");
}

TEST_CASE("VTT: problems are warnings and the text is kept", "[vtt]") {
  const std::string s =
      "00:01.000 --> 00:02.000\n<v A>Un.\n\n"
      "00:0x.000 --> 00:03.000\n<v A>Deux < trois.\n\n"
      "Texte sans minutage.\n";
  Diagnostics w;
  const Transcript t = parse_vtt(s, "p.vtt", w);
  REQUIRE(w.size() == 4);
  CHECK(format_diagnostic(w[0]) ==
        "p.vtt:1:1 (byte 0): no WEBVTT header; read as WebVTT from its extension");
  CHECK(
      format_diagnostic(w[1]) ==
      "p.vtt:4:1 (byte 34): cannot read the cue timing '00:0x.000 --> 00:03.000'; its text is kept "
      "without time");
  CHECK(format_diagnostic(w[2]) ==
        "p.vtt:5:1 (byte 58): unclosed '<' in the cue text; kept as text");
  CHECK(format_diagnostic(w[3]) ==
        "p.vtt:7:1 (byte 78): block without a timing line; its text is kept with the cue before");
  REQUIRE(t.turns.size() == 2);
  CHECK(content(s, t.turns[0]) == "Un.|Deux < trois.");
  CHECK(t.turns[1].speaker.empty());
  CHECK(content(s, t.turns[1]) == "Texte sans minutage.");
}

TEST_CASE("SRT: indices, comma timestamps, bracket and colon speakers", "[vtt]") {
  const std::string s =
      "1\n00:00:01,000 --> 00:00:02,500\n[Marie] Bonjour.\n\n"
      "2\n00:00:03,000 --> 00:00:04,000\nJean: Salut.\nÇa va ?\n\n"
      "3\n00:00:05,000 --> 00:00:06,000\n- Oui.\n";
  Diagnostics w;
  const Transcript t = parse_srt(s, "p.srt", w);
  CHECK(w.empty());
  REQUIRE(t.turns.size() == 3);
  CHECK(t.turns[0].speaker == "Marie");
  CHECK(content(s, t.turns[0]) == "Bonjour.");
  CHECK(*t.turns[0].end_seconds == 2.5);
  CHECK(t.turns[1].speaker == "Jean");
  CHECK(content(s, t.turns[1]) == "Salut.\nÇa va ?");
  CHECK(t.turns[2].speaker.empty());
  CHECK(content(s, t.turns[2]) == "- Oui.");
}

TEST_CASE("VTT: empty and header-only files", "[vtt]") {
  Diagnostics w;
  CHECK(parse_vtt("WEBVTT\n", "p.vtt", w).turns.empty());
  CHECK(parse_vtt("WEBVTT - title\nKind: captions\n\n", "p.vtt", w).turns.empty());
  CHECK(w.empty());
  CHECK(parse_vtt("", "p.vtt", w).turns.empty());
  CHECK(w.size() == 1);
}
