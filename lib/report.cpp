#include "verbatim/report.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "verbatim/csv.hpp"
#include "verbatim/error.hpp"
#include "verbatim/html.hpp"
#include "verbatim/json.hpp"

namespace verbatim {

namespace {

bool is_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const std::size_t digits_from = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9')
    ++i;
  bool any = i > digits_from;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t f = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      ++i;
    any = any || i > f;
  }
  if (!any) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t e = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      ++i;
    if (i == e) return false;
  }
  return i == s.size();
}

void finish(ReportTable& t) {
  t.numeric.assign(t.columns.size(), true);
  std::vector<bool> seen(t.columns.size(), false);
  for (auto& row : t.rows) {
    row.resize(t.columns.size());
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (row[c].empty()) continue;
      seen[c] = true;
      if (!is_number(row[c])) t.numeric[c] = false;
    }
  }
  for (std::size_t c = 0; c < seen.size(); ++c)
    t.numeric[c] = t.numeric[c] && seen[c];
  t.kind = table_kind(t.columns);
}

void read_json_rows(ReportTable& t, const JsonValue& rows, std::string_view name) {
  auto fail = [&](const std::string& msg) {
    throw Error(Location{std::string(name), 0, 0, std::nullopt}, msg);
  };
  for (const JsonValue& r : rows.items) {
    const std::size_t n = t.rows.size() + 1;
    std::vector<std::string> row;
    if (r.type == JsonValue::Type::array) {
      if (r.items.size() != t.columns.size()) {
        fail(fmt::format("row {} has {} cells, the table has {} columns", n, r.items.size(),
                         t.columns.size()));
      }
      for (const JsonValue& v : r.items)
        row.push_back(v.cell());
    } else if (r.type == JsonValue::Type::object) {
      for (const auto& c : t.columns) {
        const JsonValue* v = r.get(c);
        row.push_back(v ? v->cell() : "");
      }
    } else {
      fail(fmt::format("row {} is neither a list of cells nor an object", n));
    }
    t.rows.push_back(std::move(row));
  }
}

void read_json_header(ReportTable& t, const JsonValue& header) {
  if (const JsonValue* n = header.get("n")) {
    t.note = "N = " + n->cell();
    if (const JsonValue* f = header.get("formula")) t.note += "; " + f->cell();
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' '))
    s.remove_suffix(1);
  return s;
}

// TSV undoes its escapes: \t \n \r \\.
std::string tsv_unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char e = s[++i];
      out.push_back(e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

std::string table_kind(const std::vector<std::string>& c) {
  auto has = [&](std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (std::find(c.begin(), c.end(), n) == c.end()) return false;
    }
    return true;
  };
  if (c.empty()) return "table";
  if (has({"word", "target_count", "reference_count"})) return "keyness";
  if (has({"word", "length", "count", "weighted_percent"})) return "freq";
  if (has({"id", "format", "encoding", "words"})) return "corpus";
  if (has({"code", "files", "references", "coverage_percent"})) return "summary";
  if (has({"code", "document", "participant", "unit", "start", "end", "text"})) return "references";
  if (has({"code_a", "code_b", "count", "c_coefficient"})) return "code_cooccurrence";
  if (has({"a", "b", "count"})) return "cooccur";
  if (has({"document", "left", "match", "right"})) return "kwic";
  if (c.front() == "code" && c.back() == "total") return "matrix";
  if (c.front() == "code") return "grid";
  if (c.front() == "id" || c.front() == "participant") return "attributes";
  return "table";
}

ReportTable read_report_table(std::string_view text, std::string_view name) {
  ReportTable t;
  t.name = std::string(name);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '[') {
    throw Error(Location{std::string(name), 1, 1, std::nullopt},
                "a JSON table is an object with \"columns\" (the tools' --format json or jsonl), "
                "not a list");
  }
  if (first != std::string_view::npos && text[first] == '{') {
    std::size_t pos = first;
    const JsonValue head = parse_json_at(text, pos, name);
    const JsonValue* columns = head.get("columns");
    if (!columns || columns->type != JsonValue::Type::array)
      throw Error(Location{std::string(name), 1, 1, std::nullopt},
                  "a JSON table needs a \"columns\" list (the tools' --format json or jsonl)");
    for (const JsonValue& c : columns->items)
      t.columns.push_back(c.cell());
    if (const JsonValue* h = head.get("verbatim")) read_json_header(t, *h);
    if (const JsonValue* rows = head.get("rows")) {
      read_json_rows(t, *rows, name);
    } else {
      // JSON Lines: one object per line after the header.
      JsonValue lines;
      for (;;) {
        pos = text.find_first_not_of(" \t\r\n", pos);
        if (pos == std::string_view::npos) break;
        lines.items.push_back(parse_json_at(text, pos, name));
      }
      read_json_rows(t, lines, name);
    }
    finish(t);
    return t;
  }
  const std::string_view header = trim(text.substr(0, text.find('\n')));
  if (header.find('\t') != std::string_view::npos) {
    std::size_t pos = 0, line_no = 0;
    bool head = true;
    while (pos < text.size()) {
      const std::size_t eol = std::min(text.find('\n', pos), text.size());
      const std::string_view line = trim(text.substr(pos, eol - pos));
      pos = eol + 1;
      ++line_no;
      if (line.empty()) continue;
      std::vector<std::string> cells;
      std::size_t b = 0;
      while (b <= line.size()) {
        const std::size_t tab = std::min(line.find('\t', b), line.size());
        cells.push_back(tsv_unescape(line.substr(b, tab - b)));
        b = tab + 1;
      }
      if (head) {
        t.columns = std::move(cells);
        head = false;
      } else if (cells.size() != t.columns.size()) {
        throw Error(
            Location{std::string(name), line_no, 1, std::nullopt},
            fmt::format("row has {} fields, the header has {}", cells.size(), t.columns.size()));
      } else {
        t.rows.push_back(std::move(cells));
      }
    }
    finish(t);
    return t;
  }
  const char sep =
      header.find(';') != std::string_view::npos && header.find(',') == std::string_view::npos
          ? ';'
          : ',';
  CsvTable csv = parse_csv(text, name, sep);
  t.columns = std::move(csv.header);
  t.rows = std::move(csv.rows);
  finish(t);
  return t;
}

std::string column_label(std::string_view c, Locale locale) {
  struct Label {
    const char* en;
    const char* fr;
  };
  static const std::map<std::string_view, Label> kLabels = {
      {"word", {"Word", "Mot"}},
      {"length", {"Length", "Longueur"}},
      {"count", {"Count", "Nombre"}},
      {"weighted_percent", {"Weighted Percentage (%)", "Pourcentage pondéré (%)"}},
      {"similar_words", {"Similar Words", "Mots similaires"}},
      {"documents", {"Documents", "Documents"}},
      {"group", {"Group", "Groupe"}},
      {"target_count", {"Target count", "Effectif (cible)"}},
      {"reference_count", {"Reference count", "Effectif (référence)"}},
      {"log_likelihood", {"Log-likelihood", "Log-vraisemblance"}},
      {"log_ratio", {"Log ratio", "Log ratio"}},
      {"p_value", {"p", "p"}},
      {"chi2", {"Chi²", "Khi²"}},
      {"specificity", {"Specificity", "Spécificité"}},
      {"id", {"ID", "Identifiant"}},
      {"format", {"Format", "Format"}},
      {"encoding", {"Encoding", "Encodage"}},
      {"language", {"Language", "Langue"}},
      {"turns", {"Turns", "Tours de parole"}},
      {"speakers", {"Speakers", "Locuteurs"}},
      {"words", {"Words", "Mots"}},
      {"duration", {"Duration", "Durée"}},
      {"bytes", {"Bytes", "Octets"}},
      {"code", {"Code", "Code"}},
      {"files", {"Files", "Fichiers"}},
      {"references", {"References", "Références"}},
      {"coverage_percent", {"Coverage (%)", "Couverture (%)"}},
      {"total", {"Total", "Total"}},
      {"document", {"Document", "Document"}},
      {"participant", {"Participant", "Participant"}},
      {"speaker", {"Speaker", "Locuteur"}},
      {"unit", {"Unit", "Unité"}},
      {"start", {"Start", "Début"}},
      {"end", {"End", "Fin"}},
      {"line", {"Line", "Ligne"}},
      {"time", {"Time", "Temps"}},
      {"text", {"Quote", "Verbatim"}},
      {"a", {"Word A", "Mot A"}},
      {"b", {"Word B", "Mot B"}},
      {"a_count", {"A count", "Effectif A"}},
      {"b_count", {"B count", "Effectif B"}},
      {"code_a", {"Code A", "Code A"}},
      {"code_b", {"Code B", "Code B"}},
      {"a_references", {"A references", "Références A"}},
      {"b_references", {"B references", "Références B"}},
      {"jaccard", {"Jaccard", "Jaccard"}},
      {"dice", {"Dice", "Dice"}},
      {"cosine", {"Cosine", "Cosinus"}},
      {"pmi", {"PMI", "PMI"}},
      {"npmi", {"NPMI", "NPMI"}},
      {"ll", {"Log-likelihood", "Log-vraisemblance"}},
      {"c_coefficient", {"c-coefficient", "Coefficient c"}},
      {"left", {"Left context", "Contexte gauche"}},
      {"match", {"Match", "Occurrence"}},
      {"right", {"Right context", "Contexte droit"}},
      {"sexe", {"Sex", "Sexe"}},
      {"fonction", {"Position", "Fonction"}},
      {"annees_experience", {"Years of experience", "Années d'expérience"}},
      {"pays", {"Country", "Pays"}},
      {"entreprise", {"Organisation", "Entreprise"}},
      {"type_organisation", {"Type of organisation", "Type d'organisation"}},
      {"positionnement", {"Stance on AI", "Positionnement face à l'IA"}},
  };
  if (auto it = kLabels.find(c); it != kLabels.end())
    return locale == Locale::fr ? it->second.fr : it->second.en;
  // Other columns (participants, attribute values) as written.
  return std::string(c);
}

std::string display_cell(const ReportTable& t, std::size_t column, const std::string& value,
                         Locale locale) {
  if (locale != Locale::fr || column >= t.numeric.size() || !t.numeric[column]) return value;
  std::string out = value;
  std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

namespace {

// Code paths shown as their last name, indented by depth (em spaces survive Markdown and HTML).
bool hierarchical(const ReportTable& t, std::size_t column) {
  return column == 0 && t.columns[0] == "code" &&
         (t.kind == "summary" || t.kind == "matrix" || t.kind == "grid");
}

std::pair<std::size_t, std::string> code_parts(const std::string& path) {
  std::size_t depth = static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
  const std::size_t slash = path.rfind('/');
  return {depth, slash == std::string::npos ? path : path.substr(slash + 1)};
}

std::string shown(const ReportTable& t, std::size_t c, const std::string& v, Locale l) {
  if (c == 0 && v == "total" && t.kind == "matrix") return column_label("total", l);
  if (hierarchical(t, c)) {
    auto [depth, name] = code_parts(v);
    std::string out;
    for (std::size_t i = 0; i < depth; ++i)
      out += "\u2003";
    return out + name;
  }
  return display_cell(t, c, v, l);
}

void append_md(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else if (c != '\r') {
      out.push_back(c);
    }
  }
}

}  // namespace

std::string render_markdown(const ReportTable& t, const ReportOptions& o) {
  std::string out;
  if (!o.title.empty()) out += "**" + o.title + "**\n\n";
  out += "|";
  for (const auto& c : t.columns) {
    out += " ";
    append_md(out, column_label(c, o.locale));
    out += " |";
  }
  out += "\n|";
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    out += t.numeric[c] ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += " ";
      append_md(out, shown(t, c, row[c], o.locale));
      out += " |";
    }
    out += "\n";
  }
  if (!t.note.empty() || !o.caption.empty() || !o.source.empty()) out += "\n";
  if (!o.caption.empty()) out += "*" + o.caption + "*\n";
  if (!t.note.empty()) out += "*" + t.note + "*\n";
  if (!o.source.empty()) out += "*" + o.source + "*\n";
  return out;
}

std::string render_html_table(const ReportTable& t, const ReportOptions& o) {
  std::string out = "<figure class=\"table " + t.kind + "\">\n";
  if (!o.title.empty()) {
    out += "<figcaption>";
    append_html_escaped(out, o.title);
    out += "</figcaption>\n";
  }
  out += "<table>\n<thead><tr>";
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    out += t.numeric[c] ? "<th class=\"n\">" : "<th>";
    append_html_escaped(out, column_label(t.columns[c], o.locale));
    out += "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    const bool total = t.kind == "matrix" && !row.empty() && row[0] == "total";
    out += total ? "<tr class=\"total\">" : "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string v = shown(t, c, row[c], o.locale);
      std::string cls = t.numeric[c] ? "n" : "";
      if (v == "✓") cls = "yes";
      if (v == "✗") cls = "no";
      if (v == "?") cls = "maybe";
      out += cls.empty() ? "<td>" : "<td class=\"" + cls + "\">";
      std::string esc;
      append_html_escaped(esc, v);
      // Line breaks inside a cell (grid quotes) stay line breaks.
      std::size_t p = 0;
      while ((p = esc.find('\n', p)) != std::string::npos) {
        esc.replace(p, 1, "<br>");
        p += 4;
      }
      out += esc + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  for (const std::string* line : {&o.caption, &t.note, &o.source}) {
    if (line->empty()) continue;
    out += "<p class=\"note\">";
    append_html_escaped(out, *line);
    out += "</p>\n";
  }
  out += "</figure>\n";
  return out;
}

std::string html_page(const std::string& title, const std::string& body, Locale locale) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out += locale == Locale::fr ? "fr" : "en";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  append_html_escaped(out, title);
  out +=
      "</title>\n<style>\n"
      "body{font-family:'DejaVu Sans',system-ui,sans-serif;margin:2em auto;max-width:72em;"
      "color:#222;line-height:1.45;padding:0 1em}\n"
      "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}\n"
      "figure{margin:1.5em 0}figcaption{font-weight:bold;margin-bottom:.5em}\n"
      "table{border-collapse:collapse;font-size:.9em}\n"
      "th,td{padding:.3em .6em;text-align:left;vertical-align:top}\n"
      "thead th{border-top:2px solid #333;border-bottom:1px solid #333}\n"
      "tbody tr:last-child td{border-bottom:2px solid #333}\n"
      ".n{text-align:right;font-variant-numeric:tabular-nums}\n"
      "td.yes{color:#2e7d32;text-align:center}td.no{color:#b71c1c;text-align:center}"
      "td.maybe{color:#e65100;text-align:center}\n"
      "tr.total td{font-weight:bold;border-top:1px solid #999}\n"
      ".note{font-size:.85em;color:#555;margin:.3em 0}\n"
      "figure.table{overflow-x:auto}figure.grid td{min-width:14em;max-width:24em}\n"
      ".transcript p{margin:.4em 0}.speaker{font-weight:bold;color:#444}\n"
      "mark{border-radius:2px;padding:0 1px}\n"
      "nav ul{columns:2}svg{max-width:100%;height:auto}\n"
      "@media(max-width:700px){nav ul{columns:1}body{margin:1em auto}}\n"
      "</style>\n</head>\n<body>\n";
  out += body;
  out += "</body>\n</html>\n";
  return out;
}

namespace {

void append_tex(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
      case '{':
      case '}':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '^':
        out += "\\textasciicircum{}";
        break;
      case '\n':
        out += "\\newline ";
        break;
      default:
        if (s.compare(i, 3, "✓") == 0) {
          out += "\\checkmark{}";
          i += 2;
        } else if (s.compare(i, 3, "✗") == 0) {
          out += "$\\times$";
          i += 2;
        } else if (s.compare(i, 3, "\u2003") == 0) {
          out += "\\quad{}";
          i += 2;
        } else {
          out.push_back(c);
        }
    }
  }
}

}  // namespace

std::string render_latex(const ReportTable& t, const ReportOptions& o) {
  // Long text columns wrap in paragraph columns.
  const bool wrap = t.kind == "grid" || t.kind == "references" || t.kind == "kwic";
  std::string spec;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.numeric[c]) {
      spec += "r";
    } else if (wrap && c > 0) {
      spec += t.kind == "grid" ? "p{3.2cm}" : "p{5cm}";
    } else {
      spec += "l";
    }
  }
  std::string out =
      "% Needs \\usepackage{booktabs} (and amssymb for check marks).\n"
      "\\begin{table}[htbp]\n  \\centering\n  \\small\n";
  if (!o.title.empty()) {
    out += "  \\caption{";
    append_tex(out, o.title);
    out += "}\n";
  }
  out += "  \\begin{tabular}{" + spec + "}\n    \\toprule\n    ";
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (c) out += " & ";
    append_tex(out, column_label(t.columns[c], o.locale));
  }
  out += " \\\\\n    \\midrule\n";
  for (const auto& row : t.rows) {
    if (t.kind == "matrix" && !row.empty() && row[0] == "total") out += "    \\midrule\n";
    out += "    ";
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) out += " & ";
      append_tex(out, shown(t, c, row[c], o.locale));
    }
    out += " \\\\\n";
  }
  out += "    \\bottomrule\n  \\end{tabular}\n";
  for (const std::string* line : {&o.caption, &t.note, &o.source}) {
    if (line->empty()) continue;
    out += "  \\par\\smallskip{\\footnotesize ";
    append_tex(out, *line);
    out += "}\n";
  }
  out += "\\end{table}\n";
  return out;
}

std::string render_csv(const ReportTable& t, const ReportOptions& o) {
  // French spreadsheets read ';' separated files with decimal commas.
  const char sep = o.locale == Locale::fr ? ';' : ',';
  std::string out = o.bom ? "\xEF\xBB\xBF" : "";
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (c) out.push_back(sep);
    append_csv_field(out, column_label(t.columns[c], o.locale), sep);
  }
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) out.push_back(sep);
      std::string v = display_cell(t, c, row[c], o.locale);
      if (o.safe_cells && !t.numeric[c] && !v.empty() &&
          (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@'))
        v.insert(v.begin(), '\'');
      append_csv_field(out, v, sep);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace verbatim
