// Private: the state of a FrequencyCounter, shared by the counting code (frequency.cpp) and
// the partial counts that shards write and `verbatim merge` reads (frequency_partial.cpp).
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "block_vector.hpp"
#include "flat_counter.hpp"
#include "verbatim/frequency.hpp"
#include "verbatim/stemmer.hpp"
#include "verbatim/stopwords.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

namespace detail {
struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

// Occurrences by string (the forms of a group), in first-seen order.
using Tally = std::vector<std::pair<std::string_view, std::uint64_t>>;

inline void add_to(Tally& tally, std::string_view key, std::uint64_t n) {
  auto it =
      std::find_if(tally.begin(), tally.end(), [key](const auto& e) { return e.first == key; });
  if (it == tally.end()) {
    tally.emplace_back(key, n);
  } else {
    it->second += n;
  }
}

// Most frequent first, then byte order.
inline bool more_frequent(const Tally::value_type& a, const Tally::value_type& b) {
  return a.second != b.second ? a.second > b.second : a.first < b.first;
}

// The most frequent string of a non-empty tally, ties to byte order.
inline std::string_view leading(const Tally& t) {
  return std::min_element(t.begin(), t.end(), more_frequent)->first;
}

// The language of a group key: 0 for "fr:...", 1 for "en:...", -1 for any other (a synonym
// line's row).
inline int key_language(std::string_view key) {
  return key.starts_with("fr:") ? 0 : key.starts_with("en:") ? 1 : -1;
}

// A group of words in one language (0 French, 1 English, -1 neither: never paired) and its
// normalized forms with their occurrences.
struct LanguageGroup {
  int lang = -1;
  Tally norms;
};
inline constexpr std::uint32_t kNoPartner = 0xffffffffu;
// One word, one group: each document is stemmed in its own language, so a word both languages
// use (marketing, data, Google, clients) has a French and an English group. Groups g and h of
// the two languages are one word when they have the same leading norm (most frequent, then
// byte order), or when the leading norm of each is a norm of the other and their norms come in
// like proportions (a histogram intersection of at least one half): "clients" leading one and
// "client" the other, with both forms common in each, pair; a French group led by "telle" and
// an English one led by "tell", each with a few occurrences of the other, do not. A norm is in
// one group per language (the first that holds it, when synonyms place it in several), so a
// group has one candidate and the pairs never overlap. Returns the partner of each group, or
// kNoPartner.
std::vector<std::uint32_t> pair_languages(const std::vector<LanguageGroup>& groups);

// The groups a word list keeps (`--terms`, a freq table's words): each word keeps the groups
// it leads (is the most frequent normalized form of, ties to byte order), else the groups that
// have it as a form, else the groups `of_key` gives for its norm (its group in each language:
// a form the corpus does not have). So a word of freq's table keeps its own row, and not an
// English group that only stems alike (the French "maintenant", the English "maintenance").
// `groups[i]`: the norms of group i with their occurrences over the whole corpus.
std::vector<std::uint8_t> listed_groups(
    const std::vector<Tally>& groups, const std::vector<std::string>& words,
    const std::function<std::vector<std::uint32_t>(const std::string& norm)>& of_key);

}  // namespace detail

// The group key of a norm: "fr:" and its Snowball stem (kept in `cache` when given), or "fr:"
// and the norm itself in exact mode and for n-grams.
std::string group_key(const FrequencyOptions& opts, Language lang, const std::string& norm,
                      std::optional<Stemmer>& stemmer, detail::StringMap<std::string>* cache);

// The rows a form counts in: one, its own group, unless synonym lines hold it (then one per
// line). The first is kept inline, so the common case allocates nothing.
class RowList {
 public:
  void push_back(std::uint32_t row) {
    if (size_++ == 0) {
      first_ = row;
    } else {
      more_.push_back(row);
    }
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::uint32_t operator[](std::size_t i) const { return i == 0 ? first_ : more_[i - 1]; }

  struct iterator {
    const RowList* list;
    std::size_t i;
    std::uint32_t operator*() const { return (*list)[i]; }
    iterator& operator++() {
      ++i;
      return *this;
    }
    bool operator!=(const iterator& o) const { return i != o.i; }
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size_}; }

 private:
  std::uint32_t first_ = 0;
  std::uint32_t size_ = 0;
  std::vector<std::uint32_t> more_;
};

struct FrequencyCounter::Impl {
  FrequencyOptions opts;
  struct Form {
    std::string_view surface;  // form_index's own copy
    std::string norm;
    std::string key;  // its own group (before synonyms)
    Language lang = Language::fr;
    bool counted = false;
    RowList rows;  // a row per synonym line holding it, else its own group
  };
  // Per language: surface -> form. The slot's value is the form id, with kCounted set when the
  // form counts, so that a token of a known form costs one probe.
  static constexpr std::uint32_t kCounted = 0x80000000u;
  detail::FormIndex form_index[2];
  detail::BlockVector<Form> forms;  // growing never holds two copies
  // By form id: the (document, case) it was last met in, and its one row (kNoRow when several).
  static constexpr std::uint32_t kNoRow = 0xffffffffu;
  struct Seen {
    std::uint32_t epoch = 0;
    std::uint32_t row = kNoRow;
  };
  std::vector<Seen> seen;
  // Group key -> row (ids in first-seen order). A FormIndex: a key keeps its first 16 bytes in
  // its slot, so finding the row of a new form's key reads one cache line, not two.
  detail::FormIndex row_ids;
  std::vector<std::string> row_keys;
  std::optional<Stemmer> stemmers[2];
  std::optional<Stopwords> stopwords[2];
  detail::StringMap<std::string> stem_keys[2];  // for synonym words and terms
  // Synonym words by group key of each language, to the lines holding them.
  detail::StringMap<std::vector<std::uint32_t>> synonym_lines[2];
  bool synonyms_ready[2] = {false, false};
  struct Case {
    std::vector<std::uint64_t> form_count;
    std::vector<std::size_t> row_docs;
    std::vector<std::int64_t> row_last_doc;
    std::uint64_t counted = 0, words = 0;
    std::size_t documents = 0;
  };
  std::map<std::string, Case> cases;
  // Counting state: documents counted so far, the last epoch given out, the token buffer.
  std::int64_t documents = 0;
  std::uint32_t epoch = 0;
  std::vector<Token> tokens;

  static int li(Language l) { return l == Language::fr ? 0 : 1; }

  std::string group_key(Language lang, const std::string& norm) {
    return verbatim::group_key(opts, lang, norm, stemmers[li(lang)], &stem_keys[li(lang)]);
  }

  void prepare_synonyms(Language lang) {
    if (synonyms_ready[li(lang)]) return;
    synonyms_ready[li(lang)] = true;
    for (std::uint32_t line = 0; line < opts.synonyms.size(); ++line) {
      for (const auto& w : opts.synonyms[line]) {
        auto& lines = synonym_lines[li(lang)][group_key(lang, normalize_token(w))];
        if (lines.empty() || lines.back() != line) lines.push_back(line);
      }
    }
  }

  std::uint32_t row_of(const std::string& key) {
    bool fresh = false;
    std::string_view stored;
    std::uint32_t& row = row_ids.value(key, &fresh, &stored);
    if (fresh) {
      row = static_cast<std::uint32_t>(row_keys.size());
      row_keys.push_back(key);
    }
    return row;
  }

  // Appends a form and returns its id; `f.rows` must be filled.
  std::uint32_t push_form(Form&& f) {
    const auto id = static_cast<std::uint32_t>(forms.size());
    Seen s;
    if (f.rows.size() == 1) s.row = f.rows[0];
    seen.push_back(s);
    forms.push_back(std::move(f));
    return id;
  }

  // A new surface form (or n-gram; `stored` is form_index's copy): normalized, checked against
  // the stopwords and the minimum length, stemmed and put in its rows once. Returns its slot
  // value. A form in its own group's row alone (no synonym line holds it) waits in
  // `unresolved` for that row, until resolve_rows(), which count() calls before it returns.
  std::uint32_t analyze(std::string_view stored, Language lang);
  std::vector<std::uint32_t> unresolved;
  void resolve_rows();

  // The slot value of a form analyzed elsewhere (another counter, a partial), added with that
  // analysis and those rows when new; `fresh` tells which.
  std::uint32_t adopt(Language lang, std::string_view surface, const std::string& norm,
                      const std::string& key, bool counted, const RowList& rows, bool* fresh) {
    std::string_view stored;
    std::uint32_t& value = form_index[li(lang)].value(surface, fresh, &stored);
    if (*fresh) {
      Form f;
      f.lang = lang;
      f.surface = stored;
      f.norm = norm;
      f.key = key;
      f.counted = counted;
      f.rows = rows;
      value = push_form(std::move(f)) | (counted ? kCounted : 0);
    }
    return value;
  }

  // The slot value of a surface form (or n-gram), analyzed when new.
  std::uint32_t intern(std::string_view surface, Language lang) {
    bool fresh = false;
    std::string_view stored;
    std::uint32_t& value = form_index[li(lang)].value(surface, &fresh, &stored);
    if (fresh) value = analyze(stored, lang);  // analyze() does not touch form_index
    return value;
  }

  // A case's vectors cover every form and row known so far.
  void fit(Case& k) {
    if (k.form_count.size() < forms.size()) k.form_count.resize(forms.size() + 1024);
    if (k.row_docs.size() < row_keys.size()) {
      k.row_docs.resize(row_keys.size() + 1024);
      k.row_last_doc.resize(row_keys.size() + 1024, -1);
    }
  }

  // A case met in the document being counted: its epoch and the forms first met in it.
  struct Open {
    Case* k = nullptr;
    std::uint32_t epoch = 0;
    std::vector<std::uint32_t> met;
  };

  // Counts one occurrence of a form (its slot value) in an open case; returns 1, or 0 for a form
  // that does not count. The caller adds the sum to the case's `counted`.
  std::uint32_t tally(Open& o, std::uint32_t value) {
    if (!(value & kCounted)) return 0;
    const std::uint32_t id = value & ~kCounted;
    Case& k = *o.k;
    if (id >= k.form_count.size()) fit(k);
    ++k.form_count[id];
    if (seen[id].epoch != o.epoch) {
      seen[id].epoch = o.epoch;
      o.met.push_back(id);
    }
    return 1;
  }

  // tally() a few counted tokens later: the form's counters are prefetched now and added
  // kLag tokens on, when they are in the cache (a rare word's counters are otherwise a cache
  // miss that the loop waits for). Tallies commute, so the counts are the same; settle() adds
  // those still waiting, and must be called before the open case changes.
  std::uint32_t tally_soon(Open& o, std::uint32_t value) {
    if (!(value & kCounted)) return 0;
    const std::uint32_t id = value & ~kCounted;
    if (id < o.k->form_count.size()) {
      __builtin_prefetch(&o.k->form_count[id], 1);
      __builtin_prefetch(&seen[id], 1);
    }
    std::uint32_t& slot = waiting[waited++ % kLag];
    if (waited > kLag) tally(o, slot);
    slot = value;
    return 1;
  }
  void settle(Open& o) {
    for (std::size_t i = waited > kLag ? waited - kLag : 0; i < waited; ++i)
      tally(o, waiting[i % kLag]);
    waited = 0;
  }
  static constexpr std::size_t kLag = 8;
  std::uint32_t waiting[kLag] = {};
  std::size_t waited = 0;

  void count(const Document& doc, const CaseOf& case_of, HyphenMode hyphens,
             const FrequencyCounter::TurnForms* turn_forms);
  // Counts the word tokens of `tokens` into `words` and the counted ones in `o` (and
  // `counted`); with kForms, `forms_out` gets each token's form id (kNoForm stays for tokens
  // that are not counted kinds): a choice made at compile time, not tested for each token.
  template <bool kForms>
  void count_words(Open& o, Language lang, std::string_view text, std::uint64_t& words,
                   std::uint64_t& counted, std::uint32_t* forms_out);
  // The bytes of text tokenized at a time (see for_each_piece): the token buffer stays near
  // 40 KB, about one 12-byte token per six bytes, however long a turn is.
  static constexpr std::uint32_t kPieceBytes = 16 * 1024;
  std::vector<std::uint32_t> token_forms;  // for turn_forms
};

}  // namespace verbatim
