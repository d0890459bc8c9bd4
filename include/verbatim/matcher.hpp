// matcher: queries over normalized tokens, shared by kwic and the codebook rules.
//
// A query is a word (`client`), a glob (`fidél*`, `?A`: `*` any run, `?` one character), a stem
// (`{stem}` mode: every word of the query is reduced to its Snowball stem and compared with
// token stems), or a phrase of several such terms (`"expérience client"`), matched on
// consecutive word tokens. Comparison is on the normalized form (case-folded, apostrophes
// unified), so `L’IA` and `l'ia` are one; French elision is already split by the tokenizer, so
// `engagement` finds `l'engagement`. Matches are reported in token order, the longest query
// first at a position, never overlapping an earlier match.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "verbatim/language.hpp"

namespace verbatim {

struct MatchToken {
  std::string_view norm;
  std::string_view stem;  // empty when the query needs no stems
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

  // Matches in `tokens` of a document in `lang` (stems of the query words are taken in that
  // language). Appends to `out`.
  void find(const std::vector<MatchToken>& tokens, Language lang, std::vector<Match>& out) const;

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

  bool uses_stems() const { return stems_; }
  std::size_t size() const { return queries_.size(); }

 private:
  struct Term {
    std::string text;  // normalized word or glob
    bool glob = false;
    bool prefix = false;  // a glob whose only wildcard is a final `*`: a prefix test
    std::string stem[2];  // by language, in stem mode
  };
  // may_start() for any surface, from first_ and the leads.
  bool leads_match(std::string_view surface) const;

  std::vector<std::vector<Term>> queries_;
  std::vector<std::size_t> order_;  // queries by length, longest first
  bool stems_ = false;
  bool first_[256] = {};            // first bytes of surfaces that may start a match
  std::uint64_t pairs_[1024] = {};  // bit (b0 << 8 | b1): a surface starting b0 b1 may
  std::vector<int> lead_;           // by query: the first byte of its normalized form, or -1
  // By query: the literal bytes its first word starts with (up to a wildcard), and whether
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

// True for the first two bytes of the non-ASCII letters whose case folding may start with an
// ASCII letter (ß ẞ İ ſ ǰ ẖ-ẚ K ﬀ-ﬆ; judged on two bytes, so a few more pass).
bool is_folding_pair(unsigned char first, unsigned char second);

// Glob matching on UTF-8 code points: `*` any run, `?` one code point.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace verbatim
