// table: streaming writers for the tools' tables in csv, tsv, json, jsonl and md.
//
// Column names are snake_case. Rows are written as they come (a token stream can be large),
// so memory stays flat. JSON output is one object: {"verbatim": header, "columns": [...],
// "rows": [[...], ...]}; jsonl writes one object per row keyed by column name, after a first
// line holding the header. Numbers are formatted by the caller (fixed decimals through fmt),
// so every format shows the same digits.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbatim/sink.hpp"

namespace verbatim {

enum class TableFormat { csv, tsv, json, jsonl, md };
std::optional<TableFormat> parse_table_format(std::string_view s);

enum class CellType { string, number, boolean };

struct Cell {
  std::string_view text;  // the value as printed (numbers already formatted)
  CellType type = CellType::string;
  bool null = false;  // empty in csv/tsv/md, null in json
};

struct TableOptions {
  char sep = ',';  // csv only; `;` for spreadsheets in French locales
  bool bom = false;
  bool safe_cells = false;  // csv/tsv: text cells starting with = + - @ get a leading '
  std::string header_json;  // the "verbatim" header object (already JSON), for json/jsonl
};

class TableWriter {
 public:
  TableWriter(OutputFile& out, TableFormat format, std::vector<std::string> columns,
              TableOptions opts = {});
  void row(const std::vector<Cell>& cells);
  // Formats a row into `buf` exactly as row() would write it, so that workers can format rows
  // in parallel; `first` is true for the first row of a chunk.
  void format_row(std::string& buf, const std::vector<Cell>& cells, bool first) const;
  // Writes a chunk of `rows` rows made by format_row (the first with first = true).
  void append_formatted(std::string_view chunk, std::size_t rows);
  void finish();

 private:
  bool needs_quote_mark(const Cell& c) const;
  OutputFile& out_;
  TableFormat format_;
  std::vector<std::string> columns_;
  TableOptions opts_;
  bool first_row_ = true;
};

}  // namespace verbatim
