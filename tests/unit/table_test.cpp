#include "verbatim/table.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include "unit/temp_dir.hpp"

using namespace verbatim;
namespace fs = std::filesystem;

namespace {

// Writes a small table in `format` to a temporary file and returns the bytes.
std::string render(TableFormat format, TableOptions opts = {}) {
  TempDir dir;
  const std::string path = (dir.path / "t.out").string();
  {
    OutputFile out(path);
    TableWriter w(out, format, {"word", "count", "note"}, opts);
    w.row({{"IA"}, {"12", CellType::number}, {"a,b \"q\"\nx|y"}});
    w.row({{"client"}, {"3", CellType::number}, {"", CellType::string, true}});
    w.row({{"ok"}, {"true", CellType::boolean}, {"tab\there"}});
    w.finish();
    out.commit();
  }
  return slurp(path);
}

}  // namespace

TEST_CASE("parse_table_format", "[table]") {
  CHECK(parse_table_format("csv") == TableFormat::csv);
  CHECK(parse_table_format("markdown") == TableFormat::md);
  CHECK_FALSE(parse_table_format("xlsx"));
}

TEST_CASE("CSV, with ; and BOM for spreadsheets", "[table]") {
  CHECK(render(TableFormat::csv) ==
        "word,count,note\nIA,12,\"a,b \"\"q\"\"\nx|y\"\nclient,3,\nok,true,tab\there\n");
  TableOptions excel;
  excel.sep = ';';
  excel.bom = true;
  CHECK(
      render(TableFormat::csv, excel) ==
      "\xEF\xBB\xBFword;count;note\nIA;12;\"a,b \"\"q\"\"\nx|y\"\nclient;3;\nok;true;tab\there\n");
}

TEST_CASE("TSV escapes what it cannot quote", "[table]") {
  CHECK(render(TableFormat::tsv) ==
        "word\tcount\tnote\nIA\t12\ta,b \"q\"\\nx|y\nclient\t3\t\nok\ttrue\ttab\\there\n");
}

TEST_CASE("JSON and JSONL carry the header and typed values", "[table]") {
  TableOptions o;
  o.header_json = "{\"tool\":\"t\"}";
  CHECK(render(TableFormat::json, o) ==
        "{\"verbatim\":{\"tool\":\"t\"},\"columns\":[\"word\",\"count\",\"note\"],\"rows\":[\n"
        "[\"IA\",12,\"a,b "
        "\\\"q\\\"\\nx|y\"],\n[\"client\",3,null],\n[\"ok\",true,\"tab\\there\"]\n]}\n");
  CHECK(render(TableFormat::jsonl, o) ==
        "{\"verbatim\":{\"tool\":\"t\"},\"columns\":[\"word\",\"count\",\"note\"]}\n"
        "{\"word\":\"IA\",\"count\":12,\"note\":\"a,b \\\"q\\\"\\nx|y\"}\n"
        "{\"word\":\"client\",\"count\":3,\"note\":null}\n"
        "{\"word\":\"ok\",\"count\":true,\"note\":\"tab\\there\"}\n");
}

TEST_CASE("Markdown escapes pipes and writes line breaks as <br>", "[table]") {
  CHECK(render(TableFormat::md) ==
        "| word | count | note |\n|---|---|---|\n| IA | 12 | a,b \"q\"<br>x\\|y |\n"
        "| client | 3 |  |\n| ok | true | tab\there |\n");
}

TEST_CASE("Rows formatted in chunks give the same bytes as rows written one by one", "[table]") {
  for (TableFormat f : {TableFormat::csv, TableFormat::json, TableFormat::jsonl, TableFormat::md}) {
    TempDir dir;
    auto write = [&](bool chunked) {
      const std::string path = (dir.path / (chunked ? "b" : "a")).string();
      OutputFile out(path);
      TableWriter w(out, f, {"a"});
      std::vector<std::vector<Cell>> rows = {{{"1"}}, {{"2"}}, {{"3"}}};
      if (chunked) {
        std::string c1, c2;
        w.format_row(c1, rows[0], true);
        w.format_row(c1, rows[1], false);
        w.format_row(c2, rows[2], true);
        w.append_formatted(c1, 2);
        w.append_formatted("", 0);
        w.append_formatted(c2, 1);
      } else {
        for (const auto& r : rows)
          w.row(r);
      }
      w.finish();
      out.commit();
      return slurp(path);
    };
    CHECK(write(true) == write(false));
  }
}
