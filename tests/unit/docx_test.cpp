#include <zip.h>

#include <catch2/catch.hpp>
#include <string>

#include "verbatim/transcript.hpp"

using namespace verbatim;

namespace {

// A .docx in memory holding `parts` (name, content), built with libzip.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  }
  zip_close(za);
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&err);
  return out;
}

std::string document(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
         "<w:body>" +
         body + "</w:body></w:document>";
}

std::string error_of(const std::string& bytes, const DocxLimits& limits = {}) {
  try {
    extract_docx_text(bytes, "p.docx", limits);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("docx: paragraphs, runs, tabs, breaks, tables, revisions", "[docx]") {
  const std::string body =
      "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Enquêteur : </w:t></w:r>"
      "<w:r><w:t>Bonjour &amp; merci.</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>P06 :</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
      "<w:r><w:t>Oui</w:t><w:tab/><w:t>non</w:t><w:br/><w:t>après</w:t></w:r></w:p>"
      "<w:p><w:ins><w:r><w:t>ajouté</w:t></w:r></w:ins><w:del><w:r><w:delText>supprimé</w:delText>"
      "</w:r></w:del><w:r><w:t>e</w:t><w:noBreakHyphen/><w:t>mail</w:t></w:r></w:p>"
      "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cellule 1</w:t></w:r></w:p></w:tc>"
      "<w:tc><w:p><w:r><w:t>cellule 2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
      "<w:p/><w:sectPr/>";
  const std::string zip =
      make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", document(body)}});
  CHECK(extract_docx_text(zip, "p.docx") ==
        "Enquêteur : Bonjour & merci.\nP06 : Oui\tnon\naprès\najoutée-mail\ncellule 1\ncellule "
        "2\n\n");
  // The text reads as a transcript with labels.
  Diagnostics w;
  const auto t = parse_transcript(Format::docx, extract_docx_text(zip, "p.docx"), "p.docx", w);
  REQUIRE(t.turns.size() == 2);
  CHECK(t.turns[0].speaker == "Enquêteur");
  CHECK(t.turns[1].speaker == "P06");
}

TEST_CASE("docx: errors name the file and the problem", "[docx]") {
  CHECK(error_of("this is not a zip") == "p.docx: not a .docx file: not a zip archive");
  CHECK(error_of("") == "p.docx: not a .docx file: not a zip archive");
  CHECK(error_of(make_zip({{"word/other.xml", "<a/>"}})) ==
        "p.docx: not a .docx file: the archive has no word/document.xml");
  CHECK(error_of(make_zip({{"word/document.xml", "<w:document><w:body>"}})) ==
        "p.docx: word/document.xml is not well-formed XML at byte 19: Start-end tags mismatch");
  const std::string entity =
      "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<w:document><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
  CHECK(error_of(make_zip({{"word/document.xml", entity}})) ==
        "p.docx: word/document.xml declares XML entities; refused");
  DocxLimits small;
  small.max_uncompressed = 2 << 20;
  const std::string big = document(std::string(3 << 20, ' '));
  CHECK(error_of(make_zip({{"word/document.xml", big}}), small) ==
        "p.docx: word/document.xml inflates beyond the 2 MiB limit (--max-zip-entry)");
}
