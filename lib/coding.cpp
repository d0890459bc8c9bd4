#include "verbatim/coding.hpp"

#include <re2/re2.h>
#include <re2/set.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <emmintrin.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <deque>
#include <span>
#include <unordered_map>

#include "flat_counter.hpp"
#include "verbatim/concordance.hpp"
#include "verbatim/matcher.hpp"
#include "verbatim/normalize.hpp"
#include "verbatim/segment.hpp"
#include "verbatim/source.hpp"
#include "verbatim/stemmer.hpp"

namespace verbatim {

std::string fold_accents(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s)
    ascii = ascii && c < 0x80;
  if (ascii) return std::string(s);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString d = nfd->normalize(u, err), kept;
  for (int32_t i = 0; i < d.length();) {
    const UChar32 c = d.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    i += U16_LENGTH(c);
  }
  icu::UnicodeString out = nfc->normalize(kept, err);
  std::string r;
  out.toUTF8String(r);
  return U_FAILURE(err) ? std::string(s) : r;
}

namespace {

// A single-word pattern.
struct Atom {
  enum class Kind : std::uint8_t { word, prefix, glob, stem, lemma } kind = Kind::word;
  std::string text;     // normalized (and folded) word, prefix or glob; for stems the text
  std::string stem[2];  // stem (or lemma) of `text` by language (fr, en)
};

struct Node {
  Rule::Kind kind = Rule::Kind::term;
  std::vector<std::uint32_t> seq[2];  // term/stem: atoms of the phrase, by language
  std::size_t regex = 0;
  std::vector<std::uint32_t> operands;
  std::size_t window = 5;
};

struct CodeRules {
  std::vector<std::uint32_t> roots;    // one node per top-level rule
  std::vector<std::uint32_t> atoms;    // atoms the code can match through
  std::vector<std::uint32_t> regexes;  // regexes it can match through
  bool always = false;                 // may hold with nothing present (a not): every unit
};

using Range = std::pair<std::uint32_t, std::uint32_t>;  // first, last word position

struct FormHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

struct Coder::Compiled {
  std::vector<Atom> atoms;
  std::vector<Node> nodes;
  std::vector<std::unique_ptr<RE2>> regexes;
  // All regexes in one automaton: one pass over a turn tells which of them occur at all.
  std::unique_ptr<RE2::Set> regex_set;
  std::vector<CodeRules> codes;
  std::unordered_map<std::string, std::vector<std::uint32_t>> words;  // exact words
  // Prefix and glob atoms by their first byte (a form can only match those of its own first
  // byte), and at 256 those that start with a wildcard or are empty.
  std::array<std::vector<std::uint32_t>, 257> patterns;
  std::unordered_map<std::string, std::vector<std::uint32_t>> stems[2];
  std::unordered_map<std::string, std::vector<std::uint32_t>> lemmas[2];
  std::shared_ptr<const Lexicons> lexicons;
  std::vector<std::vector<std::uint32_t>> atom_codes;   // atom -> codes it can trigger
  std::vector<std::vector<std::uint32_t>> regex_codes;  // regex -> codes it can trigger
  std::vector<std::uint32_t> always;                    // codes evaluated in every unit
  bool fold = false;
  HyphenMode hyphens = HyphenMode::language;  // the text's: the rules' words are cut alike
  bool any_stem = false;
  bool any_lemma = false;
  bool any_regex = false;

  std::uint32_t atom(Atom a) {
    for (std::uint32_t i = 0; i < atoms.size(); ++i) {
      if (atoms[i].kind == a.kind && atoms[i].text == a.text) return i;
    }
    atoms.push_back(std::move(a));
    return static_cast<std::uint32_t>(atoms.size() - 1);
  }

  std::string norm(std::string_view s) const {
    std::string n = normalize_token(s);
    return fold ? fold_accents(n) : n;
  }

  // The words of a term in one language, cut by the tokenizer as the text is (so that
  // `l'expérience` is `l'` + `expérience` in French, and `e-mail` two words when hyphens are
  // split): several words are a phrase.
  std::vector<std::string> words_of(std::string_view text, Language lang) const {
    return query_words(text, {lang, hyphens});
  }

  std::uint32_t compile(const Rule& r, std::optional<Stemmer> (&stemmers)[2]) {
    Node n;
    n.kind = r.kind;
    n.window = r.window;
    switch (r.kind) {
      case Rule::Kind::term:
      case Rule::Kind::stem:
      case Rule::Kind::lemma:
        for (Language lang : {Language::fr, Language::en}) {
          const int li = lang == Language::fr ? 0 : 1;
          for (const std::string& w : words_of(r.text, lang)) {
            Atom a;
            a.text = norm(w);
            if (r.kind == Rule::Kind::stem) {
              a.kind = Atom::Kind::stem;
              any_stem = true;
              for (int l = 0; l < 2; ++l) {
                if (!stemmers[l]) stemmers[l].emplace(l == 0 ? Language::fr : Language::en);
                a.stem[l] = std::string(stemmers[l]->stem(a.text));
              }
            } else if (r.kind == Rule::Kind::lemma) {
              a.kind = Atom::Kind::lemma;
              any_lemma = true;
              for (int l = 0; l < 2; ++l) {
                const Lexicon* lex =
                    lexicons ? lexicons->of(l == 0 ? Language::fr : Language::en) : nullptr;
                a.stem[l] = lex ? std::string(lex->lemma(a.text)) : a.text;
              }
            } else if (a.text.find_first_of("*?") != std::string::npos) {
              const std::size_t wild = a.text.find_first_of("*?");
              a.kind = wild == a.text.size() - 1 && a.text.back() == '*' ? Atom::Kind::prefix
                                                                         : Atom::Kind::glob;
              if (a.kind == Atom::Kind::prefix) a.text.pop_back();
            }
            n.seq[li].push_back(atom(std::move(a)));
          }
        }
        break;
      case Rule::Kind::regex: {
        RE2::Options o;
        o.set_log_errors(false);
        o.set_case_sensitive(false);
        regexes.push_back(std::make_unique<RE2>(r.text, o));
        n.regex = regexes.size() - 1;
        any_regex = true;
        break;
      }
      default:
        for (const Rule& op : r.operands)
          n.operands.push_back(compile(op, stemmers));
    }
    nodes.push_back(std::move(n));
    return static_cast<std::uint32_t>(nodes.size() - 1);
  }

  // The atoms and regexes of which one must occur in a unit for node `id` to hold there, or
  // `always` when it may hold with none of them (a not holds when nothing occurs).
  void collect_atoms(std::uint32_t id, std::vector<std::uint32_t>& out,
                     std::vector<std::uint32_t>& regex_out, bool& always) const {
    const Node& n = nodes[id];
    if (n.kind == Rule::Kind::regex) {
      regex_out.push_back(static_cast<std::uint32_t>(n.regex));
      return;
    }
    if (n.kind == Rule::Kind::none) {
      always = true;
      return;
    }
    for (int l = 0; l < 2; ++l)
      out.insert(out.end(), n.seq[l].begin(), n.seq[l].end());
    if (n.kind == Rule::Kind::all) {
      // all holds only when every operand does: one operand's atoms are enough as a trigger,
      // but an operand that is a not cannot trigger; collect all to stay simple.
      bool any_positive = false;
      for (std::uint32_t o : n.operands) {
        bool a = false;
        collect_atoms(o, out, regex_out, a);
        if (!a) any_positive = true;
      }
      if (!any_positive) always = true;
      return;
    }
    for (std::uint32_t o : n.operands)
      collect_atoms(o, out, regex_out, always);
  }

  // The atoms a normalized token form matches in `lang`.
  std::vector<std::uint32_t> match_form(const std::string& form, std::string_view stem,
                                        std::string_view lemma, int li) const {
    std::vector<std::uint32_t> out;
    if (auto it = words.find(form); it != words.end()) out = it->second;
    auto try_patterns = [&](const std::vector<std::uint32_t>& ps) {
      for (std::uint32_t p : ps) {
        const Atom& a = atoms[p];
        if (a.kind == Atom::Kind::prefix ? form.starts_with(a.text) : glob_match(a.text, form))
          out.push_back(p);
      }
    };
    if (!form.empty()) try_patterns(patterns[static_cast<unsigned char>(form[0])]);
    try_patterns(patterns[256]);
    if (any_stem) {
      if (auto it = stems[li].find(std::string(stem)); it != stems[li].end())
        out.insert(out.end(), it->second.begin(), it->second.end());
    }
    if (any_lemma) {
      if (auto it = lemmas[li].find(std::string(lemma)); it != lemmas[li].end())
        out.insert(out.end(), it->second.begin(), it->second.end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
};

Coder::Coder(const Codebook& cb, CodingOptions opts)
    : cb_(cb), opts_(opts), c_(std::make_unique<Compiled>()) {
  // Each coder has its own id: per-thread caches of another (even at the same address) are
  // never reused.
  static std::atomic<std::uint64_t> next_id{1};
  id_ = next_id++;
  c_->fold = cb.fold_accents;
  c_->hyphens = opts_.hyphens;
  c_->lexicons = opts_.lexicons;
  std::optional<Stemmer> stemmers[2];
  rule_base_.push_back(0);
  for (const Code& code : cb.codes) {
    CodeRules cr;
    for (const Rule& r : code.rules) {
      const std::uint32_t root = c_->compile(r, stemmers);
      cr.roots.push_back(root);
      c_->collect_atoms(root, cr.atoms, cr.regexes, cr.always);
    }
    for (auto* v : {&cr.atoms, &cr.regexes}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    rule_base_.push_back(rule_base_.back() + code.rules.size());
    c_->codes.push_back(std::move(cr));
  }
  if (c_->regexes.size() > 1) {  // one regex's own search tells as much
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(false);
    c_->regex_set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    for (const auto& re : c_->regexes)
      c_->regex_set->Add(re->pattern(), nullptr);
    // A set too large for RE2's memory budget falls back to one search per regex.
    if (!c_->regex_set->Compile()) c_->regex_set.reset();
  }
  c_->atom_codes.resize(c_->atoms.size());
  c_->regex_codes.resize(c_->regexes.size());
  for (std::uint32_t k = 0; k < c_->codes.size(); ++k) {
    const CodeRules& cr = c_->codes[k];
    if (cr.roots.empty()) continue;
    if (cr.always) {
      c_->always.push_back(k);
      continue;
    }
    for (std::uint32_t a : cr.atoms)
      c_->atom_codes[a].push_back(k);
    for (std::uint32_t r : cr.regexes)
      c_->regex_codes[r].push_back(k);
  }
  for (std::uint32_t i = 0; i < c_->atoms.size(); ++i) {
    const Atom& a = c_->atoms[i];
    switch (a.kind) {
      case Atom::Kind::word:
        c_->words[a.text].push_back(i);
        break;
      case Atom::Kind::prefix:
      case Atom::Kind::glob: {
        const bool wild = a.text.empty() || a.text[0] == '*' || a.text[0] == '?';
        c_->patterns[wild ? 256 : static_cast<unsigned char>(a.text[0])].push_back(i);
        break;
      }
      case Atom::Kind::stem:
        for (int l = 0; l < 2; ++l) {
          c_->stems[l][a.stem[l]].push_back(i);
          if (a.text != a.stem[l]) c_->stems[l][a.text].push_back(i);
        }
        break;
      case Atom::Kind::lemma:
        for (int l = 0; l < 2; ++l)
          c_->lemmas[l][a.stem[l]].push_back(i);
        break;
    }
  }
}

Coder::~Coder() = default;
Coder::Coder(Coder&&) noexcept = default;

std::string reference_text(const Document& doc, const Reference& r) {
  const DocumentTurn& t = doc.turns[r.turn];
  if (t.content.empty() || r.span.end <= t.content.back().end) {
    return content_text(doc.text, t.content, r.span.begin, r.span.end);
  }
  // A span over several turns (a document unit, an imported selection): each turn's part.
  std::string out;
  for (std::size_t k = r.turn; k < doc.turns.size(); ++k) {
    const DocumentTurn& u = doc.turns[k];
    if (u.content.empty()) continue;
    if (u.content.front().begin >= r.span.end) break;
    std::string part = content_text(doc.text, u.content, r.span.begin, r.span.end);
    if (part.empty()) continue;
    if (!out.empty()) out += " ";
    out += part;
  }
  return out;
}

namespace {

// Per-unit evaluation state.
struct UnitEval {
  const Coder::Compiled* c = nullptr;
  int li = 0;
  std::span<const std::vector<std::uint32_t>* const> tok_atoms;  // by word position
  Span span;                                                     // the unit
  std::vector<std::vector<std::uint32_t>> regex_hits;  // regex -> match starts (bytes), sorted
  std::vector<std::uint32_t> stamp;                    // atom -> unit number + 1
  std::vector<std::vector<std::uint32_t>> pos;         // atom -> positions
  std::uint32_t unit = 0;

  // Whether a match of regex r starts inside the unit.
  bool regex_hit(std::size_t r) const {
    const auto& hits = regex_hits[r];
    auto it = std::lower_bound(hits.begin(), hits.end(), span.begin);
    return it != hits.end() && *it < span.end;
  }

  bool has(std::uint32_t pos_i, std::uint32_t atom) const {
    const auto& v = *tok_atoms[pos_i];
    return std::binary_search(v.begin(), v.end(), atom);
  }

  // True when node holds; with `out`, appends its occurrences.
  bool eval(std::uint32_t id, std::vector<Range>* out) const {
    const Node& n = c->nodes[id];
    switch (n.kind) {
      case Rule::Kind::term:
      case Rule::Kind::stem:
      case Rule::Kind::lemma: {
        const auto& seq = n.seq[li];
        if (seq.empty() || stamp[seq[0]] != unit + 1) return false;
        bool found = false;
        for (std::uint32_t p : pos[seq[0]]) {
          if (p + seq.size() > tok_atoms.size()) continue;
          bool ok = true;
          for (std::size_t k = 1; k < seq.size() && ok; ++k)
            ok = has(p + static_cast<std::uint32_t>(k), seq[k]);
          if (!ok) continue;
          found = true;
          if (!out) return true;
          out->push_back({p, p + static_cast<std::uint32_t>(seq.size() - 1)});
        }
        return found;
      }
      case Rule::Kind::regex:
        return regex_hit(n.regex);
      case Rule::Kind::all: {
        for (std::uint32_t o : n.operands) {
          if (!eval(o, out)) return false;
        }
        return true;
      }
      case Rule::Kind::any: {
        bool found = false;
        for (std::uint32_t o : n.operands) {
          if (eval(o, out)) {
            found = true;
            if (!out) return true;
          }
        }
        return found;
      }
      case Rule::Kind::none:
        for (std::uint32_t o : n.operands) {
          if (eval(o, nullptr)) return false;
        }
        return true;
      case Rule::Kind::near:
        return near(n, out);
    }
    return false;
  }

  // Every operand within n.window positions: a sweep over the occurrences of all operands
  // in order of first position, keeping the shortest stretch that holds one of each.
  bool near(const Node& n, std::vector<Range>* out) const {
    const std::size_t k = n.operands.size();
    std::vector<std::pair<Range, std::size_t>> occ;
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<Range> r;
      if (!eval(n.operands[i], &r)) return false;
      for (const Range& x : r)
        occ.push_back({x, i});
    }
    std::sort(occ.begin(), occ.end());
    std::vector<std::size_t> count(k, 0);
    std::size_t have = 0, lo = 0;
    bool found = false;
    for (std::size_t hi = 0; hi < occ.size(); ++hi) {
      if (count[occ[hi].second]++ == 0) ++have;
      while (have == k && count[occ[lo].second] > 1) {
        --count[occ[lo].second];
        ++lo;
      }
      if (have < k) continue;
      // The stretch occ[lo..hi]: from the latest first position back to the earliest end.
      std::uint32_t min_last = occ[lo].first.second, max_last = 0;
      for (std::size_t j = lo; j <= hi; ++j) {
        min_last = std::min(min_last, occ[j].first.second);
        max_last = std::max(max_last, occ[j].first.second);
      }
      const std::uint32_t first = occ[hi].first.first;
      if (first <= min_last || first - min_last <= n.window) {
        found = true;
        if (!out) return true;
        out->push_back({occ[lo].first.first, max_last});
      }
    }
    return found;
  }
};

// Where a run of bytes that the regexes' text copies as they are may end, from `from` (not a
// space) up to `end`, 16 bytes at a time: the first line break, tab, carriage return, lead byte
// of a no-break space or of a typographic apostrophe, or space followed by one of those or by
// another space. The caller's byte loop decides from there (and for the last 16 bytes).
std::uint32_t plain_run_end(const char* p, std::uint32_t from, std::uint32_t end) {
  const __m128i nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r'),
                c2 = _mm_set1_epi8(static_cast<char>(0xC2)),
                e2 = _mm_set1_epi8(static_cast<char>(0xE2)), sp = _mm_set1_epi8(' ');
  auto breaking = [&](__m128i v) {
    return _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, tab)),
                                     _mm_cmpeq_epi8(v, cr)),
                        _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2)));
  };
  std::uint32_t j = from;
  while (j + 17 <= end) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j + 1));
    const __m128i stop = _mm_or_si128(
        breaking(a),
        _mm_and_si128(_mm_cmpeq_epi8(a, sp), _mm_or_si128(breaking(b), _mm_cmpeq_epi8(b, sp))));
    if (const int mask = _mm_movemask_epi8(stop))
      return j + static_cast<std::uint32_t>(__builtin_ctz(mask));
    j += 16;
  }
  return j;
}

// The atoms (rule words) a surface form matches, sorted.
using Atoms = std::vector<std::uint32_t>;
const Atoms kNoAtoms;

}  // namespace

DocumentCoding Coder::code(const Document& doc, const TurnFilter& keep,
                           const std::vector<ManualCoding>& manual) const {
  const Compiled& c = *c_;
  DocumentCoding out;
  out.turn_codepoints.assign(doc.turns.size(), 0);
  out.turn_words.assign(doc.turns.size(), 0);
  if (opts_.count_rules) out.rule_units.assign(rule_count(), 0);
  const int li = doc.language == Language::fr ? 0 : 1;
  std::optional<Stemmer> stemmer;
  if (c.any_stem) stemmer.emplace(doc.language);
  const Lexicon* lexicon = c.lexicons ? c.lexicons->of(doc.language) : nullptr;
  // Each distinct surface is normalized and matched once per thread, language and codebook:
  // a FormIndex from surface to its atoms, kept in a deque (stable addresses) for the few
  // forms that match any, so that a token of any other form costs no access beyond its slot.
  struct FormCache {
    detail::FormIndex index;  // surface -> 1 + its place in `atoms`, or kNone
    std::deque<Atoms> atoms;
  };
  constexpr std::uint32_t kNone = 0xffffffffu;
  thread_local std::unique_ptr<FormCache> cache[2];
  thread_local std::uint64_t cache_owner = 0;
  if (cache_owner != id_ || !cache[li]) {
    cache[0] = std::make_unique<FormCache>();
    cache[1] = std::make_unique<FormCache>();
    cache_owner = id_;
  }
  FormCache& forms = *cache[li];

  UnitEval ev;
  ev.c = &c;
  ev.li = li;
  ev.stamp.assign(c.atoms.size(), 0);
  ev.pos.resize(c.atoms.size());

  // The token buffers outlive the document on their thread: a plain-text file is often one
  // turn of a million bytes, and buffers made anew for each would fault in fresh pages as they
  // grow, a tenth of the time of a run.
  struct Buffers {
    std::vector<Token> tokens;
    std::vector<Token> words;              // of the current turn
    std::vector<const Atoms*> word_forms;  // of the current turn
    std::vector<const Atoms*> doc_forms;   // of the document, for document units
  };
  thread_local Buffers buffers;
  std::vector<Token>& tokens = buffers.tokens;
  std::vector<Token>& words = buffers.words;
  std::vector<const Atoms*>& word_forms = buffers.word_forms;
  std::vector<const Atoms*>& doc_forms = buffers.doc_forms;
  doc_forms.clear();
  std::vector<std::uint8_t> state(cb_.codes.size());  // 0 none, 1 uncertain, 2 certain
  std::vector<std::uint8_t> own(cb_.codes.size());    // coded by its own rules
  std::vector<std::uint32_t> seen_atoms, candidates;
  std::vector<std::uint32_t> code_stamp(cb_.codes.size(), 0);
  std::uint32_t line = 1, line_pos = 0;
  auto line_of = [&](std::uint32_t at) {
    if (at < line_pos) line = 1, line_pos = 0;
    line += static_cast<std::uint32_t>(
        std::count(doc.text.begin() + line_pos, doc.text.begin() + at, '\n'));
    line_pos = at;
    return line;
  };
  auto time_of = [&](const DocumentTurn& t, std::uint32_t at) {
    std::optional<double> time = t.start_seconds;
    for (std::size_t r = 0; r < t.content.size() && r < t.content_start.size(); ++r) {
      if (t.content[r].begin <= at && at < t.content[r].end) {
        if (t.content_start[r]) time = t.content_start[r];
        break;
      }
    }
    return time;
  };
  auto content_cps = [&](const DocumentTurn& t, Span s) {
    std::uint64_t n = 0;
    for (const Span& r : t.content) {
      const std::uint32_t b = std::max(r.begin, s.begin), e = std::min(r.end, s.end);
      if (b < e) n += code_points(std::string_view(doc.text).substr(b, e - b));
    }
    return n;
  };

  // One unit: `unit_words` (with their forms) inside `span`, starting in turn `turn`.
  auto code_unit = [&](std::uint32_t turn, Span span, std::span<const Atoms* const> uf,
                       std::uint32_t n_words, std::uint64_t cps) {
    ++out.units;
    ++ev.unit;
    ev.tok_atoms = uf;
    seen_atoms.clear();
    for (std::uint32_t p = 0; p < uf.size(); ++p) {
      for (std::uint32_t a : *uf[p]) {
        if (ev.stamp[a] != ev.unit + 1) {
          ev.stamp[a] = ev.unit + 1;
          ev.pos[a].clear();
          seen_atoms.push_back(a);
        }
        ev.pos[a].push_back(p);
      }
    }
    ev.span = span;
    // The codes to evaluate: those triggered by an atom or a regex match of the unit, and the
    // `always` ones.
    candidates.assign(c.always.begin(), c.always.end());
    auto trigger = [&](const std::vector<std::uint32_t>& codes) {
      for (std::uint32_t k : codes) {
        if (code_stamp[k] != ev.unit) {
          code_stamp[k] = ev.unit;
          candidates.push_back(k);
        }
      }
    };
    for (std::uint32_t a : seen_atoms)
      trigger(c.atom_codes[a]);
    for (std::size_t r = 0; r < c.regex_codes.size(); ++r) {
      if (ev.regex_hit(r)) trigger(c.regex_codes[r]);
    }
    if (candidates.empty()) return;
    std::sort(candidates.begin(), candidates.end());
    bool any = false;
    for (std::uint32_t k : candidates) {
      const CodeRules& cr = c.codes[k];
      bool held = false;
      for (std::size_t r = 0; r < cr.roots.size(); ++r) {
        if (ev.eval(cr.roots[r], nullptr)) {
          held = true;
          if (!opts_.count_rules) break;
          ++out.rule_units[rule_base_[k] + r];
        }
      }
      if (held) {
        state[k] = cb_.codes[k].uncertain ? 1 : 2;
        own[k] = 1;
        any = true;
      }
    }
    if (!any) return;
    for (std::size_t k = cb_.codes.size(); k-- > 0;) {
      const auto& p = cb_.codes[k].parent;
      if (p && state[k] > state[*p]) state[*p] = state[k];
    }
    const DocumentTurn& t = doc.turns[turn];
    const std::uint32_t ln = line_of(span.begin);
    const std::optional<double> time = time_of(t, span.begin);
    for (std::size_t k = 0; k < cb_.codes.size(); ++k) {
      if (!state[k]) continue;
      Reference r;
      r.code = static_cast<std::uint32_t>(k);
      r.turn = turn;
      r.span = span;
      r.line = ln;
      r.time = time;
      r.words = n_words;
      r.codepoints = static_cast<std::uint32_t>(cps);
      r.certain = state[k] == 2;
      r.own = own[k] != 0;
      out.references.push_back(r);
    }
    std::fill(state.begin(), state.end(), 0);
    std::fill(own.begin(), own.end(), 0);
  };

  // Regexes run over each kept turn's text, white space collapsed, typographic spaces as
  // spaces and apostrophes unified (normalize.hpp: one pattern finds l'IA, l’IA, l‘IA and lʼIA,
  // and `\d+ %` finds 30 % with a narrow no-break space); a unit holds a regex when a match
  // starts inside it.
  ev.regex_hits.resize(c.regexes.size());
  std::string turn_text;
  std::vector<int> present;
  // Where turn_text stops following the document byte for byte: (turn_text offset, document
  // offset) at each jump, so a match start maps back by one binary search.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> jumps;
  static const auto special = [] {
    std::array<bool, 256> t{};
    for (unsigned char ch : {' ', '\n', '\t', '\r', '\xC2', '\xCA', '\xE2'})
      t[ch] = true;
    return t;
  }();
  auto find_regexes = [&](const DocumentTurn& turn) {
    turn_text.clear();
    jumps.clear();
    auto follow = [&](std::uint32_t raw) {
      const auto at = static_cast<std::uint32_t>(turn_text.size());
      if (jumps.empty() || jumps.back().second + (at - jumps.back().first) != raw)
        jumps.push_back({at, raw});
    };
    const std::string_view text = doc.text;
    bool space = false;
    std::uint32_t space_at = 0;
    for (const Span& r : turn.content) {
      if (!turn_text.empty() && !space) {
        space = true;
        space_at = r.begin;
      }
      std::uint32_t i = r.begin;
      while (i < r.end) {
        // A run of bytes copied as they are: a single space between two of them reads as
        // itself, so a line of words is one run.
        std::uint32_t j = i;
        if (text[i] != ' ') j = plain_run_end(text.data(), i, r.end);
        while (j < r.end) {
          const auto ch = static_cast<unsigned char>(text[j]);
          if (special[ch] && !(ch == ' ' && j > i && j + 1 < r.end &&
                               !special[static_cast<unsigned char>(text[j + 1])]))
            break;
          ++j;
        }
        if (j > i) {
          if (space) {
            follow(space_at);
            turn_text.push_back(' ');
            space = false;
          }
          follow(i);
          turn_text.append(text.substr(i, j - i));
          i = j;
          continue;
        }
        const char ch = text[i];
        const std::string_view unit = text.substr(0, r.end);
        if (const std::size_t n = typographic_space_at(unit, i)) {
          if (!space && !turn_text.empty()) space_at = i;
          space = !turn_text.empty();
          i += static_cast<std::uint32_t>(n);
        } else if (const std::size_t a = apostrophe_at(unit, i)) {
          if (space) {
            follow(space_at);
            turn_text.push_back(' ');
            space = false;
          }
          follow(i);
          turn_text.push_back('\'');  // l’IA reads as l'IA
          i += static_cast<std::uint32_t>(a);
        } else if (ch == '\xC2' || ch == '\xCA' || ch == '\xE2') {
          if (space) {
            follow(space_at);
            turn_text.push_back(' ');
            space = false;
          }
          follow(i);
          turn_text.push_back(ch);
          ++i;
        } else {
          if (!space && !turn_text.empty()) space_at = i;
          space = !turn_text.empty();
          ++i;
        }
      }
    }
    auto raw_of = [&](std::size_t at) {
      auto it = std::upper_bound(jumps.begin(), jumps.end(),
                                 std::make_pair(static_cast<std::uint32_t>(at), UINT32_MAX));
      --it;
      return it->second + (static_cast<std::uint32_t>(at) - it->first);
    };
    present.clear();
    if (c.regex_set) {
      if (!c.regex_set->Match(turn_text, &present)) return;
      std::sort(present.begin(), present.end());
    } else {
      for (std::size_t k = 0; k < c.regexes.size(); ++k)
        present.push_back(static_cast<int>(k));
    }
    for (int k : present) {
      const RE2& re = *c.regexes[static_cast<std::size_t>(k)];
      std::size_t pos = 0;
      re2::StringPiece m;
      while (pos <= turn_text.size() &&
             re.Match(turn_text, pos, turn_text.size(), RE2::UNANCHORED, &m, 1)) {
        const auto start = static_cast<std::size_t>(m.data() - turn_text.data());
        if (start < turn_text.size())
          ev.regex_hits[static_cast<std::size_t>(k)].push_back(raw_of(start));
        pos = std::max(start + m.size(), start + 1);
      }
    }
  };

  // Document units gather the whole document's words first.
  const bool whole = cb_.unit == UnitKind::document;
  std::optional<std::uint32_t> first_turn;
  Span doc_span{0, 0};
  std::uint64_t doc_cps = 0;
  for (std::uint32_t ti = 0; ti < doc.turns.size(); ++ti) {
    const DocumentTurn& turn = doc.turns[ti];
    if (!keep(turn) || turn.content.empty()) continue;
    tokens.clear();
    tokenize_turn(doc.text, turn, {doc.language, opts_.hyphens}, tokens);
    words.clear();
    word_forms.clear();
    for (const Token& tk : tokens) {
      if (tk.kind != TokenKind::word && tk.kind != TokenKind::number) continue;
      words.push_back(tk);
      out.word_starts.push_back(tk.begin);
    }
    forms.index.for_each_value(
        words.size(), doc.text.data() + doc.text.size(),
        [&](std::size_t i) {
          return std::string_view(doc.text).substr(words[i].begin, words[i].end - words[i].begin);
        },
        [&](std::size_t, std::uint32_t& entry, bool fresh, std::string_view surface) {
          if (fresh) {
            // The normalized form, for stems and lemmas only: a codebook without them (most)
            // matches on c.norm() alone.
            const std::string norm =
                stemmer || c.any_lemma ? normalize_token(surface) : std::string();
            const std::string stem = stemmer ? std::string(stemmer->stem(norm)) : std::string();
            const std::string_view lemma = !c.any_lemma ? std::string_view()
                                           : lexicon    ? lexicon->lemma(norm)
                                                        : std::string_view(norm);
            Atoms atoms = c.match_form(c.norm(surface), stem, lemma, li);
            entry = kNone;
            if (!atoms.empty()) {
              forms.atoms.push_back(std::move(atoms));
              entry = static_cast<std::uint32_t>(forms.atoms.size());
            }
          }
          word_forms.push_back(entry == kNone ? &kNoAtoms : &forms.atoms[entry - 1]);
        });
    if (c.any_regex) find_regexes(turn);
    const Span extent{turn.content.front().begin, turn.content.back().end};
    out.turn_codepoints[ti] = content_cps(turn, extent);
    out.turn_words[ti] = static_cast<std::uint32_t>(words.size());
    out.codepoints += out.turn_codepoints[ti];
    if (whole) {
      if (!first_turn) {
        first_turn = ti;
        doc_span.begin = extent.begin;
      }
      doc_span.end = extent.end;
      doc_forms.insert(doc_forms.end(), word_forms.begin(), word_forms.end());
      doc_cps += out.turn_codepoints[ti];
      continue;
    }
    std::size_t w = 0;
    for (const Span& s : turn_units(doc.text, turn, cb_.unit, tokens)) {
      while (w < words.size() && words[w].begin < s.begin)
        ++w;
      std::size_t e = w;
      while (e < words.size() && words[e].begin < s.end)
        ++e;
      code_unit(ti, s, std::span<const Atoms* const>(word_forms.data() + w, e - w),
                static_cast<std::uint32_t>(e - w), content_cps(turn, s));
      w = e;
    }
  }
  if (whole && first_turn) {
    code_unit(*first_turn, doc_span, doc_forms, static_cast<std::uint32_t>(doc_forms.size()),
              doc_cps);
  }

  // Imported codings: a span of the text, attached to the turn holding its start.
  for (const ManualCoding& m : manual) {
    std::uint32_t turn = 0;
    bool found = false;
    for (std::uint32_t ti = 0; ti < doc.turns.size(); ++ti) {
      const DocumentTurn& t = doc.turns[ti];
      if (t.span.begin <= m.span.begin && m.span.begin < std::max(t.span.end, t.span.begin + 1)) {
        turn = ti;
        found = true;
        break;
      }
    }
    if (!found || !keep(doc.turns[turn])) continue;
    Reference r;
    r.code = m.code;
    r.turn = turn;
    r.span = m.span;
    r.line = line_of(m.span.begin);
    r.time = time_of(doc.turns[turn], m.span.begin);
    r.manual = true;
    r.certain = !cb_.codes[m.code].uncertain;
    std::uint64_t cps = 0;
    std::uint32_t nw = 0;
    for (std::uint32_t ti = turn; ti < doc.turns.size(); ++ti) {
      const DocumentTurn& t = doc.turns[ti];
      if (t.span.begin >= m.span.end) break;
      if (!keep(t)) continue;
      cps += content_cps(t, m.span);
      tokens.clear();
      tokenize_turn(doc.text, t, {doc.language, opts_.hyphens}, tokens);
      for (const Token& tk : tokens) {
        nw += (tk.kind == TokenKind::word || tk.kind == TokenKind::number) &&
              tk.begin >= m.span.begin && tk.end <= m.span.end;
      }
    }
    r.codepoints = static_cast<std::uint32_t>(cps);
    r.words = nw;
    // The code and its ancestors.
    std::optional<std::size_t> k = m.code;
    while (k) {
      r.code = static_cast<std::uint32_t>(*k);
      r.own = *k == m.code;
      out.references.push_back(r);
      k = cb_.codes[*k].parent;
    }
  }
  if (!manual.empty()) {
    std::stable_sort(out.references.begin(), out.references.end(),
                     [](const Reference& a, const Reference& b) {
                       if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
                       if (a.span.end != b.span.end) return a.span.end < b.span.end;
                       return a.code < b.code;
                     });
    // One reference per code and span.
    out.references.erase(std::unique(out.references.begin(), out.references.end(),
                                     [](const Reference& a, const Reference& b) {
                                       return a.code == b.code && a.span == b.span;
                                     }),
                         out.references.end());
  }
  return out;
}

}  // namespace verbatim
