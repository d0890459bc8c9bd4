// frequency: NVivo's word-frequency query (DESIGN §7), per case when asked.
//
// Each worker thread counts documents into its own FrequencyCounter, which interns every
// distinct surface form once (one hash probe per token) and derives its norm, stem, stopword
// flag and group once: memory grows with the vocabulary, never with the corpus. The workers'
// counters are merged at the end. Tables are ranked by count descending, then displayed word
// by UTF-8 bytes, so the same corpus gives the same bytes at any thread count.
//
//   FrequencyCounter c(opts);
//   for (const Document& doc : docs) c.count(doc, case_of, HyphenMode::language);
//   std::vector<FrequencyTable> tables = c.finish();
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "verbatim/corpus.hpp"
#include "verbatim/json.hpp"
#include "verbatim/lexicon.hpp"
#include "verbatim/stopwords.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

// How forms make a group: each normalized form alone (exact), by Snowball stem, or by lemma
// (the lexicon's; a form it does not know is its own lemma).
enum class GroupMode { exact, stem, lemma };

struct FrequencyOptions {
  GroupMode group = GroupMode::stem;
  std::shared_ptr<const Lexicons> lexicons;  // for GroupMode::lemma
  std::size_t min_length = 1;                // code points of the normalized form
  bool numbers = false;                      // count number tokens as words
  bool percent_of_all = false;               // N = all word tokens instead of counted tokens
  std::size_t ngram_min = 1;                 // 1..1: words; 2..3: word n-grams within units
  std::size_t ngram_max = 1;
  std::vector<std::vector<std::string>> synonyms;  // each line: words grouped together
  std::vector<std::string> terms;  // when not empty: only these words (any form of the group)
  std::function<Stopwords(Language)> stopwords;  // per document language
};

// The case value of a turn of a document; nullopt drops the turn (e.g. --role).
using CaseOf = std::function<std::optional<std::string>(const Document&, const DocumentTurn&)>;

struct FrequencyRow {
  std::string key;          // the group's identity across case tables (language, stem or form)
  std::string word;         // most frequent surface form of the group
  std::size_t length = 0;   // code points of `word`
  std::uint64_t count = 0;  // occurrences of every form of the group
  double weighted = 0;      // apportioned count (count/k for a word in k synonym groups)
  std::vector<std::pair<std::string, std::uint64_t>> similar;  // forms (case-folded), by count
  std::size_t documents = 0;
};

struct FrequencyTable {
  std::string case_value;            // empty without --by
  std::uint64_t counted_tokens = 0;  // N of the weighted percent (counted or all words)
  std::uint64_t word_tokens = 0;
  std::size_t documents = 0;
  std::vector<FrequencyRow> rows;  // ranked
  double percent(const FrequencyRow& r) const;
};

class FrequencyCounter {
 public:
  explicit FrequencyCounter(FrequencyOptions opts);
  ~FrequencyCounter();
  FrequencyCounter(const FrequencyCounter&) = delete;
  FrequencyCounter& operator=(const FrequencyCounter&) = delete;
  // Counts the word tokens (and numbers when asked) of the turns of `doc` that `case_of`
  // keeps, under each turn's case value. With ngram_max > 1, counts n-grams of word tokens
  // inside sentences instead, skipping those that start or end with a stopword. Each distinct
  // form is normalized, stemmed and checked against the stopwords once per counter. Not
  // thread-safe: each worker thread counts into a counter of its own (PerWorker), and the
  // counters are merged at the end.
  void count(const Document& doc, const CaseOf& case_of, HyphenMode hyphens);
  // The same, and then, for each turn counted (words, not n-grams), calls
  // turn_forms(turn, tokens, ids) with, per token, the id of its form (see form()), or kNoForm
  // for a token not counted as a word.
  static constexpr std::uint32_t kNoForm = 0xffffffffu;
  using TurnForms = std::function<void(const DocumentTurn&, const std::vector<Token>&,
                                       const std::vector<std::uint32_t>&)>;
  void count(const Document& doc, const CaseOf& case_of, HyphenMode hyphens,
             const TurnForms& turn_forms);
  // Adds the counts of `other` (other documents, same options) and leaves it empty. The tables
  // do not depend on which counter counted which document, nor on the order of merges. With
  // `form_ids`, sets (*form_ids)[id] to the id in this counter of each form `id` of `other`.
  void merge(FrequencyCounter&& other, std::vector<std::uint32_t>* form_ids = nullptr);

  // A form met so far, by id (0 .. forms() - 1): its surface, language, own group key and
  // whether it counts (not a stopword, long enough).
  struct FormView {
    std::string_view surface, key;
    Language lang;
    bool counted;
  };
  std::size_t forms() const;
  FormView form(std::uint32_t id) const;
  // One table per case value, in value byte order.
  std::vector<FrequencyTable> finish();

  // Partial counts (`freq --partial`, `verbatim merge`): appends the counter's state to `out`
  // as JSON Lines records tagged `"k": counter`: one per case (documents, word tokens), one per
  // counted form (surface, language, norm, own group key, the groups it counts in, its count
  // per case) and one per group (documents per case). Adding every record of the shards'
  // counters to one counter gives the whole corpus's counter, each document being in one shard.
  void write_partial(std::string& out, int counter) const;
  // Adds one record written by write_partial; throws Error at `where` when it is not one.
  void add_partial(const JsonValue& record, const Location& where);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The first `n` words of the tables, as ranked (the top words of a one-case count).
std::vector<std::string> top_words(const std::vector<FrequencyTable>& tables, std::size_t n);

// "12.35": two decimals, rounded half up.
std::string format_percent(double value);

// Parses a synonyms file: one group per line, words separated by commas; `#` starts a comment.
// A line with fewer than two words is an Error naming its line.
std::vector<std::vector<std::string>> parse_synonyms(std::string_view text, std::string_view name);

}  // namespace verbatim

namespace verbatim {

// A published frequency table checked against its own arithmetic: every row's percent must be
// 100 x count / N rounded to the table's decimals. N is the corpus's when given, otherwise the
// N consistent with the most rows. Columns are found by name (word/mot, count/nombre,
// percent/pourcentage); decimal commas and tab, semicolon or comma separators are read.
struct TableLintFinding {
  std::size_t line = 0;
  std::string word;
  std::uint64_t count = 0;
  std::string published;  // the percent as printed
  std::string expected;   // 100 x count / N, same decimals
};

struct TableLint {
  std::uint64_t n = 0;
  bool n_inferred = true;
  std::size_t rows = 0;
  std::vector<TableLintFinding> findings;
};

TableLint lint_frequency_table(std::string_view table_text, std::string_view name,
                               std::optional<std::uint64_t> corpus_n);

}  // namespace verbatim
