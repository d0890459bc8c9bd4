#include "verbatim/codebook.hpp"

#include <re2/re2.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "verbatim/error.hpp"
#include "verbatim/source.hpp"

namespace verbatim {

std::string_view rule_kind_name(Rule::Kind k) {
  switch (k) {
    case Rule::Kind::term:
      return "term";
    case Rule::Kind::stem:
      return "stem";
    case Rule::Kind::lemma:
      return "lemma";
    case Rule::Kind::regex:
      return "regex";
    case Rule::Kind::all:
      return "all";
    case Rule::Kind::any:
      return "any";
    case Rule::Kind::none:
      return "not";
    case Rule::Kind::near:
      return "near";
  }
  return "?";
}

std::optional<std::size_t> Codebook::find(std::string_view key) const {
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].path == key) return i;
  }
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].name != key) continue;
    if (found) return std::nullopt;  // ambiguous
    found = i;
  }
  return found;
}

std::vector<std::size_t> Codebook::subtree(std::size_t code) const {
  std::vector<std::size_t> out{code};
  for (std::size_t k = 0; k < out.size(); ++k) {
    for (std::size_t c : codes[out[k]].children)
      out.push_back(c);
  }
  return out;
}

std::string stable_guid(std::string_view kind, std::string_view key) {
  auto fnv = [](std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
    return h;
  };
  std::uint64_t hi = fnv(fnv(0xcbf29ce484222325ull, kind), "\x1f");
  hi = fnv(hi, key);
  std::uint64_t lo = fnv(fnv(0x84222325cbf29ce4ull, key), "\x1f");
  lo = fnv(lo, kind);
  hi = (hi & ~0xF000ull) | 0x8000ull;                         // version 8
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // variant 10
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                     hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFull);
}

namespace {

class Reader {
 public:
  Reader(std::string_view file, std::size_t max_rules) : file_(file), max_rules_(max_rules) {}

  [[noreturn]] void fail(const YAML::Node& n, const std::string& message) const {
    Location where;
    where.file = file_;
    const YAML::Mark m = n.Mark();
    if (!m.is_null()) {
      where.line = static_cast<std::size_t>(m.line) + 1;
      where.column = static_cast<std::size_t>(m.column) + 1;
    }
    throw Error(where, message);
  }

  SourcePos pos(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    if (m.is_null()) return {};
    return {static_cast<std::size_t>(m.line) + 1, static_cast<std::size_t>(m.column) + 1};
  }

  std::string scalar(const YAML::Node& n, std::string_view what) const {
    if (!n.IsScalar()) fail(n, fmt::format("{} must be a text", what));
    return n.Scalar();
  }

  bool boolean(const YAML::Node& n, std::string_view what) const {
    const std::string s = scalar(n, what);
    if (s == "true" || s == "yes" || s == "True") return true;
    if (s == "false" || s == "no" || s == "False") return false;
    fail(n, fmt::format("{} must be true or false, not '{}'", what, s));
  }

  void check_keys(const YAML::Node& map, const std::vector<std::string_view>& known,
                  std::string_view where) const {
    for (const auto& kv : map) {
      const std::string key = scalar(kv.first, "a key");
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string list;
        for (auto k : known)
          list += (list.empty() ? "" : ", ") + std::string(k);
        fail(kv.first, fmt::format("unknown key '{}' in {} (known: {})", key, where, list));
      }
    }
  }

  Rule rule(const YAML::Node& n) {
    if (++rules_ > max_rules_) {
      fail(n, fmt::format("more than {} rules (--max-rules); YAML aliases repeat the rules they "
                          "name, each counted",
                          max_rules_));
    }
    Rule r;
    r.pos = pos(n);
    if (n.IsScalar()) {
      r.kind = Rule::Kind::term;
      r.text = n.Scalar();
      if (r.text.find_first_not_of(" \t") == std::string::npos) fail(n, "an empty rule");
      return r;
    }
    if (!n.IsMap()) fail(n, "a rule is a word, a glob, a phrase, or a map such as {stem: ...}");
    static const std::vector<std::string_view> kKeys = {"stem", "lemma", "regex", "all",
                                                        "any",  "not",   "near",  "window"};
    check_keys(n, kKeys, "a rule");
    std::vector<std::string> kinds;
    for (const auto& kv : n) {
      if (kv.first.Scalar() != "window") kinds.push_back(kv.first.Scalar());
    }
    if (kinds.size() != 1)
      fail(n, "a rule map needs exactly one of stem, lemma, regex, all, any, not, near");
    const std::string& k = kinds.front();
    const YAML::Node v = n[k];
    if (n["window"] && k != "near") fail(n["window"], "window belongs to a near rule");
    if (k == "stem" || k == "lemma" || k == "regex") {
      r.kind = k == "stem"    ? Rule::Kind::stem
               : k == "lemma" ? Rule::Kind::lemma
                              : Rule::Kind::regex;
      r.text = scalar(v, k);
      if (r.text.empty()) fail(v, fmt::format("an empty {}", k));
      if (r.kind == Rule::Kind::regex) {
        RE2::Options o;
        o.set_log_errors(false);
        o.set_case_sensitive(false);
        RE2 re(r.text, o);
        if (!re.ok()) fail(v, fmt::format("RE2 refuses the regex '{}': {}", r.text, re.error()));
      }
      return r;
    }
    r.kind = k == "all"   ? Rule::Kind::all
             : k == "any" ? Rule::Kind::any
             : k == "not" ? Rule::Kind::none
                          : Rule::Kind::near;
    if (v.IsSequence()) {
      for (const auto& item : v)
        r.operands.push_back(rule(item));
    } else if (r.kind == Rule::Kind::none) {
      r.operands.push_back(rule(v));
    } else {
      fail(v, fmt::format("{} takes a list of rules", k));
    }
    if (r.operands.empty()) fail(v, fmt::format("{} needs at least one rule", k));
    if (r.kind == Rule::Kind::near) {
      if (r.operands.size() < 2) fail(v, "near needs at least two rules");
      for (std::size_t i = 0; i < r.operands.size(); ++i) {
        if (!positional(r.operands[i]))
          fail(v[i], "near combines words, globs, phrases and stems (no regex or not)");
      }
      if (n["window"]) {
        const std::string w = scalar(n["window"], "window");
        std::size_t used = 0;
        unsigned long value = 0;
        try {
          value = std::stoul(w, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != w.size() || w.empty() || w[0] == '-' || value > 10000)
          fail(n["window"], fmt::format("window must be a number of words (0-10000), not '{}'", w));
        r.window = value;
      }
    }
    return r;
  }

  // A rule whose matches have word positions (usable inside near).
  static bool positional(const Rule& r) {
    switch (r.kind) {
      case Rule::Kind::term:
      case Rule::Kind::stem:
      case Rule::Kind::lemma:
        return true;
      case Rule::Kind::all:
      case Rule::Kind::any:
        return std::all_of(r.operands.begin(), r.operands.end(), positional);
      default:
        return false;
    }
  }

  void codes(const YAML::Node& list, Codebook& cb, std::optional<std::size_t> parent) {
    if (!list.IsSequence()) fail(list, "codes must be a list");
    for (const auto& n : list) {
      if (!n.IsMap()) fail(n, "a code is a map with at least a name");
      if (cb.codes.size() >= max_rules_) {
        fail(n, fmt::format("more than {} codes (--max-rules); YAML aliases repeat the codes they "
                            "name, each counted",
                            max_rules_));
      }
      static const std::vector<std::string_view> kKeys = {"name",     "description", "color",
                                                          "colour",   "uncertain",   "match",
                                                          "children", "codes",       "guid"};
      check_keys(n, kKeys, "a code");
      if (!n["name"]) fail(n, "a code needs a name");
      Code c;
      c.pos = pos(n);
      c.name = scalar(n["name"], "name");
      if (c.name.find_first_not_of(" \t") == std::string::npos) fail(n["name"], "an empty name");
      if (c.name.find('/') != std::string::npos)
        fail(n["name"], fmt::format("'/' separates code paths; rename '{}'", c.name));
      c.parent = parent;
      c.depth = parent ? cb.codes[*parent].depth + 1 : 0;
      c.path = parent ? cb.codes[*parent].path + "/" + c.name : c.name;
      if (n["description"]) c.description = scalar(n["description"], "description");
      for (const char* key : {"color", "colour"}) {
        if (!n[key]) continue;
        c.color = scalar(n[key], "color");
        const bool hex =
            (c.color.size() == 7 || c.color.size() == 4) && c.color[0] == '#' &&
            c.color.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
        if (!hex) fail(n[key], fmt::format("color must be #rrggbb, not '{}'", c.color));
      }
      if (n["uncertain"]) c.uncertain = boolean(n["uncertain"], "uncertain");
      if (n["guid"]) c.guid = scalar(n["guid"], "guid");
      if (const YAML::Node m = n["match"]) {
        if (m.IsSequence()) {
          for (const auto& item : m)
            c.rules.push_back(rule(item));
        } else if (!m.IsNull()) {
          c.rules.push_back(rule(m));
        }
      }
      if (auto [it, fresh] = lines_.emplace(c.path, c.pos.line); !fresh) {
        fail(n["name"], fmt::format("a second code '{}' under the same parent (first at line {})",
                                    c.path, it->second));
      }
      const std::size_t index = cb.codes.size();
      if (parent) cb.codes[*parent].children.push_back(index);
      cb.codes.push_back(std::move(c));
      for (const char* key : {"children", "codes"}) {
        if (n[key] && !n[key].IsNull()) codes(n[key], cb, index);
      }
    }
  }

 private:
  std::string file_;
  std::size_t max_rules_;
  std::size_t rules_ = 0;
  std::unordered_map<std::string, std::size_t> lines_;  // code path -> line
};

}  // namespace

Codebook parse_codebook(std::string_view text, std::string_view file, std::size_t max_rules) {
  Codebook cb;
  cb.file = std::string(file);
  Reader rd(file, max_rules);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    Location where;
    where.file = std::string(file);
    if (!e.mark.is_null()) {
      where.line = static_cast<std::size_t>(e.mark.line) + 1;
      where.column = static_cast<std::size_t>(e.mark.column) + 1;
    }
    // yaml-cpp stops at a fixed depth with the message "bad file".
    if (dynamic_cast<const YAML::DeepRecursion*>(&e))
      throw Error(where, "lists and maps nested too deeply for a codebook");
    throw Error(where, e.msg);
  }
  if (!root.IsMap()) {
    Location where;
    where.file = std::string(file);
    where.line = 1;
    where.column = 1;
    throw Error(where, "a codebook is a map with a 'codes' list");
  }
  rd.check_keys(root,
                {"codebook", "name", "description", "unit", "fold_accents", "language", "codes"},
                "the codebook");
  for (const char* key : {"codebook", "name"}) {
    if (root[key]) cb.name = rd.scalar(root[key], key);
  }
  if (root["unit"]) {
    const std::string u = rd.scalar(root["unit"], "unit");
    auto kind = parse_unit_kind(u);
    if (!kind)
      rd.fail(root["unit"],
              fmt::format("unit must be sentence, turn, paragraph or document, not '{}'", u));
    cb.unit = *kind;
  }
  if (root["fold_accents"]) cb.fold_accents = rd.boolean(root["fold_accents"], "fold_accents");
  if (!root["codes"]) rd.fail(root, "the codebook has no 'codes' list");
  rd.codes(root["codes"], cb, std::nullopt);
  return cb;
}

Codebook load_qdc(std::string_view text, std::string_view file);  // refi.cpp

Codebook load_codebook(const std::string& path, std::size_t max_rules) {
  FileBytes bytes = FileBytes::open(path);
  const std::string text = decode(bytes.view(), path, {true}).text;
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.ends_with(".qdc")) return load_qdc(text, path);
  return parse_codebook(text, path, max_rules);
}

namespace {

void emit_rule(YAML::Emitter& e, const Rule& r) {
  switch (r.kind) {
    case Rule::Kind::term:
      e << r.text;
      return;
    case Rule::Kind::stem:
    case Rule::Kind::lemma:
    case Rule::Kind::regex:
      e << YAML::Flow << YAML::BeginMap << YAML::Key << std::string(rule_kind_name(r.kind))
        << YAML::Value << r.text << YAML::EndMap;
      return;
    default:
      e << YAML::Flow << YAML::BeginMap << YAML::Key << std::string(rule_kind_name(r.kind))
        << YAML::Value << YAML::BeginSeq;
      for (const auto& o : r.operands)
        emit_rule(e, o);
      e << YAML::EndSeq;
      if (r.kind == Rule::Kind::near) e << YAML::Key << "window" << YAML::Value << r.window;
      e << YAML::EndMap;
  }
}

void emit_code(YAML::Emitter& e, const Codebook& cb, std::size_t i) {
  const Code& c = cb.codes[i];
  e << YAML::BeginMap << YAML::Key << "name" << YAML::Value << c.name;
  if (!c.guid.empty()) e << YAML::Key << "guid" << YAML::Value << c.guid;
  if (!c.color.empty()) e << YAML::Key << "color" << YAML::Value << YAML::DoubleQuoted << c.color;
  if (!c.description.empty()) e << YAML::Key << "description" << YAML::Value << c.description;
  if (c.uncertain) e << YAML::Key << "uncertain" << YAML::Value << true;
  if (!c.rules.empty()) {
    e << YAML::Key << "match" << YAML::Value << YAML::BeginSeq;
    for (const auto& r : c.rules)
      emit_rule(e, r);
    e << YAML::EndSeq;
  }
  if (!c.children.empty()) {
    e << YAML::Key << "children" << YAML::Value << YAML::BeginSeq;
    for (std::size_t k : c.children)
      emit_code(e, cb, k);
    e << YAML::EndSeq;
  }
  e << YAML::EndMap;
}

}  // namespace

std::string codebook_to_yaml(const Codebook& cb) {
  YAML::Emitter e;
  e.SetIndent(2);
  e << YAML::BeginMap;
  if (!cb.name.empty()) e << YAML::Key << "codebook" << YAML::Value << cb.name;
  e << YAML::Key << "unit" << YAML::Value << std::string(unit_kind_name(cb.unit));
  if (cb.fold_accents) e << YAML::Key << "fold_accents" << YAML::Value << true;
  e << YAML::Key << "codes" << YAML::Value << YAML::BeginSeq;
  for (std::size_t i = 0; i < cb.codes.size(); ++i) {
    if (!cb.codes[i].parent) emit_code(e, cb, i);
  }
  e << YAML::EndSeq << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

}  // namespace verbatim
