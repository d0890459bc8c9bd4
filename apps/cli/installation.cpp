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
// Snowball's list, fillers, spoken words.
constexpr std::array<std::string_view, 6> kListFiles = {
    "fr.txt", "fr-fillers.txt", "fr-spoken.txt", "en.txt", "en-fillers.txt", "en-spoken.txt"};

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
      throw Error(
          fmt::format("VERBATIM_DATA={}: no stopword lists there (stopwords/fr.txt, "
                      "fr-fillers.txt, fr-spoken.txt, en.txt, en-fillers.txt, "
                      "en-spoken.txt)",
                      env));
    }
    return env;
  }
  const std::string self = executable_path();
  if (self.empty()) return "";
  const fs::path installed = fs::path(self).parent_path().parent_path() / "share" / "verbatim";
  return has_lists(installed) ? installed.lexically_normal().string() : "";
}

}  // namespace

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
        l.texts_.insert(l.texts_.end(), {t.snowball, t.fillers, t.spoken});
      }
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
  const std::size_t i = lang == Language::fr ? 0 : 3;
  return {texts_[i], texts_[i + 1], texts_[i + 2]};
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
