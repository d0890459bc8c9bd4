// XLSX output of report tables through libxlsxwriter.
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "verbatim/error.hpp"
#include "verbatim/report.hpp"

namespace verbatim {

namespace {

// Display width of a cell in characters (code points), for column widths.
double text_width(std::string_view s) {
  std::size_t widest = 0, cur = 0;
  for (unsigned char c : s) {
    if (c == '\n') {
      widest = std::max(widest, cur);
      cur = 0;
    } else if ((c & 0xC0) != 0x80) {
      ++cur;
    }
  }
  return static_cast<double>(std::max(widest, cur));
}

std::string sheet_name(const ReportTable& t) {
  // Excel sheet names: at most 31 characters, none of []:*?/\ .
  std::string n = t.kind == "table" ? "Table" : t.kind;
  return n.substr(0, 31);
}

}  // namespace

std::string render_xlsx(const ReportTable& t, const ReportOptions& o) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "verbatim-xlsx-XXXXXX").string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw Error("cannot create a temporary file for the XLSX workbook");
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::filesystem::remove(path); }
  } remove{tmpl};

  lxw_workbook* wb = workbook_new(tmpl.c_str());
  if (!wb) throw Error("cannot create the XLSX workbook");
  // Fixed document dates keep the file identical from run to run.
  lxw_doc_properties props = {};
  props.created = 946684800;  // 2000-01-01T00:00:00Z
  std::string title = o.title;
  props.title = title.data();
  workbook_set_properties(wb, &props);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(t).c_str());
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bottom(head, LXW_BORDER_THIN);
  format_set_bg_color(head, 0xEEEEEE);
  format_set_text_wrap(head);
  format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.00");
  lxw_format* center = workbook_add_format(wb);
  format_set_align(center, LXW_ALIGN_CENTER);

  lxw_row_t row = 0;
  if (!o.title.empty()) {
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    worksheet_write_string(ws, row, 0, o.title.c_str(), bold);
    row += 2;
  }
  const lxw_row_t header_row = row;
  std::vector<double> widths(t.columns.size(), 6);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const std::string label = column_label(t.columns[c], o.locale);
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), label.c_str(), head);
    widths[c] = std::max(widths[c], std::min(text_width(label), 30.0));
  }
  ++row;
  for (const auto& r : t.rows) {
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string& v = r[c];
      const auto col = static_cast<lxw_col_t>(c);
      if (v.empty()) continue;
      if (t.numeric[c]) {
        const bool pct = t.columns[c].find("percent") != std::string::npos;
        worksheet_write_number(ws, row, col, std::strtod(v.c_str(), nullptr),
                               pct ? percent : nullptr);
      } else {
        // Text cells are always strings, never formulas, so "=..." cannot run in Excel.
        const bool mark = v == "✓" || v == "✗" || v == "?";
        worksheet_write_string(
            ws, row, col, v.c_str(),
            mark ? center : (v.find('\n') != std::string::npos ? wrap : nullptr));
      }
      widths[c] = std::max(widths[c], std::min(text_width(v) + 1, 60.0));
    }
    ++row;
  }
  for (std::size_t c = 0; c < widths.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c],
                         nullptr);
  worksheet_freeze_panes(ws, header_row + 1, 0);
  std::vector<std::string> notes;
  for (const std::string* line : {&o.caption, &t.note, &o.source}) {
    if (!line->empty()) notes.push_back(*line);
  }
  row += notes.empty() ? 0 : 1;
  for (const auto& n : notes)
    worksheet_write_string(ws, row++, 0, n.c_str(), nullptr);
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    throw Error(std::string("cannot write the XLSX workbook: ") + lxw_strerror(err));
  std::ifstream in(tmpl, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace verbatim
