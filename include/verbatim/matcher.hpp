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

  // False when no query can start at a token of this surface (its first byte rules it out,
  // whatever case folding does): such a token need not be normalized unless it follows one
  // that may start a match. Conservative: non-ASCII first bytes and stem queries always pass.
  bool may_start(std::string_view surface) const {
    return !surface.empty() && first_[static_cast<unsigned char>(surface[0])];
  }
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
  std::vector<std::vector<Term>> queries_;
  std::vector<std::size_t> order_;  // queries by length, longest first
  bool stems_ = false;
  bool first_[256] = {};   // first bytes of surfaces that may start a match
  std::vector<int> lead_;  // by query: the first byte of its normalized form, or -1
  std::size_t longest_ = 0;
};

// Glob matching on UTF-8 code points: `*` any run, `?` one code point.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace verbatim
