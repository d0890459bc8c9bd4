// cooccur's header and partial header, and the arguments a partial's header gives back.
#include <fmt/format.h>

#include "cooccur/cooccur.hpp"

namespace verbatim::cli {

std::string cooccur_header_start(const CooccurArgs& a, std::size_t terms) {
  std::string options = json_options_open(a.common);
  options +=
      fmt::format(",\"unit\":\"{}\",\"window\":{},\"group\":\"{}\",\"min_count\":{},\"terms\":{}}}",
                  a.unit, a.window, a.group, a.min_count, terms);
  return json_header_start("cooccur", options);
}

std::string cooccur_partial_header(const CooccurArgs& a, const CooccurCounts& counts) {
  std::string table = "{\"measures\":";
  append_json_string(table, a.measures);
  table += ",\"by\":";
  append_json_string(table, a.by);
  table += fmt::format(",\"min_length\":{},\"max_pairs\":{}", a.min_length, a.max_pairs);
  table += ",\"terms\":" + json_string_list(counts.terms) + "}";
  return partial_header(cooccur_header_start(a, counts.terms.size()), table, counts.documents,
                        counts.fingerprint);
}

int write_cooccur_partial(const CooccurArgs& a, const CooccurCounts& counts) {
  std::string text = cooccur_partial_header(a, counts);
  for (const auto& [value, counter] : counts.counters)
    counter.write_partial(text, value);
  return write_partial_text(a.common.output, text);
}

CooccurArgs cooccur_args_from_partial(const PartialFields& header, const CommonOptions& output,
                                      std::vector<std::string>& terms) {
  const PartialFields o = header.object("options");
  const PartialFields t = header.object("table");
  CooccurArgs a;
  a.common = partial_common_options(o, output);
  a.unit = o.text("unit");
  a.window = o.size("window");
  a.group = o.text("group");
  a.min_count = o.size("min_count");
  a.measures = t.text("measures");
  a.by = t.text("by");
  a.min_length = t.size("min_length");
  a.max_pairs = t.size("max_pairs");
  terms = t.strings("terms");
  return a;
}

}  // namespace verbatim::cli
