#include "verbatim/transcript.hpp"

#include <catch2/catch.hpp>

using namespace verbatim;

namespace {

struct T {
  std::string speaker;
  std::string content;  // content ranges joined by "|"
  std::uint32_t line;
};

std::vector<T> turns(const std::string& text) {
  std::vector<T> out;
  for (const Turn& t : parse_plain_text(text).turns) {
    std::string c;
    for (const Span& s : t.content) {
      if (!c.empty()) c.push_back('|');
      c.append(text, s.begin, s.size());
    }
    out.push_back({t.speaker, c, t.line});
  }
  return out;
}

bool operator==(const T& a, const T& b) {
  return a.speaker == b.speaker && a.content == b.content && a.line == b.line;
}

std::ostream& operator<<(std::ostream& os, const T& t) {
  return os << "{" << t.speaker << ", \"" << t.content << "\", " << t.line << "}";
}

using V = std::vector<T>;

}  // namespace

TEST_CASE("Plain text labels in every common form", "[transcript]") {
  CHECK(turns("Enquêteur : Bonjour.\nP01 : Oui.\n") ==
        V{{"Enquêteur", "Bonjour.", 1}, {"P01", "Oui.", 2}});
  CHECK(turns("Enquêteur\u00a0: Bonjour\u00a0?\nP01\u202f: Oui.") ==
        V{{"Enquêteur", "Bonjour\u00a0?", 1}, {"P01", "Oui.", 2}});
  CHECK(turns("**Marie**: Oui.\n**Jean :** Non.\n") ==
        V{{"Marie", "Oui.", 1}, {"Jean", "Non.", 2}});
  CHECK(turns("[00:01:02] Marie: Oui.\n(00:01:09) Jean : Non.\n") ==
        V{{"Marie", "Oui.", 1}, {"Jean", "Non.", 2}});
  CHECK(turns("Q: Why?\nR: Because.\nI: Ok.\nP3: Yes.\n") ==
        V{{"Q", "Why?", 1}, {"R", "Because.", 2}, {"I", "Ok.", 3}, {"P3", "Yes.", 4}});
  CHECK(turns("Marie-Claire Dubois : Oui.\nYoussef El Amrani : Non.\n") ==
        V{{"Marie-Claire Dubois", "Oui.", 1}, {"Youssef El Amrani", "Non.", 2}});
  CHECK(turns("[id1]\nHello there.\n\n[id2] Hi.\n") ==
        V{{"id1", "Hello there.", 1}, {"id2", "Hi.", 4}});
}

TEST_CASE("Plain text: titles, continuation lines, false labels", "[transcript]") {
  CHECK(
      turns("Entretien n°1 — durée : 41 min\n\nP01 : Alors.\n\nJe continue ici.\nexemple : ceci.\n"
            "Cold as ice: a heading\n") ==
      V{{"", "Entretien n°1 — durée : 41 min", 1},
        {"P01", "Alors.\n\nJe continue ici.\nexemple : ceci.\nCold as ice: a heading", 3}});
  CHECK(turns("Il est 10:30 déjà.\n") == V{{"", "Il est 10:30 déjà.", 1}});
  CHECK(turns("Robert Sarvis. Image: x\nEd.: y\nDr. Ana: z\n") ==
        V{{"", "Robert Sarvis. Image: x\nEd.: y", 1}, {"Dr. Ana", "z", 3}});
  CHECK(turns("Voir http://exemple.fr\n") == V{{"", "Voir http://exemple.fr", 1}});
  CHECK(turns("Frank Messina: An Interview\nIntro.\nQ: Hi?\nFM: Yes.\nQ: Ok.\nFM: No.\n") ==
        V{{"", "Frank Messina: An Interview\nIntro.", 1},
          {"Q", "Hi?", 3},
          {"FM", "Yes.", 4},
          {"Q", "Ok.", 5},
          {"FM", "No.", 6}});
  CHECK(turns("") == V{});
  CHECK(turns("\n\n  \n") == V{});
  CHECK(turns("P01 :\nLa réponse vient après.\n") == V{{"P01", "La réponse vient après.", 1}});
  CHECK(turns("P01 : sans fin de ligne") == V{{"P01", "sans fin de ligne", 1}});
}

TEST_CASE("Plain text without labels is one turn from its first line that is not blank",
          "[transcript]") {
  CHECK(turns("\n \n\tIl pleuvait.\n\nLe lendemain, rien.\nFin\n\n  \n") ==
        V{{"", "Il pleuvait.\n\nLe lendemain, rien.\nFin", 3}});
  CHECK(turns("Une ligne") == V{{"", "Une ligne", 1}});
  CHECK(turns("  \n\nDernière ligne, sans fin") == V{{"", "Dernière ligne, sans fin", 3}});
}

TEST_CASE("A lowercase spelling of a known label is a label", "[transcript]") {
  CHECK(turns("Marie : Oui.\nmarie : Non.\nexemple : rien.\n") ==
        V{{"Marie", "Oui.", 1}, {"marie", "Non.\nexemple : rien.", 2}});
}

TEST_CASE("Otter exports: name, two spaces, time", "[transcript]") {
  const std::string s =
      "Sarah Benali  0:03\nBonjour.\n\nKarim Tazi  1:15\nOui.\n\nAutre paragraphe.\n\nSpeaker 1  "
      "1:02:03\nFin.\n";
  const Transcript t = parse_plain_text(s);
  REQUIRE(t.turns.size() == 3);
  CHECK(t.turns[0].speaker == "Sarah Benali");
  CHECK(*t.turns[0].start_seconds == 3);
  CHECK(t.turns[1].speaker == "Karim Tazi");
  CHECK(*t.turns[1].start_seconds == 75);
  CHECK(s.substr(t.turns[1].content[0].begin, t.turns[1].content[0].size()) ==
        "Oui.\n\nAutre paragraphe.");
  CHECK(t.turns[2].speaker == "Speaker 1");
  CHECK(*t.turns[2].start_seconds == 3723);
  CHECK(t.turns[2].line == 9);
  // One space is not an Otter header.
  CHECK(parse_plain_text("Marie 0:03\nTexte.\n").turns[0].speaker.empty());
}

TEST_CASE("parse_timestamp", "[transcript]") {
  CHECK(*parse_timestamp("01:02:03.456") == Approx(3723.456));
  CHECK(*parse_timestamp("02:03.5") == Approx(123.5));
  CHECK(*parse_timestamp("0:0:0.0") == 0);
  CHECK(*parse_timestamp("0:0:0.570") == Approx(0.57));
  CHECK(*parse_timestamp("00:00:01,000") == 1);
  CHECK(*parse_timestamp("[00:01:02]") == 62);
  CHECK(*parse_timestamp("1:02:03") == 3723);
  CHECK(*parse_timestamp("100:00:00") == 360000);
  CHECK_FALSE(parse_timestamp("12"));
  CHECK_FALSE(parse_timestamp("00:61"));
  CHECK_FALSE(parse_timestamp("1:2:3:4"));
  CHECK_FALSE(parse_timestamp("00:00."));
  CHECK_FALSE(parse_timestamp("ab:cd"));
  CHECK_FALSE(parse_timestamp(""));
}

TEST_CASE("format_from_path and format_name", "[transcript]") {
  CHECK(format_from_path("a/p01.TXT") == Format::text);
  CHECK(format_from_path("p01.md") == Format::markdown);
  CHECK(format_from_path("p01.markdown") == Format::markdown);
  CHECK(format_from_path("p01.Vtt") == Format::vtt);
  CHECK(format_from_path("p01.srt") == Format::srt);
  CHECK(format_from_path("p01.DOCX") == Format::docx);
  CHECK(format_from_path("dir.vtt/p01") == Format::text);
  CHECK(format_from_path("-") == Format::text);
  CHECK(format_name(Format::docx) == "docx");
  CHECK(format_name(Format::text) == "txt");
  CHECK(format_name(Format::markdown) == "md");
}

TEST_CASE("parse_transcript dispatches by format", "[transcript]") {
  Diagnostics w;
  CHECK(parse_transcript(Format::docx, "P06 : Oui.\n", "p.docx", w).turns[0].speaker == "P06");
  CHECK(parse_transcript(Format::vtt, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>x</v>\n", "p.vtt", w)
            .turns[0]
            .speaker == "A");
  CHECK(w.empty());
}
