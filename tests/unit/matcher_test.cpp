#include "verbatim/matcher.hpp"

#include <catch2/catch.hpp>

#include "verbatim/stemmer.hpp"
#include "verbatim/tokenizer.hpp"

using namespace verbatim;

namespace {

// "first-last:query" for each match of `queries` in the word tokens of `text`.
std::vector<std::string> matches(const std::vector<std::string>& queries, const std::string& text,
                                 bool stems = false, Language lang = Language::fr,
                                 HyphenMode hyphens = HyphenMode::language) {
  const TokenizerOptions topts{lang, hyphens};
  std::vector<Token> toks;
  tokenize(text, {0, static_cast<std::uint32_t>(text.size())}, topts, toks);
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
  Matcher(queries, stems).find(mt, topts, out);
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
  // A query is tokenized as the text: the elided article is its own token in both.
  CHECK(matches({"l'engagement"}, "L’engagement") == V{"0-1:0"});
  CHECK(matches({"IA"}, "l'ia, L'IA") == V{"1-1:0", "3-3:0"});
}

TEST_CASE("Phrases, globs, the longest query first, no overlap", "[matcher]") {
  const std::string s = "l'expérience client et l'expérience des clients";
  CHECK(matches({"\"expérience client\""}, s) == V{"1-2:0"});
  CHECK(matches({"expérience", "expérience client*"}, s) == V{"1-2:1", "5-5:0"});
  CHECK(matches({"client*"}, s) == V{"2-2:0", "7-7:0"});
  CHECK(matches({}, s) == V{});
}

TEST_CASE("Queries are tokenized like the text, in its language and hyphen mode", "[matcher]") {
  const TokenizerOptions fr{Language::fr}, fr_split{Language::fr, HyphenMode::split},
      fr_keep{Language::fr, HyphenMode::keep}, en{Language::en},
      en_keep{Language::en, HyphenMode::keep}, en_split{Language::en, HyphenMode::split};
  struct Case {
    const char* query;
    TokenizerOptions opts;
    std::vector<std::string> words;
  };
  const Case cases[] = {
      {"rendez-vous", fr, {"rendez-vous"}},
      {"rendez-vous", fr_keep, {"rendez-vous"}},
      {"rendez-vous", fr_split, {"rendez", "-vous"}},
      {"rendez-vous", en, {"rendez", "vous"}},
      {"e-mail", en, {"e-mail"}},
      {"e-mail", en_split, {"e", "mail"}},
      {"two-state", en_keep, {"two-state"}},
      {"l'IA", fr, {"l'", "IA"}},
      {"\"l'expérience client\"", fr, {"l'", "expérience", "client"}},
      {"dites-vous", fr, {"dites", "-vous"}},
      {"client.", fr, {"client"}},
      {"fidél*", fr, {"fidél*"}},
      {"l'*", fr, {"l'", "*"}},
      {"rendez-*", fr, {"rendez-*"}},
      {"?A", fr, {"?A"}},
      {"%", fr, {"%"}},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    CHECK(query_words(c.query, c.opts) == c.words);
  }
  // Every occurrence of a compound is found, whatever the hyphen mode of the text.
  const std::string s = "un rendez-vous, des Rendez-vous, rendez vous";
  CHECK(matches({"rendez-vous"}, s) == V{"1-1:0", "3-3:0"});
  CHECK(matches({"rendez-vous"}, s, false, Language::fr, HyphenMode::keep) == V{"1-1:0", "3-3:0"});
  CHECK(matches({"rendez-vous"}, s, false, Language::fr, HyphenMode::split) == V{"1-2:0", "4-5:0"});
  CHECK(matches({"rendez-vous"}, s, false, Language::en) == V{"1-2:0", "4-5:0", "6-7:0"});
  // A bound prefix keeps its hyphen in English unless hyphens are split.
  const std::string m = "an e-mail, two E-mails";
  CHECK(matches({"e-mail*"}, m, false, Language::en) == V{"1-1:0", "3-3:0"});
  CHECK(matches({"e-mail*"}, m, false, Language::en, HyphenMode::split) == V{"1-2:0", "4-5:0"});
  CHECK(matches({"e-mail"}, m, false, Language::en, HyphenMode::keep) == V{"1-1:0"});
  // Stems are taken word by word of the tokenized query.
  CHECK(matches({"rendez-vous"}, "des rendez-vous", true) == V{"1-1:0"});
}

TEST_CASE("Stem mode compares Snowball stems", "[matcher]") {
  CHECK(matches({"personnalisation"}, "personnaliser, personnalisées, personne", true) ==
        V{"0-0:0", "1-1:0"});
  CHECK(matches({"customers"}, "a customer and two customers", true, Language::en) ==
        V{"1-1:0", "4-4:0"});
}

TEST_CASE("may_start never rules out a surface that a query's first word matches", "[matcher]") {
  // Surfaces of up to three characters from letters whose folding is tricky: ß folds to "ss",
  // ſ to "s", K (Kelvin) to "k", ﬁ to "fi", İ to "i̇", ’ to '; plus Latin letters in both cases.
  const std::vector<std::string> alphabet = {"a", "A", "e", "é", "É",  "ß", "ſ", "\u212A", "ﬁ",
                                             "’", "i", "İ", "l", "c",  "s", "k", "f",      "F",
                                             "d", "S", "'", "à", "ss", "ŉ", "n"};
  std::vector<std::string> surfaces;
  for (const auto& a : alphabet) {
    surfaces.push_back(a);
    for (const auto& b : alphabet) {
      surfaces.push_back(a + b);
      for (const auto& c : alphabet)
        surfaces.push_back(a + b + c);
    }
  }
  const std::vector<std::vector<std::string>> sets = {
      {"fidélité", "client", "personnalis*", "engagement", "\"intelligence artificielle\""},
      {"ss", "s", "k*", "fi*", "'a"},
      {"'n*", "a'n", "sé"},
      {"élève*", "ça", "à"},
      {"i̇*", "fid*", "a?", "sé"},
      {"sss", "kk", "ﬁ"}};
  std::size_t ruled_out = 0, checked = 0;
  for (const auto& set : sets) {
    const Matcher all(set, false);
    std::vector<Matcher> firsts;
    for (const auto& q : set) {
      std::string first = q;
      if (first.front() == '"') first = first.substr(1, first.find(' ') - 1);
      firsts.emplace_back(std::vector<std::string>{first}, false);
    }
    for (const auto& s : surfaces) {
      const std::string norm = normalize_token(s);
      bool matched = false;
      for (const Matcher& m : firsts) {
        std::vector<Match> out;
        m.find({{norm, {}}}, Language::fr, out);
        matched = matched || !out.empty();
      }
      ++checked;
      // may_occur() never rules out a text holding a surface that may_start() lets through.
      if (all.may_start(s)) {
        INFO("surface " << s << " set " << set.front());
        CHECK(all.may_occur(s));
        CHECK(all.may_occur("Le, " + s + "\nfin"));
      }
      if (!all.may_start(s)) {
        ++ruled_out;
        INFO("surface " << s << " norm " << norm << " set " << set.front());
        CHECK_FALSE(matched);
      }
    }
  }
  // Most of them are ruled out without normalizing (the point of the test).
  CHECK(ruled_out > checked / 2);

  const Matcher m(sets[0], false);
  CHECK(m.may_start("Engagement"));
  CHECK(m.may_start("CLIENT"));
  CHECK(m.may_start("Fidèle"));  // its ASCII start agrees with "fidélité"
  CHECK(m.may_start("Intelligence"));
  CHECK(m.may_start("ﬁdélité"));  // the ligature folds to "fi"
  CHECK_FALSE(m.may_start("en"));
  CHECK_FALSE(m.may_start("encore"));
  CHECK_FALSE(m.may_start("clients"));  // longer than the whole word "client"
  CHECK_FALSE(m.may_start("à"));        // folds to a non-ASCII start
  CHECK_FALSE(m.may_start("Élève"));
  CHECK_FALSE(m.may_start("personne"));  // not the prefix "personnalis"
  CHECK(m.may_start("personnalisée"));
  CHECK(Matcher({"élève*"}, false).may_start("Élèves"));
  CHECK(Matcher({"*ment"}, false).may_start("encore"));  // a leading wildcard admits all
  CHECK(Matcher({"client"}, true).may_start("à"));       // so does a stem query

  CHECK_FALSE(m.may_occur("Il était une fois, en hiver, une personne âgée."));
  CHECK_FALSE(m.may_occur(""));
  CHECK(m.may_occur("Une CLIENTÈLE fidèle"));  // needles are found inside words, in any case
  CHECK(m.may_occur("L’ENGAGEMENT"));
  CHECK(m.may_occur("la ﬁdélité"));  // a ligature may fold to the needle's letters
  CHECK(m.may_occur("une Straße"));  // ß too: a folding character always lets the text through
  CHECK(Matcher({"*ment"}, false).may_occur("rien"));
  CHECK(Matcher({"élève"}, false).may_occur("rien"));  // a non-ASCII lead is not searched for
}

TEST_CASE("The characters whose normalized form starts with ASCII are the folding ones",
          "[matcher]") {
  // Every code point beyond ASCII: if normalizing it gives an ASCII first byte, its first two
  // bytes are a folding pair, or it is one of the apostrophes normalizing replaces.
  std::size_t ascii_starts = 0;
  for (char32_t c = 0x80; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string u;
    if (c < 0x800) {
      u += static_cast<char>(0xC0 | (c >> 6));
    } else if (c < 0x10000) {
      u += static_cast<char>(0xE0 | (c >> 12));
      u += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    } else {
      u += static_cast<char>(0xF0 | (c >> 18));
      u += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      u += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    }
    u += static_cast<char>(0x80 | (c & 0x3F));
    const std::string norm = normalize_token(u);
    if (norm.empty() || static_cast<unsigned char>(norm[0]) >= 0x80) continue;
    ++ascii_starts;
    INFO("U+" << std::hex << static_cast<std::uint32_t>(c));
    CHECK((is_folding_pair(static_cast<unsigned char>(u[0]), static_cast<unsigned char>(u[1])) ||
           c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x0149));
  }
  CHECK(ascii_starts == 22);  // 18 folding letters, 3 apostrophes, and ŉ (folds to ʼn)
  CHECK_FALSE(is_folding_pair(0xC3, 0xA9));  // é
}
