// Fuzz target: the JSON reader and report's table reader (CSV, TSV, JSON, JSON Lines), then
// every table renderer but XLSX.
#include <cstddef>
#include <cstdint>

#include "verbatim/error.hpp"
#include "verbatim/json.hpp"
#include "verbatim/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)verbatim::parse_json(text, "fuzz.json");
  } catch (const verbatim::Error&) {
  }
  try {
    const verbatim::ReportTable t = verbatim::read_report_table(text, "fuzz");
    verbatim::ReportOptions o;
    o.locale = verbatim::Locale::fr;
    (void)verbatim::render_markdown(t, o);
    (void)verbatim::render_html_table(t, o);
    (void)verbatim::render_latex(t, o);
    (void)verbatim::render_csv(t, o);
  } catch (const verbatim::Error&) {
  }
  return 0;
}
