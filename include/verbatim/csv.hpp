// csv: RFC 4180 reading and field quoting.
//
// The reader accepts quoted fields with embedded separators, quotes and line breaks, CRLF or
// LF records, and an optional UTF-8 BOM. A malformed file (an unterminated quote, text after
// a closing quote, a row with the wrong number of fields) is an Error naming the line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace verbatim {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> row_lines;  // 1-based line where each row starts
};

// Parses CSV text; `name` is used in error locations.
CsvTable parse_csv(std::string_view text, std::string_view name, char sep = ',');

// Appends `field` to `out`, quoted when it contains the separator, a quote, CR or LF.
void append_csv_field(std::string& out, std::string_view field, char sep = ',');

}  // namespace verbatim
