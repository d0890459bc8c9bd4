// error: diagnostics with a location, and the one exception type the library throws.
//
// A Diagnostic names the file, the 1-based line and column, and the byte offset into the
// file (or into the decoded text when the file is not UTF-8) where a problem was seen.
// Readers collect warnings into a Diagnostics list and keep going; a problem that stops
// a document is thrown as verbatim::Error, which carries the same Diagnostic.
//
//   try { ... } catch (const verbatim::Error& e) { print(format_diagnostic(e.diagnostic())); }
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace verbatim {

enum class Severity { warning, error };

struct Location {
  std::string file;                   // as the user named it; "-" or "<stdin>" for stdin
  std::size_t line = 0;               // 1-based; 0 when unknown
  std::size_t column = 0;             // 1-based, in code points; 0 when unknown
  std::optional<std::uint64_t> byte;  // byte offset, when known
};

struct Diagnostic {
  Severity severity = Severity::error;
  Location where;
  std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

// A diagnostic about a whole file (no line or byte).
Diagnostic file_diagnostic(Severity severity, std::string file, std::string message);

// "file:line:col (byte N)", dropping the parts that are unknown.
std::string format_location(const Location& where);

// "file:line:col (byte N): message".
std::string format_diagnostic(const Diagnostic& d);

// Line (1-based) and column (1-based, code points) of byte `offset` in UTF-8 `text`.
Location locate(std::string_view file, std::string_view text, std::uint64_t offset);

// locate() for many offsets into one text: the line starts are indexed once, so each lookup
// is a binary search plus a walk along one line (locate() rescans from the start).
class Locator {
 public:
  Locator(std::string_view file, std::string_view text);
  Location at(std::uint64_t offset) const;

 private:
  std::string file_;
  std::string_view text_;
  std::vector<std::size_t> starts_;  // offset of each line's first byte
};

class Error : public std::runtime_error {
 public:
  explicit Error(Diagnostic d);
  Error(Location where, std::string message);
  // An error with no location (e.g. a bad option value).
  explicit Error(std::string message);
  const Diagnostic& diagnostic() const { return diag_; }

 private:
  Diagnostic diag_;
};

}  // namespace verbatim
