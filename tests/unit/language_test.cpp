#include "verbatim/language.hpp"

#include <catch2/catch.hpp>

using namespace verbatim;

TEST_CASE("Language detection from function words", "[language]") {
  CHECK(detect_language("Alors, euh, je pense que la personnalisation est la clé pour nous.") ==
        Language::fr);
  CHECK(detect_language("Honestly, I think that the personalization is what we were missing.") ==
        Language::en);
  CHECK(detect_language("") == Language::fr);
  CHECK(detect_language("IA ROI KPI 2025") == Language::fr);
  // Only the first bytes are read.
  const std::string long_fr = std::string(100, ' ') + "le client et la marque";
  CHECK(detect_language(long_fr + " the and the and the and the and", long_fr.size()) ==
        Language::fr);
}

TEST_CASE("Language codes", "[language]") {
  CHECK(language_code(Language::fr) == "fr");
  CHECK(language_code(Language::en) == "en");
  CHECK(parse_language("en") == Language::en);
  CHECK_FALSE(parse_language("de"));
  CHECK_FALSE(parse_language("FR"));
}
