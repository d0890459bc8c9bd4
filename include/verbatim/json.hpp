// json: the one JSON writer (strings escaped per RFC 8259, UTF-8 kept as is) and a strict
// reader (RFC 8259; depth limited to 256, so no input can exhaust the stack).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "verbatim/error.hpp"

namespace verbatim {

// Appends `s` as a JSON string literal (with quotes) to `out`.
void append_json_string(std::string& out, std::string_view s);

struct JsonValue {
  enum class Type : std::uint8_t { null, boolean, number, string, array, object };
  Type type = Type::null;
  bool boolean = false;
  std::string text;  // string value, or a number as written
  std::vector<JsonValue> items;
  // Object members in document order: keys[i] names values[i].
  std::vector<std::string> keys;
  std::vector<JsonValue> values;

  const JsonValue* get(std::string_view key) const;  // member, or nullptr
  // The value as table cell text: strings as they are, numbers as written, true/false, "" for
  // null; arrays and objects as compact JSON.
  std::string cell() const;
};

// Parses one JSON value (surrounding white space allowed). Errors name `name`, the line and
// column (Error).
JsonValue parse_json(std::string_view text, std::string_view name);
// Parses the value starting at `pos`, leaving `pos` after it (for JSON Lines).
JsonValue parse_json_at(std::string_view text, std::size_t& pos, std::string_view name);

// Typed members, for readers of JSON records: member `name` of `object` as a whole number, a
// string or an object; otherwise an Error at `where` that names `what` and the member.
std::uint64_t json_uint(const JsonValue& object, std::string_view name, const Location& where,
                        std::string_view what);
const std::string& json_string(const JsonValue& object, std::string_view name,
                               const Location& where, std::string_view what);
// A value that must be a whole number (e.g. a member of an object of counts).
std::uint64_t json_uint(const JsonValue& value, const Location& where, std::string_view what);
const JsonValue& json_object(const JsonValue& object, std::string_view name, const Location& where,
                             std::string_view what);

}  // namespace verbatim
