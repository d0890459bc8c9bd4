// Private: the state of a FrequencyCounter, shared by the counting code (frequency.cpp) and
// the partial counts that shards write and `verbatim merge` reads (frequency_partial.cpp).
#pragma once

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

struct FrequencyCounter::Impl {
  FrequencyOptions opts;
  struct Form {
    std::string surface;
    std::string norm;
    std::string key;  // its own group (before synonyms)
    Language lang = Language::fr;
    bool counted = false;
    std::vector<std::uint32_t> rows;  // a row per synonym line holding it, else its own group
  };
  detail::FlatIndex form_index[2];            // per language: surface -> index in form_ids_of
  std::vector<std::uint32_t> form_ids_of[2];  // that index -> form id
  std::vector<Form> forms;
  detail::StringMap<std::uint32_t> row_ids;  // group key -> row
  std::vector<std::string> row_keys;
  std::optional<Stemmer> stemmers[2];
  std::optional<Stopwords> stopwords[2];
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

  detail::StringMap<std::string> stem_keys[2];  // norm -> group key: each norm stemmed once

  std::string group_key(Language lang, const std::string& norm) {
    if (opts.group == GroupMode::exact || opts.ngram_max > 1) {
      return std::string(language_code(lang)) + ":" + norm;
    }
    auto& cache = stem_keys[li(lang)];
    if (auto it = cache.find(norm); it != cache.end()) return it->second;
    auto& st = stemmers[li(lang)];
    if (!st) st.emplace(lang);
    std::string key = std::string(language_code(lang)) + ":" + std::string(st->stem(norm));
    cache.emplace(norm, key);
    return key;
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

  std::uint32_t intern(std::string_view surface, Language lang) {
    bool fresh = false;
    const std::uint32_t id = form_index[li(lang)].insert(surface, &fresh);
    if (!fresh) return form_ids_of[li(lang)][id];
    Form f;
    f.lang = lang;
    f.surface = std::string(surface);
    f.norm = normalize_token(surface);
    auto& stop = stopwords[li(lang)];
    if (!stop) stop = opts.stopwords ? opts.stopwords(lang) : Stopwords();
    f.counted =
        code_points(f.norm) >= opts.min_length && (opts.ngram_max > 1 || !stop->contains(f.norm));
    f.key = group_key(lang, f.norm);
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
