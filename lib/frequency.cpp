#include "verbatim/frequency.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
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

// True when a surface has a capital letter at or after byte `from`: ASCII, Latin-1's (À-Þ but ×)
// or Œ, the capitals of French and English words.
bool has_capital(std::string_view s, std::size_t from = 0) {
  for (std::size_t i = from; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') return true;
    if (i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97) return true;
      if (c == 0xC5 && d == 0x92) return true;
    }
  }
  return false;
}

// The displayed word of a group: its most frequent surface, unless only its first letter is a
// capital and the same word also occurs without one (then that spelling, the most frequent of
// them): a first capital that comes and goes is the start of a sentence ("Aujourd'hui",
// "Personne"), one that never goes belongs to the word ("Maroc"), and so do capitals past the
// first letter ("IA", "ChatGPT"). `surfaces` and `norms` are parallel.
std::string_view displayed_word(const detail::Tally& surfaces,
                                const std::vector<std::string_view>& norms) {
  const auto best = static_cast<std::size_t>(
      std::min_element(surfaces.begin(), surfaces.end(), detail::more_frequent) -
      surfaces.begin());  // detail::leading(), as an index
  const std::string_view word = surfaces[best].first;
  const std::size_t second =
      word.empty() ? 0 : (static_cast<unsigned char>(word[0]) < 0x80 ? 1 : 2);
  if (!has_capital(word) || has_capital(word, second)) return word;
  std::optional<std::size_t> lower;
  for (std::size_t i = 0; i < surfaces.size(); ++i) {
    if (norms[i] != norms[best] || has_capital(surfaces[i].first)) continue;
    if (!lower || detail::more_frequent(surfaces[i], surfaces[*lower])) lower = i;
  }
  return surfaces[lower.value_or(best)].first;
}

}  // namespace

std::string group_key(const FrequencyOptions& opts, Language lang, const std::string& norm,
                      std::optional<Stemmer>& stemmer, detail::StringMap<std::string>* cache) {
  // "fr:" and the rest, made in one string.
  auto keyed = [lang](std::string_view rest) {
    const std::string_view code = language_code(lang);
    std::string key;
    key.reserve(code.size() + 1 + rest.size());
    key.append(code).append(":").append(rest);
    return key;
  };
  if (opts.group == GroupMode::exact || opts.ngram_max > 1) return keyed(norm);
  if (opts.group == GroupMode::lemma) {
    const Lexicon* lexicon = opts.lexicons ? opts.lexicons->of(lang) : nullptr;
    return keyed(lexicon ? lexicon->lemma(norm) : std::string_view(norm));
  }
  if (cache) {
    if (auto it = cache->find(norm); it != cache->end()) return it->second;
  }
  if (!stemmer) stemmer.emplace(lang);
  std::string key = keyed(stemmer->stem(norm));
  if (cache) cache->emplace(norm, key);
  return key;
}

std::uint32_t FrequencyCounter::Impl::analyze(std::string_view stored, Language lang) {
  const int l = li(lang);
  Form f;
  f.lang = lang;
  f.surface = stored;
  f.norm = normalize_token(stored);
  auto& stop = stopwords[l];
  if (!stop) stop = opts.stopwords ? opts.stopwords(lang) : Stopwords();
  // Numerals in letters are numbers ("deux" as "2"): counted with `numbers` only.
  f.counted =
      code_points(f.norm) >= opts.min_length &&
      (opts.ngram_max > 1 || (!stop->contains(f.norm) && (opts.numbers || !stop->numeral(f.norm))));
  // Stemmed per surface, not per norm: a cache of norms would cost more memory than the few
  // case variants cost time.
  f.key = verbatim::group_key(opts, lang, f.norm, stemmers[l], nullptr);
  if (!opts.synonyms.empty()) {
    prepare_synonyms(lang);
    if (auto it = synonym_lines[l].find(f.key); it != synonym_lines[l].end()) {
      for (std::uint32_t line : it->second)
        f.rows.push_back(row_of("syn:" + std::to_string(line)));
    }
  }
  const bool counted = f.counted;
  const bool own_row = f.rows.empty();
  const std::uint32_t id = push_form(std::move(f));
  if (own_row) unresolved.push_back(id);  // its row is found with others' (resolve_rows)
  return id | (counted ? kCounted : 0);
}

void FrequencyCounter::Impl::resolve_rows() {
  // The rows' slots are loaded a block of keys ahead of their lookups: each is a cache miss
  // that analyze() would wait for alone.
  row_ids.for_each_value(
      unresolved.size(), nullptr,
      [this](std::size_t i) { return std::string_view(forms[unresolved[i]].key); },
      [this](std::size_t i, std::uint32_t& row, bool fresh, std::string_view) {
        const std::uint32_t id = unresolved[i];
        if (fresh) {
          row = static_cast<std::uint32_t>(row_keys.size());
          row_keys.push_back(forms[id].key);
        }
        forms[id].rows.push_back(row);
        seen[id].row = row;
      });
  unresolved.clear();
}

template <bool kForms>
void FrequencyCounter::Impl::count_words(Open& o, Language lang, std::string_view text,
                                         std::uint64_t& words_out, std::uint64_t& counted_out,
                                         std::uint32_t* forms_out) {
  std::uint64_t words = 0, counted = 0;  // locals, kept in registers
  form_index[li(lang)].for_each_value(
      tokens.size(), text.data() + text.size(),
      [&](std::size_t i) {  // called once for each token, in order
        const Token& t = tokens[i];
        words += t.kind == TokenKind::word;
        return counted_kind(t.kind, opts) ? std::string_view(text.data() + t.begin, t.end - t.begin)
                                          : std::string_view();
      },
      [&](std::size_t i, std::uint32_t& value, bool fresh, std::string_view stored) {
        if (fresh) value = analyze(stored, lang);  // analyze() does not touch form_index
        counted += tally_soon(o, value);
        if constexpr (kForms) forms_out[i] = value & ~kCounted;
      });
  words_out += words;
  counted_out += counted;
}

void FrequencyCounter::Impl::count(const Document& doc, const CaseOf& case_of, HyphenMode hyphens,
                                   const TurnForms* turn_forms) {
  const std::int64_t doc_index = documents++;
  const std::string_view text = doc.text;
  const Language lang = doc.language;
  std::optional<Stopwords> stop;
  if (opts.ngram_max > 1 && opts.stopwords) stop = opts.stopwords(lang);
  std::vector<Open> open;  // the cases met in this document, usually one
  std::optional<std::string> last_value;
  Open* o = nullptr;
  std::string key;
  for (const auto& turn : doc.turns) {
    std::optional<std::string> value = case_of(doc, turn);
    if (!value) continue;
    if (!o || *value != *last_value) {
      Case& k = cases[*value];
      auto it = std::find_if(open.begin(), open.end(), [&k](const Open& x) { return x.k == &k; });
      if (it == open.end()) {
        ++k.documents;
        open.push_back({&k, ++epoch, {}});
        it = open.end() - 1;
      }
      o = &*it;
      last_value = std::move(value);
    }
    const TokenizerOptions topts{lang, hyphens};
    if (opts.ngram_max <= 1) {
      std::uint64_t words = 0, counted = 0;
      if (turn_forms) {
        tokens.clear();
        tokenize_turn(text, turn, topts, tokens);
        token_forms.assign(tokens.size(), kNoForm);
        count_words<true>(*o, lang, text, words, counted, token_forms.data());
        (*turn_forms)(turn, tokens, token_forms);
      } else {
        // A piece of text at a time: the token buffer holds a piece's tokens, not a whole
        // turn's (a plain-text novel is one turn of half a megabyte).
        for (const Span& r : turn.content) {
          for_each_piece(text, r, kPieceBytes, [&](Span piece) {
            tokens.clear();
            tokenize_content(text, piece, topts, tokens);
            count_words<false>(*o, lang, text, words, counted, nullptr);
          });
        }
      }
      settle(*o);
      o->k->words += words;
      o->k->counted += counted;
      continue;
    }
    tokens.clear();
    tokenize_turn(text, turn, topts, tokens);
    for (const Token& t : tokens)
      o->k->words += t.kind == TokenKind::word;
    // N-grams of counted tokens inside each sentence; stopwords inside, never at the edges.
    const std::vector<Span> sentences = split_sentences(text, turn.content, tokens);
    std::size_t t0 = 0;
    std::vector<const Token*> words;
    for (const Span& s : sentences) {
      words.clear();
      while (t0 < tokens.size() && tokens[t0].begin < s.end) {
        if (counted_kind(tokens[t0].kind, opts)) words.push_back(&tokens[t0]);
        ++t0;
      }
      auto is_stop = [&](const Token* t) {  // numerals in letters too, as digits are not counted
        if (!stop) return false;
        const std::string norm = normalize_token(text.substr(t->begin, t->end - t->begin));
        return stop->contains(norm) || (!opts.numbers && stop->numeral(norm));
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
          o->k->counted += tally(*o, intern(key, lang));
        }
      }
    }
  }
  resolve_rows();
  // The documents of each group: once per case, from the forms met in it.
  for (Open& x : open) {
    Case& k = *x.k;
    fit(k);
    auto count_row = [&k, doc_index](std::uint32_t row) {
      if (k.row_last_doc[row] != doc_index) {
        k.row_last_doc[row] = doc_index;
        ++k.row_docs[row];
      }
    };
    for (const std::uint32_t id : x.met) {
      if (seen[id].row != kNoRow) {
        count_row(seen[id].row);
      } else {
        for (std::uint32_t row : forms[id].rows)
          count_row(row);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

FrequencyCounter::FrequencyCounter(FrequencyOptions opts) : impl_(std::make_unique<Impl>()) {
  impl_->opts = std::move(opts);
}

FrequencyCounter::~FrequencyCounter() = default;

void FrequencyCounter::count(const Document& doc, const CaseOf& case_of, HyphenMode hyphens) {
  impl_->count(doc, case_of, hyphens, nullptr);
}

void FrequencyCounter::count(const Document& doc, const CaseOf& case_of, HyphenMode hyphens,
                             const TurnForms& turn_forms) {
  impl_->count(doc, case_of, hyphens, &turn_forms);
}

std::size_t FrequencyCounter::forms() const {
  return impl_->forms.size();
}

FrequencyCounter::FormView FrequencyCounter::form(std::uint32_t id) const {
  const Impl::Form& f = impl_->forms.at(id);
  return {f.surface, f.key, f.lang, f.counted};
}

void FrequencyCounter::merge(FrequencyCounter&& other, std::vector<std::uint32_t>* form_ids) {
  Impl& m = *impl_;
  Impl& o = *other.impl_;
  if (m.forms.empty() && m.cases.empty()) {
    if (form_ids) {
      form_ids->resize(o.forms.size());
      std::iota(form_ids->begin(), form_ids->end(), 0u);
    }
    std::swap(impl_, other.impl_);
    return;
  }
  std::vector<std::uint32_t> row_map(o.row_keys.size());
  for (std::uint32_t row = 0; row < o.row_keys.size(); ++row)
    row_map[row] = m.row_of(o.row_keys[row]);
  std::vector<std::uint32_t> form_map(o.forms.size());
  for (std::uint32_t id = 0; id < o.forms.size(); ++id) {
    const Impl::Form& f = o.forms[id];
    RowList rows;
    for (const std::uint32_t row : f.rows)
      rows.push_back(row_map[row]);
    bool fresh = false;
    form_map[id] =
        m.adopt(f.lang, f.surface, f.norm, f.key, f.counted, rows, &fresh) & ~Impl::kCounted;
  }
  for (auto& [name, ok] : o.cases) {
    Impl::Case& k = m.cases[name];
    m.fit(k);
    k.documents += ok.documents;
    k.words += ok.words;
    k.counted += ok.counted;
    for (std::uint32_t id = 0; id < ok.form_count.size() && id < form_map.size(); ++id)
      k.form_count[form_map[id]] += ok.form_count[id];
    for (std::uint32_t row = 0; row < ok.row_docs.size() && row < row_map.size(); ++row)
      k.row_docs[row_map[row]] += ok.row_docs[row];
  }
  m.documents += o.documents;
  if (form_ids) *form_ids = std::move(form_map);
  other.impl_ = std::make_unique<Impl>();
  other.impl_->opts = m.opts;
}

namespace {

// Whether two groups' forms come in like proportions: the histogram intersection of their
// shares, sum over forms of min(share in a, share in b), is at least one half. A French group
// {e-mails 11, e-mail 7} and an English {e-mail 5, e-mails 4, e-mailing 1} share 0.79; French
// {telle 1120, tel 1056, ..., tell 3} and English {tell 9688, telling 1185, ..., telle 2}
// (a name, a quotation) next to nothing.
bool alike(const detail::Tally& a, const detail::Tally& b) {
  auto total = [](const detail::Tally& t) {
    std::uint64_t n = 0;
    for (const auto& [form, k] : t)
      n += k;
    return static_cast<double>(n);
  };
  const double na = total(a), nb = total(b);
  double shared = 0;
  for (const auto& [form, k] : a) {
    const std::string_view f = form;
    const auto it = std::find_if(b.begin(), b.end(), [f](const auto& e) { return e.first == f; });
    if (it != b.end())
      shared += std::min(static_cast<double>(k) / na, static_cast<double>(it->second) / nb);
  }
  return shared >= 0.5;
}

}  // namespace

std::vector<std::uint32_t> detail::pair_languages(const std::vector<LanguageGroup>& groups) {
  std::vector<std::uint32_t> partner(groups.size(), kNoPartner);
  std::unordered_map<std::string_view, std::uint32_t> owner[2];  // norm -> its group
  for (std::uint32_t g = 0; g < groups.size(); ++g) {
    if (groups[g].lang < 0) continue;
    for (const auto& [norm, n] : groups[g].norms)
      owner[groups[g].lang].emplace(norm, g);
  }
  for (std::uint32_t g = 0; g < groups.size(); ++g) {
    if (groups[g].lang != 0 || groups[g].norms.empty()) continue;
    const std::string_view lead = leading(groups[g].norms);
    const auto h = owner[1].find(lead);
    if (h == owner[1].end()) continue;
    const std::string_view other_lead = leading(groups[h->second].norms);
    const auto back = owner[0].find(other_lead);
    if (back == owner[0].end() || back->second != g) continue;
    if (lead != other_lead && !alike(groups[g].norms, groups[h->second].norms)) continue;
    partner[g] = h->second;
    partner[h->second] = g;
  }
  return partner;
}

std::vector<std::uint8_t> detail::listed_groups(
    const std::vector<Tally>& groups, const std::vector<std::string>& words,
    const std::function<std::vector<std::uint32_t>(const std::string& norm)>& of_key) {
  std::vector<std::uint8_t> kept(groups.size(), 0);
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> led, held;
  for (std::uint32_t g = 0; g < groups.size(); ++g) {
    if (groups[g].empty()) continue;
    led[leading(groups[g])].push_back(g);
    for (const auto& [norm, n] : groups[g])
      held[norm].push_back(g);
  }
  for (const auto& word : words) {
    const std::string norm = normalize_token(word);
    const auto l = led.find(norm);
    const auto h = l == led.end() ? held.find(norm) : held.end();
    const std::vector<std::uint32_t>* found = l != led.end()    ? &l->second
                                              : h != held.end() ? &h->second
                                                                : nullptr;
    for (std::uint32_t g : found ? *found : of_key(norm))
      kept[g] = 1;
  }
  return kept;
}

std::vector<FrequencyTable> FrequencyCounter::finish() {
  Impl& m = *impl_;
  // The forms of each row, as one array: row r's are form_ids[row_start[r], row_start[r + 1]).
  // A form's one row is read from `seen` (8 bytes a form), its list of rows only when it has
  // several (synonyms).
  auto for_each_row = [&m](std::uint32_t id, auto&& f) {
    if (const std::uint32_t row = m.seen[id].row; row != Impl::kNoRow) {
      f(row);
    } else {
      for (const std::uint32_t r : m.forms[id].rows)
        f(r);
    }
  };
  std::vector<std::uint32_t> row_start(m.row_keys.size() + 1, 0);
  for (std::uint32_t id = 0; id < m.forms.size(); ++id)
    for_each_row(id, [&row_start](std::uint32_t row) { ++row_start[row + 1]; });
  for (std::size_t r = 0; r < m.row_keys.size(); ++r)
    row_start[r + 1] += row_start[r];
  std::vector<std::uint32_t> form_ids(row_start.back());
  {
    std::vector<std::uint32_t> fill(row_start.begin(), row_start.end() - 1);
    for (std::uint32_t id = 0; id < m.forms.size(); ++id)
      for_each_row(id, [&](std::uint32_t row) { form_ids[fill[row]++] = id; });
  }
  auto row_forms = [&](std::uint32_t row) {
    return std::span<std::uint32_t>(form_ids.data() + row_start[row],
                                    row_start[row + 1] - row_start[row]);
  };
  if (!m.opts.synonyms.empty()) {
    // Weighted counts add fractions: in one order (language, surface), whatever order the
    // forms were first met in, the sums are the same to the last bit at any thread count.
    for (std::uint32_t row = 0; row < m.row_keys.size(); ++row) {
      auto ids = row_forms(row);
      std::sort(ids.begin(), ids.end(), [&m](std::uint32_t x, std::uint32_t y) {
        const Impl::Form& a = m.forms[x];
        const Impl::Form& b = m.forms[y];
        return a.lang != b.lang ? a.lang < b.lang : a.surface < b.surface;
      });
    }
  }
  // One word, one row: the French and the English group of a word both languages use
  // (marketing, data, Google, clients) are one row (detail::pair_languages), as in a table
  // counted with one language. Decided on the whole counter, so that every case table (and the
  // --wide total, and keyness's two parts) has the same rows under the same keys. Synonym rows
  // stay apart. partner[row]: the other language's row of the same word, or kNone.
  constexpr std::uint32_t kNone = detail::kNoPartner;
  std::vector<std::uint32_t> partner(m.row_keys.size(), kNone);
  const bool both = m.form_index[0].size() && m.form_index[1].size();
  std::vector<std::uint64_t> total;  // occurrences by form over every case
  if (both || !m.opts.terms.empty()) {
    total.assign(m.forms.size(), 0);
    for (auto& [value, k] : m.cases) {
      k.form_count.resize(m.forms.size());
      for (std::size_t id = 0; id < total.size(); ++id)
        total[id] += k.form_count[id];
    }
  }
  if (both) {
    std::vector<detail::LanguageGroup> groups(m.row_keys.size());
    for (std::uint32_t row = 0; row < m.row_keys.size(); ++row) {
      detail::LanguageGroup& g = groups[row];
      g.lang = detail::key_language(m.row_keys[row]);
      if (g.lang < 0) continue;
      for (std::uint32_t id : row_forms(row)) {
        if (total[id]) detail::add_to(g.norms, m.forms[id].norm, total[id]);
      }
    }
    partner = detail::pair_languages(groups);
  }
  // --terms: the rows the words keep (by their first row), decided on the whole counter.
  std::vector<std::uint8_t> listed;
  if (!m.opts.terms.empty()) {
    std::vector<detail::Tally> norms(m.row_keys.size());
    std::unordered_map<std::string_view, std::vector<std::uint32_t>> by_key;  // group key -> rows
    for (std::uint32_t row = 0; row < m.row_keys.size(); ++row) {
      const std::uint32_t first = std::min(row, partner[row]);
      by_key[m.row_keys[row]].push_back(first);
      for (std::uint32_t id : row_forms(row)) {
        if (total[id]) detail::add_to(norms[first], m.forms[id].norm, total[id]);
        // A synonym row, by its forms' groups (a plain row's forms have its own key).
        if (m.forms[id].key != m.row_keys[row]) by_key[m.forms[id].key].push_back(first);
      }
    }
    listed = detail::listed_groups(norms, m.opts.terms, [&](const std::string& norm) {
      std::vector<std::uint32_t> rows;
      for (const Language lang : {Language::fr, Language::en}) {
        const auto it = by_key.find(m.group_key(lang, norm));
        if (it != by_key.end()) rows.insert(rows.end(), it->second.begin(), it->second.end());
      }
      return rows;
    });
  }
  std::vector<FrequencyTable> out;
  for (auto& [value, k] : m.cases) {
    FrequencyTable t;
    t.case_value = value;
    t.word_tokens = k.words;
    t.counted_tokens = m.opts.percent_of_all ? k.words : k.counted;
    t.documents = k.documents;
    k.form_count.resize(m.forms.size());
    k.row_docs.resize(m.row_keys.size());
    // The rows of the table and their counts first (most rows of a case table are empty), so
    // that the table is allocated once: each row's count in one pass over the forms in id
    // order, not row by row, which would read the forms and their counts at random.
    std::vector<std::uint64_t> row_count(m.row_keys.size(), 0);
    for (std::uint32_t id = 0; id < m.forms.size(); ++id) {
      const std::uint64_t n = k.form_count[id];
      if (n == 0) continue;
      for_each_row(id, [&row_count, n](std::uint32_t row) { row_count[row] += n; });
    }
    std::vector<std::pair<std::uint32_t, std::uint64_t>> kept;
    for (std::uint32_t first = 0; first < m.row_keys.size(); ++first) {
      if (partner[first] < first) continue;  // counted with its partner, earlier
      const std::uint64_t count =
          row_count[first] + (partner[first] == kNone ? 0 : row_count[partner[first]]);
      if (count == 0) continue;
      if (!listed.empty() && !listed[first]) continue;
      kept.emplace_back(first, count);
    }
    t.rows.resize(kept.size());
    // Rows are made a batch at a time: first what they need of their forms is gathered, in a
    // loop light enough for the cache misses of many forms to overlap (a row's forms lie
    // anywhere among the others), then each row is made from its own run of gathered forms.
    struct Gathered {
      std::uint64_t n;
      std::string_view norm, surface;
      std::size_t rows;
    };
    std::vector<Gathered> gathered;
    std::vector<std::uint32_t> run_end;  // the end of each row's forms in `gathered`
    constexpr std::size_t kBatch = 256;
    detail::Tally by_norm, by_surface;
    std::vector<std::string_view> surface_norms;  // parallel to by_surface
    for (std::size_t from = 0; from < kept.size(); from += kBatch) {
      const std::size_t to = std::min(kept.size(), from + kBatch);
      gathered.clear();
      run_end.clear();
      for (std::size_t i = from; i < to; ++i) {
        const std::uint32_t first = kept[i].first;
        for (const std::uint32_t row : {first, partner[first]}) {
          if (row == kNone) continue;
          for (const std::uint32_t id : row_forms(row)) {
            const std::uint64_t n = k.form_count[id];
            if (n == 0) continue;
            const Impl::Form& f = m.forms[id];
            gathered.push_back({n, f.norm, f.surface, f.rows.size()});
          }
        }
        run_end.push_back(static_cast<std::uint32_t>(gathered.size()));
      }
      for (std::size_t i = from, g = 0; i < to; ++i) {
        const std::uint32_t first = kept[i].first;
        FrequencyRow& r = t.rows[i];
        r.count = kept[i].second;
        by_norm.clear();
        by_surface.clear();
        surface_norms.clear();
        for (; g < run_end[i - from]; ++g) {
          const Gathered& f = gathered[g];
          r.weighted += static_cast<double>(f.n) / static_cast<double>(f.rows);
          detail::add_to(by_norm, f.norm, f.n);
          detail::add_to(by_surface, f.surface, f.n);  // a surface in both languages' groups is one
          if (surface_norms.size() < by_surface.size()) surface_norms.push_back(f.norm);
        }
        const std::string_view best = displayed_word(by_surface, surface_norms);
        r.key = m.row_keys[first];
        r.word = std::string(best);
        r.length = code_points(r.word);
        r.documents = k.row_docs[first];  // a document has one language: no document twice
        if (partner[first] != kNone) r.documents += k.row_docs[partner[first]];
        std::sort(by_norm.begin(), by_norm.end(), detail::more_frequent);
        r.similar.reserve(by_norm.size());
        for (const auto& [norm, n] : by_norm)
          r.similar.emplace_back(std::string(norm), n);
      }
    }
    // Ranked through an index: sorting the rows themselves moves their strings and vectors.
    std::vector<std::uint32_t> order(t.rows.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
      order[i] = i;
    // The first 8 bytes of each word as a big-endian number: most ties on the count are told
    // apart by one integer compare, in the same order as comparing the bytes.
    std::vector<std::uint64_t> prefix(t.rows.size());
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      const std::string& w = t.rows[i].word;
      std::uint64_t p = 0;
      for (std::size_t b = 0; b < 8; ++b)
        p = p << 8 | (b < w.size() ? static_cast<unsigned char>(w[b]) : 0u);
      prefix[i] = p;
    }
    std::sort(order.begin(), order.end(),
              [&rows = t.rows, &prefix](std::uint32_t x, std::uint32_t y) {
                const FrequencyRow& a = rows[x];
                const FrequencyRow& b = rows[y];
                if (a.count != b.count) return a.count > b.count;
                if (prefix[x] != prefix[y]) return prefix[x] < prefix[y];
                if (const int c = a.word.compare(b.word); c != 0) return c < 0;
                return a.key < b.key;
              });
    // Rows moved to their ranks in place, a cycle of the permutation at a time.
    for (std::uint32_t i = 0; i < order.size(); ++i) {
      if (order[i] == i) continue;
      FrequencyRow held = std::move(t.rows[i]);
      std::uint32_t j = i;
      while (order[j] != i) {
        const std::uint32_t from = order[j];
        t.rows[j] = std::move(t.rows[from]);
        order[j] = j;
        j = from;
      }
      t.rows[j] = std::move(held);
      order[j] = j;
    }
    out.push_back(std::move(t));
  }
  return out;
}

double FrequencyTable::percent(const FrequencyRow& r) const {
  return counted_tokens ? 100.0 * r.weighted / static_cast<double>(counted_tokens) : 0.0;
}

std::vector<std::string> top_words(const std::vector<FrequencyTable>& tables, std::size_t n) {
  std::vector<std::string> out;
  for (const auto& t : tables) {
    for (const auto& r : t.rows) {
      if (out.size() >= n) return out;
      out.push_back(r.word);
    }
  }
  return out;
}

std::string format_percent(double value) {
  // Half up on the second decimal; the epsilon keeps exact halves (12.345) from falling below.
  const double hundredths = std::floor(value * 100.0 + 0.5 + 1e-9);
  if (!(hundredths >= 0 && hundredths < 1e15)) return fmt::format("{:.2f}", hundredths / 100.0);
  // Printed from the whole number of hundredths: the same digits as "{:.2f}", without a float
  // formatter per row.
  const auto h = static_cast<std::uint64_t>(hundredths);
  std::string out = fmt::format_int(h / 100).str();
  out.push_back('.');
  out.push_back(static_cast<char>('0' + h % 100 / 10));
  out.push_back(static_cast<char>('0' + h % 10));
  return out;
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
