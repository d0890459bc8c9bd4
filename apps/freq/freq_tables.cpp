// The tables of freq: NVivo's table (per case in long form), --wide, and keyness.
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "cli/partial.hpp"
#include "freq/freq.hpp"
#include "verbatim/json.hpp"
#include "verbatim/keyness.hpp"

namespace verbatim::cli {

namespace {

// `{"tool":"freq","version":...,"options":{...}`: the header's start, its outer object open.
std::string header_start(const FreqArgs& a, const FrequencyOptions& f) {
  return json_header_start("freq", freq_options_json(a, f));
}

std::string header_json(const FreqArgs& a, const FrequencyOptions& f, std::uint64_t n,
                        std::uint64_t words, std::size_t documents, const Fingerprint& fp) {
  return header_start(a, f) +
         fmt::format(
             ",\"corpus\":{{\"documents\":{},\"tokens\":{},\"counted\":{},\"fingerprint\":"
             "\"{}\"}},\"n\":{},\"formula\":\"weighted_percent = 100 * count / n; a word in k "
             "synonym groups adds count / k\"}}",
             documents, words, n, fp.hex(), n);
}

// What the two parts of a keyness table are, for its header and its md footer.
std::string target_selection(const FreqArgs& a) {
  return a.compare.empty() ? "the corpus" : a.compare;
}
std::string reference_selection(const FreqArgs& a) {
  if (a.reference.empty()) return "the rest of the corpus";
  std::string s;
  for (const auto& r : a.reference)
    s += (s.empty() ? "" : ", ") + r;
  return s;
}

// The keyness header: the corpus, then the two parts compared with their sizes (c and d of
// the formulas), the ranking measure and the formulas, so that every score can be recomputed.
std::string keyness_header_json(const FreqArgs& a, const FrequencyOptions& f, std::uint64_t words,
                                std::size_t documents, const Fingerprint& fp,
                                const FrequencyTable& target, const FrequencyTable& reference) {
  auto part = [](std::string_view name, const std::string& selection, const FrequencyTable& t) {
    std::string s = fmt::format(",\"{}\":{{\"selection\":", name);
    append_json_string(s, selection);
    s += fmt::format(",\"documents\":{},\"tokens\":{},\"counted\":{}}}", t.documents, t.word_tokens,
                     t.counted_tokens);
    return s;
  };
  std::string h = header_start(a, f);
  h += fmt::format(",\"corpus\":{{\"documents\":{},\"tokens\":{},\"fingerprint\":\"{}\"}}",
                   documents, words, fp.hex());
  h += part("target", target_selection(a), target);
  h += part("reference", reference_selection(a), reference);
  h += ",\"measure\":";
  append_json_string(h, a.measure);
  h += ",\"formula\":";
  append_json_string(
      h,
      "a, b: the word's count in target and reference; c, d: their counted tokens; "
      "log_likelihood = 2 * sum(O * ln(O / E)) over the 2x2 cells {a, b, c - a, d - b}, signed + "
      "when a / c > b / d; log_ratio = log2((a / c) / (b / d)), 0.5 for a zero count; chi2 = N * "
      "(|a(d - b) - b(c - a)| - N / 2)^2 / ((a + b)(c + d - a - b) c d), N = c + d, signed; "
      "specificity = -log10 P(X >= a) when a >= (a + b) c / N, else log10 P(X <= a), X "
      "hypergeometric; p_value: chi-square(1) tail of |log_likelihood| or |chi2|, or "
      "10^-|specificity|");
  h += "}";
  return h;
}

// "Options: group stem, stopwords default, min-length 1, role participant." for md footers.
std::string options_sentence(const FreqArgs& a, const FrequencyOptions& f) {
  const CommonOptions& o = a.common;
  return fmt::format("Options: group {}, stopwords {}, min-length {}{}.", a.group, o.stopwords,
                     f.min_length, o.role.empty() ? "" : ", role " + o.role);
}

// "1 document", "3 documents".
std::string documents_phrase(std::size_t n) {
  return fmt::format("{} document{}", n, n == 1 ? "" : "s");
}

// Four decimals, never "-0.0000".
std::string fixed4(double v) {
  return fmt::format("{:.4f}", std::fabs(v) < 0.00005 ? 0.0 : v);
}

std::string similar_words(const FrequencyRow& r) {
  std::string s;
  for (const auto& [form, n] : r.similar) {
    if (!s.empty()) s += ", ";
    s += form;
    s += " (";
    s += fmt::format_int(n).str();
    s += ')';
  }
  return s;
}

}  // namespace

std::string freq_options_json(const FreqArgs& a, const FrequencyOptions& f) {
  std::string h = json_options_open(a.common);
  h += fmt::format(
      ",\"group\":\"{}\",\"min_length\":{},\"top\":{},\"numbers\":{},\"percent_of\":\"{}\","
      "\"ngrams\":\"{}\",\"by\":",
      a.group, f.min_length, a.top, f.numbers ? "true" : "false", a.percent_of,
      f.ngram_max > 1 ? a.ngrams : "1");
  append_json_string(h, a.by);
  if (f.lexicons) h += ",\"lexicons\":" + lexicons_json(*f.lexicons);
  h += ",\"compare\":";
  append_json_string(h, a.compare);
  h += "}";
  return h;
}

std::string freq_partial_header(const FreqArgs& a, const FrequencyOptions& f, std::size_t documents,
                                const Fingerprint& fp) {
  std::string table = fmt::format("{{\"wide\":{},\"measure\":", a.wide ? "true" : "false");
  append_json_string(table, a.measure);
  table += ",\"terms\":" + json_string_list(f.terms) + "}";
  return partial_header(header_start(a, f), table, documents, fp);
}

int write_freq_partial(const FreqArgs& a, const FrequencyOptions& f, const FreqCounts& counts) {
  std::string text = freq_partial_header(a, f, counts.documents, counts.fingerprint);
  counts.counter->write_partial(text, 0);
  if (counts.total) counts.total->write_partial(text, 1);
  return write_partial_text(a.common.output, text);
}

FreqArgs freq_args_from_partial(const PartialFields& header, const CommonOptions& output,
                                FrequencyOptions& f) {
  const PartialFields o = header.object("options");
  const PartialFields t = header.object("table");
  FreqArgs a;
  a.common = partial_common_options(o, output);
  a.group = o.text("group");
  a.min_length = o.size("min_length");
  a.top = o.size("top");
  a.numbers = o.flag("numbers");
  a.percent_of = o.text("percent_of");
  a.ngrams = o.text("ngrams") == "1" ? "" : o.text("ngrams");
  a.by = o.text("by");
  a.compare = o.text("compare");
  a.wide = t.flag("wide");
  a.measure = t.text("measure");
  f = frequency_options(a);
  f.terms = t.strings("terms");
  return a;
}

int write_freq_tables(const FreqArgs& a, const FrequencyOptions& f, FreqCounts& counts) {
  const bool keyness_mode = !a.compare.empty() || !a.reference.empty();
  KeynessMeasure measure = KeynessMeasure::ll;
  if (a.measure == "chi2") {
    measure = KeynessMeasure::chi2;
  } else if (a.measure == "lafon") {
    measure = KeynessMeasure::lafon;
  } else if (a.measure != "ll") {
    throw UsageError("--measure must be ll, chi2 or lafon");
  }
  const CommonOptions& o = a.common;
  const Fingerprint& fp = counts.fingerprint;
  std::vector<FrequencyTable> tables = counts.counter->finish();
  if (tables.empty()) throw Error("no words to count: the corpus is empty or --role kept no turn");
  std::uint64_t words = 0, n = 0;
  for (const auto& t : tables) {
    words += t.word_tokens;
    n += t.counted_tokens;
  }
  const std::size_t docs = counts.documents;
  const std::string header = header_json(a, f, n, words, docs, fp);

  if (keyness_mode) {
    FrequencyTable empty;
    const FrequencyTable* target = &empty;
    const FrequencyTable* reference = &empty;
    for (const auto& t : tables)
      (t.case_value == "target" ? target : reference) = &t;
    const std::string keyness_header =
        keyness_header_json(a, f, words, docs, fp, *target, *reference);
    std::vector<std::string> cols = {"word",           "target_count", "reference_count",
                                     "log_likelihood", "log_ratio",    "p_value"};
    if (measure == KeynessMeasure::chi2) cols.push_back("chi2");
    if (measure == KeynessMeasure::lafon) cols.push_back("specificity");
    TableOutput out = open_table(o, cols, keyness_header);
    std::size_t i = 0;
    for (const KeynessRow& k : keyness(*target, *reference, measure)) {
      if (a.top && i++ >= a.top) break;
      const std::string t = std::to_string(k.target), r = std::to_string(k.reference),
                        ll = fixed4(k.ll), lr = fixed4(k.log_ratio),
                        p = fmt::format("{:.3e}", k.p_value),
                        extra = fixed4(measure == KeynessMeasure::chi2 ? k.chi2 : k.lafon);
      std::vector<Cell> cells = {{k.word},
                                 {t, CellType::number},
                                 {r, CellType::number},
                                 {ll, CellType::number},
                                 {lr, CellType::number},
                                 {p, CellType::number}};
      if (cols.size() == 7) cells.push_back({extra, CellType::number});
      out.writer->row(cells);
    }
    out.writer->finish();
    if (o.format == "md") {
      out.file->write(fmt::format(
          "\nTarget ({}): c = {} counted word tokens in {}; reference ({}): d = {} in {}. "
          "Ranked by {}; log-likelihood is the signed 2x2 G2, log ratio log2((a / c) / (b / d)). "
          "{} Corpus: {}, fingerprint {}.\n",
          target_selection(a), target->counted_tokens, documents_phrase(target->documents),
          reference_selection(a), reference->counted_tokens, documents_phrase(reference->documents),
          a.measure, options_sentence(a, f), documents_phrase(docs), fp.hex()));
    }
    out.file->commit();
    return kOk;
  }

  if (a.wide) {
    std::vector<std::string> cols = {"word", "length", "count"};
    for (const auto& t : tables)
      cols.push_back(t.case_value);
    TableOutput out = open_table(o, cols, header);
    const FrequencyTable whole = counts.total->finish().at(0);
    std::vector<std::map<std::string, std::uint64_t>> by_case(tables.size());
    for (std::size_t c = 0; c < tables.size(); ++c) {
      for (const auto& r : tables[c].rows)
        by_case[c][r.key] = r.count;
    }
    std::size_t i = 0;
    for (const auto& r : whole.rows) {
      if (a.top && i++ >= a.top) break;
      std::vector<std::string> text = {r.word, std::to_string(r.length), std::to_string(r.count)};
      for (const auto& m : by_case) {
        auto it = m.find(r.key);
        text.push_back(std::to_string(it == m.end() ? 0 : it->second));
      }
      std::vector<Cell> cells;
      for (std::size_t k = 0; k < text.size(); ++k) {
        cells.push_back({text[k], k == 0 ? CellType::string : CellType::number});
      }
      out.writer->row(cells);
    }
    out.commit();
    return kOk;
  }

  std::vector<std::string> cols = {"word",          "length",   "count", "weighted_percent",
                                   "similar_words", "documents"};
  const bool long_form = !a.by.empty();
  if (long_form) cols.insert(cols.begin(), "group");
  TableOutput out = open_table(o, cols, header);
  for (const auto& t : tables) {
    std::size_t i = 0;
    for (const auto& r : t.rows) {
      if (a.top && i++ >= a.top) break;
      const std::string len = std::to_string(r.length), count = std::to_string(r.count),
                        pct = format_percent(t.percent(r)), sim = similar_words(r),
                        docs_s = std::to_string(r.documents);
      std::vector<Cell> cells = {
          {r.word}, {len, CellType::number},   {count, CellType::number}, {pct, CellType::number},
          {sim},    {docs_s, CellType::number}};
      if (long_form) cells.insert(cells.begin(), Cell{t.case_value});
      out.writer->row(cells);
    }
  }
  out.writer->finish();
  if (o.format == "md") {
    out.file->write(fmt::format(
        "\nN = {} counted word tokens ({} word tokens in all); weighted percent = 100 x count / "
        "N. {} Corpus: {}, fingerprint {}.\n",
        n, words, options_sentence(a, f), documents_phrase(docs), fp.hex()));
  }
  out.file->commit();
  return kOk;
}

}  // namespace verbatim::cli
