// coding: applies a codebook's rules to documents, unit by unit (DESIGN §8).
//
// Each kept turn is tokenized and cut into units (sentence, turn, paragraph, or the whole
// document); a code applies to a unit when one of its rules holds there, and a unit coded by a
// code is one reference however many rules matched. A parent code aggregates its children: its
// references are the union of its own units and theirs. A reference is "certain" unless all
// that coded it are codes marked `uncertain`. Coded spans always lie inside their unit and
// inside the text.
//
// Rules are compiled once: every distinct single-word pattern (word, glob, stem) becomes an
// atom; each distinct token form is tested against the atoms once per thread and language, so
// a unit is scanned once whatever the number of rules, and a code is evaluated only when one
// of its atoms occurs in the unit (or it has a regex or a top-level `not`).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "verbatim/codebook.hpp"
#include "verbatim/corpus.hpp"
#include "verbatim/inventory.hpp"
#include "verbatim/lexicon.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

struct CodingOptions {
  HyphenMode hyphens = HyphenMode::language;
  bool count_rules = false;  // count the units where each top-level rule holds (for `check`)
  std::shared_ptr<const Lexicons> lexicons;  // for `lemma:` rules
};

struct Reference {
  std::uint32_t code = 0;
  std::uint32_t turn = 0;  // index in Document::turns (the first turn of a document unit)
  Span span;               // the unit (or the imported selection)
  std::uint32_t line = 0;  // 1-based line of span.begin in the text
  std::optional<double> time;
  std::uint32_t words = 0;       // word tokens inside the span
  std::uint32_t codepoints = 0;  // code points of turn content inside the span
  bool certain = true;
  bool manual = false;  // imported, not found by a rule
  bool own = true;      // coded by the code itself, not only through a child
};

// A coding made elsewhere: a byte span of the document text.
struct ManualCoding {
  std::uint32_t code = 0;
  Span span;
};

struct DocumentCoding {
  std::vector<Reference> references;           // in text order; at one unit, in codebook order
  std::vector<std::uint64_t> turn_codepoints;  // content code points per turn (0: dropped)
  std::vector<std::uint32_t> turn_words;       // word tokens per turn (0: dropped)
  std::vector<std::uint32_t> word_starts;      // byte offsets of the kept word tokens
  std::uint64_t codepoints = 0;                // of the kept turns
  std::uint64_t units = 0;
  std::vector<std::uint64_t> rule_units;  // with count_rules: per top-level rule (rule_index)
};

class Coder {
 public:
  Coder(const Codebook& cb, CodingOptions opts = {});
  ~Coder();
  Coder(Coder&&) noexcept;

  DocumentCoding code(const Document& doc, const TurnFilter& keep,
                      const std::vector<ManualCoding>& manual = {}) const;

  const Codebook& codebook() const { return cb_; }
  // Top-level rules are numbered code by code: rule r of code c is rule_index(c) + r.
  std::size_t rule_index(std::size_t code) const { return rule_base_[code]; }
  std::size_t rule_count() const { return rule_base_.back(); }

  struct Compiled;  // the rules compiled to atoms and nodes (coding.cpp)

 private:
  const Codebook& cb_;
  CodingOptions opts_;
  std::unique_ptr<Compiled> c_;
  std::vector<std::size_t> rule_base_;
  std::uint64_t id_ = 0;
};

// The text of a span as a quote: the turn content inside it, white space collapsed.
std::string reference_text(const Document& doc, const Reference& r);

// Removes accents (canonical decomposition, combining marks dropped, recomposed).
std::string fold_accents(std::string_view s);

}  // namespace verbatim
