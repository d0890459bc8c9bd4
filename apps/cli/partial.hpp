// partial: the JSON Lines files that `freq --partial` and `cooccur --partial` write and
// `verbatim merge` reads. The first line is a header,
//   {"verbatim": {"tool", "version", "options", "partial": 1, "table", "corpus": {"documents",
//                 "fingerprint"}}}
// with every option the table depends on; each further line is one record of a counter. A
// partial is read a line at a time, so a merge holds the merged counts, never a whole file.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "verbatim/json.hpp"

namespace verbatim::cli {

// Typed fields of a header object; a missing or mistyped field is an Error naming the file.
class PartialFields {
 public:
  PartialFields(const JsonValue& object, std::string file);
  const std::string& text(std::string_view name) const;
  std::size_t size(std::string_view name) const;
  bool flag(std::string_view name) const;
  PartialFields object(std::string_view name) const;
  std::vector<std::string> strings(std::string_view name) const;
  const JsonValue& value() const { return v_; }

 private:
  const JsonValue& member(std::string_view name, JsonValue::Type type, std::string_view kind) const;
  const JsonValue& v_;
  std::string file_;
};

// The common options a header's "options" records (lang, stopwords, role, hyphens), over the
// output options of the merge.
CommonOptions partial_common_options(const PartialFields& options, const CommonOptions& output);

// ["a","b"] with every string escaped.
std::string json_string_list(const std::vector<std::string>& items);

// A partial's header line: `start` is a tool's header start (its outer object open), `table`
// the JSON object of the options that shape the table but not the counts.
std::string partial_header(const std::string& start, const std::string& table,
                           std::size_t documents, const Fingerprint& fp);

// Writes a whole partial to `output` ("-": stdout; a file atomically); kOk.
int write_partial_text(const std::string& output, const std::string& text);

// One partial file ("-": standard input), read a line at a time.
class PartialFile {
 public:
  // Opens `path` and reads its header; Error when it is not a partial.
  explicit PartialFile(const std::string& path);
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;
  ~PartialFile();

  const std::string& path() const { return path_; }
  const std::string& tool() const { return tool_; }
  // The header's "verbatim" object.
  PartialFields header() const { return PartialFields(*verbatim_, path_); }
  std::size_t documents() const { return documents_; }
  const Fingerprint& fingerprint() const { return fingerprint_; }
  // The next record and its place; false at the end of the file.
  bool next(JsonValue& record, Location& where);

 private:
  void read_header();
  bool read_line();
  std::string path_;
  std::FILE* file_ = nullptr;
  char* buf_ = nullptr;
  std::size_t cap_ = 0;
  std::string_view line_;
  std::size_t line_no_ = 0;
  std::uint64_t offset_ = 0, next_offset_ = 0;
  JsonValue head_;
  const JsonValue* verbatim_ = nullptr;
  std::string tool_;
  std::size_t documents_ = 0;
  Fingerprint fingerprint_;
};

}  // namespace verbatim::cli
