#include "verbatim/corpus.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "unit/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace verbatim;

namespace {

std::vector<std::string> ids(const std::vector<SourceRef>& s) {
  std::vector<std::string> out;
  for (const auto& r : s)
    out.push_back(r.id);
  return out;
}

}  // namespace

TEST_CASE("list_sources walks folders in sorted order with relative ids", "[corpus]") {
  TempDir d;
  d.write("p10.txt", "x");
  d.write("p02.vtt", "x");
  d.write("wave2/p07.docx", "x");
  d.write("wave2/a.md", "x");
  d.write(".hidden/p99.txt", "x");
  d.write(".p98.txt", "x");
  d.write("~$p01.docx", "x");
  d.write("participants.csv", "x");
  d.write("photo.jpg", "x");
  Diagnostics diags;
  auto s = list_sources({d.path.string()}, diags);
  CHECK(ids(s) == std::vector<std::string>{"p02", "p10", "wave2/a", "wave2/p07"});
  CHECK(s[3].path == (d.path / "wave2/p07.docx").string());
  // Unknown formats are named; study files (csv) and hidden files are skipped silently.
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].severity == Severity::warning);
  CHECK(diags[0].where.file == (d.path / "photo.jpg").string());
  CHECK(diags[0].message == "not a transcript format (.txt .md .vtt .srt .docx), skipped");
}

TEST_CASE("list_sources: files named directly, stdin, missing paths, duplicate ids", "[corpus]") {
  TempDir d;
  d.write("a/p01.txt", "x");
  d.write("b/p01.vtt", "x");
  d.write("notes.rtf", "x");
  Diagnostics diags;
  const std::string rtf = (d.path / "notes.rtf").string();
  const std::string missing = (d.path / "absent.txt").string();
  auto s = list_sources({rtf, "-", missing}, diags);
  CHECK(ids(s) == std::vector<std::string>{"notes", "-"});
  CHECK(s[1].display == "<stdin>");
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].severity == Severity::error);
  CHECK(diags[0].where.file == missing);
  CHECK(diags[0].message == "no such file or folder");

  diags.clear();
  s = list_sources({(d.path / "a").string(), (d.path / "b").string()}, diags);
  CHECK(ids(s) == std::vector<std::string>{"p01", "p01"});
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].severity == Severity::error);
  CHECK(diags[0].message.find("document id 'p01' is also the id of") == 0);
}

TEST_CASE("list_sources survives a symbolic link loop", "[corpus]") {
  TempDir d;
  d.write("sub/p01.txt", "x");
  fs::create_directory_symlink(d.path, d.path / "sub" / "loop");
  Diagnostics diags;
  auto s = list_sources({d.path.string()}, diags);
  CHECK(ids(s) == std::vector<std::string>{"sub/p01"});
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message == "folder already visited (symbolic link loop?), skipped");
}

TEST_CASE("SpeakerMap matches labels case-insensitively", "[corpus]") {
  auto m = SpeakerMap::parse(
      "label,participant,role\nEnquêteur,INT1,interviewer\nP01,P01,participant\n\"Dr. Ana, MD\","
      "P02,participant\n",
      "speakers.csv");
  CHECK(m.size() == 3);
  REQUIRE(m.find("ENQUÊTEUR") != nullptr);
  CHECK(m.find("enquêteur :")->participant == "INT1");
  CHECK(m.find(" Enquêteur")->role == "interviewer");
  CHECK(m.find("Dr. Ana, MD")->participant == "P02");
  CHECK(m.find("P03") == nullptr);
}

TEST_CASE("SpeakerMap lists its distinct roles, sorted, without empty ones", "[corpus]") {
  auto m = SpeakerMap::parse(
      "label,participant,role\nQ,INT1,interviewer\nP01,P01,participant\nP02,P02,participant\n"
      "Obs,OBS,observer\nX,X,\n",
      "speakers.csv");
  CHECK(m.roles() == std::vector<std::string>{"interviewer", "observer", "participant"});
  CHECK(SpeakerMap::parse("label,participant\nQ,INT1\n", "s.csv").roles().empty());
}

TEST_CASE("SpeakerMap errors name the line", "[corpus]") {
  SECTION("missing column") {
    try {
      SpeakerMap::parse("name,role\nA,x\n", "s.csv");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()) ==
            "s.csv:1:1: speaker map needs the columns label,participant[,role]");
    }
  }
  SECTION("conflicting duplicate") {
    try {
      SpeakerMap::parse("label,participant\nMarie,P01\nmarie,P02\n", "s.csv");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.diagnostic().where.line == 3);
      CHECK(e.diagnostic().message == "label 'marie' is mapped twice, to different speakers");
    }
  }
  SECTION("the same mapping twice is fine") {
    CHECK(SpeakerMap::parse("label,participant\nMarie,P01\nmarie :,P01\n", "s.csv").size() == 1);
  }
}

TEST_CASE("Attributes are keyed by the first column", "[corpus]") {
  auto a = Attributes::parse("id,sexe,pays\nP01,F,Maroc\nP02,H,\"Côte d'Ivoire\"\n", "p.csv");
  CHECK(a.names() == std::vector<std::string>{"sexe", "pays"});
  REQUIRE(a.find("P02") != nullptr);
  CHECK((*a.find("P02"))[1] == "Côte d'Ivoire");
  CHECK(a.find("P03") == nullptr);
  try {
    Attributes::parse("id,sexe\nP01,F\nP01,H\n", "p.csv");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "p.csv:3:1: duplicate id 'P01'");
  }
}

TEST_CASE("make_document maps speakers, guesses roles and detects the language", "[corpus]") {
  const std::string text =
      "Enquêteur : Est-ce que vous pouvez nous parler de la personnalisation ?\n"
      "P01 : Oui, c'est la base de notre stratégie et nous le faisons avec des outils.\n";
  Diagnostics w;
  SECTION("without a map, interviewer labels are recognised") {
    Document doc = make_document({"p01.txt", "p01", "p01.txt"}, Format::text, text, {}, w);
    REQUIRE(doc.turns.size() == 2);
    CHECK(doc.turns[0].speaker == "Enquêteur");
    CHECK(doc.turns[0].role == "interviewer");
    CHECK(doc.turns[0].participant.empty());
    CHECK(doc.turns[1].role == "participant");
    CHECK(doc.turns[1].participant == "P01");
    CHECK(doc.language == Language::fr);
    CHECK(doc.language_detected);
  }
  SECTION("with a map, the map decides; unknown labels get no role") {
    auto map = SpeakerMap::parse("label,participant,role\nP01,P07,participant\n", "s.csv");
    CorpusOptions opts;
    opts.speakers = &map;
    opts.language = Language::en;
    Document doc = make_document({"p01.txt", "p01", "p01.txt"}, Format::text, text, opts, w);
    CHECK(doc.turns[0].role.empty());
    CHECK(doc.turns[1].participant == "P07");
    CHECK(doc.language == Language::en);
    CHECK_FALSE(doc.language_detected);
  }
  CHECK(w.empty());
}

TEST_CASE("load_document reads, decodes and reports", "[corpus]") {
  TempDir d;
  d.write("p01.txt", "P01 : Le caf\xe9.\n");
  d.write("bin.txt", std::string("\x89PNG\0\0\x01\x02", 8));
  d.write("bad.docx", "this is not a zip");
  Diagnostics w;
  const std::string p = (d.path / "p01.txt").string();
  auto doc = load_document({p, "p01", "p01.txt"}, {}, w);
  REQUIRE(doc);
  CHECK(doc->text == "P01 : Le café.\n");
  CHECK(doc->encoding == Encoding::windows1252);
  CHECK(doc->input_bytes == 15);
  REQUIRE(w.size() == 1);
  CHECK(w[0].where.file == "p01.txt");
  CHECK(w[0].where.byte == 12);

  w.clear();
  CHECK_FALSE(load_document({(d.path / "bin.txt").string(), "bin", "bin.txt"}, {}, w));
  REQUIRE(w.size() == 1);
  CHECK(w[0].message == "binary file (NUL byte), skipped");

  CorpusOptions strict;
  strict.decode.strict = true;
  CHECK_THROWS_AS(load_document({p, "p01", "p01.txt"}, strict, w), Error);
  CHECK_THROWS_AS(load_document({(d.path / "bad.docx").string(), "bad", "bad.docx"}, {}, w), Error);
}

TEST_CASE("Fingerprint: a digest of the set of documents, in any order", "[corpus]") {
  Diagnostics w;
  CorpusOptions o;
  auto make = [&](const std::string& id, const std::string& text) {
    return make_document({id + ".txt", id, id + ".txt"}, Format::text, text, o, w);
  };
  const Document a = make("a", "P01 : un texte."), b = make("b", "P02 : un autre."),
                 a2 = make("a", "P01 : un texte!"), c = make("c", "P01 : un texte.");
  Fingerprint ab, ba, shards, one, other, id;
  ab.add(a);
  ab.add(b);
  ba.add(b);
  ba.add(a);
  CHECK(ab.hex() == ba.hex());
  Fingerprint sa, sb;
  sa.add(a);
  sb.add(b);
  shards.combine(sa);
  shards.combine(sb);
  CHECK(shards == ab);
  one.add(a);
  other.add(a2);
  id.add(c);
  CHECK_FALSE(one == other);  // one character of the text
  CHECK_FALSE(one == id);     // the id
  CHECK(ab.hex().size() == 16);
  const auto back = Fingerprint::from_hex(ab.hex());
  REQUIRE(back);
  CHECK(*back == ab);
  CHECK_FALSE(Fingerprint::from_hex("12345"));
  CHECK_FALSE(Fingerprint::from_hex("0123456789abcdeg"));
  CHECK_FALSE(Fingerprint::from_hex("0123456789ABCDEF"));
}
