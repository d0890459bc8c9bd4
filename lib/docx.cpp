// Word .docx: the paragraph text of word/document.xml (libzip + pugixml).
#include <zip.h>

#include <cstring>
#include <memory>
#include <pugixml.hpp>

#include <fmt/format.h>

#include "verbatim/transcript.hpp"

namespace verbatim {

namespace {

std::string_view local_name(const char* name) {
  std::string_view s(name);
  const auto colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

// Appends the text of `node` to `cur`; each paragraph inside becomes a line of `lines`.
void collect(const pugi::xml_node& node, std::string& cur, std::vector<std::string>& lines) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = local_name(child.name());
    if (name == "p") {
      std::string para;
      collect(child, para, lines);
      lines.push_back(std::move(para));
    } else if (name == "t") {
      cur += child.text().get();
    } else if (name == "tab" || name == "ptab") {
      cur.push_back('\t');
    } else if (name == "br" || name == "cr") {
      cur.push_back('\n');
    } else if (name == "noBreakHyphen") {
      cur.push_back('-');
    } else if (name == "del" || name == "delText" || name == "instrText" || name == "rPr" ||
               name == "pPr" || name == "sectPr") {
      // deleted text, field codes and properties are not what was said
    } else {
      collect(child, cur, lines);
    }
  }
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

std::string extract_docx_text(std::string_view zip_bytes, std::string_view name,
                              const DocxLimits& limits) {
  auto fail = [&](std::string msg) -> Error {
    return Error(Location{std::string(name), 0, 0, std::nullopt}, std::move(msg));
  };
  // libzip reads zero bytes as an empty archive: check the local-file signature first.
  if (!zip_bytes.starts_with("PK")) throw fail("not a .docx file: not a zip archive");
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &zerr);
  if (!src) throw fail("cannot read the .docx file");
  std::unique_ptr<zip_t, ZipCloser> za(zip_open_from_source(src, ZIP_RDONLY, &zerr));
  if (!za) {
    zip_source_free(src);
    zip_error_fini(&zerr);
    throw fail("not a .docx file: not a zip archive");
  }
  zip_error_fini(&zerr);
  const char* part = "word/document.xml";
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(za.get(), part, 0, &st) != 0) {
    throw fail("not a .docx file: the archive has no word/document.xml");
  }
  const std::uint64_t limit = limits.max_uncompressed;
  auto too_large = [&](std::uint64_t size) {
    return fail(fmt::format("word/document.xml is {} MiB uncompressed, over the {} MiB limit",
                            size >> 20, limit >> 20));
  };
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limit) throw too_large(st.size);
  std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen(za.get(), part, 0));
  if (!f) throw fail("cannot open word/document.xml in the .docx");
  // Bound what is read, whatever the header claims.
  std::string xml;
  char buf[65536];
  for (;;) {
    const zip_int64_t got = zip_fread(f.get(), buf, sizeof buf);
    if (got < 0) throw fail("corrupt .docx: cannot inflate word/document.xml");
    if (got == 0) break;
    xml.append(buf, static_cast<std::size_t>(got));
    if (xml.size() > limit) throw too_large(xml.size());
  }
  // No entity is ever expanded (pugixml knows only the predefined ones); a document that
  // declares its own is refused rather than read differently from what Word shows.
  if (auto dt = xml.find("<!DOCTYPE"); dt != std::string::npos && dt < 4096) {
    if (xml.find("<!ENTITY") != std::string::npos) {
      throw fail("word/document.xml declares XML entities; refused");
    }
  }
  pugi::xml_document doc;
  const pugi::xml_parse_result r =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
                      pugi::encoding_utf8);
  if (!r) {
    throw fail(fmt::format("word/document.xml is not well-formed XML at byte {}: {}", r.offset,
                           r.description()));
  }
  std::vector<std::string> lines;
  std::string stray;
  collect(doc.document_element(), stray, lines);
  if (!stray.empty()) lines.push_back(std::move(stray));
  std::string out;
  for (const auto& l : lines) {
    out += l;
    out.push_back('\n');
  }
  return out;
}

}  // namespace verbatim
