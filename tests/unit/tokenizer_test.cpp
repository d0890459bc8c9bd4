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
  CHECK(toks("students' views", en) == V{"students@0", "views@10"});
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
  const std::vector<std::string> pieces = {"a",
                                           "le",
                                           "client",
                                           "Été",
                                           "é",
                                           "œu",
                                           "ß",
                                           "Ωμέγα",
                                           "Привет",
                                           "中文",
                                           "e\u0301",
                                           "1",
                                           "42",
                                           "B2C",
                                           "'",
                                           "’",
                                           "ʼ",
                                           "-",
                                           "\u2011",
                                           "–",
                                           ".",
                                           ",",
                                           ";",
                                           ":",
                                           "!",
                                           "?",
                                           " ",
                                           "  ",
                                           "\n",
                                           "\t",
                                           "\u00a0",
                                           "\u202f",
                                           "«",
                                           "»",
                                           "(",
                                           ")",
                                           "[rire]",
                                           "~",
                                           "&",
                                           "@",
                                           "#",
                                           "_",
                                           "%",
                                           "+",
                                           "/",
                                           "http",
                                           "h",
                                           "https",
                                           "://",
                                           "www",
                                           "w",
                                           "l",
                                           "c",
                                           "qu",
                                           "jusqu",
                                           "est",
                                           "à",
                                           "dire",
                                           "aujourd",
                                           "hui",
                                           "t",
                                           "il",
                                           "elle",
                                           "là",
                                           "M",
                                           "etc",
                                           "Mr",
                                           "U",
                                           "S",
                                           "No",
                                           "e",
                                           "mail",
                                           "co",
                                           "R",
                                           "D",
                                           "x",
                                           "doc",
                                           "😀",
                                           "\u0300",
                                           "on",
                                           "L",
                                           "C",
                                           "QU",
                                           "quelqu",
                                           "un",
                                           "l’on",
                                           "...",
                                           "fr",
                                           "a.b",
                                           "éd",
                                           "cf",
                                           "No",
                                           "Mme",
                                           "constitutionnellement",
                                           "abcdefghijklmnopqrstuvwxyz0123456789"};
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
