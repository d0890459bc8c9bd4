#include "cli/cli.hpp"

#include <algorithm>
#include <array>
#include <csignal>
#include <filesystem>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/completion.hpp"
#include "cli/installation.hpp"
#include "cli/suggest.hpp"
#include "verbatim/json.hpp"
#include "verbatim/version.hpp"

namespace verbatim::cli {

void add_common_flags(CLI::App* app, CommonOptions& o, unsigned flags) {
  if (flags & kCorpusFlags) {
    app->add_option("paths", o.paths, "Transcript files or folders ('-' or none: stdin)");
    set_choices(app->add_option("--lang", o.lang, "Language of the documents: auto, fr or en")
                    ->default_val("auto"),
                kLangs);
    set_choices(
        app->add_option("--role", o.role,
                        "Keep only the turns of speakers with this role (e.g. participant)"),
        kRoles);
    app->add_option("--speakers", o.speakers, "CSV label,participant,role mapping speaker labels");
    app->add_option("--attributes", o.attributes,
                    "CSV of case attributes keyed by document or participant id");
    app->add_flag("--strict", o.strict, "Invalid UTF-8 is an error instead of a fallback");
    app->add_option("--threads", o.threads, "Worker threads (0: all cores)");
    add_limit_flags(app, o);
  }
  if (flags & kTextFlags) {
    set_choices(app->add_option(
                       "--stopwords", o.stopwords,
                       "Stopwords: default, none, fr, en, a list file, or several joined by commas")
                    ->default_val("default"),
                {"default", "none", "fr", "en"}, true);
    set_choices(app->add_option("--keep", o.keep,
                                "Words that are never stopwords nor numerals (comma-separated)")
                    ->delimiter(',')
                    ->allow_extra_args(false),
                {});
    add_hyphens_flag(app, o);
    add_lexicon_flag(app, o);
  }
  if (flags & kOutputFlags) {
    app->add_option("-o,--output", o.output, "Write to this file (atomically) instead of stdout");
    set_choices(app->add_option("--format", o.format, "Output format: csv, tsv, json, jsonl or md")
                    ->default_val("csv"),
                kFormats);
    set_choices(
        app->add_option("--sep", o.sep, "CSV field separator (',' or ';')")->default_val(","), {});
    app->add_flag("--bom", o.bom, "Start CSV output with a UTF-8 byte-order mark (Excel)");
    add_safe_cells_flag(app, o);
  }
  app->add_flag("-v,--verbose", o.verbose, "More messages on stderr (-vv: debug)");
  app->add_flag("-q,--quiet", o.quiet, "Only errors on stderr");
}

void add_hyphens_flag(CLI::App* app, CommonOptions& o) {
  set_choices(app->add_option("--hyphens", o.hyphens, "Hyphenated words: language, keep or split")
                  ->default_val("language"),
              {"language", "keep", "split"});
}

void add_safe_cells_flag(CLI::App* app, CommonOptions& o) {
  app->add_flag("--safe-cells", o.safe_cells,
                "CSV/TSV: put ' before text cells starting with = + - @ (spreadsheet formulas)");
}

void add_limit_flags(CLI::App* app, CommonOptions& o, bool lines) {
  app->add_option("--max-file-size", o.max_file_size,
                  "Refuse input files larger than this (e.g. 200M, 2G)")
      ->transform(CLI::AsSizeValue(false))
      ->default_str("1G")
      ->group("Limits");
  app->add_option("--max-zip-entry", o.max_zip_entry,
                  "Refuse .docx/.qdpx parts that inflate beyond this (e.g. 64M)")
      ->transform(CLI::AsSizeValue(false))
      ->default_str("256M")
      ->group("Limits");
  if (lines) {
    app->add_option("--max-line-tokens", o.max_line_tokens,
                    "Warn about lines of more tokens than this (0: never)")
        ->default_val(100000)
        ->group("Limits");
  }
}

void add_shard_flags(CLI::App* app, CommonOptions& o) {
  app->add_option("--shard", o.shard,
                  "Only documents K, K+N, K+2N... of the sorted corpus (K/N, e.g. 2/4)")
      ->group("Shards");
  app->add_option("--files-from", o.files_from,
                  "Read input paths from FILE, one a line ('-': standard input)")
      ->group("Shards");
}

namespace {

void setup_logging(const std::string& tool, const CommonOptions& o) {
  // Colored labels (%^...%$) only on a terminal without NO_COLOR.
  auto logger = spdlog::stderr_color_st(
      "verbatim-" + tool, stderr_colors() ? spdlog::color_mode::always : spdlog::color_mode::never);
  logger->set_pattern(fmt::format("verbatim {}: %^%l%$: %v", tool));
  spdlog::level::level_enum level = spdlog::level::warn;
  if (o.quiet) level = spdlog::level::err;
  if (o.verbose == 1) level = spdlog::level::info;
  if (o.verbose >= 2) level = spdlog::level::debug;
  logger->set_level(level);
  spdlog::set_default_logger(logger);
}

}  // namespace

void report(const std::string& tool, const Diagnostic& d) {
  (void)tool;
  if (d.severity == Severity::error) {
    spdlog::error("{}", format_diagnostic(d));
  } else {
    spdlog::warn("{}", format_diagnostic(d));
  }
}

int run_tool(const std::string& tool, const CommonOptions& opts, const std::function<int()>& body) {
  std::signal(SIGPIPE, SIG_IGN);  // EPIPE is handled as a quiet end
  setup_logging(tool, opts);
  try {
    return body();
  } catch (const BrokenPipe&) {
    return kOk;
  } catch (const UsageError& e) {
    spdlog::error("{}", e.what());
    fmt::print(stderr, "Run 'verbatim {} --help' for the options.\n", tool);
    return kUsage;
  } catch (const Error& e) {
    report(tool, e.diagnostic());
    return kBadInput;
  } catch (const std::bad_alloc&) {
    spdlog::error("out of memory");
    return kBadInput;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return kBadInput;
  }
}

// ---------------------------------------------------------------------------------------------

CorpusReader::CorpusReader(std::string tool, const CommonOptions& opts)
    : tool_(std::move(tool)), opts_(opts) {
  corpus_opts_.decode.strict = opts.strict;
  corpus_opts_.max_file_bytes = opts.max_file_size;
  corpus_opts_.docx.max_uncompressed = opts.max_zip_entry;
  corpus_opts_.max_line_tokens = opts.max_line_tokens;
  if (opts.lang != "auto") {
    auto lang = parse_language(opts.lang);
    if (!lang) {
      throw UsageError(fmt::format("--lang must be auto, fr or en, not '{}'{}", opts.lang,
                                   did_you_mean(opts.lang, {"auto", "fr", "en"})));
    }
    corpus_opts_.language = *lang;
  }
  // A study folder may carry its speaker map and attributes at its root: they are used when
  // the flags do not name other files.
  std::string speakers = opts.speakers, attributes = opts.attributes;
  for (const auto& p : opts.paths) {
    if (!std::filesystem::is_directory(p)) continue;
    for (auto [flag, file, found] : {std::tuple{"--speakers", "speakers.csv", &speakers},
                                     std::tuple{"--attributes", "participants.csv", &attributes}}) {
      const std::string candidate = (std::filesystem::path(p) / file).string();
      if (found->empty() && std::filesystem::is_regular_file(candidate)) {
        *found = candidate;
        spdlog::info("using {} as {}", candidate, flag);
      }
    }
  }
  if (!speakers.empty()) {
    FileBytes bytes = FileBytes::open(speakers);
    speakers_ = SpeakerMap::parse(decode(bytes.view(), speakers, {true}).text, speakers);
    corpus_opts_.speakers = &*speakers_;
  }
  if (!attributes.empty()) {
    FileBytes bytes = FileBytes::open(attributes);
    attributes_ = Attributes::parse(decode(bytes.view(), attributes, {true}).text, attributes);
    attributes_file_ = attributes;
  }
  if (!opts.role.empty()) {
    // A role no speaker has would keep no turn: say which roles there are.
    const std::vector<std::string> roles =
        speakers_ ? speakers_->roles() : std::vector<std::string>{"interviewer", "participant"};
    if (std::find(roles.begin(), roles.end(), opts.role) == roles.end()) {
      throw UsageError(fmt::format("--role '{}' is no speaker's role{}; roles {}: {}", opts.role,
                                   did_you_mean(opts.role, roles),
                                   speakers_ ? "in " + speakers : std::string("without --speakers"),
                                   fmt::join(roles, ", ")));
    }
  }
}

namespace {

// " (did you mean 'data/sample'?)" for a missing path one or two edits from a file beside it.
std::string sibling_hint(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path p(path);
  if (path.empty() || path == "-" || fs::exists(p, ec)) return "";
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  const std::string name = closest_name(p.filename().string(), names);
  if (name.empty()) return "";
  return fmt::format(" (did you mean '{}'?)",
                     p.has_parent_path() ? (p.parent_path() / name).string() : name);
}

}  // namespace

bool CorpusReader::keep_turn(const DocumentTurn& t) const {
  return opts_.role.empty() || t.role == opts_.role;
}

CaseValue CorpusReader::case_value(const std::string& by) const {
  std::size_t attr = std::string::npos;
  if (by.starts_with("attr:")) {
    if (!attributes_) throw UsageError(fmt::format("{} needs --attributes FILE", by));
    const std::string name = by.substr(5);
    const auto& names = attributes_->names();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) attr = i;
    }
    if (attr == std::string::npos) {
      std::string known;
      for (const auto& n : names)
        known += (known.empty() ? "" : ", ") + n;
      throw UsageError(fmt::format("unknown attribute '{}'{}; attributes in {}: {}", name,
                                   did_you_mean(name, names), attributes_file_, known));
    }
  } else if (!by.empty() && by != "document" && by != "speaker" && by != "participant") {
    throw UsageError(
        fmt::format("--by takes document, speaker, participant or attr:NAME, not '{}'{}", by,
                    did_you_mean(by, {"document", "speaker", "participant"})));
  }
  return
      [this, by, attr](const Document& doc, const DocumentTurn& t) -> std::optional<std::string> {
        if (!keep_turn(t)) return std::nullopt;
        if (by == "document") return doc.source.id;
        if (by == "speaker") return t.speaker;
        if (by == "participant") return t.participant;
        if (attr != std::string::npos) {
          const auto* row = attributes_->find(t.participant);
          if (!row) row = attributes_->find(doc.source.id);
          return row ? (*row)[attr] : std::string();
        }
        return std::string();
      };
}

namespace {

// --shard K/N as (K - 1, N); (0, 1) without it.
std::pair<std::size_t, std::size_t> parse_shard(const std::string& s) {
  if (s.empty()) return {0, 1};
  unsigned long k = 0, n = 0;
  char tail = 0;
  if (std::sscanf(s.c_str(), "%lu/%lu%c", &k, &n, &tail) != 2 || n == 0 || k == 0 || k > n) {
    throw UsageError(fmt::format("--shard takes K/N with 1 <= K <= N, like 2/4, not '{}'", s));
  }
  return {k - 1, n};
}

// The paths listed in a --files-from file: one a line, blank lines skipped.
std::vector<std::string> listed_paths(const std::string& file) {
  const std::string text = read_text(file);
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t eol = std::min(text.find('\n', pos), text.size());
    std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(std::move(line));
  }
  return out;
}

}  // namespace

std::vector<SourceRef> CorpusReader::list() {
  Diagnostics diags;
  std::vector<std::string> paths = opts_.paths;
  if (!opts_.files_from.empty()) {
    std::vector<std::string> listed = listed_paths(opts_.files_from);
    paths.insert(paths.end(), listed.begin(), listed.end());
    if (paths.empty()) return {};  // an empty list is an empty shard, not standard input
  }
  if (paths.empty()) paths.push_back("-");
  const auto [first, step] = parse_shard(opts_.shard);
  std::vector<SourceRef> sources = list_sources(paths, diags);
  for (auto& d : diags) {
    if (d.severity == Severity::error) d.message += sibling_hint(d.where.file);
    report(tool_, d);
    listed_ok_ = listed_ok_ && d.severity != Severity::error;
  }
  if (step > 1) {
    std::vector<SourceRef> mine;
    for (std::size_t i = first; i < sources.size(); i += step)
      mine.push_back(std::move(sources[i]));
    sources = std::move(mine);
  }
  return sources;
}

bool CorpusReader::for_each(const std::function<void(Document&)>& fn) {
  return map_documents<Document>([](Document& d) { return std::move(d); }, fn);
}

Stopwords make_stopwords(const CommonOptions& opts, Language lang) {
  // A comma-separated union: "default", "none", "fr", "en" or a list file, e.g.
  // "default,my-stopwords.txt" adds a study's own words to the defaults. Numerals in letters
  // are numbers whatever the lists: counted with --numbers only, as digits are.
  Stopwords s = Stopwords::numerals_of(DefaultLists::get().texts(lang).numerals);
  std::size_t pos = 0;
  const std::string& v = opts.stopwords;
  while (pos <= v.size()) {
    std::size_t comma = v.find(',', pos);
    if (comma == std::string::npos) comma = v.size();
    const std::string part = v.substr(pos, comma - pos);
    pos = comma + 1;
    if (part == "default") {
      s.merge(Stopwords::from_lists(DefaultLists::get().texts(lang)));
    } else if (part == "none" || part.empty()) {
      // nothing
    } else if (part == "fr" || part == "en") {
      // Snowball's list alone, as other tools use it.
      s.merge(Stopwords::parse(DefaultLists::get().texts(*parse_language(part)).snowball));
    } else {
      if (!std::filesystem::exists(part)) {
        throw UsageError(fmt::format(
            "--stopwords: '{}' is neither a list (default, none, fr, en) nor a file{}", part,
            did_you_mean(part, {"default", "none", "fr", "en"}) + sibling_hint(part)));
      }
      FileBytes bytes = FileBytes::open(part);
      s.merge(Stopwords::parse(decode(bytes.view(), part, {true}).text));
    }
  }
  for (const auto& k : opts.keep)
    s.remove(k);
  return s;
}

std::function<Stopwords(Language)> stopword_sets(const CommonOptions& opts) {
  auto sets = std::make_shared<std::array<Stopwords, 2>>(std::array<Stopwords, 2>{
      make_stopwords(opts, Language::fr), make_stopwords(opts, Language::en)});
  return [sets](Language lang) { return (*sets)[lang == Language::fr ? 0 : 1]; };
}

HyphenMode parse_hyphens(const std::string& s) {
  if (s == "language") return HyphenMode::language;
  if (s == "keep") return HyphenMode::keep;
  if (s == "split") return HyphenMode::split;
  throw UsageError(fmt::format("--hyphens must be language, keep or split, not '{}'{}", s,
                               did_you_mean(s, {"language", "keep", "split"})));
}

void add_lexicon_flag(CLI::App* app, CommonOptions& o) {
  set_choices(app->add_option("--lexicon", o.lexicon,
                              "Lemma lexicon: FILE (TSV form,lemma,upos or compiled) for "
                              "every language, or LANG=FILE; default: the installed ones")
                  ->delimiter(',')
                  ->allow_extra_args(false),
              {});
}

GroupMode parse_group(const std::string& s) {
  if (s == "lemma") return GroupMode::lemma;
  if (s == "stem") return GroupMode::stem;
  if (s == "exact") return GroupMode::exact;
  throw UsageError(fmt::format("--group must be lemma, stem or exact, not '{}'{}", s,
                               did_you_mean(s, {"lemma", "stem", "exact"})));
}

std::shared_ptr<const Lexicons> lexicons_for(const CommonOptions& opts, GroupMode group) {
  if (group != GroupMode::lemma && opts.lexicon.empty()) return nullptr;
  return open_lexicons(opts.lexicon, group == GroupMode::lemma);
}

std::string lexicons_json(const Lexicons& lexicons) {
  std::string j = "{";
  for (const Language lang : {Language::fr, Language::en}) {
    if (j.size() > 1) j += ',';
    append_json_string(j, language_code(lang));
    j += ':';
    if (const Lexicon* l = lexicons.of(lang)) {
      append_json_string(j, l->digest());
    } else {
      j += "null";
    }
  }
  return j + "}";
}

std::string read_text(const std::string& path) {
  if (path == "-") return decode(FileBytes::read_stdin().view(), "<stdin>", {true}).text;
  FileBytes bytes = FileBytes::open(path);
  return decode(bytes.view(), path, {true}).text;
}

std::string json_options_open(const CommonOptions& o) {
  std::string h = "{\"lang\":";
  append_json_string(h, o.lang);
  h += ",\"stopwords\":";
  append_json_string(h, o.stopwords);
  h += ",\"role\":";
  append_json_string(h, o.role);
  h += ",\"hyphens\":";
  append_json_string(h, o.hyphens);
  return h;
}

std::string json_header_start(const std::string& tool, const std::string& options_json) {
  std::string h = "{\"tool\":";
  append_json_string(h, tool);
  h += ",\"version\":";
  append_json_string(h, kVersion);
  h += ",\"versions\":" + version_block_json();
  h += ",\"options\":";
  h += options_json;
  return h;
}

std::string json_header(const std::string& tool, const CommonOptions& o) {
  return json_header_start(tool, json_options_open(o) + "}") + "}";
}

TableOutput open_table(const CommonOptions& opts, std::vector<std::string> columns,
                       const std::string& header_json) {
  auto format = parse_table_format(opts.format);
  if (!format) {
    throw UsageError(fmt::format("--format must be csv, tsv, json, jsonl or md, not '{}'{}",
                                 opts.format,
                                 did_you_mean(opts.format, {"csv", "tsv", "json", "jsonl", "md"})));
  }
  if (opts.sep.size() != 1) throw UsageError("--sep takes a single character, like ';'");
  TableOptions to;
  to.sep = opts.sep[0];
  to.bom = opts.bom;
  to.safe_cells = opts.safe_cells;
  to.header_json = header_json;
  TableOutput t;
  t.file = std::make_unique<OutputFile>(opts.output);
  t.writer = std::make_unique<TableWriter>(*t.file, *format, std::move(columns), to);
  return t;
}

void TableOutput::commit() {
  writer->finish();
  file->commit();
}

}  // namespace verbatim::cli
