#include "verbatim/matcher.hpp"

#include <catch2/catch.hpp>

#include "verbatim/stemmer.hpp"
#include "verbatim/tokenizer.hpp"

using namespace verbatim;

namespace {

// "first-last:query" for each match of `queries` in the word tokens of `text`.
std::vector<std::string> matches(const std::vector<std::string>& queries, const std::string& text,
                                 bool stems = false, Language lang = Language::fr) {
  std::vector<Token> toks;
  tokenize(text, {0, static_cast<std::uint32_t>(text.size())}, {lang}, toks);
  std::vector<std::string> norms, st;
  Stemmer stemmer(lang);
  for (const Token& t : toks) {
    norms.push_back(normalize_token(text.substr(t.begin, t.end - t.begin)));
    st.push_back(std::string(stemmer.stem(norms.back())));
  }
  std::vector<MatchToken> mt;
  for (std::size_t i = 0; i < norms.size(); ++i)
    mt.push_back({norms[i], stems ? std::string_view(st[i]) : std::string_view()});
  std::vector<Match> out;
  Matcher(queries, stems).find(mt, lang, out);
  std::vector<std::string> r;
  for (const Match& m : out) {
    r.push_back(std::to_string(m.first) + "-" + std::to_string(m.last) + ":" +
                std::to_string(m.query));
  }
  return r;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("glob_match", "[matcher]") {
  CHECK(glob_match("fidél*", "fidélité"));
  CHECK(glob_match("fidél*", "fidél"));
  CHECK_FALSE(glob_match("fidél*", "infidélité"));
  CHECK(glob_match("*client*", "clientèle"));
  CHECK(glob_match("?a", "ça"));  // ? is one code point, not one byte
  CHECK_FALSE(glob_match("?", "ça"));
  CHECK(glob_match("a*b*c", "axxbyyc"));
  CHECK_FALSE(glob_match("a*b*c", "axxbyy"));
  CHECK(glob_match("*", ""));
  // Many stars stay fast (no exponential backtracking).
  CHECK_FALSE(glob_match("a*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

TEST_CASE("Words match normalized tokens, across elision and apostrophes", "[matcher]") {
  // l' engagement , L’ Engagement client
  CHECK(matches({"engagement"}, "l'engagement, L’Engagement client") == V{"1-1:0", "3-3:0"});
  CHECK(matches({"l'engagement"}, "L’engagement") == V{});  // the elided article is its own token
  CHECK(matches({"IA"}, "l'ia, L'IA") == V{"1-1:0", "3-3:0"});
}

TEST_CASE("Phrases, globs, the longest query first, no overlap", "[matcher]") {
  const std::string s = "l'expérience client et l'expérience des clients";
  CHECK(matches({"\"expérience client\""}, s) == V{"1-2:0"});
  CHECK(matches({"expérience", "expérience client*"}, s) == V{"1-2:1", "5-5:0"});
  CHECK(matches({"client*"}, s) == V{"2-2:0", "7-7:0"});
  CHECK(matches({}, s) == V{});
}

TEST_CASE("Stem mode compares Snowball stems", "[matcher]") {
  CHECK(matches({"personnalisation"}, "personnaliser, personnalisées, personne", true) ==
        V{"0-0:0", "1-1:0"});
  CHECK(matches({"customers"}, "a customer and two customers", true, Language::en) ==
        V{"1-1:0", "4-4:0"});
}
