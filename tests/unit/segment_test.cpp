#include "verbatim/segment.hpp"

#include <catch2/catch.hpp>

#include "random_text.hpp"

using namespace verbatim;

namespace {

std::vector<std::string> sentences(const std::string& text, std::vector<Span> content = {},
                                   Language lang = Language::fr) {
  if (content.empty()) content.push_back({0, static_cast<std::uint32_t>(text.size())});
  std::vector<Token> toks;
  for (const Span& r : content)
    tokenize(text, r, {lang}, toks);
  std::vector<std::string> out;
  for (const Span& s : split_sentences(text, content, toks))
    out.push_back(text.substr(s.begin, s.size()));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("Sentences end at . ! ? but not after abbreviations", "[segment]") {
  CHECK(sentences("M. Dupont est là. Il parle, etc. Et vous ? Oui !") ==
        V{"M. Dupont est là.", "Il parle, etc. Et vous ?", "Oui !"});
  CHECK(sentences("Mr. Smith works in the U.S. He likes it.", {}, Language::en) ==
        V{"Mr. Smith works in the U.S. He likes it."});
  CHECK(sentences("Il a dit « oui. » Puis non.") == V{"Il a dit « oui. »", "Puis non."});
  CHECK(sentences("Sans point final") == V{"Sans point final"});
  CHECK(sentences("") == V{});
}

TEST_CASE("Ellipses end a sentence only before a capital", "[segment]") {
  CHECK(sentences("On a… on a commencé... Ensuite, bon… voilà.") ==
        V{"On a… on a commencé...", "Ensuite, bon… voilà."});
}

TEST_CASE("Blank lines end sentences", "[segment]") {
  CHECK(sentences("Première partie\n\nDeuxième partie") == V{"Première partie", "Deuxième partie"});
  CHECK(sentences("une ligne\ncontinue") == V{"une ligne\ncontinue"});
}

TEST_CASE("Sentences across content ranges ignore what lies between", "[segment]") {
  const std::string s = "<v A>Bonjour à</v>\n00:01 --> 00:02\n<v A>vous. Merci.</v>";
  const std::vector<Span> content = {{5, 14}, {41, 53}};
  CHECK(sentences(s, content) == V{"Bonjour à</v>\n00:01 --> 00:02\n<v A>vous.", "Merci."});
}

TEST_CASE("Paragraphs are runs of non-blank lines", "[segment]") {
  const std::string s = "Un.\nDeux.\n  \nTrois.\n\n\nQuatre.";
  std::vector<std::string> out;
  for (const Span& p : split_paragraphs(s, {{0, static_cast<std::uint32_t>(s.size())}})) {
    out.push_back(s.substr(p.begin, p.size()));
  }
  CHECK(out == V{"Un.\nDeux.", "Trois.", "Quatre."});
}

TEST_CASE("turn_units for every unit kind", "[segment]") {
  const std::string s = "P01 : Un. Deux.\n\nTrois.";
  Turn turn;
  turn.content = {{6, static_cast<std::uint32_t>(s.size())}};
  std::vector<Token> toks;
  tokenize_turn(s, turn, {Language::fr}, toks);
  CHECK(toks.size() == 3);
  CHECK(turn_units(s, turn, UnitKind::sentence, toks).size() == 3);
  CHECK(turn_units(s, turn, UnitKind::paragraph, toks).size() == 2);
  const auto whole = turn_units(s, turn, UnitKind::turn, toks);
  REQUIRE(whole.size() == 1);
  CHECK(whole[0] == Span{6, static_cast<std::uint32_t>(s.size())});
  CHECK(turn_units(s, Turn{}, UnitKind::turn, {}).empty());
  CHECK(parse_unit_kind("paragraph") == UnitKind::paragraph);
  CHECK_FALSE(parse_unit_kind("page"));
  CHECK(unit_kind_name(UnitKind::sentence) == "sentence");
}

TEST_CASE("Transcriber's notes are not tokens", "[segment]") {
  const std::string text =
      "Oui [rire] c'est (rires) vrai (Lyon) [inaudible 00:12] fin [pas fermé\n(soupir)";
  Turn t;
  t.content = {{0, static_cast<std::uint32_t>(text.size())}};
  std::vector<Token> toks;
  tokenize_turn(text, t, {Language::fr}, toks);
  std::vector<std::string> words;
  for (const Token& k : toks)
    words.push_back(text.substr(k.begin, k.end - k.begin));
  CHECK(words ==
        std::vector<std::string>{"Oui", "c'", "est", "vrai", "Lyon", "fin", "pas", "fermé"});
}

TEST_CASE("The lines of a content range, tokenized alone, give the range's tokens", "[segment]") {
  // No token and no transcriber's note crosses a line break (the concordance relies on it).
  const std::vector<std::string> pieces = {
      "a",     "B",  "é", "1", "0",  " ",       "\n",          "-",    "'",      "’",
      ".",     ",",  "@", "#", "~",  "http://", "www.",        "x.fr", "\u00a0", "\u202f",
      "[",     "]",  "(", ")", "M.", "etc.",    "aujourd'hui", "l'",   "qu’",    "dit-il",
      "1 000", "\r", "…", "_", "%",  "+",       ":",           "/",    "rires",  "inaudible"};
  std::mt19937 rng(99);
  std::size_t tokens = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string t = random_text(rng, pieces, 0, 29);
    for (Language lang : {Language::fr, Language::en}) {
      std::vector<Token> whole, parts;
      tokenize_content(t, {0, static_cast<std::uint32_t>(t.size())}, {lang}, whole);
      for (std::uint32_t b = 0; b < t.size();) {
        std::uint32_t e = b;
        while (e < t.size() && t[e] != '\n')
          ++e;
        tokenize_content(t, {b, e}, {lang}, parts);
        b = e + 1;
      }
      INFO(t);
      require_same_tokens(whole, parts);
      tokens += whole.size();
    }
  }
  CHECK(tokens > 50000);
}

TEST_CASE("for_each_piece cuts a range after line breaks, and its pieces give its tokens",
          "[segment]") {
  const std::string t = "ab\ncd\n\nefgh ij\nk\n";  // line ends at 2, 5, 6, 14, 16
  auto pieces = [&t](Span r, std::uint32_t bytes) {
    std::vector<Span> out;
    for_each_piece(t, r, bytes, [&out](Span p) { out.push_back(p); });
    return out;
  };
  const Span all{0, static_cast<std::uint32_t>(t.size())};
  // Each piece but the last holds at least `bytes` bytes and ends just after a line break.
  CHECK(pieces(all, 1) == std::vector<Span>{{0, 3}, {3, 6}, {6, 7}, {7, 15}, {15, 17}});
  CHECK(pieces(all, 4) == std::vector<Span>{{0, 6}, {6, 15}, {15, 17}});
  CHECK(pieces(all, 14) == std::vector<Span>{{0, 15}, {15, 17}});
  CHECK(pieces(all, 16) == std::vector<Span>{{0, 17}});
  CHECK(pieces(all, 100) == std::vector<Span>{{0, 17}});
  // A range that ends inside a line, or holds no line break past `bytes`, is one piece.
  CHECK(pieces({3, 12}, 2) == std::vector<Span>{{3, 6}, {6, 12}});
  CHECK(pieces({7, 12}, 2) == std::vector<Span>{{7, 12}});
  CHECK(pieces({4, 4}, 2).empty());

  // On random text, the tokens of the pieces are the tokens of the range, at any piece size.
  const std::vector<std::string> words = {
      "a", "É", "1", " ", "\n",    "\n\n",  "-",    "'",      "’",           ".",    "M.",   "l'",
      "[", "]", "(", ")", "rires", "1 000", "x.fr", "dit-il", "http://a.fr", "@moi", "#tag", "…"};
  std::mt19937 rng(5);
  std::size_t tokens = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string text = random_text(rng, words, 0, 60);
    const Span range{static_cast<std::uint32_t>(rng() % 4),
                     static_cast<std::uint32_t>(text.size())};
    if (range.begin > range.end) continue;
    std::vector<Token> whole;
    tokenize_content(text, range, {Language::fr}, whole);
    for (std::uint32_t bytes : {1u, 7u, 30u, 1000u}) {
      std::vector<Token> parts;
      std::uint32_t next = range.begin;
      for_each_piece(text, range, bytes, [&](Span p) {
        REQUIRE(p.begin == next);
        next = p.end;
        tokenize_content(text, p, {Language::fr}, parts);
      });
      REQUIRE(next == std::max(range.begin, range.end));
      INFO(text << " in pieces of " << bytes);
      require_same_tokens(whole, parts);
    }
    tokens += whole.size();
  }
  CHECK(tokens > 20000);
}
