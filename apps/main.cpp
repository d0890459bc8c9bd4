// verbatim: one binary, one subcommand per tool.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/completion.hpp"
#include "cli/installation.hpp"
#include "cli/suggest.hpp"
#include "cli/terminal.hpp"
#include "tools.hpp"

namespace {

// The first argument after a command that must be followed by a subcommand (verbatim,
// verbatim codebook) and names none of its subcommands: a mistyped tool name. Returns that
// command and the word, or a null command.
std::pair<const CLI::App*, std::string> unknown_subcommand(int argc, char** argv,
                                                           const CLI::App& app) {
  const CLI::App* cmd = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.empty() || a[0] == '-') continue;
    const auto subs = cmd->get_subcommands({});
    auto it = std::find_if(subs.begin(), subs.end(),
                           [&](const CLI::App* s) { return s->get_name() == a; });
    if (it != subs.end()) {
      cmd = *it;
      continue;
    }
    if (cmd->get_require_subcommand_min() > 0) return {cmd, a};
    break;
  }
  return {nullptr, ""};
}

std::vector<std::string> subcommand_names(const CLI::App* app) {
  std::vector<std::string> out;
  for (const CLI::App* sub : app->get_subcommands({}))
    out.push_back(sub->get_name());
  return out;
}

// The option names of a (sub)command, with their dashes.
std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> out;
  for (const CLI::Option* o : app->get_options()) {
    for (const auto& l : o->get_lnames())
      out.push_back("--" + l);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "verbatim: word frequencies, concordances and theme coding of interview "
      "transcripts",
      "verbatim"};
  app.require_subcommand(1);
  app.set_version_flag("--version", verbatim::cli::version_text);
  app.footer(
      "Run 'verbatim TOOL --help' for a tool's options and examples, 'man verbatim-TOOL' for its\n"
      "page, and 'man verbatim-tutorial' (in French: 'man verbatim-tutoriel') to get started.");
  int exit_code = 0;
  verbatim::cli::register_corpus(app, exit_code);
  verbatim::cli::register_tokens(app, exit_code);
  verbatim::cli::register_freq(app, exit_code);
  verbatim::cli::register_kwic(app, exit_code);
  verbatim::cli::register_cooccur(app, exit_code);
  verbatim::cli::register_codebook(app, exit_code);
  verbatim::cli::register_report(app, exit_code);
  verbatim::cli::register_merge(app, exit_code);
  // Hidden: the shell completion scripts (the build writes them; docs/verbatim.md says how).
  if (argc == 3 && std::string_view(argv[1]) == "--completion") {
    try {
      fmt::print("{}", verbatim::cli::completion_script(app, argv[2]));
      return 0;
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "verbatim: error: {}\n", e.what());
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::string tool;
    const CLI::App* last = &app;
    for (const CLI::App* sub = &app; !sub->get_subcommands().empty();) {
      sub = sub->get_subcommands().back();
      last = sub;
      tool += (tool.empty() ? "" : " ") + sub->get_name();
    }
    std::string message = e.what();
    if (const auto [cmd, word] = unknown_subcommand(argc, argv, app); cmd == last) {
      const std::vector<std::string> names = subcommand_names(cmd);
      std::string hint = verbatim::cli::did_you_mean(word, names);
      if (hint.empty()) {
        hint =
            fmt::format("; {}: {}", cmd == &app ? "tools" : "subcommands", fmt::join(names, ", "));
      }
      message = fmt::format("unknown {} '{}'{}", cmd == &app ? "tool" : "subcommand", word, hint);
    } else if (message.find("ubcommand is required") != std::string::npos) {
      const bool top = last == &app;
      message = fmt::format("no {} given; {}: {}", top ? "tool" : "subcommand",
                            top ? "tools" : "subcommands", fmt::join(subcommand_names(last), ", "));
    } else if (const auto at = message.find("not expected: --"); at != std::string::npos) {
      std::string flag = message.substr(at + 14);
      if (auto sp = flag.find_first_of(" ="); sp != std::string::npos) flag.resize(sp);
      message += verbatim::cli::did_you_mean(flag, option_names(last));
    }
    fmt::print(stderr, "verbatim{}: {}: {}\nRun 'verbatim{} --help' for the options.\n",
               tool.empty() ? "" : " " + tool, verbatim::cli::error_label(), message,
               tool.empty() ? "" : " " + tool);
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "verbatim: {}: {}\n", verbatim::cli::error_label(), e.what());
    return 1;
  }
  return exit_code;
}
