#include "verbatim/stopwords.hpp"

#include <catch2/catch.hpp>

using namespace verbatim;

TEST_CASE("Default French list: Snowball, fillers and spoken function words", "[stopwords]") {
  const Stopwords fr = Stopwords::defaults(Language::fr);
  for (const char* w : {"le", "la", "de", "et", "qui", "euh", "hein", "ben", "bah", "mm", "est",
                        "été", "sommes", "ça", "voilà", "bon", "alors", "donc", "très"}) {
    INFO(w);
    CHECK(fr.contains(w));
  }
  // Words that carry the theme of an answer stay.
  for (const char* w : {"client", "ia", "accord", "travail", "temps", "fidélité"}) {
    INFO(w);
    CHECK_FALSE(fr.contains(w));
  }
  CHECK(fr.size() > 250);
}

TEST_CASE("--stopwords fr is the Snowball list alone", "[stopwords]") {
  const Stopwords snowball = Stopwords::parse(default_stopword_list(Language::fr));
  CHECK(snowball.contains("le"));
  // Snowball leaves out homonyms of nouns on purpose.
  for (const char* w : {"est", "été", "sommes", "voilà", "bon", "euh"}) {
    INFO(w);
    CHECK_FALSE(snowball.contains(w));
  }
}

TEST_CASE("Default lists are built from their texts, the embedded ones by default", "[stopwords]") {
  const DefaultListTexts fr = embedded_default_lists(Language::fr);
  CHECK(fr.snowball == default_stopword_list(Language::fr));
  CHECK(fr.fillers == default_filler_list(Language::fr));
  CHECK(fr.spoken.find("voilà") != std::string_view::npos);
  CHECK(fr.numerals == default_numeral_list(Language::fr));
  CHECK(fr.other_snowball == default_stopword_list(Language::en));
  CHECK(fr.other_spoken == embedded_default_lists(Language::en).spoken);
  CHECK(fr.shared == embedded_default_lists(Language::en).shared);
  CHECK(Stopwords::from_lists(fr).size() == Stopwords::defaults(Language::fr).size());
  // Other texts (an installed data folder) give other lists.
  const Stopwords own = Stopwords::from_lists(
      {"le | article\nla\n", "euh", "ENTREPRISE", "deux", "the of | English", "you know", "of"});
  CHECK(own.size() == 7);  // le la euh entreprise the you know: "of" is shared, "deux" a numeral
  CHECK(own.contains("entreprise"));
  CHECK(own.contains("euh"));
  CHECK(own.contains("know"));
  CHECK_FALSE(own.contains("of"));
  CHECK_FALSE(own.contains("et"));
  CHECK(own.numeral("deux"));
  CHECK_FALSE(own.contains("deux"));
}

TEST_CASE("Default English list: Snowball plus spoken discourse words", "[stopwords]") {
  const Stopwords en = Stopwords::defaults(Language::en);
  for (const char* w : {"the", "is", "um", "yeah", "okay", "really"}) {
    INFO(w);
    CHECK(en.contains(w));
  }
  for (const char* w : {"customer", "loyalty", "ai", "data"}) {
    INFO(w);
    CHECK_FALSE(en.contains(w));
  }
}

TEST_CASE("French elided forms and clitics", "[stopwords]") {
  const Stopwords fr = Stopwords::defaults(Language::fr);
  for (const char* w :
       {"l'", "d'", "qu'", "jusqu'", "lorsqu'", "c'", "-il", "-t-elle", "-ce", "l'on"}) {
    INFO(w);
    CHECK(fr.contains(w));
  }
  CHECK_FALSE(fr.contains("aujourd'hui"));
  // A custom list still treats the elided prefixes as function words.
  const Stopwords custom = Stopwords::parse("client\n");
  CHECK(custom.contains("jusqu'"));
  CHECK(custom.contains("client"));
  CHECK_FALSE(custom.contains("le"));
  // "none" is an empty set: nothing at all.
  CHECK_FALSE(Stopwords().contains("l'"));
}

TEST_CASE("Default English list", "[stopwords]") {
  const Stopwords en = Stopwords::defaults(Language::en);
  for (const char* w : {"the", "and", "don't", "i'm", "um", "uh", "erm"}) {
    INFO(w);
    CHECK(en.contains(w));
  }
  for (const char* w : {"like", "well", "customer", "ai"}) {
    INFO(w);
    CHECK_FALSE(en.contains(w));
  }
}

TEST_CASE("Snowball format: | comments, several words a line, normalization", "[stopwords]") {
  const Stopwords s =
      Stopwords::parse(" | a comment\nAlpha beta | trailing comment\n\tGamma\nQu’il\n");
  CHECK(s.size() == 4);
  CHECK(s.contains("alpha"));
  CHECK(s.contains("beta"));
  CHECK(s.contains("gamma"));
  CHECK(s.contains("qu'il"));
  CHECK_FALSE(s.contains("comment"));
}

TEST_CASE("--keep rescues a word, even after a merge", "[stopwords]") {
  Stopwords s = Stopwords::defaults(Language::fr);
  s.remove("PAS");
  s.merge(Stopwords::parse("pas\n"));
  CHECK_FALSE(s.contains("pas"));
  s.add("IA");
  CHECK(s.contains("ia"));
}

TEST_CASE("The embedded lists carry their provenance", "[stopwords]") {
  CHECK(default_stopword_list(Language::fr).find("Snowball") != std::string_view::npos);
  CHECK(default_stopword_list(Language::en).find("Snowball") != std::string_view::npos);
  CHECK(default_filler_list(Language::fr).find("euh") != std::string_view::npos);
  CHECK(default_filler_list(Language::en).find("erm") != std::string_view::npos);
  CHECK(default_numeral_list(Language::fr).find("quatre-vingts") != std::string_view::npos);
  CHECK(default_numeral_list(Language::en).find("twenty") != std::string_view::npos);
}

// Each row: a word, and what the default list of its language makes of it.
struct Case {
  const char* word;
  bool stopword;
  bool numeral;
};

void check_cases(Language lang, std::initializer_list<Case> cases) {
  const Stopwords s = Stopwords::defaults(lang);
  for (const Case& c : cases) {
    INFO(c.word);
    CHECK(s.contains(c.word) == c.stopword);
    CHECK(s.numeral(c.word) == c.numeral);
  }
}

TEST_CASE("French numerals in letters are numbers, not stopwords", "[stopwords]") {
  check_cases(Language::fr, {
                                {"zéro", false, true},
                                {"deux", false, true},
                                {"six", false, true},
                                {"dix-sept", false, true},
                                {"vingt-deux", false, true},
                                {"quatre-vingts", false, true},
                                {"quatre-vingt-six", false, true},
                                {"quatre-vingt-un", false, true},
                                {"soixante-dix-neuf", false, true},
                                {"vingt-et-un", false, true},
                                {"deux-cent-vingt-et-un", false, true},
                                {"mille-neuf-cent-dix-huit", false, true},
                                {"cent", false, true},
                                {"cents", false, true},
                                {"mille", false, true},
                                {"millions", false, true},
                                {"nonante", false, true},
                                // Determiners, stopwords whatever --numbers says.
                                {"un", true, false},
                                {"une", true, false},
                                // Ordinals, fractions, approximate quantities, units: words.
                                {"premier", false, false},
                                {"septième", false, false},
                                {"demi", false, false},
                                {"quarantaine", false, false},
                                {"dizaine", false, false},
                                {"mois", false, false},
                                {"ans", false, false},
                                // Hyphens alone do not make a numeral.
                                {"mille-feuille", false, false},
                                {"deux-roues", false, false},
                                {"vingt-", false, false},
                                {"-deux", false, false},
                            });
}

TEST_CASE("English numerals in letters are numbers, not stopwords", "[stopwords]") {
  check_cases(Language::en, {
                                {"two", false, true},
                                {"twelve", false, true},
                                {"twenty", false, true},
                                {"twenty-two", false, true},
                                {"ninety-nine", false, true},
                                {"twenty-one", false, true},
                                {"hundred", false, true},
                                {"thousands", false, true},
                                {"million", false, true},
                                // "one" is the pronoun, "a", "an" the articles.
                                {"one", true, false},
                                {"ones", true, false},
                                {"an", true, false},
                                {"first", false, false},
                                {"second", false, false},
                                {"half", false, false},
                                {"dozen", false, false},
                                {"years", false, false},
                                {"one-on-one", false, false},
                            });
  // Numerals are per language: French ones are words in an English document ("cent").
  CHECK_FALSE(Stopwords::defaults(Language::en).numeral("cent"));
  CHECK_FALSE(Stopwords::defaults(Language::fr).numeral("two"));
}

TEST_CASE("Possessive determiners are stopwords", "[stopwords]") {
  check_cases(Language::fr, {{"mon", true, false},
                             {"ton", true, false},
                             {"son", true, false},
                             {"ma", true, false},
                             {"ta", true, false},
                             {"sa", true, false},
                             {"mes", true, false},
                             {"tes", true, false},
                             {"ses", true, false},
                             {"notre", true, false},
                             {"votre", true, false},
                             {"nos", true, false},
                             {"vos", true, false},
                             {"leur", true, false},
                             {"leurs", true, false},
                             {"sien", true, false},
                             {"nôtre", true, false}});
  check_cases(Language::en, {{"my", true, false},
                             {"your", true, false},
                             {"his", true, false},
                             {"her", true, false},
                             {"its", true, false},
                             {"our", true, false},
                             {"their", true, false},
                             // "son" is an English noun: only French makes it a stopword.
                             {"son", false, false}});
}

TEST_CASE("Spoken hedges are stopwords, the verbs they come from are not", "[stopwords]") {
  check_cases(Language::fr, {
                                {"dis", true, false},
                                {"dirais", true, false},
                                {"disons", true, false},
                                {"dit", true, false},
                                {"sais", true, false},
                                {"savez", true, false},
                                {"c'est-à-dire", true, false},
                                {"peut-être", true, false},
                                {"pourrait", true, false},
                                {"font", true, false},
                                {"mh", true, false},
                                {"xxx", true, false},  // "XXX", normalized
                                // Content verbs and their other forms stay.
                                {"disent", false, false},
                                {"sait", false, false},
                                {"savoir", false, false},
                                {"pense", false, false},
                                {"penser", false, false},
                                {"crois", false, false},
                                {"veut", false, false},
                                {"pouvoir", false, false},  // the noun "power"
                                {"devoir", false, false},   // duty, homework
                                {"faits", false, false},    // facts
                            });
}

TEST_CASE("The other language's function words, less the words both share", "[stopwords]") {
  // A French document: quoted English function words are stopwords, English words that are
  // also French words are not.
  check_cases(Language::fr, {
                                {"the", true, false},
                                {"and", true, false},
                                {"of", true, false},
                                {"you", true, false},
                                {"yeah", true, false},
                                {"don't", true, false},
                                {"but", false, false},  // le but
                                {"an", false, false},   // un an
                                {"sort", false, false},
                                {"lot", false, false},
                                {"it", false, false},  // l'IT
                                // Not function words: the content of a quotation.
                                {"know", false, false},
                                {"like", false, false},
                                {"use", false, false},
                            });
  // An English document: quoted French function words are stopwords, but not "on", "a",
  // which English lists itself, nor French function words that are English words.
  check_cases(Language::en, {
                                {"le", true, false},
                                {"la", false, false},  // LA
                                {"de", true, false},
                                {"et", true, false},
                                {"les", true, false},
                                {"est", true, false},
                                {"voilà", true, false},
                                {"on", true, false},
                                {"a", true, false},
                                {"pour", false, false},
                                {"ai", false, false},  // AI
                                {"eu", false, false},  // EU
                                {"un", false, false},  // UN
                                {"comment", false, false},
                                {"font", false, false},
                                {"genre", false, false},
                            });
}

TEST_CASE("Content words of interviews stay in both languages", "[stopwords]") {
  for (Language lang : {Language::fr, Language::en}) {
    const Stopwords s = Stopwords::defaults(lang);
    for (const char* w : {"travail", "temps", "client", "clients", "données", "accord", "ia",
                          "work", "data", "customer", "time", "people", "outil", "moment",
                          "exemple", "chiffre", "year", "ans", "mois"}) {
      INFO(language_code(lang) << " " << w);
      CHECK_FALSE(s.contains(w));
      CHECK_FALSE(s.numeral(w));
    }
  }
}

TEST_CASE("--keep rescues a numeral; numerals stand apart from the stopword lists", "[stopwords]") {
  Stopwords s = Stopwords::defaults(Language::fr);
  s.remove("Deux");
  CHECK_FALSE(s.numeral("deux"));
  CHECK(s.numeral("trois"));
  // --stopwords none: no stopword, numerals still numbers.
  const Stopwords none = Stopwords::numerals_of(default_numeral_list(Language::fr));
  CHECK(none.size() == 0);
  CHECK(none.numeral("vingt-deux"));
  CHECK_FALSE(none.contains("le"));
  CHECK_FALSE(none.contains("l'"));  // no elided prefixes either
  CHECK_FALSE(Stopwords().numeral("deux"));
}
