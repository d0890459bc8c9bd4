// verbatim codebook: rule-based theme coding, the tables theses print, and REFI-QDA exchange.
//
//   codebook apply CODEBOOK [PATHS]    references, summary, matrix, grid, cooccurrence
//   codebook check CODEBOOK [PATHS]    lint: exit 3 on findings
//   codebook export CODEBOOK --qdc | --qdpx OUT.qdpx [PATHS]
//   codebook import FILE.qdc           the codebook as YAML
//   codebook import-codings FILE.qdpx  the codings made in another tool, as a table
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/cli.hpp"
#include "cli/completion.hpp"
#include "cli/help.hpp"
#include "cli/suggest.hpp"
#include "tools.hpp"
#include "verbatim/coding.hpp"
#include "verbatim/coding_tables.hpp"
#include "verbatim/csv.hpp"
#include "verbatim/json.hpp"
#include "verbatim/refi.hpp"
#include "verbatim/source.hpp"
#include "verbatim/version.hpp"

namespace verbatim::cli {

namespace {

bool uses_lemmas(const std::vector<Rule>& rules) {
  return std::any_of(rules.begin(), rules.end(), [](const Rule& r) {
    return r.kind == Rule::Kind::lemma || uses_lemmas(r.operands);
  });
}

// The coding options of the common flags; the lexicons are opened when a rule needs them.
CodingOptions coding_options(const Codebook& cb, const CommonOptions& o) {
  CodingOptions co;
  co.hyphens = parse_hyphens(o.hyphens);
  const bool lemmas = std::any_of(cb.codes.begin(), cb.codes.end(),
                                  [](const Code& c) { return uses_lemmas(c.rules); });
  if (lemmas) co.lexicons = lexicons_for(o, GroupMode::lemma);
  return co;
}

struct CodebookArgs {
  CommonOptions common;
  std::vector<std::string> positional;  // CODEBOOK PATHS...
  std::vector<std::string> outputs{"references"};
  std::string unit, by, cell = "presence", order = "longest", codings, columns;
  std::size_t min_references = 1, quotes = 3, max_chars = 0, max_rules = kDefaultMaxRules;
  bool fold_accents = false;
  // export
  bool qdc = false;
  std::string qdpx;
  std::string project_name;
};

const std::vector<std::string> kOutputs = {"references", "summary", "matrix", "grid",
                                           "cooccurrence"};

std::string format_time(const std::optional<double>& t) {
  if (!t) return "";
  const auto ms = static_cast<long long>(*t * 1000 + 0.5);
  return fmt::format("{}:{:02}:{:02}.{:03}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
                     ms % 1000);
}

// The codebook named first, with --unit and --fold-accents applied.
Codebook take_codebook(CodebookArgs& a) {
  if (a.positional.empty()) throw UsageError("the CODEBOOK file is missing");
  Codebook cb = load_codebook(a.positional.front(), a.max_rules);
  a.positional.erase(a.positional.begin());
  a.common.paths = a.positional;
  if (!a.unit.empty()) {
    auto u = parse_unit_kind(a.unit);
    if (!u) {
      throw UsageError(
          fmt::format("--unit must be sentence, turn, paragraph or document, not '{}'{}", a.unit,
                      did_you_mean(a.unit, {"sentence", "turn", "paragraph", "document"})));
    }
    cb.unit = *u;
  }
  if (a.fold_accents) cb.fold_accents = true;
  return cb;
}

std::string codebook_header(const std::string& tool, const CodebookArgs& a, const Codebook& cb) {
  std::string h = json_header(tool, a.common);
  h.pop_back();  // the closing brace, to add the codebook
  h += ",\"codebook\":{\"file\":";
  append_json_string(h, cb.file);
  h += ",\"name\":";
  append_json_string(h, cb.name);
  h += ",\"unit\":";
  append_json_string(h, unit_kind_name(cb.unit));
  h += fmt::format(",\"codes\":{},\"fold_accents\":{}}}}}", cb.codes.size(),
                   cb.fold_accents ? "true" : "false");
  return h;
}

// Codings made elsewhere (`import-codings` output, or any table with code, document, start and
// end byte columns), by document id.
std::map<std::string, std::vector<ManualCoding>> load_codings(const std::string& path,
                                                              const Codebook& cb) {
  const CsvTable t = parse_csv(read_text(path), path);
  auto col = [&](const char* name) {
    for (std::size_t i = 0; i < t.header.size(); ++i) {
      if (t.header[i] == name) return i;
    }
    throw Error(Location{path, 1, 1, std::nullopt},
                fmt::format("a codings table needs a '{}' column (code,document,start,end)", name));
  };
  const std::size_t c_code = col("code"), c_doc = col("document"), c_start = col("start"),
                    c_end = col("end");
  std::map<std::string, std::vector<ManualCoding>> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const Location where{path, t.row_lines[r], 0, std::nullopt};
    auto code = cb.find(row[c_code]);
    if (!code) throw Error(where, fmt::format("code '{}' is not in the codebook", row[c_code]));
    ManualCoding m;
    m.code = static_cast<std::uint32_t>(*code);
    try {
      std::size_t u1 = 0, u2 = 0;
      const unsigned long s = std::stoul(row[c_start], &u1), e = std::stoul(row[c_end], &u2);
      if (u1 != row[c_start].size() || u2 != row[c_end].size() || e < s || e > UINT32_MAX)
        throw std::invalid_argument("span");
      m.span = {static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e)};
    } catch (const std::exception&) {
      throw Error(where,
                  fmt::format("start and end must be byte offsets with start <= end, not '{}' '{}'",
                              row[c_start], row[c_end]));
    }
    out[row[c_doc]].push_back(m);
  }
  return out;
}

void write_table(const CommonOptions& o, const TextTable& t, const std::string& header) {
  TableOutput out = open_table(o, t.columns, header);
  std::vector<Cell> cells;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    cells.clear();
    for (std::size_t i = 0; i < t.rows[r].size(); ++i) {
      const bool null = r < t.nulls.size() && i < t.nulls[r].size() && t.nulls[r][i];
      cells.push_back({t.rows[r][i], t.types[i], null});
    }
    out.writer->row(cells);
  }
  out.commit();
}

const std::vector<std::string> kReferenceColumns = {
    "code", "document", "participant", "speaker", "unit", "start", "end", "line", "time", "text"};

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    const std::size_t comma = std::min(s.find(',', pos), s.size());
    if (comma > pos) out.push_back(s.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

int run_apply(CodebookArgs a) {
  CommonOptions& o = a.common;
  const Codebook cb = take_codebook(a);
  std::vector<std::string> outputs;
  for (const auto& x : a.outputs) {
    for (auto& v : split_list(x)) {
      if (std::find(kOutputs.begin(), kOutputs.end(), v) == kOutputs.end())
        throw UsageError(fmt::format(
            "--output takes references, summary, matrix, grid or cooccurrence, not '{}'{}", v,
            did_you_mean(v, kOutputs)));
      if (std::find(outputs.begin(), outputs.end(), v) == outputs.end()) outputs.push_back(v);
    }
  }
  const auto cell = parse_matrix_cell(a.cell);
  if (!cell) {
    throw UsageError(
        fmt::format("--cell must be references, words, coverage or presence, not '{}'{}", a.cell,
                    did_you_mean(a.cell, {"references", "words", "coverage", "presence"})));
  }
  if (a.order != "longest" && a.order != "first") {
    throw UsageError(fmt::format("--order must be longest or first, not '{}'{}", a.order,
                                 did_you_mean(a.order, {"longest", "first"})));
  }
  const bool many = outputs.size() > 1;
  if (many && (o.output.empty() || o.output == "-"))
    throw UsageError("several --output tables need -o DIR (one file per table)");
  auto wants = [&](const char* name) {
    return std::find(outputs.begin(), outputs.end(), name) != outputs.end();
  };
  std::string ext = o.format == "jsonl" ? "jsonl" : o.format;
  auto target = [&](const std::string& name) {
    CommonOptions t = o;
    if (many) t.output = (std::filesystem::path(o.output) / (name + "." + ext)).string();
    return t;
  };
  if (many) std::filesystem::create_directories(o.output);
  std::map<std::string, std::vector<ManualCoding>> manual;
  if (!a.codings.empty()) manual = load_codings(a.codings, cb);

  CodingOptions co = coding_options(cb, o);
  const Coder coder(cb, co);
  CorpusReader reader("codebook apply", o);
  std::string by = a.by;
  if (by.empty()) by = reader.speakers() ? "participant" : "document";
  CaseValue cv = reader.case_value(by);
  CodingTablesOptions to;
  to.min_references = a.min_references;
  to.quotes = wants("grid") ? a.quotes : 0;
  to.longest_first = a.order == "longest";
  to.max_chars = a.max_chars;
  CodingTables tables(cb, to);
  if (!a.columns.empty()) {
    tables.set_column_order(split_list(a.columns));
  } else if (by.starts_with("attr:") && reader.attributes()) {
    // Attribute values in the order of the attributes file, as the researcher wrote them.
    const Attributes& at = *reader.attributes();
    const auto& names = at.names();
    const auto col = std::find(names.begin(), names.end(), by.substr(5)) - names.begin();
    std::vector<std::string> order;
    for (const auto& key : at.keys()) {
      const std::string& v = (*at.find(key))[static_cast<std::size_t>(col)];
      if (std::find(order.begin(), order.end(), v) == order.end()) order.push_back(v);
    }
    tables.set_column_order(std::move(order));
  }
  const std::string header = codebook_header("codebook", a, cb);

  std::optional<TableOutput> refs;
  if (wants("references")) refs = open_table(target("references"), kReferenceColumns, header);
  const std::string unit_name(unit_kind_name(cb.unit));
  struct Result {
    Document doc;
    DocumentCoding coding;
  };
  static const std::vector<ManualCoding> kNone;
  std::vector<Cell> cells;
  const bool ok = reader.map_documents<Result>(
      [&](Document& doc) {
        auto it = manual.find(doc.source.id);
        Result r;
        r.coding = coder.code(
            doc, [&](const DocumentTurn& t) { return reader.keep_turn(t); },
            it == manual.end() ? kNone : it->second);
        r.doc = std::move(doc);
        return r;
      },
      [&](Result& r) {
        const Document& doc = r.doc;
        if (refs) {
          for (const Reference& ref : r.coding.references) {
            const DocumentTurn& t = doc.turns[ref.turn];
            const std::string start = std::to_string(ref.span.begin),
                              end = std::to_string(ref.span.end), line = std::to_string(ref.line),
                              time = format_time(ref.time), text = reference_text(doc, ref);
            const std::string& unit = ref.manual ? std::string("manual") : unit_name;
            cells = {{cb.codes[ref.code].path},
                     {doc.source.id},
                     {t.participant},
                     {t.speaker},
                     {unit},
                     {start, CellType::number},
                     {end, CellType::number},
                     {line, CellType::number},
                     {time, CellType::string, time.empty()},
                     {text}};
            refs->writer->row(cells);
          }
        }
        const Document& d = doc;
        tables.add(d, r.coding, [&](const DocumentTurn& t) -> std::optional<std::string> {
          auto v = cv(d, t);
          if (!v || v->empty()) return std::nullopt;
          return v;
        });
      });
  if (!ok) return kBadInput;
  if (refs) refs->commit();
  if (wants("summary")) write_table(target("summary"), tables.summary(), header);
  if (wants("matrix")) write_table(target("matrix"), tables.matrix(*cell), header);
  if (wants("grid")) write_table(target("grid"), tables.grid(), header);
  if (wants("cooccurrence")) write_table(target("cooccurrence"), tables.cooccurrence(), header);
  return kOk;
}

std::string where(const Codebook& cb, const SourcePos& p) {
  if (p.line == 0) return cb.file;
  return fmt::format("{}:{}:{}", cb.file, p.line, p.column);
}

std::string rule_text(const Rule& r) {
  switch (r.kind) {
    case Rule::Kind::term:
      return r.text;
    case Rule::Kind::stem:
    case Rule::Kind::lemma:
    case Rule::Kind::regex:
      return fmt::format("{{{}: {}}}", rule_kind_name(r.kind), r.text);
    default: {
      std::string s = fmt::format("{{{}: [", rule_kind_name(r.kind));
      for (std::size_t i = 0; i < r.operands.size(); ++i)
        s += (i ? ", " : "") + rule_text(r.operands[i]);
      return s + "]}";
    }
  }
}

int run_check(CodebookArgs a) {
  CommonOptions& o = a.common;
  const Codebook cb = take_codebook(a);
  CodingOptions co = coding_options(cb, o);
  co.count_rules = true;
  const Coder coder(cb, co);
  CorpusReader reader("codebook check", o);
  CodingTablesOptions to;
  to.quotes = 0;
  CodingTables tables(cb, to);
  std::vector<std::uint64_t> rule_units(coder.rule_count(), 0);
  std::vector<std::string> uncoded;
  const bool ok = reader.map_documents<std::pair<std::string, DocumentCoding>>(
      [&](Document& doc) {
        return std::make_pair(doc.source.display, coder.code(doc, [&](const DocumentTurn& t) {
          return reader.keep_turn(t);
        }));
      },
      [&](std::pair<std::string, DocumentCoding>& r) {
        for (std::size_t i = 0; i < rule_units.size(); ++i)
          rule_units[i] += r.second.rule_units[i];
        if (r.second.references.empty()) uncoded.push_back(r.first);
      });
  if (!ok) return kBadInput;
  std::vector<std::string> findings;
  // Names used by more than one code (under different parents).
  std::map<std::string, std::vector<std::size_t>> names;
  for (std::size_t k = 0; k < cb.codes.size(); ++k)
    names[cb.codes[k].name].push_back(k);
  for (std::size_t k = 0; k < cb.codes.size(); ++k) {
    const auto& same = names[cb.codes[k].name];
    if (same.size() > 1 && same.front() == k) {
      std::string paths;
      for (std::size_t s : same)
        paths += (paths.empty() ? "" : ", ") + cb.codes[s].path;
      findings.push_back(fmt::format("{}: {} codes are named '{}': {}", where(cb, cb.codes[k].pos),
                                     same.size(), cb.codes[k].name, paths));
    }
  }
  for (std::size_t k = 0; k < cb.codes.size(); ++k) {
    const Code& c = cb.codes[k];
    bool any = false;
    for (std::size_t s : cb.subtree(k)) {
      for (std::size_t r = 0; r < cb.codes[s].rules.size(); ++r)
        any = any || rule_units[coder.rule_index(s) + r] > 0;
    }
    if (!any) {
      findings.push_back(fmt::format(
          "{}: code '{}' codes nothing{}", where(cb, c.pos), c.path,
          c.rules.empty() && c.children.empty() ? " (it has no rules: a manual code)" : ""));
    }
    for (std::size_t r = 0; r < c.rules.size(); ++r) {
      if (rule_units[coder.rule_index(k) + r] == 0 && any) {
        findings.push_back(fmt::format("{}: rule {} of code '{}' matches nothing",
                                       where(cb, c.rules[r].pos), rule_text(c.rules[r]), c.path));
      }
    }
  }
  for (const auto& d : uncoded)
    findings.push_back(fmt::format("{}: no unit is coded", d));
  std::string out;
  for (const auto& f : findings)
    out += f + "\n";
  OutputFile file(o.output);
  file.write(out);
  file.commit();
  if (!o.quiet) {
    fmt::print(stderr, "verbatim codebook check: {} finding{} ({} codes, {} document{})\n",
               findings.size(), findings.size() == 1 ? "" : "s", cb.codes.size(),
               reader.documents(), reader.documents() == 1 ? "" : "s");
  }
  return findings.empty() ? kOk : kCheckFailed;
}

int run_export(CodebookArgs a) {
  CommonOptions& o = a.common;
  if (a.qdc == !a.qdpx.empty()) throw UsageError("export needs --qdc or --qdpx OUT.qdpx");
  const Codebook cb = take_codebook(a);
  if (a.qdc) {
    if (!o.paths.empty()) throw UsageError("--qdc exports the codebook only: no PATHS");
    OutputFile out(o.output);
    out.write(codebook_to_qdc(cb));
    out.commit();
    return kOk;
  }
  CodingOptions co = coding_options(cb, o);
  const Coder coder(cb, co);
  CorpusReader reader("codebook export", o);
  RefiProject p;
  p.name =
      a.project_name.empty() ? (cb.name.empty() ? "verbatim project" : cb.name) : a.project_name;
  p.origin = std::string("verbatim ") + kVersion;
  p.codebook = &cb;
  std::map<std::string, std::size_t> case_index;
  const Attributes* attrs = reader.attributes();
  if (attrs) p.variables = attrs->names();
  auto add_case = [&](const std::string& name, std::size_t source) {
    auto [it, fresh] = case_index.emplace(name, p.cases.size());
    if (fresh) {
      RefiCase c;
      c.name = name;
      if (attrs) {
        if (const auto* row = attrs->find(name)) c.values = *row;
      }
      p.cases.push_back(std::move(c));
    }
    auto& srcs = p.cases[it->second].sources;
    if (srcs.empty() || srcs.back() != source) srcs.push_back(source);
  };
  const bool ok = reader.map_documents<RefiSource>(
      [&](Document& doc) {
        const DocumentCoding dc =
            coder.code(doc, [&](const DocumentTurn& t) { return reader.keep_turn(t); });
        RefiSource s;
        s.name = doc.source.id;
        // Positions are code points: convert the byte spans in one pass over the text.
        std::vector<const Reference*> own;
        for (const Reference& r : dc.references) {
          if (r.own) own.push_back(&r);
        }
        std::vector<std::uint32_t> offsets;
        for (const Reference* r : own) {
          offsets.push_back(r->span.begin);
          offsets.push_back(r->span.end);
        }
        std::vector<std::uint32_t> sorted = offsets;
        std::sort(sorted.begin(), sorted.end());
        sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
        std::map<std::uint32_t, std::uint64_t> cp;
        std::uint64_t n = 0;
        std::size_t k = 0;
        for (std::uint32_t i = 0; i <= doc.text.size() && k < sorted.size(); ++i) {
          while (k < sorted.size() && sorted[k] == i)
            cp[sorted[k++]] = n;
          if (i < doc.text.size()) n += (static_cast<unsigned char>(doc.text[i]) & 0xC0) != 0x80;
        }
        for (const Reference* r : own)
          s.selections.push_back({r->code, cp[r->span.begin], cp[r->span.end]});
        s.text = std::move(doc.text);
        // The participants who speak here become cases of this source.
        std::vector<std::string> people;
        for (const DocumentTurn& t : doc.turns) {
          if (!t.participant.empty() && reader.keep_turn(t) &&
              std::find(people.begin(), people.end(), t.participant) == people.end())
            people.push_back(t.participant);
        }
        if (people.empty() && attrs && attrs->find(doc.source.id)) people.push_back(s.name);
        s.description = fmt::format("{}", fmt::join(people, "\x1f"));
        return s;
      },
      [&](RefiSource& s) {
        const std::size_t index = p.sources.size();
        std::string people = std::move(s.description);
        s.description.clear();
        p.sources.push_back(std::move(s));
        std::size_t pos = 0;
        while (pos < people.size()) {
          const std::size_t sep = std::min(people.find('\x1f', pos), people.size());
          add_case(people.substr(pos, sep - pos), index);
          pos = sep + 1;
        }
      });
  if (!ok) return kBadInput;
  OutputFile out(a.qdpx);
  out.write(project_to_qdpx(p));
  out.commit();
  if (!o.quiet) {
    std::size_t sel = 0;
    for (const auto& s : p.sources)
      sel += s.selections.size();
    fmt::print(stderr, "verbatim codebook export: {} sources, {} codes, {} codings, {} cases\n",
               p.sources.size(), cb.codes.size(), sel, p.cases.size());
  }
  return kOk;
}

int run_import(CodebookArgs a) {
  if (a.positional.size() != 1) throw UsageError("import takes one FILE.qdc (or .qdpx)");
  const std::string& path = a.positional.front();
  Codebook cb;
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.ends_with(".qdpx") || lower.ends_with(".qde")) {
    FileBytes bytes = FileBytes::open(path, a.common.max_file_size);
    cb = read_qdpx(bytes.view(), path, a.common.max_zip_entry).codebook;
  } else {
    cb = load_codebook(path, a.max_rules);
  }
  OutputFile out(a.common.output);
  out.write(codebook_to_yaml(cb));
  out.commit();
  return kOk;
}

int run_import_codings(CodebookArgs a) {
  if (a.positional.size() != 1) throw UsageError("import-codings takes one FILE.qdpx");
  const std::string& path = a.positional.front();
  FileBytes bytes = FileBytes::open(path, a.common.max_file_size);
  const ImportedProject p = read_qdpx(bytes.view(), path, a.common.max_zip_entry);
  TableOutput out =
      open_table(a.common, {"code", "document", "start", "end", "start_cp", "end_cp", "text"},
                 json_header("codebook", a.common));
  std::vector<Cell> cells;
  for (const ImportedCoding& c : p.codings) {
    const std::string s = std::to_string(c.start_byte), e = std::to_string(c.end_byte),
                      sc = std::to_string(c.start), ec = std::to_string(c.end);
    cells = {{c.code},
             {c.source},
             {s, CellType::number},
             {e, CellType::number},
             {sc, CellType::number},
             {ec, CellType::number},
             {c.text}};
    out.writer->row(cells);
  }
  out.commit();
  return kOk;
}

void add_corpus_options(CLI::App* cmd, CommonOptions& o) {
  set_choices(cmd->add_option("--lang", o.lang, "Language of the documents: auto, fr or en")
                  ->default_val("auto"),
              kLangs);
  set_choices(cmd->add_option("--role", o.role, "Keep only the turns of speakers with this role"),
              kRoles);
  cmd->add_option("--speakers", o.speakers, "CSV label,participant,role mapping speaker labels");
  cmd->add_option("--attributes", o.attributes, "CSV of case attributes");
  add_hyphens_flag(cmd, o);
  add_lexicon_flag(cmd, o);
  cmd->add_flag("--strict", o.strict, "Invalid UTF-8 is an error instead of a fallback");
  cmd->add_option("--threads", o.threads, "Worker threads (0: all cores)");
  add_limit_flags(cmd, o);
}

void add_coding_options(CLI::App* cmd, CodebookArgs& a) {
  set_choices(cmd->add_option("--unit", a.unit,
                              "Unit of coding: sentence, turn, paragraph or document "
                              "(default: the codebook's, else sentence)"),
              {"sentence", "turn", "paragraph", "document"});
  cmd->add_flag("--fold-accents", a.fold_accents, "Match words without regard to accents");
  cmd->add_option("--max-rules", a.max_rules,
                  "Refuse codebooks of more rules or codes than this (aliases counted)")
      ->default_val(kDefaultMaxRules)
      ->group("Limits");
}

}  // namespace

void register_codebook(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "codebook", "Theme coding with a codebook: references, matrices, quote grids, REFI-QDA");
  cmd->require_subcommand(1);
  // Subcommands inherit a footer from their parent at creation: this one is set last.
  const std::string_view usage =
      "Forms:\n"
      "  apply CODEBOOK [PATHS]       code the corpus; --output "
      "references|summary|matrix|grid|cooccurrence\n"
      "  check CODEBOOK [PATHS]       lint the codebook against the corpus (exit 3 on findings)\n"
      "  export CODEBOOK --qdc        the codebook as REFI-QDA .qdc\n"
      "  export CODEBOOK --qdpx OUT.qdpx [PATHS]   a REFI-QDA project with sources, codings and "
      "cases\n"
      "  import FILE.qdc              a REFI-QDA codebook as YAML\n"
      "  import-codings FILE.qdpx     codings made in NVivo, ATLAS.ti, MAXQDA or QualCoder, as a "
      "table";

  {
    auto a = std::make_shared<CodebookArgs>();
    CLI::App* sub = cmd->add_subcommand("apply", "Code the corpus with a codebook's rules");
    // -o without its long name: --output names the tables here.
    CommonOptions& o = a->common;
    sub->add_option("-o", o.output, "Write to this file (several tables: this folder)");
    set_choices(sub->add_option("--format", o.format, "Output format: csv, tsv, json, jsonl or md")
                    ->default_val("csv"),
                kFormats);
    set_choices(
        sub->add_option("--sep", o.sep, "CSV field separator (',' or ';')")->default_val(","), {});
    sub->add_flag("--bom", o.bom, "Start CSV output with a UTF-8 byte-order mark (Excel)");
    add_safe_cells_flag(sub, o);
    sub->add_flag("-v,--verbose", o.verbose, "More messages on stderr");
    sub->add_flag("-q,--quiet", o.quiet, "Only errors on stderr");
    sub->add_option("codebook_and_paths", a->positional, "CODEBOOK, then files or folders");
    add_corpus_options(sub, a->common);
    add_coding_options(sub, *a);
    set_choices(sub->add_option("--output", a->outputs,
                                "Tables: references, summary, matrix, grid, cooccurrence (several: "
                                "-o DIR)")
                    ->delimiter(',')
                    ->allow_extra_args(false),
                kOutputs);
    set_choices(
        sub->add_option("--by", a->by,
                        "Matrix and grid columns: participant, document, speaker or attr:NAME"),
        {"participant", "document", "speaker", "attr:"});

    set_choices(sub->add_option("--columns", a->columns,
                                "Column order for matrix and grid (comma-separated)"),
                {});
    set_choices(
        sub->add_option("--cell", a->cell, "Matrix cells: presence, references, words or coverage")
            ->default_val("presence"),
        {"presence", "references", "words", "coverage"});
    sub->add_option("--min-references", a->min_references,
                    "Presence shows a check mark from this many references")
        ->default_val(1);
    sub->add_option("--quotes", a->quotes, "Grid: quotes per cell")->default_val(3);
    set_choices(sub->add_option("--order", a->order, "Grid quotes: longest first or first seen")
                    ->default_val("longest"),
                {"longest", "first"});
    sub->add_option("--max-chars", a->max_chars, "Grid: cut quotes past N characters with …");
    sub->add_option("--codings", a->codings,
                    "Codings made elsewhere (import-codings output) added to the rule codings");
    set_help_footer(
        sub,
        "Columns:\n"
        "  references    code,document,participant,speaker,unit,start,end,line,time,text\n"
        "  summary       code,files,references,coverage_percent,words\n"
        "  matrix        code,<one column per participant|document|value>,total (+ a total row)\n"
        "  grid          code,<one column per participant|document|value>: quotes, one per line\n"
        "  cooccurrence  code_a,code_b,count,a_references,b_references,jaccard,c_coefficient\n"
        "start/end: byte offsets into the normalized text; coverage: coded code points / code "
        "points.",
        {"verbatim codebook apply data/sample/codebook.yml data/sample --role participant "
         "--output summary --format md",
         "verbatim codebook apply data/sample/codebook.yml data/sample --role participant \\\n"
         "      --output matrix --by attr:type_organisation --format md",
         "verbatim codebook apply data/sample/codebook.yml data/sample --role participant \\\n"
         "      --output references,summary,matrix,grid,cooccurrence -o tableaux/"});
    sub->callback([a, &exit_code] {
      exit_code = run_tool("codebook apply", a->common, [&] { return run_apply(*a); });
    });
  }
  {
    auto a = std::make_shared<CodebookArgs>();
    CLI::App* sub = cmd->add_subcommand("check", "Lint a codebook against the corpus");
    sub->add_option("codebook_and_paths", a->positional, "CODEBOOK, then files or folders");
    sub->add_option("-o,--output", a->common.output, "Write the findings to this file");
    add_corpus_options(sub, a->common);
    add_coding_options(sub, *a);
    sub->add_flag("-v,--verbose", a->common.verbose, "More messages on stderr");
    sub->add_flag("-q,--quiet", a->common.quiet, "Only errors on stderr");
    set_help_footer(
        sub,
        "Findings: codes or rules that code nothing, names used twice, documents with no coded\n"
        "unit; FILE:LINE:COL: message, one a line; exit 3 when there is any.",
        {"verbatim codebook check data/sample/codebook.yml data/sample --role participant",
         "verbatim codebook check data/sample/codebook.yml data/sample/interviews/p01.txt \\\n"
         "      --speakers data/sample/speakers.csv --role participant"});
    sub->callback([a, &exit_code] {
      exit_code = run_tool("codebook check", a->common, [&] { return run_check(*a); });
    });
  }
  {
    auto a = std::make_shared<CodebookArgs>();
    CLI::App* sub =
        cmd->add_subcommand("export", "Export to REFI-QDA (.qdc codebook, .qdpx project)");
    sub->add_option("codebook_and_paths", a->positional, "CODEBOOK, then files or folders");
    sub->add_flag("--qdc", a->qdc, "Write the codebook as a REFI-QDA .qdc (to -o or stdout)");
    sub->add_option("--qdpx", a->qdpx, "Write a REFI-QDA project with the coded corpus");
    sub->add_option("--name", a->project_name, "Project name (default: the codebook's)");
    sub->add_option("-o,--output", a->common.output, "Where --qdc writes");
    add_corpus_options(sub, a->common);
    add_coding_options(sub, *a);
    sub->add_flag("-q,--quiet", a->common.quiet, "Only errors on stderr");
    set_help_footer(
        sub, "",
        {"verbatim codebook export data/sample/codebook.yml --qdc -o codes.qdc",
         "verbatim codebook export data/sample/codebook.yml --qdpx etude.qdpx data/sample "
         "--role participant"});
    sub->callback([a, &exit_code] {
      exit_code = run_tool("codebook export", a->common, [&] { return run_export(*a); });
    });
  }
  {
    auto a = std::make_shared<CodebookArgs>();
    CLI::App* sub = cmd->add_subcommand("import", "Read a REFI-QDA codebook (.qdc, .qdpx) as YAML");
    sub->add_option("file", a->positional, "FILE.qdc or FILE.qdpx");
    sub->add_option("-o,--output", a->common.output, "Write the YAML to this file");
    add_limit_flags(sub, a->common, false);
    sub->add_option("--max-rules", a->max_rules, "Refuse codebooks of more codes than this")
        ->default_val(kDefaultMaxRules)
        ->group("Limits");
    set_help_footer(
        sub, "",
        {"verbatim codebook export data/sample/codebook.yml --qdc -o codes.qdc && \\\n"
         "      verbatim codebook import codes.qdc -o codes.yml",
         "verbatim codebook export data/sample/codebook.yml --qdpx etude.qdpx data/sample && \\\n"
         "      verbatim codebook import etude.qdpx"});
    sub->callback([a, &exit_code] {
      exit_code = run_tool("codebook import", a->common, [&] { return run_import(*a); });
    });
  }
  {
    auto a = std::make_shared<CodebookArgs>();
    CLI::App* sub =
        cmd->add_subcommand("import-codings", "Read the codings of a REFI-QDA project (.qdpx)");
    add_common_flags(sub, a->common, kOutputFlags);
    sub->add_option("file", a->positional, "FILE.qdpx");
    add_limit_flags(sub, a->common, false);
    set_help_footer(
        sub, "Columns: code,document,start,end,start_cp,end_cp,text (bytes and code points)",
        {"verbatim codebook export data/sample/codebook.yml --qdpx etude.qdpx data/sample && \\\n"
         "      verbatim codebook import-codings etude.qdpx --format md",
         "verbatim codebook import-codings etude.qdpx -o codages.csv && \\\n"
         "      verbatim codebook apply data/sample/codebook.yml data/sample --codings codages.csv "
         "\\\n"
         "      --output summary"});
    sub->callback([a, &exit_code] {
      exit_code =
          run_tool("codebook import-codings", a->common, [&] { return run_import_codings(*a); });
    });
  }
  set_help_footer(
      cmd, usage,
      {"verbatim codebook apply data/sample/codebook.yml data/sample --role participant "
       "--output summary --format md",
       "verbatim codebook apply data/sample/codebook.yml data/sample --role participant \\\n"
       "      --output matrix --by attr:entreprise --format md",
       "verbatim codebook check data/sample/codebook.yml data/sample --role participant",
       "verbatim codebook export data/sample/codebook.yml --qdpx etude.qdpx data/sample"});
}

}  // namespace verbatim::cli
