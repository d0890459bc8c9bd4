#include "verbatim/matcher.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <optional>

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

Matcher::Matcher(const std::vector<std::string>& queries, bool stems) : stems_(stems) {
  std::optional<Stemmer> st[2];
  for (const auto& q : queries) {
    std::vector<Term> terms;
    std::size_t i = 0;
    std::string_view s = q;
    // Quotes around a phrase are optional.
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    while (i < s.size()) {
      while (i < s.size() && s[i] == ' ')
        ++i;
      std::size_t j = i;
      while (j < s.size() && s[j] != ' ')
        ++j;
      if (j > i) {
        Term t;
        t.text = normalize_token(s.substr(i, j - i));
        t.glob = t.text.find_first_of("*?") != std::string::npos;
        t.prefix =
            t.glob && t.text.find_first_of("*?") == t.text.size() - 1 && t.text.back() == '*';
        if (t.prefix) t.text.pop_back();
        if (stems_ && !t.glob) {
          for (Language lang : {Language::fr, Language::en}) {
            auto& stemmer = st[lang == Language::fr ? 0 : 1];
            if (!stemmer) stemmer.emplace(lang);
            t.stem[lang == Language::fr ? 0 : 1] = std::string(stemmer->stem(t.text));
          }
        }
        terms.push_back(std::move(t));
      }
      i = j;
    }
    queries_.push_back(std::move(terms));
  }
  // First bytes a matching surface may start with: a query word starting with an ASCII
  // letter or digit admits that byte in both cases; anything else (a leading wildcard, a stem,
  // a non-ASCII or other first character) admits every byte. Non-ASCII bytes always pass, since
  // folding maps some non-ASCII characters to ASCII ones (K, ſ).
  for (int b = 0x80; b < 256; ++b)
    first_[b] = true;
  for (const auto& terms : queries_) {
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
  for (const auto& terms : queries_) {
    int lead = -1;
    if (!stems_ && !terms.empty() && !terms.front().text.empty()) {
      const char c = terms.front().text[0];
      if (c != '*' && c != '?') lead = static_cast<unsigned char>(c);
    }
    lead_.push_back(lead);
  }
  order_.resize(queries_.size());
  for (std::size_t k = 0; k < order_.size(); ++k)
    order_[k] = k;
  std::stable_sort(order_.begin(), order_.end(), [this](std::size_t a, std::size_t b) {
    return queries_[a].size() > queries_[b].size();
  });
}

void Matcher::find(const std::vector<MatchToken>& tokens, Language lang,
                   std::vector<Match>& out) const {
  const int li = lang == Language::fr ? 0 : 1;
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
      const auto& terms = queries_[q];
      if (terms.empty() || i + terms.size() > tokens.size()) continue;
      if (lead_[q] >= 0 && lead_[q] != first) continue;  // another first letter
      bool ok = true;
      for (std::size_t k = 0; k < terms.size() && ok; ++k)
        ok = term_matches(terms[k], tokens[i + k]);
      if (ok) {
        out.push_back({q, i, i + terms.size() - 1});
        i += terms.size();
        matched = true;
        break;
      }
    }
    if (!matched) ++i;
  }
}

}  // namespace verbatim
