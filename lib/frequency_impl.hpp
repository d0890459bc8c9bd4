// Private: the state of a FrequencyCounter, shared by the counting code (frequency.cpp) and
// the partial counts that shards write and `verbatim merge` reads (frequency_partial.cpp).
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "flat_counter.hpp"
#include "verbatim/frequency.hpp"
#include "verbatim/stemmer.hpp"

namespace verbatim {

namespace detail {
struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

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
  detail::FlatIndex form_index[2];            // per language: surface -> index in form_ids_of
  std::vector<std::uint32_t> form_ids_of[2];  // that index -> form id
  std::deque<Form> forms;                     // a deque: growing never holds two copies
  detail::StringMap<std::uint32_t> row_ids;   // group key -> row
  std::vector<std::string> row_keys;
  // Forms that arrive without a FormInfo (no analyzer, or synonym words) are analyzed here.
  std::optional<FormAnalyzer> analyzer;
  std::optional<Stemmer> stemmers[2];  // for synonym words and terms
  detail::StringMap<std::string> stem_keys[2];
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
    auto [it, fresh] = row_ids.emplace(key, static_cast<std::uint32_t>(row_keys.size()));
    if (fresh) row_keys.push_back(key);
    return it->second;
  }

  std::uint32_t intern(std::string_view surface, Language lang, const FormInfo* info = nullptr) {
    bool fresh = false;
    std::string_view stored;
    const std::uint32_t id = form_index[li(lang)].insert(surface, &fresh, &stored);
    if (!fresh) return form_ids_of[li(lang)][id];
    if (!info) {
      if (!analyzer) analyzer.emplace(opts);
      info = &analyzer->get(surface, lang);
    }
    Form f;
    f.lang = lang;
    f.surface = stored;
    f.norm = info->norm;
    f.counted = info->counted;
    f.key = info->key;
    const std::string& key = f.key;
    if (!opts.synonyms.empty()) {
      prepare_synonyms(lang);
      if (auto it = synonym_lines[li(lang)].find(key); it != synonym_lines[li(lang)].end()) {
        for (std::uint32_t line : it->second)
          f.rows.push_back(row_of("syn:" + std::to_string(line)));
      }
    }
    if (f.rows.empty()) f.rows.push_back(row_of(key));
    const auto form = static_cast<std::uint32_t>(forms.size());
    forms.push_back(std::move(f));
    form_ids_of[li(lang)].push_back(form);
    return form;
  }

  // Per analyzer serial: FormInfo::index -> what add() needs of the form (kNone until met), so
  // that forms counted on a worker are interned once per analyzer, not once per document, and
  // counting reads this small array instead of the forms themselves.
  struct Via {
    std::uint32_t id = detail::FlatIndex::kNone;
    std::uint32_t row = detail::FlatIndex::kNone;  // its one row, kNone when it has several
    bool counted = false;
  };
  std::unordered_map<std::uint64_t, std::vector<Via>> via;
  const Via& intern_via(std::vector<Via>& vias, const FormInfo& info, Language lang) {
    if (vias.size() <= info.index) vias.resize(info.index + 1024);
    Via& v = vias[info.index];
    if (v.id == detail::FlatIndex::kNone) {
      v.id = intern(info.surface, lang, &info);
      const Form& f = forms[v.id];
      v.counted = f.counted;
      if (f.rows.size() == 1) v.row = f.rows[0];
    }
    return v;
  }

  // A case's vectors cover every form and row known so far.
  void fit(Case& k) {
    if (k.form_count.size() < forms.size()) k.form_count.resize(forms.size() + 1024);
    if (k.row_docs.size() < row_keys.size()) {
      k.row_docs.resize(row_keys.size() + 1024);
      k.row_last_doc.resize(row_keys.size() + 1024, -1);
    }
  }
};

}  // namespace verbatim
