#include <catch2/catch.hpp>

#include "verbatim/frequency.hpp"
#include "verbatim/json.hpp"

using namespace verbatim;

namespace {

Document doc(const std::string& id, const std::string& text, Language lang) {
  Diagnostics w;
  CorpusOptions o;
  o.language = lang;
  return make_document({id + ".txt", id, id + ".txt"}, Format::text, text, o, w);
}

// Cases by the document's first letter, so that shards hold several cases.
const CaseOf kByLetter = [](const Document& d, const DocumentTurn&) -> std::optional<std::string> {
  return d.source.id.substr(0, 1);
};

FrequencyOptions options() {
  FrequencyOptions o;
  o.stopwords = [](Language l) { return Stopwords::defaults(l); };
  o.synonyms = {{"client", "consommateur"}, {"client", "acheteur"}};
  return o;
}

std::string table_text(const std::vector<FrequencyTable>& tables) {
  std::string s;
  for (const auto& t : tables) {
    s += "[" + t.case_value + "] N=" + std::to_string(t.counted_tokens) +
         " words=" + std::to_string(t.word_tokens) + " docs=" + std::to_string(t.documents) + "\n";
    for (const auto& r : t.rows) {
      s += r.word + " " + std::to_string(r.count) + " " + format_percent(t.percent(r)) + " d" +
           std::to_string(r.documents);
      for (const auto& [f, n] : r.similar)
        s += " " + f + ":" + std::to_string(n);
      s += "\n";
    }
  }
  return s;
}

void add_records(FrequencyCounter& c, const std::string& text) {
  std::size_t pos = 0, line = 0;
  while (pos < text.size()) {
    const std::size_t eol = text.find('\n', pos);
    ++line;
    std::size_t at = 0;
    const JsonValue v = parse_json_at(std::string_view(text).substr(pos, eol - pos), at, "part");
    c.add_partial(v, Location{"part", line, 1, std::nullopt});
    pos = eol + 1;
  }
}

}  // namespace

TEST_CASE("Partials of shards add up to the whole corpus's counter", "[frequency_partial]") {
  const std::vector<Document> docs = {
      doc("a1", "P01 : Le client veut l'IA. Les clients, le consommateur.", Language::fr),
      doc("a2", "P02 : L'acheteur et le client. Personnalisation !", Language::fr),
      doc("b1", "P03 : The customers want AI; the customer buys.", Language::en),
      doc("b2", "P04 : Le client, toujours le client, et la fidélité.", Language::fr),
      doc("c1", "", Language::fr)};
  const FrequencyOptions o = options();
  FrequencyCounter whole(o);
  for (std::size_t i = 0; i < docs.size(); ++i)
    whole.count(docs[i], kByLetter, HyphenMode::language);
  const std::string expected = table_text(whole.finish());
  REQUIRE(expected.find("client") != std::string::npos);

  // Every split of the five documents into two shards (one of them may be empty).
  for (unsigned mask = 0; mask < 32; ++mask) {
    FrequencyCounter shard[2] = {FrequencyCounter(o), FrequencyCounter(o)};
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const unsigned s = (mask >> i) & 1u;
      shard[s].count(docs[i], kByLetter, HyphenMode::language);
    }
    FrequencyOptions merge_opts;  // neither stopwords nor synonyms: the records carry them
    FrequencyCounter merged(merge_opts);
    for (const auto& s : shard) {
      std::string text;
      s.write_partial(text, 0);
      add_records(merged, text);
    }
    INFO("mask " << mask);
    CHECK(table_text(merged.finish()) == expected);
  }
}

TEST_CASE("Partial records name what is wrong with them", "[frequency_partial]") {
  FrequencyCounter c(options());
  const Location at{"part.jsonl", 7, 1, 120};
  auto add = [&](const std::string& json) { c.add_partial(parse_json(json, "x"), at); };
  CHECK_THROWS_WITH(add(R"({"k":0,"case":"","documents":-1,"words":3})"),
                    "part.jsonl:7:1 (byte 120): not a freq partial record: 'documents' must be a "
                    "whole number");
  CHECK_THROWS_WITH(
      add(R"({"k":0,"form":"x","lang":"de","key":"de:x"})"),
      "part.jsonl:7:1 (byte 120): not a freq partial record: 'lang' must be fr or en");
  CHECK_THROWS_WITH(add(R"({"k":0,"form":"x","lang":"fr","norm":"x","key":"fr:x","groups":[]})"),
                    "part.jsonl:7:1 (byte 120): not a freq partial record: 'groups' must be a list "
                    "of group keys");
  add(R"({"k":0,"form":"x","lang":"fr","norm":"x","key":"fr:x","groups":["fr:x"],"counts":{"":2}})");
  CHECK_THROWS_WITH(
      add(R"({"k":0,"form":"x","lang":"fr","norm":"x","key":"fr:y","groups":["fr:y"],"counts":{}})"),
      "part.jsonl:7:1 (byte 120): the form 'x' is in another group in an earlier partial: the "
      "partials were made with different options");
  CHECK_THROWS_WITH(add(R"({"k":0,"word":"x"})"),
                    "part.jsonl:7:1 (byte 120): not a freq partial record: no 'case', 'form' or "
                    "'group' member");
}
