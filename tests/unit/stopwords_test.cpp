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
  for (const char* w : {"client", "ia", "accord", "travail", "temps", "fidélité", "son"}) {
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

TEST_CASE("Default lists are built from three texts, the embedded ones by default", "[stopwords]") {
  const DefaultListTexts fr = embedded_default_lists(Language::fr);
  CHECK(fr.snowball == default_stopword_list(Language::fr));
  CHECK(fr.fillers == default_filler_list(Language::fr));
  CHECK(fr.spoken.find("voilà") != std::string_view::npos);
  CHECK(Stopwords::from_lists(fr).size() == Stopwords::defaults(Language::fr).size());
  // Other texts (an installed data folder) give other lists.
  const Stopwords own = Stopwords::from_lists({"le | article\nla\n", "euh", "ENTREPRISE"});
  CHECK(own.size() == 4);
  CHECK(own.contains("entreprise"));
  CHECK(own.contains("euh"));
  CHECK_FALSE(own.contains("et"));
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
}
