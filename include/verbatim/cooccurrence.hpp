// cooccurrence: which words travel together (IRaMuTeQ's similarity analysis, KH Coder's
// co-occurrence network, AntConc's collocates).
//
// Terms are the counted words of freq (stopwords and short words out, grouped by stem or form).
// Two counting models:
//   window:  x and y co-occur when at most N word positions apart inside one sentence of one
//            turn (stopwords occupy positions but are never terms); f(x) = occurrences of x,
//            f(x,y) = pairs of positions, U = counted tokens.
//   units:   sentence, turn, paragraph or document; f(x) = units holding x, f(x,y) = units
//            holding both, U = units (KH Coder's presence model).
// Measures (DESIGN §12) follow from f(x), f(y), f(x,y) and U. Documents are counted on worker
// threads into per-document maps and merged in document order; with a term list, only pairs of
// listed terms are kept, so memory grows with the list, not with the corpus.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "verbatim/corpus.hpp"
#include "verbatim/frequency.hpp"
#include "verbatim/inventory.hpp"
#include "verbatim/json.hpp"
#include "verbatim/segment.hpp"

namespace verbatim {

enum class CooccurrenceUnit { window, sentence, turn, paragraph, document };

struct CooccurrenceOptions {
  CooccurrenceUnit unit = CooccurrenceUnit::window;
  std::size_t window = 5;
  GroupMode group = GroupMode::stem;
  std::shared_ptr<const Lexicons> lexicons;  // for GroupMode::lemma
  std::size_t min_length = 1;
  HyphenMode hyphens = HyphenMode::language;
  std::function<Stopwords(Language)> stopwords;
  std::vector<std::string> terms;  // when set: only these words (their group in each language)
};

// One document's counts: per term its occurrences (window) or units, per pair its count, and
// the surface forms seen, for the displayed word.
struct DocumentCooccurrence {
  std::map<std::string, std::uint64_t> term_count;     // group key -> f(x)
  std::map<std::string, std::uint64_t> surface_count;  // "key\tsurface" -> occurrences
  std::map<std::pair<std::string, std::string>, std::uint64_t> pairs;  // (a < b) -> f(a,b)
  std::uint64_t units = 0;                                             // U
};

// The terms of words (group key, counted or not) under one CooccurrenceOptions, each surface
// form normalized and stemmed once: one per worker thread (see PerWorker), not thread-safe.
class CooccurrenceTerms {
 public:
  explicit CooccurrenceTerms(const CooccurrenceOptions& opts);
  ~CooccurrenceTerms();
  CooccurrenceTerms(const CooccurrenceTerms&) = delete;
  CooccurrenceTerms& operator=(const CooccurrenceTerms&) = delete;
  struct Impl;

 private:
  friend DocumentCooccurrence count_cooccurrence(const Document&, const CooccurrenceOptions&,
                                                 const TurnFilter&, CooccurrenceTerms*);
  std::unique_ptr<Impl> impl_;
};

// Counts one document; with `terms` (the worker's), forms analyzed in earlier documents are
// not analyzed again. Thread-safe when each thread has its own `terms`.
DocumentCooccurrence count_cooccurrence(const Document& doc, const CooccurrenceOptions& opts,
                                        const TurnFilter& keep, CooccurrenceTerms* terms = nullptr);

// The options of the word count that picks the `--top` words: the terms' grouping, minimum
// length and stopwords.
FrequencyOptions top_frequency_options(const CooccurrenceOptions& opts);
// One case ("") for every turn `keep` keeps.
CaseOf one_case(const TurnFilter& keep);

// Cooccurrence among the `top` most frequent words (freq's ranking) in one reading of the
// corpus. Each worker counts word frequencies as freq does and keeps the word positions of
// its documents as 4-byte form ids, in a temporary file (under $TMPDIR, else /tmp) past 1 MB;
// once the top words are known, the pairs are counted from those ids. The same counts as
// count_cooccurrence over every document with the top words as the term list, without
// tokenizing the corpus twice.
class TopCooccurrence {
 public:
  TopCooccurrence(const CooccurrenceOptions& opts, std::size_t top, unsigned threads);
  ~TopCooccurrence();
  TopCooccurrence(const TopCooccurrence&) = delete;
  TopCooccurrence& operator=(const TopCooccurrence&) = delete;
  // Counts the turns `keep` keeps of one document, into the state of the calling worker of
  // ordered_parallel_map (current_worker()). Throws Error when the temporary file fails.
  void count(const Document& doc, const TurnFilter& keep);
  // Once every document is counted: the top words, as freq displays them, and the whole
  // corpus's counts among them (each top word's group in each language, as a term list
  // counts; CooccurrenceCounter::term_keys then keeps the terms the words keep).
  DocumentCooccurrence finish(std::vector<std::string>& top_words);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Edge {
  std::string a, b;          // displayed words, a < b by group key
  std::string a_key, b_key;  // their terms' keys (Node::key): two terms may show one word
  std::uint64_t count = 0, a_count = 0, b_count = 0;
  double jaccard = 0, dice = 0, cosine = 0, pmi = 0, npmi = 0, ll = 0;
};

struct Node {
  std::string key, word;
  std::uint64_t count = 0;
};

struct CooccurrenceTable {
  std::vector<Node> nodes;  // terms with their f(x), by count then word
  std::vector<Edge> edges;  // unsorted; the caller ranks by its measure
  std::uint64_t units = 0;
};

class CooccurrenceCounter {
 public:
  explicit CooccurrenceCounter(std::size_t max_pairs) : max_pairs_(max_pairs) {}
  // Adds one document, in document order. Throws Error when the pairs pass max_pairs.
  void add(const DocumentCooccurrence& d);

  // How the counted group keys become terms. Each document is stemmed in its own language, so
  // a word both languages use ("clients") has a French and an English key: they are one term,
  // under the French key, by freq's rule for one row (detail::pair_languages, on the normalized
  // surfaces over `counters`). A document has one language, so no unit holds both keys, and
  // their counts add.
  // A listed word (`words`, grouped by `group`; none: every word) was counted under its key in
  // each language; it keeps the terms it leads (is the most frequent normalized form of), else
  // the terms that have it as a form, else every term of its keys: "porte" keeps the French
  // term it leads, not the English "port" with a few quoted "porte", and "maintenant" not the
  // English "maintenance", which stems alike. So `--terms` given freq's top words keeps the
  // terms `--top` keeps, one a word.
  struct TermKeys {
    std::map<std::string, std::string, std::less<>> same;  // key -> the key it counts under
    std::set<std::string, std::less<>> left_out;           // keys no listed word keeps
  };
  static TermKeys term_keys(const std::vector<const CooccurrenceCounter*>& counters,
                            const std::vector<std::string>& words,
                            const FrequencyOptions& grouping);
  // The terms, their pairs of at least `min_count`, and U.
  CooccurrenceTable finish(std::uint64_t min_count, const TermKeys& keys) const;
  // As above, with the term keys of this counter alone, every word listed.
  CooccurrenceTable finish(std::uint64_t min_count) const;

  // Partial counts (`cooccur --partial`, `verbatim merge`): appends the counter as JSON Lines
  // records tagged `"case": case_value`: U, then f(x) per term, occurrences per surface form
  // and f(x,y) per pair. Adding the records of the shards' counters (each document in one
  // shard) to one counter gives the whole corpus's counter; `min_count` applies after, in
  // finish().
  void write_partial(std::string& out, std::string_view case_value) const;
  // Adds one record written by write_partial (the caller picked the counter by its case).
  // Throws Error at `where` when it is not one, or when the pairs pass max_pairs.
  void add_partial(const JsonValue& record, const Location& where);

 private:
  void check_pairs() const;
  std::size_t max_pairs_;
  std::map<std::string, std::uint64_t> terms_;
  std::map<std::string, std::uint64_t> surfaces_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> pairs_;
  std::uint64_t units_ = 0;
};

// Association of a pair from f(x,y), f(x), f(y) and U.
void fill_measures(Edge& e, std::uint64_t units);

}  // namespace verbatim
