// verbatim freq: NVivo's word-frequency query, per case, keyness, n-grams, and table lint.
#include <cmath>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "freq/freq.hpp"
#include "tools.hpp"
#include "verbatim/json.hpp"

namespace verbatim::cli {

namespace {}  // namespace

FrequencyOptions frequency_options(const FreqArgs& a) {
  FrequencyOptions f;
  if (a.percent_of != "counted" && a.percent_of != "all") {
    throw UsageError("--percent-of must be counted or all");
  }
  f.group = parse_group(a.group);
  f.min_length = a.min_length;
  f.numbers = a.numbers;
  f.percent_of_all = a.percent_of == "all";
  if (!a.ngrams.empty()) {
    unsigned lo = 0, hi = 0;
    char tail = 0;
    const int n = std::sscanf(a.ngrams.c_str(), "%u..%u%c", &lo, &hi, &tail);
    if (n == 1) hi = lo;
    if ((n != 1 && n != 2) || lo < 2 || hi < lo || hi > 8) {
      throw UsageError(
          fmt::format("--ngrams takes N or N..M with 2 <= N <= M <= 8, not '{}'", a.ngrams));
    }
    f.ngram_min = lo;
    f.ngram_max = hi;
  }
  if (!a.synonyms.empty()) f.synonyms = parse_synonyms(read_text(a.synonyms), a.synonyms);
  if (!a.terms.empty()) {
    // A word list, one per line, or a table whose first column holds the words.
    const std::string text = read_text(a.terms);
    std::size_t pos = text.find('\n') == std::string::npos ? 0 : 0;
    bool header = text.starts_with("word,") || text.starts_with("word\t");
    while (pos < text.size()) {
      std::size_t eol = std::min(text.find('\n', pos), text.size());
      std::string w = text.substr(pos, eol - pos);
      if (auto sep = w.find_first_of(",\t"); sep != std::string::npos) w.resize(sep);
      if (!header && !w.empty()) f.terms.push_back(w);
      header = false;
      pos = eol + 1;
    }
  }
  const CommonOptions& o = a.common;
  f.stopwords = stopword_sets(o);
  f.lexicons = lexicons_for(o, f.group);
  return f;
}

namespace {

// The case value of a turn for --by / --compare.
CaseOf case_function(const FreqArgs& a, const CorpusReader& reader) {
  std::string by = a.by;
  std::string target;
  if (!a.compare.empty()) {
    const auto eq = a.compare.find('=');
    if (!a.compare.starts_with("attr:") || eq == std::string::npos) {
      throw UsageError("--compare takes attr:NAME=VALUE");
    }
    by = a.compare.substr(0, eq);
    target = a.compare.substr(eq + 1);
  }
  const CaseValue value = reader.case_value(by);
  if (a.compare.empty()) return value;
  return [value, target](const Document& doc, const DocumentTurn& t) -> std::optional<std::string> {
    std::optional<std::string> v = value(doc, t);
    if (!v) return std::nullopt;
    return *v == target ? "target" : "reference";
  };
}

// Counts a corpus into `counter` (and `total` for --wide).
bool count_corpus(const FreqArgs& a, const CommonOptions& o, const FrequencyOptions& f,
                  FrequencyCounter& counter, FrequencyCounter* total, Fingerprint& fp,
                  std::size_t& documents, const std::optional<std::string>& fixed_case) {
  CorpusReader reader("freq", o);
  const HyphenMode hyphens = parse_hyphens(o.hyphens);
  CaseOf case_of = case_function(a, reader);
  if (fixed_case) {
    case_of = [&reader, fixed_case](const Document&, const DocumentTurn& t) {
      return reader.keep_turn(t) ? fixed_case : std::nullopt;
    };
  }
  // Each worker counts into its own counters; they are merged once the corpus is read.
  PerWorker<FrequencyCounter> counters(o.threads, f);
  std::optional<PerWorker<FrequencyCounter>> totals;
  if (total) totals.emplace(o.threads, f);
  const CaseOf any_case = [&case_of](const Document& doc,
                                     const DocumentTurn& t) -> std::optional<std::string> {
    if (!case_of(doc, t)) return std::nullopt;
    return std::string();
  };
  const bool ok = reader.map_documents<Fingerprint>(
      [&](Document& doc) {
        Fingerprint one;
        one.add(doc);
        counters.get().count(doc, case_of, hyphens);
        if (totals) totals->get().count(doc, any_case, hyphens);
        return one;
      },
      [&](Fingerprint& one) {
        fp.combine(one);
        ++documents;
      },
      kCountsWindow);
  counters.for_each([&counter](FrequencyCounter& c) { counter.merge(std::move(c)); });
  if (totals) totals->for_each([total](FrequencyCounter& c) { total->merge(std::move(c)); });
  return ok;
}

int run_lint(const FreqArgs& a) {
  std::optional<std::uint64_t> n;
  if (!a.common.paths.empty()) {
    FrequencyOptions f = frequency_options(a);
    FrequencyCounter counter(f);
    Fingerprint fp;
    std::size_t documents = 0;
    if (!count_corpus(a, a.common, f, counter, nullptr, fp, documents, std::string()))
      return kBadInput;
    auto tables = counter.finish();
    n = tables.empty() ? 0 : tables[0].counted_tokens;
  }
  const TableLint lint = lint_frequency_table(read_text(a.lint), a.lint, n);
  OutputFile out(a.common.output);
  for (const auto& f : lint.findings) {
    out.write(fmt::format("{}:{}: '{}': 100 x {} / {} = {}, the table says {}\n", a.lint, f.line,
                          f.word, f.count, lint.n, f.expected, f.published));
  }
  out.commit();
  if (!a.common.quiet) {
    fmt::print(stderr, "verbatim freq: {} of {} rows do not match N = {} ({})\n",
               lint.findings.size(), lint.rows, lint.n,
               lint.n_inferred ? "the N most rows agree on" : "counted tokens of the corpus");
  }
  return lint.findings.empty() ? kOk : kCheckFailed;
}

int run_freq(const FreqArgs& a) {
  if (!a.lint.empty()) return run_lint(a);
  const CommonOptions& o = a.common;
  const FrequencyOptions f = frequency_options(a);
  if (a.wide && a.by.empty()) throw UsageError("--wide needs --by");
  if ((!a.compare.empty() || !a.reference.empty()) && !a.by.empty())
    throw UsageError("--by and --compare cannot go together");
  if (a.measure != "ll" && a.measure != "chi2" && a.measure != "lafon")
    throw UsageError("--measure must be ll, chi2 or lafon");
  if (a.partial && !a.reference.empty()) {
    throw UsageError(
        "--partial cannot count a --reference corpus in every shard; use --compare "
        "attr:NAME=VALUE");
  }
  FreqCounts counts;
  counts.counter = std::make_unique<FrequencyCounter>(f);
  if (a.wide) counts.total = std::make_unique<FrequencyCounter>(f);
  std::optional<std::string> fixed;
  if (!a.reference.empty()) fixed = "target";
  bool ok = count_corpus(a, o, f, *counts.counter, counts.total.get(), counts.fingerprint,
                         counts.documents, fixed);
  if (!a.reference.empty()) {
    CommonOptions ro = o;
    ro.paths = a.reference;
    ro.shard.clear();
    ro.files_from.clear();
    ok = count_corpus(a, ro, f, *counts.counter, nullptr, counts.fingerprint, counts.documents,
                      std::string("reference")) &&
         ok;
  }
  if (!ok) return kBadInput;
  if (!a.partial) return write_freq_tables(a, f, counts);
  return write_freq_partial(a, f, counts);
}

}  // namespace

void register_freq(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<FreqArgs>();
  CLI::App* cmd = app.add_subcommand("freq", "Word frequencies (NVivo's query), per case, keyness");
  add_common_flags(cmd, a->common);
  cmd->add_option("--top", a->top, "Keep the N most frequent rows (per case)");
  cmd->add_option("--min-length", a->min_length, "Shortest counted word, in characters")
      ->default_val(1);
  cmd->add_option("--group", a->group, "Group forms: lemma, stem (Snowball) or exact")
      ->default_val("lemma");
  cmd->add_flag("--numbers", a->numbers, "Count numbers as words: digits and numerals in letters");
  cmd->add_option("--percent-of", a->percent_of, "N of the percent: counted or all word tokens")
      ->default_val("counted");
  cmd->add_option("--synonyms", a->synonyms,
                  "File of synonym groups, one per line, comma-separated");
  cmd->add_option("--by", a->by, "One table per document, speaker, participant or attr:NAME");
  cmd->add_flag("--wide", a->wide, "With --by: one count column per case value");
  cmd->add_option("--compare", a->compare, "Keyness of attr:NAME=VALUE against the rest");
  cmd->add_option("--reference", a->reference,
                  "Keyness against this reference file or folder (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--measure", a->measure, "Keyness ranking: ll, chi2 or lafon")->default_val("ll");
  cmd->add_option("--ngrams", a->ngrams, "Count word n-grams of N or N..M words (2..3)");
  cmd->add_option("--terms", a->terms, "Only these words (a list, or a freq table)");
  cmd->add_option("--lint", a->lint, "Check a published frequency table's percentages; exit 3");
  cmd->add_flag("--partial", a->partial,
                "Write mergeable counts (JSON Lines) for 'verbatim merge' instead of the table")
      ->group("Shards");
  add_shard_flags(cmd, a->common);
  cmd->footer(R"(Columns: word,length,count,weighted_percent,similar_words,documents
  (group,... with --by; word,length,count,<values> with --wide; word,target_count,
  reference_count,log_likelihood,log_ratio,p_value with --compare/--reference)

Examples:
  verbatim freq data/sample --role participant --top 11 --format md
  verbatim freq data/sample --role participant --by attr:pays --wide --top 20
  verbatim freq data/sample --role participant --compare attr:pays=Maroc --measure lafon --top 15
  verbatim freq data/sample --role participant --top 30 --sep ';' --bom -o frequences.csv)");
  cmd->callback(
      [a, &exit_code] { exit_code = run_tool("freq", a->common, [&] { return run_freq(*a); }); });
}

}  // namespace verbatim::cli
