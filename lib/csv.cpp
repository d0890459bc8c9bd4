#include "verbatim/csv.hpp"

#include <fmt/format.h>

#include "verbatim/error.hpp"

namespace verbatim {

CsvTable parse_csv(std::string_view text, std::string_view name, char sep) {
  CsvTable table;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t i = 0, line = 1;
  const std::size_t n = text.size();
  auto fail = [&](std::optional<std::uint64_t> at, std::size_t at_line, const std::string& msg) {
    Location where{std::string(name), at_line, 0, at};
    throw Error(where, msg);
  };
  bool first = true;
  while (i < n) {
    std::vector<std::string> row;
    const std::size_t row_line = line;
    for (;;) {
      std::string field;
      if (i < n && text[i] == '"') {
        const std::size_t open = i, open_line = line;
        ++i;
        for (;;) {
          if (i >= n) fail(open, open_line, "unterminated quoted field");
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field.push_back(text[i++]);
        }
        if (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
          fail(i, line, "unexpected character after a closing quote");
        }
      } else {
        while (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') fail(i, line, "quote inside an unquoted field");
          field.push_back(text[i++]);
        }
      }
      row.push_back(std::move(field));
      if (i < n && text[i] == sep) {
        ++i;
        continue;
      }
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i, ++line;
      break;
    }
    // Blank lines are not rows.
    if (row.size() == 1 && row[0].empty()) continue;
    if (first) {
      table.header = std::move(row);
      first = false;
      continue;
    }
    if (row.size() != table.header.size()) {
      fail(std::nullopt, row_line,
           fmt::format("row has {} fields, the header has {}", row.size(), table.header.size()));
    }
    table.rows.push_back(std::move(row));
    table.row_lines.push_back(row_line);
  }
  return table;
}

void append_csv_field(std::string& out, std::string_view field, char sep) {
  bool quote = false;
  for (char c : field) {
    if (c == sep || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out.append(field);
    return;
  }
  out.push_back('"');
  // Runs between quotes at once; each quote doubled.
  for (std::size_t i = 0; i < field.size();) {
    std::size_t q = field.find('"', i);
    if (q == std::string_view::npos) q = field.size();
    out.append(field.substr(i, q - i));
    if (q < field.size()) out.append("\"\"");
    i = q + 1;
  }
  out.push_back('"');
}

}  // namespace verbatim
