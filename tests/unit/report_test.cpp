#include "verbatim/report.hpp"

#include <catch2/catch.hpp>

#include "verbatim/error.hpp"
#include "verbatim/zip.hpp"

using namespace verbatim;

namespace {

const char* kFreqCsv =
    "word,length,count,weighted_percent,similar_words,documents\n"
    "clients,7,277,2.28,\"clients (127), client (107)\",15\n"
    "IA,2,80,0.66,ia (80),14\n";

}  // namespace

TEST_CASE("Tables are read from CSV, semicolon CSV, TSV, JSON and JSON Lines", "[report]") {
  const ReportTable csv = read_report_table(kFreqCsv, "f.csv");
  CHECK(csv.kind == "freq");
  CHECK(csv.columns.size() == 6);
  REQUIRE(csv.rows.size() == 2);
  CHECK(csv.rows[0][4] == "clients (127), client (107)");
  CHECK(csv.numeric == std::vector<bool>{false, true, true, true, false, true});
  const ReportTable semi = read_report_table("code;files\nA;2\n", "s.csv");
  CHECK(semi.columns == std::vector<std::string>{"code", "files"});
  CHECK(semi.rows[0][1] == "2");
  const ReportTable tsv = read_report_table("a\tb\nx\\ty\t3\n", "t.tsv");
  CHECK(tsv.rows[0][0] == "x\ty");
  const ReportTable json = read_report_table(
      R"({"verbatim":{"n":12237,"formula":"100 * count / n"},"columns":["word","length","count","weighted_percent"],"rows":[["IA",2,80,0.66]]})",
      "f.json");
  CHECK(json.kind == "freq");
  CHECK(json.note == "N = 12237; 100 * count / n");
  CHECK(json.rows[0][2] == "80");
  const ReportTable jsonl = read_report_table(
      "{\"verbatim\":{},\"columns\":[\"a\",\"b\",\"count\"]}\n{\"a\":\"x\",\"b\":\"y\",\"count\":3}"
      "\n",
      "c.jsonl");
  CHECK(jsonl.kind == "cooccur");
  CHECK(jsonl.rows == std::vector<std::vector<std::string>>{{"x", "y", "3"}});
  CHECK_THROWS_WITH(read_report_table("{\"rows\":[]}", "bad.json"),
                    Catch::Contains("needs a \"columns\" list"));
}

TEST_CASE("Kinds come from the columns", "[report]") {
  CHECK(table_kind({"code", "files", "references", "coverage_percent", "words"}) == "summary");
  CHECK(table_kind({"code", "P01", "P02", "total"}) == "matrix");
  CHECK(table_kind({"code", "P01", "P02"}) == "grid");
  CHECK(table_kind({"word", "target_count", "reference_count", "log_likelihood"}) == "keyness");
  CHECK(table_kind({"id", "sexe", "pays"}) == "attributes");
  CHECK(table_kind({"x", "y"}) == "table");
}

TEST_CASE("French headers and decimal commas, as NVivo prints them", "[report]") {
  const ReportTable t = read_report_table(kFreqCsv, "f.csv");
  ReportOptions o;
  o.locale = Locale::fr;
  o.title = "Figure 2 : Mots";
  o.source = "Source : enquête";
  CHECK(render_markdown(t, o) ==
        "**Figure 2 : Mots**\n\n"
        "| Mot | Longueur | Nombre | Pourcentage pondéré (%) | Mots similaires | Documents |\n"
        "|---|---:|---:|---:|---|---:|\n"
        "| clients | 7 | 277 | 2,28 | clients (127), client (107) | 15 |\n"
        "| IA | 2 | 80 | 0,66 | ia (80) | 14 |\n\n"
        "*Source : enquête*\n");
  o.locale = Locale::en;
  CHECK(column_label("weighted_percent", Locale::en) == "Weighted Percentage (%)");
  CHECK(column_label("P07", Locale::fr) == "P07");
  CHECK(render_csv(t, o).substr(0, 28) == "Word,Length,Count,Weighted P");
  o.locale = Locale::fr;
  CHECK(render_csv(t, o).find("clients;7;277;2,28;") != std::string::npos);
  CHECK(render_csv(t, o).substr(0, 4) == "Mot;");
  o.bom = true;
  CHECK(render_csv(t, o).substr(0, 7) == "\xEF\xBB\xBFMot;");
}

TEST_CASE("HTML escapes everything; LaTeX escapes its specials", "[report]") {
  const ReportTable t =
      read_report_table("code,P1,total\nA/<b>&c,✓,1\nA/x_y%,?,0\ntotal,1,1\n", "m.csv");
  ReportOptions o;
  o.title = "T <1> & \"2\"";
  const std::string html = render_html_table(t, o);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("&lt;b&gt;&amp;c") != std::string::npos);
  CHECK(html.find("T &lt;1&gt; &amp; &quot;2&quot;") != std::string::npos);
  CHECK(html.find("<td class=\"yes\">✓</td>") != std::string::npos);
  CHECK(html.find("<tr class=\"total\">") != std::string::npos);
  const std::string tex = render_latex(t, o);
  CHECK(tex.find("\\toprule") != std::string::npos);
  CHECK(tex.find("\\quad{}x\\_y\\%") != std::string::npos);
  CHECK(tex.find("\\checkmark{}") != std::string::npos);
  CHECK(tex.find("\\caption{T <1> \\& \"2\"}") != std::string::npos);
  const std::string page = html_page("x", html, Locale::fr);
  CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
  CHECK(page.find("<script") == std::string::npos);
}

TEST_CASE("CSV output neutralises formula-like text, not negative numbers", "[report]") {
  const ReportTable t = read_report_table("word,log_ratio\n=1+2,-1.5\n@x,2\n", "k.csv");
  const std::string out = render_csv(t, {});
  CHECK(out.find("'=1+2,-1.5") != std::string::npos);
  CHECK(out.find("'@x,2") != std::string::npos);
}

TEST_CASE("XLSX has number cells, the header and is byte-identical", "[report]") {
  const ReportTable t = read_report_table(kFreqCsv, "f.csv");
  ReportOptions o;
  o.locale = Locale::fr;
  const std::string a = render_xlsx(t, o), b = render_xlsx(t, o);
  CHECK(a == b);
  const ZipReader z(a, "f.xlsx", ".xlsx");
  const std::string sheet = z.read("xl/worksheets/sheet1.xml", 1 << 20);
  const std::string strings = z.read("xl/sharedStrings.xml", 1 << 20);
  CHECK(strings.find("Pourcentage pondéré (%)") != std::string::npos);
  CHECK(strings.find("clients (127), client (107)") != std::string::npos);
  CHECK(sheet.find("<v>277</v>") != std::string::npos);
  CHECK(sheet.find("<v>2.28</v>") != std::string::npos);
  CHECK(sheet.find("<pane ySplit=\"1\"") != std::string::npos);
}
