#include "verbatim/frequency.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <span>
#include <unordered_map>

#include <fmt/format.h>

#include "flat_counter.hpp"
#include "frequency_impl.hpp"
#include "verbatim/csv.hpp"
#include "verbatim/segment.hpp"
#include "verbatim/source.hpp"
#include "verbatim/stemmer.hpp"

namespace verbatim {

namespace {

bool counted_kind(TokenKind k, const FrequencyOptions& o) {
  return k == TokenKind::word || (o.numbers && k == TokenKind::number);
}

}  // namespace

DocumentCounts count_document(const Document& doc, const CaseOf& case_of,
                              const FrequencyOptions& opts, HyphenMode hyphens,
                              FormAnalyzer* analyzer) {
  DocumentCounts dc;
  dc.language = doc.language;
  if (analyzer) dc.analyzer = analyzer->serial();
  const std::string_view text = doc.text;
  std::vector<detail::FlatCounter> maps;
  std::map<std::string, std::size_t> index;
  std::optional<Stopwords> stop;
  if (opts.ngram_max > 1 && opts.stopwords) stop = opts.stopwords(doc.language);
  std::vector<Token> tokens;
  std::string key;
  // With an analyzer the form is its FormInfo (which holds the surface), else a copy.
  auto add_form = [&](std::vector<DocumentCounts::Form>& forms, std::string_view surface,
                      std::uint32_t n) {
    if (analyzer) {
      forms.push_back({{}, n, &analyzer->get(surface, doc.language)});
    } else {
      forms.push_back({std::string(surface), n, nullptr});
    }
  };
  for (const auto& turn : doc.turns) {
    std::optional<std::string> value = case_of(doc, turn);
    if (!value) continue;
    auto [it, fresh] = index.emplace(*value, maps.size());
    if (fresh) {
      maps.emplace_back();
      dc.cases.push_back({*value, {}, 0});
    }
    auto& counts = maps[it->second];
    auto& c = dc.cases[it->second];
    tokens.clear();
    tokenize_turn(text, turn, {doc.language, hyphens}, tokens);
    for (const Token& t : tokens)
      c.word_tokens += t.kind == TokenKind::word;
    if (opts.ngram_max <= 1) {
      for (const Token& t : tokens) {
        if (counted_kind(t.kind, opts)) counts.add(text.substr(t.begin, t.end - t.begin));
      }
      continue;
    }
    // N-grams of counted tokens inside each sentence; stopwords inside, never at the edges.
    const std::vector<Span> sentences = split_sentences(text, turn.content, tokens);
    std::size_t t0 = 0;
    for (const Span& s : sentences) {
      std::vector<const Token*> words;
      while (t0 < tokens.size() && tokens[t0].begin < s.end) {
        if (counted_kind(tokens[t0].kind, opts)) words.push_back(&tokens[t0]);
        ++t0;
      }
      auto is_stop = [&](const Token* t) {
        return stop && stop->contains(normalize_token(text.substr(t->begin, t->end - t->begin)));
      };
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (is_stop(words[i])) continue;
        for (std::size_t n = std::max<std::size_t>(opts.ngram_min, 2); n <= opts.ngram_max; ++n) {
          if (i + n > words.size() || is_stop(words[i + n - 1])) continue;
          key.clear();
          for (std::size_t k = 0; k < n; ++k) {
            if (k) key.push_back(' ');
            key.append(text.substr(words[i + k]->begin, words[i + k]->end - words[i + k]->begin));
          }
          add_form(c.forms, key, 1);
        }
      }
    }
  }
  for (std::size_t i = 0; i < maps.size(); ++i) {
    auto& forms = dc.cases[i].forms;
    forms.reserve(forms.size() + maps[i].size());
    maps[i].for_each(
        [&](std::string_view surface, std::uint32_t n) { add_form(forms, surface, n); });
  }
  return dc;
}

// ---------------------------------------------------------------------------------------------

namespace {
std::uint64_t next_serial() {
  static std::atomic<std::uint64_t> serial{0};
  return ++serial;
}
}  // namespace

struct FormAnalyzer::Impl {
  explicit Impl(const FrequencyOptions& o) : opts(o) {}
  const FrequencyOptions& opts;
  detail::FlatIndex index[2];     // per language: surface -> entry
  std::deque<FormInfo> infos[2];  // by entry; a deque keeps references valid
  std::uint32_t next = 0;         // the next FormInfo::index
  std::optional<Stemmer> stemmers[2];
  std::optional<Stopwords> stopwords[2];
};

FormAnalyzer::FormAnalyzer(const FrequencyOptions& opts)
    : serial_(next_serial()), impl_(std::make_unique<Impl>(opts)) {}
FormAnalyzer::~FormAnalyzer() = default;

std::string group_key(const FrequencyOptions& opts, Language lang, const std::string& norm,
                      std::optional<Stemmer>& stemmer, detail::StringMap<std::string>* cache) {
  if (opts.group == GroupMode::exact || opts.ngram_max > 1) {
    return std::string(language_code(lang)) + ":" + norm;
  }
  if (cache) {
    if (auto it = cache->find(norm); it != cache->end()) return it->second;
  }
  if (!stemmer) stemmer.emplace(lang);
  std::string key = std::string(language_code(lang)) + ":" + std::string(stemmer->stem(norm));
  if (cache) cache->emplace(norm, key);
  return key;
}

const FormInfo& FormAnalyzer::get(std::string_view surface, Language lang) {
  Impl& m = *impl_;
  const int l = lang == Language::fr ? 0 : 1;
  bool fresh = false;
  std::string_view stored;
  const std::uint32_t entry = m.index[l].insert(surface, &fresh, &stored);
  if (!fresh) return m.infos[l][entry];
  FormInfo f;
  f.surface = stored;
  f.index = m.next++;
  f.norm = normalize_token(surface);
  auto& stop = m.stopwords[l];
  if (!stop) stop = m.opts.stopwords ? m.opts.stopwords(lang) : Stopwords();
  f.counted =
      code_points(f.norm) >= m.opts.min_length && (m.opts.ngram_max > 1 || !stop->contains(f.norm));
  // Stemmed per surface, not per norm: a cache of norms would cost more memory than the few
  // case variants cost time.
  f.key = group_key(m.opts, lang, f.norm, m.stemmers[l], nullptr);
  m.infos[l].push_back(std::move(f));
  return m.infos[l].back();
}

// ---------------------------------------------------------------------------------------------

FrequencyCounter::FrequencyCounter(FrequencyOptions opts) : impl_(std::make_unique<Impl>()) {
  impl_->opts = std::move(opts);
}

FrequencyCounter::~FrequencyCounter() = default;

void FrequencyCounter::add(const DocumentCounts& counts, std::size_t doc_index) {
  Impl& m = *impl_;
  const auto doc = static_cast<std::int64_t>(doc_index);
  std::vector<Impl::Via>* via = counts.analyzer ? &m.via[counts.analyzer] : nullptr;
  for (const auto& c : counts.cases) {
    Impl::Case& k = m.cases[c.value];
    ++k.documents;
    k.words += c.word_tokens;
    auto count_row = [&k, doc](std::uint32_t row) {
      if (k.row_last_doc[row] != doc) {
        k.row_last_doc[row] = doc;
        ++k.row_docs[row];
      }
    };
    for (const auto& [surface, n, info] : c.forms) {
      Impl::Via v;
      if (info && via) {
        v = m.intern_via(*via, *info, counts.language);
      } else {
        v.id = m.intern(surface, counts.language, info);
        v.counted = m.forms[v.id].counted;
      }
      if (!v.counted) continue;
      m.fit(k);
      k.form_count[v.id] += n;
      k.counted += n;
      if (v.row != detail::FlatIndex::kNone) {
        count_row(v.row);
      } else {
        for (std::uint32_t row : m.forms[v.id].rows)
          count_row(row);
      }
    }
  }
}

std::vector<FrequencyTable> FrequencyCounter::finish() {
  Impl& m = *impl_;
  // The forms of each row, as one array: row r's are form_ids[row_start[r], row_start[r + 1]).
  std::vector<std::uint32_t> row_start(m.row_keys.size() + 1, 0);
  for (const Impl::Form& f : m.forms) {
    for (std::uint32_t row : f.rows)
      ++row_start[row + 1];
  }
  for (std::size_t r = 0; r < m.row_keys.size(); ++r)
    row_start[r + 1] += row_start[r];
  std::vector<std::uint32_t> form_ids(row_start.back());
  {
    std::vector<std::uint32_t> fill(row_start.begin(), row_start.end() - 1);
    for (std::uint32_t id = 0; id < m.forms.size(); ++id) {
      for (std::uint32_t row : m.forms[id].rows)
        form_ids[fill[row]++] = id;
    }
  }
  auto row_forms = [&](std::uint32_t row) {
    return std::span<const std::uint32_t>(form_ids.data() + row_start[row],
                                          row_start[row + 1] - row_start[row]);
  };
  // Terms select groups: a term matches every form of its group, in either language.
  std::vector<std::string> terms;
  for (const auto& t : m.opts.terms) {
    for (Language lang : {Language::fr, Language::en}) {
      terms.push_back(m.group_key(lang, normalize_token(t)));
    }
  }
  std::sort(terms.begin(), terms.end());
  std::vector<FrequencyTable> out;
  for (auto& [value, k] : m.cases) {
    FrequencyTable t;
    t.case_value = value;
    t.word_tokens = k.words;
    t.counted_tokens = m.opts.percent_of_all ? k.words : k.counted;
    t.documents = k.documents;
    k.form_count.resize(m.forms.size());
    k.row_docs.resize(m.row_keys.size());
    std::vector<std::pair<std::string_view, std::uint64_t>> by_norm;
    for (std::uint32_t row = 0; row < m.row_keys.size(); ++row) {
      // Cheap test first: most rows of a case table are empty.
      std::uint64_t count = 0;
      for (std::uint32_t id : row_forms(row))
        count += k.form_count[id];
      if (count == 0) continue;
      bool wanted =
          terms.empty() || std::binary_search(terms.begin(), terms.end(), m.row_keys[row]);
      FrequencyRow r;
      r.count = count;
      by_norm.clear();
      std::string_view best;
      std::uint64_t best_n = 0;
      for (std::uint32_t id : row_forms(row)) {
        const std::uint64_t n = k.form_count[id];
        if (n == 0) continue;
        const Impl::Form& f = m.forms[id];
        r.weighted += static_cast<double>(n) / static_cast<double>(f.rows.size());
        auto it = std::find_if(by_norm.begin(), by_norm.end(),
                               [&f](const auto& e) { return e.first == f.norm; });
        if (it == by_norm.end()) {
          by_norm.emplace_back(f.norm, n);
        } else {
          it->second += n;
        }
        if (n > best_n || (n == best_n && f.surface < best)) {
          best_n = n;
          best = f.surface;
        }
        wanted = wanted || std::binary_search(terms.begin(), terms.end(), f.key);
      }
      if (!wanted) continue;
      r.key = m.row_keys[row];
      r.word = std::string(best);
      r.length = code_points(r.word);
      r.documents = k.row_docs[row];
      // Most frequent first, then byte order.
      std::sort(by_norm.begin(), by_norm.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
      });
      r.similar.reserve(by_norm.size());
      for (const auto& [norm, n] : by_norm)
        r.similar.emplace_back(std::string(norm), n);
      t.rows.push_back(std::move(r));
    }
    // Ranked through an index: sorting the rows themselves moves their strings and vectors.
    std::vector<std::uint32_t> order(t.rows.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::sort(order.begin(), order.end(), [&rows = t.rows](std::uint32_t x, std::uint32_t y) {
      const FrequencyRow& a = rows[x];
      const FrequencyRow& b = rows[y];
      if (a.count != b.count) return a.count > b.count;
      if (const int c = a.word.compare(b.word); c != 0) return c < 0;
      return a.key < b.key;
    });
    std::vector<FrequencyRow> ranked;
    ranked.reserve(order.size());
    for (std::uint32_t i : order)
      ranked.push_back(std::move(t.rows[i]));
    t.rows = std::move(ranked);
    out.push_back(std::move(t));
  }
  return out;
}

double FrequencyTable::percent(const FrequencyRow& r) const {
  return counted_tokens ? 100.0 * r.weighted / static_cast<double>(counted_tokens) : 0.0;
}

std::string format_percent(double value) {
  // Half up on the second decimal; the epsilon keeps exact halves (12.345) from falling below.
  const double hundredths = std::floor(value * 100.0 + 0.5 + 1e-9);
  return fmt::format("{:.2f}", hundredths / 100.0);
}

std::vector<std::vector<std::string>> parse_synonyms(std::string_view text, std::string_view name) {
  std::vector<std::vector<std::string>> out;
  std::size_t pos = 0, line = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    ++line;
    std::string_view l = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (auto hash = l.find('#'); hash != std::string_view::npos) l = l.substr(0, hash);
    std::vector<std::string> words;
    std::size_t i = 0;
    bool any = false;
    while (i <= l.size()) {
      std::size_t comma = l.find(',', i);
      if (comma == std::string_view::npos) comma = l.size();
      std::string_view w = l.substr(i, comma - i);
      while (!w.empty() && (w.front() == ' ' || w.front() == '\t' || w.front() == '\r'))
        w.remove_prefix(1);
      while (!w.empty() && (w.back() == ' ' || w.back() == '\t' || w.back() == '\r'))
        w.remove_suffix(1);
      any = any || comma < l.size();
      if (!w.empty()) words.emplace_back(w);
      i = comma + 1;
    }
    if (words.empty() && !any) continue;
    if (words.size() < 2) {
      throw Error(Location{std::string(name), line, 1, std::nullopt},
                  "a synonym group needs at least two words separated by commas");
    }
    out.push_back(std::move(words));
    if (eol == text.size()) break;
  }
  return out;
}

}  // namespace verbatim
