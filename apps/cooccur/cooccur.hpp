// cooccur's pieces shared with `verbatim merge`: its arguments, the options a partial records,
// and the writer of its tables, so that merged shards and a single run write the same bytes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/partial.hpp"
#include "verbatim/cooccurrence.hpp"

namespace verbatim::cli {

struct CooccurArgs {
  CommonOptions common;
  std::string unit = "window", terms, measures = "count", group = "lemma", by;
  std::size_t window = 5, top = 0, min_count = 1, min_length = 1, max_pairs = 20000000;
  bool partial = false;
};

// The counting options of the arguments and the measures they ask for; UsageError when off.
CooccurrenceOptions cooccurrence_options(const CooccurArgs& a, std::vector<std::string>& measures);

// What a run counted: a counter per case value ("" without --by), the listed words it was
// counted with (none: every word), the documents and their digest.
struct CooccurCounts {
  std::map<std::string, CooccurrenceCounter> counters;
  std::vector<std::string> terms;
  std::size_t documents = 0;
  Fingerprint fingerprint;
};

// Writes the table, matrix or network the arguments ask for.
int write_cooccur_tables(const CooccurArgs& a, const std::vector<std::string>& measures,
                         CooccurCounts& counts);

// `{"tool":"cooccur","version":...,"options":{...}`: a header's start, its outer object open.
std::string cooccur_header_start(const CooccurArgs& a, std::size_t terms);
// The first line of a partial: `{"verbatim": {tool, version, options, partial, table, corpus}}`.
std::string cooccur_partial_header(const CooccurArgs& a, const CooccurCounts& counts);
// Writes the partial (header, then every case's records) to a.common.output.
int write_cooccur_partial(const CooccurArgs& a, const CooccurCounts& counts);
// Rebuilds the table arguments from a partial's "verbatim" header (output flags from `output`)
// and the listed words it was counted with.
CooccurArgs cooccur_args_from_partial(const PartialFields& header, const CommonOptions& output,
                                      std::vector<std::string>& terms);

}  // namespace verbatim::cli
