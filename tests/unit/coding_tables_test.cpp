#include "verbatim/coding_tables.hpp"

#include <catch2/catch.hpp>

using namespace verbatim;

namespace {

Document doc_of(const std::string& id, const std::string& text) {
  Diagnostics w;
  CorpusOptions o;
  o.language = Language::fr;
  return make_document({id + ".txt", id, id + ".txt"}, Format::text, text, o, w);
}

const TurnFilter kAll = [](const DocumentTurn&) { return true; };

CodingTables::ColumnOf by_speaker() {
  return [](const DocumentTurn& t) -> std::optional<std::string> { return t.speaker; };
}

const char* kBook = R"(codes:
  - name: Prix
    match: [prix]
    children:
      - name: Doute
        uncertain: true
        match: [tarif]
  - name: Client
    match: [client]
)";

}  // namespace

TEST_CASE("Summary: files, references, coverage of the union, words", "[coding_tables]") {
  const Codebook cb = parse_codebook(kBook, "c");
  const Coder coder(cb);
  CodingTables t(cb, {});
  // Content: "le prix du client" 17 code points, "rien rien rien rien" 19, "un tarif. Un prix." 18.
  const Document a = doc_of("a", "A : le prix du client\nB : rien rien rien rien\n");
  const Document b = doc_of("b", "A : un tarif. Un prix.\n");
  t.add(a, coder.code(a, kAll), by_speaker());
  t.add(b, coder.code(b, kAll), by_speaker());
  const TextTable s = t.summary();
  REQUIRE(s.rows.size() == 3);
  // Prix: a (1 unit, 17 cp, 4 words) + b ("un tarif." 9 cp and "Un prix." 8 cp): 34 / 54.
  CHECK(s.rows[0] == std::vector<std::string>{"Prix", "2", "3", "62.96", "8"});
  CHECK(s.rows[1] == std::vector<std::string>{"Prix/Doute", "1", "1", "16.67", "2"});
  CHECK(s.rows[2] == std::vector<std::string>{"Client", "1", "1", "31.48", "4"});
  CHECK(t.uncoded_codes().empty());
  CHECK(t.uncoded_documents().empty());
}

TEST_CASE("Presence: check mark at the threshold, ? for uncertain only, totals",
          "[coding_tables]") {
  const Codebook cb = parse_codebook(kBook, "c");
  const Coder coder(cb);
  CodingTablesOptions o;
  o.min_references = 2;
  CodingTables t(cb, o);
  const Document d = doc_of("d", "A : prix. Prix. Client.\nB : un tarif.\nC : prix.\n");
  t.add(d, coder.code(d, kAll), by_speaker());
  const TextTable m = t.matrix(MatrixCell::presence);
  CHECK(m.columns == std::vector<std::string>{"code", "A", "B", "C", "total"});
  CHECK(m.rows[0] == std::vector<std::string>{"Prix", "✓", "?", "✗", "1"});
  CHECK(m.rows[1] == std::vector<std::string>{"Prix/Doute", "✗", "?", "✗", "0"});
  CHECK(m.rows[2] == std::vector<std::string>{"Client", "✗", "✗", "✗", "0"});
  CHECK(m.rows[3] == std::vector<std::string>{"total", "1", "0", "0", "1"});
  const TextTable r = t.matrix(MatrixCell::references);
  CHECK(r.rows[0] == std::vector<std::string>{"Prix", "2", "1", "1", "4"});
  // The total row sums top-level codes only (a parent holds its children).
  CHECK(r.rows[3] == std::vector<std::string>{"total", "3", "1", "1", "5"});
}

TEST_CASE("Grid keeps the longest distinct quotes, cut at a word", "[coding_tables]") {
  const Codebook cb = parse_codebook("codes:\n  - name: P\n    match: [prix]\n", "c");
  CodingTablesOptions o;
  o.quotes = 2;
  o.max_chars = 20;
  CodingTables t(cb, o);
  const Document d =
      doc_of("d", "A : Le prix. Le prix monte encore et encore. Le prix. Un prix bas.\n");
  t.add(d, Coder(cb).code(d, kAll), by_speaker());
  const TextTable g = t.grid();
  REQUIRE(g.rows.size() == 1);
  CHECK(g.rows[0][1] == "Le prix monte encore…\nUn prix bas.");
  CHECK(cut_quote("abc def", 0) == "abc def");
  CHECK(cut_quote("un, deux trois", 5) == "un…");
  CHECK(cut_quote("élève", 3) == "élè…");
}

TEST_CASE("Code pairs on the same unit, never with their ancestors", "[coding_tables]") {
  const Codebook cb = parse_codebook(kBook, "c");
  CodingTables t(cb, {});
  const Document d = doc_of("d", "A : prix et client. Le tarif du client. Client.\n");
  t.add(d, Coder(cb).code(d, kAll), by_speaker());
  const TextTable c = t.cooccurrence();
  REQUIRE(c.rows.size() == 2);
  CHECK(c.rows[0] == std::vector<std::string>{"Prix", "Client", "2", "2", "3", "0.6667", "0.6667"});
  CHECK(c.rows[1] ==
        std::vector<std::string>{"Prix/Doute", "Client", "1", "1", "3", "0.3333", "0.3333"});
}

TEST_CASE("Columns follow the given order, then natural order", "[coding_tables]") {
  CHECK(natural_less("P2", "P10"));
  CHECK_FALSE(natural_less("P10", "P2"));
  CHECK(natural_less("P02", "P3"));
  CHECK(natural_less("a", "b"));
  const Codebook cb = parse_codebook(kBook, "c");
  CodingTables t(cb, {});
  t.set_column_order({"P10"});
  const Document d = doc_of("d", "P2 : prix.\nP10 : prix.\nP1 : prix.\n");
  t.add(d, Coder(cb).code(d, kAll), by_speaker());
  CHECK(t.matrix(MatrixCell::references).columns ==
        std::vector<std::string>{"code", "P10", "P1", "P2", "total"});
}
