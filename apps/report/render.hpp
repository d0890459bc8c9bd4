// report internals shared by the single-table command and the recipe runner.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "verbatim/codebook.hpp"
#include "verbatim/figure.hpp"
#include "verbatim/report.hpp"

namespace verbatim::cli {

struct FigureRequest {
  std::string kind;  // bar, cloud, heatmap, network
  std::size_t top = 30;
  std::string title;
  const Codebook* codebook = nullptr;  // colors by code
};

// The figure a table kind draws by default ("" when none).
std::string default_figure(const std::string& table_kind);
// Builds the scene of a figure from a table; an Error naming the file when the table cannot
// make it (UsageError for an unknown figure).
Scene make_figure(const ReportTable& t, const FigureRequest& f, const Fonts& fonts);
// Keeps `columns` (in that order); an Error naming the file and the unknown column.
ReportTable select_columns(const ReportTable& t, const std::vector<std::string>& columns);
// Renders a table in `to` (md, html, tex, csv, xlsx); html is a whole page.
std::string render_table(const ReportTable& t, const std::string& to, const ReportOptions& o);
std::optional<Locale> parse_locale(const std::string& s);

// Runs a study recipe into `out_dir` (see docs/report.md); returns the exit code.
int run_recipe(const std::string& recipe, const std::string& out_dir, bool check, bool quiet);

}  // namespace verbatim::cli
