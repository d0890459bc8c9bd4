// verbatim report: renders the tools' tables and figures as theses print them, and runs a whole
// study from its recipe.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/completion.hpp"
#include "cli/help.hpp"
#include "cli/suggest.hpp"
#include "report/render.hpp"
#include "tools.hpp"
#include "verbatim/coding.hpp"
#include "verbatim/source.hpp"

namespace verbatim::cli {

std::optional<Locale> parse_locale(const std::string& s) {
  if (s == "fr") return Locale::fr;
  if (s == "en") return Locale::en;
  return std::nullopt;
}

std::string default_figure(const std::string& kind) {
  if (kind == "freq" || kind == "keyness" || kind == "summary") return "bar";
  if (kind == "matrix") return "heatmap";
  if (kind == "cooccur" || kind == "code_cooccurrence") return "network";
  return "";
}

// The table cannot give what was asked of it: an input error naming the file and its columns.
[[noreturn]] void table_error(const ReportTable& t, const std::string& message) {
  std::string known;
  for (const auto& k : t.columns)
    known += (known.empty() ? "" : ", ") + k;
  throw Error(Location{t.name, 0, 0, std::nullopt},
              fmt::format("{} (its columns: {})", message, known));
}

ReportTable select_columns(const ReportTable& t, const std::vector<std::string>& columns) {
  if (columns.empty()) return t;
  std::vector<std::size_t> idx;
  for (const auto& c : columns) {
    auto it = std::find(t.columns.begin(), t.columns.end(), c);
    if (it == t.columns.end()) table_error(t, fmt::format("no column '{}'", c));
    idx.push_back(static_cast<std::size_t>(it - t.columns.begin()));
  }
  ReportTable out;
  out.name = t.name;
  out.kind = t.kind;
  out.note = t.note;
  for (std::size_t i : idx) {
    out.columns.push_back(t.columns[i]);
    out.numeric.push_back(t.numeric[i]);
  }
  for (const auto& r : t.rows) {
    std::vector<std::string> row;
    for (std::size_t i : idx)
      row.push_back(r[i]);
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string render_table(const ReportTable& t, const std::string& to, const ReportOptions& o) {
  if (to == "md") return render_markdown(t, o);
  if (to == "html") return html_page(o.title, render_html_table(t, o), o.locale);
  if (to == "tex") return render_latex(t, o);
  if (to == "csv") return render_csv(t, o);
  if (to == "xlsx") return render_xlsx(t, o);
  throw UsageError(
      fmt::format("--to must be md, html, tex, csv, xlsx, svg or png, not '{}'{}", to,
                  did_you_mean(to, {"md", "html", "tex", "csv", "xlsx", "svg", "png"})));
}

namespace {

std::size_t column(const ReportTable& t, const char* name) {
  auto it = std::find(t.columns.begin(), t.columns.end(), name);
  return it == t.columns.end() ? std::string::npos
                               : static_cast<std::size_t>(it - t.columns.begin());
}

double number(const std::string& s) {
  std::string v = s;
  std::replace(v.begin(), v.end(), ',', '.');
  return std::strtod(v.c_str(), nullptr);
}

std::string last_name(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The color of the first code whose rules find `word` (a one-word document coded with the
// codebook, in French then English).
class WordColors {
 public:
  explicit WordColors(const Codebook* cb) : cb_(cb) {
    if (cb_) coder_.emplace(*cb_);
  }
  std::optional<Color> of(const std::string& word) const {
    if (!coder_) return std::nullopt;
    for (Language lang : {Language::fr, Language::en}) {
      Diagnostics w;
      CorpusOptions o;
      o.language = lang;
      const Document d = make_document({"w", "w", "w"}, Format::text, word + "\n", o, w);
      // The most specific code that found the word and has a color (or whose ancestor has).
      std::optional<std::size_t> best;
      for (const Reference& r :
           coder_->code(d, [](const DocumentTurn&) { return true; }).references) {
        if (!best || cb_->codes[r.code].depth > cb_->codes[*best].depth) best = r.code;
      }
      for (auto k = best; k; k = cb_->codes[*k].parent) {
        if (auto c = Color::parse(cb_->codes[*k].color)) return c;
      }
    }
    return std::nullopt;
  }

 private:
  const Codebook* cb_;
  std::optional<Coder> coder_;
};

std::optional<Color> code_color(const Codebook* cb, const std::string& path) {
  if (!cb) return std::nullopt;
  for (auto k = cb->find(path); k; k = cb->codes[*k].parent) {
    if (auto c = Color::parse(cb->codes[*k].color)) return c;
  }
  return std::nullopt;
}

Scene bar_figure(const ReportTable& t, const FigureRequest& f, const Fonts& fonts) {
  std::size_t label = 0, value = std::string::npos;
  std::string format = "{}";
  if (t.kind == "freq") {
    label = column(t, "word");
    value = column(t, "count");
  } else if (t.kind == "keyness") {
    label = column(t, "word");
    value = column(t, "log_likelihood");
    format = "{:.1f}";
  } else if (t.kind == "summary") {
    label = column(t, "code");
    value = column(t, "references");
  } else {
    for (std::size_t c = 1; c < t.columns.size() && value == std::string::npos; ++c) {
      if (t.numeric[c]) value = c;
    }
  }
  if (value == std::string::npos) table_error(t, "a bar chart needs a numeric column");
  std::vector<Bar> bars;
  for (const auto& r : t.rows) {
    if (bars.size() >= f.top) break;
    Bar b;
    b.label = t.kind == "summary" ? last_name(r[label]) : r[label];
    b.value = number(r[value]);
    if (t.kind == "summary") b.color = code_color(f.codebook, r[label]);
    bars.push_back(std::move(b));
  }
  ChartOptions o;
  o.title = f.title;
  o.value_format = format;
  return bar_chart(bars, o, fonts);
}

Scene cloud_figure(const ReportTable& t, const FigureRequest& f, const Fonts& fonts) {
  const std::size_t word = column(t, "word"), count = column(t, "count");
  if (word == std::string::npos || count == std::string::npos)
    table_error(t, "a word cloud needs a word frequency table (word, count)");
  const WordColors colors(f.codebook);
  std::vector<CloudWord> words;
  for (const auto& r : t.rows) {
    if (words.size() >= f.top) break;
    words.push_back({r[word], number(r[count]), colors.of(r[word])});
  }
  ChartOptions o;
  o.title = f.title;
  o.max_words = f.top;
  return word_cloud(words, o, fonts);
}

Scene heatmap_figure(const ReportTable& t, const FigureRequest& f, const Fonts& fonts) {
  if (t.kind != "matrix")
    table_error(t, "a heat map needs a code matrix (codebook --output matrix)");
  Matrix m;
  const std::size_t ncols = t.columns.size() - 1;  // without "total"
  for (std::size_t c = 1; c < ncols; ++c)
    m.columns.push_back(t.columns[c]);
  for (const auto& r : t.rows) {
    if (r[0] == "total") continue;
    m.rows.push_back(last_name(r[0]));
    m.row_colors.push_back(code_color(f.codebook, r[0]));
    m.cells.emplace_back(r.begin() + 1, r.begin() + static_cast<std::ptrdiff_t>(ncols));
  }
  ChartOptions o;
  o.title = f.title;
  return heat_map(m, o, fonts);
}

Scene network_figure(const ReportTable& t, const FigureRequest& f, const Fonts& fonts) {
  const bool codes = t.kind == "code_cooccurrence";
  const std::size_t a = column(t, codes ? "code_a" : "a"), b = column(t, codes ? "code_b" : "b");
  const std::size_t count = column(t, "count");
  const std::size_t na = column(t, codes ? "a_references" : "a_count");
  const std::size_t nb = column(t, codes ? "b_references" : "b_count");
  if (a == std::string::npos || count == std::string::npos)
    table_error(t, "a network needs a co-occurrence table (cooccur, or codebook cooccurrence)");
  // The strongest edges, ties in table order.
  std::vector<std::size_t> order(t.rows.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return number(t.rows[x][count]) > number(t.rows[y][count]);
  });
  if (order.size() > f.top) order.resize(f.top);
  Network n;
  std::map<std::string, std::size_t> index;
  auto node = [&](const std::string& name, double weight) {
    auto [it, fresh] = index.emplace(name, n.nodes.size());
    if (fresh) {
      n.nodes.push_back({codes ? last_name(name) : name, weight,
                         codes ? code_color(f.codebook, name) : std::nullopt});
    }
    return it->second;
  };
  for (std::size_t i : order) {
    const auto& r = t.rows[i];
    const double wa = na == std::string::npos ? 1 : number(r[na]);
    const double wb = nb == std::string::npos ? 1 : number(r[nb]);
    const std::size_t x = node(r[a], wa), y = node(r[b], wb);
    n.edges.push_back({x, y, number(r[count])});
  }
  ChartOptions o;
  o.title = f.title;
  return network_graph(n, o, fonts);
}

}  // namespace

Scene make_figure(const ReportTable& t, const FigureRequest& f, const Fonts& fonts) {
  if (f.kind == "bar") return bar_figure(t, f, fonts);
  if (f.kind == "cloud") return cloud_figure(t, f, fonts);
  if (f.kind == "heatmap") return heatmap_figure(t, f, fonts);
  if (f.kind == "network") return network_figure(t, f, fonts);
  throw UsageError(fmt::format("--figure must be bar, cloud, heatmap or network, not '{}'{}",
                               f.kind,
                               did_you_mean(f.kind, {"bar", "cloud", "heatmap", "network"})));
}

namespace {

struct ReportArgs {
  CommonOptions common;
  std::vector<std::string> inputs;
  std::string to = "md", figure, locale = "en", title, caption, source, codebook, recipe;
  std::vector<std::string> columns;
  std::size_t top = 30;
  bool check = false, bom = false;
};

int run_report(ReportArgs a) {
  if (!a.recipe.empty()) {
    if (!a.inputs.empty()) throw UsageError("--recipe takes no TABLE");
    if (a.common.output.empty() || a.common.output == "-")
      throw UsageError("--recipe needs -o DIR, the output folder");
    return run_recipe(a.recipe, a.common.output, a.check, a.common.quiet);
  }
  if (a.check) throw UsageError("--check goes with --recipe");
  if (a.inputs.size() > 1) throw UsageError("report renders one TABLE at a time");
  const auto locale = parse_locale(a.locale);
  if (!locale) {
    throw UsageError(fmt::format("--locale must be fr or en, not '{}'{}", a.locale,
                                 did_you_mean(a.locale, {"fr", "en"})));
  }
  const std::string path = a.inputs.empty() ? "-" : a.inputs.front();
  const std::string text = read_text(path);
  const ReportTable t = select_columns(read_report_table(text, path), a.columns);
  std::optional<Codebook> cb;
  if (!a.codebook.empty()) cb = load_codebook(a.codebook);
  OutputFile out(a.common.output);
  if (a.to == "svg" || a.to == "png" || !a.figure.empty()) {
    FigureRequest f;
    f.kind = a.figure.empty() ? default_figure(t.kind) : a.figure;
    if (f.kind.empty())
      table_error(t, fmt::format("no figure for a '{}' table; choose one with --figure", t.kind));
    f.top = a.top;
    f.title = a.title;
    f.codebook = cb ? &*cb : nullptr;
    const Fonts fonts = Fonts::load();
    const Scene s = make_figure(t, f, fonts);
    if (a.to == "png") {
      out.write(to_png(s, fonts, 2.0));
    } else if (a.to == "svg") {
      out.write(to_svg(s));
    } else {
      throw UsageError("a --figure is written --to svg or --to png");
    }
    out.commit();
    return kOk;
  }
  ReportOptions o;
  o.locale = *locale;
  o.title = a.title;
  o.caption = a.caption;
  o.source = a.source;
  o.bom = a.bom;
  out.write(render_table(t, a.to, o));
  out.commit();
  return kOk;
}

}  // namespace

void register_report(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Tables and figures as theses print them; a whole study from its recipe");
  cmd->add_option("table", a->inputs,
                  "A table written by a verbatim tool (CSV, TSV, JSON; '-': stdin)");
  set_choices(cmd->add_option("--to", a->to, "md, html, tex, csv, xlsx, or svg / png for a figure")
                  ->default_val("md"),
              {"md", "html", "tex", "csv", "xlsx", "svg", "png"});
  set_choices(cmd->add_option("--figure", a->figure, "bar, cloud, heatmap or network"),
              {"bar", "cloud", "heatmap", "network"});
  set_choices(
      cmd->add_option("--locale", a->locale, "Headers and numbers: fr or en")->default_val("en"),
      {"fr", "en"});
  set_choices(cmd->add_option("--title", a->title, "Title above the table or figure"), {});
  set_choices(cmd->add_option("--caption", a->caption, "A note under the table"), {});
  set_choices(cmd->add_option("--source", a->source, "Source line under the table"), {});
  set_choices(
      cmd->add_option("--columns", a->columns, "Keep these columns, in this order")->delimiter(','),
      {});
  cmd->add_option("--top", a->top, "Figures: at most N bars, words or edges")->default_val(30);
  cmd->add_option("--codebook", a->codebook, "Codebook whose colors paint codes and words");
  cmd->add_option("--recipe", a->recipe, "Run a whole study (study.yml) into -o DIR");
  cmd->add_flag("--bom", a->bom, "--to csv: start with a UTF-8 byte-order mark (Excel)");
  cmd->add_flag("--check", a->check,
                "With --recipe: rerun into a temporary folder and compare (exit 3 when stale)");
  cmd->add_option("-o,--output", a->common.output, "Output file (a folder with --recipe)");
  cmd->add_flag("-q,--quiet", a->common.quiet, "Only errors on stderr");
  set_help_footer(
      cmd,
      "Input: a table written by a verbatim tool; its kind (frequencies, keyness, code summary,\n"
      "matrix, grid, co-occurrences...) is recognised from its columns. --to xlsx is the way to\n"
      "Excel; --recipe with --check exits 3 when a committed output is stale.",
      {"verbatim freq data/sample --role participant --top 30 | verbatim report --locale fr \\\n"
       "      --title \"Figure 2 : Mots les plus fréquents\"",
       "verbatim codebook apply data/sample/codebook.yml data/sample --role participant \\\n"
       "      --output matrix --by attr:type_organisation | verbatim report --to xlsx --locale fr "
       "-o matrice.xlsx",
       "verbatim freq data/sample --role participant --top 80 | verbatim report --figure cloud "
       "--to png -o nuage.png",
       "verbatim report --recipe data/sample/study.yml -o out/"});
  cmd->callback([a, &exit_code] {
    exit_code = run_tool("report", a->common, [&] { return run_report(*a); });
  });
}

}  // namespace verbatim::cli
