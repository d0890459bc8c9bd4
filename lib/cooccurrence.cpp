#include "verbatim/cooccurrence.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "flat_counter.hpp"
#include "verbatim/keyness.hpp"
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
    e.counted = code_points(norm) >= opts_.min_length && !stop_.contains(norm);
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
    k += stemmer_ ? std::string(stemmer_->stem(norm)) : norm;
    return k;
  }
  const CooccurrenceOptions& opts_;
  Language lang_;
  Stopwords stop_;
  std::optional<Stemmer> stemmer_;
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

DocumentCooccurrence count_cooccurrence(const Document& doc, const CooccurrenceOptions& opts,
                                        const TurnFilter& keep, CooccurrenceTerms* cache) {
  std::optional<CooccurrenceTerms> own;
  if (!cache) cache = &own.emplace(opts);
  detail::Terms& terms = cache->impl_->of(doc.language);
  // Terms get dense ids for this document (their key strings live in the Terms cache); pairs
  // and counts are kept by id and turned into strings once, at the end.
  std::vector<std::uint32_t> ids;  // by the Terms cache's key id: forms share a key
  std::vector<const std::string*> keys_of;
  std::vector<std::uint64_t> term_count;
  std::unordered_map<std::uint64_t, std::uint64_t> pairs;
  std::uint64_t units = 0;
  constexpr std::uint32_t kNoTerm = 0xffffffffu;
  auto id_of = [&](const detail::Terms::Entry& e) {
    if (ids.size() <= e.key_id) ids.resize(terms.key_count(), kNoTerm);
    std::uint32_t& id = ids[e.key_id];
    if (id == kNoTerm) {
      id = static_cast<std::uint32_t>(keys_of.size());
      keys_of.push_back(&e.key);
      term_count.push_back(0);
    }
    return id;
  };
  // With a term list, a document has at most that many term ids: a dense matrix beats hashing.
  const std::size_t dense_n =
      !opts.terms.empty() && opts.terms.size() <= 1024 ? opts.terms.size() : 0;
  std::vector<std::uint32_t> dense(dense_n * dense_n);
  auto add_pair = [&](std::uint32_t x, std::uint32_t y) {
    if (y < x) std::swap(x, y);  // by id here; by key when the document is done
    if (y < dense_n) {
      ++dense[x * dense_n + y];
    } else {
      ++pairs[(static_cast<std::uint64_t>(x) << 32) | y];
    }
  };
  const char* const text_end = doc.text.data() + doc.text.size();
  std::vector<Token> tokens;
  constexpr std::uint32_t kNoEntry = 0xffffffffu;
  std::vector<std::uint32_t> entry_ids;  // by token of the turn: its entry, or kNoEntry
  std::vector<std::uint32_t> unit_terms;
  auto close_unit = [&] {
    std::sort(unit_terms.begin(), unit_terms.end());
    unit_terms.erase(std::unique(unit_terms.begin(), unit_terms.end()), unit_terms.end());
    for (std::size_t i = 0; i < unit_terms.size(); ++i) {
      ++term_count[unit_terms[i]];
      for (std::size_t j = i + 1; j < unit_terms.size(); ++j)
        add_pair(unit_terms[i], unit_terms[j]);
    }
    unit_terms.clear();
    ++units;
  };
  bool any_token = false;
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
    std::vector<Span> spans;
    switch (opts.unit) {
      case CooccurrenceUnit::window:
      case CooccurrenceUnit::sentence:
        spans = split_sentences(doc.text, turn.content, tokens);
        break;
      case CooccurrenceUnit::paragraph:
        spans = split_paragraphs(doc.text, turn.content);
        break;
      case CooccurrenceUnit::turn:
      case CooccurrenceUnit::document:
        if (!turn.content.empty()) {
          spans.push_back({turn.content.front().begin, turn.content.back().end});
        }
        break;
    }
    std::size_t t = 0;
    std::vector<std::uint32_t> positions;  // word positions of a unit: term id or kNoTerm
    for (const Span& u : spans) {
      positions.clear();
      std::uint64_t counted = 0;
      while (t < tokens.size() && tokens[t].begin < u.end) {
        const std::size_t k = t++;
        const Token& tok = tokens[k];
        if (tok.begin < u.begin) continue;
        if (tok.kind != TokenKind::word && tok.kind != TokenKind::number) continue;
        std::uint32_t id = kNoTerm;
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
      if (positions.empty()) continue;
      any_token = true;
      if (opts.unit == CooccurrenceUnit::window) {
        units += counted;  // U: every counted token, listed or not
        for (std::size_t i = 0; i < positions.size(); ++i) {
          if (positions[i] == kNoTerm) continue;
          ++term_count[positions[i]];
          for (std::size_t j = i + 1; j < positions.size() && j <= i + opts.window; ++j) {
            if (positions[j] == kNoTerm || positions[j] == positions[i]) continue;
            add_pair(positions[i], positions[j]);
          }
        }
        continue;
      }
      for (std::uint32_t id : positions) {
        if (id != kNoTerm) unit_terms.push_back(id);
      }
      if (opts.unit != CooccurrenceUnit::document) close_unit();
    }
  }
  if (opts.unit == CooccurrenceUnit::document && any_token) close_unit();

  DocumentCooccurrence d;
  d.units = units;
  // The document's terms ranked by key: pairs of ranks then sort as integers in the order of
  // their keys, and the maps are filled in order, each entry at the end.
  std::vector<std::uint32_t> order(keys_of.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t x, std::uint32_t y) { return *keys_of[x] < *keys_of[y]; });
  std::vector<std::uint32_t> rank(keys_of.size());
  for (std::uint32_t r = 0; r < order.size(); ++r)
    rank[order[r]] = r;
  for (std::uint32_t i : order) {
    if (term_count[i]) d.term_count.emplace_hint(d.term_count.end(), *keys_of[i], term_count[i]);
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranked;  // (rank a << 32 | rank b, n)
  auto put_pair = [&](std::uint32_t x, std::uint32_t y, std::uint64_t n) {
    std::uint64_t a = rank[x], b = rank[y];
    if (b < a) std::swap(a, b);  // (a, b) is the same pair in every document
    ranked.emplace_back(a << 32 | b, n);
  };
  for (std::size_t x = 0; x < dense_n; ++x) {
    for (std::size_t y = x + 1; y < dense_n; ++y) {
      if (const std::uint32_t n = dense[x * dense_n + y]) {
        put_pair(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y), n);
      }
    }
  }
  for (const auto& [p, n] : pairs) {
    put_pair(static_cast<std::uint32_t>(p >> 32), static_cast<std::uint32_t>(p & 0xffffffffu), n);
  }
  std::sort(ranked.begin(), ranked.end());
  for (const auto& [ab, n] : ranked) {
    d.pairs.emplace_hint(
        d.pairs.end(), std::make_pair(*keys_of[order[ab >> 32]], *keys_of[order[ab & 0xffffffffu]]),
        n);
  }
  terms.drain([&](const detail::Terms::Entry& e, std::uint32_t n) {
    d.surface_count[e.key + '\t' + std::string(e.surface)] += n;
  });
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

CooccurrenceTable CooccurrenceCounter::finish(std::uint64_t min_count) const {
  CooccurrenceTable t;
  t.units = units_;
  // Displayed word per key: its most frequent surface form, ties to byte order.
  std::map<std::string, std::pair<std::string, std::uint64_t>> display;
  for (const auto& [ks, n] : surfaces_) {
    const auto tab = ks.find('\t');
    auto& best = display[ks.substr(0, tab)];
    const std::string surface = ks.substr(tab + 1);
    if (n > best.second || (n == best.second && surface < best.first)) best = {surface, n};
  }
  for (const auto& [k, n] : terms_)
    t.nodes.push_back({k, display[k].first, n});
  std::sort(t.nodes.begin(), t.nodes.end(), [](const Node& a, const Node& b) {
    return a.count != b.count ? a.count > b.count
           : a.word != b.word ? a.word < b.word
                              : a.key < b.key;
  });
  for (const auto& [p, n] : pairs_) {
    if (n < min_count) continue;
    Edge e;
    e.a = display.at(p.first).first;
    e.b = display.at(p.second).first;
    e.count = n;
    e.a_count = terms_.at(p.first);
    e.b_count = terms_.at(p.second);
    fill_measures(e, units_);
    t.edges.push_back(std::move(e));
  }
  return t;
}

}  // namespace verbatim
