// segment: units of analysis inside a document (document, turn, paragraph, sentence).
//
// Units are byte spans of the document text. Sentences never cross a turn's content range;
// a sentence ends after `.`, `!`, `?`, `…` (or `...`) in a gap between tokens, unless the
// token before is an abbreviation that keeps its period (`M.`, `p.`, `etc.`), and at every
// blank line. Paragraphs are runs of non-blank lines, cut at turn boundaries.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "verbatim/tokenizer.hpp"
#include "verbatim/transcript.hpp"

namespace verbatim {

enum class UnitKind { document, turn, paragraph, sentence };
std::string_view unit_kind_name(UnitKind k);
std::optional<UnitKind> parse_unit_kind(std::string_view s);

// Sentence spans inside `range`, given the tokens of that range (in order).
std::vector<Span> split_sentences(std::string_view text, Span range,
                                  const std::vector<Token>& tokens);

// Paragraph spans inside `range`: maximal runs of non-blank lines.
std::vector<Span> split_paragraphs(std::string_view text, Span range);

}  // namespace verbatim
