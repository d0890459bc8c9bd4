#include "verbatim/refi.hpp"

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <set>

#include <fmt/format.h>

#include "verbatim/error.hpp"
#include "verbatim/source.hpp"
#include "verbatim/zip.hpp"

namespace verbatim {

std::uint64_t byte_of_codepoint(std::string_view text, std::uint64_t cp) {
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (seen == cp) return i;
    ++seen;
  }
  return text.size();
}

std::uint64_t codepoint_of_byte(std::string_view text, std::uint64_t byte) {
  return code_points(text.substr(0, std::min<std::size_t>(byte, text.size())));
}

namespace {

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

std::string to_string(const pugi::xml_document& doc) {
  StringWriter w;
  doc.save(w, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(w.out);
}

std::string code_guid(const Codebook& cb, std::size_t i) {
  return cb.codes[i].guid.empty() ? stable_guid("code", cb.codes[i].path) : cb.codes[i].guid;
}

std::string rgb(const std::string& color) {
  if (color.size() == 4) {  // #abc -> #aabbcc
    return fmt::format("#{0}{0}{1}{1}{2}{2}", color[1], color[2], color[3]);
  }
  return color;
}

void add_code(pugi::xml_node parent, const Codebook& cb, std::size_t i) {
  const Code& c = cb.codes[i];
  pugi::xml_node n = parent.append_child("Code");
  n.append_attribute("guid") = code_guid(cb, i).c_str();
  n.append_attribute("name") = c.name.c_str();
  n.append_attribute("isCodable") = "true";
  if (!c.color.empty()) n.append_attribute("color") = rgb(c.color).c_str();
  if (!c.description.empty()) n.append_child("Description").text() = c.description.c_str();
  for (std::size_t k : c.children)
    add_code(n, cb, k);
}

void add_codebook(pugi::xml_node codebook, const Codebook& cb) {
  pugi::xml_node codes = codebook.append_child("Codes");
  for (std::size_t i = 0; i < cb.codes.size(); ++i) {
    if (!cb.codes[i].parent) add_code(codes, cb, i);
  }
}

std::string_view local_name(const char* name) {
  std::string_view s(name);
  const auto colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node n, std::string_view name) {
  for (pugi::xml_node c : n.children()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  }
  return {};
}

Error xml_error(std::string_view file, const std::string& xml, std::size_t offset,
                const std::string& msg) {
  Location where = locate(file, xml, offset);
  where.byte = offset;
  return Error(where, msg);
}

// The root element must be in the REFI-QDA namespace `expected` (or in none: some tools leave
// it out); another namespace is another format.
void check_namespace(pugi::xml_node root, const char* expected, std::string_view file,
                     const std::string& xml, const char* what) {
  const std::string_view name(root.name());
  const auto colon = name.find(':');
  const std::string attr =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  const pugi::xml_attribute ns = root.attribute(attr.c_str());
  if (!ns || std::string_view(ns.value()) == expected) return;
  throw xml_error(
      file, xml, static_cast<std::size_t>(root.offset_debug()),
      fmt::format("not a REFI-QDA {}: namespace '{}', expected '{}'", what, ns.value(), expected));
}

// The archive member holding a source's text, from its plainTextPath. Only internal:// paths
// name archive members, and none may climb out of Sources/ (zip-slip).
std::string source_member(const std::string& path, const std::string& source_name,
                          std::string_view file, const std::string& xml, std::size_t at) {
  if (!path.starts_with("internal://")) {
    throw xml_error(file, xml, at,
                    fmt::format("source '{}' refers to a file outside the archive ({}); only "
                                "internal:// sources are read",
                                source_name, path.empty() ? "no plainTextPath" : path));
  }
  const std::string rel = path.substr(11);
  bool bad = rel.empty() || rel.front() == '/' || rel.find('\\') != std::string::npos;
  for (std::size_t b = 0; !bad && b <= rel.size();) {
    std::size_t e = rel.find('/', b);
    if (e == std::string::npos) e = rel.size();
    const std::string_view part(rel.data() + b, e - b);
    bad = part.empty() || part == "." || part == "..";
    b = e + 1;
  }
  if (bad) {
    throw xml_error(file, xml, at,
                    fmt::format("source '{}' has the path '{}', which leaves the archive's "
                                "Sources folder; refused",
                                source_name, path));
  }
  return "Sources/" + rel;
}

// Parses XML refusing entity declarations (no entity is ever expanded).
void parse_xml(pugi::xml_document& doc, const std::string& xml, std::string_view file) {
  if (auto dt = xml.find("<!DOCTYPE"); dt != std::string::npos) {
    if (xml.find("<!ENTITY") != std::string::npos)
      throw xml_error(file, xml, dt, "the XML declares entities; refused");
  }
  const pugi::xml_parse_result r =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) {
    throw xml_error(file, xml, static_cast<std::size_t>(r.offset),
                    fmt::format("not well-formed XML: {}", r.description()));
  }
}

// The codes under `parent`, depth first. Positions come from one Locator; paths seen from a set
// (a .qdc may hold tens of thousands of codes).
struct CodeReader {
  CodeReader(Codebook& c, std::map<std::string, std::size_t>* g, std::string_view f,
             const std::string& x)
      : cb(c), by_guid(g), file(f), xml(x), where(f, x) {}

  Codebook& cb;
  std::map<std::string, std::size_t>* by_guid;
  std::string_view file;
  const std::string& xml;
  Locator where;
  std::set<std::string> paths;

  static constexpr std::size_t kMaxDepth = 100;

  void read(pugi::xml_node parent, std::optional<std::size_t> up);
};

void read_codes(pugi::xml_node parent, Codebook& cb, std::optional<std::size_t> up,
                std::map<std::string, std::size_t>* by_guid, std::string_view file,
                const std::string& xml) {
  CodeReader r(cb, by_guid, file, xml);
  r.read(parent, up);
}

void CodeReader::read(pugi::xml_node parent, std::optional<std::size_t> up) {
  for (pugi::xml_node n : parent.children()) {
    if (n.type() != pugi::node_element || local_name(n.name()) != "Code") continue;
    Code c;
    c.name = n.attribute("name").as_string();
    c.guid = n.attribute("guid").as_string();
    if (c.name.empty() || c.guid.empty()) {
      throw xml_error(file, xml, static_cast<std::size_t>(n.offset_debug()),
                      "a Code needs a guid and a name");
    }
    // '/' separates code paths here; a name from another tool may hold one.
    std::replace(c.name.begin(), c.name.end(), '/', '-');
    c.color = n.attribute("color").as_string();
    if (pugi::xml_node d = child(n, "Description")) c.description = d.text().as_string();
    c.parent = up;
    c.depth = up ? cb.codes[*up].depth + 1 : 0;
    c.path = up ? cb.codes[*up].path + "/" + c.name : c.name;
    if (c.depth >= kMaxDepth) {
      throw xml_error(file, xml, static_cast<std::size_t>(n.offset_debug()),
                      fmt::format("codes nested more than {} levels deep", kMaxDepth));
    }
    const Location loc = where.at(static_cast<std::uint64_t>(n.offset_debug()));
    c.pos = {loc.line, loc.column};
    if (!paths.insert(c.path).second) {
      c.path += " (" + c.guid.substr(0, 8) + ")";
      paths.insert(c.path);
    }
    const std::size_t index = cb.codes.size();
    if (by_guid) (*by_guid)[c.guid] = index;
    if (up) cb.codes[*up].children.push_back(index);
    cb.codes.push_back(std::move(c));
    read(n, index);
  }
}

}  // namespace

std::string codebook_to_qdc(const Codebook& cb) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "utf-8";
  pugi::xml_node root = doc.append_child("CodeBook");
  root.append_attribute("xmlns") = "urn:QDA-XML:codebook:1.0";
  add_codebook(root, cb);
  return to_string(doc);
}

Codebook load_qdc(std::string_view text, std::string_view file) {
  const std::string xml(text);
  pugi::xml_document doc;
  parse_xml(doc, xml, file);
  pugi::xml_node root = doc.document_element();
  if (local_name(root.name()) == "Project") root = child(root, "CodeBook");
  if (!root || local_name(root.name()) != "CodeBook")
    throw xml_error(file, xml, 0, "not a REFI-QDA codebook: no CodeBook element");
  check_namespace(doc.document_element(),
                  local_name(doc.document_element().name()) == "Project"
                      ? "urn:QDA-XML:project:1.0"
                      : "urn:QDA-XML:codebook:1.0",
                  file, xml, "codebook");
  Codebook cb;
  cb.file = std::string(file);
  read_codes(child(root, "Codes"), cb, std::nullopt, nullptr, file, xml);
  return cb;
}

std::string project_to_qde(const RefiProject& p) {
  const Codebook& cb = *p.codebook;
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "utf-8";
  pugi::xml_node root = doc.append_child("Project");
  root.append_attribute("xmlns") = "urn:QDA-XML:project:1.0";
  root.append_attribute("name") = p.name.c_str();
  if (!p.origin.empty()) root.append_attribute("origin") = p.origin.c_str();
  if (!cb.codes.empty()) add_codebook(root.append_child("CodeBook"), cb);
  // Integer variables when every value is an integer, text otherwise.
  std::vector<bool> integer(p.variables.size(), true);
  for (const RefiCase& c : p.cases) {
    for (std::size_t v = 0; v < c.values.size() && v < integer.size(); ++v) {
      const std::string& s = c.values[v];
      if (!s.empty() && (s.find_first_not_of("0123456789") != std::string::npos || s.size() > 18))
        integer[v] = false;
    }
  }
  if (!p.variables.empty()) {
    pugi::xml_node vars = root.append_child("Variables");
    for (std::size_t v = 0; v < p.variables.size(); ++v) {
      pugi::xml_node n = vars.append_child("Variable");
      n.append_attribute("guid") = stable_guid("variable", p.variables[v]).c_str();
      n.append_attribute("name") = p.variables[v].c_str();
      n.append_attribute("typeOfVariable") = integer[v] ? "Integer" : "Text";
    }
  }
  if (!p.cases.empty()) {
    pugi::xml_node cases = root.append_child("Cases");
    for (const RefiCase& c : p.cases) {
      pugi::xml_node n = cases.append_child("Case");
      n.append_attribute("guid") = stable_guid("case", c.name).c_str();
      n.append_attribute("name") = c.name.c_str();
      for (std::size_t v = 0; v < c.values.size() && v < p.variables.size(); ++v) {
        if (c.values[v].empty()) continue;
        pugi::xml_node vv = n.append_child("VariableValue");
        vv.append_child("VariableRef").append_attribute("targetGUID") =
            stable_guid("variable", p.variables[v]).c_str();
        vv.append_child(integer[v] ? "IntegerValue" : "TextValue").text() = c.values[v].c_str();
      }
      for (std::size_t s : c.sources) {
        n.append_child("SourceRef").append_attribute("targetGUID") =
            stable_guid("source", p.sources[s].name).c_str();
      }
    }
  }
  if (!p.sources.empty()) {
    pugi::xml_node sources = root.append_child("Sources");
    for (const RefiSource& s : p.sources) {
      const std::string guid = stable_guid("source", s.name);
      pugi::xml_node n = sources.append_child("TextSource");
      n.append_attribute("guid") = guid.c_str();
      n.append_attribute("name") = s.name.c_str();
      n.append_attribute("plainTextPath") = ("internal://" + guid + ".txt").c_str();
      for (const RefiSelection& sel : s.selections) {
        const std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}", s.name, cb.codes[sel.code].path,
                                            sel.start, sel.end);
        pugi::xml_node ps = n.append_child("PlainTextSelection");
        ps.append_attribute("guid") = stable_guid("selection", key).c_str();
        ps.append_attribute("startPosition") = static_cast<unsigned long long>(sel.start);
        ps.append_attribute("endPosition") = static_cast<unsigned long long>(sel.end);
        pugi::xml_node coding = ps.append_child("Coding");
        coding.append_attribute("guid") = stable_guid("coding", key).c_str();
        coding.append_child("CodeRef").append_attribute("targetGUID") =
            code_guid(cb, sel.code).c_str();
      }
    }
  }
  return to_string(doc);
}

std::string project_to_qdpx(const RefiProject& p) {
  std::vector<std::pair<std::string, std::string>> members;
  members.emplace_back("project.qde", project_to_qde(p));
  for (const RefiSource& s : p.sources)
    members.emplace_back("Sources/" + stable_guid("source", s.name) + ".txt", s.text);
  return make_zip(members);
}

ImportedProject read_qdpx(std::string_view bytes, std::string_view file, std::uint64_t max_entry) {
  std::optional<ZipReader> zip;
  std::string xml;
  if (bytes.starts_with("PK")) {
    zip.emplace(bytes, file, ".qdpx");
    xml = zip->read("project.qde", max_entry);
  } else {
    xml = std::string(bytes);
  }
  const std::string qde_name = zip ? std::string(file) + ":project.qde" : std::string(file);
  pugi::xml_document doc;
  parse_xml(doc, xml, qde_name);
  pugi::xml_node root = doc.document_element();
  if (local_name(root.name()) != "Project")
    throw xml_error(qde_name, xml, 0, "not a REFI-QDA project: no Project element");
  check_namespace(root, "urn:QDA-XML:project:1.0", qde_name, xml, "project");
  ImportedProject out;
  out.codebook.file = std::string(file);
  out.codebook.name = root.attribute("name").as_string();
  std::map<std::string, std::size_t> by_guid;
  if (pugi::xml_node cb = child(root, "CodeBook"))
    read_codes(child(cb, "Codes"), out.codebook, std::nullopt, &by_guid, qde_name, xml);
  pugi::xml_node sources = child(root, "Sources");
  for (pugi::xml_node s : sources.children()) {
    if (s.type() != pugi::node_element || local_name(s.name()) != "TextSource") continue;
    const std::string name = s.attribute("name").as_string();
    std::string text;
    if (pugi::xml_node c = child(s, "PlainTextContent")) {
      text = c.text().as_string();
    } else {
      const auto at = static_cast<std::size_t>(s.offset_debug());
      const std::string path = s.attribute("plainTextPath").as_string();
      const std::string member = source_member(path, name, qde_name, xml, at);
      if (!zip || !zip->has(member)) {
        throw xml_error(
            qde_name, xml, at,
            fmt::format("the text of source '{}' ({}) is not in the archive", name, path));
      }
      text = zip->read(member, max_entry);
    }
    std::vector<ImportedCoding> here;
    for (pugi::xml_node sel : s.children()) {
      if (sel.type() != pugi::node_element || local_name(sel.name()) != "PlainTextSelection")
        continue;
      const auto at = static_cast<std::size_t>(sel.offset_debug());
      const long long start = sel.attribute("startPosition").as_llong(-1);
      const long long end = sel.attribute("endPosition").as_llong(-1);
      if (start < 0 || end < start) {
        throw xml_error(qde_name, xml, at,
                        fmt::format("PlainTextSelection with positions {}..{}", start, end));
      }
      for (pugi::xml_node coding : sel.children()) {
        if (coding.type() != pugi::node_element || local_name(coding.name()) != "Coding") continue;
        const std::string target = child(coding, "CodeRef").attribute("targetGUID").as_string();
        auto it = by_guid.find(target);
        if (it == by_guid.end()) {
          throw xml_error(qde_name, xml, static_cast<std::size_t>(coding.offset_debug()),
                          fmt::format("a Coding refers to code {} which the CodeBook lacks",
                                      target.empty() ? "(none)" : target));
        }
        ImportedCoding ic;
        ic.code = out.codebook.codes[it->second].path;
        ic.source = name;
        ic.start = static_cast<std::uint64_t>(start);
        ic.end = static_cast<std::uint64_t>(end);
        ic.start_byte = byte_of_codepoint(text, ic.start);
        ic.end_byte = byte_of_codepoint(text, ic.end);
        ic.text = text.substr(ic.start_byte, ic.end_byte - ic.start_byte);
        here.push_back(std::move(ic));
      }
    }
    std::stable_sort(here.begin(), here.end(), [](const auto& a, const auto& b) {
      return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    out.codings.insert(out.codings.end(), here.begin(), here.end());
  }
  return out;
}

}  // namespace verbatim
