// Plain-text and Markdown transcripts, SRT subtitles, and the shared helpers of the readers.
#include "verbatim/transcript.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include <fmt/format.h>

#include "transcript_detail.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

std::string_view format_name(Format f) {
  switch (f) {
    case Format::text:
      return "txt";
    case Format::markdown:
      return "md";
    case Format::vtt:
      return "vtt";
    case Format::srt:
      return "srt";
    case Format::docx:
      return "docx";
  }
  return "txt";
}

Format format_from_path(std::string_view path) {
  const auto dot = path.rfind('.');
  const auto slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return Format::text;
  }
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "md" || ext == "markdown") return Format::markdown;
  if (ext == "vtt") return Format::vtt;
  if (ext == "srt") return Format::srt;
  if (ext == "docx") return Format::docx;
  return Format::text;
}

std::optional<double> parse_timestamp(std::string_view s) {
  if (s.size() >= 2 &&
      ((s.front() == '[' && s.back() == ']') || (s.front() == '(' && s.back() == ')'))) {
    s = s.substr(1, s.size() - 2);
  }
  // Up to three fields separated by ':', the last with an optional .fraction or ,fraction.
  double fields[3] = {0, 0, 0};
  int n = 0;
  std::size_t i = 0;
  double fraction = 0;
  while (true) {
    std::size_t start = i;
    double v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 3)
      v = v * 10 + (s[i++] - '0');
    if (i == start || n == 3) return std::nullopt;
    fields[n++] = v;
    if (i < s.size() && s[i] == ':') {
      ++i;
      continue;
    }
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      std::size_t fs = i;
      double scale = 0.1;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        fraction += (s[i++] - '0') * scale;
        scale /= 10;
      }
      if (i == fs) return std::nullopt;
    }
    break;
  }
  if (i != s.size() || n < 2) return std::nullopt;
  // Minutes and seconds below 60; hours take any value.
  for (int k = 1; k < n; ++k) {
    if (fields[k] >= 60) return std::nullopt;
  }
  if (n == 3) return fields[0] * 3600 + fields[1] * 60 + fields[2] + fraction;
  return fields[0] * 60 + fields[1] + fraction;
}

namespace detail {

bool is_blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

std::size_t space_len(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == ' ' || s[i] == '\t') return 1;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;  // NBSP
  if (s.substr(i, 3) == "\xE2\x80\xAF" || s.substr(i, 3) == "\xE2\x80\x89")
    return 3;  // NNBSP, thin
  return 0;
}

Span trim(std::string_view text, Span s) {
  while (s.begin < s.end) {
    std::size_t n = space_len(text, s.begin);
    if (n == 0 && text[s.begin] == '\n') n = 1;
    if (n == 0 || s.begin + n > s.end) break;
    s.begin += static_cast<std::uint32_t>(n);
  }
  while (s.end > s.begin) {
    const char c = text[s.end - 1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      --s.end;
    } else if (s.end - s.begin >= 2 && text.substr(s.end - 2, 2) == "\xC2\xA0") {
      s.end -= 2;
    } else if (s.end - s.begin >= 3 && (text.substr(s.end - 3, 3) == "\xE2\x80\xAF" ||
                                        text.substr(s.end - 3, 3) == "\xE2\x80\x89")) {
      s.end -= 3;
    } else {
      break;
    }
  }
  return s;
}

std::uint32_t count_lines(std::string_view text, std::uint32_t from, std::uint32_t to,
                          std::uint32_t line) {
  for (std::uint32_t i = from; i < to; ++i)
    line += text[i] == '\n';
  return line;
}

// A speaker name: 1 to 5 words, at most 40 bytes, each word starting with a capital or a digit
// (name particles such as "de", "van", "el" excepted); letters, digits, marks and . - ' ’ _
// inside. Rejects sentence openings like "exemple" or headings like "Cold as ice".
bool is_speaker_name(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  static constexpr std::string_view kParticles[] = {
      "de",  "du",  "des", "d'", "la", "le", "van", "von", "der", "den",   "ter", "el", "al",
      "bin", "ben", "ibn", "da", "di", "do", "dos", "das", "del", "della", "y",   "e"};
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  int words = 0;
  while (i < n) {
    // One word.
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
    const bool capital = u_isupper(c) || u_istitle(c) || u_isdigit(c);
    while (i < n) {
      const int32_t at = i;
      U8_NEXT(s.data(), i, n, c);
      if (c == ' ' || c == 0xA0) {
        i = at;
        break;
      }
      if (c < 0 || !(u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || c == '.' || c == '-' ||
                     c == '\'' || c == 0x2019 || c == '_')) {
        return false;
      }
    }
    const std::string_view word =
        s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    const bool particle = words > 0 && std::find(std::begin(kParticles), std::end(kParticles),
                                                 word) != std::end(kParticles);
    if (!capital && !particle) return false;
    // A period ends a title ("Dr. Ana", "M. Diallo"), never a name: "Sarvis. Image" is the end
    // of a sentence, "Ed." an abbreviation.
    if (word.ends_with(".") && (i >= n || word.size() > 4)) return false;
    if (++words > 5) return false;
    if (i < n) {
      // Exactly one space between words, and no trailing space.
      const int32_t at = i;
      U8_NEXT(s.data(), i, n, c);
      (void)at;
      if (i >= n) return false;
      const int32_t next = i;
      U8_NEXT(s.data(), i, n, c);
      if (c == ' ' || c == 0xA0) return false;
      i = next;
    }
  }
  return words > 0;
}

}  // namespace detail

namespace {

using detail::is_blank;
using detail::space_len;

struct Label {
  std::string speaker;
  std::optional<double> time;
  std::size_t content_begin = 0;  // offset in the line where the said text starts
};

// `**Name**:` `**Name :**` `**Name:**`
std::optional<Label> bold_label(std::string_view line) {
  if (!line.starts_with("**")) return std::nullopt;
  const auto close = line.find("**", 2);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view inner = line.substr(2, close - 2);
  std::size_t after = close + 2;
  bool colon = false;
  // Colon inside the bold markers.
  while (!inner.empty() && (inner.back() == ' ' || inner.back() == ':')) {
    colon = colon || inner.back() == ':';
    inner.remove_suffix(1);
  }
  if (inner.ends_with("\xC2\xA0")) inner.remove_suffix(2);
  if (!colon) {
    std::size_t j = after;
    while (std::size_t k = space_len(line, j))
      j += k;
    if (j < line.size() && line[j] == ':') {
      colon = true;
      after = j + 1;
    }
  }
  if (!colon || !detail::is_speaker_name(inner)) return std::nullopt;
  return Label{std::string(inner), std::nullopt, after};
}

// `Name:` `Name :` (space, NBSP or NNBSP before the colon), then a space or the end of line.
std::optional<Label> colon_label(std::string_view line) {
  // A label's colon is within its first 49 bytes: a paragraph is not searched to its end.
  const auto colon = line.substr(0, 49).find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 48) return std::nullopt;
  if (colon + 1 < line.size() && line[colon + 1] != ' ' && line[colon + 1] != '\t' &&
      !line.substr(colon + 1).starts_with("\xC2\xA0") &&
      !line.substr(colon + 1).starts_with("\xE2\x80\xAF")) {
    return std::nullopt;  // "10:30", "http://"
  }
  std::string_view name = line.substr(0, colon);
  for (;;) {
    if (name.ends_with(" ") || name.ends_with("\t")) {
      name.remove_suffix(1);
    } else if (name.ends_with("\xC2\xA0")) {
      name.remove_suffix(2);
    } else if (name.ends_with("\xE2\x80\xAF")) {
      name.remove_suffix(3);
    } else {
      break;
    }
  }
  if (!detail::is_speaker_name(name)) return std::nullopt;
  return Label{std::string(name), std::nullopt, colon + 1};
}

// `[00:01:02] Name:` or `(00:01:02) Name:` or `00:01:02 Name:`; `[id1] text` (QualCoder).
std::optional<Label> bracket_label(std::string_view line) {
  const char open = line.empty() ? 0 : line[0];
  if (open == '[' || open == '(') {
    const auto close = line.substr(0, 49).find(open == '[' ? ']' : ')');
    if (close == std::string_view::npos || close > 48) return std::nullopt;
    std::string_view inner = line.substr(1, close - 1);
    std::size_t rest = close + 1;
    while (std::size_t k = space_len(line, rest))
      rest += k;
    if (auto t = parse_timestamp(inner)) {
      if (auto l = colon_label(line.substr(rest))) {
        l->time = t;
        l->content_begin += rest;
        return l;
      }
      return std::nullopt;
    }
    if (open == '[' && !inner.empty() && inner.size() <= 30 &&
        inner.find(' ') == std::string_view::npos) {
      bool ok = true;
      for (char c : inner)
        ok =
            ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.');
      if (ok) return Label{std::string(inner), std::nullopt, close + 1};
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// Otter: `Name  0:03` or `Speaker 1  1:02:03` alone on a line.
std::optional<Label> otter_header(std::string_view line) {
  std::string_view s = line;
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  // The time ends the line (a digit, or its closing bracket): most lines are ruled out by
  // their last byte.
  if (s.empty() || !((s.back() >= '0' && s.back() <= '9') || s.back() == ']' || s.back() == ')'))
    return std::nullopt;
  const auto sp = s.find_last_of(" \t");
  if (sp == std::string_view::npos || sp < 2) return std::nullopt;
  auto t = parse_timestamp(s.substr(sp + 1));
  if (!t) return std::nullopt;
  std::size_t name_end = sp;
  std::size_t gap = 0;
  while (name_end > 0 && (s[name_end - 1] == ' ' || s[name_end - 1] == '\t'))
    --name_end, ++gap;
  ++gap;
  if (gap < 2 && s[sp] != '\t') return std::nullopt;
  std::string_view name = s.substr(0, name_end);
  if (!detail::is_speaker_name(name)) return std::nullopt;
  return Label{std::string(name), t, line.size()};
}

std::optional<Label> find_label(std::string_view line) {
  if (auto l = otter_header(line)) return l;
  if (auto l = bracket_label(line)) return l;
  if (auto l = bold_label(line)) return l;
  return colon_label(line);
}

// A line that opens with a label by the strict rules.
struct LabelLine {
  std::uint32_t begin;
  Label label;
};

// The lines that open with a label by the strict rules, in text order.
std::vector<LabelLine> strict_labels(std::string_view text) {
  std::vector<LabelLine> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    if (auto l = find_label(text.substr(pos, eol - pos)))
      out.push_back({static_cast<std::uint32_t>(pos), std::move(*l)});
    pos = eol + 1;
  }
  return out;
}

// Labels found by the strict rules, case-folded: a lowercase spelling of one of them
// ("marie :" beside "Marie :") is a label too, so that lint can report the inconsistency.
std::vector<std::string> known_labels(const std::vector<LabelLine>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) {
    std::string f = normalize_token(l.label.speaker);
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(std::move(f));
  }
  return out;
}

std::optional<Label> relaxed_label(std::string_view line, const std::vector<std::string>& known) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 48) return std::nullopt;
  if (colon + 1 < line.size() && line[colon + 1] != ' ' && line[colon + 1] != '\t' &&
      !line.substr(colon + 1).starts_with("\xC2\xA0")) {
    return std::nullopt;
  }
  Span name = detail::trim(line, {0, static_cast<std::uint32_t>(colon)});
  const std::string_view label = line.substr(name.begin, name.size());
  if (label.empty() || name.begin != 0) return std::nullopt;
  if (std::find(known.begin(), known.end(), normalize_token(label)) == known.end()) {
    return std::nullopt;
  }
  return Label{std::string(label), std::nullopt, colon + 1};
}

}  // namespace

Transcript parse_plain_text(std::string_view text) {
  std::vector<LabelLine> strict = strict_labels(text);
  const std::vector<std::string> known = known_labels(strict);
  std::size_t next_strict = 0;
  Transcript t;
  const auto n = static_cast<std::uint32_t>(text.size());
  std::uint32_t pos = 0, line_no = 1;
  std::optional<Turn> cur;
  auto close = [&](std::uint32_t end) {
    if (!cur) return;
    Span content = detail::trim(text, {cur->content.empty() ? end : cur->content[0].begin, end});
    cur->content.clear();
    if (!content.empty()) cur->content.push_back(content);
    cur->span.end = std::max(cur->span.begin, content.empty() ? cur->span.end : content.end);
    if (!cur->speaker.empty() || !cur->content.empty()) t.turns.push_back(std::move(*cur));
    cur.reset();
  };
  while (pos < n) {
    // A text without labels (none by the strict rules, so none known to the relaxed ones) is
    // one turn from its first line that is not blank: the lines after it need no reading.
    if (cur && known.empty()) break;
    const void* nl = std::memchr(text.data() + pos, '\n', n - pos);
    const std::uint32_t eol =
        nl ? static_cast<std::uint32_t>(static_cast<const char*>(nl) - text.data()) : n;
    std::string_view line = text.substr(pos, eol - pos);
    if (!is_blank(line)) {
      std::optional<Label> label;
      while (next_strict < strict.size() && strict[next_strict].begin < pos)
        ++next_strict;
      if (next_strict < strict.size() && strict[next_strict].begin == pos) {
        label = std::move(strict[next_strict++].label);
      } else if (!known.empty()) {
        label = relaxed_label(line, known);
      }
      if (label) {
        close(pos);
        cur.emplace();
        cur->speaker = std::move(label->speaker);
        cur->start_seconds = label->time;
        cur->line = line_no;
        cur->span = {pos, eol};
        cur->content.push_back({pos + static_cast<std::uint32_t>(label->content_begin), 0});
      } else if (!cur) {
        // Text before the first label (a title, an introduction): a turn without speaker.
        cur.emplace();
        cur->line = line_no;
        cur->span = {pos, eol};
        cur->content.push_back({pos, 0});
      }
    }
    pos = eol + 1;
    ++line_no;
  }
  close(n);
  // "Frank Messina: An Interview with the Mets Poet" as the first line of a file whose other
  // speakers all speak several times is a title, not a turn.
  if (t.turns.size() >= 3 && !t.turns[0].speaker.empty()) {
    std::map<std::string_view, std::size_t> uses;
    for (const Turn& turn : t.turns)
      ++uses[turn.speaker];
    bool dialogue = uses[t.turns[0].speaker] == 1 && uses.size() >= 3;
    for (const auto& [who, count] : uses) {
      if (who != t.turns[0].speaker && !who.empty() && count < 2) dialogue = false;
    }
    if (dialogue) {
      Turn& title = t.turns[0];
      title.speaker.clear();
      title.start_seconds.reset();
      const std::uint32_t end = title.content.empty() ? title.span.end : title.content.back().end;
      title.content.assign(1, detail::trim(text, {title.span.begin, end}));
    }
  }
  return t;
}

Transcript parse_srt(std::string_view text, std::string_view name, Diagnostics& warnings) {
  return detail::parse_cues(text, name, warnings, detail::CueSyntax::srt);
}

Transcript parse_vtt(std::string_view text, std::string_view name, Diagnostics& warnings) {
  return detail::parse_cues(text, name, warnings, detail::CueSyntax::vtt);
}

Transcript parse_transcript(Format format, std::string_view text, std::string_view name,
                            Diagnostics& warnings) {
  switch (format) {
    case Format::vtt:
      return parse_vtt(text, name, warnings);
    case Format::srt:
      return parse_srt(text, name, warnings);
    case Format::text:
    case Format::markdown:
    case Format::docx:
      return parse_plain_text(text);
  }
  return parse_plain_text(text);
}

}  // namespace verbatim
