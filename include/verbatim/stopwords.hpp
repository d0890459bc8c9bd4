// stopwords: the lists of words not counted, matched on the normalized (case-folded) form.
//
// Defaults per language: Snowball's list plus a list of pure transcript fillers, compiled
// into the binary from data/stopwords/. Files use Snowball's format (`|` starts a comment,
// words separated by white space). A French elided form `x'` is a stopword when `x'` or `x`
// is listed, and the elided prefixes (`l' d' qu' jusqu'`...) always are.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "verbatim/language.hpp"

namespace verbatim {

// The texts behind a language's default list, in the order they are merged: Snowball's list,
// pure transcript fillers, spoken function words. The embedded ones are data/stopwords/
// {fr,en}.txt, {fr,en}-fillers.txt and {fr,en}-spoken.txt; a tool may read others instead
// (an installed data folder) and pass them to Stopwords::from_lists.
struct DefaultListTexts {
  std::string_view snowball, fillers, spoken;
};
DefaultListTexts embedded_default_lists(Language lang);

class Stopwords {
 public:
  Stopwords() = default;
  // Snowball list + fillers + spoken words for `lang`: from_lists(embedded_default_lists(lang)).
  static Stopwords defaults(Language lang);
  static Stopwords from_lists(const DefaultListTexts& texts);
  // Words from list text in Snowball format (also plain one-word-per-line lists).
  static Stopwords parse(std::string_view list_text);

  void add(std::string_view word);  // normalized before insertion
  // Rescues a word (--keep): never a stopword afterwards, whatever is merged in.
  void remove(std::string_view word);
  void merge(const Stopwords& other);
  bool contains(std::string_view norm) const;
  std::size_t size() const { return words_.size(); }

 private:
  // Looked up by string_view, without a string made for each lookup.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
  static bool has(const Set& set, std::string_view w) { return set.find(w) != set.end(); }
  Set words_;
  Set kept_;
  bool elisions_ = false;  // the French elided prefixes are stopwords (not for "none")
};

// The embedded list texts, for `--version` provenance and tests.
std::string_view default_stopword_list(Language lang);
std::string_view default_filler_list(Language lang);

}  // namespace verbatim
