#include "verbatim/concordance.hpp"

#include <algorithm>
#include <deque>

#include "flat_counter.hpp"
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
      // No-break spaces read as spaces in a concordance line.
      if (text[i] == '\xC2' && i + 1 < e && text[i + 1] == '\xA0') {
        put(' ');
        ++i;
        continue;
      }
      put(text[i]);
    }
  }
  return out;
}

namespace {

struct Forms {
  std::string norm, stem;
};

// Surface -> its forms, per thread and language: the index's value is 1 + the entry's place.
struct FormCache {
  detail::FormIndex index;
  std::deque<Forms> forms;
};

}  // namespace

std::vector<ConcordanceLine> concordance(const Document& doc, const Matcher& matcher,
                                         const ConcordanceOptions& opts, const TurnFilter& keep) {
  std::vector<ConcordanceLine> out;
  std::optional<Stemmer> stemmer;
  if (matcher.uses_stems()) stemmer.emplace(doc.language);
  std::vector<Token> all, words;
  std::vector<MatchToken> mt;
  std::vector<bool> needed;
  std::vector<Match> matches;
  std::uint32_t line = 1, line_pos = 0;
  for (const auto& turn : doc.turns) {
    if (!keep(turn)) continue;
    all.clear();
    tokenize_turn(doc.text, turn, {doc.language, opts.hyphens}, all);
    words.clear();
    for (const Token& t : all) {
      if (t.kind == TokenKind::word || t.kind == TokenKind::number) words.push_back(t);
    }
    // Each distinct surface is normalized (and stemmed) once per thread and language.
    thread_local FormCache cache[2];
    FormCache& forms = cache[doc.language == Language::fr ? 0 : 1];
    // Only tokens a match may start at, and the phrase-length run after each, are normalized;
    // the others keep an empty form, which no query term matches.
    auto surface = [&](std::size_t i) {
      return std::string_view(doc.text).substr(words[i].begin, words[i].end - words[i].begin);
    };
    needed.assign(words.size(), false);
    for (std::size_t i = 0, until = 0; i < words.size(); ++i) {
      if (matcher.may_start(surface(i))) until = i + matcher.longest();
      needed[i] = i < until;
    }
    mt.assign(words.size(), MatchToken{});
    forms.index.for_each_value(
        words.size(), doc.text.data() + doc.text.size(),
        [&](std::size_t i) { return needed[i] ? surface(i) : std::string_view(); },
        [&](std::size_t i, std::uint32_t& entry, bool fresh, std::string_view surface_copy) {
          if (fresh) {
            forms.forms.push_back({normalize_token(surface_copy), {}});
            entry = static_cast<std::uint32_t>(forms.forms.size());
          }
          Forms& f = forms.forms[entry - 1];
          if (stemmer && f.stem.empty()) f.stem = std::string(stemmer->stem(f.norm));
          mt[i] = {f.norm, stemmer ? std::string_view(f.stem) : std::string_view()};
        });
    matches.clear();
    matcher.find(mt, doc.language, matches);
    if (matches.empty()) continue;
    std::vector<Span> sentences;
    if (opts.mode == ContextMode::sentence)
      sentences = split_sentences(doc.text, turn.content, all);
    const std::uint32_t turn_begin = turn.content.empty() ? 0 : turn.content.front().begin;
    const std::uint32_t turn_end = turn.content.empty() ? 0 : turn.content.back().end;
    for (const Match& m : matches) {
      ConcordanceLine l;
      l.turn = &turn;
      l.query = m.query;
      l.start = words[m.first].begin;
      l.end = words[m.last].end;
      if (l.start < line_pos) line = 1, line_pos = 0;
      for (; line_pos < l.start; ++line_pos)
        line += doc.text[line_pos] == '\n';
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
  }
  return out;
}

}  // namespace verbatim
