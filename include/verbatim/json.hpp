// json: the one JSON writer (strings escaped per RFC 8259, UTF-8 kept as is).
#pragma once

#include <string>
#include <string_view>

namespace verbatim {

// Appends `s` as a JSON string literal (with quotes) to `out`.
void append_json_string(std::string& out, std::string_view s);

}  // namespace verbatim
