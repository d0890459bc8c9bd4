// verbatim cooccur: word co-occurrence in windows or units, with association measures, as a
// table, a matrix or a network (DOT, GraphML, JSON).
#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cooccur/cooccur.hpp"
#include "tools.hpp"
#include "verbatim/network.hpp"

namespace verbatim::cli {

namespace {

const std::vector<std::string> kMeasures = {"count", "jaccard", "dice", "cosine",
                                            "pmi",   "npmi",    "ll"};

double measure_of(const Edge& e, const std::string& m) {
  if (m == "count") return static_cast<double>(e.count);
  if (m == "jaccard") return e.jaccard;
  if (m == "dice") return e.dice;
  if (m == "cosine") return e.cosine;
  if (m == "pmi") return e.pmi;
  if (m == "npmi") return e.npmi;
  return e.ll;
}

std::string number(double v, const std::string& m) {
  if (m == "count") return fmt::format("{}", static_cast<std::uint64_t>(v));
  return fmt::format("{:.4f}", std::fabs(v) < 0.00005 ? 0.0 : v);
}

// Words from a list or from a freq table's first column ("-": standard input).
std::vector<std::string> read_terms(const std::string& path) {
  const std::string text = read_text(path);
  std::vector<std::string> out;
  std::size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    const std::size_t eol = std::min(text.find('\n', pos), text.size());
    std::string w = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (auto sep = w.find_first_of(",\t"); sep != std::string::npos) w.resize(sep);
    if (!w.empty() && w.front() == '"' && w.back() == '"' && w.size() >= 2)
      w = w.substr(1, w.size() - 2);
    if (first && (w == "word" || w == "group")) {
      first = false;
      continue;
    }
    first = false;
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

std::vector<std::string> top_terms(const CooccurrenceOptions& co, std::size_t top,
                                   const CommonOptions& o) {
  const FrequencyOptions f = top_frequency_options(co);
  FrequencyCounter counter(f);
  CorpusReader reader("cooccur", o);
  const CaseOf all = one_case([&reader](const DocumentTurn& t) { return reader.keep_turn(t); });
  PerWorker<FrequencyCounter> counters(o.threads, f);
  const bool ok = reader.map_documents<bool>(
      [&](Document& doc) {
        counters.get().count(doc, all, co.hyphens);
        return true;
      },
      [](bool&) {}, kCountsWindow);
  counters.for_each([&counter](FrequencyCounter& c) { counter.merge(std::move(c)); });
  if (!ok) throw Error("the corpus could not be read");
  return top_words(counter.finish(), top);
}

void write_network(OutputFile& out, const std::string& format, const CooccurrenceTable& t,
                   const std::vector<std::string>& measures, const std::string& header) {
  std::vector<NetworkNode> nodes;
  std::map<std::string, std::size_t> id;  // by term key: two terms may show one word
  for (const Node& n : t.nodes) {
    id[n.key] = nodes.size();
    nodes.push_back({n.word, n.count});
  }
  std::vector<NetworkEdge> edges;
  for (const Edge& e : t.edges) {
    NetworkEdge ne{id.at(e.a_key),
                   id.at(e.b_key),
                   e.count,
                   number(measure_of(e, measures.front()), measures.front()),
                   {}};
    for (const auto& x : measures) {
      if (x != "count") ne.measures.emplace_back(x, number(measure_of(e, x), x));
    }
    edges.push_back(std::move(ne));
  }
  const NetworkFormat f = format == "dot"       ? NetworkFormat::dot
                          : format == "graphml" ? NetworkFormat::graphml
                                                : NetworkFormat::json;
  out.write(render_network(f, nodes, edges, header));
}

}  // namespace

CooccurrenceOptions cooccurrence_options(const CooccurArgs& a, std::vector<std::string>& measures) {
  const CommonOptions& o = a.common;
  CooccurrenceOptions co;
  if (a.unit == "window") {
    co.unit = CooccurrenceUnit::window;
  } else if (a.unit == "sentence") {
    co.unit = CooccurrenceUnit::sentence;
  } else if (a.unit == "turn") {
    co.unit = CooccurrenceUnit::turn;
  } else if (a.unit == "paragraph") {
    co.unit = CooccurrenceUnit::paragraph;
  } else if (a.unit == "document") {
    co.unit = CooccurrenceUnit::document;
  } else {
    throw UsageError("--unit must be window, sentence, turn, paragraph or document");
  }
  for (std::size_t pos = 0; pos <= a.measures.size();) {
    const std::size_t comma = std::min(a.measures.find(',', pos), a.measures.size());
    const std::string m = a.measures.substr(pos, comma - pos);
    if (std::find(kMeasures.begin(), kMeasures.end(), m) == kMeasures.end()) {
      throw UsageError(
          fmt::format("unknown measure '{}'; measures: count, jaccard, dice, cosine, "
                      "pmi, npmi, ll",
                      m));
    }
    measures.push_back(m);
    pos = comma + 1;
  }
  const std::string format = o.format;
  const bool network = format == "dot" || format == "graphml" || format == "json";
  const bool matrix = format == "matrix";
  co.window = a.window;
  co.group = parse_group(a.group);
  co.lexicons = lexicons_for(o, co.group);
  co.min_length = a.min_length;
  co.hyphens = parse_hyphens(o.hyphens);
  co.stopwords = stopword_sets(o);
  if (!a.by.empty() && (network || matrix)) {
    throw UsageError("--by gives one table per case: use csv, tsv, jsonl or md");
  }
  return co;
}

namespace {

// --top without --by: the words are counted and their pairs found in one reading of the corpus.
int run_top_cooccur(const CooccurArgs& a, const std::vector<std::string>& measures,
                    CooccurrenceOptions& co) {
  const CommonOptions& o = a.common;
  CorpusReader reader("cooccur", o);
  TopCooccurrence top(co, a.top, o.threads);
  const TurnFilter keep = [&reader](const DocumentTurn& t) { return reader.keep_turn(t); };
  CooccurCounts counts;
  const bool ok = reader.map_documents<Fingerprint>(
      [&](Document& doc) {
        top.count(doc, keep);
        Fingerprint one;
        one.add(doc);
        return one;
      },
      [&](Fingerprint& one) {
        counts.fingerprint.combine(one);
        ++counts.documents;
      },
      kCountsWindow);
  if (!ok) throw Error("the corpus could not be read");
  const DocumentCooccurrence d = top.finish(co.terms);
  if (co.terms.empty()) throw Error("no term to count: the term list is empty");
  counts.terms = co.terms;
  counts.counters.try_emplace("", a.max_pairs).first->second.add(d);
  return write_cooccur_tables(a, measures, counts);
}

int run_cooccur(const CooccurArgs& a) {
  const CommonOptions& o = a.common;
  std::vector<std::string> measures;
  CooccurrenceOptions co = cooccurrence_options(a, measures);
  if (a.partial && a.top && a.terms.empty()) {
    throw UsageError(
        "--partial cannot pick the --top words of the whole corpus in one shard: merge freq "
        "partials first and pass their top words with --terms (see docs/scale-out.md)");
  }
  if (!a.terms.empty()) co.terms = read_terms(a.terms);
  if (a.top && co.terms.empty() && a.by.empty()) return run_top_cooccur(a, measures, co);
  const bool second_reading = a.top && co.terms.empty();
  if (second_reading) co.terms = top_terms(co, a.top, o);
  if ((!a.terms.empty() || a.top) && co.terms.empty()) {
    throw Error("no term to count: the term list is empty");
  }
  CorpusReader reader("cooccur", o);
  if (second_reading) reader.quiet_warnings();
  const CaseValue case_of = reader.case_value(a.by);
  // One counter per case value (a single "" case without --by), merged in document order.
  CooccurCounts counts;
  counts.terms = co.terms;
  auto& counters = counts.counters;
  struct Counts : std::vector<std::pair<std::string, DocumentCooccurrence>> {
    Fingerprint fingerprint;
  };
  PerWorker<CooccurrenceTerms> term_caches(o.threads, co);
  const bool ok = reader.map_documents<Counts>(
      [&](Document& doc) {
        CooccurrenceTerms& cache = term_caches.get();
        Fingerprint one;
        one.add(doc);
        std::vector<std::string> values;
        for (const auto& turn : doc.turns) {
          auto v = case_of(doc, turn);
          if (v && std::find(values.begin(), values.end(), *v) == values.end())
            values.push_back(*v);
        }
        Counts out;
        out.fingerprint = one;
        for (const auto& value : values) {
          out.emplace_back(value, count_cooccurrence(
                                      doc, co,
                                      [&](const DocumentTurn& t) {
                                        auto v = case_of(doc, t);
                                        return v && *v == value;
                                      },
                                      &cache));
        }
        return out;
      },
      [&](Counts& doc) {
        for (auto& [value, d] : doc)
          counters.try_emplace(value, a.max_pairs).first->second.add(d);
        counts.fingerprint.combine(doc.fingerprint);
        ++counts.documents;
      });
  if (!ok) return kBadInput;
  if (a.partial) {
    return write_cooccur_partial(a, counts);
  }
  return write_cooccur_tables(a, measures, counts);
}

}  // namespace

int write_cooccur_tables(const CooccurArgs& a, const std::vector<std::string>& measures,
                         CooccurCounts& counts) {
  const CommonOptions& o = a.common;
  const std::string format = o.format;
  const bool network = format == "dot" || format == "graphml" || format == "json";
  const bool matrix = format == "matrix";
  auto& counters = counts.counters;

  if (counters.empty())
    throw Error("no words to count: the corpus is empty or --role kept no turn");
  const std::string& m = measures.front();
  // The terms, decided on every case at once: each case table names a word by the same key.
  std::vector<const CooccurrenceCounter*> all;
  for (const auto& [value, counter] : counters)
    all.push_back(&counter);
  FrequencyOptions grouping;
  grouping.group = parse_group(a.group);
  if (!counts.terms.empty()) grouping.lexicons = lexicons_for(o, grouping.group);
  const CooccurrenceCounter::TermKeys keys =
      CooccurrenceCounter::term_keys(all, counts.terms, grouping);
  std::vector<std::pair<std::string, CooccurrenceTable>> tables;
  for (auto& [value, counter] : counters) {
    CooccurrenceTable table = counter.finish(a.min_count, keys);
    std::sort(table.edges.begin(), table.edges.end(), [&m](const Edge& x, const Edge& y) {
      const double mx = measure_of(x, m), my = measure_of(y, m);
      if (mx != my) return mx > my;
      return std::tie(x.a, x.b, x.a_key, x.b_key) < std::tie(y.a, y.b, y.a_key, y.b_key);
    });
    tables.emplace_back(value, std::move(table));
  }
  CooccurrenceTable& t = tables.front().second;

  const std::string header =
      cooccur_header_start(a, counts.terms.size()) + fmt::format(",\"units\":{}}}", t.units);
  if (network) {
    OutputFile out(o.output);
    write_network(out, format, t, measures, header);
    out.commit();
    return kOk;
  }
  if (matrix) {
    // Square term x term table of the first measure, terms by frequency.
    CommonOptions mo = o;
    mo.format = "csv";
    std::vector<std::string> cols = {"term"};
    for (const Node& n : t.nodes)
      cols.push_back(n.word);
    std::map<std::pair<std::string, std::string>, std::string> cell;  // by term keys
    for (const Edge& e : t.edges) {
      cell[{e.a_key, e.b_key}] = cell[{e.b_key, e.a_key}] = number(measure_of(e, m), m);
    }
    TableOutput out = open_table(mo, cols, header);
    for (const Node& r : t.nodes) {
      std::vector<std::string> text = {r.word};
      for (const Node& c : t.nodes) {
        auto it = cell.find({r.key, c.key});
        text.push_back(it == cell.end() ? (m == "count" ? "0" : "") : it->second);
      }
      std::vector<Cell> cells;
      for (std::size_t i = 0; i < text.size(); ++i)
        cells.push_back({text[i], i ? CellType::number : CellType::string, text[i].empty()});
      out.writer->row(cells);
    }
    out.commit();
    return kOk;
  }
  std::vector<std::string> cols = {"a", "b", "count", "a_count", "b_count"};
  for (const auto& x : measures) {
    if (x != "count") cols.push_back(x);
  }
  const bool long_form = !a.by.empty();
  if (long_form) cols.insert(cols.begin(), "group");
  TableOutput out = open_table(o, cols, header);
  for (const auto& [value, table] : tables) {
    for (const Edge& e : table.edges) {
      std::vector<std::string> text;
      if (long_form) text.push_back(value);
      for (auto v : {e.a, e.b, std::to_string(e.count), std::to_string(e.a_count),
                     std::to_string(e.b_count)}) {
        text.push_back(std::move(v));
      }
      for (const auto& x : measures) {
        if (x != "count") text.push_back(number(measure_of(e, x), x));
      }
      std::vector<Cell> cells;
      const std::size_t words = long_form ? 3 : 2;
      for (std::size_t k = 0; k < text.size(); ++k) {
        cells.push_back({text[k], k < words ? CellType::string : CellType::number});
      }
      out.writer->row(cells);
    }
  }
  out.commit();
  return kOk;
}

void register_cooccur(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<CooccurArgs>();
  CLI::App* cmd = app.add_subcommand("cooccur", "Words that travel together: tables and networks");
  add_common_flags(cmd, a->common);
  cmd->add_option("--unit", a->unit, "window, sentence, turn, paragraph or document")
      ->default_val("window");
  cmd->add_option("--window", a->window, "Window: at most N word positions apart")->default_val(5);
  cmd->add_option("--terms", a->terms, "Only these words: a list or a freq table ('-': stdin)");
  cmd->add_option("--top", a->top, "Only the N most frequent words (freq's ranking)");
  cmd->add_option("--min-count", a->min_count, "Drop pairs seen fewer times")->default_val(1);
  cmd->add_option(
         "--measure", a->measures,
         "Measures, comma-separated, the first ranks: count,jaccard,dice,cosine,pmi,npmi,ll")
      ->default_val("count");
  cmd->add_option("--group", a->group, "Group forms: lemma, stem (Snowball) or exact")
      ->default_val("lemma");
  cmd->add_option("--by", a->by, "One table per document, speaker, participant or attr:NAME");
  cmd->add_option("--min-length", a->min_length, "Shortest term, in characters")->default_val(1);
  cmd->add_option("--max-pairs", a->max_pairs, "Stop with an error past this many distinct pairs")
      ->default_val(20000000);
  cmd->add_flag("--partial", a->partial,
                "Write mergeable counts (JSON Lines) for 'verbatim merge' instead of the table")
      ->group("Shards");
  add_shard_flags(cmd, a->common);
  cmd->footer(
      R"(Columns: a,b,count,a_count,b_count[,measures]; --format matrix|dot|graphml, and json
  (a network: nodes with frequency, edges with count and measures).
  window: pairs at most N positions apart within a sentence (U = counted tokens);
  units: units holding both words (U = units).

Examples:
  verbatim cooccur data/sample --role participant --top 30 --measure count,jaccard
  verbatim freq data/sample --role participant --top 60 | verbatim cooccur data/sample --role participant --terms - --unit sentence
  verbatim cooccur data/sample --role participant --top 40 --format dot -o network.dot)");
  cmd->callback([a, &exit_code] {
    exit_code = run_tool("cooccur", a->common, [&] { return run_cooccur(*a); });
  });
}

}  // namespace verbatim::cli
