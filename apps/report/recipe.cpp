// verbatim report --recipe: a whole study, from its transcripts to every table and figure, and
// a manifest that makes a stale output visible (--check).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/installation.hpp"
#include "report/render.hpp"
#include "verbatim/coding.hpp"
#include "verbatim/concordance.hpp"
#include "verbatim/html.hpp"
#include "verbatim/json.hpp"
#include "verbatim/source.hpp"
#include "verbatim/version.hpp"

extern char** environ;

namespace verbatim::cli {

namespace fs = std::filesystem;

namespace {

struct Step {
  std::string id, title, caption, source, run, table;
  std::vector<std::string> to{"md", "html"};
  std::vector<std::string> figures, columns;
  std::size_t top = 30;
};

struct Study {
  std::string file;  // the recipe as named
  fs::path dir;      // its folder: paths in it are relative to this
  std::string name, corpus = ".", codebook, role, source;
  Locale locale = Locale::en;
  std::vector<Step> steps;
};

[[noreturn]] void fail_at(const std::string& file, const YAML::Node& n, const std::string& msg) {
  Location where;
  where.file = file;
  if (!n.Mark().is_null()) {
    where.line = static_cast<std::size_t>(n.Mark().line) + 1;
    where.column = static_cast<std::size_t>(n.Mark().column) + 1;
  }
  throw Error(where, msg);
}

std::string text_of(const std::string& file, const YAML::Node& n, const char* what) {
  if (!n.IsScalar()) fail_at(file, n, fmt::format("{} must be a text", what));
  return n.Scalar();
}

std::vector<std::string> list_of(const std::string& file, const YAML::Node& n, const char* what) {
  std::vector<std::string> out;
  if (n.IsScalar()) return {n.Scalar()};
  if (!n.IsSequence()) fail_at(file, n, fmt::format("{} must be a list", what));
  for (const auto& x : n)
    out.push_back(text_of(file, x, what));
  return out;
}

void check_keys(const std::string& file, const YAML::Node& map,
                const std::vector<std::string>& known, const char* where) {
  for (const auto& kv : map) {
    const std::string key = text_of(file, kv.first, "a key");
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (const auto& k : known)
        list += (list.empty() ? "" : ", ") + k;
      fail_at(file, kv.first, fmt::format("unknown key '{}' in {} (known: {})", key, where, list));
    }
  }
}

Study load_study(const std::string& path) {
  FileBytes bytes = FileBytes::open(path);
  const std::string text = decode(bytes.view(), path, {true}).text;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    Location where{path, e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.line) + 1,
                   e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.column) + 1,
                   std::nullopt};
    throw Error(where, e.msg);
  }
  Study s;
  s.file = path;
  s.dir = fs::path(path).parent_path();
  if (s.dir.empty()) s.dir = ".";
  if (!root.IsMap()) fail_at(path, root, "a recipe is a map with a 'steps' list");
  check_keys(path, root, {"study", "corpus", "codebook", "locale", "role", "source", "steps"},
             "the recipe");
  if (root["study"]) s.name = text_of(path, root["study"], "study");
  if (root["corpus"]) s.corpus = text_of(path, root["corpus"], "corpus");
  if (root["codebook"]) s.codebook = text_of(path, root["codebook"], "codebook");
  if (root["role"]) s.role = text_of(path, root["role"], "role");
  if (root["source"]) s.source = text_of(path, root["source"], "source");
  if (root["locale"]) {
    auto l = parse_locale(text_of(path, root["locale"], "locale"));
    if (!l) fail_at(path, root["locale"], "locale must be fr or en");
    s.locale = *l;
  }
  if (!root["steps"] || !root["steps"].IsSequence())
    fail_at(path, root, "the recipe has no 'steps' list");
  std::set<std::string> ids;
  for (const auto& n : root["steps"]) {
    if (!n.IsMap()) fail_at(path, n, "a step is a map with an id and a run or a table");
    check_keys(
        path, n,
        {"id", "title", "caption", "source", "run", "table", "to", "figures", "columns", "top"},
        "a step");
    Step st;
    if (!n["id"]) fail_at(path, n, "a step needs an id");
    st.id = text_of(path, n["id"], "id");
    if (st.id.empty() ||
        st.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos)
      fail_at(path, n["id"], "an id is made of a-z, 0-9, - and _");
    if (!ids.insert(st.id).second) fail_at(path, n["id"], fmt::format("a second step '{}'", st.id));
    if (n["title"]) st.title = text_of(path, n["title"], "title");
    if (n["caption"]) st.caption = text_of(path, n["caption"], "caption");
    st.source = s.source;
    if (n["source"]) st.source = text_of(path, n["source"], "source");
    if (n["run"]) st.run = text_of(path, n["run"], "run");
    if (n["table"]) st.table = text_of(path, n["table"], "table");
    if (st.run.empty() == st.table.empty())
      fail_at(path, n, "a step has either 'run: TOOL OPTIONS' or 'table: FILE'");
    if (n["to"]) st.to = list_of(path, n["to"], "to");
    for (const auto& t : st.to) {
      if (t != "md" && t != "html" && t != "tex" && t != "csv" && t != "xlsx")
        fail_at(path, n["to"], fmt::format("to: md, html, tex, csv or xlsx, not '{}'", t));
    }
    if (n["figures"]) st.figures = list_of(path, n["figures"], "figures");
    for (const auto& f : st.figures) {
      if (f != "bar" && f != "cloud" && f != "heatmap" && f != "network")
        fail_at(path, n["figures"],
                fmt::format("figures: bar, cloud, heatmap or network, not '{}'", f));
    }
    if (n["columns"]) st.columns = list_of(path, n["columns"], "columns");
    if (n["top"]) {
      try {
        st.top = std::stoul(text_of(path, n["top"], "top"));
      } catch (const std::exception&) {
        fail_at(path, n["top"], "top must be a number");
      }
    }
    s.steps.push_back(std::move(st));
  }
  return s;
}

// Splits a command line into words: spaces separate, '...' and "..." quote.
std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  bool any = false;
  char quote = 0;
  for (char c : s) {
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else {
        cur.push_back(c);
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      any = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (any || !cur.empty()) out.push_back(cur);
      cur.clear();
      any = false;
    } else {
      cur.push_back(c);
    }
  }
  if (quote) throw UsageError(fmt::format("an unclosed quote in '{}'", s));
  if (any || !cur.empty()) out.push_back(cur);
  return out;
}

// Runs this binary with `args` in `dir`; stderr passes through. Returns the exit code.
int spawn_self(const std::vector<std::string>& args, const fs::path& dir) {
  const std::string self = executable_path();
  std::vector<char*> argv;
  std::vector<std::string> owned = args;
  owned.insert(owned.begin(), self);
  for (auto& a : owned)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addchdir_np(&fa, dir.c_str());
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, self.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw Error(fmt::format("cannot run {}: {}", self, std::strerror(rc)));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw Error("lost a step's process");
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string read_file(const fs::path& p) {
  FileBytes bytes = FileBytes::open(p.string());
  return std::string(bytes.view());
}

void write_file(const fs::path& p, std::string_view bytes) {
  fs::create_directories(p.parent_path());
  OutputFile out(p.string());
  out.write(bytes);
  out.commit();
}

// "#abc" or "#aabbcc" as "#aabbcc".
std::string rgb_hex(const std::string& color) {
  auto c = Color::parse(color);
  return c ? c->hex() : "#dddddd";
}

struct Produced {
  std::string step;
  std::vector<std::string> files;  // relative to the output folder
};

// A transcript with its coded passages highlighted in the code colors.
std::string highlighted(const Document& doc, const DocumentCoding& dc, const Codebook& cb) {
  // One mark per coded span: the most specific code with a color, all codes in the tooltip.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> spans;
  for (const Reference& r : dc.references)
    spans[{r.span.begin, r.span.end}].push_back(r.code);
  std::string out = "<div class=\"transcript\">\n";
  auto mark_of = [&](const std::vector<std::uint32_t>& codes) {
    std::optional<std::size_t> best;
    for (std::uint32_t k : codes) {
      if (cb.codes[k].color.empty()) continue;
      if (!best || cb.codes[k].depth > cb.codes[*best].depth) best = k;
    }
    std::string title;
    for (std::uint32_t k : codes)
      title += (title.empty() ? "" : " · ") + cb.codes[k].path;
    const std::string color = best ? rgb_hex(cb.codes[*best].color) : "#dddddd";
    std::string open = "<mark style=\"background:" + color + "55\" title=\"";
    append_html_escaped(open, title);
    return open + "\">";
  };
  for (std::size_t ti = 0; ti < doc.turns.size(); ++ti) {
    const DocumentTurn& t = doc.turns[ti];
    if (t.content.empty()) continue;
    out += "<p>";
    if (!t.speaker.empty()) {
      out += "<span class=\"speaker\">";
      append_html_escaped(out, t.speaker);
      out += "</span> ";
    }
    const std::uint32_t b = t.content.front().begin, e = t.content.back().end;
    auto it = spans.lower_bound({b, 0});
    std::uint32_t at = b;
    for (; it != spans.end() && it->first.first < e; ++it) {
      const auto [sb, se] = it->first;
      if (sb < at) continue;  // nested in a span already shown
      append_html_escaped(out, content_text(doc.text, t.content, at, sb));
      out += " " + mark_of(it->second);
      append_html_escaped(out, content_text(doc.text, t.content, sb, std::min(se, e)));
      out += "</mark> ";
      at = std::min(se, e);
    }
    append_html_escaped(out, content_text(doc.text, t.content, at, e));
    out += "</p>\n";
  }
  return out + "</div>\n";
}

class RecipeRun {
 public:
  RecipeRun(const Study& s, const fs::path& out, bool quiet) : s_(s), out_(out), quiet_(quiet) {}

  void run() {
    fs::create_directories(out_);
    std::optional<Codebook> cb;
    if (!s_.codebook.empty()) cb = load_codebook((s_.dir / s_.codebook).string());
    const Fonts fonts = Fonts::load();
    std::string body;
    std::string toc;
    for (const Step& st : s_.steps) {
      if (!quiet_) fmt::print(stderr, "verbatim report: {}\n", st.id);
      const ReportTable t = select_columns(read_report_table(raw_table(st), st.id), st.columns);
      ReportOptions o;
      o.locale = s_.locale;
      o.title = st.title;
      o.caption = st.caption;
      o.source = st.source;
      for (const auto& to : st.to)
        emit(st.id, st.id + "." + to, render_table(t, to, o));
      std::string figures_html;
      for (const auto& kind : st.figures) {
        FigureRequest f;
        f.kind = kind;
        f.top = st.top;
        f.codebook = cb ? &*cb : nullptr;
        const Scene scene = make_figure(t, f, fonts);
        const std::string svg = to_svg(scene);
        const std::string name = "figures/" + st.id + "-" + kind;
        emit(st.id, name + ".svg", svg);
        emit(st.id, name + ".png", to_png(scene, fonts, 2.0));
        figures_html += "<figure class=\"chart\">" + svg + "</figure>\n";
      }
      toc += "<li><a href=\"#" + st.id + "\">";
      append_html_escaped(toc, st.title.empty() ? st.id : st.title);
      toc += "</a></li>\n";
      body += "<section id=\"" + st.id + "\">\n<h2>";
      append_html_escaped(body, st.title.empty() ? st.id : st.title);
      body += "</h2>\n" + figures_html;
      ReportOptions inner = o;
      inner.title.clear();
      body += render_html_table(t, inner) + "</section>\n";
    }
    if (cb) body += transcripts(*cb, toc);
    std::string page = "<h1>";
    append_html_escaped(page, s_.name.empty() ? "verbatim" : s_.name);
    page += "</h1>\n<nav><ul>\n" + toc + "</ul></nav>\n" + body;
    emit("report", "report.html", html_page(s_.name, page, s_.locale));
    write_manifest();
  }

 private:
  const Study& s_;
  fs::path out_;
  bool quiet_;
  std::vector<Produced> produced_;

  std::string raw_table(const Step& st) {
    if (!st.table.empty()) {
      const std::string text = read_file(s_.dir / st.table);
      emit(st.id, "tables/" + st.id + ".csv", text);
      return text;
    }
    std::vector<std::string> args = split_words(st.run);
    if (args.empty()) throw UsageError(fmt::format("step '{}' has an empty run", st.id));
    if (args.front() == "report") throw UsageError("a step cannot run report itself");
    const fs::path table = fs::absolute(out_ / "tables" / (st.id + ".csv"));
    fs::create_directories(table.parent_path());
    // Tool, its own words (a codebook for codebook apply), the corpus, then the options.
    auto first_option = std::find_if(args.begin(), args.end(),
                                     [](const std::string& a) { return a.starts_with("-"); });
    args.insert(first_option, s_.corpus);
    for (const char* a : {"--format", "csv", "-q", "-o"})
      args.emplace_back(a);
    args.push_back(table.string());
    const int code = spawn_self(args, s_.dir);
    if (code != 0 && code != 3) {
      throw Error(Location{s_.file, 0, 0, std::nullopt},
                  fmt::format("step '{}' failed (exit {}): verbatim {}", st.id, code, st.run));
    }
    record(st.id, "tables/" + st.id + ".csv");
    return read_file(table);
  }

  void emit(const std::string& step, const std::string& rel, std::string_view bytes) {
    write_file(out_ / rel, bytes);
    record(step, rel);
  }

  void record(const std::string& step, const std::string& rel) {
    if (produced_.empty() || produced_.back().step != step) produced_.push_back({step, {}});
    produced_.back().files.push_back(rel);
  }

  std::string transcripts(const Codebook& cb, std::string& toc) {
    CommonOptions o;
    o.paths = {(s_.dir / s_.corpus).string()};
    o.role = s_.role;
    o.threads = 1;
    o.quiet = true;
    CorpusReader reader("report", o);
    const Coder coder(cb);
    std::string html = "<section id=\"transcripts\">\n<h2>";
    const char* heading = s_.locale == Locale::fr ? "Transcriptions codées" : "Coded transcripts";
    append_html_escaped(html, heading);
    html += "</h2>\n<p class=\"note\">";
    for (std::size_t k = 0; k < cb.codes.size(); ++k) {
      if (cb.codes[k].color.empty()) continue;
      html += "<mark style=\"background:" + rgb_hex(cb.codes[k].color) + "55\">";
      append_html_escaped(html, cb.codes[k].name);
      html += "</mark> ";
    }
    html += "</p>\n";
    reader.for_each([&](Document& doc) {
      const DocumentCoding dc =
          coder.code(doc, [&](const DocumentTurn& t) { return reader.keep_turn(t); });
      html += "<details><summary>";
      append_html_escaped(html, doc.source.id);
      html += fmt::format(" ({} {})</summary>\n", dc.references.size(),
                          s_.locale == Locale::fr ? "références" : "references");
      html += highlighted(doc, dc, cb) + "</details>\n";
    });
    toc += "<li><a href=\"#transcripts\">";
    append_html_escaped(toc, heading);
    toc += "</a></li>\n";
    return html + "</section>\n";
  }

  void write_manifest() {
    std::string m = "{\n  \"verbatim\": ";
    append_json_string(m, kVersion);
    m += ",\n  \"versions\": " + version_block_json(true);
    m += ",\n  \"recipe\": ";
    append_json_string(m, fs::path(s_.file).filename().string());
    m += ",\n  \"inputs\": [";
    bool first = true;
    for (const auto& rel : inputs()) {
      const std::string bytes = read_file(s_.dir / rel);
      m += first ? "\n" : ",\n";
      first = false;
      m += "    {\"path\": ";
      append_json_string(m, rel);
      m += fmt::format(", \"bytes\": {}, \"fnv1a64\": \"{}\"}}", bytes.size(), fnv1a64_hex(bytes));
    }
    m += "\n  ],\n  \"steps\": [";
    first = true;
    for (const Produced& p : produced_) {
      m += first ? "\n" : ",\n";
      first = false;
      m += "    {\"id\": ";
      append_json_string(m, p.step);
      for (const Step& st : s_.steps) {
        if (st.id != p.step) continue;
        m += ", \"run\": ";
        append_json_string(m, st.run.empty() ? "table " + st.table : st.run);
      }
      m += ", \"outputs\": [";
      for (std::size_t i = 0; i < p.files.size(); ++i) {
        const std::string bytes = read_file(out_ / p.files[i]);
        m += i ? ", " : "";
        m += "{\"path\": ";
        append_json_string(m, p.files[i]);
        m +=
            fmt::format(", \"bytes\": {}, \"fnv1a64\": \"{}\"}}", bytes.size(), fnv1a64_hex(bytes));
      }
      m += "]}";
    }
    m += "\n  ]\n}\n";
    write_file(out_ / "manifest.json", m);
  }

  // The files the study reads: the recipe, the codebook, and every file of the corpus folder
  // the tools read (transcripts, speakers.csv, participants.csv), relative to the recipe.
  std::vector<std::string> inputs() const {
    std::set<std::string> out;
    out.insert(fs::path(s_.file).filename().string());
    if (!s_.codebook.empty()) out.insert(s_.codebook);
    for (const Step& st : s_.steps) {
      if (!st.table.empty()) out.insert(st.table);
    }
    Diagnostics d;
    const fs::path corpus = s_.dir / s_.corpus;
    for (const SourceRef& src : list_sources({corpus.string()}, d))
      out.insert(fs::relative(src.path, s_.dir).string());
    for (const char* f : {"speakers.csv", "participants.csv"}) {
      if (fs::exists(corpus / f)) out.insert(fs::relative(corpus / f, s_.dir).string());
    }
    return {out.begin(), out.end()};
  }
};

// Files under `root`, relative, sorted.
std::vector<std::string> tree(const fs::path& root) {
  std::vector<std::string> out;
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out.push_back(fs::relative(e.path(), root).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int run_recipe(const std::string& recipe, const std::string& out_dir, bool check, bool quiet) {
  const Study s = load_study(recipe);
  if (!check) {
    RecipeRun(s, out_dir, quiet).run();
    if (!quiet) {
      fmt::print(stderr, "verbatim report: {} steps, report in {}\n", s.steps.size(),
                 (fs::path(out_dir) / "report.html").string());
    }
    return kOk;
  }
  // Rerun into a fresh folder and compare with what is on disk.
  std::string tmpl = (fs::temp_directory_path() / "verbatim-check-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw Error("cannot create a temporary folder for --check");
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{tmpl};
  RecipeRun(s, tmpl, true).run();
  const auto fresh = tree(tmpl), old = tree(out_dir);
  std::vector<std::string> findings;
  for (const auto& f : fresh) {
    if (!std::binary_search(old.begin(), old.end(), f)) {
      findings.push_back("missing: " + f);
    } else if (read_file(fs::path(tmpl) / f) != read_file(fs::path(out_dir) / f)) {
      findings.push_back("changed: " + f);
    }
  }
  for (const auto& f : old) {
    if (!std::binary_search(fresh.begin(), fresh.end(), f)) findings.push_back("extra: " + f);
  }
  for (const auto& f : findings)
    fmt::print("{}\n", f);
  if (!quiet) {
    if (findings.empty()) {
      fmt::print(stderr, "verbatim report --check: all {} outputs up to date\n", fresh.size());
    } else {
      fmt::print(stderr, "verbatim report --check: {} of {} outputs differ\n", findings.size(),
                 fresh.size());
    }
  }
  return findings.empty() ? kOk : kCheckFailed;
}

}  // namespace verbatim::cli
