#include "verbatim/refi.hpp"

#include <catch2/catch.hpp>

#include "verbatim/error.hpp"
#include "verbatim/zip.hpp"

using namespace verbatim;

namespace {

const char* kBook = R"(codebook: Étude
codes:
  - name: Usages
    color: "#abc"
    description: "Les usages <concrets> & réels"
    children:
      - name: Chatbots
        match: [chatbot]
  - name: Freins
)";

}  // namespace

TEST_CASE("Code points and bytes convert both ways", "[refi]") {
  const std::string t = "aé€😀b";
  CHECK(byte_of_codepoint(t, 0) == 0);
  CHECK(byte_of_codepoint(t, 2) == 3);
  CHECK(byte_of_codepoint(t, 4) == 10);
  CHECK(byte_of_codepoint(t, 99) == t.size());
  CHECK(codepoint_of_byte(t, 10) == 4);
  CHECK(codepoint_of_byte(t, t.size()) == 5);
}

TEST_CASE("A .qdc codebook reads back with names, colors, descriptions, nesting", "[refi]") {
  const Codebook cb = parse_codebook(kBook, "c.yml");
  const std::string xml = codebook_to_qdc(cb);
  CHECK(xml.find("xmlns=\"urn:QDA-XML:codebook:1.0\"") != std::string::npos);
  CHECK(xml.find("color=\"#aabbcc\"") != std::string::npos);
  CHECK(xml.find("&lt;concrets&gt; &amp; réels") != std::string::npos);
  const Codebook back = load_qdc(xml, "c.qdc");
  REQUIRE(back.codes.size() == 3);
  CHECK(back.codes[1].path == "Usages/Chatbots");
  CHECK(back.codes[0].description == "Les usages <concrets> & réels");
  CHECK(back.codes[0].guid == stable_guid("code", "Usages"));
  CHECK(back.codes[1].rules.empty());
  CHECK(codebook_to_qdc(back) == xml);
}

TEST_CASE("A .qdpx project round-trips its codings", "[refi]") {
  const Codebook cb = parse_codebook(kBook, "c.yml");
  RefiProject p;
  p.name = "Projet";
  p.codebook = &cb;
  p.variables = {"pays", "age"};
  p.cases = {{"P01", {"Maroc", "41"}, {0}}};
  p.sources = {{"interviews/p01", "Le chatbot — très utile.\nFin.", "", {{1, 3, 10}, {2, 0, 24}}}};
  const std::string z = project_to_qdpx(p);
  CHECK(z == project_to_qdpx(p));
  const std::string qde = project_to_qde(p);
  CHECK(qde.find("typeOfVariable=\"Integer\"") != std::string::npos);
  CHECK(qde.find("<IntegerValue>41</IntegerValue>") != std::string::npos);
  CHECK(qde.find("plainTextPath=\"internal://") != std::string::npos);
  const ImportedProject back = read_qdpx(z, "p.qdpx");
  REQUIRE(back.codings.size() == 2);
  CHECK(back.codings[0].code == "Freins");
  CHECK(back.codings[0].text == "Le chatbot — très utile.");
  CHECK(back.codings[0].end_byte == 27);  // 24 code points
  CHECK(back.codings[1].code == "Usages/Chatbots");
  CHECK(back.codings[1].source == "interviews/p01");
  CHECK(back.codings[1].text == "chatbot");
  CHECK(back.codebook.codes.size() == 3);
}

TEST_CASE("Broken projects are errors naming the file", "[refi]") {
  CHECK_THROWS_WITH(read_qdpx("<Project", "p.qde"), Catch::Contains("not well-formed XML"));
  CHECK_THROWS_WITH(read_qdpx("<!DOCTYPE x [<!ENTITY a \"b\">]><Project name=\"x\"/>", "p.qde"),
                    "p.qde:1:1 (byte 0): the XML declares entities; refused");
  CHECK_THROWS_WITH(read_qdpx(make_zip({{"other.txt", "x"}}), "p.qdpx"),
                    "p.qdpx: not a .qdpx file: the archive has no project.qde");
  const std::string dangling =
      "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"><Sources><TextSource "
      "guid=\"00000000-0000-0000-0000-000000000001\" name=\"a\"><PlainTextContent>abc"
      "</PlainTextContent><PlainTextSelection guid=\"00000000-0000-0000-0000-000000000002\" "
      "startPosition=\"0\" endPosition=\"2\"><Coding guid=\"00000000-0000-0000-0000-000000000003\">"
      "<CodeRef targetGUID=\"00000000-0000-0000-0000-000000000009\"/></Coding>"
      "</PlainTextSelection></TextSource></Sources></Project>";
  CHECK_THROWS_WITH(read_qdpx(dangling, "p.qde"),
                    Catch::Contains("refers to code 00000000-0000-0000-0000-000000000009"));
  try {
    read_qdpx(dangling, "p.qde");
  } catch (const Error& e) {
    CHECK(e.diagnostic().where.line == 1);
  }
  CHECK_THROWS_WITH(load_qdc("<CodeBook><Codes><Code name=\"x\"/></Codes></CodeBook>", "c.qdc"),
                    "c.qdc:1:19 (byte 18): a Code needs a guid and a name");
}
