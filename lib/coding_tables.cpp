#include "verbatim/coding_tables.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "verbatim/frequency.hpp"
#include "verbatim/source.hpp"

namespace verbatim {

std::optional<MatrixCell> parse_matrix_cell(std::string_view s) {
  if (s == "references") return MatrixCell::references;
  if (s == "words") return MatrixCell::words;
  if (s == "coverage") return MatrixCell::coverage;
  if (s == "presence") return MatrixCell::presence;
  return std::nullopt;
}

std::string cut_quote(std::string_view text, std::size_t max_chars) {
  if (max_chars == 0) return std::string(text);
  std::size_t cps = 0, cut = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (cps == max_chars) {
      cut = i;
      break;
    }
    ++cps;
  }
  if (cut == text.size()) return std::string(text);
  // Back to the last space inside the limit, when there is one in its second half.
  std::size_t sp = text.rfind(' ', cut);
  if (sp != std::string_view::npos && sp > cut / 2) cut = sp;
  std::string out(text.substr(0, cut));
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';'))
    out.pop_back();
  return out + "…";
}

bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && digit(a[ie]))
        ++ie;
      while (je < b.size() && digit(b[je]))
        ++je;
      std::string_view x = a.substr(i, ie - i), y = b.substr(j, je - j);
      while (x.size() > 1 && x.front() == '0')
        x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0')
        y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = ie;
      j = je;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

CodingTables::CodingTables(const Codebook& cb, CodingTablesOptions opts)
    : cb_(cb), opts_(opts), codes_(cb.codes.size()) {}

void CodingTables::set_column_order(std::vector<std::string> order) {
  order_ = std::move(order);
}

std::size_t CodingTables::column_of(const std::string& key) {
  auto [it, fresh] = column_index_.emplace(key, columns_.size());
  if (fresh) {
    columns_.push_back(key);
    column_codepoints_.push_back(0);
  }
  return it->second;
}

std::vector<std::size_t> CodingTables::ordered_columns() const {
  std::vector<std::size_t> out;
  std::vector<bool> used(columns_.size(), false);
  for (const auto& name : order_) {
    auto it = column_index_.find(name);
    if (it != column_index_.end() && !used[it->second]) {
      out.push_back(it->second);
      used[it->second] = true;
    }
  }
  // The rest in natural order: P2 before P10.
  std::vector<std::size_t> rest;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (!used[i]) rest.push_back(i);
  }
  std::sort(rest.begin(), rest.end(), [this](std::size_t a, std::size_t b) {
    return natural_less(columns_[a], columns_[b]);
  });
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

void CodingTables::offer_quote(CellAcc& cell, std::string text) {
  if (opts_.quotes == 0 || text.empty()) return;
  for (const Quote& q : cell.quotes) {
    if (q.text == text) return;
  }
  Quote q{std::move(text), quote_seq_++};
  if (!opts_.longest_first) {
    if (cell.quotes.size() < opts_.quotes) cell.quotes.push_back(std::move(q));
    return;
  }
  auto longer = [](const Quote& a, const Quote& b) {
    return a.text.size() != b.text.size() ? a.text.size() > b.text.size() : a.order < b.order;
  };
  cell.quotes.insert(std::upper_bound(cell.quotes.begin(), cell.quotes.end(), q, longer),
                     std::move(q));
  if (cell.quotes.size() > opts_.quotes) cell.quotes.pop_back();
}

namespace {

// Code points and words of the union of `spans`, counting the content of the kept turns only
// (`content`: their content ranges, in text order).
std::pair<std::uint64_t, std::uint64_t> union_size(const Document& doc, const DocumentCoding& dc,
                                                   const std::vector<Span>& content,
                                                   std::vector<const Reference*>& refs) {
  std::sort(refs.begin(), refs.end(),
            [](const Reference* a, const Reference* b) { return a->span.begin < b->span.begin; });
  // Rule units never overlap: their own counts add up.
  bool simple = true;
  for (std::size_t i = 0; i < refs.size() && simple; ++i)
    simple = !refs[i]->manual && (i == 0 || refs[i - 1]->span.end <= refs[i]->span.begin);
  if (simple) {
    std::uint64_t cps = 0, words = 0;
    for (const Reference* r : refs) {
      cps += r->codepoints;
      words += r->words;
    }
    return {cps, words};
  }
  std::vector<Span> merged;
  for (const Reference* ref : refs) {
    const Span& s = ref->span;
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  std::uint64_t cps = 0, words = 0;
  for (const Span& m : merged) {
    words += static_cast<std::uint64_t>(
        std::lower_bound(dc.word_starts.begin(), dc.word_starts.end(), m.end) -
        std::lower_bound(dc.word_starts.begin(), dc.word_starts.end(), m.begin));
    auto r = std::partition_point(content.begin(), content.end(),
                                  [&](const Span& x) { return x.end <= m.begin; });
    for (; r != content.end() && r->begin < m.end; ++r) {
      const std::uint32_t b = std::max(r->begin, m.begin), e = std::min(r->end, m.end);
      cps += code_points(std::string_view(doc.text).substr(b, e - b));
    }
  }
  return {cps, words};
}

}  // namespace

void CodingTables::add(const Document& doc, const DocumentCoding& dc, const ColumnOf& column) {
  ++documents_;
  codepoints_ += dc.codepoints;
  std::vector<std::optional<std::size_t>> turn_col(doc.turns.size());
  for (std::size_t ti = 0; ti < doc.turns.size(); ++ti) {
    if (dc.turn_codepoints[ti] == 0 && dc.turn_words[ti] == 0) continue;
    if (auto key = column(doc.turns[ti])) {
      turn_col[ti] = column_of(*key);
      column_codepoints_[*turn_col[ti]] += dc.turn_codepoints[ti];
    }
  }
  if (dc.references.empty()) {
    uncoded_docs_.push_back(doc.source.id);
    return;
  }
  std::vector<Span> content;
  for (std::size_t ti = 0; ti < doc.turns.size(); ++ti) {
    if (dc.turn_codepoints[ti] == 0) continue;
    content.insert(content.end(), doc.turns[ti].content.begin(), doc.turns[ti].content.end());
  }
  // By code: all spans, and spans by column.
  std::vector<std::vector<const Reference*>> by_code(cb_.codes.size());
  std::map<std::pair<std::size_t, std::size_t>, std::vector<const Reference*>> by_cell;
  for (const Reference& r : dc.references) {
    by_code[r.code].push_back(&r);
    CodeAcc& acc = codes_[r.code];
    ++acc.references;
    const auto& col = turn_col[r.turn];
    if (!col) continue;
    by_cell[{r.code, *col}].push_back(&r);
    CellAcc& cell = acc.cells[*col];
    ++cell.references;
    cell.certain += r.certain;
    if (opts_.quotes > 0) offer_quote(cell, cut_quote(reference_text(doc, r), opts_.max_chars));
  }
  for (std::size_t k = 0; k < by_code.size(); ++k) {
    if (by_code[k].empty()) continue;
    ++codes_[k].files;
    const auto [cps, words] = union_size(doc, dc, content, by_code[k]);
    codes_[k].codepoints += cps;
    codes_[k].words += words;
  }
  for (auto& [key, refs] : by_cell) {
    const auto [cps, words] = union_size(doc, dc, content, refs);
    CellAcc& cell = codes_[key.first].cells[key.second];
    cell.codepoints += cps;
    cell.words += words;
  }
  // Pairs of codes on overlapping spans (the same unit, for rule codings), a code never
  // paired with its own ancestors.
  auto related = [&](std::size_t a, std::size_t b) {
    for (auto p = cb_.codes[a].parent; p; p = cb_.codes[*p].parent) {
      if (*p == b) return true;
    }
    for (auto p = cb_.codes[b].parent; p; p = cb_.codes[*p].parent) {
      if (*p == a) return true;
    }
    return false;
  };
  std::vector<const Reference*> refs;
  for (const Reference& r : dc.references)
    refs.push_back(&r);
  std::stable_sort(refs.begin(), refs.end(), [](const Reference* a, const Reference* b) {
    return a->span.begin < b->span.begin;
  });
  for (std::size_t i = 0; i < refs.size(); ++i) {
    for (std::size_t j = i + 1; j < refs.size() && refs[j]->span.begin < refs[i]->span.end; ++j) {
      const std::size_t a = std::min(refs[i]->code, refs[j]->code);
      const std::size_t b = std::max(refs[i]->code, refs[j]->code);
      if (a == b || related(a, b)) continue;
      ++pairs_[{a, b}];
    }
  }
}

std::vector<std::size_t> CodingTables::uncoded_codes() const {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < codes_.size(); ++k) {
    if (codes_[k].references == 0) out.push_back(k);
  }
  return out;
}

namespace {

std::string percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "0.00";
  return format_percent(100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

}  // namespace

TextTable CodingTables::summary() const {
  TextTable t;
  t.columns = {"code", "files", "references", "coverage_percent", "words"};
  t.types = {CellType::string, CellType::number, CellType::number, CellType::number,
             CellType::number};
  for (std::size_t k = 0; k < codes_.size(); ++k) {
    const CodeAcc& a = codes_[k];
    t.rows.push_back({cb_.codes[k].path, std::to_string(a.files), std::to_string(a.references),
                      percent(a.codepoints, codepoints_), std::to_string(a.words)});
  }
  return t;
}

TextTable CodingTables::matrix(MatrixCell cell) const {
  const std::vector<std::size_t> cols = ordered_columns();
  TextTable t;
  t.columns.push_back("code");
  for (std::size_t c : cols)
    t.columns.push_back(columns_[c]);
  t.columns.push_back("total");
  const CellType num = cell == MatrixCell::presence ? CellType::string : CellType::number;
  t.types.assign(t.columns.size(), num);
  t.types[0] = CellType::string;
  auto presence = [&](const CellAcc* c) -> std::string {
    if (c && c->certain >= opts_.min_references) return "✓";
    if (c && c->references > c->certain) return "?";
    return "✗";
  };
  std::vector<std::uint64_t> col_total(cols.size(), 0);
  std::uint64_t grand = 0;
  for (std::size_t k = 0; k < codes_.size(); ++k) {
    const CodeAcc& a = codes_[k];
    std::vector<std::string> row{cb_.codes[k].path};
    std::uint64_t row_total = 0;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      auto it = a.cells.find(cols[i]);
      const CellAcc* c = it == a.cells.end() ? nullptr : &it->second;
      switch (cell) {
        case MatrixCell::references:
        case MatrixCell::words: {
          const std::uint64_t v =
              c ? (cell == MatrixCell::references ? c->references : c->words) : 0;
          row.push_back(std::to_string(v));
          row_total += v;
          if (!cb_.codes[k].parent) col_total[i] += v;
          break;
        }
        case MatrixCell::coverage:
          row.push_back(percent(c ? c->codepoints : 0, column_codepoints_[cols[i]]));
          row_total += c ? c->codepoints : 0;
          break;
        case MatrixCell::presence: {
          const std::string p = presence(c);
          row.push_back(p);
          if (p == "✓") {
            ++row_total;
            ++col_total[i];
          }
          break;
        }
      }
    }
    if (cell == MatrixCell::coverage) {
      std::uint64_t whole = 0;
      for (std::size_t c : cols)
        whole += column_codepoints_[c];
      row.push_back(percent(row_total, whole));
    } else {
      row.push_back(std::to_string(row_total));
    }
    if (cell != MatrixCell::coverage && (cell == MatrixCell::presence || !cb_.codes[k].parent))
      grand += row_total;
    t.rows.push_back(std::move(row));
  }
  // The total row: sums over top-level codes (a parent already holds its children), or the
  // number of ✓ in the column; coverage totals are not sums and are left out.
  std::vector<std::string> total{"total"};
  std::vector<bool> nulls(t.columns.size(), false);
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cell == MatrixCell::coverage) {
      total.push_back("");
      nulls[i + 1] = true;
    } else {
      total.push_back(std::to_string(col_total[i]));
    }
  }
  if (cell == MatrixCell::coverage) {
    total.push_back("");
    nulls.back() = true;
  } else {
    total.push_back(std::to_string(grand));
  }
  t.nulls.assign(t.rows.size(), {});
  t.rows.push_back(std::move(total));
  t.nulls.push_back(std::move(nulls));
  if (cell == MatrixCell::presence) {
    // Totals of a presence matrix are counts.
    for (std::size_t i = 1; i < t.types.size(); ++i)
      t.types[i] = CellType::string;
  }
  return t;
}

TextTable CodingTables::grid() const {
  const std::vector<std::size_t> cols = ordered_columns();
  TextTable t;
  t.columns.push_back("code");
  for (std::size_t c : cols)
    t.columns.push_back(columns_[c]);
  t.types.assign(t.columns.size(), CellType::string);
  for (std::size_t k = 0; k < codes_.size(); ++k) {
    std::vector<std::string> row{cb_.codes[k].path};
    for (std::size_t c : cols) {
      std::string cell;
      auto it = codes_[k].cells.find(c);
      if (it != codes_[k].cells.end()) {
        for (const Quote& q : it->second.quotes) {
          if (!cell.empty()) cell.push_back('\n');
          cell += q.text;
        }
      }
      row.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

TextTable CodingTables::cooccurrence() const {
  TextTable t;
  t.columns = {"code_a",       "code_b",  "count",        "a_references",
               "b_references", "jaccard", "c_coefficient"};
  t.types = {CellType::string, CellType::string, CellType::number, CellType::number,
             CellType::number, CellType::number, CellType::number};
  for (const auto& [key, n12] : pairs_) {
    const std::uint64_t n1 = codes_[key.first].references, n2 = codes_[key.second].references;
    const double denom = static_cast<double>(n1 + n2) - static_cast<double>(n12);
    const double c = denom > 0 ? static_cast<double>(n12) / denom : 0.0;
    // Jaccard on units: both / either. For rule codings each unit is one reference and the
    // two coincide; overlapping imported codings can pair one reference several times, which
    // the c-coefficient counts and the Jaccard index does not.
    const std::uint64_t both = std::min(n12, std::min(n1, n2));
    const double either = static_cast<double>(n1 + n2 - both);
    const double j = either > 0 ? static_cast<double>(both) / either : 0.0;
    t.rows.push_back({cb_.codes[key.first].path, cb_.codes[key.second].path, std::to_string(n12),
                      std::to_string(n1), std::to_string(n2), fmt::format("{:.4f}", j),
                      fmt::format("{:.4f}", c)});
  }
  return t;
}

}  // namespace verbatim
