// segment: units of analysis inside a document (document, turn, paragraph, sentence).
//
// Units are byte spans of the document text, computed per turn from the turn's content
// ranges (so a unit never crosses a turn boundary, and the text between content ranges, such
// as VTT cue timings, is inside a unit's span but never inside a token). A sentence ends after
// `.`, `!` or `?` in the gap between two tokens, after `…` or `...` when the next token starts
// with a capital, and at every blank line; an abbreviation keeps its period inside its token
// (`M.`, `p.`, `etc.`), so it never ends a sentence. Paragraphs are runs of non-blank lines;
// VTT/SRT cues of one turn form one paragraph.
#pragma once

#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "verbatim/tokenizer.hpp"
#include "verbatim/transcript.hpp"

namespace verbatim {

enum class UnitKind { document, turn, paragraph, sentence };
std::string_view unit_kind_name(UnitKind k);
std::optional<UnitKind> parse_unit_kind(std::string_view s);

// Sentence spans of one turn, given its content ranges and their tokens (in order). Each
// sentence starts at its first token and ends after its closing punctuation.
std::vector<Span> split_sentences(std::string_view text, const std::vector<Span>& content,
                                  const std::vector<Token>& tokens);

// Paragraph spans of one turn: runs of non-blank lines of its content ranges.
std::vector<Span> split_paragraphs(std::string_view text, const std::vector<Span>& content);

// Appends the tokens of one content range, without those of transcriber's notes (`[rires]`).
// Neither a token nor a note crosses a line break, so the lines of a range, each given alone,
// yield the range's tokens.
void tokenize_content(std::string_view text, Span range, const TokenizerOptions& opts,
                      std::vector<Token>& out);

// Calls f(piece) for consecutive pieces of `range` that end after a line break (or at the
// range's end), each of at least `bytes` bytes but the last (0: the range is one piece): since
// no token crosses a line break, tokenize_content() of each piece in turn yields the range's
// tokens, and a counter's token buffer holds a piece's tokens, not a whole turn's (a plain-text
// novel is one turn of a million bytes).
template <class F>
void for_each_piece(std::string_view text, Span range, std::uint32_t bytes, F&& f) {
  std::uint32_t b = range.begin;
  while (b < range.end) {
    std::uint32_t e = range.end;
    if (bytes > 0 && range.end - b > bytes) {
      const std::uint32_t from = b + bytes - 1;  // a line break there ends a piece of `bytes`
      const void* nl = std::memchr(text.data() + from, '\n', range.end - from);
      if (nl) e = static_cast<std::uint32_t>(static_cast<const char*>(nl) - text.data()) + 1;
    }
    f(Span{b, e});
    b = e;
  }
}

// Appends the tokens of every content range of `turn`, in order.
void tokenize_turn(std::string_view text, const Turn& turn, const TokenizerOptions& opts,
                   std::vector<Token>& out);

// The units of `kind` in one turn (for UnitKind::document, the turn's content extent: the
// caller joins turns into one document unit).
std::vector<Span> turn_units(std::string_view text, const Turn& turn, UnitKind kind,
                             const std::vector<Token>& tokens);

}  // namespace verbatim
