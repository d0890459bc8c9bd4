#include "verbatim/stemmer.hpp"

#include <catch2/catch.hpp>
#include <thread>

using namespace verbatim;

TEST_CASE("Snowball French and English stems", "[stemmer]") {
  Stemmer fr(Language::fr);
  CHECK(fr.stem("personnalisation") == "personnalis");
  CHECK(fr.stem("personnalisé") == "personnalis");
  CHECK(fr.stem("fidélisation") == "fidélis");
  CHECK(fr.stem("clients") == "client");
  CHECK(fr.stem("") == "");
  Stemmer en(Language::en);
  CHECK(en.stem("personalization") == "person");
  CHECK(en.stem("customers") == "custom");
  CHECK(en.stem("loyalty") == "loyalti");
  CHECK(en.language() == Language::en);
}

TEST_CASE("Words in and beyond Latin-1 get the same stems", "[stemmer]") {
  // Latin-1 words go through Snowball's ISO-8859-1 build, others (œ, ĳ) through its UTF-8
  // build; turn by turn, each must give Snowball's stem (the gold test checks every word of
  // Snowball's vocabularies).
  Stemmer fr(Language::fr);
  for (int round = 0; round < 2; ++round) {
    CHECK(fr.stem("cœurs") == "cœur");
    CHECK(fr.stem("naïveté") == "naïvet");
    CHECK(fr.stem("œuvres") == "œuvr");
    CHECK(fr.stem("forêts") == "forêt");
    CHECK(fr.stem("maïs") == "maï");
    CHECK(fr.stem("ĳssel") == "ĳssel");
    CHECK(fr.stem("noël") == "noël");
    CHECK(fr.stem("éléphants") == "éleph");  // the last é before the ending loses its accent
  }
  Stemmer en(Language::en);
  CHECK(en.stem("naïvely") == "naïv");
  CHECK(en.stem("cafés") == "café");
}

TEST_CASE("Clitic tokens are stemmed as the pronoun", "[stemmer]") {
  Stemmer fr(Language::fr);
  CHECK(fr.stem("-elle") == fr.stem("elle"));
  CHECK(fr.stem("-t-il") == "il");
  CHECK(fr.stem("-") == "-");
}

TEST_CASE("One stemmer per thread gives the same stems", "[stemmer]") {
  std::vector<std::string> a(4), b(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Stemmer s(Language::fr);
      for (int i = 0; i < 2000; ++i)
        a[t] = std::string(s.stem("recommandations"));
    });
  }
  for (auto& th : threads)
    th.join();
  for (const auto& s : a)
    CHECK(s == "recommand");
  Stemmer moved = Stemmer(Language::en);
  CHECK(moved.stem("running") == "run");
  CHECK(stemmer_version().starts_with("libstemmer"));
}
