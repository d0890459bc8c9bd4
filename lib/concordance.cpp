#include "verbatim/concordance.hpp"

#include <algorithm>
#include <cstring>
#include <deque>

#include "flat_counter.hpp"
#include "verbatim/normalize.hpp"
#include "verbatim/segment.hpp"
#include "verbatim/stemmer.hpp"

namespace verbatim {

std::string content_text(std::string_view text, const std::vector<Span>& content,
                         std::uint32_t from, std::uint32_t to) {
  std::string out;
  bool space = false;
  auto put = [&](char c) {
    const bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (ws) {
      space = !out.empty();
      return;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  };
  for (const Span& r : content) {
    const std::uint32_t b = std::max(r.begin, from), e = std::min(r.end, to);
    if (b >= e) continue;
    if (!out.empty()) space = true;
    for (std::uint32_t i = b; i < e; ++i) {
      // Typographic spaces (no-break, narrow no-break, thin) read as spaces in a concordance
      // line.
      if (const std::size_t n = typographic_space_at(text.substr(0, e), i)) {
        put(' ');
        i += static_cast<std::uint32_t>(n) - 1;
        continue;
      }
      put(text[i]);
    }
  }
  return out;
}

namespace {

struct Forms {
  std::string norm, stem, lemma;  // stem and lemma computed when a matcher first needs them
};

// Surface -> its forms, per thread and language: the index's value is 1 + the entry's place.
struct FormCache {
  detail::FormIndex index;
  std::deque<Forms> forms;
};

}  // namespace

namespace {

// The lines of a turn's content ranges (a token never crosses a line break), and which of them
// may hold a match: a turn's words are tokenized only in the stretches of lines around those.
class Lines {
 public:
  Lines(const Document& doc, const DocumentTurn& turn, const Matcher& matcher,
        const TokenizerOptions& topts)
      : doc_(doc), topts_(topts) {
    for (const Span& r : turn.content) {
      std::uint32_t b = r.begin;
      while (b < r.end) {
        const void* nl = std::memchr(doc.text.data() + b, '\n', r.end - b);
        const std::uint32_t e =
            nl ? static_cast<std::uint32_t>(static_cast<const char*>(nl) - doc.text.data()) : r.end;
        if (e > b) {
          if (matcher.may_occur(std::string_view(doc.text.data() + b, e - b)))
            hits_.push_back(lines_.size());
          lines_.push_back({b, e});
        }
        b = e + 1;
      }
    }
    words_.assign(lines_.size(), -1);
  }

  // Runs of consecutive lines [first, last] holding every line that may hold a match with
  // `before` words of lines before it and `after` words of lines after it (fewer at the
  // turn's ends), so that a match and its context lie in one run as in the whole turn.
  std::vector<std::pair<std::size_t, std::size_t>> stretches(std::size_t before,
                                                             std::size_t after) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t h : hits_) {
      std::size_t lo = h, hi = h;
      for (std::size_t got = 0; lo > 0 && got < before;)
        got += words_in(--lo);
      for (std::size_t got = 0; hi + 1 < lines_.size() && got < after;)
        got += words_in(++hi);
      if (!out.empty() && lo <= out.back().second + 1)
        out.back().second = std::max(out.back().second, hi);
      else
        out.emplace_back(lo, hi);
    }
    return out;
  }

  void tokenize(std::size_t line, std::vector<Token>& out) const {
    tokenize_content(doc_.text, lines_[line], topts_, out);
  }

 private:
  std::size_t words_in(std::size_t line) {
    if (words_[line] < 0) {
      scratch_.clear();
      tokenize(line, scratch_);
      words_[line] = std::count_if(scratch_.begin(), scratch_.end(), [](const Token& t) {
        return t.kind == TokenKind::word || t.kind == TokenKind::number;
      });
    }
    return static_cast<std::size_t>(words_[line]);
  }

  const Document& doc_;
  const TokenizerOptions topts_;
  std::vector<Span> lines_;
  std::vector<std::size_t> hits_;
  std::vector<std::ptrdiff_t> words_;  // by line, -1 until counted
  std::vector<Token> scratch_;
};

}  // namespace

std::vector<ConcordanceLine> concordance(const Document& doc, const Matcher& matcher,
                                         const ConcordanceOptions& opts, const TurnFilter& keep) {
  std::vector<ConcordanceLine> out;
  std::optional<Stemmer> stemmer;
  const Lexicon* lexicon = matcher.lexicons() ? matcher.lexicons()->of(doc.language) : nullptr;
  const bool by_lemma = matcher.lexicons() != nullptr;
  if (matcher.uses_stems() && !by_lemma) stemmer.emplace(doc.language);
  const TokenizerOptions topts{doc.language, opts.hyphens};
  thread_local FormCache cache[2];
  FormCache& forms = cache[doc.language == Language::fr ? 0 : 1];
  std::vector<Token> all, words;
  std::vector<MatchToken> mt;
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // [first, last) word of each
  std::vector<Match> matches;
  std::uint32_t line = 1, line_pos = 0;
  // The matches in the tokens `all` of a turn, or of a stretch of it holding every match's
  // context; `sentences`: the turn's, in sentence mode.
  auto search = [&](const DocumentTurn& turn, const std::vector<Span>& sentences) {
    auto surface = [&](std::size_t i) {
      return std::string_view(doc.text.data() + words[i].begin, words[i].end - words[i].begin);
    };
    // Each distinct surface is normalized (and stemmed) once per thread and language, and only
    // the words a match may start at, with the phrase-length run after each: a match lies
    // inside one such run, so each run is searched on its own.
    words.clear();
    runs.clear();
    for (const Token& t : all) {
      if (t.kind != TokenKind::word && t.kind != TokenKind::number) continue;
      const std::size_t i = words.size();
      words.push_back(t);
      if (!matcher.may_start(std::string_view(doc.text.data() + t.begin, t.end - t.begin)))
        continue;
      if (!runs.empty() && runs.back().second >= i)
        runs.back().second = i + matcher.longest();
      else
        runs.emplace_back(i, i + matcher.longest());
    }
    if (runs.empty()) return;
    runs.back().second = std::min(runs.back().second, words.size());
    matches.clear();
    for (const auto& run : runs) {
      const std::size_t b = run.first, e = run.second;
      mt.resize(e - b);
      forms.index.for_each_value(
          e - b, doc.text.data() + doc.text.size(), [&](std::size_t i) { return surface(b + i); },
          [&](std::size_t i, std::uint32_t& entry, bool fresh, std::string_view surface_copy) {
            if (fresh) {
              forms.forms.push_back({normalize_token(surface_copy), {}, {}});
              entry = static_cast<std::uint32_t>(forms.forms.size());
            }
            Forms& f = forms.forms[entry - 1];
            if (stemmer && f.stem.empty()) f.stem = std::string(stemmer->stem(f.norm));
            if (by_lemma && f.lemma.empty())
              f.lemma = lexicon ? std::string(lexicon->lemma(f.norm)) : f.norm;
            mt[i] = {f.norm, by_lemma  ? std::string_view(f.lemma)
                             : stemmer ? std::string_view(f.stem)
                                       : std::string_view()};
          });
      const std::size_t from = matches.size();
      matcher.find(mt, topts, matches);  // the queries tokenized as the text
      for (std::size_t k = from; k < matches.size(); ++k)
        matches[k].first += b, matches[k].last += b;
    }
    const std::uint32_t turn_begin = turn.content.empty() ? 0 : turn.content.front().begin;
    const std::uint32_t turn_end = turn.content.empty() ? 0 : turn.content.back().end;
    for (const Match& m : matches) {
      ConcordanceLine l;
      l.turn = &turn;
      l.query = m.query;
      l.start = words[m.first].begin;
      l.end = words[m.last].end;
      if (l.start < line_pos) line = 1, line_pos = 0;
      line += static_cast<std::uint32_t>(
          std::count(doc.text.begin() + line_pos, doc.text.begin() + l.start, '\n'));
      line_pos = l.start;
      l.line = line;
      l.time = turn.start_seconds;
      for (std::size_t r = 0; r < turn.content.size() && r < turn.content_start.size(); ++r) {
        if (turn.content[r].begin <= l.start && l.start < turn.content[r].end) {
          if (turn.content_start[r]) l.time = turn.content_start[r];
          break;
        }
      }
      std::uint32_t from = turn_begin, to = turn_end;
      if (opts.mode == ContextMode::words) {
        // In a stretch, a match has its context words inside it unless the turn ends first.
        from = words[m.first >= opts.words ? m.first - opts.words : 0].begin;
        to = words[std::min(words.size() - 1, m.last + opts.words)].end;
        if (m.first < opts.words) from = std::min(from, turn_begin);
        if (m.last + opts.words >= words.size()) to = std::max(to, turn_end);
      } else if (opts.mode == ContextMode::sentence) {
        for (const Span& s : sentences) {
          if (s.begin <= l.start && l.start < s.end) {
            from = s.begin;
            to = std::max(s.end, l.end);
            break;
          }
        }
      }
      l.left = content_text(doc.text, turn.content, from, l.start);
      l.match = content_text(doc.text, turn.content, l.start, l.end);
      l.right = content_text(doc.text, turn.content, l.end, to);
      out.push_back(std::move(l));
    }
  };
  for (const auto& turn : doc.turns) {
    if (!keep(turn)) continue;
    all.clear();
    if (opts.mode == ContextMode::sentence || !matcher.screens()) {
      // Sentences are cut on the whole turn's tokens.
      tokenize_turn(doc.text, turn, topts, all);
      std::vector<Span> sentences;
      if (opts.mode == ContextMode::sentence)
        sentences = split_sentences(doc.text, turn.content, all);
      search(turn, sentences);
      continue;
    }
    Lines lines(doc, turn, matcher, topts);
    for (const auto& [first, last] : lines.stretches(opts.words, opts.words + matcher.longest())) {
      all.clear();
      for (std::size_t k = first; k <= last; ++k)
        lines.tokenize(k, all);
      search(turn, {});
    }
  }
  return out;
}

}  // namespace verbatim
