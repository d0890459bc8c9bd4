#include "verbatim/inventory.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "verbatim/segment.hpp"

namespace verbatim {

DocumentStats document_stats(const Document& doc, const TokenizerOptions& opts,
                             const TurnFilter& keep) {
  DocumentStats s;
  std::vector<Token> tokens;
  std::optional<double> first, last;
  for (const auto& turn : doc.turns) {
    if (turn.start_seconds)
      first = std::min(first.value_or(*turn.start_seconds), *turn.start_seconds);
    for (auto t : {turn.start_seconds, turn.end_seconds}) {
      if (t) last = std::max(last.value_or(*t), *t);
    }
    if (!keep(turn)) continue;
    ++s.turns;
    if (!turn.speaker.empty() &&
        std::find(s.speakers.begin(), s.speakers.end(), turn.speaker) == s.speakers.end()) {
      s.speakers.push_back(turn.speaker);
    }
    tokens.clear();
    tokenize_turn(doc.text, turn, opts, tokens);
    s.tokens += tokens.size();
    for (const Token& t : tokens)
      s.words += t.kind == TokenKind::word;
  }
  if (first && last) s.duration_seconds = *last - *first;
  return s;
}

std::string format_duration(double seconds) {
  const auto total = static_cast<long long>(std::llround(seconds));
  return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
}

namespace {

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Length of a timestamp "m:ss", "hh:mm:ss" with optional ".ttt" starting at s[i], or 0.
std::size_t timestamp_at(std::string_view s, std::size_t i) {
  std::size_t j = i, groups = 0;
  for (;;) {
    std::size_t d = 0;
    while (j < s.size() && is_ascii_digit(s[j]) && d < 2)
      ++j, ++d;
    if (d == 0 || (groups > 0 && d != 2)) return 0;
    ++groups;
    if (j < s.size() && s[j] == ':' && groups < 3) {
      ++j;
      continue;
    }
    break;
  }
  if (groups < 2) return 0;
  if (j + 1 < s.size() && (s[j] == '.' || s[j] == ',') && is_ascii_digit(s[j + 1])) {
    ++j;
    while (j < s.size() && is_ascii_digit(s[j]))
      ++j;
  }
  return j - i;
}

}  // namespace

CorpusLinter::CorpusLinter(LintOptions opts) : opts_(std::move(opts)) {
  for (auto& n : opts_.names)
    n = normalize_token(n);
}

void CorpusLinter::add(const Document& doc, const Diagnostics& read_warnings,
                       const TokenizerOptions& topts) {
  const std::string& file = doc.source.display;
  const std::size_t first = findings_.size();
  for (const auto& w : read_warnings)
    findings_.push_back(w);
  std::optional<Locator> where;  // built at the first finding
  auto finding = [&](std::uint64_t offset, std::string msg) {
    if (!where) where.emplace(file, doc.text);
    findings_.push_back({Severity::warning, where->at(offset), std::move(msg)});
  };
  std::size_t words = 0;
  std::vector<Token> tokens;
  std::vector<std::string> norms;
  for (const auto& turn : doc.turns) {
    if (!turn.speaker.empty()) {
      std::string folded = normalize_token(turn.speaker);
      auto& use = labels_[folded][turn.speaker];
      if (use.count++ == 0) {
        use.file = file;
        use.line = turn.line;
      }
      if (opts_.speakers && !opts_.speakers->find(turn.speaker)) {
        finding(turn.span.begin,
                fmt::format("speaker '{}' is not in the speaker map", turn.speaker));
      }
    }
    tokens.clear();
    tokenize_turn(doc.text, turn, topts, tokens);
    for (const Token& t : tokens)
      words += t.kind == TokenKind::word;
    for (const Span& r : turn.content) {
      std::string_view s(doc.text.data() + r.begin, r.size());
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_ascii_digit(s[i]) || (i > 0 && is_ascii_digit(s[i - 1]))) continue;
        const std::size_t len = timestamp_at(s, i);
        if (len == 0) continue;
        // "[00:01:02]Alors" or "hier00:12:03": a bracket may close the timestamp.
        std::size_t after = i + len;
        if (after < s.size() && (s[after] == ']' || s[after] == ')')) ++after;
        std::size_t before = i;
        if (before > 0 && (s[before - 1] == '[' || s[before - 1] == '(')) --before;
        const bool glued_before = before > 0 && is_ascii_letter(s[before - 1]);
        const bool glued_after = after < s.size() && is_ascii_letter(s[after]);
        if (glued_before || glued_after) {
          finding(r.begin + i, fmt::format("timestamp '{}' glued to the text", s.substr(i, len)));
        }
        i += len;
      }
    }
    if (!opts_.names.empty()) {
      for (const Token& t : tokens) {
        const std::string norm =
            normalize_token(std::string_view(doc.text).substr(t.begin, t.end - t.begin));
        if (std::find(opts_.names.begin(), opts_.names.end(), norm) != opts_.names.end()) {
          finding(t.begin, fmt::format("name '{}' from the pseudonymisation list is still present",
                                       doc.text.substr(t.begin, t.end - t.begin)));
        }
      }
    }
  }
  if (words == 0) {
    findings_.push_back(file_diagnostic(Severity::warning, file, "empty transcript: no words"));
  }
  if (opts_.attributes && !opts_.attributes->find(doc.source.id)) {
    bool any = false;
    for (const auto& turn : doc.turns) {
      if (!turn.participant.empty() && opts_.attributes->find(turn.participant)) any = true;
    }
    if (!any) {
      findings_.push_back(file_diagnostic(
          Severity::warning, file,
          fmt::format("no attributes for document '{}' nor for its participants", doc.source.id)));
    }
  }
  std::stable_sort(
      findings_.begin() + static_cast<std::ptrdiff_t>(first), findings_.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.where.line < b.where.line; });
}

std::vector<Diagnostic> CorpusLinter::finish() {
  for (const auto& [folded, spellings] : labels_) {
    if (spellings.size() < 2) continue;
    // The most used spelling is taken as the right one; ties go to byte order.
    const auto best = std::max_element(
        spellings.begin(), spellings.end(),
        [](const auto& a, const auto& b) { return a.second.count < b.second.count; });
    for (const auto& [spelling, use] : spellings) {
      if (spelling == best->first) continue;
      Diagnostic d;
      d.severity = Severity::warning;
      d.where.file = use.file;
      d.where.line = use.line;
      d.message = fmt::format("speaker label '{}' ({} turns) is also written '{}' ({} turns)",
                              spelling, use.count, best->first, best->second.count);
      findings_.push_back(std::move(d));
    }
  }
  return std::move(findings_);
}

}  // namespace verbatim
