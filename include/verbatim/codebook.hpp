// codebook: themes (codes) with rules that find them in transcripts (DESIGN §8).
//
// A codebook is read from YAML (or JSON, its subset) or from a REFI-QDA `.qdc` file. Codes
// nest; each carries a name, a description, a color and `match` rules. A rule is
//   - a term: a word (`client`), a glob (`personnalis*`, `?A`), or a phrase of such words
//     (`"expérience client"`), compared with normalized word tokens;
//   - `{stem: recommandation}`: words whose Snowball stem equals the stem of the given word
//     (or the given text itself, so a stem may be written directly);
//   - `{lemma: donnée}`: every form of the given word's lemma (`données`, `donnée`), from the
//     lexicon of each document's language;
//   - `{regex: "..."}`: an RE2 pattern searched in the unit's text (case-insensitive,
//     apostrophes unified, white space collapsed); RE2 runs in linear time;
//   - `{all: [...]}`, `{any: [...]}`, `{not: rule-or-list}`, `{near: [...], window: 5}`
//     (every operand within `window` word positions, stopwords included).
// A code's rules are alternatives: the code applies to a unit when any of them holds. A code
// without rules is manual (its codings come from elsewhere, e.g. an imported project).
// Every node keeps the line and column it was read from, for messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbatim/segment.hpp"

namespace verbatim {

struct SourcePos {
  std::size_t line = 0, column = 0;  // 1-based; 0 when unknown
};

struct Rule {
  enum class Kind : std::uint8_t { term, stem, regex, all, any, none, near, lemma };
  Kind kind = Kind::term;
  std::string text;            // term, stem, lemma or regex as written
  std::vector<Rule> operands;  // all, any, none (`not`), near
  std::size_t window = 5;      // near
  SourcePos pos;
};

struct Code {
  std::string name;
  std::string path;  // names from the root, joined by '/'
  std::string description;
  std::string color;  // "#rrggbb" or empty
  std::string guid;   // kept from an imported .qdc; empty: stable_guid("code", path)
  bool uncertain = false;
  std::vector<Rule> rules;
  std::optional<std::size_t> parent;
  std::vector<std::size_t> children;
  std::size_t depth = 0;
  SourcePos pos;
};

struct Codebook {
  std::string name;
  std::string file;  // as named by the user
  UnitKind unit = UnitKind::sentence;
  bool fold_accents = false;
  std::vector<Code> codes;  // depth-first, parents before their children

  // Index of the code with this path (or, when unique, this name), or nullopt.
  std::optional<std::size_t> find(std::string_view path_or_name) const;
  // Indices of `code` and all its descendants.
  std::vector<std::size_t> subtree(std::size_t code) const;
};

// The default bound on the rules of a codebook, every operand of all/any/not/near counted, and
// on its codes (--max-rules): YAML aliases can make a short file name exponentially many.
inline constexpr std::size_t kDefaultMaxRules = 100000;

// Parses YAML or JSON codebook text. Errors are `file:line:col: message` (Error).
Codebook parse_codebook(std::string_view text, std::string_view file,
                        std::size_t max_rules = kDefaultMaxRules);
// Reads a codebook file: `.qdc` as REFI-QDA XML, anything else as YAML/JSON.
Codebook load_codebook(const std::string& path, std::size_t max_rules = kDefaultMaxRules);

// A stable GUID for a name, so that re-exports diff cleanly: 128 bits of two FNV-1a digests of
// `kind` and `key`, formatted 8-4-4-4-12 with the RFC 9562 version 8 (custom) and variant bits.
std::string stable_guid(std::string_view kind, std::string_view key);

// The codebook as YAML (what `codebook import FILE.qdc` prints).
std::string codebook_to_yaml(const Codebook& cb);

std::string_view rule_kind_name(Rule::Kind k);

}  // namespace verbatim
