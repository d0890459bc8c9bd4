// cli: what every verbatim tool shares: common flags, exit codes, diagnostics on stderr,
// the corpus walk with per-file error collection, and table output.
//
// A tool registers a CLI11 subcommand with add_common_flags(), and in its callback calls
// for_each_document() and writes a table through open_table(). Errors are collected per file
// so that one run shows every problem; the tool then exits 1 and an -o file is not written.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/terminal.hpp"
#include "verbatim/corpus.hpp"
#include "verbatim/frequency.hpp"
#include "verbatim/lexicon.hpp"
#include "verbatim/parallel.hpp"
#include "verbatim/stopwords.hpp"
#include "verbatim/table.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim::cli {

using CaseValue = std::function<std::optional<std::string>(const Document&, const DocumentTurn&)>;

enum Exit : int { kOk = 0, kBadInput = 1, kUsage = 2, kCheckFailed = 3 };

// A usage error found after parsing (a bad flag value): exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CommonOptions {
  std::vector<std::string> paths;
  std::string output = "-";
  std::string format = "csv";
  std::string lang = "auto";
  std::string stopwords = "default";
  std::vector<std::string> keep;
  std::vector<std::string> lexicon;  // --lexicon FILE or LANG=FILE
  std::string role;
  std::string speakers;
  std::string attributes;
  std::string hyphens = "language";
  std::string sep = ",";
  bool bom = false;
  bool safe_cells = false;
  bool strict = false;
  unsigned threads = 0;
  std::uint64_t max_file_size = FileBytes::kDefaultMaxBytes;
  std::uint64_t max_zip_entry = kDefaultMaxZipEntry;
  std::size_t max_line_tokens = 100000;
  std::string shard;       // "K/N": only every Nth document, from the Kth (--shard)
  std::string files_from;  // a file listing input paths, one a line ("-": stdin)
  int verbose = 0;
  bool quiet = false;
};

enum Flags : unsigned {
  kOutputFlags = 1,  // -o --format --sep --bom --safe-cells
  kCorpusFlags = 2,  // paths --lang --role --speakers --attributes --strict --threads
  kTextFlags = 4,    // --stopwords --keep --hyphens --lexicon
  kAllFlags = 7,
};

void add_common_flags(CLI::App* app, CommonOptions& opts, unsigned flags = kAllFlags);
// The values of the common flags, for completion and messages.
inline const std::vector<std::string> kLangs = {"auto", "fr", "en"};
inline const std::vector<std::string> kRoles = {"participant", "interviewer"};
inline const std::vector<std::string> kFormats = {"csv", "tsv", "json", "jsonl", "md"};
// --hyphens (for tools that take it without the other text flags).
void add_hyphens_flag(CLI::App* app, CommonOptions& opts);
// --lexicon (for tools that take it without the other text flags).
void add_lexicon_flag(CLI::App* app, CommonOptions& opts);
// --safe-cells (for tools that add the output flags themselves).
void add_safe_cells_flag(CLI::App* app, CommonOptions& opts);
// --max-file-size, --max-zip-entry and (with `lines`) --max-line-tokens, in a "Limits" group.
void add_limit_flags(CLI::App* app, CommonOptions& opts, bool lines = true);

// --shard K/N and --files-from FILE, for tools whose counts shards can write (--partial).
void add_shard_flags(CLI::App* app, CommonOptions& opts);

// Runs a tool body: sets up logging, maps exceptions to exit codes and messages
// "verbatim TOOL: error: file:line:col (byte N): message".
int run_tool(const std::string& tool, const CommonOptions& opts, const std::function<int()>& body);

void report(const std::string& tool, const Diagnostic& d);

// The corpus as the common flags describe it.
class CorpusReader {
 public:
  CorpusReader(std::string tool, const CommonOptions& opts);
  // Reads documents on --threads workers and calls `work` on each there, then `consume` with
  // the results on this thread, in id order. Returns false when any file had an error (already
  // reported, in order, with the warnings of each file). `window`: see ordered_parallel_map.
  template <class R>
  bool map_documents(const std::function<R(Document&)>& work,
                     const std::function<void(R&)>& consume, std::size_t window = kDefaultWindow);
  // Calls `fn` for every readable document, in id order, on this thread.
  bool for_each(const std::function<void(Document&)>& fn);
  // For a second reading of the files an earlier reader read: its warnings were given then.
  void quiet_warnings() { report_warnings_ = false; }
  const Attributes* attributes() const { return attributes_ ? &*attributes_ : nullptr; }
  const SpeakerMap* speakers() const { return speakers_ ? &*speakers_ : nullptr; }
  // The attributes file in use (--attributes, or participants.csv of a study folder).
  const std::string& attributes_file() const { return attributes_file_; }
  // True when a turn passes --role.
  bool keep_turn(const DocumentTurn& t) const;
  // The case of a turn for --by document|speaker|participant|attr:NAME ("" : one case); turns
  // that --role drops have none. Throws UsageError for an unknown attribute, naming the known ones.
  std::function<std::optional<std::string>(const Document&, const DocumentTurn&)> case_value(
      const std::string& by) const;
  const CorpusOptions& corpus_options() const { return corpus_opts_; }
  std::size_t documents() const { return documents_; }

 private:
  std::string tool_;
  const CommonOptions& opts_;
  bool listed_ok_ = true;
  std::string attributes_file_;
  std::optional<SpeakerMap> speakers_;
  std::optional<Attributes> attributes_;
  CorpusOptions corpus_opts_;
  std::size_t documents_ = 0;
  bool report_warnings_ = true;
  std::vector<SourceRef> list();
};

template <class R>
bool CorpusReader::map_documents(const std::function<R(Document&)>& work,
                                 const std::function<void(R&)>& consume, std::size_t window) {
  struct Item {
    Diagnostics warnings;
    std::optional<Diagnostic> error;
    std::optional<R> result;
  };
  std::vector<SourceRef> sources = list();
  bool ok = listed_ok_;
  Progress progress(tool_, sources, opts_.quiet);
  ordered_parallel_map<Item>(
      sources.size(), opts_.threads,
      [&](std::size_t i) {
        Item it;
        try {
          std::optional<Document> doc = load_document(sources[i], corpus_opts_, it.warnings);
          if (doc) it.result.emplace(work(*doc));
        } catch (const Error& e) {
          it.error = e.diagnostic();
        }
        return it;
      },
      [&](std::size_t i, Item& it) {
        if (!report_warnings_) it.warnings.clear();
        if (!it.warnings.empty() || it.error) progress.clear();
        for (const auto& w : it.warnings)
          report(tool_, w);
        if (it.error) {
          report(tool_, *it.error);
          ok = false;
        } else if (it.result) {
          ++documents_;
          consume(*it.result);
        }
        progress.done(i);
      },
      window);
  return ok;
}

// The stopword set for a document language, from --stopwords and --keep, with the language's
// numerals in letters (Stopwords::numeral) whatever --stopwords says.
Stopwords make_stopwords(const CommonOptions& opts, Language lang);
// Both languages' sets, read now on the calling thread (so that a missing list is one error,
// before any worker starts), for FrequencyOptions::stopwords and CooccurrenceOptions::stopwords.
std::function<Stopwords(Language)> stopword_sets(const CommonOptions& opts);
HyphenMode parse_hyphens(const std::string& s);
// --group: lemma, stem or exact.
GroupMode parse_group(const std::string& s);
// The lexicons --lexicon and the installation give, required when words are grouped by lemma.
std::shared_ptr<const Lexicons> lexicons_for(const CommonOptions& opts, GroupMode group);
// {"fr":DIGEST,"en":DIGEST}: the lexicons' content digests, for JSON headers (null for none).
std::string lexicons_json(const Lexicons& lexicons);

// Opens the output (-o, atomically) and a table writer in --format.
struct TableOutput {
  std::unique_ptr<OutputFile> file;
  std::unique_ptr<TableWriter> writer;
  void commit();
};
TableOutput open_table(const CommonOptions& opts, std::vector<std::string> columns,
                       const std::string& header_json);

// The decoded text of a file, or of standard input for "-".
std::string read_text(const std::string& path);

// JSON header object {"tool":..,"version":..,"options":{..}} for json/jsonl output.
std::string json_header(const std::string& tool, const CommonOptions& opts);
// The common options as a JSON object left open (`{"lang":..,"hyphens":..`), for a tool to add
// its own and close; and a header's start `{"tool":..,"version":..,"options":OPTIONS`, the
// outer object left open.
std::string json_options_open(const CommonOptions& opts);
std::string json_header_start(const std::string& tool, const std::string& options_json);

}  // namespace verbatim::cli
