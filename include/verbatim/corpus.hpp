// corpus: from the paths a user names to Documents with turns, speakers and attributes.
//
// Folders are walked recursively; files are taken in sorted path order and each gets a
// stable id: its path relative to the folder named, without extension (`p03`, `wave2/p07`);
// a file named directly has its stem as id, stdin is `-`. Hidden files and folders
// (leading dot) and files with unknown extensions inside folders are skipped; a file named
// directly is always read. Symlinked folders are followed once (loops are detected).
//
//   CorpusOptions opts;
//   auto sources = list_sources({"interviews"}, diags);
//   for (auto& s : sources) if (auto doc = load_document(s, opts, diags)) use(*doc);
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbatim/error.hpp"
#include "verbatim/language.hpp"
#include "verbatim/source.hpp"
#include "verbatim/transcript.hpp"

namespace verbatim {

struct SourceRef {
  std::string path;     // as opened ("-" for stdin)
  std::string id;       // document id
  std::string display;  // path as shown in messages
};

// Expands files and folders into sources in sorted order. Missing paths and unreadable
// folders are reported in `diags` as errors (the walk goes on).
std::vector<SourceRef> list_sources(const std::vector<std::string>& paths, Diagnostics& diags);

// label,participant,role: maps speaker labels (and aliases) to participant ids and roles.
class SpeakerMap {
 public:
  struct Entry {
    std::string participant;
    std::string role;  // "participant", "interviewer", ... as written
  };
  // Parses CSV text with header `label,participant,role` (role optional). Labels match
  // case-insensitively after trimming and dropping a trailing colon. Throws Error with line.
  static SpeakerMap parse(std::string_view csv, std::string_view name);
  const Entry* find(std::string_view label) const;
  // The distinct non-empty roles of the map, sorted (for --role checks and messages).
  std::vector<std::string> roles() const;
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, Entry> entries_;  // key: folded label
};

// Case attributes: CSV whose first column is a document id or participant id.
class Attributes {
 public:
  static Attributes parse(std::string_view csv, std::string_view name);
  const std::vector<std::string>& names() const { return names_; }  // without the key column
  // Values for `key` (document id or participant id), or nullptr.
  const std::vector<std::string>* find(std::string_view key) const;
  // Keys (first column) in file order.
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  std::vector<std::string> names_;
  std::vector<std::string> keys_;
  std::map<std::string, std::vector<std::string>, std::less<>> rows_;
};

struct CorpusOptions {
  DecodeOptions decode;
  std::optional<Language> language;  // nullopt: detect per document
  const SpeakerMap* speakers = nullptr;
  // Limits. A larger file is an error (--max-file-size); so is a .docx whose text part inflates
  // beyond docx.max_uncompressed (--max-zip-entry). A line of more whitespace-separated tokens
  // than max_line_tokens is read whole, with a warning (--max-line-tokens; 0: no warning).
  std::uint64_t max_file_bytes = FileBytes::kDefaultMaxBytes;
  DocxLimits docx;
  std::size_t max_line_tokens = 100000;
};

struct DocumentTurn : Turn {
  std::string participant;  // from the speaker map, else empty
  std::string role;         // from the speaker map, else empty
};

struct Document {
  SourceRef source;
  Format format = Format::text;
  Encoding encoding = Encoding::utf8;
  std::string text;  // NFC, LF
  std::vector<DocumentTurn> turns;
  Language language = Language::fr;
  bool language_detected = true;
  std::uint64_t input_bytes = 0;
};

// Reads, decodes and parses one source. Returns nullopt for a skipped source (binary file),
// after adding a warning; throws Error for a source that cannot be read or decoded.
std::optional<Document> load_document(const SourceRef& src, const CorpusOptions& opts,
                                      Diagnostics& warnings);

// A 64-bit digest of a set of documents: each document's id and normalized text are hashed
// (FNV-1a over the id, a 64-bit digest of the text), mixed, and the document digests are summed
// modulo 2^64. The sum does not depend on the order documents are added in, so it is the same at
// any thread count, on every machine, and for a corpus counted in shards whose digests are
// combined afterwards (`verbatim merge`). Printed as 16 hex digits.
class Fingerprint {
 public:
  void add(const Document& doc);
  // Adds another digest (e.g. one document's, made on a worker thread, or a shard's).
  void combine(const Fingerprint& other);
  std::string hex() const;
  // Parses hex() output; nullopt unless 16 hex digits.
  static std::optional<Fingerprint> from_hex(std::string_view hex);
  bool operator==(const Fingerprint& o) const { return sum_ == o.sum_; }

 private:
  std::uint64_t sum_ = 0;
};

// Builds a Document from already decoded text (for tests and for readers of other inputs).
Document make_document(SourceRef src, Format format, std::string text, const CorpusOptions& opts,
                       Diagnostics& warnings);

}  // namespace verbatim
