// Pins the lexicon: TSV parsing and its errors, the compiled file (round trip, malformed bytes),
// the lookup rules for clitics and possessives, and the lemmas of the shipped French and English
// lexicons for the words a frequency table of interviews must not merge or split.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "temp_dir.hpp"
#include "verbatim/error.hpp"
#include "verbatim/lexicon.hpp"

using namespace verbatim;

namespace {

constexpr const char* kTsv =
    "# a test lexicon\n"
    "données\tdonnée\tNOUN\n"
    "Étaient\têtre\tAUX\n"  // normalized on reading
    "il\tlui\tPRON\n"
    "google\tgoogle\tPROPN\n"
    "citizens\tcitizen\tNOUN\n"
    "maintenance\tmaintenance\t\n";

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return format_diagnostic(e.diagnostic());
  }
  return "";
}

Lexicon shipped(const std::string& lang) {
  return Lexicon::load(std::string(VERBATIM_LEXICON_DIR) + "/" + lang + ".lex");
}

}  // namespace

TEST_CASE("lexicon: TSV entries, normalized, with their tags") {
  const Lexicon lex = Lexicon::from_tsv(kTsv, "test.tsv");
  CHECK(lex.size() == 6);
  CHECK(lex.lemma("données") == "donnée");
  CHECK(lex.lookup("données").pos == "NOUN");
  CHECK(lex.lemma("étaient") == "être");
  CHECK(lex.lookup("maintenance").pos == "");
  CHECK_FALSE(lex.find("donnees").has_value());
  // A word it does not know is its own lemma, with no part of speech.
  const LexiconEntry unknown = lex.lookup("chatbot");
  CHECK(unknown.lemma == "chatbot");
  CHECK(unknown.pos == "");
}

TEST_CASE("lexicon: clitics and possessives reach their listed word") {
  const Lexicon lex = Lexicon::from_tsv(kTsv, "test.tsv");
  CHECK(lex.lemma("-il") == "lui");
  CHECK(lex.lemma("-t-il") == "lui");
  CHECK(lex.lemma("google's") == "google");
  CHECK(lex.lemma("citizens'") == "citizen");
  CHECK(lex.lemma("nobody's") == "nobody");  // unknown base: the base itself
  CHECK(lex.lemma("s'") == "s'");            // the French elided "se" is not a possessive
  CHECK(lex.lemma("-") == "-");
}

TEST_CASE("lexicon: malformed TSV is an error naming the line") {
  CHECK(message_of([] { Lexicon::from_tsv("a\tb\tNOUN\nc d\n", "x.tsv"); }) ==
        "x.tsv:2:1 (byte 9): expected form<TAB>lemma<TAB>upos");
  CHECK(message_of([] { Lexicon::from_tsv("a\tb\tNOM\n", "x.tsv"); }) ==
        "x.tsv:1:1 (byte 0): unknown UPOS tag 'NOM'");
  CHECK(message_of([] { Lexicon::from_tsv("a\tb\t\nA\tc\t\n", "x.tsv"); }) ==
        "x.tsv:2:1 (byte 5): form 'a' already listed at line 1");
  CHECK(message_of([] { Lexicon::from_tsv("\tb\tNOUN\n", "x.tsv"); }) ==
        "x.tsv:1:1 (byte 0): empty form or lemma");
}

TEST_CASE("lexicon: the compiled file round-trips and is checked when opened") {
  TempDir dir;
  const std::string bytes = Lexicon::compile(kTsv, "test.tsv", "fr");
  const std::string path = dir.write("fr.lex", bytes);
  const Lexicon lex = Lexicon::load(path);
  CHECK(lex.language() == "fr");
  CHECK(lex.size() == 6);
  CHECK(lex.lemma("données") == "donnée");
  CHECK(lex.lemma("google's") == "google's");  // no possessive rule in a French lexicon
  CHECK(lex.digest().size() == 16);
  CHECK(lex.digest() == Lexicon::load(dir.write("again.lex", bytes)).digest());
  // The TSV itself loads too (a researcher's own lexicon).
  CHECK(Lexicon::load(dir.write("own.tsv", kTsv)).lemma("données") == "donnée");
  // Truncated or foreign bytes are refused with the file's name.
  const std::string cut = dir.write("cut.lex", bytes.substr(0, bytes.size() - 3));
  CHECK(message_of([&] { Lexicon::load(cut); }).find(cut + " (byte 8): sizes do not add up") == 0);
  CHECK(message_of([&] { Lexicon::load(dir.write("none.lex", "")); }) == "");  // empty TSV
  CHECK(Lexicon::load(dir.write("empty.lex", "")).size() == 0);
  CHECK(message_of([&] {
          Lexicon::load((dir.path / "absent.lex").string());
        }).find("cannot open the lexicon") != std::string::npos);
}

TEST_CASE("lexicon: every form of a compiled table is found, and only those") {
  // Strings built with fmt: GCC 12 warns (-Wrestrict) on "w" + std::to_string(i).
  const auto word = [](char lead, int i) { return fmt::format("{}{}", lead, i); };
  std::string tsv;
  for (int i = 0; i < 5000; ++i)
    tsv += fmt::format("w{}\tl{}\tNOUN\n", i, i % 97);
  const Lexicon lex = Lexicon::from_tsv(tsv, "many.tsv");
  REQUIRE(lex.size() == 5000);
  for (int i = 0; i < 5000; ++i)
    REQUIRE(lex.lemma(word('w', i)) == word('l', i % 97));
  for (int i = 5000; i < 6000; ++i)
    REQUIRE_FALSE(lex.find(word('w', i)).has_value());
}

TEST_CASE("lexicon: French words an interview table must group, and keep apart") {
  const Lexicon fr = shipped("fr");
  struct Case {
    const char* form;
    const char* lemma;
  };
  for (const Case& c : {Case{"données", "donnée"},
                        Case{"étaient", "être"},
                        Case{"est", "être"},
                        Case{"partie", "partie"},
                        Case{"part", "part"},
                        Case{"maintenant", "maintenant"},
                        Case{"maintenance", "maintenance"},
                        Case{"marché", "marché"},
                        Case{"marche", "marcher"},
                        Case{"format", "format"},
                        Case{"formation", "formation"},
                        Case{"côte", "côte"},
                        Case{"côté", "côté"},
                        Case{"devis", "devis"},
                        Case{"devant", "devant"},
                        Case{"francs", "franc"},
                        Case{"français", "français"},
                        Case{"dates", "date"},
                        Case{"petite", "petit"},
                        Case{"conseillers", "conseiller"},
                        Case{"écrit", "écrire"},
                        Case{"sais", "savoir"},
                        Case{"savez", "savoir"},
                        Case{"sait", "savoir"},
                        Case{"certainement", "certainement"},
                        Case{"certaine", "certain"},
                        Case{"directement", "directement"},
                        Case{"direction", "direction"},
                        Case{"conversion", "conversion"},
                        Case{"conversations", "conversation"}}) {
    INFO(c.form);
    CHECK(fr.lemma(c.form) == c.lemma);
  }
  CHECK(fr.language() == "fr");
  CHECK(fr.lookup("données").pos == "NOUN");
}

TEST_CASE("lexicon: English words an interview table must group, and keep apart") {
  const Lexicon en = shipped("en");
  struct Case {
    const char* form;
    const char* lemma;
  };
  for (const Case& c :
       {Case{"likely", "likely"}, Case{"like", "like"}, Case{"dates", "date"}, Case{"data", "data"},
        Case{"customers", "customer"}, Case{"said", "say"}, Case{"went", "go"},
        Case{"better", "good"}, Case{"people", "people"}, Case{"ceiling", "ceiling"},
        Case{"news", "news"}, Case{"customer's", "customer"}}) {
    INFO(c.form);
    CHECK(en.lemma(c.form) == c.lemma);
  }
  CHECK(en.language() == "en");
}

TEST_CASE("lexicon: forms sharing their first eight bytes over many blocks are found") {
  // Every head key ties ("administ"): the search compares whole heads among those blocks.
  std::string tsv;
  for (int i = 0; i < 2000; ++i)
    tsv += fmt::format("administr{:04}\tl{}\tVERB\n", i * 3, i);
  const Lexicon lex = Lexicon::from_tsv(tsv, "long.tsv");
  for (int i = 0; i < 2000; ++i) {
    REQUIRE(lex.lemma(fmt::format("administr{:04}", i * 3)) == fmt::format("l{}", i));
    REQUIRE_FALSE(lex.find(fmt::format("administr{:04}", i * 3 + 1)).has_value());
  }
  CHECK_FALSE(lex.find("administ").has_value());
  CHECK_FALSE(lex.find("administr").has_value());
  CHECK_FALSE(lex.find("administrz").has_value());
  CHECK_FALSE(lex.find("a").has_value());
}
