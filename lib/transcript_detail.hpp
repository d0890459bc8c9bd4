// Private helpers shared by the transcript readers (lib/transcript.cpp, lib/vtt.cpp).
#pragma once

#include <string_view>

#include "verbatim/transcript.hpp"

namespace verbatim::detail {

bool is_blank(std::string_view s);
// Bytes of the space at s[i]: space, tab, NBSP, narrow NBSP or thin space; 0 otherwise.
std::size_t space_len(std::string_view s, std::size_t i);
// `s` without leading and trailing white space (spaces, NBSPs, line breaks).
Span trim(std::string_view text, Span s);
// `line` plus the line breaks in text[from, to).
std::uint32_t count_lines(std::string_view text, std::uint32_t from, std::uint32_t to,
                          std::uint32_t line);
// A plausible speaker label (1-5 words, starts with a capital or a digit).
bool is_speaker_name(std::string_view s);

enum class CueSyntax { vtt, srt };
// WebVTT and SRT share their reading: blocks, timing lines, payloads, merging of cues.
Transcript parse_cues(std::string_view text, std::string_view name, Diagnostics& warnings,
                      CueSyntax syntax);

}  // namespace verbatim::detail
