// zip: bounded reading of zip members (docx, qdpx) and deterministic writing (qdpx, xlsx).
//
// Reading never trusts the sizes an archive claims: a member is read in chunks and refused as
// soon as it passes the limit, so a zip bomb costs at most the limit in memory. Written
// archives are byte-identical for identical members: fixed timestamps, members in the order
// given.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace verbatim {

class ZipReader {
 public:
  // `bytes` must outlive the reader; `name` is the file named in errors, `kind` the expected
  // kind (".docx", ".qdpx") in "not a .docx file: ...".
  ZipReader(std::string_view bytes, std::string_view name, std::string_view kind);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  bool has(const std::string& member) const;
  std::vector<std::string> members() const;
  // The member's bytes; Error when missing, corrupt, or larger than `limit` bytes.
  std::string read(const std::string& member, std::uint64_t limit) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A zip archive (deflate) of `members` (name, bytes), in the order given.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& members);

}  // namespace verbatim
