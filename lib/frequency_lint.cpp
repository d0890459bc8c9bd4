#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "verbatim/csv.hpp"
#include "verbatim/frequency.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

namespace {

std::size_t find_column(const std::vector<std::string>& header,
                        std::initializer_list<std::string_view> names) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = normalize_token(header[i]);
    for (std::string_view n : names) {
      if (h.find(n) != std::string::npos) return i;
    }
  }
  return std::string::npos;
}

}  // namespace

TableLint lint_frequency_table(std::string_view text, std::string_view name,
                               std::optional<std::uint64_t> corpus_n) {
  const std::size_t eol = text.find('\n');
  const std::string_view first = text.substr(0, eol);
  const char sep = first.find('\t') != std::string_view::npos  ? '\t'
                   : first.find(';') != std::string_view::npos ? ';'
                                                               : ',';
  const CsvTable t = parse_csv(text, name, sep);
  const std::size_t word = find_column(t.header, {"word", "mot", "terme"});
  const std::size_t count = find_column(t.header, {"count", "nombre", "fréquence", "frequency"});
  const std::size_t pct = find_column(t.header, {"percent", "pourcentage", "%"});
  if (word == std::string::npos || count == std::string::npos || pct == std::string::npos) {
    throw Error(Location{std::string(name), 1, 1, std::nullopt},
                "the table needs a word, a count and a percent column (word/mot, "
                "count/nombre, weighted_percent/pourcentage)");
  }
  struct Row {
    std::size_t line;
    std::string word, published;
    std::uint64_t count;
    double percent;
    int decimals;
  };
  std::vector<Row> rows;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    std::string p = r[pct];
    std::replace(p.begin(), p.end(), ',', '.');
    while (!p.empty() && (p.back() == '%' || p.back() == ' '))
      p.pop_back();
    const auto dot = p.find('.');
    const int decimals = dot == std::string::npos ? 0 : static_cast<int>(p.size() - dot - 1);
    try {
      std::size_t used = 0;
      const double v = std::stod(p, &used);
      const std::uint64_t c = std::stoull(r[count]);
      if (used != p.size()) throw std::invalid_argument(p);
      rows.push_back({t.row_lines[i], r[word], r[pct], c, v, decimals});
    } catch (const std::exception&) {
      throw Error(Location{std::string(name), t.row_lines[i], 1, std::nullopt},
                  fmt::format("cannot read the count '{}' or the percent '{}'", r[count], r[pct]));
    }
  }
  // Each row allows the N for which 100 c / N rounds to its percent.
  auto fits = [](const Row& r, double n) {
    const double half = 0.5 * std::pow(10.0, -r.decimals);
    const double v = 100.0 * static_cast<double>(r.count) / n;
    return v >= r.percent - half - 1e-9 && v < r.percent + half - 1e-9;
  };
  TableLint lint;
  lint.rows = rows.size();
  if (corpus_n) {
    lint.n = *corpus_n;
    lint.n_inferred = false;
  } else {
    // Sweep the candidate N of every row and keep the one most rows agree on (smallest on ties).
    std::vector<std::pair<double, int>> events;
    for (const Row& r : rows) {
      if (r.percent <= 0) continue;
      const double half = 0.5 * std::pow(10.0, -r.decimals);
      const double lo = 100.0 * static_cast<double>(r.count) / (r.percent + half);
      const double hi = 100.0 * static_cast<double>(r.count) / std::max(r.percent - half, 1e-12);
      events.push_back({std::floor(lo) + 1, +1});
      events.push_back({std::floor(hi) + 1, -1});
    }
    std::sort(events.begin(), events.end());
    int depth = 0, best = 0;
    double from = 0, to = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
      depth += events[i].second;
      if (depth > best) {
        best = depth;
        from = events[i].first;
        to = i + 1 < events.size() ? events[i + 1].first : from + 1;
      }
    }
    // Within the agreeing range, the N whose percentages sit closest to the printed ones
    // (5400 rather than 5399 for a table whose first row is 270 -> 5.00).
    double best_error = INFINITY;
    for (double n = from; n < to && n < from + 100000; ++n) {
      double error = 0;
      for (const Row& r : rows) {
        if (fits(r, n)) error += std::fabs(100.0 * static_cast<double>(r.count) / n - r.percent);
      }
      if (error < best_error - 1e-12) {
        best_error = error;
        lint.n = static_cast<std::uint64_t>(n);
      }
    }
  }
  for (const Row& r : rows) {
    if (lint.n > 0 && fits(r, static_cast<double>(lint.n))) continue;
    const double v =
        lint.n ? 100.0 * static_cast<double>(r.count) / static_cast<double>(lint.n) : 0;
    const double scale = std::pow(10.0, r.decimals);
    std::string expected =
        fmt::format("{:.{}f}", std::floor(v * scale + 0.5 + 1e-9) / scale, r.decimals);
    // Print it as the table does: with its decimal comma.
    if (r.published.find(',') != std::string::npos) {
      std::replace(expected.begin(), expected.end(), '.', ',');
    }
    lint.findings.push_back({r.line, r.word, r.count, r.published, expected});
  }
  return lint;
}

}  // namespace verbatim
