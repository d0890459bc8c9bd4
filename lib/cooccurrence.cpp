#include "verbatim/cooccurrence.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "verbatim/keyness.hpp"
#include "verbatim/stemmer.hpp"

namespace verbatim {

namespace {

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

// Group keys of a thread's words, computed once per surface form and language.
class Terms {
 public:
  Terms(const CooccurrenceOptions& o, Language lang)
      : opts_(o), lang_(lang), stop_(o.stopwords ? o.stopwords(lang) : Stopwords()) {
    if (o.group == GroupMode::stem) stemmer_.emplace(lang);
    for (const auto& t : o.terms)
      wanted_.insert(key_of(normalize_token(t)));
  }

  struct Entry {
    std::string key;       // the group key when the word is a term, else empty
    bool counted = false;  // a counted word (not a stopword, long enough), listed or not
  };
  const Entry& get(std::string_view surface) {
    auto it = cache_.find(std::string(surface));
    if (it != cache_.end()) return it->second;
    const std::string norm = normalize_token(surface);
    Entry e;
    e.counted = code_points(norm) >= opts_.min_length && !stop_.contains(norm);
    if (e.counted) {
      e.key = key_of(norm);
      if (!wanted_.empty() && !wanted_.count(e.key)) e.key.clear();
    }
    return cache_.emplace(std::string(surface), std::move(e)).first->second;
  }

 private:
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
  std::map<std::string, Entry> cache_;
};

}  // namespace

DocumentCooccurrence count_cooccurrence(const Document& doc, const CooccurrenceOptions& opts,
                                        const TurnFilter& keep) {
  Terms terms(opts, doc.language);
  DocumentCooccurrence d;
  std::vector<Token> tokens;
  std::set<std::string> unit_terms;
  auto close_unit = [&] {
    for (auto a = unit_terms.begin(); a != unit_terms.end(); ++a) {
      ++d.term_count[*a];
      for (auto b = std::next(a); b != unit_terms.end(); ++b)
        ++d.pairs[{*a, *b}];
    }
    unit_terms.clear();
    ++d.units;
  };
  bool any_token = false;
  for (const auto& turn : doc.turns) {
    if (!keep(turn)) continue;
    tokens.clear();
    tokenize_turn(doc.text, turn, {doc.language, opts.hyphens}, tokens);
    std::vector<Span> units;
    switch (opts.unit) {
      case CooccurrenceUnit::window:
      case CooccurrenceUnit::sentence:
        units = split_sentences(doc.text, turn.content, tokens);
        break;
      case CooccurrenceUnit::paragraph:
        units = split_paragraphs(doc.text, turn.content);
        break;
      case CooccurrenceUnit::turn:
      case CooccurrenceUnit::document:
        if (!turn.content.empty())
          units.push_back({turn.content.front().begin, turn.content.back().end});
        break;
    }
    std::size_t t = 0;
    for (const Span& u : units) {
      // Word positions of this unit: every word or number token; terms carry their key.
      std::vector<const std::string*> keys;
      std::uint64_t counted = 0;
      while (t < tokens.size() && tokens[t].begin < u.end) {
        const Token& tok = tokens[t++];
        if (tok.begin < u.begin) continue;
        if (tok.kind != TokenKind::word && tok.kind != TokenKind::number) continue;
        const std::string_view surface(doc.text.data() + tok.begin, tok.end - tok.begin);
        const std::string* k = nullptr;
        if (tok.kind == TokenKind::word) {
          const auto& e = terms.get(surface);
          if (!e.key.empty()) k = &e.key;
          counted += e.counted;
        }
        keys.push_back(k);
        if (k) ++d.surface_count[*k + '\t' + std::string(surface)];
      }
      if (keys.empty()) continue;
      any_token = true;
      if (opts.unit == CooccurrenceUnit::window) {
        d.units += counted;  // U: every counted token, listed or not
        for (std::size_t i = 0; i < keys.size(); ++i) {
          if (!keys[i]) continue;
          ++d.term_count[*keys[i]];
          for (std::size_t j = i + 1; j < keys.size() && j <= i + opts.window; ++j) {
            if (!keys[j] || *keys[j] == *keys[i]) continue;
            const bool ordered = *keys[i] < *keys[j];
            ++d.pairs[{ordered ? *keys[i] : *keys[j], ordered ? *keys[j] : *keys[i]}];
          }
        }
        continue;
      }
      for (const std::string* k : keys) {
        if (k) unit_terms.insert(*k);
      }
      if (opts.unit != CooccurrenceUnit::document) close_unit();
    }
  }
  if (opts.unit == CooccurrenceUnit::document && any_token) close_unit();
  return d;
}

void CooccurrenceCounter::add(const DocumentCooccurrence& d) {
  for (const auto& [k, n] : d.term_count)
    terms_[k] += n;
  for (const auto& [k, n] : d.surface_count)
    surfaces_[k] += n;
  for (const auto& [p, n] : d.pairs)
    pairs_[p] += n;
  units_ += d.units;
  if (max_pairs_ && pairs_.size() > max_pairs_) {
    throw Error(fmt::format(
        "more than {} distinct pairs: give --terms or --top to count pairs of fewer words, or "
        "raise --max-pairs",
        max_pairs_));
  }
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
