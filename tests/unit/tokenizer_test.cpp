#include "verbatim/tokenizer.hpp"

#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "random_text.hpp"

using namespace verbatim;

namespace {

// "surface/kind@begin" for every token, so a case shows spans, kinds and text at once.
std::vector<std::string> toks(const std::string& text, Language lang = Language::fr,
                              HyphenMode hyphens = HyphenMode::language) {
  std::vector<Token> out;
  tokenize(text, {0, static_cast<std::uint32_t>(text.size())}, {lang, hyphens}, out);
  std::vector<std::string> r;
  for (const Token& t : out) {
    std::string s = text.substr(t.begin, t.end - t.begin);
    if (t.kind != TokenKind::word) s.append("/").append(token_kind_name(t.kind));
    s.append("@").append(std::to_string(t.begin));
    r.push_back(std::move(s));
  }
  return r;
}

using V = std::vector<std::string>;

// The tokens of text[r] by the short paths for plain words, required equal to the general
// scanner's (the short paths promise nothing else).
std::vector<Token> agreed_tokens(const std::string& text, Span r, Language lang, HyphenMode h) {
  std::vector<Token> fast, general;
  tokenize(text, r, {lang, h, true}, fast);
  tokenize(text, r, {lang, h, false}, general);
  require_same_tokens(fast, general);
  return fast;
}

}  // namespace

TEST_CASE("French elision with both apostrophes", "[tokenizer]") {
  CHECK(toks("l'IA") == V{"l'@0", "IA@2"});
  CHECK(toks("qu’elle") == V{"qu’@0", "elle@5"});
  CHECK(toks("jusqu'à") == V{"jusqu'@0", "à@6"});
  CHECK(toks("L’Europe d'abord, c'est n'importe quoi") == V{"L’@0", "Europe@4", "d'@11", "abord@13",
                                                            "c'@20", "est@22", "n'@26",
                                                            "importe@28", "quoi@36"});
  CHECK(toks("lorsqu'il puisqu’on quoiqu'elle") ==
        V{"lorsqu'@0", "il@7", "puisqu’@10", "on@19", "quoiqu'@22", "elle@29"});
}

TEST_CASE("French lexicalised forms stay whole", "[tokenizer]") {
  CHECK(toks("aujourd'hui aujourd’hui") == V{"aujourd'hui@0", "aujourd’hui@12"});
  CHECK(toks("quelqu'un presqu'île prud'hommes") ==
        V{"quelqu'un@0", "presqu'île@10", "prud'hommes@22"});
  CHECK(toks("c'est-à-dire C’est-à-dire") == V{"c'est-à-dire@0", "C’est-à-dire@14"});
  CHECK(toks("si l'on veut") == V{"si@0", "l'on@3", "veut@8"});
}

TEST_CASE("French hyphens: compounds whole, clitics apart", "[tokenizer]") {
  CHECK(toks("peut-être week-end porte-parole") ==
        V{"peut-être@0", "week-end@11", "porte-parole@20"});
  CHECK(toks("est-ce dit-il a-t-elle") ==
        V{"est@0", "-ce@3", "dit@7", "-il@10", "a@14", "-t-elle@15"});
  CHECK(toks("ce moment-là, celle-ci") == V{"ce@0", "moment@3", "-là@9", "celle-ci@15"});
  CHECK(toks("peut-être", Language::fr, HyphenMode::split) == V{"peut@0", "être@5"});
  CHECK(toks("dit-il", Language::fr, HyphenMode::keep) == V{"dit-il@0"});
}

TEST_CASE("English: contractions whole, hyphens split but for bound prefixes", "[tokenizer]") {
  const Language en = Language::en;
  CHECK(toks("Don't it's Google's I'm", en) == V{"Don't@0", "it's@6", "Google's@11", "I'm@20"});
  CHECK(toks("two-state data-driven", en) == V{"two@0", "state@4", "data@10", "driven@15"});
  CHECK(toks("e-mail co-founder re-entry non-white", en) ==
        V{"e-mail@0", "co-founder@7", "re-entry@18", "non-white@27"});
  CHECK(toks("two-state", en, HyphenMode::keep) == V{"two-state@0"});
  CHECK(toks("students' views", en) == V{"students'@0", "views@10"});
}

TEST_CASE("French lexicalised hyphen compounds stay whole, inverted clitics apart", "[tokenizer]") {
  struct Case {
    const char* text;
    V fr, split;  // language rules (and keep), then --hyphens split
  };
  const Case cases[] = {
      {"rendez-vous", {"rendez-vous@0"}, {"rendez@0", "-vous@6"}},
      {"Rendez-vous", {"Rendez-vous@0"}, {"Rendez@0", "-vous@6"}},
      {"RENDEZ-VOUS.", {"RENDEZ-VOUS@0"}, {"RENDEZ@0", "-VOUS@6"}},
      {"m'as-tu-vu", {"m'as-tu-vu@0"}, {"m'@0", "as@2", "tu@5", "vu@8"}},
      {"qu'en-dira-t-on", {"qu'en-dira-t-on@0"}, {"qu'@0", "en@3", "dira@6", "-t-on@10"}},
      {"main-d'œuvre", {"main-d'œuvre@0"}, {"main@0", "d'@5", "œuvre@7"}},
      {"chef-d'œuvre", {"chef-d'œuvre@0"}, {"chef@0", "d'@5", "œuvre@7"}},
      {"chefs-d’œuvre", {"chefs-d’œuvre@0"}, {"chefs@0", "d’@6", "œuvre@10"}},
      {"m’as-tu-vu", {"m’as-tu-vu@0"}, {"m’@0", "as@4", "tu@7", "vu@10"}},
      {"Qu’en-dira-t-on", {"Qu’en-dira-t-on@0"}, {"Qu’@0", "en@5", "dira@8", "-t-on@12"}},
      {"Chef-d'Œuvre", {"Chef-d'Œuvre@0"}, {"Chef@0", "d'@5", "Œuvre@7"}},
      {"chef-d'oeuvre", {"chef-d'oeuvre@0"}, {"chef@0", "d'@5", "oeuvre@7"}},
      {"hors-d'œuvre", {"hors-d'œuvre@0"}, {"hors@0", "d'@5", "œuvre@7"}},
      {"jusque-là", {"jusque-là@0"}, {"jusque@0", "-là@6"}},
      {"Jusque-là,", {"Jusque-là@0"}, {"Jusque@0", "-là@6"}},
      {"un chez-moi", {"un@0", "chez-moi@3"}, {"un@0", "chez@3", "-moi@7"}},
      // Inverted clitics stay split, as UD French does.
      {"dites-vous", {"dites@0", "-vous@5"}, {"dites@0", "-vous@5"}},
      {"pensez-vous", {"pensez@0", "-vous@6"}, {"pensez@0", "-vous@6"}},
      {"allez-vous", {"allez@0", "-vous@5"}, {"allez@0", "-vous@5"}},
      {"rendez-vousx", {"rendez-vousx@0"}, {"rendez@0", "vousx@7"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(toks(c.text) == c.fr);
    CHECK(toks(c.text, Language::fr, HyphenMode::split) == c.split);
  }
  CHECK(toks("main-d'œuvre", Language::fr, HyphenMode::keep) == V{"main-d'œuvre@0"});
  CHECK(toks("m'as-tu-vu", Language::fr, HyphenMode::keep) == V{"m'as-tu-vu@0"});
  CHECK(toks("rendez-vous", Language::en) == V{"rendez@0", "vous@7"});
}

TEST_CASE("French euphonic -t- goes with its clitic", "[tokenizer]") {
  // UD French: "a-t-il" is `a` + `-t-il`, "peut-on" `peut` + `-on`.
  CHECK(toks("a-t-on va-t-on peut-on") ==
        V{"a@0", "-t-on@1", "va@7", "-t-on@9", "peut@15", "-on@19"});
  CHECK(toks("Y a-t-il, a-t-elle") == V{"Y@0", "a@2", "-t-il@3", "a@10", "-t-elle@11"});
}

TEST_CASE("Initials, signs, elided words before a pause, truncations", "[tokenizer]") {
  struct Case {
    const char* text;
    Language lang;
    V tokens;
  };
  const Language fr = Language::fr, en = Language::en;
  const Case cases[] = {
      {"en 52 av. J.-C.", fr, {"en@0", "52/number@3", "av.@6", "J.-C.@10"}},
      {"J.-P. Sartre", fr, {"J.-P.@0", "Sartre@6"}},
      // UD French-Sequoia has `2 °C` as one NOUN `°C`; GSD cuts `40°C` into `40` `°` `C`. A
      // unit is one word however it is spaced.
      {"20 °C, 40°C et 5 °F",
       fr,
       {"20/number@0", "°C@3", "40/number@8", "°C@10", "et@14", "5/number@17", "°F@19"}},
      {"le n° 5, N°12", fr, {"le@0", "n°@3", "5/number@7", "N°@10", "12/number@13"}},
      {"° seul", fr, {"seul@3"}},
      {"l'\"autorisation\"", fr, {"l'@0", "autorisation@3"}},
      {"d', d'aider", fr, {"d'@0", "d'@4", "aider@6"}},
      {"qu’ euh", fr, {"qu’@0", "euh@6"}},
      {"proble- problem", en, {"proble-@0", "problem@8"}},
      {"Th- this", en, {"Th-@0", "this@4"}},
      {"c'est le pro- le projet", fr, {"c'@0", "est@2", "le@6", "pro-@9", "le@14", "projet@17"}},
      {"fin-", fr, {"fin-@0"}},
      {"init-- have", en, {"init@0", "have@7"}},
      {"pré- et post-opératoire", fr, {"pré-@0", "et@6", "post-opératoire@9"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(toks(c.text, c.lang) == c.tokens);
  }
}

TEST_CASE("French inclusive writing is one token in every spelling", "[tokenizer]") {
  struct Case {
    const char* text;
    V tokens;
  };
  const Case cases[] = {
      {"les étudiant·e·s", {"les@0", "étudiant·e·s@4"}},
      {"citoyen·ne·s", {"citoyen·ne·s@0"}},
      {"élu(e)s", {"élu(e)s@0"}},
      {"acteur(rice)s", {"acteur(rice)s@0"}},
      {"un(e) ami(e).", {"un(e)@0", "ami(e)@6"}},
      {"le(s) client(s)", {"le(s)@0", "client(s)@6"}},
      {"salarié.e.s", {"salarié.e.s@0"}},
      {"les étudiant.es.", {"les@0", "étudiant.es@4"}},
      {"participant-e-s", {"participant-e-s@0"}},
      {"des (rires) et", {"des@0", "rires@5", "et@12"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(toks(c.text) == c.tokens);
  }
  CHECK(toks("participant-e-s acteur-rice-s", Language::fr, HyphenMode::split) ==
        V{"participant-e-s@0", "acteur-rice-s@16"});
  CHECK(toks("deux-trois", Language::fr, HyphenMode::split) == V{"deux@0", "trois@5"});
  // English splits a parenthesised plural, as UD English-EWT's `one(s)`.
  CHECK(toks("one(s)", Language::en) == V{"one@0", "s@4"});
}

TEST_CASE("English possessives of plurals, years, emoticons", "[tokenizer]") {
  const Language en = Language::en;
  struct Case {
    const char* text;
    V tokens;
  };
  const Case cases[] = {
      {"the citizens' views", {"the@0", "citizens'@4", "views@14"}},
      {"Jeff Bezos' crisis", {"Jeff@0", "Bezos'@5", "crisis@12"}},
      // A quote left open on the line is closed, not a possessive.
      {"the 'dogs' bowl", {"the@0", "dogs@5", "bowl@11"}},
      {"our 'Homes' page, the taxpayers' money",
       {"our@0", "Homes@5", "page@12", "the@18", "taxpayers'@22", "money@33"}},
      {"in '68 and ’72", {"in@0", "'68/number@3", "and@7", "’72/number@11"}},
      // UD English-EWT keeps `:D` one token; `:)` has no letter and is punctuation.
      {"great :D and :-P :)", {"great@0", ":D@6", "and@9", ":-P@13"}},
      {"Note:Done ok:D", {"Note@0", "Done@5", "ok@10", "D@13"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(toks(c.text, en) == c.tokens);
  }
  // French: no possessive, and a colon before a capital is a colon.
  CHECK(toks("R :D'accord", Language::fr) == V{"R@0", "D'@3", "accord@5"});
}

TEST_CASE("Abbreviations keep their period", "[tokenizer]") {
  CHECK(toks("M. Dupont, Mme. Diallo, etc.") ==
        V{"M.@0", "Dupont@3", "Mme.@11", "Diallo@16", "etc.@24"});
  CHECK(toks("voir p. 12 et cf. annexe") ==
        V{"voir@0", "p.@5", "12/number@8", "et@11", "cf.@14", "annexe@18"});
  CHECK(toks("Mr. Smith in the U.S. e.g. today", Language::en) ==
        V{"Mr.@0", "Smith@4", "in@10", "the@13", "U.S.@17", "e.g.@22", "today@27"});
  CHECK(toks("la fin.") == V{"la@0", "fin@3"});
  CHECK(toks("No. I mean No. 5", Language::en) ==
        V{"No@0", "I@4", "mean@6", "No.@11", "5/number@15"});
  CHECK(is_abbreviation("M.", Language::fr));
  CHECK(is_abbreviation("etc.", Language::en));
  CHECK_FALSE(is_abbreviation("fin.", Language::fr));
  CHECK_FALSE(is_abbreviation("M", Language::fr));
  // Every case, the longest entries, accented ones, and near misses of each.
  for (const char* a :
       {"mlles.", "MLLES.", "Mlles.", "ibid.", "coll.", "éd.", "ÉD.", "tél.", "TÉL."})
    CHECK(is_abbreviation(a, Language::fr));
  for (const char* a : {"approx.", "APPROX.", "sept.", "Blvd.", "co."})
    CHECK(is_abbreviation(a, Language::en));
  for (const char* a : {"mllesx.", "mlle", "mlle,", "ibi.", "xm.", "m.m.", "tel.", "approx."})
    CHECK_FALSE(is_abbreviation(a, Language::fr));
  for (const char* a : {"approxi.", "mme.", "blv.", "cc.", "éd."})
    CHECK_FALSE(is_abbreviation(a, Language::en));
}

TEST_CASE("Numbers, symbols and spaces", "[tokenizer]") {
  CHECK(toks("76 % des clients") == V{"76/number@0", "des@5", "clients@9"});
  CHECK(toks("76\u00a0%") == V{"76/number@0"});
  CHECK(toks("1 000,5 euros") == V{"1 000,5/number@0", "euros@8"});
  CHECK(toks("10\u202f000\u202f000") == V{"10\u202f000\u202f000/number@0"});
  CHECK(toks("3,5 et 3.5") == V{"3,5/number@0", "et@4", "3.5/number@7"});
  CHECK(toks("en 2020 100 personnes") ==
        V{"en@0", "2020/number@3", "100/number@8", "personnes@12"});
  CHECK(toks("le 07/06/2000 au 06 12 34") ==
        V{"le@0", "07/06/2000/number@3", "au@14", "06/number@17", "12/number@20", "34/number@23"});
  CHECK(toks("B2C 4G 2e IA ROI") == V{"B2C@0", "4G@4", "2e@7", "IA@10", "ROI@13"});
  CHECK(toks("81K 3rd", Language::en) == V{"81/number@0", "K@2", "3rd@4"});
}

TEST_CASE("NBSP before French punctuation is a gap", "[tokenizer]") {
  const std::string s = "Bonjour\u00a0: vraiment\u00a0? oui\u202f!";
  CHECK(toks(s) == V{"Bonjour@0", "vraiment@11", "oui@23"});
}

TEST_CASE("Ligatures and accents are letters", "[tokenizer]") {
  CHECK(toks("cœur œuvre Ægypte naïve") == V{"cœur@0", "œuvre@6", "Ægypte@13", "naïve@21"});
}

TEST_CASE("URLs, e-mails, mentions, hashtags", "[tokenizer]") {
  CHECK(toks("voir https://exemple.fr/a?b=c, puis www.site.ma.") ==
        V{"voir@0", "https://exemple.fr/a?b=c/url@5", "puis@31", "www.site.ma/url@36"});
  CHECK(toks("écrire à jean.dupont@exemple.fr ou @marque #IA #2025") ==
        V{"écrire@0", "à@8", "jean.dupont@exemple.fr/email@11", "ou@34", "@marque/mention@37",
          "#IA/hashtag@45", "2025/number@50"});
}

TEST_CASE("Truncated words of spoken transcripts", "[tokenizer]") {
  CHECK(toks("zom~ ~enfin") == V{"zom~@0", "~enfin@5"});
}

TEST_CASE("Ranges: absolute offsets, empty and clipped ranges", "[tokenizer]") {
  const std::string s = "P01 : Le client.";
  std::vector<Token> out;
  tokenize(s, {6, 16}, {Language::fr}, out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].begin == 6);
  CHECK(out[0].end == 8);
  CHECK(out[1].begin == 9);
  CHECK(out[1].end == 15);
  out.clear();
  tokenize(s, {5, 5}, {Language::fr}, out);
  CHECK(out.empty());
  tokenize(s, {9, 1000}, {Language::fr}, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].end == 15);
}

TEST_CASE("Property: tokens are ordered, disjoint, inside the range, on UTF-8 boundaries",
          "[tokenizer]") {
  const std::vector<std::string> pieces = {
      "a",  "é",    "e\u0301", "œ", "'", "’", "-",  ".",          " ",  "\u00a0", "\u202f", "\n",
      "1",  ",",    "@",       "#", "~", "/", ":",  "http://x.y", "😀",  "ʼ",      "IA",     "l'",
      "qu", "www.", "&",       "%", "«", "»", "M.", "etc",        "\t", "0"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i)
      s += pieces[rng() % pieces.size()];
    for (Language lang : {Language::fr, Language::en}) {
      std::vector<Token> out;
      tokenize(s, {0, static_cast<std::uint32_t>(s.size())}, {lang}, out);
      std::uint32_t prev = 0;
      std::string rebuilt;
      for (const Token& t : out) {
        REQUIRE(t.begin >= prev);
        REQUIRE(t.end > t.begin);
        REQUIRE(t.end <= s.size());
        // Neither end cuts a UTF-8 sequence.
        REQUIRE((static_cast<unsigned char>(s[t.begin]) & 0xC0) != 0x80);
        REQUIRE((t.end == s.size() || (static_cast<unsigned char>(s[t.end]) & 0xC0) != 0x80));
        rebuilt += s.substr(prev, t.begin - prev);  // gap
        rebuilt += s.substr(t.begin, t.end - t.begin);
        prev = t.end;
      }
      rebuilt += s.substr(prev);
      REQUIRE(rebuilt == s);
    }
  }
}

TEST_CASE("Property: the short path for plain words gives the general scanner's tokens",
          "[tokenizer]") {
  // Pieces that end or continue a word in every way the rules know: elision, lexicalised
  // forms, hyphens and clitics, abbreviations, acronyms, URLs, addresses, mentions, numbers,
  // truncations, letters of every script width, and plain separators.
  const std::vector<std::string> pieces = {"a",       "le",
                                           "client",  "Été",
                                           "é",       "œu",
                                           "ß",       "Ωμέγα",
                                           "Привет",  "中文",
                                           "e\u0301", "1",
                                           "42",      "B2C",
                                           "'",       "’",
                                           "ʼ",       "-",
                                           "\u2011",  "–",
                                           ".",       ",",
                                           ";",       ":",
                                           "!",       "?",
                                           " ",       "  ",
                                           "\n",      "\t",
                                           "\u00a0",  "\u202f",
                                           "«",       "»",
                                           "(",       ")",
                                           "[rire]",  "~",
                                           "&",       "@",
                                           "#",       "_",
                                           "%",       "+",
                                           "/",       "http",
                                           "h",       "https",
                                           "://",     "www",
                                           "w",       "l",
                                           "c",       "qu",
                                           "jusqu",   "est",
                                           "à",       "dire",
                                           "aujourd", "hui",
                                           "t",       "il",
                                           "elle",    "là",
                                           "M",       "etc",
                                           "Mr",      "U",
                                           "S",       "No",
                                           "e",       "mail",
                                           "co",      "R",
                                           "D",       "x",
                                           "doc",     "😀",
                                           "\u0300",  "on",
                                           "L",       "C",
                                           "QU",      "quelqu",
                                           "un",      "l’on",
                                           "...",     "fr",
                                           "a.b",     "éd",
                                           "cf",      "No",
                                           "Mme",     "constitutionnellement",
                                           "rendez",  "vous",
                                           "chefs",   "œuvre",
                                           "m'as",    "°",
                                           "°C",      "n°",
                                           "·",       "(e)",
                                           "(",       "D",
                                           "J.-C.",   "68",
                                           "s'",      "abcdefghijklmnopqrstuvwxyz0123456789"};
  std::mt19937 rng(2024);
  std::size_t tokens = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int n = 1 + static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i)
      s += pieces[rng() % pieces.size()];
    for (Language lang : {Language::fr, Language::en}) {
      for (HyphenMode h : {HyphenMode::language, HyphenMode::keep, HyphenMode::split}) {
        INFO(s);
        tokens += agreed_tokens(s, {0, static_cast<std::uint32_t>(s.size())}, lang, h).size();
        // A range that ends inside the text (the 16-byte scan may read past it, never count
        // past it): cut at a random ASCII byte.
        const auto cut = static_cast<std::uint32_t>(rng() % (s.size() + 1));
        if (cut < s.size() && static_cast<unsigned char>(s[cut]) >= 0x80) continue;
        INFO("cut at " << cut);
        for (const Token& t : agreed_tokens(s, {0, cut}, lang, h))
          REQUIRE(t.end <= cut);
      }
    }
  }
  CHECK(tokens > 300000);
}

TEST_CASE("Property: words found 64 bytes at a time are the general scanner's tokens",
          "[tokenizer]") {
  // Texts long enough for the bit-mask path (64 bytes and more), of everything its masks tell
  // apart: ASCII and two-byte French letters, the characters that look like them (× ÷ ª µ º ²
  // Ÿ, other scripts, combining marks), French punctuation in gaps and at a word's end (no-break
  // spaces, « », dashes, ’, …), sigils, numbers, words cut by a block's end or longer than one.
  const std::vector<std::string> pieces = {
      "le",
      "client",
      "été",
      "À",
      "œuvre",
      "Œ",
      "naïve",
      "çà",
      "ÿ",
      "×",
      "÷",
      "ª",
      "µ",
      "º",
      "²",
      "Ÿ",
      "ı",
      "Ωμέγα",
      "中",
      "😀",
      "e\u0301",
      "ab",
      "Zz",
      "42",
      "42d",
      "3e",
      "1 000",
      " ",
      " ",
      " ",
      "\n",
      "\t",
      ",",
      ".",
      "...",
      ";",
      ":",
      "!",
      "?",
      "(",
      ")",
      "\"",
      "'",
      "’",
      "‘",
      "-",
      "\u2011",
      "—",
      "–",
      "…",
      "\u00a0",
      "\u202f",
      "«",
      "»",
      "@",
      "#",
      "~",
      "&",
      "_",
      "%",
      "+",
      "/",
      "l'",
      "qu’",
      "aujourd'hui",
      "c'est-à-dire",
      "dit-il",
      "peut-être",
      "rendez-vous",
      "chefs-d'œuvre",
      "qu'en-dira-t-on",
      "a-t-on",
      "n°",
      "°C",
      "·",
      "étudiant·e·s",
      "élu(e)s",
      "proble-",
      ":D",
      "'68",
      "citizens'",
      "J.-C.",
      "M.",
      "etc.",
      "U.S.",
      "e-mail",
      "don't",
      "R&D",
      "x.fr",
      "a@b.fr",
      "http://a.fr/b",
      "www.x.org",
      "@moi",
      "#tag",
      "~enfin",
      "zom~",
      "[rire]",
      "(rires)",
      "anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement"};
  std::mt19937 rng(64);
  std::size_t tokens = 0;
  for (int round = 0; round < 4000; ++round) {
    const std::string s = random_text(rng, pieces, 20, 160);
    for (Language lang : {Language::fr, Language::en}) {
      for (HyphenMode h : {HyphenMode::language, HyphenMode::keep, HyphenMode::split}) {
        // The whole text, and a range from and to random ASCII bytes.
        auto ascii_at = [&s](std::uint32_t i) {
          return i >= s.size() || static_cast<unsigned char>(s[i]) < 0x80;
        };
        auto b = static_cast<std::uint32_t>(rng() % (s.size() / 2 + 1));
        auto e = static_cast<std::uint32_t>(s.size() - rng() % (s.size() / 4 + 1));
        if (!ascii_at(b)) b = 0;
        if (!ascii_at(e)) e = static_cast<std::uint32_t>(s.size());
        for (const Span r : {Span{0, static_cast<std::uint32_t>(s.size())}, Span{b, e}}) {
          INFO(s << "\nrange " << r.begin << "-" << r.end);
          tokens += agreed_tokens(s, r, lang, h).size();
        }
      }
    }
  }
  CHECK(tokens > 1000000);
}

TEST_CASE("Property: on bytes that are not UTF-8, the 64-byte path still gives the general tokens",
          "[tokenizer]") {
  // Documents are valid UTF-8 once decoded, but the tokenizer is also given other bytes: lone
  // lead and continuation bytes, leads before ASCII, cut sequences, beside the letters and the
  // punctuation the masks know.
  const std::vector<std::string> pieces = {
      "a",    "été",  "œ",    " ",      "\n",       ",",    ".",    "'",    "-",
      "\xC3", "\xC2", "\xC5", "\xE2",   "\xE2\x80", "\xA9", "\x80", "\xBB", "\xCE\xB1",
      "«",    "»",    "…",    "\u00a0", "\xF0\x9F", "×",    "1",    "@",    "#"};
  std::mt19937 rng(128);
  for (int round = 0; round < 4000; ++round) {
    const std::string s = random_text(rng, pieces, 30, 120);
    for (Language lang : {Language::fr, Language::en}) {
      INFO(s);
      agreed_tokens(s, {0, static_cast<std::uint32_t>(s.size())}, lang, HyphenMode::language);
    }
  }
}

TEST_CASE("Property: normalize_token equals ICU's full case folding with apostrophes",
          "[tokenizer]") {
  // The reference: ICU folds case, then the three apostrophes become U+0027.
  auto reference = [](const std::string& s) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    u.foldCase();
    for (UChar32 a : {0x2019, 0x02BC, 0x2018})
      u.findAndReplace(icu::UnicodeString(a), icu::UnicodeString(u'\''));
    std::string out;
    u.toUTF8String(out);
    return out;
  };
  std::vector<std::string> pieces = {"a", "Z", "'", "-", "1", "’", "‘", "ʼ", "Œ", "œ", "Ÿ",
                                     "ſ", "µ", "İ", "Σ", "ﬁ", "K", "Ǆ", "ẞ", "Ω", "Å"};
  for (UChar32 c = 0xC0; c <= 0x17F; ++c) {
    std::string s;
    icu::UnicodeString(c).toUTF8String(s);
    pieces.push_back(s);
  }
  std::mt19937 rng(77);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int n = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i)
      s += pieces[rng() % pieces.size()];
    INFO(s);
    REQUIRE(normalize_token(s) == reference(s));
  }
}

TEST_CASE("normalize_token folds case and apostrophes", "[tokenizer]") {
  CHECK(normalize_token("IA") == "ia");
  CHECK(normalize_token("Qu’elle") == "qu'elle");
  CHECK(normalize_token("ʼtis") == "'tis");
  CHECK(normalize_token("‘quote") == "'quote");
  CHECK(normalize_token("ÉTÉ") == "été");
  CHECK(normalize_token("Straße") == "strasse");
  CHECK(normalize_token("ŒUVRE") == "œuvre");
  CHECK(normalize_token("") == "");
}

TEST_CASE("token_kind_name", "[tokenizer]") {
  CHECK(token_kind_name(TokenKind::word) == "word");
  CHECK(token_kind_name(TokenKind::number) == "number");
  CHECK(token_kind_name(TokenKind::url) == "url");
  CHECK(token_kind_name(TokenKind::email) == "email");
  CHECK(token_kind_name(TokenKind::mention) == "mention");
  CHECK(token_kind_name(TokenKind::hashtag) == "hashtag");
}
