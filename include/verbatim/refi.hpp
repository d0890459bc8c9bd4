// refi: the REFI-QDA exchange standard (QDA-XML 1.0), read by NVivo, ATLAS.ti, MAXQDA and
// QualCoder.
//
// A codebook travels as a `.qdc` file (namespace urn:QDA-XML:codebook:1.0): nested Code
// elements with guid, name, isCodable, color and Description. A whole project travels as a
// `.qdpx` zip: `project.qde` (namespace urn:QDA-XML:project:1.0) with the codebook, the
// variables and cases (from the case attributes), and one TextSource per document whose plain
// text is stored as `Sources/<guid>.txt`; codings are PlainTextSelections with start and end
// positions in code points of that text. GUIDs are derived from names (stable_guid), so a
// re-export of the same project is byte-identical.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "verbatim/codebook.hpp"
#include "verbatim/source.hpp"

namespace verbatim {

// The codebook as a .qdc document.
std::string codebook_to_qdc(const Codebook& cb);
// Reads a .qdc (or the CodeBook of a .qde): codes without rules. Error on malformed XML.
Codebook load_qdc(std::string_view xml, std::string_view file);

struct RefiSelection {
  std::size_t code = 0;              // index in the codebook
  std::uint64_t start = 0, end = 0;  // code points of the source text
};

struct RefiSource {
  std::string name;  // document id
  std::string text;  // the plain text, exactly as the positions count it
  std::string description;
  std::vector<RefiSelection> selections;
};

struct RefiCase {
  std::string name;                  // participant id
  std::vector<std::string> values;   // one per RefiProject::variables ("" : none)
  std::vector<std::size_t> sources;  // documents the case speaks in
};

struct RefiProject {
  std::string name;
  std::string origin;  // the tool and version that wrote it
  const Codebook* codebook = nullptr;
  std::vector<std::string> variables;
  std::vector<RefiCase> cases;
  std::vector<RefiSource> sources;
};

// project.qde XML.
std::string project_to_qde(const RefiProject& p);
// The .qdpx archive: project.qde and Sources/<guid>.txt.
std::string project_to_qdpx(const RefiProject& p);

struct ImportedCoding {
  std::string code;                            // code path in the project's codebook
  std::string source;                          // TextSource name
  std::uint64_t start = 0, end = 0;            // code points
  std::string text;                            // the source text of the selection
  std::uint64_t start_byte = 0, end_byte = 0;  // the same span in bytes of the UTF-8 text
};

struct ImportedProject {
  Codebook codebook;
  std::vector<ImportedCoding> codings;  // in source order, then by position
};

// Reads the codebook and text codings of a .qdpx archive (zip bytes) or of a bare .qde.
// Sources are read from the archive only (internal:// paths inside Sources/); no archive
// member larger than `max_entry` bytes uncompressed is inflated.
ImportedProject read_qdpx(std::string_view bytes, std::string_view file,
                          std::uint64_t max_entry = kDefaultMaxZipEntry);

// Byte offset of code point `cp` in UTF-8 `text` (clamped to the end).
std::uint64_t byte_of_codepoint(std::string_view text, std::uint64_t cp);
// Code points before byte `byte` of UTF-8 `text`.
std::uint64_t codepoint_of_byte(std::string_view text, std::uint64_t byte);

}  // namespace verbatim
