// verbatim corpus: one row per document (inventory), and `corpus check` (lint, exit 3).
#include <filesystem>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "cli/suggest.hpp"
#include "tools.hpp"
#include "verbatim/inventory.hpp"
#include "verbatim/json.hpp"

namespace verbatim::cli {

namespace {

struct CorpusArgs {
  CommonOptions common;
  CommonOptions check;
  std::string names;
};

int run_inventory(const CommonOptions& o) {
  // "verbatim corpus chek DIR": a mistyped subcommand, not a missing transcript.
  if (!o.paths.empty() && !std::filesystem::exists(o.paths.front())) {
    if (const std::string hint = did_you_mean(o.paths.front(), {"check"}); !hint.empty())
      throw UsageError(fmt::format("unknown subcommand '{}'{}", o.paths.front(), hint));
  }
  CorpusReader reader("corpus", o);
  const HyphenMode hyphens = parse_hyphens(o.hyphens);
  struct Row {
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;
  std::size_t total_words = 0, total_tokens = 0;
  Fingerprint fingerprint;
  const bool ok = reader.for_each([&](Document& doc) {
    const DocumentStats s = document_stats(
        doc, {doc.language, hyphens}, [&](const DocumentTurn& t) { return reader.keep_turn(t); });
    total_words += s.words;
    total_tokens += s.tokens;
    Fingerprint one;
    one.add(doc);
    fingerprint.combine(one);
    rows.push_back(
        {{doc.source.id, std::string(format_name(doc.format)),
          std::string(encoding_name(doc.encoding)), std::string(language_code(doc.language)),
          std::to_string(s.turns), std::to_string(s.speakers.size()), std::to_string(s.words),
          s.duration_seconds ? format_duration(*s.duration_seconds) : "",
          std::to_string(doc.input_bytes)}});
  });
  if (!ok) return kBadInput;
  std::string header = json_header("corpus", o);
  header.pop_back();
  header += fmt::format(
      ",\"corpus\":{{\"documents\":{},\"tokens\":{},\"words\":{},\"fingerprint\":\"{}\"}}}}",
      rows.size(), total_tokens, total_words, fingerprint.hex());
  TableOutput out = open_table(
      o,
      {"id", "format", "encoding", "language", "turns", "speakers", "words", "duration", "bytes"},
      header);
  std::vector<Cell> cells(9);
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const bool numeric = i == 4 || i == 5 || i == 6 || i == 8;
      cells[i] = {r.cells[i], numeric ? CellType::number : CellType::string,
                  i == 7 && r.cells[i].empty()};
    }
    out.writer->row(cells);
  }
  out.commit();
  return kOk;
}

int run_check(const CommonOptions& o, const std::string& names_file) {
  CorpusReader reader("corpus check", o);
  const HyphenMode hyphens = parse_hyphens(o.hyphens);
  LintOptions lo;
  lo.speakers = reader.speakers();
  lo.attributes = reader.attributes();
  if (!names_file.empty()) {
    FileBytes bytes = FileBytes::open(names_file);
    const std::string text = decode(bytes.view(), names_file, {true}).text;
    std::size_t i = 0;
    while (i < text.size()) {
      std::size_t eol = std::min(text.find('\n', i), text.size());
      std::string name = text.substr(i, eol - i);
      while (!name.empty() && (name.back() == ' ' || name.back() == '\r'))
        name.pop_back();
      if (!name.empty() && name[0] != '#') lo.names.push_back(name);
      i = eol + 1;
    }
  }
  CorpusLinter linter(lo);
  // Reading problems are findings here, not errors: collect them per document.
  Diagnostics diags;
  std::vector<std::string> paths = o.paths.empty() ? std::vector<std::string>{"-"} : o.paths;
  std::vector<SourceRef> sources = list_sources(paths, diags);
  for (const auto& d : diags)
    linter.add_failure(d);
  std::size_t documents = 0;
  for (const auto& src : sources) {
    Diagnostics warnings;
    try {
      auto doc = load_document(src, reader.corpus_options(), warnings);
      if (!doc) {
        for (const auto& w : warnings)
          linter.add_failure(w);
        continue;
      }
      ++documents;
      linter.add(*doc, warnings, {doc->language, hyphens});
    } catch (const Error& e) {
      for (const auto& w : warnings)
        linter.add_failure(w);
      linter.add_failure(e.diagnostic());
    }
  }
  const std::vector<Diagnostic> findings = linter.finish();
  OutputFile out(o.output);
  for (const auto& f : findings)
    out.write(format_diagnostic(f) + "\n");
  out.commit();
  if (!o.quiet) {
    fmt::print(stderr, "verbatim corpus check: {} finding{} in {} document{}\n", findings.size(),
               findings.size() == 1 ? "" : "s", documents, documents == 1 ? "" : "s");
  }
  return findings.empty() ? kOk : kCheckFailed;
}

}  // namespace

void register_corpus(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CorpusArgs>();
  CLI::App* cmd = app.add_subcommand("corpus", "Inventory of the documents: one row each");
  add_common_flags(cmd, args->common, kOutputFlags | kCorpusFlags);
  add_hyphens_flag(cmd, args->common);
  set_help_footer(
      cmd, "Columns: id,format,encoding,language,turns,speakers,words,duration,bytes",
      {"verbatim corpus data/sample --format md",
       "verbatim corpus data/sample --role participant --sep ';' --bom -o entretiens.csv",
       "verbatim corpus check data/sample"});

  CLI::App* check = cmd->add_subcommand("check", "Lint the corpus; exit 3 when anything is found");
  add_common_flags(check, args->check, kCorpusFlags);
  check->add_option("-o,--output", args->check.output, "Write the findings to this file");
  check->add_option("--names", args->names,
                    "File of pseudonymised names (one a line) that must not appear");
  set_help_footer(
      check, "Findings: FILE:LINE: message, one a line; exit 3 when there is any.",
      {"verbatim corpus check data/sample",
       "printf 'Benali\\n' > noms.txt && verbatim corpus check data/sample --names noms.txt"});

  cmd->callback([args, check, &exit_code] {
    if (check->parsed()) return;
    exit_code = run_tool("corpus", args->common, [&] { return run_inventory(args->common); });
  });
  check->callback([args, &exit_code] {
    exit_code =
        run_tool("corpus check", args->check, [&] { return run_check(args->check, args->names); });
  });
}

}  // namespace verbatim::cli
