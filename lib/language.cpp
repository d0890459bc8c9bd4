#include "verbatim/language.hpp"

#include <algorithm>
#include <array>
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

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '\'';
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
  std::size_t fr = 0, en = 0;
  // Words of the lists have 2 to 5 bytes: a longer word is counted out without being compared.
  char word[6];
  std::size_t len = 0;
  auto score = [&] {
    if (len >= 2 && len <= 5) {
      const std::string_view w(word, len);
      if (std::find(kFrench.begin(), kFrench.end(), w) != kFrench.end()) ++fr;
      if (std::find(kEnglish.begin(), kEnglish.end(), w) != kEnglish.end()) ++en;
    }
    len = 0;
  };
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_word_byte(c)) {
      if (len < sizeof word) word[len] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : ch;
      ++len;
    } else {
      score();
    }
  }
  score();
  return en > fr ? Language::en : Language::fr;
}

}  // namespace verbatim
