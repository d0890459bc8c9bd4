// The subcommands of the verbatim binary; each registers itself on the main app and sets
// `exit_code` when it runs.
#pragma once

#include <CLI/CLI.hpp>

namespace verbatim::cli {

void register_corpus(CLI::App& app, int& exit_code);
void register_tokens(CLI::App& app, int& exit_code);
void register_freq(CLI::App& app, int& exit_code);
void register_kwic(CLI::App& app, int& exit_code);
void register_cooccur(CLI::App& app, int& exit_code);
void register_codebook(CLI::App& app, int& exit_code);
void register_report(CLI::App& app, int& exit_code);
void register_merge(CLI::App& app, int& exit_code);

}  // namespace verbatim::cli
