#include "cli/help.hpp"

#include <string>

namespace verbatim::cli {

void set_help_footer(CLI::App* cmd, std::string_view about,
                     std::initializer_list<std::string_view> examples) {
  std::string f(about);
  if (!f.empty()) f += "\n\n";
  f += "Examples:";
  for (std::string_view e : examples) {
    f += "\n  ";
    f += e;
  }
  cmd->footer(f);
}

}  // namespace verbatim::cli
