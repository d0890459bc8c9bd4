// normalize: what an apostrophe, a space and a hyphen are, decided in one place for every reader
// of text: the tokenizer, normalize_token(), the codebook's regex text and kwic's contexts.
//
// Apostrophes: ' and the typographic ’ (U+2019), ʼ (U+02BC) and ‘ (U+2018), all read as '.
// Spaces: ASCII white space and the spaces French typography puts inside text: no-break
// (U+00A0), narrow no-break (U+202F), thin (U+2009), figure (U+2007) and punctuation (U+2008)
// spaces, all read as ' '. Hyphens: - and the Unicode hyphens U+2010 and U+2011.
//
//   apostrophe_at("l’IA", 1) == 3;  space_at("30\u202F%", 2) == 3
#pragma once

#include <cstddef>
#include <string_view>

namespace verbatim {

// Code points.
constexpr bool is_apostrophe(char32_t c) {
  return c == U'\'' || c == 0x2019 || c == 0x02BC || c == 0x2018;
}
constexpr bool is_typographic_space(char32_t c) {
  return c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007 || c == 0x2008;
}
constexpr bool is_hyphen(char32_t c) {
  return c == U'-' || c == 0x2010 || c == 0x2011;
}

// Bytes: the length of the apostrophe (any of them, ' included) or of the non-ASCII space that
// starts at byte `i` of UTF-8 text, 0 when there is none there.
constexpr std::size_t apostrophe_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '\'') return 1;
  if (i + 1 < s.size() && s[i] == '\xCA' && s[i + 1] == '\xBC') return 2;  // ʼ
  if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' &&
      (s[i + 2] == '\x99' || s[i + 2] == '\x98')) {
    return 3;  // ’ ‘
  }
  return 0;
}
constexpr std::size_t typographic_space_at(std::string_view s, std::size_t i) {
  if (i + 1 < s.size() && s[i] == '\xC2' && s[i + 1] == '\xA0') return 2;
  if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80') {
    const char c = s[i + 2];
    if (c == '\xAF' || c == '\x89' || c == '\x87' || c == '\x88') return 3;
  }
  return 0;
}

}  // namespace verbatim
