// report: the tools' tables as theses print them (DESIGN §9).
//
// A table is read from the CSV, TSV, JSON or JSON Lines a tool wrote; its kind (a word
// frequency table, a code summary, a presence matrix...) is recognised from its columns, so
// that headers can be localized ("Mot | Longueur | Nombre | Pourcentage pondéré (%)"), numbers
// printed with a decimal comma in French, and the right figure drawn. Renderers: Markdown,
// HTML (self-contained, every text escaped), LaTeX (booktabs), CSV (localized headers) and
// XLSX (libxlsxwriter: number cells, bold frozen header, formula-like text neutralised).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace verbatim {

enum class Locale { en, fr };

struct ReportTable {
  std::vector<std::string> columns;  // as the tool wrote them (snake_case)
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column: every non-empty cell is a number
  std::string kind;           // freq, keyness, corpus, summary, matrix, grid, references, cooccur,
                              // code_cooccurrence, kwic, attributes, table (anything else)
  std::string note;           // from a JSON header: N and the formula of a frequency table
  std::string name;           // the file it was read from, for errors
};

// Reads a table; `name` is used in errors. CSV separators `,` and `;` and TSV are recognised
// from the header line; JSON is the tools' {"verbatim":..,"columns":..,"rows":..} (rows as
// arrays or objects) and JSON Lines its line-per-row form.
ReportTable read_report_table(std::string_view text, std::string_view name);

// The kind of a table from its columns.
std::string table_kind(const std::vector<std::string>& columns);

struct ReportOptions {
  Locale locale = Locale::en;
  std::string title;       // "Tableau 2 : Présentation des participants"
  std::string caption;     // a note under the table
  std::string source;      // "Source : entretiens semi-directifs (2025)"
  bool safe_cells = true;  // csv/xlsx: neutralise cells starting with = + - @
  bool bom = false;        // csv: start with a UTF-8 byte-order mark (Excel reads UTF-8 then)
};

// The column header in `locale` (NVivo's wording for word frequency tables).
std::string column_label(std::string_view column, Locale locale);
// A cell as printed: numbers with a decimal comma in French.
std::string display_cell(const ReportTable& t, std::size_t column, const std::string& value,
                         Locale locale);

std::string render_markdown(const ReportTable& t, const ReportOptions& o);
// A <figure> with a <table> (and caption, source), for a page.
std::string render_html_table(const ReportTable& t, const ReportOptions& o);
// A whole self-contained page around `body` (already HTML).
std::string html_page(const std::string& title, const std::string& body, Locale locale);
std::string render_latex(const ReportTable& t, const ReportOptions& o);
std::string render_csv(const ReportTable& t, const ReportOptions& o);
// XLSX bytes (deterministic: fixed document dates and zip times).
std::string render_xlsx(const ReportTable& t, const ReportOptions& o);

}  // namespace verbatim
