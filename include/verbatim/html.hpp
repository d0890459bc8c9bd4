// html: escaping for the self-contained HTML pages verbatim writes. Every piece of text from a
// transcript goes through append_html_escaped, so no input can inject markup or script.
#pragma once

#include <string>
#include <string_view>

namespace verbatim {

// Appends `s` with & < > " ' escaped.
void append_html_escaped(std::string& out, std::string_view s);

}  // namespace verbatim
