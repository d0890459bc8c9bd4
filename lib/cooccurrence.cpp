#include "verbatim/cooccurrence.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <future>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "flat_counter.hpp"
#include "frequency_impl.hpp"
#include "spill.hpp"
#include "verbatim/keyness.hpp"
#include "verbatim/parallel.hpp"
#include "verbatim/source.hpp"
#include "verbatim/stemmer.hpp"

namespace verbatim {

namespace detail {

// Group keys of a worker's words, computed once per surface form and language.
class Terms {
 public:
  Terms(const CooccurrenceOptions& o, Language lang)
      : opts_(o), lang_(lang), stop_(o.stopwords ? o.stopwords(lang) : Stopwords()) {
    if (o.group == GroupMode::stem) stemmer_.emplace(lang);
    if (o.group == GroupMode::lemma && o.lexicons) lexicon_ = o.lexicons->of(lang);
    for (const auto& t : o.terms)
      wanted_.insert(key_of(normalize_token(t)));
  }

  struct Entry {
    std::string key;           // the group key when the word is a term, else empty
    std::uint32_t key_id = 0;  // dense per distinct key (when key is not empty)
    bool counted = false;      // a counted word (not a stopword, long enough), listed or not
    std::string_view surface;  // the index's copy
  };
  // Calls f(i, entry id, entry) for the surface forms key(0) .. key(n - 1) (an empty one is
  // skipped), each looked up with the slot of a key a few places on being loaded.
  // `readable_end`: see FormIndex::head.
  template <class Key, class F>
  void get_each(std::size_t n, const char* readable_end, Key&& key, F&& f) {
    index_.for_each_value(
        n, readable_end, key,
        [&](std::size_t i, std::uint32_t& slot, bool fresh, std::string_view stored) {
          if (fresh) slot = add(stored);  // add() does not touch index_
          f(i, slot - 1, entries_[slot - 1]);
        });
  }
  const Entry& entry(std::uint32_t id) const { return entries_[id]; }

  // Occurrences of surface forms in the document being counted, by entry id: tally() each,
  // then drain() calls f(entry, n) for each form met and starts afresh.
  void tally(std::uint32_t id) {
    if (id >= tally_.size()) tally_.resize(entries_.size(), 0);
    if (tally_[id]++ == 0) met_.push_back(id);
  }
  template <class F>
  void drain(F&& f) {
    for (std::uint32_t id : met_) {
      f(entries_[id], tally_[id]);
      tally_[id] = 0;
    }
    met_.clear();
  }
  std::size_t key_count() const { return key_ids_.size(); }

 private:
  // A new surface form's entry (`surface`: the index's copy); returns 1 + its id.
  std::uint32_t add(std::string_view surface) {
    const std::string norm = normalize_token(surface);
    Entry e;
    e.surface = surface;
    // Numerals in letters are numbers, never terms, as digits are not.
    e.counted =
        code_points(norm) >= opts_.min_length && !stop_.contains(norm) && !stop_.numeral(norm);
    if (e.counted) {
      e.key = key_of(norm);
      if (!wanted_.empty() && !wanted_.count(e.key)) e.key.clear();
      if (!e.key.empty()) {
        e.key_id =
            key_ids_.emplace(e.key, static_cast<std::uint32_t>(key_ids_.size())).first->second;
      }
    }
    entries_.push_back(std::move(e));
    return static_cast<std::uint32_t>(entries_.size());
  }

  std::string key_of(const std::string& norm) {
    std::string k(language_code(lang_));
    k += ':';
    k += stemmer_ ? stemmer_->stem(norm) : lexicon_ ? lexicon_->lemma(norm) : norm;
    return k;
  }
  const CooccurrenceOptions& opts_;
  Language lang_;
  Stopwords stop_;
  std::optional<Stemmer> stemmer_;
  const Lexicon* lexicon_ = nullptr;
  std::set<std::string> wanted_;
  FormIndex index_;            // surface -> 1 + its entry
  std::deque<Entry> entries_;  // a deque: references to entries stay valid as it grows
  std::vector<std::uint32_t> tally_, met_;
  std::map<std::string, std::uint32_t, std::less<>> key_ids_;
};

}  // namespace detail

struct CooccurrenceTerms::Impl {
  explicit Impl(const CooccurrenceOptions& o) : opts(o) {}
  const CooccurrenceOptions& opts;
  std::optional<detail::Terms> by_lang[2];
  detail::Terms& of(Language lang) {
    auto& t = by_lang[lang == Language::fr ? 0 : 1];
    if (!t) t.emplace(opts, lang);
    return *t;
  }
};

CooccurrenceTerms::CooccurrenceTerms(const CooccurrenceOptions& opts)
    : impl_(std::make_unique<Impl>(opts)) {}
CooccurrenceTerms::~CooccurrenceTerms() = default;

namespace detail {

namespace {

// The units of a turn: its sentences (window and sentence units), its paragraphs, or the whole
// turn (turn and document units).
std::vector<Span> unit_spans(const Document& doc, const DocumentTurn& turn,
                             const std::vector<Token>& tokens, CooccurrenceUnit unit) {
  switch (unit) {
    case CooccurrenceUnit::window:
    case CooccurrenceUnit::sentence:
      return split_sentences(doc.text, turn.content, tokens);
    case CooccurrenceUnit::paragraph:
      return split_paragraphs(doc.text, turn.content);
    case CooccurrenceUnit::turn:
    case CooccurrenceUnit::document:
      break;
  }
  if (turn.content.empty()) return {};
  return {{turn.content.front().begin, turn.content.back().end}};
}

// Calls f(indices) for each span, in order, with the indices of the word and number tokens
// inside it: the word positions of the unit.
template <class F>
void for_each_unit(const std::vector<Token>& tokens, const std::vector<Span>& spans,
                   std::vector<std::uint32_t>& indices, F&& f) {
  std::size_t t = 0;
  for (const Span& u : spans) {
    indices.clear();
    while (t < tokens.size() && tokens[t].begin < u.end) {
      const std::size_t k = t++;
      const Token& tok = tokens[k];
      if (tok.begin < u.begin) continue;
      if (tok.kind != TokenKind::word && tok.kind != TokenKind::number) continue;
      indices.push_back(static_cast<std::uint32_t>(k));
    }
    f(indices);
  }
}

}  // namespace

// f(x), f(x,y) and U from the word positions of units, each a term id (dense from 0) or
// kNoTerm: the counting model of CooccurrenceOptions::unit.
class UnitCounter {
 public:
  static constexpr std::uint32_t kNoTerm = 0xffffffffu;
  // Ids below `dense_n` count their pairs in a matrix, the others in a hash table.
  UnitCounter(const CooccurrenceOptions& o, std::size_t dense_n)
      : opts_(o), dense_n_(dense_n), dense_(dense_n * dense_n) {}

  // A term id met for the first time (ids are given out from 0, in order).
  void add_term() { term_count_.push_back(0); }

  // One unit (a sentence, paragraph or turn; a part of the document in the document unit):
  // the term of each word position and the counted tokens among them.
  void unit(const std::vector<std::uint32_t>& positions, std::uint64_t counted) {
    if (positions.empty()) return;
    any_token_ = true;
    if (opts_.unit == CooccurrenceUnit::window) {
      units_ += counted;  // U: every counted token, listed or not
      for (std::size_t i = 0; i < positions.size(); ++i) {
        if (positions[i] == kNoTerm) continue;
        ++term_count_[positions[i]];
        for (std::size_t j = i + 1; j < positions.size() && j <= i + opts_.window; ++j) {
          if (positions[j] == kNoTerm || positions[j] == positions[i]) continue;
          add_pair(positions[i], positions[j]);
        }
      }
      return;
    }
    for (std::uint32_t id : positions) {
      if (id != kNoTerm) unit_terms_.push_back(id);
    }
    if (opts_.unit != CooccurrenceUnit::document) close_unit();
  }

  // Adds the counts of another counter of the same options and terms.
  void add(const UnitCounter& o) {
    for (std::size_t i = 0; i < dense_.size(); ++i)
      dense_[i] += o.dense_[i];
    for (const auto& [p, n] : o.pairs_)
      pairs_[p] += n;
    for (std::size_t i = 0; i < term_count_.size(); ++i)
      term_count_[i] += o.term_count_[i];
    units_ += o.units_;
  }

  // The end of a document (of its turns of one case): closes the document unit.
  void end_document() {
    if (opts_.unit == CooccurrenceUnit::document && any_token_) close_unit();
    any_token_ = false;
  }

  // The counts under the terms' keys (keys[id]), pairs in key order; surface forms left empty.
  DocumentCooccurrence take(const std::vector<const std::string*>& keys) const {
    DocumentCooccurrence d;
    d.units = units_;
    // The terms ranked by key: pairs of ranks then sort as integers in the order of their keys,
    // and the maps are filled in order, each entry at the end.
    std::vector<std::uint32_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t x, std::uint32_t y) { return *keys[x] < *keys[y]; });
    std::vector<std::uint32_t> rank(keys.size());
    for (std::uint32_t r = 0; r < order.size(); ++r)
      rank[order[r]] = r;
    for (std::uint32_t i : order) {
      if (term_count_[i]) d.term_count.emplace_hint(d.term_count.end(), *keys[i], term_count_[i]);
    }
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranked;  // (rank a << 32 | rank b, n)
    auto put_pair = [&](std::uint32_t x, std::uint32_t y, std::uint64_t n) {
      std::uint64_t a = rank[x], b = rank[y];
      if (b < a) std::swap(a, b);  // (a, b) is the same pair in every document
      ranked.emplace_back(a << 32 | b, n);
    };
    for (std::size_t x = 0; x < dense_n_; ++x) {
      for (std::size_t y = x + 1; y < dense_n_; ++y) {
        if (const std::uint64_t n = dense_[x * dense_n_ + y]) {
          put_pair(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y), n);
        }
      }
    }
    for (const auto& [p, n] : pairs_) {
      put_pair(static_cast<std::uint32_t>(p >> 32), static_cast<std::uint32_t>(p & 0xffffffffu), n);
    }
    std::sort(ranked.begin(), ranked.end());
    for (const auto& [ab, n] : ranked) {
      d.pairs.emplace_hint(
          d.pairs.end(), std::make_pair(*keys[order[ab >> 32]], *keys[order[ab & 0xffffffffu]]), n);
    }
    return d;
  }

 private:
  void add_pair(std::uint32_t x, std::uint32_t y) {
    if (y < x) std::swap(x, y);  // by id here; by key in take()
    if (y < dense_n_) {
      ++dense_[x * dense_n_ + y];
    } else {
      ++pairs_[(static_cast<std::uint64_t>(x) << 32) | y];
    }
  }
  void close_unit() {
    std::sort(unit_terms_.begin(), unit_terms_.end());
    unit_terms_.erase(std::unique(unit_terms_.begin(), unit_terms_.end()), unit_terms_.end());
    for (std::size_t i = 0; i < unit_terms_.size(); ++i) {
      ++term_count_[unit_terms_[i]];
      for (std::size_t j = i + 1; j < unit_terms_.size(); ++j)
        add_pair(unit_terms_[i], unit_terms_[j]);
    }
    unit_terms_.clear();
    ++units_;
  }

  const CooccurrenceOptions& opts_;
  std::size_t dense_n_;
  std::vector<std::uint64_t> dense_;
  std::unordered_map<std::uint64_t, std::uint64_t> pairs_;
  std::vector<std::uint64_t> term_count_;
  std::vector<std::uint32_t> unit_terms_;
  std::uint64_t units_ = 0;
  bool any_token_ = false;
};

}  // namespace detail

DocumentCooccurrence count_cooccurrence(const Document& doc, const CooccurrenceOptions& opts,
                                        const TurnFilter& keep, CooccurrenceTerms* cache) {
  std::optional<CooccurrenceTerms> own;
  if (!cache) cache = &own.emplace(opts);
  detail::Terms& terms = cache->impl_->of(doc.language);
  using detail::UnitCounter;
  // Terms get dense ids for this document (their key strings live in the Terms cache); pairs
  // and counts are kept by id and turned into strings once, at the end. With a term list, a
  // document has at most that many term ids: a dense matrix beats hashing.
  UnitCounter counter(opts,
                      !opts.terms.empty() && opts.terms.size() <= 1024 ? opts.terms.size() : 0);
  std::vector<std::uint32_t> ids;  // by the Terms cache's key id: forms share a key
  std::vector<const std::string*> keys_of;
  auto id_of = [&](const detail::Terms::Entry& e) {
    if (ids.size() <= e.key_id) ids.resize(terms.key_count(), UnitCounter::kNoTerm);
    std::uint32_t& id = ids[e.key_id];
    if (id == UnitCounter::kNoTerm) {
      id = static_cast<std::uint32_t>(keys_of.size());
      keys_of.push_back(&e.key);
      counter.add_term();
    }
    return id;
  };
  const char* const text_end = doc.text.data() + doc.text.size();
  std::vector<Token> tokens;
  constexpr std::uint32_t kNoEntry = 0xffffffffu;
  std::vector<std::uint32_t> entry_ids;  // by token of the turn: its entry, or kNoEntry
  std::vector<std::uint32_t> indices, positions;
  for (const auto& turn : doc.turns) {
    if (!keep(turn)) continue;
    tokens.clear();
    tokenize_turn(doc.text, turn, {doc.language, opts.hyphens}, tokens);
    entry_ids.assign(tokens.size(), kNoEntry);
    terms.get_each(
        tokens.size(), text_end,
        [&](std::size_t i) {
          const Token& tok = tokens[i];
          return tok.kind == TokenKind::word
                     ? std::string_view(doc.text.data() + tok.begin, tok.end - tok.begin)
                     : std::string_view();
        },
        [&](std::size_t i, std::uint32_t id, const detail::Terms::Entry&) { entry_ids[i] = id; });
    detail::for_each_unit(tokens, detail::unit_spans(doc, turn, tokens, opts.unit), indices,
                          [&](const std::vector<std::uint32_t>& in_unit) {
                            positions.clear();
                            std::uint64_t counted = 0;
                            for (std::uint32_t k : in_unit) {
                              std::uint32_t id = UnitCounter::kNoTerm;
                              if (entry_ids[k] != kNoEntry) {
                                const auto& e = terms.entry(entry_ids[k]);
                                counted += e.counted;
                                if (!e.key.empty()) {
                                  id = id_of(e);
                                  terms.tally(entry_ids[k]);
                                }
                              }
                              positions.push_back(id);
                            }
                            counter.unit(positions, counted);
                          });
  }
  counter.end_document();
  DocumentCooccurrence d = counter.take(keys_of);
  terms.drain([&](const detail::Terms::Entry& e, std::uint32_t n) {
    d.surface_count[e.key + '\t' + std::string(e.surface)] += n;
  });
  return d;
}

// ---------------------------------------------------------------------------------------------

namespace {

// The codes of a worker's word positions: a form id of its FrequencyCounter (below 2^31), or
// one of these.
constexpr std::uint32_t kNumberCode = 0xfffffffeu;   // a number: a position, never a term
constexpr std::uint32_t kUnitEndCode = 0xfffffffdu;  // the end of a unit's positions
constexpr std::uint32_t kDocumentEndCode = 0xfffffffcu;

}  // namespace

FrequencyOptions top_frequency_options(const CooccurrenceOptions& o) {
  FrequencyOptions f;
  f.group = o.group;
  f.lexicons = o.lexicons;
  f.min_length = o.min_length;
  f.stopwords = o.stopwords;
  return f;
}

CaseOf one_case(const TurnFilter& keep) {
  return [keep](const Document&, const DocumentTurn& t) -> std::optional<std::string> {
    if (!keep(t)) return std::nullopt;
    return std::string();
  };
}

struct TopCooccurrence::Impl {
  struct Worker {
    explicit Worker(const FrequencyOptions& f) : counter(f) {}
    FrequencyCounter counter;
    detail::SpilledValues codes;
    std::vector<std::uint32_t> indices;
  };
  Impl(const CooccurrenceOptions& o, std::size_t n, unsigned threads)
      : opts(o), top(n), freq(top_frequency_options(o)), workers(threads, freq) {}
  CooccurrenceOptions opts;
  std::size_t top;
  FrequencyOptions freq;
  PerWorker<Worker> workers;
};

TopCooccurrence::TopCooccurrence(const CooccurrenceOptions& opts, std::size_t top, unsigned threads)
    : impl_(std::make_unique<Impl>(opts, top, threads)) {}
TopCooccurrence::~TopCooccurrence() = default;

void TopCooccurrence::count(const Document& doc, const TurnFilter& keep) {
  Impl::Worker& w = impl_->workers.get();
  const CooccurrenceOptions& opts = impl_->opts;
  const FrequencyCounter::TurnForms keep_positions = [&](const DocumentTurn& turn,
                                                         const std::vector<Token>& tokens,
                                                         const std::vector<std::uint32_t>& ids) {
    detail::for_each_unit(
        tokens, detail::unit_spans(doc, turn, tokens, opts.unit), w.indices,
        [&](const std::vector<std::uint32_t>& in_unit) {
          for (std::uint32_t k : in_unit) {
            w.codes.push(ids[k] == FrequencyCounter::kNoForm ? kNumberCode : ids[k]);
          }
          w.codes.push(kUnitEndCode);
        });
  };
  w.counter.count(doc, one_case(keep), opts.hyphens, keep_positions);
  w.codes.push(kDocumentEndCode);
}

DocumentCooccurrence TopCooccurrence::finish(std::vector<std::string>& top_words) {
  Impl& m = *impl_;
  using detail::UnitCounter;
  // The workers' counts as one, and each worker's form ids in it.
  FrequencyCounter counts(m.freq);
  std::vector<std::pair<Impl::Worker*, std::vector<std::uint32_t>>> workers;
  m.workers.for_each([&](Impl::Worker& w) {
    workers.emplace_back(&w, std::vector<std::uint32_t>());
    counts.merge(std::move(w.counter), &workers.back().second);
  });
  top_words = verbatim::top_words(counts.finish(), m.top);
  // A term is a counted form whose group is a top word's, in the form's language (as a term
  // list selects, see CooccurrenceOptions::terms).
  std::set<std::string, std::less<>> wanted[2];
  for (const Language lang : {Language::fr, Language::en}) {
    std::optional<Stemmer> stemmer;
    for (const auto& word : top_words)
      wanted[lang == Language::fr ? 0 : 1].insert(
          group_key(m.freq, lang, normalize_token(word), stemmer, nullptr));
  }
  const std::size_t forms = counts.forms();
  std::vector<std::uint32_t> term_of(forms, UnitCounter::kNoTerm);
  std::vector<std::uint8_t> counted(forms);
  std::deque<std::string> keys;  // by term id
  std::map<std::string_view, std::uint32_t> term_ids;
  for (std::uint32_t id = 0; id < forms; ++id) {
    const FrequencyCounter::FormView f = counts.form(id);
    counted[id] = f.counted;
    if (!f.counted || !wanted[f.lang == Language::fr ? 0 : 1].count(f.key)) continue;
    auto it = term_ids.find(f.key);
    if (it == term_ids.end()) {
      keys.emplace_back(f.key);
      it = term_ids.emplace(keys.back(), static_cast<std::uint32_t>(keys.size() - 1)).first;
    }
    term_of[id] = it->second;
  }
  // The positions again, each worker's on a thread of its own, in the order it counted them;
  // the sums do not depend on which worker counted what.
  const std::size_t dense_n = keys.size() <= 1024 ? keys.size() : 0;
  struct Part {
    Part(const CooccurrenceOptions& o, std::size_t dense_n, std::size_t terms)
        : counter(o, dense_n) {
      for (std::size_t i = 0; i < terms; ++i)
        counter.add_term();
    }
    UnitCounter counter;
    std::vector<std::uint64_t> occurrences;  // by the worker's form id
  };
  constexpr std::uint32_t kCountedBit = 0x80000000u, kNoTermCode = 0x7fffffffu;
  auto count_part = [&](std::size_t w, Part& part) {
    // The worker's form id to its term (or kNoTermCode), with kCountedBit for a counted form.
    const std::vector<std::uint32_t>& merged = workers[w].second;
    std::vector<std::uint32_t> packed(merged.size());
    for (std::size_t code = 0; code < merged.size(); ++code) {
      const std::uint32_t id = merged[code], term = term_of[id];
      packed[code] =
          (term == UnitCounter::kNoTerm ? kNoTermCode : term) | (counted[id] ? kCountedBit : 0);
    }
    part.occurrences.assign(merged.size(), 0);
    std::vector<std::uint32_t> positions;
    std::uint64_t in_unit = 0;  // counted tokens in the unit
    workers[w].first->codes.read([&](const std::uint32_t* codes, std::size_t n) {
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t code = codes[i];
        if (code == kUnitEndCode) {
          part.counter.unit(positions, in_unit);
          positions.clear();
          in_unit = 0;
        } else if (code == kDocumentEndCode) {
          part.counter.end_document();
        } else if (code == kNumberCode) {
          positions.push_back(UnitCounter::kNoTerm);
        } else {
          const std::uint32_t p = packed[code];
          in_unit += p >> 31;
          const std::uint32_t term = p & ~kCountedBit;
          if (term == kNoTermCode) {
            positions.push_back(UnitCounter::kNoTerm);
          } else {
            ++part.occurrences[code];
            positions.push_back(term);
          }
        }
      }
    });
  };
  std::deque<Part> parts;
  for (std::size_t w = 0; w < workers.size(); ++w)
    parts.emplace_back(m.opts, dense_n, keys.size());
  if (parts.empty()) parts.emplace_back(m.opts, dense_n, keys.size());
  std::vector<std::future<void>> others;
  for (std::size_t w = 1; w < workers.size(); ++w)
    others.push_back(std::async(std::launch::async, count_part, w, std::ref(parts[w])));
  if (!workers.empty()) count_part(0, parts[0]);
  for (auto& f : others)
    f.get();  // rethrows what the thread threw
  UnitCounter& counter = parts[0].counter;
  std::vector<std::uint64_t> occurrences(forms);  // of the terms' forms, by id in `counts`
  for (std::size_t w = 0; w < workers.size(); ++w) {
    if (w) counter.add(parts[w].counter);
    for (std::size_t code = 0; code < parts[w].occurrences.size(); ++code)
      occurrences[workers[w].second[code]] += parts[w].occurrences[code];
  }
  std::vector<const std::string*> key_of;
  for (const auto& k : keys)
    key_of.push_back(&k);
  DocumentCooccurrence d = counter.take(key_of);
  for (std::uint32_t id = 0; id < forms; ++id) {
    if (occurrences[id]) {
      d.surface_count[keys[term_of[id]] + '\t' + std::string(counts.form(id).surface)] +=
          occurrences[id];
    }
  }
  return d;
}

namespace {

// Adds the counts of `from` to `to`, both sorted: by one walk through both when `to` is not
// much larger, else by a lookup each.
template <class Map>
void add_sorted(Map& to, const Map& from) {
  if (to.size() > 16 * from.size()) {
    for (const auto& [k, n] : from)
      to[k] += n;
    return;
  }
  auto it = to.begin();
  for (const auto& [k, n] : from) {
    while (it != to.end() && it->first < k)
      ++it;
    if (it != to.end() && it->first == k) {
      it->second += n;
      ++it;
    } else {
      it = std::next(to.emplace_hint(it, k, n));
    }
  }
}

}  // namespace

void CooccurrenceCounter::add(const DocumentCooccurrence& d) {
  add_sorted(terms_, d.term_count);
  add_sorted(surfaces_, d.surface_count);
  add_sorted(pairs_, d.pairs);
  units_ += d.units;
  check_pairs();
}

void CooccurrenceCounter::check_pairs() const {
  if (max_pairs_ && pairs_.size() > max_pairs_) {
    throw Error(fmt::format(
        "more than {} distinct pairs: give --terms or --top to count pairs of fewer words, or "
        "raise --max-pairs",
        max_pairs_));
  }
}

void CooccurrenceCounter::write_partial(std::string& out, std::string_view case_value) const {
  auto open = [&](std::string_view member) {
    out += "{\"case\":";
    append_json_string(out, case_value);
    out += ",\"";
    out += member;
    out += "\":";
  };
  open("units");
  out += fmt::format("{}}}\n", units_);
  for (const auto& [key, n] : terms_) {
    open("term");
    append_json_string(out, key);
    out += fmt::format(",\"count\":{}}}\n", n);
  }
  for (const auto& [ks, n] : surfaces_) {
    const auto tab = ks.find('\t');
    open("term");
    append_json_string(out, std::string_view(ks).substr(0, tab));
    out += ",\"surface\":";
    append_json_string(out, std::string_view(ks).substr(tab + 1));
    out += fmt::format(",\"count\":{}}}\n", n);
  }
  for (const auto& [p, n] : pairs_) {
    open("a");
    append_json_string(out, p.first);
    out += ",\"b\":";
    append_json_string(out, p.second);
    out += fmt::format(",\"count\":{}}}\n", n);
  }
}

void CooccurrenceCounter::add_partial(const JsonValue& r, const Location& where) {
  static constexpr std::string_view kWhat = "not a cooccur partial record";
  if (r.get("units")) {
    units_ += json_uint(r, "units", where, kWhat);
    return;
  }
  const std::uint64_t n = json_uint(r, "count", where, kWhat);
  if (r.get("term")) {
    const std::string& key = json_string(r, "term", where, kWhat);
    if (r.get("surface")) {
      surfaces_[key + "\t" + json_string(r, "surface", where, kWhat)] += n;
    } else {
      terms_[key] += n;
    }
    return;
  }
  if (r.get("a")) {
    const std::string& a = json_string(r, "a", where, kWhat);
    const std::string& b = json_string(r, "b", where, kWhat);
    if (!(a < b)) throw Error(where, fmt::format("{}: a pair must be in key order", kWhat));
    pairs_[{a, b}] += n;
    check_pairs();
    return;
  }
  throw Error(where, fmt::format("{}: no 'units', 'term' or 'a' member", kWhat));
}

void fill_measures(Edge& e, std::uint64_t units) {
  const double fxy = static_cast<double>(e.count), fx = static_cast<double>(e.a_count),
               fy = static_cast<double>(e.b_count), u = static_cast<double>(units);
  e.jaccard = fx + fy - fxy > 0 ? fxy / (fx + fy - fxy) : 0;
  e.dice = fx + fy > 0 ? 2 * fxy / (fx + fy) : 0;
  e.cosine = fx > 0 && fy > 0 ? fxy / std::sqrt(fx * fy) : 0;
  e.pmi = fxy > 0 && fx > 0 && fy > 0 ? std::log2(fxy * u / (fx * fy)) : 0;
  const double p = u > 0 ? fxy / u : 0;
  e.npmi = p > 0 && p < 1 ? e.pmi / -std::log2(p) : (p >= 1 ? 1 : 0);
  // The 2x2 table of units: {xy, x without y, y without x, neither}.
  e.ll = log_likelihood(fxy, fy - fxy, fx, u - fx);
}

CooccurrenceCounter::TermKeys CooccurrenceCounter::term_keys(
    const std::vector<const CooccurrenceCounter*>& counters, const std::vector<std::string>& words,
    const FrequencyOptions& grouping) {
  TermKeys out;
  // Words both languages use: only in a corpus with terms in both languages.
  auto any_in = [&counters](std::string_view prefix) {
    return std::any_of(counters.begin(), counters.end(), [prefix](const CooccurrenceCounter* c) {
      const auto it = c->terms_.lower_bound(std::string(prefix));
      return it != c->terms_.end() && it->first.starts_with(prefix);
    });
  };
  const bool both = any_in("fr:") && any_in("en:");
  if (!both && words.empty()) return out;
  // Occurrences by normalized surface, per key.
  std::map<std::string_view, std::map<std::string, std::uint64_t>> norms;
  for (const CooccurrenceCounter* c : counters) {
    for (const auto& [key, n] : c->terms_)
      norms[key];
    for (const auto& [ks, n] : c->surfaces_) {
      const std::string_view key_surface(ks);
      const auto tab = key_surface.find('\t');
      norms[key_surface.substr(0, tab)][normalize_token(key_surface.substr(tab + 1))] += n;
    }
  }
  if (both) {
    std::vector<std::string_view> keys;
    std::vector<detail::LanguageGroup> groups;
    for (const auto& [key, by_norm] : norms) {
      keys.push_back(key);
      detail::LanguageGroup& g = groups.emplace_back();
      g.lang = detail::key_language(key);
      for (const auto& [norm, n] : by_norm)
        g.norms.emplace_back(norm, n);
    }
    const std::vector<std::uint32_t> partner = detail::pair_languages(groups);
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].lang == 1 && partner[g] != detail::kNoPartner)
        out.same.emplace(std::string(keys[g]), std::string(keys[partner[g]]));
    }
  }
  if (words.empty()) return out;
  auto term_of = [&out](std::string_view key) -> std::string_view {
    const auto it = out.same.find(key);
    return it == out.same.end() ? key : std::string_view(it->second);
  };
  // Each term's norms (both keys' for a word both languages use), by term index.
  std::map<std::string_view, std::uint32_t> term_index;
  std::vector<detail::Tally> term_norms;
  for (const auto& [key, by_norm] : norms) {
    const auto [it, fresh] =
        term_index.emplace(term_of(key), static_cast<std::uint32_t>(term_norms.size()));
    if (fresh) term_norms.emplace_back();
    for (const auto& [norm, n] : by_norm)
      detail::add_to(term_norms[it->second], norm, n);
  }
  std::optional<Stemmer> stemmers[2];
  const std::vector<std::uint8_t> kept =
      detail::listed_groups(term_norms, words, [&](const std::string& norm) {
        std::vector<std::uint32_t> terms;
        for (const Language l : {Language::fr, Language::en}) {
          const std::string key =
              group_key(grouping, l, norm, stemmers[l == Language::fr ? 0 : 1], nullptr);
          if (const auto it = norms.find(key); it != norms.end())
            terms.push_back(term_index.at(term_of(it->first)));
        }
        return terms;
      });
  for (const auto& [key, by_norm] : norms) {
    if (!kept[term_index.at(term_of(key))]) out.left_out.emplace(key);
  }
  return out;
}

CooccurrenceTable CooccurrenceCounter::finish(std::uint64_t min_count) const {
  return finish(min_count, term_keys({this}, {}, FrequencyOptions{}));
}

CooccurrenceTable CooccurrenceCounter::finish(std::uint64_t min_count,
                                              const TermKeys& term_keys) const {
  const auto& shared = term_keys.same;
  auto key_of = [&shared](const std::string& key) -> const std::string& {
    const auto it = shared.find(key);
    return it == shared.end() ? key : it->second;
  };
  auto left_out = [&term_keys](const std::string& key) {
    return !term_keys.left_out.empty() && term_keys.left_out.count(key);
  };
  const bool as_counted = shared.empty() && term_keys.left_out.empty();
  CooccurrenceTable t;
  t.units = units_;
  // f(x) and f(x,y) by term: the counted ones, or their sums under the terms' keys (a left-out
  // key of a term leaves the whole term out: the keys of a term share its fate).
  std::map<std::string, std::uint64_t> merged_terms;
  std::map<std::pair<std::string, std::string>, std::uint64_t> merged_pairs;
  if (!as_counted) {
    for (const auto& [k, n] : terms_) {
      if (!left_out(k)) merged_terms[key_of(k)] += n;
    }
    // Both words of a pair are in the unit's language: (fr:x, fr:y) and (en:x, en:y) add.
    for (const auto& [p, n] : pairs_) {
      if (left_out(p.first) || left_out(p.second)) continue;
      const std::string& a = key_of(p.first);
      const std::string& b = key_of(p.second);
      merged_pairs[a < b ? std::pair(a, b) : std::pair(b, a)] += n;
    }
  }
  const auto& terms = as_counted ? terms_ : merged_terms;
  const auto& pairs = as_counted ? pairs_ : merged_pairs;
  // Displayed word per term: its most frequent surface form (a surface both keys of a term have
  // is one), ties to byte order.
  std::map<std::string, detail::Tally, std::less<>> surfaces;
  for (const auto& [ks, n] : surfaces_) {
    const auto tab = ks.find('\t');
    detail::add_to(surfaces[key_of(ks.substr(0, tab))], std::string_view(ks).substr(tab + 1), n);
  }
  std::map<std::string, std::string, std::less<>> display;
  for (const auto& [k, forms] : surfaces) {
    display[k] = std::string(detail::leading(forms));
  }
  for (const auto& [k, n] : terms)
    t.nodes.push_back({k, display[k], n});
  std::sort(t.nodes.begin(), t.nodes.end(), [](const Node& a, const Node& b) {
    return a.count != b.count ? a.count > b.count
           : a.word != b.word ? a.word < b.word
                              : a.key < b.key;
  });
  for (const auto& [p, n] : pairs) {
    if (n < min_count) continue;
    Edge e;
    e.a = display.at(p.first);
    e.b = display.at(p.second);
    e.a_key = p.first;
    e.b_key = p.second;
    e.count = n;
    e.a_count = terms.at(p.first);
    e.b_count = terms.at(p.second);
    fill_measures(e, units_);
    t.edges.push_back(std::move(e));
  }
  return t;
}

}  // namespace verbatim
