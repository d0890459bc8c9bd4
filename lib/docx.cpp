// Word .docx: the paragraph text of word/document.xml (libzip + pugixml).
#include <cstring>
#include <memory>
#include <pugixml.hpp>

#include <fmt/format.h>

#include "verbatim/transcript.hpp"
#include "verbatim/zip.hpp"

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

}  // namespace

std::string extract_docx_text(std::string_view zip_bytes, std::string_view name,
                              const DocxLimits& limits) {
  auto fail = [&](std::string msg) -> Error {
    return Error(Location{std::string(name), 0, 0, std::nullopt}, std::move(msg));
  };
  const ZipReader zip(zip_bytes, name, ".docx");
  const std::string xml = zip.read("word/document.xml", limits.max_uncompressed);
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
