// Pins what an apostrophe, a typographic space and a hyphen are (normalize.hpp), byte lengths
// included, and that normalize_token() reads every apostrophe as '.
#include <catch2/catch.hpp>

#include "verbatim/normalize.hpp"
#include "verbatim/tokenizer.hpp"

using namespace verbatim;

TEST_CASE("normalize: apostrophes, by code point and by bytes") {
  for (char32_t c : {U'\'', U'\u2019', U'\u02bc', U'\u2018'})
    CHECK(is_apostrophe(c));
  for (char32_t c : {U'`', U'\u00b4', U'"', U'\u2032'})
    CHECK_FALSE(is_apostrophe(c));
  CHECK(apostrophe_at("l'IA", 1) == 1);
  CHECK(apostrophe_at("l\u2019IA", 1) == 3);
  CHECK(apostrophe_at("l\u2018IA", 1) == 3);
  CHECK(apostrophe_at("l\u02bcIA", 1) == 2);
  CHECK(apostrophe_at("l\u201cIA", 1) == 0);  // a quotation mark
  CHECK(apostrophe_at("l\xE2\x80", 1) == 0);  // cut short
  CHECK(apostrophe_at("l", 1) == 0);
}

TEST_CASE("normalize: typographic spaces, by code point and by bytes") {
  for (char32_t c : {U'\u00a0', U'\u202f', U'\u2009', U'\u2007', U'\u2008'})
    CHECK(is_typographic_space(c));
  CHECK_FALSE(is_typographic_space(U' '));
  CHECK_FALSE(is_typographic_space(U'\u200b'));  // zero width: not a space between words
  CHECK(typographic_space_at("30\u00a0%", 2) == 2);
  CHECK(typographic_space_at("30\u202f%", 2) == 3);
  CHECK(typographic_space_at("30\u2009%", 2) == 3);
  CHECK(typographic_space_at("30\u2019%", 2) == 0);
  CHECK(typographic_space_at("30 %", 2) == 0);
  CHECK(is_hyphen(U'-'));
  CHECK(is_hyphen(U'\u2011'));
  CHECK_FALSE(is_hyphen(U'\u2013'));  // an en dash separates, it does not join
}

TEST_CASE("normalize: every apostrophe normalizes to '") {
  for (const char* w : {"aujourd'hui", "aujourd\u2019hui", "aujourd\u2018hui", "aujourd\u02bchui"})
    CHECK(normalize_token(w) == "aujourd'hui");
}
