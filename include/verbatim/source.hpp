// source: bytes from files and stdin, encoding detection and decoding to NFC UTF-8 with LF.
//
// Promise: decode() returns text that is valid UTF-8, NFC-normalized, with CRLF and lone CR
// turned into LF, so the number of line breaks (and thus every line number) is the file's own.
// For a clean UTF-8 file (no BOM, already NFC, LF only) the text is the file's bytes and
// byte offsets are file offsets. Nothing is decoded by silent guesswork: every fallback
// (Windows-1252 for invalid UTF-8, UTF-16 without BOM) adds a warning naming the byte offset.
//
//   auto bytes = verbatim::FileBytes::open("p03.txt");
//   verbatim::Decoded d = verbatim::decode(bytes.view(), "p03.txt", {});
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "verbatim/error.hpp"

namespace verbatim {

enum class Encoding { utf8, utf8_bom, utf16le, utf16be, windows1252, binary };

std::string_view encoding_name(Encoding e);  // "utf-8", "utf-8-bom", "utf-16le", ...

// The bytes of one input, read into memory. Files are read, not mapped: a file truncated by
// another program while verbatim reads it gives short text, never a SIGBUS.
// The default bound on one zip member inflated (--max-zip-entry): .docx, .qdpx.
inline constexpr std::uint64_t kDefaultMaxZipEntry = 256ull << 20;

class FileBytes {
 public:
  // The default bound on one input's size (--max-file-size).
  static constexpr std::uint64_t kDefaultMaxBytes = 1ull << 30;
  // Throws Error naming the path when it cannot be opened or read, or holds more than
  // `max_bytes` bytes.
  static FileBytes open(const std::string& path, std::uint64_t max_bytes = kDefaultMaxBytes);
  static FileBytes read_stdin(std::uint64_t max_bytes = kDefaultMaxBytes);
  static FileBytes from_string(std::string bytes);

  std::string_view view() const { return data_; }
  // The bytes themselves, for decode() to keep as the text when they need no change.
  std::string release() && { return std::move(data_); }

 private:
  std::string data_;
};

struct DecodeOptions {
  bool strict = false;  // invalid UTF-8 is an error instead of a Windows-1252 fallback
};

struct Decoded {
  std::string text;  // UTF-8, NFC, LF line ends; empty when skipped
  Encoding encoding = Encoding::utf8;
  bool skipped = false;     // binary file: not text, nothing decoded
  bool normalized = false;  // NFC or line-end changes were made
  Diagnostics warnings;
};

// Decodes `bytes` read from `name`. Throws Error (with the byte offset) for invalid UTF-8
// under strict, or for a UTF-16 file with an invalid surrogate sequence.
Decoded decode(std::string_view bytes, std::string_view name, const DecodeOptions& opts);
// The same, keeping the file's own bytes as the text when they are already clean UTF-8 (the
// common case), so that a document is held once, not twice.
Decoded decode(FileBytes&& bytes, std::string_view name, const DecodeOptions& opts);

// NFC-normalizes valid UTF-8 and maps CRLF / CR to LF. Cheap when already normal.
std::string normalize_text(std::string_view utf8, bool* changed = nullptr);

// Code points of valid UTF-8 (bytes that are not continuation bytes).
inline std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8)
    n += (c & 0xC0) != 0x80;
  return n;
}

// False when valid UTF-8 `text` is surely NFC: it holds only code points below U+0300 and in
// U+2002-U+20BF (each NFC and of combining class 0), checked 8 ASCII bytes at a time; true
// when ICU must tell (normalize_text then asks it).
bool may_need_nfc(std::string_view text);

// One pass over UTF-8 bytes: the offset of the first invalid sequence (npos when valid),
// whether NFC may change the text before it (see may_need_nfc), the offset of the first NUL
// byte before it (npos when none) and whether a CR is there.
struct Utf8Scan {
  std::size_t invalid = std::string_view::npos;
  bool may_need_nfc = false;
  std::size_t nul = std::string_view::npos;
  bool has_cr = false;
};
Utf8Scan scan_utf8(std::string_view bytes);

// Offset of the first invalid UTF-8 sequence in `bytes`, or npos when valid.
std::size_t find_invalid_utf8(std::string_view bytes);

// "1 GiB", "256 MiB", "64 KiB" or "1000 bytes": sizes in messages.
std::string format_size(std::uint64_t bytes);

}  // namespace verbatim
