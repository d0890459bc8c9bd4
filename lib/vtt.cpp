// WebVTT (Teams, Zoom, the W3C examples) and SRT: cues, voices, merging into turns.
#include <algorithm>

#include <fmt/format.h>

#include "transcript_detail.hpp"

namespace verbatim::detail {

namespace {

struct Cue {
  std::string speaker;
  std::optional<double> start, end;
  std::vector<Span> content;
  Span span;
  std::uint32_t line = 0;
  double sort_key = 0;
};

struct Line {
  std::uint32_t begin, end, number;
  std::string_view text;
};

// Warnings about cue blocks, located at the start of a line (known without rescanning the text,
// which made files with many broken blocks quadratic). After kShown of one kind, the rest are
// counted into one closing warning.
class CueWarnings {
 public:
  enum Kind { timing, no_timing, unclosed, kKinds };
  static constexpr std::size_t kShown = 20;

  CueWarnings(Diagnostics& w, std::string_view name) : w_(w), name_(name) {}
  void add(Kind k, const Line& at, std::string msg) {
    if (++count_[k] > kShown) return;
    w_.push_back(
        {Severity::warning, Location{std::string(name_), at.number, 1, at.begin}, std::move(msg)});
  }
  void finish() {
    static const char* const kWhat[kKinds] = {"cue timings that cannot be read",
                                              "blocks without a timing line",
                                              "cues with an unclosed '<'"};
    for (int k = 0; k < kKinds; ++k) {
      if (count_[k] <= kShown) continue;
      w_.push_back(file_diagnostic(Severity::warning, std::string(name_),
                                   fmt::format("{} more {} (only the first {} are shown)",
                                               count_[k] - kShown, kWhat[k], kShown)));
    }
  }

 private:
  Diagnostics& w_;
  std::string_view name_;
  std::size_t count_[kKinds] = {};
};

// Content ranges of a payload [begin, end): the text between tags (`<v Name>`, `</v>`, `<i>`,
// `<c.x>`, `<00:01.000>`) and entities (`&amp;`), which the text cannot show rewritten.
// Returns the voice of the first `<v ...>` tag, if any.
std::string payload_ranges(std::string_view text, std::uint32_t begin, std::uint32_t end,
                           std::vector<Span>& out, bool* unclosed) {
  std::string voice;
  bool seen_voice = false;
  std::uint32_t seg = begin, i = begin;
  auto flush = [&](std::uint32_t to) {
    Span s = trim(text, {seg, to});
    if (!s.empty()) out.push_back(s);
  };
  while (i < end) {
    const char c = text[i];
    if (c == '<') {
      std::uint32_t j = i + 1;
      while (j < end && text[j] != '>' && text[j] != '\n')
        ++j;
      if (j >= end || text[j] != '>') {
        *unclosed = true;  // keep the text: a lone '<' is spoken text, not markup
        ++i;
        continue;
      }
      flush(i);
      std::string_view tag = text.substr(i + 1, j - i - 1);
      if (!seen_voice && tag.size() > 1 && tag[0] == 'v' && (tag[1] == ' ' || tag[1] == '.')) {
        const auto sp = tag.find(' ');
        if (sp != std::string_view::npos) {
          Span name = trim(text, {static_cast<std::uint32_t>(i + 1 + sp + 1), j});
          voice = std::string(text.substr(name.begin, name.size()));
          seen_voice = true;
        }
      }
      i = seg = j + 1;
      continue;
    }
    if (c == '&') {
      std::uint32_t j = i + 1;
      while (j < end && j - i <= 8 &&
             (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '#'))
        ++j;
      if (j < end && text[j] == ';' && j > i + 1) {
        flush(i);
        i = seg = j + 1;
        continue;
      }
    }
    ++i;
  }
  flush(end);
  return voice;
}

bool parse_timing(std::string_view line, std::optional<double>& start, std::optional<double>& end) {
  const auto arrow = line.find("-->");
  if (arrow == std::string_view::npos) return false;
  auto token = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
      s.remove_prefix(1);
    const auto e = s.find_first_of(" \t");
    return e == std::string_view::npos ? s : s.substr(0, e);
  };
  std::string_view left = line.substr(0, arrow);
  while (!left.empty() && (left.back() == ' ' || left.back() == '\t'))
    left.remove_suffix(1);
  start = parse_timestamp(token(left));
  end = parse_timestamp(token(line.substr(arrow + 3)));
  return true;
}

}  // namespace

Transcript parse_cues(std::string_view text, std::string_view name, Diagnostics& warnings,
                      CueSyntax syntax) {
  const auto n = static_cast<std::uint32_t>(text.size());
  // Split into lines, then blocks of non-blank lines.
  std::vector<std::vector<Line>> blocks;
  {
    std::vector<Line> cur;
    std::uint32_t pos = 0, number = 1;
    while (pos < n) {
      std::uint32_t eol = pos;
      while (eol < n && text[eol] != '\n')
        ++eol;
      std::string_view l = text.substr(pos, eol - pos);
      if (is_blank(l)) {
        if (!cur.empty()) blocks.push_back(std::move(cur));
        cur.clear();
      } else {
        cur.push_back({pos, eol, number, l});
      }
      pos = eol + 1;
      ++number;
    }
    if (!cur.empty()) blocks.push_back(std::move(cur));
  }
  std::vector<Cue> cues;
  std::size_t b = 0;
  if (syntax == CueSyntax::vtt) {
    if (!blocks.empty() && blocks[0][0].text.starts_with("WEBVTT")) {
      // The header block may hold metadata lines; a timing line in it starts the first cue.
      auto& h = blocks[0];
      std::size_t k = 1;
      while (k < h.size() && h[k].text.find("-->") == std::string_view::npos)
        ++k;
      if (k < h.size()) {
        h.erase(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(k));
      } else {
        b = 1;
      }
    } else {
      warnings.push_back({Severity::warning, Location{std::string(name), 1, 1, 0},
                          "no WEBVTT header; read as WebVTT from its extension"});
    }
  }
  CueWarnings warn(warnings, name);
  double last_time = 0;
  for (; b < blocks.size(); ++b) {
    const auto& lines = blocks[b];
    const std::string_view first = lines[0].text;
    if (syntax == CueSyntax::vtt &&
        (first == "NOTE" || first.starts_with("NOTE ") || first.starts_with("NOTE\t") ||
         first == "STYLE" || first == "REGION")) {
      continue;
    }
    std::size_t timing = lines.size();
    for (std::size_t k = 0; k < lines.size() && k < 2; ++k) {
      if (lines[k].text.find("-->") != std::string_view::npos) {
        timing = k;
        break;
      }
    }
    Cue cue;
    cue.line = lines[0].number;
    cue.span = {lines[0].begin, lines.back().end};
    std::size_t payload = 0;
    if (timing < lines.size()) {
      parse_timing(lines[timing].text, cue.start, cue.end);
      if (!cue.start || !cue.end) {
        warn.add(CueWarnings::timing, lines[timing],
                 fmt::format("cannot read the cue timing '{}'; its text is kept without time",
                             lines[timing].text));
        cue.start.reset();
        cue.end.reset();
      }
      payload = timing + 1;
    } else {
      warn.add(CueWarnings::no_timing, lines[0],
               "block without a timing line; its text is kept with the cue before");
    }
    cue.sort_key = cue.start.value_or(last_time);
    last_time = cue.sort_key;
    if (payload >= lines.size()) continue;  // a cue without text
    const std::uint32_t pbegin = lines[payload].begin, pend = lines.back().end;
    bool unclosed = false;
    std::string voice = payload_ranges(text, pbegin, pend, cue.content, &unclosed);
    if (unclosed) {
      warn.add(CueWarnings::unclosed, lines[payload], "unclosed '<' in the cue text; kept as text");
    }
    if (!voice.empty()) {
      cue.speaker = std::move(voice);
    } else if (!cue.content.empty()) {
      // Zoom writes "Name: text"; SRT files often "[Name] text" or "Name: text".
      Span& c0 = cue.content.front();
      std::string_view s = text.substr(c0.begin, c0.size());
      std::size_t colon = s.find(':');
      if (syntax == CueSyntax::srt && s.starts_with("[") && s.find(']') != std::string_view::npos &&
          s.find(']') < 41) {
        const std::size_t close = s.find(']');
        std::string_view who = s.substr(1, close - 1);
        if (is_speaker_name(who)) {
          cue.speaker = std::string(who);
          c0 = trim(text, {static_cast<std::uint32_t>(c0.begin + close + 1), c0.end});
        }
      } else if (colon != std::string_view::npos && colon > 0 && colon <= 48 &&
                 (colon + 1 == s.size() || s[colon + 1] == ' ') &&
                 is_speaker_name(text.substr(c0.begin, colon))) {
        cue.speaker = std::string(s.substr(0, colon));
        c0 = trim(text, {static_cast<std::uint32_t>(c0.begin + colon + 1), c0.end});
      }
      if (c0.empty()) cue.content.erase(cue.content.begin());
    }
    cues.push_back(std::move(cue));
  }
  warn.finish();
  std::stable_sort(cues.begin(), cues.end(),
                   [](const Cue& a, const Cue& c) { return a.sort_key < c.sort_key; });
  Transcript t;
  for (Cue& cue : cues) {
    if (!t.turns.empty() && t.turns.back().speaker == cue.speaker) {
      Turn& turn = t.turns.back();
      if (cue.end) turn.end_seconds = cue.end;
      turn.span.end = std::max(turn.span.end, cue.span.end);
      turn.span.begin = std::min(turn.span.begin, cue.span.begin);
      for (Span s : cue.content) {
        turn.content.push_back(s);
        turn.content_start.push_back(cue.start);
      }
      continue;
    }
    Turn turn;
    turn.speaker = std::move(cue.speaker);
    turn.start_seconds = cue.start;
    turn.end_seconds = cue.end;
    turn.span = cue.span;
    turn.content_start.assign(cue.content.size(), cue.start);
    turn.content = std::move(cue.content);
    turn.line = cue.line;
    t.turns.push_back(std::move(turn));
  }
  return t;
}

}  // namespace verbatim::detail
