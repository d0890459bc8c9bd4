// completion: bash and zsh completion scripts, written from the command tree itself so that
// they always know every tool, subcommand and flag.
//
// `verbatim --completion bash|zsh` prints a script; the build writes both and `cmake --install`
// puts them where bash-completion and zsh look. A flag's value completes from its choices
// (set_choices), to nothing for numbers and sizes, and to file names otherwise; positionals
// complete to file names, after the subcommands of a command that has some.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace verbatim::cli {

// The values a flag takes, for completion (its help text says them to people). With `files`,
// a file name is accepted too (--stopwords default or a list file); no choices and no files:
// nothing to complete (--sep, --keep). Returns `option`.
CLI::Option* set_choices(CLI::Option* option, std::vector<std::string> choices, bool files = false);

// The completion script for `shell` ("bash" or "zsh") of the program `app`; throws
// std::invalid_argument for another shell.
std::string completion_script(const CLI::App& app, std::string_view shell);

}  // namespace verbatim::cli
