#include "verbatim/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace verbatim {

std::string format_location(const Location& where) {
  std::string out = where.file;
  if (where.line > 0) {
    out += fmt::format(":{}", where.line);
    if (where.column > 0) out += fmt::format(":{}", where.column);
  }
  if (where.byte) out += fmt::format(" (byte {})", *where.byte);
  return out;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string loc = format_location(d.where);
  if (loc.empty()) return d.message;
  return loc + ": " + d.message;
}

Diagnostic file_diagnostic(Severity severity, std::string file, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.where.file = std::move(file);
  d.message = std::move(message);
  return d;
}

Location locate(std::string_view file, std::string_view text, std::uint64_t offset) {
  Location where{std::string(file), 1, 1, offset};
  const std::size_t end = offset < text.size() ? offset : text.size();
  for (std::size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++where.line;
      where.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++where.column;  // count code points: skip UTF-8 continuation bytes
    }
  }
  return where;
}

Locator::Locator(std::string_view file, std::string_view text) : file_(file), text_(text) {
  starts_.push_back(0);
  for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
    starts_.push_back(i + 1);
}

Location Locator::at(std::uint64_t offset) const {
  const std::size_t end = offset < text_.size() ? offset : text_.size();
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), end) - 1;
  Location where{file_, static_cast<std::size_t>(it - starts_.begin()) + 1, 1, offset};
  for (std::size_t i = *it; i < end; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++where.column;
  }
  return where;
}

Error::Error(Diagnostic d) : std::runtime_error(format_diagnostic(d)), diag_(std::move(d)) {}

Error::Error(Location where, std::string message)
    : Error(Diagnostic{Severity::error, std::move(where), std::move(message)}) {}

Error::Error(std::string message) : Error(Diagnostic{Severity::error, {}, std::move(message)}) {}

}  // namespace verbatim
