#include "verbatim/stopwords.hpp"

#include <array>

#include "verbatim/tokenizer.hpp"

namespace verbatim {

namespace detail {
extern const std::string_view kEmbedded_fr;
extern const std::string_view kEmbedded_en;
extern const std::string_view kEmbedded_fr_fillers;
extern const std::string_view kEmbedded_en_fillers;
extern const std::string_view kEmbedded_fr_spoken;
extern const std::string_view kEmbedded_en_spoken;
extern const std::string_view kEmbedded_fr_numerals;
extern const std::string_view kEmbedded_en_numerals;
extern const std::string_view kEmbedded_fr_en_shared;
}  // namespace detail

std::string_view default_stopword_list(Language lang) {
  return lang == Language::fr ? detail::kEmbedded_fr : detail::kEmbedded_en;
}

std::string_view default_filler_list(Language lang) {
  return lang == Language::fr ? detail::kEmbedded_fr_fillers : detail::kEmbedded_en_fillers;
}

std::string_view default_numeral_list(Language lang) {
  return lang == Language::fr ? detail::kEmbedded_fr_numerals : detail::kEmbedded_en_numerals;
}

namespace {

// French elided prefixes are function words whatever list is used.
constexpr std::array<std::string_view, 13> kElided = {
    "l'", "d'",  "j'",     "m'",      "n'",      "s'",     "t'",
    "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'", "quoiqu'"};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// A listed numeral, or a listed one, a hyphen and such a form again: "dix-sept",
// "quatre-vingt-dix", "deux-cent-vingt-et-un" (whose last part is listed whole). A form has few
// parts and few of its prefixes are listed: the search stays small.
template <class Set>
bool joined_numerals(const Set& set, std::string_view s) {
  if (set.find(s) != set.end()) return true;
  for (std::size_t dash = s.find('-'); dash != std::string_view::npos && dash + 1 < s.size();
       dash = s.find('-', dash + 1)) {
    if (set.find(s.substr(0, dash)) != set.end() && joined_numerals(set, s.substr(dash + 1)))
      return true;
  }
  return false;
}

}  // namespace

DefaultListTexts embedded_default_lists(Language lang) {
  const Language other = lang == Language::fr ? Language::en : Language::fr;
  auto spoken = [](Language l) {
    return l == Language::fr ? detail::kEmbedded_fr_spoken : detail::kEmbedded_en_spoken;
  };
  return {default_stopword_list(lang),   default_filler_list(lang),    spoken(lang),
          default_numeral_list(lang),    default_stopword_list(other), spoken(other),
          detail::kEmbedded_fr_en_shared};
}

Stopwords Stopwords::defaults(Language lang) {
  return from_lists(embedded_default_lists(lang));
}

Stopwords Stopwords::from_lists(const DefaultListTexts& texts) {
  Stopwords s = parse(texts.snowball);
  s.merge(parse(texts.fillers));
  s.merge(parse(texts.spoken));
  // The other language's function words, less the words both languages share: those stay
  // words here unless this language's own lists hold them.
  Stopwords other = parse(texts.other_snowball);
  other.merge(parse(texts.other_spoken));
  for (const std::string& w : parse(texts.shared).words_)
    other.words_.erase(w);
  s.words_.insert(other.words_.begin(), other.words_.end());
  s.merge(numerals_of(texts.numerals));
  return s;
}

Stopwords Stopwords::numerals_of(std::string_view list_text) {
  Stopwords s;
  s.numerals_ = std::move(parse(list_text).words_);
  return s;
}

Stopwords Stopwords::parse(std::string_view text) {
  Stopwords s;
  s.elisions_ = true;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t eol = text.find('\n', i);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(i, eol - i);
    if (auto bar = line.find('|'); bar != std::string_view::npos) line = line.substr(0, bar);
    std::size_t j = 0;
    while (j < line.size()) {
      while (j < line.size() && is_space(line[j]))
        ++j;
      std::size_t k = j;
      while (k < line.size() && !is_space(line[k]))
        ++k;
      if (k > j) s.add(line.substr(j, k - j));
      j = k;
    }
    i = eol + 1;
  }
  return s;
}

void Stopwords::add(std::string_view word) {
  words_.insert(normalize_token(word));
}

void Stopwords::remove(std::string_view word) {
  const std::string norm = normalize_token(word);
  words_.erase(norm);
  kept_.insert(norm);
}

void Stopwords::merge(const Stopwords& other) {
  words_.insert(other.words_.begin(), other.words_.end());
  numerals_.insert(other.numerals_.begin(), other.numerals_.end());
  elisions_ = elisions_ || other.elisions_;
}

bool Stopwords::contains(std::string_view norm) const {
  if (!kept_.empty() && has(kept_, norm)) return false;
  if (has(words_, norm)) return true;
  // "l'on" is "on" with a euphonic article.
  if (norm.starts_with("l'") && norm.size() > 2 && has(words_, norm.substr(2))) return true;
  // French clitics after a hyphen ("-il", "-t-elle", "-ce") are the pronouns themselves.
  if (norm.size() > 1 && norm[0] == '-') {
    std::string_view bare = norm.substr(norm.starts_with("-t-") ? 3 : 1);
    if (!bare.empty()) return contains(bare);
  }
  if (norm.size() > 1 && norm.back() == '\'') {
    if (has(words_, norm.substr(0, norm.size() - 1))) return true;
    if (elisions_) {
      for (auto e : kElided) {
        if (norm == e) return true;
      }
    }
  }
  return false;
}

bool Stopwords::numeral(std::string_view norm) const {
  if (numerals_.empty() || (!kept_.empty() && has(kept_, norm))) return false;
  return joined_numerals(numerals_, norm);
}

}  // namespace verbatim
