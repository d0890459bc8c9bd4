#include "verbatim/language.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace verbatim {

std::string_view language_code(Language lang) {
  return lang == Language::fr ? "fr" : "en";
}

std::optional<Language> parse_language(std::string_view code) {
  if (code == "fr") return Language::fr;
  if (code == "en") return Language::en;
  return std::nullopt;
}

namespace {

// Frequent function words that are not words of the other language (so no "on", "a",
// "est", "as", "me").
constexpr std::array<std::string_view, 28> kFrench = {
    "le",  "la",   "les",  "des", "et",  "une",   "dans",  "pour", "que",  "qui",
    "pas", "sur",  "avec", "ce",  "il",  "elle",  "je",    "nous", "vous", "mais",
    "ou",  "donc", "du",   "au",  "aux", "c'est", "cette", "plus"};
constexpr std::array<std::string_view, 28> kEnglish = {
    "the",  "and",  "is",    "are",   "was",   "of",    "to",   "in",   "that", "it",
    "for",  "with", "you",   "this",  "not",   "have",  "be",   "they", "we",   "but",
    "what", "from", "there", "would", "which", "their", "been", "were"};

constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '\'';
  return t;
}();

bool is_word_byte(unsigned char c) {
  return kWordBytes[c];
}

}  // namespace

Language detect_language(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    text = text.substr(0, max_bytes);
    // Do not cut a word in two.
    while (!text.empty() && is_word_byte(static_cast<unsigned char>(text.back()))) {
      text.remove_suffix(1);
    }
  }
  // The lists' words, 2 to 5 bytes, as little-endian integers sorted once: a word is packed
  // the same way as it is read and looked up by binary search. A longer word is counted out
  // without being looked up.
  struct Packed {
    std::uint64_t key;
    bool french;
  };
  auto pack = [](std::string_view w) {
    std::uint64_t k = 0;
    for (std::size_t i = 0; i < w.size(); ++i)
      k |= static_cast<std::uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
    return k;
  };
  static const auto lists = [&] {
    std::array<Packed, kFrench.size() + kEnglish.size()> all{};
    std::size_t n = 0;
    for (auto w : kFrench)
      all[n++] = {pack(w), true};
    for (auto w : kEnglish)
      all[n++] = {pack(w), false};
    std::sort(all.begin(), all.end(),
              [](const Packed& a, const Packed& b) { return a.key < b.key; });
    return all;
  }();
  std::size_t fr = 0, en = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const stop = p + text.size();
  while (p < stop) {
    while (p < stop && !is_word_byte(*p))
      ++p;
    const auto* const begin = p;
    while (p < stop && is_word_byte(*p))
      ++p;
    const auto n = static_cast<std::size_t>(p - begin);
    if (n < 2 || n > 5) continue;
    std::uint64_t word = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned char c = begin[i];
      word |= static_cast<std::uint64_t>(c >= 'A' && c <= 'Z' ? c + 32 : c) << (8 * i);
    }
    const auto it = std::lower_bound(lists.begin(), lists.end(), word,
                                     [](const Packed& e, std::uint64_t k) { return e.key < k; });
    if (it != lists.end() && it->key == word) ++(it->french ? fr : en);
  }
  return en > fr ? Language::en : Language::fr;
}

}  // namespace verbatim
