// concordance: keyword-in-context lines with exact provenance (kwic).
//
// For every match of a Matcher in the kept turns of a document, a line gives the document, the
// speaker, the 1-based line of the match in the file, its byte span in the normalized text, and
// the left and right context: N words, the sentence, or the whole turn, never crossing the turn.
// Context is built from the turn's content ranges only (VTT timings and tags never show), with
// runs of white space shown as one space.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "verbatim/corpus.hpp"
#include "verbatim/inventory.hpp"
#include "verbatim/matcher.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

enum class ContextMode { words, sentence, turn };

struct ConcordanceOptions {
  ContextMode mode = ContextMode::words;
  std::size_t words = 5;
  HyphenMode hyphens = HyphenMode::language;
};

struct ConcordanceLine {
  const DocumentTurn* turn = nullptr;
  std::uint32_t line = 0;
  std::uint32_t start = 0, end = 0;
  std::string left, match, right;
  std::size_t query = 0;
  std::optional<double> time;  // start of the cue holding the match, else of the turn
};

std::vector<ConcordanceLine> concordance(const Document& doc, const Matcher& matcher,
                                         const ConcordanceOptions& opts, const TurnFilter& keep);

// The text of doc[from, to) that lies inside `content`, pieces joined by a space, white space
// collapsed to single spaces and trimmed.
std::string content_text(std::string_view text, const std::vector<Span>& content,
                         std::uint32_t from, std::uint32_t to);

}  // namespace verbatim
