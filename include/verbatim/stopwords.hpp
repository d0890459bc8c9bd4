// stopwords: the lists of words not counted, matched on the normalized (case-folded) form.
//
// Defaults per language, compiled into the binary from data/stopwords/: Snowball's list, pure
// transcript fillers, the function and discourse words of spoken interviews, and the other
// language's function words (its Snowball and spoken lists) except the words both languages
// share (fr-en-shared.txt: "son" stays an English word, "but" a French one). Files use
// Snowball's format (`|` starts a comment, words separated by white space). A French elided
// form `x'` is a stopword when `x'` or `x` is listed, and the elided prefixes (`l' d' qu'
// jusqu'`...) always are.
//
// Numerals in letters ("deux", "vingt-deux", "twenty-one") are numbers, not stopwords: a set
// carries them apart (numeral()), and the counters leave them out as they leave out "2",
// unless asked to count numbers. `remove` (--keep) rescues a word from both.
//
//   Stopwords fr = Stopwords::defaults(Language::fr);
//   fr.contains("the");    // true: an English function word in a French document
//   fr.numeral("dix-sept");  // true, and fr.contains("dix-sept") is false
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "verbatim/language.hpp"

namespace verbatim {

// The texts behind a language's default list. The embedded ones are data/stopwords/
// {fr,en}.txt, {fr,en}-fillers.txt, {fr,en}-spoken.txt, {fr,en}-numerals.txt and
// fr-en-shared.txt; a tool may read others instead (an installed data folder) and pass them to
// Stopwords::from_lists.
struct DefaultListTexts {
  std::string_view snowball, fillers, spoken;  // this language's stopwords
  std::string_view numerals;                   // this language's numerals in letters
  // The other language's function words (its Snowball and spoken lists), stopwords here too
  // except the words of `shared`, which are words of both languages.
  std::string_view other_snowball, other_spoken, shared;
};
DefaultListTexts embedded_default_lists(Language lang);

class Stopwords {
 public:
  Stopwords() = default;
  // The default set of `lang`: from_lists(embedded_default_lists(lang)).
  static Stopwords defaults(Language lang);
  // Stopwords: snowball, fillers, spoken, and other_snowball and other_spoken minus shared;
  // numerals: numerals.
  static Stopwords from_lists(const DefaultListTexts& texts);
  // Words from list text in Snowball format (also plain one-word-per-line lists).
  static Stopwords parse(std::string_view list_text);
  // No stopword, the numerals of list text (same format): for lists that replace the defaults
  // (--stopwords none, fr, FILE), where numerals are still numbers.
  static Stopwords numerals_of(std::string_view list_text);

  void add(std::string_view word);  // normalized before insertion
  // Rescues a word (--keep): never a stopword afterwards, whatever is merged in.
  void remove(std::string_view word);
  void merge(const Stopwords& other);  // stopwords and numerals
  bool contains(std::string_view norm) const;
  // A cardinal numeral in letters: listed, or listed parts joined by hyphens ("dix-sept",
  // "deux-cent-vingt-et-un"). Not a stopword: counted as a number is (FrequencyOptions::numbers).
  bool numeral(std::string_view norm) const;
  std::size_t size() const { return words_.size(); }  // stopwords, numerals apart

 private:
  // Looked up by string_view, without a string made for each lookup.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
  static bool has(const Set& set, std::string_view w) { return set.find(w) != set.end(); }
  Set words_;
  Set numerals_;
  Set kept_;
  bool elisions_ = false;  // the French elided prefixes are stopwords (not for "none")
};

// The embedded list texts, for `--version` provenance and tests.
std::string_view default_stopword_list(Language lang);
std::string_view default_filler_list(Language lang);
std::string_view default_numeral_list(Language lang);

}  // namespace verbatim
