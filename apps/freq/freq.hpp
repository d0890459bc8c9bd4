// freq's pieces shared with `verbatim merge`: its arguments, the options a partial records, and
// the writer that turns counters into the tables, so that a merge of shards and a single run
// write their tables through one function.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/partial.hpp"
#include "verbatim/frequency.hpp"

namespace verbatim::cli {

struct FreqArgs {
  CommonOptions common;
  std::size_t top = 0, min_length = 1;
  std::string group = "lemma", percent_of = "counted", synonyms, by, compare, measure = "ll";
  std::string ngrams, terms, lint;
  std::vector<std::string> reference;
  bool wide = false, numbers = false, partial = false;
};

// The counting options of the arguments (reads the --synonyms and --terms files).
FrequencyOptions frequency_options(const FreqArgs& a);

// What a run counted: the counter of its cases, the whole-corpus counter of --wide, and the
// corpus digest.
struct FreqCounts {
  std::unique_ptr<FrequencyCounter> counter;
  std::unique_ptr<FrequencyCounter> total;  // --wide only
  Fingerprint fingerprint;
  std::size_t documents = 0;  // read, of every part
};

// Writes the table(s) the arguments ask for (common.output, common.format...).
int write_freq_tables(const FreqArgs& a, const FrequencyOptions& f, FreqCounts& counts);

// The JSON object of the options a freq table's header records, as a partial records them too.
std::string freq_options_json(const FreqArgs& a, const FrequencyOptions& f);
// The first line of a partial: `{"verbatim": {tool, version, partial, options, table, corpus}}`.
std::string freq_partial_header(const FreqArgs& a, const FrequencyOptions& f, std::size_t documents,
                                const Fingerprint& fp);
// Writes the partial (header, then the counters' records) to a.common.output.
int write_freq_partial(const FreqArgs& a, const FrequencyOptions& f, const FreqCounts& counts);
// Rebuilds the table arguments from a partial's "verbatim" header (output flags from `output`);
// `f` receives the counting options the tables need (group, n-grams, terms, percent of).
FreqArgs freq_args_from_partial(const PartialFields& header, const CommonOptions& output,
                                FrequencyOptions& f);

}  // namespace verbatim::cli
