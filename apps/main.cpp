// verbatim: one binary, one subcommand per tool.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
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

// Edit distance, for suggestions.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// "did you mean 'freq'?" for a word close to one of `names`, else "".
std::string suggest(std::string_view word, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_d = 3;  // at most two edits away
  for (const auto& n : names) {
    const std::size_t d = distance(word, n);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  return best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
}

// The first argument that is neither a known subcommand nor an option: a mistyped tool name.
std::string unknown_tool(int argc, char** argv, const CLI::App& app,
                         std::vector<std::string>& tools) {
  for (const CLI::App* sub : app.get_subcommands({}))
    tools.push_back(sub->get_name());
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.empty() || a[0] == '-') continue;
    if (std::find(tools.begin(), tools.end(), a) != tools.end()) return "";
    return a;
  }
  return "";
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
  app.set_version_flag("--version", version_text());
  app.footer("Run 'verbatim TOOL --help' for a tool's options and examples.");
  int exit_code = 0;
  verbatim::cli::register_corpus(app, exit_code);
  verbatim::cli::register_tokens(app, exit_code);
  verbatim::cli::register_freq(app, exit_code);
  verbatim::cli::register_kwic(app, exit_code);
  verbatim::cli::register_cooccur(app, exit_code);
  verbatim::cli::register_codebook(app, exit_code);
  verbatim::cli::register_report(app, exit_code);
  verbatim::cli::register_merge(app, exit_code);
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
    if (tool.empty()) {
      std::vector<std::string> tools;
      const std::string word = unknown_tool(argc, argv, app, tools);
      if (!word.empty()) {
        std::string hint = suggest(word, tools);
        if (hint.empty()) hint = fmt::format("; tools: {}", fmt::join(tools, ", "));
        message = fmt::format("unknown tool '{}'{}", word, hint);
      }
    } else if (const auto at = message.find("not expected: --"); at != std::string::npos) {
      std::string flag = message.substr(at + 14);
      if (auto sp = flag.find_first_of(" ="); sp != std::string::npos) flag.resize(sp);
      message += suggest(flag, option_names(last));
    }
    fmt::print(stderr, "verbatim{}: error: {}\nRun 'verbatim{} --help' for the options.\n",
               tool.empty() ? "" : " " + tool, message, tool.empty() ? "" : " " + tool);
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "verbatim: error: {}\n", e.what());
    return 1;
  }
  return exit_code;
}
