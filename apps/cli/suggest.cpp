#include "cli/suggest.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace verbatim::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string closest_name(std::string_view word, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_d = 3;  // at most two edits away
  for (const auto& n : names) {
    if (n == word) continue;
    const std::size_t d = edit_distance(word, n);
    // A one-letter word is "two edits" from every two-letter name: only suggest when the
    // word keeps more than the edits it needs.
    if (d < best_d && d < std::max(word.size(), n.size())) {
      best_d = d;
      best = n;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& names) {
  const std::string best = closest_name(word, names);
  return best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
}

}  // namespace verbatim::cli
