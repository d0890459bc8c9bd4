#include "verbatim/cooccurrence.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "random_text.hpp"
#include "temp_dir.hpp"
#include "verbatim/parallel.hpp"

using namespace verbatim;

namespace {

Document doc_of(const std::string& text) {
  Diagnostics w;
  CorpusOptions o;
  o.language = Language::fr;
  return make_document({"p.txt", "p", "p.txt"}, Format::text, text, o, w);
}

const TurnFilter kAll = [](const DocumentTurn&) { return true; };

CooccurrenceOptions options(CooccurrenceUnit unit, std::size_t window = 2) {
  CooccurrenceOptions o;
  o.unit = unit;
  o.window = window;
  o.group = GroupMode::exact;
  o.stopwords = [](Language l) { return Stopwords::defaults(l); };
  return o;
}

}  // namespace

// "client fidèle et client heureux. client" with window 2: positions client(0) fidèle(1) et(2,
// a stopword: a position, never a term) client(3) heureux(4) | client(5) in the next sentence.
// Pairs at most 2 apart: client-fidèle (0,1), fidèle-client (1,3), client-heureux (3,4);
// client-client (0,3) is 3 apart, and the same term anyway. U = 5 counted tokens.
TEST_CASE("Window pairs count positions, stopwords included, within a sentence", "[cooccurrence]") {
  const Document d = doc_of("P01 : client fidèle et client heureux. client\n");
  const auto c = count_cooccurrence(d, options(CooccurrenceUnit::window), kAll);
  CHECK(c.units == 5);
  CHECK(c.term_count.at("fr:client") == 3);
  CHECK(c.pairs.size() == 2);
  CHECK(c.pairs.at({"fr:client", "fr:fidèle"}) == 2);
  CHECK(c.pairs.at({"fr:client", "fr:heureux"}) == 1);
  // Window 1: only adjacent positions; fidèle-client is 2 apart (et between).
  const auto c1 = count_cooccurrence(d, options(CooccurrenceUnit::window, 1), kAll);
  CHECK(c1.pairs.at({"fr:client", "fr:fidèle"}) == 1);
}

// Units: sentence 1 {client, fidèle, heureux}, sentence 2 {client}, turn 2 sentence {fidèle,
// prix}: U = 3; f(client) = 2, f(fidèle) = 2, f(client, fidèle) = 1.
TEST_CASE("Unit presence counts and turn boundaries", "[cooccurrence]") {
  const Document d =
      doc_of("P01 : client fidèle et client heureux. client\nP02 : fidèle au prix.\n");
  const auto s = count_cooccurrence(d, options(CooccurrenceUnit::sentence), kAll);
  CHECK(s.units == 3);
  CHECK(s.term_count.at("fr:client") == 2);
  CHECK(s.term_count.at("fr:fidèle") == 2);
  CHECK(s.pairs.at({"fr:client", "fr:fidèle"}) == 1);
  CHECK(s.pairs.at({"fr:fidèle", "fr:prix"}) == 1);
  const auto t = count_cooccurrence(d, options(CooccurrenceUnit::turn), kAll);
  CHECK(t.units == 2);
  CHECK(t.pairs.count({"fr:client", "fr:prix"}) == 0);  // never across turns
  const auto doc = count_cooccurrence(d, options(CooccurrenceUnit::document), kAll);
  CHECK(doc.units == 1);
  CHECK(doc.pairs.at({"fr:client", "fr:prix"}) == 1);
}

// f(x,y) = 2, f(x) = 4, f(y) = 5, U = 20:
// jaccard 2/7, dice 4/9, cosine 2/sqrt(20), PMI log2(2*20/20) = 1, NPMI 1 / -log2(0.1),
// LL on the 2x2 units table {2, 3, 2, 13}.
TEST_CASE("Association measures", "[cooccurrence]") {
  Edge e;
  e.count = 2;
  e.a_count = 4;
  e.b_count = 5;
  fill_measures(e, 20);
  CHECK(e.jaccard == Approx(2.0 / 7));
  CHECK(e.dice == Approx(4.0 / 9));
  CHECK(e.cosine == Approx(2 / std::sqrt(20.0)));
  CHECK(e.pmi == Approx(1.0));
  CHECK(e.npmi == Approx(1 / -std::log2(0.1)));
  // E = {1, 4, 3, 12}: G2 = 2 (2 ln 2 + 3 ln(3/4) + 2 ln(2/3) + 13 ln(13/12)) = 1.0963.
  CHECK(e.ll == Approx(2 * (2 * std::log(2.0) + 3 * std::log(0.75) + 2 * std::log(2.0 / 3) +
                            13 * std::log(13.0 / 12))));
}

TEST_CASE("The counter merges documents, displays frequent forms, and caps pairs",
          "[cooccurrence]") {
  CooccurrenceCounter c(0);
  const auto o = options(CooccurrenceUnit::sentence);
  c.add(count_cooccurrence(doc_of("P01 : IA et clients. IA, clients !\n"), o, kAll));
  c.add(count_cooccurrence(doc_of("P01 : ia clients.\n"), o, kAll));
  const auto t = c.finish(1);
  CHECK(t.units == 3);
  REQUIRE(t.edges.size() == 1);
  CHECK(t.edges[0].a == "clients");
  CHECK(t.edges[0].b == "IA");
  CHECK(t.edges[0].count == 3);
  REQUIRE(t.nodes.size() == 2);
  CHECK(t.nodes[0].count == 3);
  CooccurrenceCounter capped(1);
  CHECK_THROWS_AS(capped.add(count_cooccurrence(doc_of("P01 : a1 b1 c1.\n"), o, kAll)), Error);
}

TEST_CASE("Partial counts of two counters add up to one counter", "[cooccurrence]") {
  const auto o = options(CooccurrenceUnit::sentence);
  const std::vector<std::string> texts = {"P01 : client fidèle. client heureux et fidèle.\n",
                                          "P02 : Client fidèle, client content.\n",
                                          "P03 : heureux client fidèle.\n"};
  CooccurrenceCounter whole(0), merged(0), shard_a(0), shard_b(0);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto c = count_cooccurrence(doc_of(texts[i]), o, kAll);
    whole.add(c);
    (i == 1 ? shard_b : shard_a).add(c);
  }
  for (const auto* s : {&shard_a, &shard_b}) {
    std::string text;
    s->write_partial(text, "Maroc");
    CHECK(text.find("{\"case\":\"Maroc\",\"units\":") == 0);
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t at = pos;
      merged.add_partial(parse_json_at(text, at, "part"), Location{"part", 1, 1, std::nullopt});
      pos = text.find('\n', pos) + 1;
    }
  }
  const CooccurrenceTable a = whole.finish(1), b = merged.finish(1);
  CHECK(a.units == b.units);
  REQUIRE(a.edges.size() == b.edges.size());
  for (std::size_t i = 0; i < a.edges.size(); ++i) {
    CHECK(a.edges[i].a == b.edges[i].a);
    CHECK(a.edges[i].b == b.edges[i].b);
    CHECK(a.edges[i].count == b.edges[i].count);
    CHECK(a.edges[i].ll == b.edges[i].ll);
  }
  REQUIRE(a.nodes.size() == b.nodes.size());
  CHECK(a.nodes[0].word == b.nodes[0].word);
  // "client" in 4 of the 5 sentences; "Client" once against "client" four times: the
  // displayed form survives the merge.
  CHECK(b.nodes[0].word == "client");
  CHECK(b.nodes[0].count == 4);

  CooccurrenceCounter capped(1);
  const Location at{"p.jsonl", 4, 1, std::nullopt};
  capped.add_partial(parse_json(R"({"case":"","a":"fr:a","b":"fr:b","count":2})", "x"), at);
  CHECK_THROWS_WITH(
      capped.add_partial(parse_json(R"({"case":"","a":"fr:a","b":"fr:c","count":1})", "x"), at),
      Catch::Contains("more than 1 distinct pairs"));
  CHECK_THROWS_WITH(
      capped.add_partial(parse_json(R"({"case":"","a":"fr:c","b":"fr:b","count":1})", "x"), at),
      "p.jsonl:4:1: not a cooccur partial record: a pair must be in key order");
}

TEST_CASE("The counter adds documents of every size to the same sums", "[cooccurrence]") {
  // Documents of 1 to 400 pairs over 60 terms, added to a counter that is by turns smaller and
  // much larger than them (a walk through both maps, or a lookup each): the sums must be the
  // ones counted here pair by pair.
  std::mt19937 rng(7);
  auto next = [&rng] { return static_cast<std::uint32_t>(rng()); };
  auto key = [](std::uint32_t i) { return "fr:t" + std::to_string(i); };
  CooccurrenceCounter counter(0);
  std::map<std::pair<std::string, std::string>, std::uint64_t> pairs;
  std::map<std::string, std::uint64_t> terms;
  for (int doc = 0; doc < 200; ++doc) {
    DocumentCooccurrence d;
    const std::uint32_t n = doc % 50 == 0 ? 400 : 1 + next() % 6;
    for (std::uint32_t k = 0; k < n; ++k) {
      std::string a = key(next() % 60), b = key(next() % 60);
      if (a == b) continue;
      if (b < a) std::swap(a, b);
      const std::uint64_t c = 1 + next() % 3;
      d.pairs[{a, b}] += c;
      pairs[{a, b}] += c;
      for (const auto& t : {a, b}) {
        d.term_count[t] += c;
        terms[t] += c;
        d.surface_count[t + "\t" + t.substr(3)] += c;
      }
    }
    counter.add(d);
  }
  const CooccurrenceTable t = counter.finish(1);
  REQUIRE(t.edges.size() == pairs.size());
  for (const Edge& e : t.edges) {
    const std::string a = "fr:" + e.a, b = "fr:" + e.b;
    CHECK(e.count == pairs.at({a, b}));
    CHECK(e.a_count == terms.at(a));
    CHECK(e.b_count == terms.at(b));
  }
  REQUIRE(t.nodes.size() == terms.size());
  for (const Node& node : t.nodes)
    CHECK(node.count == terms.at(node.key));
}

namespace {

Document doc_in(const std::string& name, const std::string& text, Language lang) {
  Diagnostics w;
  CorpusOptions o;
  o.language = lang;
  return make_document({name + ".txt", name, name + ".txt"}, Format::text, text, o, w);
}

// The table of `docs` counted with `words` listed (none: every word).
CooccurrenceTable listed(const std::vector<Document>& docs, CooccurrenceOptions o,
                         const std::vector<std::string>& words) {
  o.terms = words;
  CooccurrenceCounter counter(0);
  for (const Document& d : docs)
    counter.add(count_cooccurrence(d, o, kAll));
  return counter.finish(
      1, CooccurrenceCounter::term_keys({&counter}, words, top_frequency_options(o)));
}

// "word count" for each node, in the table's order.
std::vector<std::string> node_list(const CooccurrenceTable& t) {
  std::vector<std::string> out;
  for (const Node& n : t.nodes)
    out.push_back(n.word + " " + std::to_string(n.count));
  return out;
}

}  // namespace

TEST_CASE("A word both languages use is one term; a listed word keeps the terms that have it",
          "[cooccurrence]") {
  // Sentence units, stems. French: S1 {clients x2, Google}, S2 {client, parle, Google},
  // S3 {maintenance, maintenant x2} (one French stem, led by "maintenant"). English:
  // S4 {clients, want, Google}, S5 {client x2, Google}, S6 {maintenance}. U = 6.
  // French "client" group {clients 2, client 1} led by "clients", English {client 2,
  // clients 1} led by "client": each lead is a form of the other, one term, in S1 S2 S4 S5: 4.
  // Its surfaces: clients 2 + 1, client 1 + 2, a tie to byte order: "client". The English
  // "maintenance" group has no "maintenant": two terms of one unit each.
  const std::vector<Document> docs = {
      doc_in("fr",
             "P01 : Les clients, les clients et Google. Un client parle de Google. La "
             "maintenance, maintenant, maintenant.\n",
             Language::fr),
      doc_in("en",
             "P02 : The clients want Google. A client, a client and Google. It is "
             "maintenance.\n",
             Language::en)};
  CooccurrenceOptions o = options(CooccurrenceUnit::sentence);
  o.group = GroupMode::stem;
  auto table = [&](const std::vector<std::string>& words) { return listed(docs, o, words); };
  const CooccurrenceTable all = table({});
  CHECK(all.units == 6);
  using V = std::vector<std::string>;
  CHECK(node_list(all) ==
        V{"Google 4", "client 4", "maintenance 1", "maintenant 1", "parle 1", "want 1"});
  std::map<std::pair<std::string, std::string>, std::uint64_t> edges;
  std::map<std::string, std::string> word_of;  // node key -> word
  for (const Node& n : all.nodes)
    word_of[n.key] = n.word;
  for (const Edge& e : all.edges) {
    edges[std::minmax(e.a, e.b)] = e.count;
    // An edge names its terms by key too (a network's node ids), the merged term's French one.
    CHECK(word_of.at(e.a_key) == e.a);
    CHECK(word_of.at(e.b_key) == e.b);
    if (e.a == "client" || e.b == "client")
      CHECK((e.a_key == "fr:client" || e.b_key == "fr:client"));
  }
  // Pairs by their words in byte order; (Google, client) in S1 S2 (French keys) and S4 S5 (English
  // keys): 4.
  CHECK(edges ==
        std::map<std::pair<std::string, std::string>, std::uint64_t>{{{"Google", "client"}, 4},
                                                                     {{"Google", "parle"}, 1},
                                                                     {{"Google", "want"}, 1},
                                                                     {{"client", "parle"}, 1},
                                                                     {{"client", "want"}, 1}});
  // "maintenant" was counted under its key in both languages (mainten), but only the French
  // term has it as a form; "maintenances" is no term's form: it keeps every term of its keys.
  CHECK(node_list(table({"client", "Google", "maintenant"})) ==
        V{"Google 4", "client 4", "maintenant 1"});
  CHECK(node_list(table({"client", "maintenances"})) ==
        V{"client 4", "maintenance 1", "maintenant 1"});
  CHECK(node_list(table({"vendre"})).empty());
}

TEST_CASE("A listed word keeps the terms it leads before the terms that have it",
          "[cooccurrence]") {
  // Document units, stems. French {porte 4, port 1}, led by "porte"; English {port 2, ports 1,
  // porte 1} (a quoted French word), led by "port". Each lead is a form of the other, but the
  // shares intersect in min(4/5, 1/4) + min(1/5, 2/4) = 0.45 < 1/2: two terms, both holding
  // "porte".
  const std::vector<Document> docs = {
      doc_in("fr", "P01 : La porte, la porte, une porte, la porte, le port.\n", Language::fr),
      doc_in("en", "P02 : The port, the port, the ports, a porte.\n", Language::en)};
  CooccurrenceOptions o = options(CooccurrenceUnit::document);
  o.group = GroupMode::stem;
  auto table = [&](const std::vector<std::string>& words) { return listed(docs, o, words); };
  using V = std::vector<std::string>;
  CHECK(node_list(table({})) == V{"port 1", "porte 1"});
  CHECK(node_list(table({"porte"})) == V{"porte 1"});  // it leads the French term
  CHECK(node_list(table({"ports"})) == V{"port 1"});   // it leads none; the English has it
  CHECK(node_list(table({"port", "porte"})) == V{"port 1", "porte 1"});
}

namespace {

// The reference for TopCooccurrence: freq's top words as a term list, each document counted
// alone and added to a counter.
CooccurrenceTable top_by_two_readings(const std::vector<Document>& docs,
                                      const CooccurrenceOptions& base, std::size_t top,
                                      const TurnFilter& keep, std::vector<std::string>& words) {
  FrequencyOptions f;
  f.group = base.group;
  f.min_length = base.min_length;
  f.stopwords = base.stopwords;
  FrequencyCounter freq(f);
  for (const Document& d : docs)
    freq.count(d, one_case(keep), base.hyphens);
  words = top_words(freq.finish(), top);
  CooccurrenceOptions o = base;
  o.terms = words;
  CooccurrenceCounter counter(0);
  for (const Document& d : docs)
    counter.add(count_cooccurrence(d, o, keep));
  return counter.finish(
      1, CooccurrenceCounter::term_keys({&counter}, words, top_frequency_options(o)));
}

CooccurrenceTable top_by_one_reading(const std::vector<Document>& docs,
                                     const CooccurrenceOptions& o, std::size_t top,
                                     unsigned threads, const TurnFilter& keep,
                                     std::vector<std::string>& words) {
  TopCooccurrence one(o, top, threads);
  ordered_parallel_map<int>(
      docs.size(), threads,
      [&](std::size_t i) {
        one.count(docs[i], keep);
        return 0;
      },
      [](std::size_t, int&) {});
  CooccurrenceCounter counter(0);
  counter.add(one.finish(words));
  return counter.finish(
      1, CooccurrenceCounter::term_keys({&counter}, words, top_frequency_options(o)));
}

void require_same_tables(const CooccurrenceTable& a, const CooccurrenceTable& b) {
  REQUIRE(a.units == b.units);
  REQUIRE(a.nodes.size() == b.nodes.size());
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    INFO("node " << i);
    REQUIRE(a.nodes[i].key == b.nodes[i].key);
    REQUIRE(a.nodes[i].word == b.nodes[i].word);
    REQUIRE(a.nodes[i].count == b.nodes[i].count);
  }
  REQUIRE(a.edges.size() == b.edges.size());
  for (std::size_t i = 0; i < a.edges.size(); ++i) {
    INFO("edge " << i << ": " << a.edges[i].a << " " << a.edges[i].b);
    REQUIRE(a.edges[i].a == b.edges[i].a);
    REQUIRE(a.edges[i].b == b.edges[i].b);
    REQUIRE(a.edges[i].count == b.edges[i].count);
    REQUIRE(a.edges[i].a_count == b.edges[i].a_count);
    REQUIRE(a.edges[i].b_count == b.edges[i].b_count);
  }
}

}  // namespace

TEST_CASE("Top words counted in one reading give the counts of two readings", "[cooccurrence]") {
  // Random interviews in both languages: speaker turns (the interviewer's dropped), sentences,
  // paragraphs, numbers, stopwords, case and accent variants, hyphens.
  std::mt19937 rng(5);
  const std::vector<std::string> fr_words = {
      "client ", "Clients ", "clientèle ", "fidèle ", "fidèles ", "prix ",     "Prix ",
      "et ",     "le ",      "la ",        "de ",     "qualité ", "service ",  "services ",
      "2024 ",   "3,5 ",     "peut-être ", "vente ",  "ventes ",  "l'équipe ", "équipe ",
      "a ",      ". ",       "? ",         ", ",      "\n\n",     "très "};
  const std::vector<std::string> en_words = {
      "customer ", "customers ", "loyal ", "price ",      "Prices ", "and ", "the ", "of ",
      "quality ",  "service ",   "12 ",    "well-known ", "team ",   ". ",   ", "};
  auto turns = [&](const std::vector<std::string>& words, unsigned n) {
    std::string text;
    for (unsigned t = 0; t < n; ++t) {
      text += rng() % 4 == 0 ? "INT : " : (rng() % 2 ? "P01 : " : "P02 : ");
      text += random_text(rng, words, 0, 40);
      text += "\n";
    }
    return text;
  };
  std::vector<Document> docs;
  for (int i = 0; i < 24; ++i) {
    Diagnostics w;
    CorpusOptions co;
    co.language = i % 5 == 4 ? Language::en : Language::fr;
    const std::string name = "d" + std::to_string(i) + ".txt";
    docs.push_back(make_document({name, "d" + std::to_string(i), name}, Format::text,
                                 turns(co.language == Language::fr ? fr_words : en_words,
                                       1 + static_cast<unsigned>(rng() % 12)),
                                 co, w));
  }
  const TurnFilter participants = [](const DocumentTurn& t) {
    return t.speaker.rfind("INT", 0) != 0;
  };
  for (const auto unit :
       {CooccurrenceUnit::window, CooccurrenceUnit::sentence, CooccurrenceUnit::turn,
        CooccurrenceUnit::paragraph, CooccurrenceUnit::document}) {
    for (const std::size_t top : {1u, 4u, 12u, 1000u}) {
      for (const GroupMode group : {GroupMode::stem, GroupMode::exact}) {
        for (const auto& keep : {kAll, participants}) {
          CooccurrenceOptions o = options(unit, 3);
          o.group = group;
          o.min_length = top == 4 ? 4 : 1;
          INFO("unit " << static_cast<int>(unit) << ", top " << top << ", group "
                       << static_cast<int>(group));
          std::vector<std::string> expected_words, words;
          const CooccurrenceTable expected =
              top_by_two_readings(docs, o, top, keep, expected_words);
          REQUIRE(expected.edges.empty() == (top == 1));
          for (const unsigned threads : {1u, 2u}) {
            INFO(threads << " threads");
            const CooccurrenceTable t = top_by_one_reading(docs, o, top, threads, keep, words);
            REQUIRE(words == expected_words);
            require_same_tables(t, expected);
          }
        }
      }
    }
  }
}

TEST_CASE("Top words counted in one reading past the memory chunk", "[cooccurrence]") {
  // About 360,000 word positions (250,000 counted words, and stopwords and numbers), past the
  // 262,144 values a worker keeps in memory: most go through the temporary file.
  TempDir dir;
  std::optional<TmpDirVariable> tmp(dir.path.string());
  std::mt19937 rng(9);
  const std::vector<std::string> words = {"client ",  "fidèle ",  "prix ", "et ",
                                          "qualité ", "service ", "le ",   "vente ",
                                          ". ",       "équipe ",  "7 "};
  std::vector<Document> docs;
  for (int i = 0; i < 8; ++i) {
    std::string text;
    for (int t = 0; t < 500; ++t)
      text += "P01 : " + random_text(rng, words, 80, 120) + "\n";
    docs.push_back(doc_of(text));
  }
  const CooccurrenceOptions o = options(CooccurrenceUnit::window, 5);
  std::vector<std::string> expected_words, words_found;
  const CooccurrenceTable expected = top_by_two_readings(docs, o, 6, kAll, expected_words);
  // One thread: every position in one worker's file; two: about half in each.
  const CooccurrenceTable t1 = top_by_one_reading(docs, o, 6, 1, kAll, words_found);
  const CooccurrenceTable t2 = top_by_one_reading(docs, o, 6, 2, kAll, words_found);
  tmp.reset();
  CHECK(words_found == expected_words);
  CHECK(expected.units > 250000);
  require_same_tables(t1, expected);
  require_same_tables(t2, expected);
  CHECK(dir.entries() == 0);
}
