#include "cli/installation.hpp"

#include <unicode/uversion.h>

#include <array>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "verbatim/error.hpp"
#include "verbatim/json.hpp"
#include "verbatim/source.hpp"
#include "verbatim/stemmer.hpp"
#include "verbatim/version.hpp"

namespace verbatim::cli {

namespace fs = std::filesystem;

namespace {

// The list files of a data folder's stopwords/, in the order of the digest; per language:
// Snowball's list, fillers, spoken words, numerals (kPerLanguage files); then the words both
// languages share.
constexpr std::size_t kPerLanguage = 4;
constexpr std::array<std::string_view, 2 * kPerLanguage + 1> kListFiles = {
    "fr.txt",         "fr-fillers.txt", "fr-spoken.txt",   "fr-numerals.txt", "en.txt",
    "en-fillers.txt", "en-spoken.txt",  "en-numerals.txt", "fr-en-shared.txt"};

std::uint64_t fnv1a64(std::uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

constexpr std::uint64_t kFnvBasis = 0xcbf29ce484222325ull;

bool has_lists(const fs::path& dir) {
  std::error_code ec;
  for (auto f : kListFiles) {
    if (!fs::is_regular_file(dir / "stopwords" / f, ec)) return false;
  }
  return true;
}

// The data folder in use, "" for none.
std::string data_folder() {
  if (const char* env = std::getenv("VERBATIM_DATA"); env && *env) {
    if (!has_lists(env)) {
      throw Error(fmt::format("VERBATIM_DATA={}: no stopword lists there (stopwords/{})", env,
                              fmt::join(kListFiles, ", ")));
    }
    return env;
  }
  const std::string self = executable_path();
  if (self.empty()) return "";
  const fs::path installed = fs::path(self).parent_path().parent_path() / "share" / "verbatim";
  return has_lists(installed) ? installed.lexically_normal().string() : "";
}

// Where the installed lexicon of `lang` would be: the data folder's, else the binary's share/.
std::vector<fs::path> lexicon_places(std::string_view lang) {
  std::vector<fs::path> places;
  const std::string file = std::string(lang) + ".lex";
  if (const char* env = std::getenv("VERBATIM_DATA"); env && *env) {
    places.push_back(fs::path(env) / "lexicon" / file);
  }
  if (const std::string self = executable_path(); !self.empty()) {
    places.push_back(
        (fs::path(self).parent_path().parent_path() / "share" / "verbatim" / "lexicon" / file)
            .lexically_normal());
  }
  return places;
}

}  // namespace

std::shared_ptr<const Lexicons> open_lexicons(const std::vector<std::string>& flags,
                                              bool required) {
  auto out = std::make_shared<Lexicons>();
  for (Language lang : {Language::fr, Language::en}) {
    const std::string_view code = language_code(lang);
    std::string path;
    for (const std::string& f : flags) {
      const std::size_t eq = f.find('=');
      if (eq == std::string::npos) {
        path = f;
      } else if (f.compare(0, eq, code) == 0) {
        path = f.substr(eq + 1);
      } else if (f.compare(0, eq, "fr") != 0 && f.compare(0, eq, "en") != 0) {
        throw Error(fmt::format("--lexicon {}: expected FILE or LANG=FILE with LANG fr or en", f));
      }
    }
    std::vector<fs::path> tried;
    if (path.empty()) {
      std::error_code ec;
      for (const fs::path& p : lexicon_places(code)) {
        tried.push_back(p);
        if (fs::is_regular_file(p, ec)) {
          path = p.string();
          break;
        }
      }
    }
    if (path.empty()) {
      if (!required) continue;
      std::string where;
      for (const auto& p : tried)
        where += (where.empty() ? "" : ", ") + p.string();
      throw Error(fmt::format(
          "no {} lexicon (looked for {}): give one with --lexicon {}=FILE, or group words "
          "with --group stem or exact",
          lang == Language::fr ? "French" : "English", where.empty() ? "none" : where, code));
    }
    auto lex = std::make_shared<const Lexicon>(Lexicon::load(path));
    (lang == Language::fr ? out->fr : out->en) = std::move(lex);
  }
  return out;
}

std::string executable_path() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? "" : p.string();
}

const DefaultLists& DefaultLists::get() {
  static const DefaultLists lists = [] {
    DefaultLists l;
    const std::string dir = data_folder();
    if (dir.empty()) {
      for (Language lang : {Language::fr, Language::en}) {
        const DefaultListTexts t = embedded_default_lists(lang);
        l.texts_.insert(l.texts_.end(), {t.snowball, t.fillers, t.spoken, t.numerals});
      }
      l.texts_.push_back(embedded_default_lists(Language::fr).shared);
    } else {
      l.origin_ = (fs::path(dir) / "stopwords").string();
      l.owned_.reserve(kListFiles.size());
      for (auto f : kListFiles) {
        const std::string path = (fs::path(l.origin_) / f).string();
        FileBytes bytes = FileBytes::open(path);
        l.owned_.push_back(decode(bytes.view(), path, {true}).text);
      }
      l.texts_.assign(l.owned_.begin(), l.owned_.end());
    }
    std::uint64_t h = kFnvBasis;
    for (std::size_t i = 0; i < kListFiles.size(); ++i) {
      h = fnv1a64(h, kListFiles[i]);
      h = fnv1a64(h, std::string_view("\0", 1));
      h = fnv1a64(h, l.texts_[i]);
      h = fnv1a64(h, std::string_view("\0", 1));
    }
    l.digest_ = fmt::format("{:016x}", h);
    return l;
  }();
  return lists;
}

DefaultListTexts DefaultLists::texts(Language lang) const {
  const std::size_t i = lang == Language::fr ? 0 : kPerLanguage;
  const std::size_t o = lang == Language::fr ? kPerLanguage : 0;  // the other language's
  return {texts_[i], texts_[i + 1], texts_[i + 2],           texts_[i + 3],
          texts_[o], texts_[o + 2], texts_[2 * kPerLanguage]};
}

std::vector<std::pair<std::string, std::string>> version_block() {
  std::string stemmer(stemmer_version());
  if (stemmer.starts_with("libstemmer ")) stemmer.erase(0, 11);
  return {{"verbatim", kVersion},
          {"icu", U_ICU_VERSION},
          {"libstemmer", stemmer},
          {"stopwords", DefaultLists::get().digest()}};
}

std::string version_block_json(bool spaced) {
  std::string j = "{";
  for (const auto& [name, value] : version_block()) {
    if (j.size() > 1) j += spaced ? ", " : ",";
    append_json_string(j, name);
    j += spaced ? ": " : ":";
    append_json_string(j, value);
  }
  return j + "}";
}

std::string version_text() {
  const auto block = version_block();
  const std::string commit = kGitCommit;
  return fmt::format("verbatim {}{}\nICU {}\nlibstemmer {}\nstopwords {} ({})", block[0].second,
                     commit.empty() ? "" : " (commit " + commit + ")", block[1].second,
                     block[2].second, block[3].second, DefaultLists::get().origin());
}

std::string fnv1a64_hex(std::string_view bytes) {
  return fmt::format("{:016x}", fnv1a64(kFnvBasis, bytes));
}

}  // namespace verbatim::cli
