#include "verbatim/table.hpp"

#include "verbatim/csv.hpp"
#include "verbatim/json.hpp"

namespace verbatim {

std::optional<TableFormat> parse_table_format(std::string_view s) {
  if (s == "csv") return TableFormat::csv;
  if (s == "tsv") return TableFormat::tsv;
  if (s == "json") return TableFormat::json;
  if (s == "jsonl") return TableFormat::jsonl;
  if (s == "md" || s == "markdown") return TableFormat::md;
  return std::nullopt;
}

namespace {

// TSV cannot quote: tab, newline, CR and backslash are written as \t \n \r \\.
void append_tsv_field(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        out.push_back(c);
    }
  }
}

void append_md_field(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";  // a line break inside a cell (GitHub, pandoc and most renderers)
    } else if (c != '\r') {
      out.push_back(c);
    }
  }
}

void append_json_value(std::string& out, const Cell& c) {
  if (c.null) {
    out += "null";
  } else if (c.type == CellType::string) {
    append_json_string(out, c.text);
  } else {
    out.append(c.text);
  }
}

}  // namespace

TableWriter::TableWriter(OutputFile& out, TableFormat format, std::vector<std::string> columns,
                         TableOptions opts)
    : out_(out), format_(format), columns_(std::move(columns)), opts_(std::move(opts)) {
  std::string& b = out_.buffer();
  if (format_ == TableFormat::json || format_ == TableFormat::jsonl) {
    b += "{\"verbatim\":";
    b += opts_.header_json.empty() ? "{}" : opts_.header_json;
    b += ",\"columns\":[";
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i) b.push_back(',');
      append_json_string(b, columns_[i]);
    }
    b += format_ == TableFormat::json ? "],\"rows\":[" : "]}\n";
  } else {
    // The header is a row of names; Markdown adds its rule below it.
    if (format_ == TableFormat::csv && opts_.bom) b += "\xEF\xBB\xBF";
    std::vector<Cell> names;
    for (const auto& c : columns_)
      names.push_back({c});
    format_row(b, names, true);
    if (format_ == TableFormat::md) {
      b += "|";
      for (std::size_t i = 0; i < columns_.size(); ++i)
        b += "---|";
      b.push_back('\n');
    }
  }
  out_.flush_if_large();
}

void TableWriter::row(const std::vector<Cell>& cells) {
  format_row(out_.buffer(), cells, first_row_);
  first_row_ = false;
  out_.flush_if_large();
}

void TableWriter::append_formatted(std::string_view chunk, std::size_t rows) {
  if (rows == 0) return;
  // A JSON chunk starts with "\n[": the rows before it need the comma.
  if (format_ == TableFormat::json && !first_row_) out_.buffer().push_back(',');
  out_.write(chunk);
  first_row_ = false;
}

// --safe-cells: a text cell that a spreadsheet would take for a formula (= + - @, or a tab or
// carriage return before one) gets a leading apostrophe, which spreadsheets show as text.
bool TableWriter::needs_quote_mark(const Cell& c) const {
  if (!opts_.safe_cells || c.type != CellType::string || c.text.empty()) return false;
  const char f = c.text.front();
  return f == '=' || f == '+' || f == '-' || f == '@' || f == '\t' || f == '\r';
}

void TableWriter::format_row(std::string& b, const std::vector<Cell>& cells, bool first) const {
  switch (format_) {
    case TableFormat::csv:
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) b.push_back(opts_.sep);
        if (cells[i].null) continue;
        if (needs_quote_mark(cells[i])) {
          std::string marked(1, '\'');
          marked.append(cells[i].text);
          append_csv_field(b, marked, opts_.sep);
        } else {
          append_csv_field(b, cells[i].text, opts_.sep);
        }
      }
      b.push_back('\n');
      break;
    case TableFormat::tsv:
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) b.push_back('\t');
        if (cells[i].null) continue;
        if (needs_quote_mark(cells[i])) b.push_back('\'');
        append_tsv_field(b, cells[i].text);
      }
      b.push_back('\n');
      break;
    case TableFormat::json:
      b += first ? "\n[" : ",\n[";
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) b.push_back(',');
        append_json_value(b, cells[i]);
      }
      b.push_back(']');
      break;
    case TableFormat::jsonl:
      b.push_back('{');
      for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
        if (i) b.push_back(',');
        append_json_string(b, columns_[i]);
        b.push_back(':');
        append_json_value(b, cells[i]);
      }
      b += "}\n";
      break;
    case TableFormat::md:
      b += "|";
      for (const auto& c : cells) {
        b.push_back(' ');
        if (!c.null) append_md_field(b, c.text);
        b += " |";
      }
      b.push_back('\n');
      break;
  }
}

void TableWriter::finish() {
  if (format_ == TableFormat::json) out_.buffer() += first_row_ ? "]}\n" : "\n]}\n";
}

}  // namespace verbatim
