// verbatim kwic: keyword in context, with the provenance of every line.
#include <algorithm>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/completion.hpp"
#include "cli/help.hpp"
#include "cli/suggest.hpp"
#include "tools.hpp"
#include "verbatim/concordance.hpp"
#include "verbatim/html.hpp"

namespace verbatim::cli {

namespace {

struct KwicArgs {
  CommonOptions common;
  std::vector<std::string> positional;  // QUERY PATHS... (QUERY only when no -e)
  std::vector<std::string> queries;     // -e
  std::string context = "5";
  std::string sort = "doc";
  std::size_t max = 0;
  bool stem = false;
  bool lemma = false;
};

using Row = std::vector<std::string>;  // the table's cells, as text

std::string format_time(const std::optional<double>& t) {
  if (!t) return "";
  const auto ms = static_cast<long long>(*t * 1000 + 0.5);
  return fmt::format("{}:{:02}:{:02}.{:03}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
                     ms % 1000);
}

// Sort keys: the context words nearest the match first.
std::string left_key(const std::string& left) {
  std::string lower = normalize_token(left), key;
  std::size_t end = lower.size();
  while (end > 0) {
    std::size_t sp = lower.rfind(' ', end - 1);
    const std::size_t b = sp == std::string::npos ? 0 : sp + 1;
    key += lower.substr(b, end - b);
    key.push_back('\x01');
    if (sp == std::string::npos) break;
    end = sp;
  }
  return key;
}

// A self-contained concordance page: aligned contexts, the match highlighted, all text escaped.
std::string html_head(const std::vector<std::string>& queries) {
  std::string q;
  for (const auto& x : queries) {
    if (!q.empty()) q += ", ";
    append_html_escaped(q, x);
  }
  return "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>kwic: " + q +
         "</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em}"
         "table{border-collapse:collapse;font-size:14px}td{padding:3px 6px;vertical-align:top}"
         "tr:nth-child(even){background:#f4f4f4}.l{text-align:right;white-space:nowrap}"
         ".m{font-weight:bold;white-space:nowrap}mark{background:#ffe08a;padding:0 2px}"
         ".r{white-space:nowrap}"
         ".src{color:#666;font-size:12px;white-space:nowrap}</style></head>\n<body>\n"
         "<h1>kwic: " +
         q +
         "</h1>\n<table><thead><tr><th>source</th><th>speaker</th>"
         "<th></th><th></th><th></th></tr></thead><tbody>\n";
}

void html_row(std::string& page, const std::vector<std::string>& r) {
  page += "<tr><td class=\"src\">";
  append_html_escaped(page, r[0]);
  page += ":" + r[3];
  if (!r[9].empty()) {
    page += " ";
    append_html_escaped(page, r[9]);
  }
  page += "</td><td class=\"src\">";
  append_html_escaped(page, r[1].empty() ? r[2] : r[1]);
  page += "</td><td class=\"l\">";
  append_html_escaped(page, r[6]);
  page += "</td><td class=\"m\"><mark>";
  append_html_escaped(page, r[7]);
  page += "</mark></td><td class=\"r\">";
  append_html_escaped(page, r[8]);
  page += "</td></tr>\n";
}

int run_kwic(KwicArgs a) {
  CommonOptions& o = a.common;
  if (a.queries.empty()) {
    if (a.positional.empty()) throw UsageError("kwic needs a QUERY (or -e QUERY)");
    a.queries.push_back(a.positional.front());
    a.positional.erase(a.positional.begin());
  }
  o.paths = a.positional;
  ConcordanceOptions co;
  co.hyphens = parse_hyphens(o.hyphens);
  if (a.context == "sentence") {
    co.mode = ContextMode::sentence;
  } else if (a.context == "turn") {
    co.mode = ContextMode::turn;
  } else {
    try {
      std::size_t used = 0;
      co.words = std::stoul(a.context, &used);
      if (used != a.context.size()) throw std::invalid_argument(a.context);
    } catch (const std::exception&) {
      throw UsageError(
          fmt::format("--context takes a number of words, sentence or turn, not '{}'{}", a.context,
                      did_you_mean(a.context, {"sentence", "turn"})));
    }
  }
  if (a.sort != "doc" && a.sort != "left" && a.sort != "right") {
    throw UsageError(fmt::format("--sort must be doc, left or right, not '{}'{}", a.sort,
                                 did_you_mean(a.sort, {"doc", "left", "right"})));
  }
  if (a.stem && a.lemma) throw UsageError("--stem and --lemma exclude each other");
  const Matcher matcher = a.lemma ? Matcher(a.queries, lexicons_for(a.common, GroupMode::lemma))
                                  : Matcher(a.queries, a.stem);
  CorpusReader reader("kwic", o);
  const bool html = o.format == "html";
  std::unique_ptr<OutputFile> html_out;
  std::string page;
  if (html) {
    html_out = std::make_unique<OutputFile>(o.output);
    page = html_head(a.queries);
  }
  std::optional<TableOutput> out;
  if (!html) {
    out = open_table(o,
                     {"document", "participant", "speaker", "line", "start", "end", "left", "match",
                      "right", "time"},
                     json_header("kwic", o));
  }
  std::vector<Row> rows;
  const bool streaming = a.sort == "doc";
  std::size_t written = 0;
  auto write = [&](const Row& r) {
    if (a.max && written >= a.max) return;
    if (html) {
      html_row(page, r);
      ++written;
      return;
    }
    std::vector<Cell> cells;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const bool number = i >= 3 && i <= 5;
      cells.push_back({r[i], number ? CellType::number : CellType::string, i == 9 && r[i].empty()});
    }
    out->writer->row(cells);
    ++written;
  };
  const bool ok = reader.map_documents<std::vector<Row>>(
      [&](Document& doc) {
        std::vector<Row> result;
        for (const ConcordanceLine& l : concordance(
                 doc, matcher, co, [&](const DocumentTurn& t) { return reader.keep_turn(t); })) {
          result.push_back({doc.source.id, l.turn->participant, l.turn->speaker,
                            std::to_string(l.line), std::to_string(l.start), std::to_string(l.end),
                            l.left, l.match, l.right, format_time(l.time)});
        }
        return result;
      },
      [&](std::vector<Row>& result) {
        for (auto& r : result) {
          if (streaming) {
            write(r);
          } else {
            rows.push_back(std::move(r));
          }
        }
      });
  if (!ok) return kBadInput;
  if (!streaming) {
    // Stable: equal contexts keep document order.
    std::vector<std::pair<std::string, std::size_t>> keys;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      keys.push_back({a.sort == "left" ? left_key(rows[i][6]) : normalize_token(rows[i][8]), i});
    }
    std::stable_sort(keys.begin(), keys.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [key, i] : keys)
      write(rows[i]);
  }
  if (html) {
    page += "</tbody></table>\n</body></html>\n";
    html_out->write(page);
    html_out->commit();
    return kOk;
  }
  out->commit();
  return kOk;
}

}  // namespace

void register_kwic(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<KwicArgs>();
  CLI::App* cmd = app.add_subcommand("kwic", "Keyword in context: every passage behind a count");
  add_common_flags(cmd, a->common, kOutputFlags | kTextFlags);
  cmd->add_option("query_and_paths", a->positional,
                  "QUERY (unless -e is given), then files or folders");
  cmd->add_option("-e,--query", a->queries, "A query: word, glob (fidél*), \"phrase of words\"")
      ->allow_extra_args(false);
  set_choices(
      cmd->add_option("--context", a->context, "Context: a number of words, sentence or turn")
          ->default_val("5"),
      {"sentence", "turn"});
  cmd->add_flag("--stem", a->stem, "Match words by their Snowball stem");
  cmd->add_flag("--lemma", a->lemma, "Match words by their lemma (every form of the word)");
  set_choices(
      cmd->add_option("--sort", a->sort, "Order: doc, left or right context")->default_val("doc"),
      {"doc", "left", "right"});
  cmd->add_option("--max", a->max, "At most N lines");
  // --format also takes html here: a self-contained page with the matches highlighted.
  set_choices(cmd->get_option("--format")
                  ->description("Output format: csv, tsv, json, jsonl, md or html (a page)"),
              {"csv", "tsv", "json", "jsonl", "md", "html"});
  // The corpus flags without the positional paths (taken above).
  CommonOptions& o = a->common;
  set_choices(cmd->add_option("--lang", o.lang, "Language of the documents: auto, fr or en")
                  ->default_val("auto"),
              kLangs);
  set_choices(cmd->add_option("--role", o.role, "Keep only the turns of speakers with this role"),
              kRoles);
  cmd->add_option("--speakers", o.speakers, "CSV label,participant,role mapping speaker labels");
  cmd->add_option("--attributes", o.attributes, "CSV of case attributes");
  cmd->add_flag("--strict", o.strict, "Invalid UTF-8 is an error instead of a fallback");
  cmd->add_option("--threads", o.threads, "Worker threads (0: all cores)");
  set_help_footer(
      cmd,
      "Columns: document,participant,speaker,line,start,end,left,match,right,time\n"
      "  line: in the original file; start/end: byte offsets into the normalized text; time: the "
      "turn's\n  start (VTT, SRT, Otter, [hh:mm:ss] labels).",
      {"verbatim kwic 'fidél*' data/sample --role participant",
       "verbatim kwic \"IA générative\" data/sample --context sentence --format md",
       "verbatim kwic -e personnalisation -e recommandation --stem data/sample --sort left"});
  cmd->callback(
      [a, &exit_code] { exit_code = run_tool("kwic", a->common, [&] { return run_kwic(*a); }); });
}

}  // namespace verbatim::cli
