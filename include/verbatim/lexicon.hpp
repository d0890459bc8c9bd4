// lexicon: a word's lemma and coarse part of speech, looked up by its normalized form.
//
// A lexicon is one language's table `form -> (lemma, UPOS)`, built offline from Universal
// Dependencies treebanks and a large lexicon (data/lexicon/{fr,en}.tsv, see scripts/lexicon/).
// Forms and lemmas are normalized as normalize_token() gives them: NFC, case-folded, one
// apostrophe. A form has one lemma, chosen offline (the most frequent in spoken use), so a
// lookup needs no context and is made once per distinct form, never per token.
//
// Two file shapes load: the compiled one (`compile()`'s bytes, what the build installs under
// share/verbatim/lexicon/), which is mapped read-only and costs nothing to open whatever its
// size, and the TSV source (`# ` comment lines, then `form<TAB>lemma<TAB>upos`), compiled in
// memory, for a researcher's own lexicon (`--lexicon FILE`). A Lexicon is immutable: one is
// shared by every worker thread.
//
//   Lexicon fr = Lexicon::load("share/verbatim/lexicon/fr.lex");
//   fr.lemma("données")  // "donnée"
//   fr.lookup("données").pos  // "NOUN"
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "verbatim/language.hpp"

namespace verbatim {

struct LexiconEntry {
  std::string_view lemma;
  std::string_view pos;  // a UD UPOS tag ("NOUN", "VERB"...), "" when the source gives none
};

class Lexicon {
 public:
  // An empty lexicon: every word is its own lemma.
  Lexicon();
  // Loads a compiled lexicon (mapped) or a TSV one (compiled in memory). Throws Error naming
  // the file and line (TSV) or byte offset (compiled) when it is malformed.
  static Lexicon load(const std::string& path);
  // A lexicon from TSV text (`name` for messages).
  static Lexicon from_tsv(std::string_view tsv, std::string_view name);
  // The compiled file of a TSV lexicon: a header, an open-addressing hash table of entries and
  // their strings, little-endian. `language` ("fr", "en") is recorded in the header.
  static std::string compile(std::string_view tsv, std::string_view name,
                             std::string_view language);

  // The entry of a normalized form, if the lexicon has it.
  std::optional<LexiconEntry> find(std::string_view norm) const;
  // The entry of a normalized word token: find(), then the rules that reach a listed form from
  // a token verbatim keeps whole: a French inverted clitic ("-t-il", "-elle") is the pronoun, an
  // English possessive ("google's", "citizens'") is its noun. A word the lexicon does not know
  // is its own lemma with no part of speech: the view then points into `norm`.
  LexiconEntry lookup(std::string_view norm) const;
  std::string_view lemma(std::string_view norm) const { return lookup(norm).lemma; }

  std::size_t size() const;
  std::string_view language() const;  // as recorded at compile time, "" for a TSV or empty one
  // 16 hex digits identifying the content (FNV-1a of the compiled bytes), for version blocks.
  const std::string& digest() const;

  struct Data;  // private

 private:
  std::shared_ptr<const Data> data_;
};

// The lexicons of a run, by language; either may be absent (then its words are their own
// lemmas: a tool that groups by lemma checks first, see has()).
struct Lexicons {
  std::shared_ptr<const Lexicon> fr, en;
  const Lexicon* of(Language lang) const { return lang == Language::fr ? fr.get() : en.get(); }
  bool has(Language lang) const { return of(lang) != nullptr; }
};

}  // namespace verbatim
