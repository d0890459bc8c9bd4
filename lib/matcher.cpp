#include "verbatim/matcher.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "verbatim/stemmer.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

namespace {

// One code point at s[i]; advances i.
UChar32 next_cp(std::string_view s, std::size_t& i) {
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), j, static_cast<int32_t>(s.size()), c);
  i = static_cast<std::size_t>(j);
  return c;
}

}  // namespace

bool glob_match(std::string_view p, std::string_view t) {
  // Iterative matching with one backtrack point for the last `*`: linear in practice, never
  // exponential.
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, star_t = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = ++pi;
      star_t = ti;
      continue;
    }
    if (pi < p.size()) {
      std::size_t pj = pi, tj = ti;
      const UChar32 pc = next_cp(p, pj);
      const UChar32 tc = next_cp(t, tj);
      if (pc == '?' || pc == tc) {
        pi = pj;
        ti = tj;
        continue;
      }
    }
    if (star == std::string_view::npos) return false;
    pi = star;
    next_cp(t, star_t);
    ti = star_t;
  }
  while (pi < p.size() && p[pi] == '*')
    ++pi;
  return pi == p.size();
}

std::vector<std::string> query_words(std::string_view query, const TokenizerOptions& opts) {
  std::vector<std::string> out;
  std::string_view s = query;
  // Quotes around a phrase are optional.
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  std::vector<Token> toks;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
      ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t')
      ++j;
    if (j == i) break;
    const std::string_view piece = s.substr(i, j - i);
    i = j;
    // Wildcards stand for letters: the tokenizer sees a word where the user wrote a pattern.
    std::string masked(piece);
    std::replace_if(
        masked.begin(), masked.end(), [](char c) { return c == '*' || c == '?'; }, 'a');
    toks.clear();
    tokenize(masked, {0, static_cast<std::uint32_t>(masked.size())}, opts, toks);
    if (toks.empty()) out.emplace_back(piece);
    for (const Token& t : toks)
      out.emplace_back(piece.substr(t.begin, t.end - t.begin));
  }
  return out;
}

Matcher::Matcher(const std::vector<std::string>& queries, std::shared_ptr<const Lexicons> lexicons)
    : Matcher(queries, true) {
  lexicons_ = std::move(lexicons);
  for (Phrase& p : phrases_) {
    for (Term& t : p.terms) {
      if (t.glob) continue;
      for (Language lang : {Language::fr, Language::en}) {
        const Lexicon* lex = lexicons_ ? lexicons_->of(lang) : nullptr;
        t.stem[lang == Language::fr ? 0 : 1] = lex ? std::string(lex->lemma(t.text)) : t.text;
      }
    }
  }
}

Matcher::Matcher(const std::vector<std::string>& queries, bool stems)
    : queries_(queries.size()), stems_(stems) {
  std::optional<Stemmer> st[2];
  for (std::size_t q = 0; q < queries.size(); ++q) {
    // Each tokenization of the query (by language and hyphen mode) once; most give one phrase.
    const std::size_t first_phrase = phrases_.size();
    for (Language lang : {Language::fr, Language::en}) {
      for (HyphenMode h : {HyphenMode::language, HyphenMode::keep, HyphenMode::split}) {
        const TokenizerOptions opts{lang, h};
        std::vector<std::string> words = query_words(queries[q], opts);
        std::vector<Term> terms;
        for (const std::string& w : words) {
          Term t;
          t.text = normalize_token(w);
          t.glob = t.text.find_first_of("*?") != std::string::npos;
          t.prefix =
              t.glob && t.text.find_first_of("*?") == t.text.size() - 1 && t.text.back() == '*';
          if (t.prefix) t.text.pop_back();
          if (stems_ && !t.glob) {
            for (Language l : {Language::fr, Language::en}) {
              auto& stemmer = st[l == Language::fr ? 0 : 1];
              if (!stemmer) stemmer.emplace(l);
              t.stem[l == Language::fr ? 0 : 1] = std::string(stemmer->stem(t.text));
            }
          }
          terms.push_back(std::move(t));
        }
        auto same = [&terms](const Phrase& p) {
          return std::equal(p.terms.begin(), p.terms.end(), terms.begin(), terms.end(),
                            [](const Term& a, const Term& b) {
                              return a.text == b.text && a.glob == b.glob && a.prefix == b.prefix;
                            });
        };
        const auto known = std::find_if(phrases_.begin() + first_phrase, phrases_.end(), same);
        if (known != phrases_.end()) {
          known->modes |= mode_bit(opts);
        } else {
          phrases_.push_back({q, std::move(terms), mode_bit(opts)});
        }
      }
    }
  }
  // First bytes a matching surface may start with: a query word starting with an ASCII
  // letter or digit admits that byte in both cases; anything else (a leading wildcard, a stem,
  // a non-ASCII or other first character) admits every byte. Non-ASCII bytes always pass, since
  // folding maps some non-ASCII characters to ASCII ones (K, ſ).
  for (int b = 0x80; b < 256; ++b)
    first_[b] = true;
  for (const Phrase& p : phrases_) {
    const auto& terms = p.terms;
    if (terms.empty()) continue;
    longest_ = std::max(longest_, terms.size());
    const Term& t = terms.front();
    const unsigned char c = t.text.empty() ? 0 : static_cast<unsigned char>(t.text[0]);
    const bool letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (stems_ || !letter) {
      for (bool& f : first_)
        f = true;
      break;
    }
    first_[c] = true;
    if (c >= 'a' && c <= 'z') first_[c - 32] = true;
  }
  // The first byte of each query's normalized form when it is fixed (a literal word, or a
  // glob that starts with a literal), -1 otherwise.
  for (const Phrase& p : phrases_) {
    const auto& terms = p.terms;
    int lead = -1;
    if (!stems_ && !terms.empty() && !terms.front().text.empty()) {
      const char c = terms.front().text[0];
      if (c != '*' && c != '?') lead = static_cast<unsigned char>(c);
    }
    lead_.push_back(lead);
    if (terms.empty()) continue;
    const Term& t = terms.front();
    if (stems_) any_start_ = true;
    Lead l;
    l.literal = t.text.substr(0, t.text.find_first_of("*?"));
    l.exact = !t.glob;
    if (l.literal.empty() && !l.exact) any_start_ = true;
    if (!l.literal.empty() && static_cast<unsigned char>(l.literal[0]) >= 0x80)
      non_ascii_lead_ = true;
    if (!l.literal.empty() && l.literal[0] == '\'') apostrophe_lead_ = true;
    // The needle: the literal's start up to its first non-ASCII byte or apostrophe, which the
    // text may spell otherwise (É for é, ’ for ').
    std::size_t k = 0;
    while (k < l.literal.size() && static_cast<unsigned char>(l.literal[k]) < 0x80 &&
           l.literal[k] != '\'')
      ++k;
    if (k > 0) needles_.push_back(l.literal.substr(0, k));
    leads_.push_back(std::move(l));
  }
  gate_ = !any_start_ && !non_ascii_lead_ && !apostrophe_lead_ && needles_.size() == leads_.size();
  // Which first two bytes may begin a surface that passes leads_match(). After one or two
  // ASCII bytes, an ſ stands for whatever follows: it ends the ASCII run and may fold to an
  // ASCII letter, the most freedom a lead's test leaves.
  auto pair_may_start = [&](unsigned b0, unsigned b1) {
    if (any_start_) return true;
    if (b0 >= 0x80) {
      return non_ascii_lead_ || (!leads_.empty() && is_folding_pair(b0, b1)) ||
             (apostrophe_lead_ && ((b0 == 0xCA && b1 == 0xBC) || (b0 == 0xC5 && b1 == 0x89) ||
                                   (b0 == 0xE2 && b1 == 0x80)));
    }
    if (b1 < 0x80) {
      const char probe[4] = {static_cast<char>(b0), static_cast<char>(b1), '\xC5', '\xBF'};
      return leads_match(std::string_view(probe, 4));
    }
    const char probe[3] = {static_cast<char>(b0), '\xC5', '\xBF'};
    return leads_match(std::string_view(probe, 3));
  };
  for (unsigned b0 = 1; b0 < 256; ++b0) {
    if (!first_[b0]) continue;
    for (unsigned b1 = 1; b1 < 256; ++b1) {
      const unsigned pair = b0 << 8 | b1;
      if (pair_may_start(b0, b1)) pairs_[pair >> 6] |= std::uint64_t{1} << (pair & 63);
    }
  }
  order_.resize(phrases_.size());
  for (std::size_t k = 0; k < order_.size(); ++k)
    order_[k] = k;
  std::stable_sort(order_.begin(), order_.end(), [this](std::size_t a, std::size_t b) {
    return phrases_[a].terms.size() > phrases_[b].terms.size();
  });
}

namespace {

// What the non-ASCII character starting `s` becomes at the start of its normalized form. Only
// a few characters fold to something that starts with an ASCII character: ß ẞ İ ſ ǰ ẖ-ẚ K and
// the ligatures ﬀ-ﬆ under Unicode case folding (the unit tests check the list against ICU over
// every code point), and the apostrophes ʼ ‘ ’, which normalizing turns into ' (as it does the
// start of ŉ, which folds to ʼn). The letters are judged on their first two bytes, so a few
// more count as such (U+1E80-U+1EBF, U+2100-U+213F, U+FB00-U+FB3F).
enum class Fold { non_ascii, apostrophe, maybe_ascii };

Fold fold_of(std::string_view s) {
  if (s.size() < 2) return Fold::maybe_ascii;
  const auto a = static_cast<unsigned char>(s[0]), b = static_cast<unsigned char>(s[1]);
  if ((a == 0xCA && b == 0xBC) || (a == 0xC5 && b == 0x89) ||
      (a == 0xE2 && b == 0x80 && s.size() > 2 && (s[2] == '\x98' || s[2] == '\x99')))
    return Fold::apostrophe;
  return is_folding_pair(a, b) ? Fold::maybe_ascii : Fold::non_ascii;
}

// The first two bytes of the letters that may fold to ASCII ones (see is_folding_pair).
constexpr unsigned char kFoldingPairs[][2] = {{0xC3, 0x9F}, {0xC4, 0xB0}, {0xC5, 0xBF},
                                              {0xC7, 0xB0}, {0xE1, 0xBA}, {0xE2, 0x84},
                                              {0xEF, 0xAC}};

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

}  // namespace

bool is_folding_pair(unsigned char a, unsigned char b) {
  for (const auto& pair : kFoldingPairs) {
    if (pair[0] == a && pair[1] == b) return true;
  }
  return false;
}

bool Matcher::leads_match(std::string_view surface) const {
  if (surface.empty() || !first_[static_cast<unsigned char>(surface[0])]) return false;
  if (any_start_) return true;
  if (static_cast<unsigned char>(surface[0]) >= 0x80) {
    switch (fold_of(surface)) {
      case Fold::apostrophe:
        return apostrophe_lead_;
      case Fold::maybe_ascii:
        return !leads_.empty();
      case Fold::non_ascii:
        return non_ascii_lead_;
    }
  }
  // The normalized form starts with the ASCII run of the surface in lower case, then with what
  // the next character folds to.
  std::size_t ascii = 0;
  while (ascii < surface.size() && static_cast<unsigned char>(surface[ascii]) < 0x80)
    ++ascii;
  for (const Lead& l : leads_) {
    const std::size_t n = std::min(ascii, l.literal.size());
    bool same = true;
    for (std::size_t k = 0; k < n && same; ++k)
      same = ascii_lower(surface[k]) == l.literal[k];
    if (!same) continue;
    if (ascii < l.literal.size()) {
      // All ASCII: the normalized form is shorter than the literal.
      if (ascii == surface.size()) continue;
      const char want = l.literal[ascii];
      if (static_cast<unsigned char>(want) < 0x80) {
        const Fold f = fold_of(surface.substr(ascii));
        if (f == Fold::non_ascii || (f == Fold::apostrophe && want != '\'')) continue;
      }
    }
    // A whole word is no shorter than the folded surface, which is at least the ASCII run.
    if (l.exact && ascii > l.literal.size()) continue;
    return true;
  }
  return false;
}

bool Matcher::may_occur(std::string_view text) const {
  if (!gate_) return true;
  // A surface passing may_start() either holds one of the needles (in any case) or starts a
  // character that may fold to ASCII letters (a folding pair). Each position is tested on its
  // two bytes first: sixteen positions at a time where 17 bytes can be read.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  auto needle_at = [&](const std::string& needle, std::size_t j) {
    if (j + needle.size() > n) return false;
    for (std::size_t k = 0; k < needle.size(); ++k) {
      if (ascii_lower(static_cast<char>(p[j + k])) != needle[k]) return false;
    }
    return true;
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  auto lower_bit = [](char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? 0x20 : 0); };
  // Broadcast once per call: the first two bytes of each needle and their case bits.
  struct Wide {
    __m128i c0, l0, c1, l1;
  };
  constexpr std::size_t kWide = 8;
  Wide wide[kWide];
  const std::size_t wide_n = std::min(needles_.size(), kWide);
  for (std::size_t k = 0; k < wide_n; ++k) {
    const std::string& needle = needles_[k];
    const char c0 = needle[0], c1 = needle.size() > 1 ? needle[1] : 0;
    // A one-byte needle matches any second byte: (v | 0xFF) == 0xFF.
    wide[k] = {_mm_set1_epi8(c0), _mm_set1_epi8(lower_bit(c0)),
               _mm_set1_epi8(c1 ? c1 : static_cast<char>(0xFF)),
               _mm_set1_epi8(c1 ? lower_bit(c1) : static_cast<char>(0xFF))};
  }
  __m128i pair0[std::size(kFoldingPairs)], pair1[std::size(kFoldingPairs)];
  for (std::size_t k = 0; k < std::size(kFoldingPairs); ++k) {
    pair0[k] = _mm_set1_epi8(static_cast<char>(kFoldingPairs[k][0]));
    pair1[k] = _mm_set1_epi8(static_cast<char>(kFoldingPairs[k][1]));
  }
  for (; wide_n == needles_.size() && i + 17 <= n; i += 16) {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    __m128i fold = _mm_setzero_si128();
    for (std::size_t k = 0; k < std::size(kFoldingPairs); ++k) {
      fold = _mm_or_si128(
          fold, _mm_and_si128(_mm_cmpeq_epi8(v0, pair0[k]), _mm_cmpeq_epi8(v1, pair1[k])));
    }
    if (_mm_movemask_epi8(fold)) return true;
    for (std::size_t k = 0; k < wide_n; ++k) {
      const Wide& w = wide[k];
      const __m128i m = _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(v0, w.l0), w.c0),
                                      _mm_cmpeq_epi8(_mm_or_si128(v1, w.l1), w.c1));
      for (auto bits = static_cast<unsigned>(_mm_movemask_epi8(m)); bits; bits &= bits - 1) {
        if (needle_at(needles_[k], i + static_cast<std::size_t>(__builtin_ctz(bits)))) return true;
      }
    }
  }
#endif
  for (; i < n; ++i) {
    if (i + 1 < n && p[i] >= 0xC3 && is_folding_pair(p[i], p[i + 1])) return true;
    for (const std::string& needle : needles_) {
      if (needle_at(needle, i)) return true;
    }
  }
  return false;
}

void Matcher::find(const std::vector<MatchToken>& tokens, const TokenizerOptions& text,
                   std::vector<Match>& out) const {
  const int li = text.language == Language::fr ? 0 : 1;
  const unsigned mode = mode_bit(text);
  auto term_matches = [&](const Term& t, const MatchToken& tok) {
    if (t.prefix) return tok.norm.starts_with(t.text);
    if (t.glob) return glob_match(t.text, tok.norm);
    if (stems_) return !tok.stem.empty() && tok.stem == t.stem[li];
    return tok.norm == t.text;
  };
  std::size_t i = 0;
  while (i < tokens.size()) {
    // An empty form is a token the caller left out (see may_start): nothing starts there.
    if (tokens[i].norm.empty()) {
      ++i;
      continue;
    }
    const auto first = static_cast<unsigned char>(tokens[i].norm[0]);
    bool matched = false;
    for (std::size_t q : order_) {
      const Phrase& p = phrases_[q];
      const auto& terms = p.terms;
      if (!(p.modes & mode) || terms.empty() || i + terms.size() > tokens.size()) continue;
      if (lead_[q] >= 0 && lead_[q] != first) continue;  // another first letter
      bool ok = true;
      for (std::size_t k = 0; k < terms.size() && ok; ++k)
        ok = term_matches(terms[k], tokens[i + k]);
      if (ok) {
        out.push_back({p.query, i, i + terms.size() - 1});
        i += terms.size();
        matched = true;
        break;
      }
    }
    if (!matched) ++i;
  }
}

}  // namespace verbatim
