// tokenizer: French and English word tokenization with exact byte spans.
//
// Promise: tokens are in text order, do not overlap, lie inside the range given, and each
// token's [begin, end) is a byte range of the document text; the bytes between tokens are
// the gaps (spaces, punctuation, symbols), so tokens plus gaps rebuild the text exactly.
// Rules (DESIGN §4): letters, marks and digits with word-internal apostrophes and hyphens;
// French elision split after `l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu'`
// with `'` or `’`, lexicalised forms kept (`aujourd'hui`, `quelqu'un`, `presqu'île`);
// hyphens as each language's UD treebanks (French compounds whole; English split except after
// a bound prefix); French inverted clitics split with their hyphen (`dit` `-il`, `a` `-t-on`)
// but lexicalised compounds whole (`rendez-vous`, `chefs-d'œuvre`, `jusque-là`) unless hyphens
// are split; English contractions and plural possessives whole (`don't`, `citizens'`); known
// abbreviations and initials keep their periods (`M.`, `J.-C.`); an elided word before a
// pause keeps its apostrophe (`d', d'aider`), a word cut short its hyphen (`proble-`); French
// inclusive writing is one word (`étudiant·e·s`, `élu(e)s`, `salarié.e.s`, `participant-e-s`);
// `n°`, `°C`, `:D` and `'68` keep their signs; numbers with French digit grouping (`1 000,5`)
// are one token; URLs, e-mails, @mentions and #hashtags are single tokens of their own kind.
//
//   std::vector<Token> toks;
//   tokenize(text, {0, size}, {Language::fr}, toks);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "verbatim/language.hpp"
#include "verbatim/transcript.hpp"

namespace verbatim {

enum class TokenKind : std::uint8_t { word, number, url, email, mention, hashtag };
std::string_view token_kind_name(TokenKind k);  // "word", "number", ...

struct Token {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  TokenKind kind = TokenKind::word;
};

enum class HyphenMode : std::uint8_t { language, keep, split };

struct TokenizerOptions {
  Language language = Language::fr;
  HyphenMode hyphens = HyphenMode::language;
  // Words of letters and digits between plain separators take a short path; false sends every
  // word through the general rules (the tests compare both: the tokens must be the same).
  bool fast_path = true;
};

// Appends the tokens of text[range.begin, range.end) to `out`.
void tokenize(std::string_view text, Span range, const TokenizerOptions& opts,
              std::vector<Token>& out);

// The counting form of a surface token: Unicode case folding (ICU), and the apostrophes
// U+2019, U+02BC, U+2018 replaced by U+0027.
std::string normalize_token(std::string_view surface);

// True for abbreviations that keep their period and never end a sentence (`M.`, `etc.`).
bool is_abbreviation(std::string_view surface_with_period, Language lang);

}  // namespace verbatim
