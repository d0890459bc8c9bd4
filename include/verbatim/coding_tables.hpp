// coding_tables: the tables theses print from a coding (DESIGN §8).
//
//   summary       code,files,references,coverage_percent,words
//   matrix        codes x columns (participant, document or attribute value), cell =
//                 references | words | coverage | presence (✓ at --min-references certain
//                 references, ? when only uncertain codes matched, ✗ otherwise), with a total
//                 column and a total row
//   grid          codes x columns, each cell the top N quotes (longest first or first seen),
//                 duplicates removed, cut at a word boundary with … past max_chars
//   cooccurrence  code pairs coded on overlapping spans (the same unit for rule codings):
//                 count, references of each, Jaccard and ATLAS.ti's c-coefficient
// Coverage is 100 x code points of the union of coded spans (turn content only) / code points
// of the content of the kept turns, per column for the matrix, over the corpus for the summary.
// Words are word tokens inside the union of coded spans.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "verbatim/coding.hpp"
#include "verbatim/table.hpp"

namespace verbatim {

struct TextTable {
  std::vector<std::string> columns;
  std::vector<CellType> types;  // per column
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<bool>> nulls;  // per row, per column (empty: none null)
};

enum class MatrixCell { references, words, coverage, presence };
std::optional<MatrixCell> parse_matrix_cell(std::string_view s);

struct CodingTablesOptions {
  std::size_t min_references = 1;
  std::size_t quotes = 3;
  bool longest_first = true;
  std::size_t max_chars = 0;  // 0: whole quotes
};

class CodingTables {
 public:
  using ColumnOf = std::function<std::optional<std::string>(const DocumentTurn&)>;

  CodingTables(const Codebook& cb, CodingTablesOptions opts);
  // Adds a document's coding; `column` places each turn (nullopt: no column).
  void add(const Document& doc, const DocumentCoding& dc, const ColumnOf& column);
  // Columns in this order (others follow in natural order).
  void set_column_order(std::vector<std::string> order);

  TextTable summary() const;
  TextTable matrix(MatrixCell cell) const;
  TextTable grid() const;
  TextTable cooccurrence() const;

  std::size_t documents() const { return documents_; }
  // Codes with no reference, documents with no coding (for `check`).
  std::vector<std::size_t> uncoded_codes() const;
  const std::vector<std::string>& uncoded_documents() const { return uncoded_docs_; }

 private:
  struct Quote {
    std::string text;
    std::size_t order = 0;
  };
  struct CellAcc {
    std::uint64_t references = 0, certain = 0, words = 0, codepoints = 0;
    std::vector<Quote> quotes;
  };
  struct CodeAcc {
    std::uint64_t files = 0, references = 0, words = 0, codepoints = 0;
    std::map<std::size_t, CellAcc> cells;  // by column index
  };
  const Codebook& cb_;
  CodingTablesOptions opts_;
  std::vector<CodeAcc> codes_;
  std::vector<std::string> columns_;  // in order of first appearance
  std::map<std::string, std::size_t> column_index_;
  std::vector<std::uint64_t> column_codepoints_;
  std::uint64_t codepoints_ = 0;
  std::size_t documents_ = 0, quote_seq_ = 0;
  std::map<std::pair<std::size_t, std::size_t>, std::uint64_t> pairs_;
  std::vector<std::string> uncoded_docs_;
  std::vector<std::string> order_;

  std::size_t column_of(const std::string& key);
  std::vector<std::size_t> ordered_columns() const;
  void offer_quote(CellAcc& cell, std::string text);
};

// Natural order: digit runs compare as numbers ("P2" < "P10").
bool natural_less(std::string_view a, std::string_view b);

// A quote cut to at most `max_chars` code points at a word boundary, with … (0: unchanged).
std::string cut_quote(std::string_view text, std::size_t max_chars);

}  // namespace verbatim
