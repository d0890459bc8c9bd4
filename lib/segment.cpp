#include "verbatim/segment.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>

namespace verbatim {

std::string_view unit_kind_name(UnitKind k) {
  switch (k) {
    case UnitKind::document:
      return "document";
    case UnitKind::turn:
      return "turn";
    case UnitKind::paragraph:
      return "paragraph";
    case UnitKind::sentence:
      return "sentence";
  }
  return "sentence";
}

std::optional<UnitKind> parse_unit_kind(std::string_view s) {
  if (s == "document") return UnitKind::document;
  if (s == "turn") return UnitKind::turn;
  if (s == "paragraph") return UnitKind::paragraph;
  if (s == "sentence") return UnitKind::sentence;
  return std::nullopt;
}

namespace {

struct Gap {
  bool hard = false;      // . ! ? : always a boundary
  bool ellipsis = false;  // … or ... : a boundary before a capital
  bool blank_line = false;
  std::uint32_t end = 0;  // the sentence ends here (after punctuation and closing quotes)
};

bool is_closing(std::string_view text, std::size_t i, std::size_t* len) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c == '"' || c == '\'' || c == ')' || c == ']') {
    *len = 1;
    return true;
  }
  // » U+00BB, ” U+201D, ’ U+2019
  for (std::string_view q : {"\xC2\xBB", "\xE2\x80\x9D", "\xE2\x80\x99"}) {
    if (text.substr(i, q.size()) == q) {
      *len = q.size();
      return true;
    }
  }
  return false;
}

// Scans the gap text[from, to) that follows a token.
void scan_gap(std::string_view text, std::uint32_t from, std::uint32_t to, Gap& g) {
  // Most gaps between two words are one space, or nothing before a punctuation token.
  if (to <= from || (to - from == 1 && text[from] == ' ')) return;
  std::uint32_t i = from;
  bool after_terminal = false;
  std::size_t newlines = 0;
  while (i < to) {
    const char c = text[i];
    if (c == ' ') {
      ++i;  // changes nothing: neither ends a run of newlines nor follows a terminal
      continue;
    }
    if (c == '.' || c == '!' || c == '?') {
      const bool dots = c == '.' && i + 2 < to && text[i + 1] == '.' && text[i + 2] == '.';
      if (dots) {
        g.ellipsis = true;
        while (i < to && text[i] == '.')
          ++i;
      } else {
        g.hard = true;
        ++i;
      }
      g.end = i;
      after_terminal = true;
      continue;
    }
    if (c == '\xE2' && text.substr(i, 3) == "\xE2\x80\xA6") {  // …
      g.ellipsis = true;
      i += 3;
      g.end = i;
      after_terminal = true;
      continue;
    }
    std::size_t len = 0;
    if (after_terminal && is_closing(text, i, &len)) {
      i += static_cast<std::uint32_t>(len);
      g.end = i;
      continue;
    }
    if (c == '\n') {
      if (++newlines >= 2) g.blank_line = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      newlines = 0;
      after_terminal = false;  // closing quotes only count right after the punctuation
    }
    ++i;
  }
}

bool starts_with_capital(std::string_view text, std::uint32_t at) {
  UChar32 c;
  int32_t i = static_cast<int32_t>(at);
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

}  // namespace

std::vector<Span> split_sentences(std::string_view text, const std::vector<Span>& content,
                                  const std::vector<Token>& tokens) {
  std::vector<Span> out;
  if (tokens.empty()) return out;
  std::size_t range = 0;
  auto range_of = [&](std::uint32_t pos) {
    while (range + 1 < content.size() && content[range].end <= pos)
      ++range;
    return range;
  };
  std::uint32_t start = tokens[0].begin;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token& tok = tokens[t];
    const std::size_t r = range_of(tok.begin);
    const bool last = t + 1 == tokens.size();
    Gap g;
    g.end = tok.end;
    if (last) {
      scan_gap(text, tok.end, content.empty() ? tok.end : content.back().end, g);
      out.push_back({start, std::max(g.end, tok.end)});
      break;
    }
    const Token& next = tokens[t + 1];
    const std::size_t nr = range_of(next.begin);
    range = r;
    if (nr == r) {
      scan_gap(text, tok.end, next.begin, g);
    } else {
      // The gap crosses content ranges (e.g. VTT cues): look at the spoken parts only.
      scan_gap(text, tok.end, content[r].end, g);
      Gap tail;
      scan_gap(text, content[nr].begin, next.begin, tail);
      g.hard = g.hard || tail.hard;
      g.ellipsis = g.ellipsis || tail.ellipsis;
      if (tail.hard || tail.ellipsis) g.end = tail.end;
    }
    range = nr;
    const bool boundary =
        g.hard || g.blank_line || (g.ellipsis && starts_with_capital(text, next.begin));
    if (boundary) {
      out.push_back({start, g.end});
      start = next.begin;
    }
  }
  return out;
}

std::vector<Span> split_paragraphs(std::string_view text, const std::vector<Span>& content) {
  std::vector<Span> out;
  bool open = false;
  Span cur;
  auto close = [&] {
    if (open) out.push_back(cur);
    open = false;
  };
  for (const Span& r : content) {
    std::uint32_t i = r.begin;
    while (i < r.end) {
      std::uint32_t eol = i;
      while (eol < r.end && text[eol] != '\n')
        ++eol;
      bool blank = true;
      std::uint32_t first = i, last = eol;
      while (first < eol && (text[first] == ' ' || text[first] == '\t'))
        ++first;
      while (last > first && (text[last - 1] == ' ' || text[last - 1] == '\t'))
        --last;
      blank = first == last;
      if (blank) {
        close();
      } else if (!open) {
        cur = {first, last};
        open = true;
      } else {
        cur.end = last;
      }
      i = eol + 1;
    }
  }
  close();
  return out;
}

namespace {

// Words that, alone in parentheses, are a transcriber's note rather than speech.
bool is_note_word(std::string_view w) {
  static constexpr std::string_view kNotes[] = {"rire",      "rires",
                                                "rit",       "sourire",
                                                "soupir",    "soupire",
                                                "silence",   "pause",
                                                "inaudible", "hésitation",
                                                "hésite",    "toux",
                                                "tousse",    "incompréhensible",
                                                "laughs",    "laughter",
                                                "laughing",  "sighs",
                                                "sigh",      "crosstalk",
                                                "coughs",    "unintelligible",
                                                "inaudible"};
  std::string lower(w);
  for (char& c : lower)
    c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (auto n : kNotes) {
    if (lower == n) return true;
  }
  return false;
}

// Spans of transcriber's notes in `r`: anything in square brackets ("[rire]", "[inaudible
// 00:12]", "[laughs]") on one line and at most 80 bytes, and a note word alone in
// parentheses ("(rires)", "(silence)").
std::vector<Span> note_spans(std::string_view text, Span r) {
  std::vector<Span> out;
  // The next '[' and '(' at or after i, found with memchr (r.end when none).
  auto next = [&](std::uint32_t i, char c) {
    const void* at = i < r.end ? std::memchr(text.data() + i, c, r.end - i) : nullptr;
    return at ? static_cast<std::uint32_t>(static_cast<const char*>(at) - text.data()) : r.end;
  };
  std::uint32_t bracket = next(r.begin, '['), paren = next(r.begin, '(');
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    if (bracket < i) bracket = next(i, '[');
    if (paren < i) paren = next(i, '(');
    i = std::min(bracket, paren);
    if (i >= r.end) break;
    const char open = text[i];
    const char close = open == '[' ? ']' : ')';
    std::uint32_t j = i + 1;
    while (j < r.end && j - i <= 80 && text[j] != close && text[j] != '\n' && text[j] != open)
      ++j;
    if (j >= r.end || text[j] != close) continue;
    if (open == '(' && !is_note_word(text.substr(i + 1, j - i - 1))) continue;
    out.push_back({i, j + 1});
    i = j;
  }
  return out;
}

}  // namespace

void tokenize_content(std::string_view text, Span r, const TokenizerOptions& opts,
                      std::vector<Token>& out) {
  const std::size_t first = out.size();
  tokenize(text, r, opts, out);
  // Transcriber's notes are not speech: their tokens are dropped.
  // Two memchr scans: find_first_of looks up every byte in the set, ten times slower.
  const char* from = text.data() + r.begin;
  const std::size_t n = r.end - r.begin;
  if (!std::memchr(from, '[', n) && !std::memchr(from, '(', n)) return;
  const std::vector<Span> notes = note_spans(text, r);
  if (notes.empty()) return;
  std::size_t k = 0;
  auto keep = out.begin() + static_cast<std::ptrdiff_t>(first);
  for (auto it = keep; it != out.end(); ++it) {
    while (k < notes.size() && notes[k].end <= it->begin)
      ++k;
    if (k < notes.size() && notes[k].begin <= it->begin) continue;
    *keep++ = *it;
  }
  out.erase(keep, out.end());
}

void tokenize_turn(std::string_view text, const Turn& turn, const TokenizerOptions& opts,
                   std::vector<Token>& out) {
  for (const Span& r : turn.content)
    tokenize_content(text, r, opts, out);
}

std::vector<Span> turn_units(std::string_view text, const Turn& turn, UnitKind kind,
                             const std::vector<Token>& tokens) {
  switch (kind) {
    case UnitKind::sentence:
      return split_sentences(text, turn.content, tokens);
    case UnitKind::paragraph:
      return split_paragraphs(text, turn.content);
    case UnitKind::turn:
    case UnitKind::document:
      if (turn.content.empty()) return {};
      return {Span{turn.content.front().begin, turn.content.back().end}};
  }
  return {};
}

}  // namespace verbatim
