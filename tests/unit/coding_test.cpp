#include "verbatim/coding.hpp"

#include <catch2/catch.hpp>
#include <random>

using namespace verbatim;

namespace {

Document doc_of(const std::string& text, Language lang = Language::fr) {
  Diagnostics w;
  CorpusOptions o;
  o.language = lang;
  return make_document({"p.txt", "p", "p.txt"}, Format::text, text, o, w);
}

const TurnFilter kAll = [](const DocumentTurn&) { return true; };

// "code: text" for each reference.
std::vector<std::string> coded(const std::string& yaml, const std::string& text,
                               Language lang = Language::fr) {
  const Codebook cb = parse_codebook(yaml, "cb.yml");
  const Document d = doc_of(text, lang);
  const Coder coder(cb);
  std::vector<std::string> out;
  for (const Reference& r : coder.code(d, kAll).references)
    out.push_back(cb.codes[r.code].path + ": " + reference_text(d, r));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("Words, globs and phrases match normalized tokens per sentence", "[coding]") {
  const std::string cb = R"(codes:
  - name: Perso
    match: ["personnalis*", "expérience client"]
)";
  CHECK(coded(cb, "La Personnalisation compte. Rien ici. L’expérience client aussi !") ==
        V{"Perso: La Personnalisation compte.", "Perso: L’expérience client aussi !"});
  // A phrase across elision, and written with the elision.
  CHECK(coded(cb, "Pour l'expérience client, oui.") == V{"Perso: Pour l'expérience client, oui."});
  CHECK(coded("codes:\n  - name: X\n    match: [\"l'expérience client\"]\n",
              "Toute l’expérience client. Une expérience client.") ==
        V{"X: Toute l’expérience client."});
  // Phrases need consecutive words; case does not matter.
  CHECK(coded(cb, "EXPÉRIENCE du CLIENT.").empty());
}

TEST_CASE("Globs may start with a wildcard or an accented letter", "[coding]") {
  // Words are tried against the patterns of their first byte and those starting with a
  // wildcard: each kind must still be found, and only where it matches.
  const std::string cb = R"(codes:
  - name: Suffixe
    match: ["*tion"]
  - name: Lettre
    match: ["?ie"]
  - name: Accent
    match: ["équip*"]
  - name: Milieu
    match: ["c?ient*"]
)";
  CHECK(coded(cb, "Une relation. La vie. Les équipes. Un client. Une question ? Rien.") ==
        V{"Suffixe: Une relation.", "Lettre: La vie.", "Accent: Les équipes.", "Milieu: Un client.",
          "Suffixe: Une question ?"});
  CHECK(coded(cb, "Tionne, vies, equipe, cliente.") == V{"Milieu: Tionne, vies, equipe, cliente."});
}

TEST_CASE("A unit coded by several rules is one reference", "[coding]") {
  CHECK(coded("codes:\n  - name: A\n    match: [chatbot, bot*, {stem: chatbots}]\n",
              "Le chatbot, les bots, un chatbot.") == V{"A: Le chatbot, les bots, un chatbot."});
}

TEST_CASE("all, any, not and near combine rules", "[coding]") {
  const std::string text =
      "Le prix change chaque jour. Le prix est fixe. Les données propres. Les données sales.";
  CHECK(coded("codes:\n  - name: A\n    match: [{all: [prix, {any: [change, varie]}]}]\n", text) ==
        V{"A: Le prix change chaque jour."});
  CHECK(coded("codes:\n  - name: A\n    match: [{all: [données, {not: propres}]}]\n", text) ==
        V{"A: Les données sales."});
  CHECK(coded("codes:\n  - name: A\n    match: [{not: [prix, données]}]\n", text).empty());
  // near: at most `window` word positions apart, stopwords included.
  const std::string near_text = "Un client très très fidèle. Un client, un, deux, trois, fidèle.";
  CHECK(coded("codes:\n  - name: A\n    match: [{near: [client, fidèle], window: 3}]\n",
              near_text) == V{"A: Un client très très fidèle."});
  CHECK(
      coded("codes:\n  - name: A\n    match: [{near: [client, fidèle], window: 5}]\n", near_text) ==
      V{"A: Un client très très fidèle.", "A: Un client, un, deux, trois, fidèle."});
  CHECK(coded("codes:\n  - name: A\n    match: [{near: [fidèle, client], window: 2}]\n", near_text)
            .empty());
  // Three operands within one stretch.
  CHECK(coded("codes:\n  - name: A\n    match: [{near: [alpha, beta, gamma], window: 3}]\n",
              "alpha x beta gamma. alpha x x beta x gamma. gamma x alpha beta.") ==
        V{"A: alpha x beta gamma.", "A: gamma x alpha beta."});
}

TEST_CASE("Stems match every inflection, in the document's language", "[coding]") {
  const std::string cb = "codes:\n  - name: R\n    match: [{stem: recommandation}]\n";
  CHECK(coded(cb, "On recommande. Les recommandations. Rien.") ==
        V{"R: On recommande.", "R: Les recommandations."});
  CHECK(coded("codes:\n  - name: R\n    match: [{stem: recommend}]\n",
              "We recommended it. Nothing here.", Language::en) == V{"R: We recommended it."});
}

TEST_CASE("Regexes search the unit text, case-insensitively, apostrophes unified", "[coding]") {
  CHECK(coded("codes:\n  - name: P\n    match: [{regex: \"\\\\d+ ?%\"}]\n",
              "Il a pris 8 %. Beaucoup.") == V{"P: Il a pris 8 %."});
  CHECK(coded("codes:\n  - name: P\n    match: [{regex: \"l'ia\"}]\n", "L’IA arrive. Pas ici.") ==
        V{"P: L’IA arrive."});
  // White space reads as one space: runs of spaces, line breaks, no-break spaces.
  const std::string cb = "codes:\n  - name: P\n    match: [{regex: \"b c 8 %\"}]\n";
  CHECK(coded(cb, "Un  deux.\nA b  c\n8\u00a0 %. Quatre b c 8%. Cinq b c 8 %.") ==
        V{"P: A b c 8 %.", "P: Cinq b c 8 %."});
  CHECK(coded(cb, "a b c  8 % et B C 8 %") == V{"P: a b c 8 % et B C 8"});
  CHECK(coded(cb, "a b c8 %. b  c  8  %").size() == 1);
}

TEST_CASE("Regexes read every apostrophe and typographic space as the tokenizer does", "[coding]") {
  const std::string ia = "codes:\n  - name: P\n    match: [{regex: \"l'ia\"}]\n";
  for (const char* text :
       {"L'IA arrive.", "L\u2019IA arrive.", "L\u2018IA arrive.", "L\u02bcIA arrive."}) {
    INFO(text);
    CHECK(coded(ia, text) == V{std::string("P: ") + text});
  }
  const std::string pct = "codes:\n  - name: P\n    match: [{regex: \"\\\\d+ %\"}]\n";
  for (const char* space : {" ", "\u00a0", "\u202f", "\u2009", "\u2007"}) {
    const std::string text = std::string("Il a pris 30") + space + "%. Beaucoup.";
    INFO(text);
    CHECK(coded(pct, text) == V{"P: Il a pris 30 %."});  // quotes read the space as a space
  }
}

TEST_CASE("Several regexes: one pass tells which occur, each finds its own units", "[coding]") {
  const std::string cb = R"yaml(codes:
  - name: Pourcent
    match: [{regex: "\\d+ ?%"}]
  - name: Année
    match: [{regex: "\\b(19|20)\\d\\d\\b"}]
  - name: Euros
    match: [{regex: "\\d+ ?(€|euros)"}]
)yaml";
  CHECK(coded(cb, "En 2021, 8 % de plus. Rien. 40 euros en 1999 !") ==
        V{"Pourcent: En 2021, 8 % de plus.", "Année: En 2021, 8 % de plus.",
          "Année: 40 euros en 1999 !", "Euros: 40 euros en 1999 !"});
  CHECK(coded(cb, "Aucun chiffre ici. Ni là.").empty());
  CHECK(coded(cb, "Seulement 12 €.") == V{"Euros: Seulement 12 €."});
}

TEST_CASE("A regex inside any, all and not: its match or a word brings the code to a unit",
          "[coding]") {
  // A code is evaluated in a unit where one of its words or one of its regexes' matches
  // occurs, or in every unit when a not may hold with nothing present.
  const std::string cb = R"yaml(codes:
  - name: AnyOf
    match: [{any: [{regex: "\\d+ ?%"}, prix]}]
  - name: AllOf
    match: [{all: [{regex: "\\b20\\d\\d\\b"}, {not: [prix]}]}]
  - name: NotRegex
    match: [{not: [{regex: "\\d"}]}]
)yaml";
  CHECK(coded(cb, "Le prix monte. En 2021, 8 % de plus. Rien. Un prix en 2022.") ==
        V{"AnyOf: Le prix monte.", "NotRegex: Le prix monte.", "AnyOf: En 2021, 8 % de plus.",
          "AllOf: En 2021, 8 % de plus.", "NotRegex: Rien.", "AnyOf: Un prix en 2022."});
  CHECK(coded(cb, "Aucun chiffre.") == V{"NotRegex: Aucun chiffre."});
}

TEST_CASE("Regexes read white space as one space at every offset of a long line", "[coding]") {
  // The text is copied in runs found 16 bytes at a time: a break in the white space, or an
  // apostrophe, must be seen wherever it falls among those 16 bytes, and near the line's end.
  const std::string cb = "codes:\n  - name: P\n    match: [{regex: \"qx l'zy\"}]\n";
  const std::vector<std::pair<std::string, bool>> seps = {
      {" ", true},       {"  ", true},   {"\n", true}, {" \t ", true}, {"\u00a0", true},
      {" \u00a0", true}, {"\r\n", true}, {"", false},  {"-", false},   {"\u00a0-", false}};
  for (std::size_t pad = 0; pad < 40; ++pad) {
    for (const auto& [sep, match] : seps) {
      for (const std::string apostrophe : {"'", "\u2019"}) {
        for (std::size_t tail : {0u, 3u, 30u}) {
          const std::string text = std::string(pad, 'a') + " qx" + sep + "l" + apostrophe + "zy" +
                                   std::string(tail, 'b') + (tail ? " fin" : "");
          INFO("pad " << pad << ", separator '" << sep << "', tail " << tail);
          CHECK(coded(cb, text).size() == (match ? 1u : 0u));
          // With the word ending right after the match:
          CHECK(coded(cb, text + " qx" + sep + "l" + apostrophe + "zy end").size() ==
                (match ? 1u : 0u));
        }
      }
    }
  }
}

TEST_CASE("Accents are kept unless the codebook folds them", "[coding]") {
  const std::string text = "La fidelite sans accent. La fidélité avec.";
  CHECK(coded("codes:\n  - name: F\n    match: [fidélité]\n", text) == V{"F: La fidélité avec."});
  CHECK(coded("fold_accents: true\ncodes:\n  - name: F\n    match: [fidélité]\n", text) ==
        V{"F: La fidelite sans accent.", "F: La fidélité avec."});
  CHECK(fold_accents("Élève à Noël") == "Eleve a Noel");
}

TEST_CASE("Parents aggregate children; uncertain codes are marked", "[coding]") {
  const Codebook cb = parse_codebook(R"(codes:
  - name: Prix
    match: [tarification]
    children:
      - name: Peut-être
        uncertain: true
        match: [tarif]
)",
                                     "cb.yml");
  const Document d = doc_of("La tarification. Un tarif. La tarification et le tarif.");
  const auto refs = Coder(cb).code(d, kAll).references;
  REQUIRE(refs.size() == 5);
  CHECK(refs[0].code == 0);
  CHECK(refs[0].certain);
  CHECK(refs[0].own);
  CHECK(refs[1].code == 0);  // through its child only
  CHECK_FALSE(refs[1].certain);
  CHECK_FALSE(refs[1].own);
  CHECK(refs[2].code == 1);
  CHECK_FALSE(refs[2].certain);
  CHECK(refs[3].code == 0);
  CHECK(refs[3].certain);
  CHECK(refs[4].code == 1);
}

TEST_CASE("Units: turn, paragraph and document; --role is respected", "[coding]") {
  const std::string text =
      "Enquêteur : Et la fidélité ?\n\nP01 : La fidélité. Autre chose.\n\nP01 : Encore la "
      "fidélité.\n";
  const Document d = doc_of(text);
  for (const auto& [unit, n] : std::vector<std::pair<std::string, std::size_t>>{
           {"sentence", 3}, {"turn", 3}, {"paragraph", 3}, {"document", 1}}) {
    const Codebook cb =
        parse_codebook("unit: " + unit + "\ncodes:\n  - name: F\n    match: [fidélité]\n", "c");
    CHECK(Coder(cb).code(d, kAll).references.size() == n);
  }
  const Codebook cb =
      parse_codebook("unit: turn\ncodes:\n  - name: F\n    match: [fidélité]\n", "c");
  const auto only_p01 = [](const DocumentTurn& t) { return t.speaker == "P01"; };
  const auto refs = Coder(cb).code(d, only_p01).references;
  REQUIRE(refs.size() == 2);
  CHECK(reference_text(d, refs[0]) == "La fidélité. Autre chose.");
  CHECK(refs[0].line == 3);
  CHECK(refs[1].line == 5);
  const Codebook whole =
      parse_codebook("unit: document\ncodes:\n  - name: F\n    match: [fidélité]\n", "c");
  const auto w = Coder(whole).code(d, only_p01).references;
  REQUIRE(w.size() == 1);
  CHECK(reference_text(d, w[0]) == "La fidélité. Autre chose. Encore la fidélité.");
}

TEST_CASE("One coder, documents in a row: each is coded from its own words", "[coding]") {
  // The token buffers are kept from one document to the next; nothing of the first may remain.
  const Document long_doc = doc_of("Un deux trois fidélité cinq six sept huit. Neuf dix onze.");
  const Document short_doc = doc_of("Fidélité encore.");
  for (const char* unit : {"sentence", "document"}) {
    const Codebook cb = parse_codebook(
        std::string("unit: ") + unit + "\ncodes:\n  - name: F\n    match: [fidélité]\n", "c");
    const Coder coder(cb);
    const auto first = coder.code(long_doc, kAll);
    REQUIRE(first.references.size() == 1);
    CHECK(first.references[0].words == (std::string(unit) == "sentence" ? 8 : 11));
    for (int round = 0; round < 2; ++round) {
      const auto second = coder.code(short_doc, kAll);
      REQUIRE(second.references.size() == 1);
      CHECK(second.references[0].words == 2);
      CHECK(second.word_starts == std::vector<std::uint32_t>{0, 11});
      CHECK(reference_text(short_doc, second.references[0]) == "Fidélité encore.");
    }
  }
}

TEST_CASE("Manual codings join rule codings, with their ancestors", "[coding]") {
  const Codebook cb = parse_codebook("codes:\n  - name: A\n    children:\n      - name: B\n", "c");
  const Document d = doc_of("Un deux trois. Quatre cinq.");
  const auto dc = Coder(cb).code(d, kAll, {{1, {3, 13}}});
  REQUIRE(dc.references.size() == 2);
  CHECK(dc.references[0].code == 0);
  CHECK_FALSE(dc.references[0].own);
  CHECK(dc.references[1].code == 1);
  CHECK(dc.references[1].own);
  CHECK(dc.references[1].manual);
  CHECK(dc.references[1].words == 2);
  CHECK(reference_text(d, dc.references[1]) == "deux trois");
}

TEST_CASE("Property: coded spans lie inside their unit's turn and the text", "[coding][property]") {
  std::mt19937 rng(7);
  const std::vector<std::string> words = {"client",  "fidèle", "prix", "IA", "l’IA",
                                          "données", "très",   ",",    ".",  "?",
                                          "\n\n",    "P01 :",  "Q :"};
  const Codebook cb = parse_codebook(R"(codes:
  - name: A
    match: ["client*", {near: [client, fidèle], window: 2}, {regex: "ia"}]
    children:
      - name: B
        match: [{all: [prix, {not: données}]}]
)",
                                     "c");
  for (const char* unit : {"sentence", "turn", "paragraph", "document"}) {
    Codebook c = cb;
    c.unit = *parse_unit_kind(unit);
    const Coder coder(c);
    for (int round = 0; round < 300; ++round) {
      std::string text;
      const int n = static_cast<int>(rng() % 40);
      for (int i = 0; i < n; ++i)
        text += words[rng() % words.size()] + " ";
      const Document d = doc_of(text);
      for (const Reference& r : coder.code(d, kAll).references) {
        REQUIRE(r.span.begin < r.span.end);
        REQUIRE(r.span.end <= d.text.size());
        const DocumentTurn& t = d.turns[r.turn];
        REQUIRE(r.span.begin >= t.content.front().begin);
        if (c.unit != UnitKind::document) REQUIRE(r.span.end <= t.content.back().end);
        REQUIRE(r.words >= 1);
      }
    }
  }
}

TEST_CASE("A rule's words are cut as the text is, in its hyphen mode", "[coding]") {
  const Codebook cb = parse_codebook(
      "codes:\n  - name: RDV\n    match: [\"rendez-vous\"]\n  - name: Mail\n    match: "
      "[\"e-mail\"]\n",
      "cb.yml");
  const std::string text = "Un rendez-vous. Un e-mail. Un rendez vous.";
  for (HyphenMode h : {HyphenMode::language, HyphenMode::keep, HyphenMode::split}) {
    INFO(static_cast<int>(h));
    CodingOptions o;
    o.hyphens = h;
    const Document d = doc_of(text);
    const Coder coder(cb, o);
    std::vector<std::string> out;
    for (const Reference& r : coder.code(d, kAll).references)
      out.push_back(cb.codes[r.code].path + ": " + reference_text(d, r));
    CHECK(out == V{"RDV: Un rendez-vous.", "Mail: Un e-mail."});
  }
}
