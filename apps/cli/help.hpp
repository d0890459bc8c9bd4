// help: how every `verbatim TOOL --help` ends: what the tool writes (its columns), then 2 to 4
// examples that run as printed from a clone of the repository, on the sample study
// (data/sample). tests/scripts/help_examples.sh runs every example of every help page.
//
//   set_help_footer(cmd, "Columns: id,format,...", {"verbatim corpus data/sample --format md",
//                                                   "verbatim corpus check data/sample"});
#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <string_view>

namespace verbatim::cli {

// `about` (may be empty), a blank line, "Examples:" and one example a line, indented. An
// example may continue on the next line after " \" (as a shell reads it).
void set_help_footer(CLI::App* cmd, std::string_view about,
                     std::initializer_list<std::string_view> examples);

}  // namespace verbatim::cli
