// language: the two languages verbatim analyses, and per-document detection.
//
// Detection scores a document's text against the French and English stopword profiles
// (function words are the most reliable signal on short spoken text) and falls back to
// French on a tie or on text without any function word, the project's main language.
#pragma once

#include <optional>
#include <string_view>

namespace verbatim {

enum class Language { fr, en };

std::string_view language_code(Language lang);                  // "fr", "en"
std::optional<Language> parse_language(std::string_view code);  // "fr"/"en", else nullopt

// Detects fr/en from the first `max_bytes` of UTF-8 text.
Language detect_language(std::string_view text, std::size_t max_bytes = 65536);

}  // namespace verbatim
