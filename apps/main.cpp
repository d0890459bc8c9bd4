// verbatim: one binary, one subcommand per tool.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include <fmt/format.h>
#include <unicode/uversion.h>

#include "tools.hpp"
#include "verbatim/stemmer.hpp"
#include "verbatim/version.hpp"

namespace {

std::string version_text() {
  std::string commit = verbatim::kGitCommit;
  return fmt::format("verbatim {}{}\nICU {}\n{}", verbatim::kVersion,
                     commit.empty() ? "" : " (" + commit + ")", U_ICU_VERSION,
                     verbatim::stemmer_version());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "verbatim: word frequencies, concordances and theme coding of interview "
      "transcripts",
      "verbatim"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text());
  app.footer("Run 'verbatim TOOL --help' for a tool's options and examples.");
  int exit_code = 0;
  verbatim::cli::register_corpus(app, exit_code);
  verbatim::cli::register_tokens(app, exit_code);
  verbatim::cli::register_freq(app, exit_code);
  verbatim::cli::register_kwic(app, exit_code);
  verbatim::cli::register_cooccur(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::string tool;
    for (const CLI::App* sub = &app; !sub->get_subcommands().empty();) {
      sub = sub->get_subcommands().back();
      tool += (tool.empty() ? "" : " ") + sub->get_name();
    }
    fmt::print(stderr, "verbatim{}: error: {}\nRun 'verbatim{} --help' for the options.\n",
               tool.empty() ? "" : " " + tool, e.what(), tool.empty() ? "" : " " + tool);
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "verbatim: error: {}\n", e.what());
    return 1;
  }
  return exit_code;
}
