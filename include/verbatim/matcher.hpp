// matcher: queries over normalized tokens, shared by kwic and the codebook rules.
//
// A query is a word (`client`), a glob (`fidél*`, `?A`: `*` any run, `?` one character), a stem
// (`{stem}` mode: every word of the query is reduced to its Snowball stem and compared with
// token stems), or a phrase of several such terms (`"expérience client"`), matched on
// consecutive word tokens. A query is tokenized like the text it is matched against (the same
// tokenizer, in the document's language and hyphen mode), so a query of several tokens is a
// phrase: `l'engagement` is `l'` + `engagement` in French, `rendez-vous` one word under French
// rules and `rendez` + `vous` with hyphens split. Comparison is on the normalized form
// (case-folded, apostrophes unified), so `L’IA` and `l'ia` are one. Matches are reported in
// token order, the longest query first at a position, never overlapping an earlier match.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "verbatim/language.hpp"
#include "verbatim/lexicon.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

struct MatchToken {
  std::string_view norm;
  std::string_view stem;  // the stem, or the lemma for a lemma matcher; empty when not needed
};

struct Match {
  std::size_t query = 0;  // index of the query that matched
  std::size_t first = 0;  // first token of the match
  std::size_t last = 0;   // last token (inclusive)
};

class Matcher {
 public:
  // `queries` as written by the user; with `stems`, words are compared by Snowball stem.
  Matcher(const std::vector<std::string>& queries, bool stems);
  // Words compared by lemma: each query word's lemma in each language (from `lexicons`, a word
  // they do not know being its own lemma) against the tokens' lemmas, given in MatchToken::stem.
  Matcher(const std::vector<std::string>& queries, std::shared_ptr<const Lexicons> lexicons);

  // Matches in `tokens` of a document tokenized with `text` (its language and hyphen mode):
  // the queries are tokenized alike, and stems of their words are taken in that language.
  // Appends to `out`.
  void find(const std::vector<MatchToken>& tokens, const TokenizerOptions& text,
            std::vector<Match>& out) const;
  // find() for a text tokenized by `lang`'s own rules.
  void find(const std::vector<MatchToken>& tokens, Language lang, std::vector<Match>& out) const {
    find(tokens, TokenizerOptions{lang}, out);
  }

  // False when no query can start at a token of this surface, judged from its bytes without
  // normalizing it: its first byte, and the ASCII letters it starts with (case folding maps
  // them one to one to lower case), are compared with the literal start of each query's first
  // word. Such a token need not be normalized unless it follows one that may start a match.
  // A non-ASCII character folds to a non-ASCII start, except a few letters (ß, ſ, K, the
  // ligatures), which pass, and the apostrophes, which normalize to '. Conservative: stem
  // queries and queries starting with a wildcard pass every surface.
  bool may_start(std::string_view surface) const {
    if (surface.size() < 2) return !surface.empty() && leads_match(surface);
    // The first two bytes settle most tokens: the bit says whether some surface starting with
    // them passes the test below.
    const unsigned pair =
        static_cast<unsigned char>(surface[0]) << 8 | static_cast<unsigned char>(surface[1]);
    return (pairs_[pair >> 6] >> (pair & 63) & 1) && (any_start_ || leads_match(surface));
  }
  // False when no word of `text` can pass may_start(), judged on its bytes alone (a needle
  // search, case-insensitive for ASCII): a stretch of text that holds none of the queries'
  // literal starts need not be tokenized. Always true when some query starts with a wildcard,
  // a non-ASCII letter or an apostrophe, or in stem mode.
  bool may_occur(std::string_view text) const;
  // Whether may_occur() can rule any text out.
  bool screens() const { return gate_; }
  // The most words of any query (a phrase's length).
  std::size_t longest() const { return longest_; }

  // True when tokens need a key (their stem, or their lemma when lexicons() is set).
  bool uses_stems() const { return stems_; }
  const Lexicons* lexicons() const { return lexicons_.get(); }
  std::size_t size() const { return queries_; }

 private:
  struct Term {
    std::string text;  // normalized word or glob
    bool glob = false;
    bool prefix = false;  // a glob whose only wildcard is a final `*`: a prefix test
    std::string stem[2];  // by language, in stem mode
  };
  // A query's terms as one tokenization gives them; `modes` has bit mode_bit(o) for each
  // tokenizer options o that give them.
  struct Phrase {
    std::size_t query = 0;
    std::vector<Term> terms;
    unsigned modes = 0;
  };
  static unsigned mode_bit(const TokenizerOptions& o) {
    return 1u << ((o.language == Language::fr ? 0 : 3) + static_cast<unsigned>(o.hyphens));
  }
  // may_start() for any surface, from first_ and the leads.
  bool leads_match(std::string_view surface) const;

  std::size_t queries_ = 0;
  std::vector<Phrase> phrases_;     // in query order
  std::vector<std::size_t> order_;  // phrases by length, longest first
  bool stems_ = false;
  std::shared_ptr<const Lexicons> lexicons_;  // set: the keys are lemmas, not stems
  bool first_[256] = {};                      // first bytes of surfaces that may start a match
  std::uint64_t pairs_[1024] = {};            // bit (b0 << 8 | b1): a surface starting b0 b1 may
  std::vector<int> lead_;  // by phrase: the first byte of its normalized form, or -1
  // By phrase: the literal bytes its first word starts with (up to a wildcard), and whether
  // that is the whole word. Unused when `any_start_`.
  struct Lead {
    std::string literal;
    bool exact = false;
  };
  std::vector<Lead> leads_;
  bool any_start_ = false;        // a stem query, or one whose first word starts with a wildcard
  bool non_ascii_lead_ = false;   // a lead whose first byte is not ASCII
  bool apostrophe_lead_ = false;  // a lead starting with an apostrophe
  std::vector<std::string> needles_;  // the leads' ASCII starts, for may_occur()
  bool gate_ = false;                 // may_occur() can rule text out
  std::size_t longest_ = 0;
};

// The words of a query as the text's tokenizer with `opts` cuts them, each the query's own
// bytes: split at spaces (quotes around a phrase dropped), then tokenized, wildcards `*` `?`
// read as letters; a piece with no token is kept whole.
std::vector<std::string> query_words(std::string_view query, const TokenizerOptions& opts);

// True for the first two bytes of the non-ASCII letters whose case folding may start with an
// ASCII letter (ß ẞ İ ſ ǰ ẖ-ẚ K ﬀ-ﬆ; judged on two bytes, so a few more pass).
bool is_folding_pair(unsigned char first, unsigned char second);

// Glob matching on UTF-8 code points: `*` any run, `?` one code point.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace verbatim
