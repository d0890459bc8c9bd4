// verbatim merge: adds up the partial counts of shards (freq --partial, cooccur --partial) and
// writes the table one run over the whole corpus writes, byte for byte; or, with --partial,
// the merged partial (for a reduce in several levels).
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/partial.hpp"
#include "cooccur/cooccur.hpp"
#include "freq/freq.hpp"
#include "tools.hpp"

namespace verbatim::cli {

namespace {

struct MergeArgs {
  CommonOptions common;
  std::vector<std::string> partials;
  bool partial = false;
};

// The first member of `a` and `b` (objects) whose values differ, or "".
std::string first_difference(const JsonValue& a, const JsonValue& b) {
  for (std::size_t i = 0; i < a.keys.size(); ++i) {
    const JsonValue* other = b.get(a.keys[i]);
    if (!other || other->cell() != a.values[i].cell()) {
      return fmt::format("'{}' is {} there and {} here", a.keys[i], a.values[i].cell(),
                         other ? other->cell() : "absent");
    }
  }
  for (const auto& k : b.keys) {
    if (!a.get(k)) return fmt::format("'{}' is absent there", k);
  }
  return "";
}

// Every partial must come from the same tool with the same options; no two may hold the same
// documents (a shard given twice).
void check_compatible(const std::vector<std::unique_ptr<PartialFile>>& files) {
  const PartialFile& first = *files.front();
  for (std::size_t i = 1; i < files.size(); ++i) {
    const PartialFile& p = *files[i];
    if (p.tool() != first.tool()) {
      throw Error(Location{p.path(), 1, 1, std::nullopt},
                  fmt::format("a {} partial, and {} is a {} partial: merge partials of one tool",
                              p.tool(), first.path(), first.tool()));
    }
    for (const char* part : {"options", "table"}) {
      const std::string diff =
          first_difference(first.header().object(part).value(), p.header().object(part).value());
      if (!diff.empty()) {
        throw Error(Location{p.path(), 1, 1, std::nullopt},
                    fmt::format("made with other options than {}: {}", first.path(), diff));
      }
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (files[i]->documents() > 0 && files[i]->fingerprint() == files[j]->fingerprint()) {
        throw Error(
            Location{files[i]->path(), 1, 1, std::nullopt},
            fmt::format("holds the same {} documents as {} (fingerprint {}): a shard "
                        "given twice?",
                        files[i]->documents(), files[j]->path(), files[i]->fingerprint().hex()));
      }
    }
  }
}

int merge_freq(const MergeArgs& m, std::vector<std::unique_ptr<PartialFile>>& files) {
  FrequencyOptions f;
  const FreqArgs a = freq_args_from_partial(files.front()->header(), m.common, f);
  FreqCounts counts;
  counts.counter = std::make_unique<FrequencyCounter>(f);
  if (a.wide) counts.total = std::make_unique<FrequencyCounter>(f);
  JsonValue record;
  Location where;
  for (auto& file : files) {
    while (file->next(record, where)) {
      const JsonValue* k = record.get("k");
      FrequencyCounter* c = !k || k->text == "0"       ? counts.counter.get()
                            : k->text == "1" && a.wide ? counts.total.get()
                                                       : nullptr;
      if (!c) throw Error(where, "not a freq partial record: 'k' must be 0, or 1 with --wide");
      c->add_partial(record, where);
    }
    counts.fingerprint.combine(file->fingerprint());
    counts.documents += file->documents();
  }
  if (!m.partial) return write_freq_tables(a, f, counts);
  return write_freq_partial(a, f, counts);
}

int merge_cooccur(const MergeArgs& m, std::vector<std::unique_ptr<PartialFile>>& files) {
  CooccurCounts counts;
  CooccurArgs a = cooccur_args_from_partial(files.front()->header(), m.common, counts.terms);
  std::vector<std::string> measures;
  if (m.partial) a.common.format = "csv";  // the format of the table is chosen at the end
  cooccurrence_options(a, measures);
  JsonValue record;
  Location where;
  for (auto& file : files) {
    while (file->next(record, where)) {
      const JsonValue* c = record.get("case");
      if (!c || c->type != JsonValue::Type::string)
        throw Error(where, "not a cooccur partial record: no 'case'");
      counts.counters.try_emplace(c->text, a.max_pairs).first->second.add_partial(record, where);
    }
    counts.fingerprint.combine(file->fingerprint());
    counts.documents += file->documents();
  }
  if (!m.partial) return write_cooccur_tables(a, measures, counts);
  return write_cooccur_partial(a, counts);
}

int run_merge(const MergeArgs& m) {
  if (m.partials.empty()) throw UsageError("name the partial files to merge (or - for stdin)");
  std::vector<std::unique_ptr<PartialFile>> files;
  for (const auto& path : m.partials)
    files.push_back(std::make_unique<PartialFile>(path));
  check_compatible(files);
  const std::string& tool = files.front()->tool();
  if (tool == "freq") return merge_freq(m, files);
  if (tool == "cooccur") return merge_cooccur(m, files);
  throw Error(Location{files.front()->path(), 1, 1, std::nullopt},
              fmt::format("a partial of '{}', which merge does not know (freq, cooccur)", tool));
}

}  // namespace

void register_merge(CLI::App& app, int& exit_code) {
  auto m = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "merge", "Add up the partial counts of shards into the table of the whole corpus");
  add_common_flags(cmd, m->common, kOutputFlags);
  cmd->add_option("partials", m->partials, "Partial files (freq/cooccur --partial; '-': stdin)");
  cmd->add_flag("--partial", m->partial, "Write the merged partial instead of the table");
  cmd->footer(R"(The table is the one a single run with the shards' options writes, byte for byte:
  the options come from the partials, which must agree; --format, -o, --sep, --bom and
  --safe-cells choose how it is written. A document must be in one shard only.

Examples:
  verbatim freq data/sample --role participant --top 11 --partial --shard 1/2 -o a.jsonl
  verbatim freq data/sample --role participant --top 11 --partial --shard 2/2 -o b.jsonl
  verbatim merge a.jsonl b.jsonl --format md
  ls data/sample/interviews/* | verbatim cooccur --files-from - --partial --role participant | verbatim merge - --format md)");
  cmd->callback(
      [m, &exit_code] { exit_code = run_tool("merge", m->common, [&] { return run_merge(*m); }); });
}

}  // namespace verbatim::cli
