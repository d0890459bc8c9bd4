#include "cli/completion.hpp"

#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace verbatim::cli {

namespace {

struct Choices {
  std::vector<std::string> values;
  bool files = false;
};

std::map<const CLI::Option*, Choices>& registry() {
  static std::map<const CLI::Option*, Choices> r;
  return r;
}

// How a flag's value completes.
struct Value {
  enum Kind { none, files, listed } kind = none;
  std::vector<std::string> words;
  bool files_too = false;
};

bool takes_value(const CLI::Option* o) {
  return o->get_items_expected_max() > 0;
}

Value value_of(const CLI::Option* o) {
  Value v;
  if (auto it = registry().find(o); it != registry().end()) {
    if (it->second.values.empty() && !it->second.files) return v;
    v.kind = Value::listed;
    v.words = it->second.values;
    v.files_too = it->second.files;
    return v;
  }
  const std::string type = o->get_type_name();
  const bool number = type.starts_with("UINT") || type.starts_with("INT") ||
                      type.starts_with("FLOAT") || type.starts_with("NUMBER");
  v.kind = number ? Value::none : Value::files;
  return v;
}

std::vector<std::string> names_of(const CLI::Option* o) {
  std::vector<std::string> n;
  for (const auto& s : o->get_snames())
    n.push_back("-" + s);
  for (const auto& l : o->get_lnames())
    n.push_back("--" + l);
  return n;
}

// A command and its path from the program: "" for the program, "codebook apply".
struct Command {
  std::string path;
  const CLI::App* app;
};

void walk(const CLI::App* app, const std::string& path, std::vector<Command>& out) {
  out.push_back({path, app});
  for (const CLI::App* sub : app->get_subcommands({}))
    walk(sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

std::vector<std::string> sub_names(const CLI::App* app) {
  std::vector<std::string> n;
  for (const CLI::App* sub : app->get_subcommands({}))
    n.push_back(sub->get_name());
  return n;
}

bool has_positionals(const CLI::App* app) {
  for (const CLI::Option* o : app->get_options())
    if (o->get_positional()) return true;
  return false;
}

std::vector<const CLI::Option*> flags_of(const CLI::App* app) {
  std::vector<const CLI::Option*> out;
  for (const CLI::Option* o : app->get_options()) {
    if (o->nonpositional()) out.push_back(o);
  }
  return out;
}

// ---- bash ----------------------------------------------------------------------------------

std::string bash_script(const CLI::App& app) {
  std::vector<Command> cmds;
  walk(&app, "", cmds);
  std::string s = fmt::format(
      "# bash completion for {0}, written by '{0} --completion bash'.\n"
      "_{0}_files() {{\n"
      "  local IFS=$'\\n'\n"
      "  compopt -o filenames 2>/dev/null\n"
      "  COMPREPLY+=($(compgen -f -- \"$cur\"))\n"
      "}}\n\n"
      "# Comma-separated values, each one of the words $1 or a file name.\n"
      "_{0}_list() {{\n"
      "  local prefix=\"\" last=$cur w\n"
      "  if [[ $cur == *,* ]]; then prefix=${{cur%,*}},; last=${{cur##*,}}; fi\n"
      "  for w in $1; do [[ $w == \"$last\"* ]] && COMPREPLY+=(\"$prefix$w\"); done\n"
      "  local IFS=$'\\n'\n"
      "  compopt -o filenames 2>/dev/null\n"
      "  COMPREPLY+=($(compgen -f -P \"$prefix\" -- \"$last\"))\n"
      "}}\n\n"
      "_{0}() {{\n"
      "  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}\n"
      "  # --flag=value: bash splits at '='.\n"
      "  if [[ $cur == = ]]; then cur=\"\"; elif [[ $prev == = ]]; then "
      "prev=${{COMP_WORDS[COMP_CWORD-2]}}; fi\n"
      "  COMPREPLY=()\n"
      "  local cmd=\"\" i\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    case \"$cmd/${{COMP_WORDS[i]}}\" in\n",
      app.get_name());
  std::vector<std::string> arms;
  for (const auto& c : cmds) {
    for (const auto& n : sub_names(c.app))
      arms.push_back(fmt::format("\"{}/{}\"", c.path, n));
  }
  s +=
      fmt::format("      {}) cmd=\"${{cmd:+$cmd }}${{COMP_WORDS[i]}}\" ;;\n", fmt::join(arms, "|"));
  s += "    esac\n  done\n";

  // Flag values, grouped by what they complete to.
  std::map<std::string, std::vector<std::string>> by_action;
  for (const auto& c : cmds) {
    for (const CLI::Option* o : flags_of(c.app)) {
      if (!takes_value(o)) continue;
      const Value v = value_of(o);
      std::string action;
      if (v.kind == Value::none) {
        action = "return";
      } else if (v.kind == Value::files) {
        action = fmt::format("_{}_files; return", app.get_name());
      } else {
        action = v.files_too
                     ? fmt::format("_{}_list \"{}\"", app.get_name(), fmt::join(v.words, " "))
                     : fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))",
                                   fmt::join(v.words, " "));
        action += "; return";
      }
      for (const auto& n : names_of(o))
        by_action[action].push_back(fmt::format("\"{}/{}\"", c.path, n));
    }
  }
  s += "  case \"$cmd/$prev\" in\n";
  for (const auto& [action, keys] : by_action)
    s += fmt::format("    {})\n      {} ;;\n", fmt::join(keys, "|"), action);
  s += "  esac\n";

  s += "  case \"$cmd\" in\n";
  for (const auto& c : cmds) {
    std::vector<std::string> flags;
    for (const CLI::Option* o : flags_of(c.app)) {
      for (const auto& n : names_of(o))
        flags.push_back(n);
    }
    s += fmt::format("    \"{}\")\n", c.path);
    s += fmt::format(
        "      if [[ $cur == -* ]]; then\n"
        "        COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))\n"
        "        return\n"
        "      fi\n",
        fmt::join(flags, " "));
    if (const auto subs = sub_names(c.app); !subs.empty())
      s +=
          fmt::format("      COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))\n", fmt::join(subs, " "));
    if (has_positionals(c.app)) s += fmt::format("      _{}_files\n", app.get_name());
    s += "      ;;\n";
  }
  s += "  esac\n}\n\n";
  s += fmt::format("complete -F _{0} {0}\n", app.get_name());
  return s;
}

// ---- zsh -----------------------------------------------------------------------------------

// Text for inside a single-quoted _arguments spec: no quote, brackets escaped.
std::string zsh_text(std::string_view t) {
  std::string out;
  for (char c : t) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[' || c == ']') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string zsh_function(const std::string& prog, const Command& c) {
  const std::string fn = "_" + prog + (c.path.empty() ? "" : "_" + c.path);
  std::string f = fmt::format("{}() {{\n", [&] {
    std::string n = fn;
    for (char& ch : n)
      if (ch == ' ' || ch == '-') ch = '_';
    return n;
  }());
  const auto subs = sub_names(c.app);
  f += subs.empty() ? "  _arguments -s -S \\\n"
                    : "  local curcontext=$curcontext state line\n  _arguments -C -s -S \\\n";
  for (const CLI::Option* o : flags_of(c.app)) {
    const auto names = names_of(o);
    const bool repeat = o->get_expected_max() > 1 ||
                        o->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    std::string spec;
    const std::string desc = "[" + zsh_text(o->get_description()) + "]";
    std::string value;
    if (takes_value(o)) {
      const Value v = value_of(o);
      std::string msg = o->get_lnames().empty() ? "value" : o->get_lnames().front();
      if (v.kind == Value::none) {
        value = ":" + msg + ": ";
      } else if (v.kind == Value::files) {
        value = ":" + msg + ":_files";
      } else if (v.files_too) {
        value = fmt::format(":{}:{{compadd {}; _files}}", msg,
                            zsh_text(fmt::format("{}", fmt::join(v.words, " "))));
      } else {
        value = fmt::format(":{}:({})", msg, zsh_text(fmt::format("{}", fmt::join(v.words, " "))));
      }
    }
    auto with_arg = [&](const std::string& n) {
      if (!takes_value(o)) return n;
      return n + (n.starts_with("--") ? "=" : "+");
    };
    if (names.size() == 1) {
      spec = fmt::format("'{}{}{}{}'", repeat ? "*" : "", with_arg(names[0]), desc, value);
    } else {
      std::vector<std::string> alts;
      for (const auto& n : names)
        alts.push_back(with_arg(n));
      spec = fmt::format("{}{{{}}}'{}{}'",
                         repeat ? "'*'" : fmt::format("'({})'", fmt::join(names, " ")),
                         fmt::join(alts, ","), desc, value);
    }
    f += "    " + spec + " \\\n";
  }
  if (!subs.empty()) {
    f += "    '1: :->command' \\\n    '*:: :->argument'\n";
    f += "  case $state in\n    command)\n      local -a commands=(\n";
    for (const CLI::App* sub : c.app->get_subcommands({})) {
      f += fmt::format("        '{}:{}'\n", sub->get_name(), zsh_text(sub->get_description()));
    }
    f += "      )\n      _describe -t commands command commands\n";
    if (has_positionals(c.app)) f += "      _files\n";
    f += "      ;;\n    argument)\n      case $line[1] in\n";
    for (const auto& n : subs) {
      std::string sfn = fn + "_" + n;
      for (char& ch : sfn)
        if (ch == ' ' || ch == '-') ch = '_';
      f += fmt::format("        {}) {} ;;\n", n, sfn);
    }
    f += has_positionals(c.app) ? "        *) _files ;;\n" : "";
    f += "      esac\n      ;;\n  esac\n";
  } else {
    f += has_positionals(c.app) ? "    '*:file:_files'\n" : "    \n";
  }
  return f + "}\n\n";
}

std::string zsh_script(const CLI::App& app) {
  std::vector<Command> cmds;
  walk(&app, "", cmds);
  std::string s =
      fmt::format("#compdef {0}\n# zsh completion for {0}, written by '{0} --completion zsh'.\n\n",
                  app.get_name());
  // Innermost first, so every function is defined before the one that calls it is run.
  for (auto it = cmds.rbegin(); it != cmds.rend(); ++it)
    s += zsh_function(app.get_name(), *it);
  s += fmt::format("_{} \"$@\"\n", app.get_name());
  return s;
}

}  // namespace

CLI::Option* set_choices(CLI::Option* option, std::vector<std::string> choices, bool files) {
  registry()[option] = {std::move(choices), files};
  return option;
}

std::string completion_script(const CLI::App& app, std::string_view shell) {
  if (shell == "bash") return bash_script(app);
  if (shell == "zsh") return zsh_script(app);
  throw std::invalid_argument(fmt::format("--completion takes bash or zsh, not '{}'", shell));
}

}  // namespace verbatim::cli
