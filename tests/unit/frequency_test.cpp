#include "verbatim/frequency.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include <fmt/format.h>

using namespace verbatim;

namespace {

Document doc(const std::string& id, const std::string& text, Language lang = Language::fr) {
  Diagnostics w;
  CorpusOptions o;
  o.language = lang;
  return make_document({id + ".txt", id, id + ".txt"}, Format::text, text, o, w);
}

const CaseOf kAll = [](const Document&, const DocumentTurn&) -> std::optional<std::string> {
  return std::string();
};

std::vector<FrequencyTable> run(const std::vector<Document>& docs, FrequencyOptions o,
                                const CaseOf& case_of = kAll) {
  if (!o.stopwords) o.stopwords = [](Language l) { return Stopwords::defaults(l); };
  FrequencyCounter c(o);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    c.count(docs[i], case_of, HyphenMode::language);
  }
  return c.finish();
}

std::vector<std::string> summary(const FrequencyTable& t) {
  std::vector<std::string> out;
  for (const auto& r : t.rows) {
    std::string s = r.word + " " + std::to_string(r.count) + " " + format_percent(t.percent(r)) +
                    " d" + std::to_string(r.documents) + " [";
    for (const auto& [f, n] : r.similar)
      s += f + ":" + std::to_string(n) + ";";
    out.push_back(s + "]");
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("Stem groups, display form, similar words, documents, N", "[frequency]") {
  const std::vector<Document> docs = {
      doc("a", "P01 : L'IA aide les clients. Le client veut l'IA. 12 clients, ia."),
      doc("b", "P02 : Les Clients, le CLIENT et la personnalisation.")};
  const auto tables = run(docs, {});
  REQUIRE(tables.size() == 1);
  const FrequencyTable& t = tables[0];
  // Counted: IA aide clients client veut IA clients ia | Clients CLIENT personnalisation = 11
  CHECK(t.counted_tokens == 11);
  CHECK(summary(t) == V{"clients 5 45.45 d2 [clients:3;client:2;]", "IA 3 27.27 d1 [ia:3;]",
                        "aide 1 9.09 d1 [aide:1;]",
                        "personnalisation 1 9.09 d1 [personnalisation:1;]",
                        "veut 1 9.09 d1 [veut:1;]"});
  CHECK(t.rows[0].length == 7);
  CHECK(t.documents == 2);
}

TEST_CASE("Exact grouping, min-length, numbers, percent of all words", "[frequency]") {
  const std::vector<Document> docs = {doc("a", "P01 : Le client, les clients, 76 clients et IA.")};
  FrequencyOptions o;
  o.group = GroupMode::exact;
  CHECK(summary(run(docs, o)[0]) == V{"clients 2 50.00 d1 [clients:2;]", "IA 1 25.00 d1 [ia:1;]",
                                      "client 1 25.00 d1 [client:1;]"});
  o.min_length = 3;
  o.numbers = true;
  o.percent_of_all = true;
  // Words: Le client les clients clients et IA = 7 (76 is a number); counted: client clients
  // clients (IA and 76 are shorter than 3); N = all word tokens = 7.
  auto t = run(docs, o)[0];
  CHECK(t.counted_tokens == 7);
  CHECK(summary(t) == V{"clients 2 28.57 d1 [clients:2;]", "client 1 14.29 d1 [client:1;]"});
  o.min_length = 2;
  o.percent_of_all = false;
  t = run(docs, o)[0];
  CHECK(t.counted_tokens == 5);
  CHECK(summary(t) == V{"clients 2 40.00 d1 [clients:2;]", "76 1 20.00 d1 [76:1;]",
                        "IA 1 20.00 d1 [ia:1;]", "client 1 20.00 d1 [client:1;]"});
}

TEST_CASE("Synonyms: overlapping groups apportion the weighted percent", "[frequency]") {
  const std::vector<Document> docs = {
      doc("a", "P01 : client client client consommateur fidélité acheteur acheteur prix")};
  FrequencyOptions o;
  o.synonyms = {{"client", "consommateur", "acheteur"}, {"acheteur", "fidélité"}};
  const auto t = run(docs, o)[0];
  // N = 8. Row 1: client 3 + consommateur 1 + acheteur 2 = 6 counted, weighted 3 + 1 + 2/2 = 5
  // -> 62.50. Row 2: acheteur 2 + fidélité 1 = 3, weighted 2/2 + 1 = 2 -> 25.00.
  CHECK(summary(t) == V{"client 6 62.50 d1 [client:3;acheteur:2;consommateur:1;]",
                        "acheteur 3 25.00 d1 [acheteur:2;fidélité:1;]",
                        "prix 1 12.50 d1 [prix:1;]"});
}

TEST_CASE("Terms restrict the table to a list", "[frequency]") {
  const std::vector<Document> docs = {doc("a", "P01 : clients client IA prix prix")};
  FrequencyOptions o;
  o.terms = {"Client", "ia"};
  CHECK(summary(run(docs, o)[0]) ==
        V{"client 2 40.00 d1 [client:1;clients:1;]", "IA 1 20.00 d1 [ia:1;]"});
}

TEST_CASE("N-grams stay inside sentences and do not start or end with a stopword", "[frequency]") {
  const std::vector<Document> docs = {doc(
      "a", "P01 : Le marketing digital change. Marketing digital et IA générative de la marque.")};
  FrequencyOptions o;
  o.ngram_min = 2;
  o.ngram_max = 3;
  const auto t = run(docs, o)[0];
  std::vector<std::string> words;
  for (const auto& r : t.rows)
    words.push_back(r.word);
  // "Marketing digital" (once) and "marketing digital" (once): a first capital that comes and
  // goes is a sentence's, so the group shows the lower-case spelling.
  CHECK(words == V{"marketing digital", "IA générative", "digital change", "digital et IA",
                   "marketing digital change"});
  // "change. Marketing" crosses a sentence end: never counted.
  for (const auto& w : words)
    CHECK(w.find("change Marketing") == std::string::npos);
}

TEST_CASE("Cases: one table per value, in byte order", "[frequency]") {
  const std::vector<Document> docs = {
      doc("a", "Enquêteur : Et le client ?\nP01 : Le client, fidèle client.\n"),
      doc("b", "P02 : Le prix.\n")};
  const CaseOf by_speaker = [](const Document&,
                               const DocumentTurn& t) -> std::optional<std::string> {
    if (t.role != "participant") return std::nullopt;
    return t.speaker;
  };
  const auto tables = run(docs, {}, by_speaker);
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].case_value == "P01");
  CHECK(summary(tables[0]) == V{"client 2 66.67 d1 [client:2;]", "fidèle 1 33.33 d1 [fidèle:1;]"});
  CHECK(tables[1].case_value == "P02");
  CHECK(summary(tables[1]) == V{"prix 1 100.00 d1 [prix:1;]"});
}

TEST_CASE("A word both languages use is one row; words that differ stay apart", "[frequency]") {
  // French document: clients x2, client x1, Google x2, data x1, fenêtre x1, maintenant x2,
  // maintenance x1 (one French stem), telle x4, tell x1 (one French stem).
  // English document: clients x1, Google x1, data x2, windows x1, client x2, maintenance x1,
  // tell x4, telle x1 (one English stem).
  // French "client" group: {clients 2, client 1}, led by "clients"; English: {client 2,
  // clients 1}, led by "client": each lead is a form of the other, and their shares
  // intersect in min(2/3, 1/3) + min(1/3, 2/3) = 2/3 >= 1/2: one row. French {telle 4, tell 1}
  // and English {tell 4, telle 1} also hold each other's lead, but intersect in 1/5 + 1/5 =
  // 2/5: two rows. The French "maintenant" group and the English "maintenance" group (which has
  // no "maintenant") stay apart.
  const std::vector<Document> docs = {
      doc("fr",
          "P01 : Les clients de Google, un client, les clients, Google, data, fenêtre, "
          "maintenant, maintenant, maintenance, telle, telle, telle, telle, tell."),
      doc("en",
          "P02 : The clients of Google, data, data, windows, client, client, maintenance, tell, "
          "tell, tell, tell, telle.",
          Language::en)};
  const auto tables = run(docs, {});
  REQUIRE(tables.size() == 1);
  // Counted: fr clients Google client clients Google data fenêtre maintenant maintenant
  // maintenance telle x4 tell (de, un, les: stopwords) = 15, en clients Google data data
  // windows client client maintenance tell x4 telle (the, of) = 13: N = 28; client 6 / 28 =
  // 21.43 %, 5 / 28 = 17.86 %, 3 / 28 = 10.71 %, 1 / 28 = 3.57 %. The client row's surfaces:
  // "clients" 2 + 1, "client" 1 + 2, a tie that goes to byte order.
  CHECK(tables[0].counted_tokens == 28);
  CHECK(summary(tables[0]) ==
        V{"client 6 21.43 d2 [client:3;clients:3;]", "tell 5 17.86 d1 [tell:4;telle:1;]",
          "telle 5 17.86 d1 [telle:4;tell:1;]", "Google 3 10.71 d2 [google:3;]",
          "data 3 10.71 d2 [data:3;]", "maintenant 3 10.71 d1 [maintenant:2;maintenance:1;]",
          "fenêtre 1 3.57 d1 [fenêtre:1;]", "maintenance 1 3.57 d1 [maintenance:1;]",
          "windows 1 3.57 d1 [windows:1;]"});
  // By document: each table shows its own counts under the same key, so that per-case tables,
  // --wide and keyness join the word across them.
  const CaseOf by_doc = [](const Document& d, const DocumentTurn&) -> std::optional<std::string> {
    return d.source.id;
  };
  const auto cases = run(docs, {}, by_doc);
  REQUIRE(cases.size() == 2);
  auto row = [](const FrequencyTable& t, const std::string& word) {
    for (const auto& r : t.rows) {
      if (r.word == word) return r;
    }
    return FrequencyRow{};
  };
  CHECK(row(cases[0], "Google").count == 1);  // "en" first in byte order
  CHECK(row(cases[1], "Google").count == 2);
  CHECK(row(cases[0], "Google").key == row(cases[1], "Google").key);
  CHECK(row(cases[0], "data").key == row(cases[1], "data").key);
  CHECK(row(tables[0], "Google").key == row(cases[0], "Google").key);
  // --terms: a word keeps the rows it leads, else the rows that have it, else its groups' rows.
  auto words_of = [&docs](const std::vector<std::string>& terms) {
    FrequencyOptions o;
    o.terms = terms;
    std::vector<std::string> words;
    const auto tables = run(docs, o);
    for (const auto& r : tables.at(0).rows)
      words.push_back(r.word);
    return words;
  };
  // "maintenant" and "maintenance" stem alike in English too, but only the French row has
  // "maintenant"; "telle" leads the French row, and the English "tell" row has it once.
  CHECK(words_of({"maintenant", "telle"}) == V{"telle", "maintenant"});
  CHECK(words_of({"maintenance"}) == V{"maintenance"});                 // it leads the English row
  CHECK(words_of({"clients", "CLIENT"}) == V{"client"});                // one row, had by both
  CHECK(words_of({"maintenances"}) == V{"maintenant", "maintenance"});  // no row has it: keys
}

TEST_CASE("Counters merged give the tables of one counter, whoever counted what", "[frequency]") {
  // Speakers interleave inside a document, a group is met in several cases, synonyms split
  // weights: the merged tables must still be those of a single counter, byte for byte.
  const std::vector<Document> docs = {
      doc("a",
          "P01 : Le client veut l'IA.\nP02 : Les clients, le consommateur.\n"
          "P01 : Un client, encore un client fidèle.\n"),
      doc("b", "P02 : L'acheteur et le client. Personnalisation !\n"),
      doc("c", "P03 : The customers want AI; the customer buys.\n", Language::en), doc("d", ""),
      doc("e", "P01 : fidélité, fidèles, fidèle ; prix, prix.\n")};
  const CaseOf by_speaker = [](const Document&,
                               const DocumentTurn& t) -> std::optional<std::string> {
    return t.speaker;
  };
  FrequencyOptions o;
  o.stopwords = [](Language l) { return Stopwords::defaults(l); };
  o.synonyms = {{"client", "consommateur"}, {"client", "acheteur", "fidèle"}};
  auto text = [](const std::vector<FrequencyTable>& tables) {
    std::string s;
    for (const auto& t : tables) {
      s += "[" + t.case_value + "] N=" + std::to_string(t.counted_tokens) +
           " docs=" + std::to_string(t.documents) + "\n";
      for (const auto& line : summary(t))
        s += line + "\n";
    }
    return s;
  };
  FrequencyCounter whole(o);
  for (const auto& d : docs)
    whole.count(d, by_speaker, HyphenMode::language);
  const std::string expected = text(whole.finish());
  // P01: client veut IA | client client fidèle (a, interleaved with P02) | 5 in e: N = 11;
  // line 2 holds the fidel- stem: client 3/2 + 4 = 5.5 of 11; line 1: client 3/2 of 11.
  CHECK(
      expected.starts_with("[P01] N=11 docs=2\n"
                           "client 7 50.00 d2 [client:3;fidèle:2;fidèles:1;fidélité:1;]\n"
                           "client 3 13.64 d1 [client:3;]\n"));
  // Every assignment of the five documents to three counters, merged in two orders.
  for (unsigned code = 0; code < 243; ++code) {
    FrequencyCounter part[3] = {FrequencyCounter(o), FrequencyCounter(o), FrequencyCounter(o)};
    unsigned c = code;
    for (const auto& d : docs) {
      part[c % 3].count(d, by_speaker, HyphenMode::language);
      c /= 3;
    }
    FrequencyCounter merged(o);
    const bool reverse = code % 2;
    for (int i = 0; i < 3; ++i)
      merged.merge(std::move(part[reverse ? 2 - i : i]));
    INFO("assignment " << code);
    CHECK(text(merged.finish()) == expected);
  }
}

TEST_CASE("Turn forms and merged form ids name the same forms", "[frequency]") {
  FrequencyOptions o;
  o.stopwords = [](Language l) { return Stopwords::defaults(l); };
  const Document a = doc("a", "P01 : Le client, 3 clients.\nINT : fidèle ?\n");
  const Document b = doc("b", "P02 : Clients et client fidèle.\n");
  const Document c = doc("c", "P03 : The client.\n", Language::en);
  const CaseOf participants = [](const Document&,
                                 const DocumentTurn& t) -> std::optional<std::string> {
    if (t.speaker == "INT") return std::nullopt;
    return std::string();
  };
  // Per counter: the surface of each word token of the turns it was shown, by form id.
  auto seen = [&](FrequencyCounter& counter, const Document& d, std::vector<std::string>& out) {
    const FrequencyCounter::TurnForms record = [&](const DocumentTurn&,
                                                   const std::vector<Token>& tokens,
                                                   const std::vector<std::uint32_t>& ids) {
      REQUIRE(ids.size() == tokens.size());
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string surface = d.text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
        if (tokens[i].kind != TokenKind::word) {
          CHECK(ids[i] == FrequencyCounter::kNoForm);
          continue;
        }
        REQUIRE(ids[i] != FrequencyCounter::kNoForm);
        CHECK(counter.form(ids[i]).surface == surface);
        out.push_back(surface + "#" + std::to_string(ids[i]));
      }
    };
    counter.count(d, participants, HyphenMode::language, record);
  };
  FrequencyCounter first(o), second(o);
  std::vector<std::string> in_first, in_second;
  seen(first, a, in_first);
  seen(second, b, in_second);
  seen(second, c, in_second);
  // The interviewer's turn is not shown; "3" is a number, not a word.
  CHECK(in_first == V{"Le#0", "client#1", "clients#2"});
  CHECK(in_second == V{"Clients#0", "et#1", "client#2", "fidèle#3", "The#4", "client#5"});
  CHECK(first.form(0).lang == Language::fr);
  CHECK_FALSE(first.form(0).counted);  // a stopword
  CHECK(first.form(2).key == "fr:client");
  CHECK(second.form(5).lang == Language::en);
  CHECK(second.form(5).key == "en:client");
  FrequencyCounter merged(o);
  std::vector<std::uint32_t> ids_first, ids_second;
  merged.merge(std::move(first), &ids_first);
  merged.merge(std::move(second), &ids_second);
  CHECK(ids_first == std::vector<std::uint32_t>{0, 1, 2});
  // Clients is new; client (fr) is form 1; client (en) is a form of its own.
  CHECK(ids_second == std::vector<std::uint32_t>{3, 4, 1, 5, 6, 7});
  CHECK(merged.forms() == 8);
  CHECK(merged.form(1).surface == "client");
  CHECK(merged.form(7).surface == "client");
  CHECK(merged.form(7).lang == Language::en);
}

TEST_CASE("top_words takes the first words as ranked, across tables", "[frequency]") {
  FrequencyTable a, b;
  for (const char* w : {"client", "prix", "offre"}) {
    FrequencyRow r;
    r.word = w;
    a.rows.push_back(r);
  }
  FrequencyRow r;
  r.word = "service";
  b.rows.push_back(r);
  CHECK(top_words({a, b}, 2) == V{"client", "prix"});
  CHECK(top_words({a, b}, 4) == V{"client", "prix", "offre", "service"});
  CHECK(top_words({a, b}, 10).size() == 4);
  CHECK(top_words({a}, 0).empty());
}

TEST_CASE("format_percent rounds half up to two decimals", "[frequency]") {
  CHECK(format_percent(12.345) == "12.35");
  CHECK(format_percent(12.344999) == "12.34");
  CHECK(format_percent(100.0 * 1 / 8) == "12.50");
  CHECK(format_percent(100.0 * 1 / 3) == "33.33");
  CHECK(format_percent(100.0 * 2 / 3) == "66.67");
  CHECK(format_percent(0) == "0.00");
  CHECK(format_percent(100) == "100.00");
  CHECK(format_percent(0.005) == "0.01");
  CHECK(format_percent(99.995) == "100.00");
  // Printed from whole hundredths: the same digits as the float formatter, for any value.
  std::uint64_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const double v = static_cast<double>(x >> 11) / static_cast<double>(1ull << 53) * 100.0;
    const double h = std::floor(v * 100.0 + 0.5 + 1e-9);
    INFO(v);
    CHECK(format_percent(v) == fmt::format("{:.2f}", h / 100.0));
  }
}

TEST_CASE("parse_synonyms", "[frequency]") {
  CHECK(parse_synonyms("client, consommateur\n# comment\n\nIA,intelligence artificielle\n",
                       "s.txt") ==
        std::vector<std::vector<std::string>>{{"client", "consommateur"},
                                              {"IA", "intelligence artificielle"}});
  try {
    parse_synonyms("a, b\nseul\n", "s.txt");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "s.txt:2:1: a synonym group needs at least two words separated by commas");
  }
}

TEST_CASE("lint_frequency_table finds rows whose percent is not count / N", "[frequency]") {
  // The word-frequency figure of a published study (NVivo output), as printed.
  const std::string fig =
      "Mot\tLongueur\tNombre\tPourcentage pondéré "
      "(%)\nIA\t2\t270\t5,00\npersonnalisation\t16\t200\t3,70\n"
      "marketing\t9\t180\t3,33\nclients\t7\t150\t2,78\nengagement\t10\t140\t2,"
      "59\nfidélité\t8\t130\t2,41\n"
      "technologie\t11\t120\t2,22\nstratégie\t9\t100\t1,85\nautomatisation\t14\t90\t1,48\n"
      "entreprise\t10\t80\t1,39\nanalyse\t7\t75\t1,20\n";
  TableLint lint = lint_frequency_table(fig, "fig2.tsv", std::nullopt);
  CHECK(lint.rows == 11);
  CHECK(lint.n_inferred);
  CHECK(100.0 * 270 / lint.n >= 4.995);
  REQUIRE(lint.findings.size() == 3);
  CHECK(lint.findings[0].word == "automatisation");
  CHECK(lint.findings[0].line == 10);
  CHECK(lint.findings[0].published == "1,48");
  CHECK(lint.findings[0].expected == "1,67");
  CHECK(lint.findings[1].word == "entreprise");
  CHECK(lint.findings[2].word == "analyse");
  // With the corpus's own N, every row is checked against it.
  CHECK(lint_frequency_table("word,count,weighted_percent\na,5,50.00\nb,5,40.00\n", "t.csv", 10)
            .findings.size() == 1);
  CHECK_THROWS_AS(lint_frequency_table("a,b\n1,2\n", "t.csv", std::nullopt), Error);
}

TEST_CASE("A word shows in lower case unless its capitals belong to it", "[frequency]") {
  // "Aujourd'hui" twice at a sentence's start, once in lower case: lower case. "Maroc" never
  // without its capital, "IA" and "ChatGPT" capitalised past their first letter: as written.
  const std::vector<Document> docs = {
      doc("a",
          "P01 : Aujourd'hui, ça va. Aujourd'hui encore. Je pense à aujourd'hui. Le Maroc, "
          "le Maroc. Ia, IA et IA. ChatGPT, chatgpt et ChatGPT.")};
  FrequencyOptions o;
  o.group = GroupMode::exact;
  const auto tables = run(docs, o);
  std::vector<std::string> words;
  for (const auto& r : tables[0].rows)
    words.push_back(r.word + " " + std::to_string(r.count));
  CHECK(words == V{"ChatGPT 3", "IA 3", "aujourd'hui 3", "Maroc 2", "pense 1"});
}
