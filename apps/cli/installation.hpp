// installation: where this binary runs from, its data folder, and the version block that every
// output records.
//
// Data folder (the default stopword lists, as stopwords/{fr,en}{,-fillers,-spoken}.txt):
// $VERBATIM_DATA when it is set (a folder without the lists is then an error), else
// <folder of the binary>/../share/verbatim when it holds them (an installed verbatim: `cmake
// --install` and the .deb put them there), else none, and the lists compiled into the binary
// are used. A build tree has no share/verbatim, so the tests always use the compiled-in lists
// unless they set VERBATIM_DATA.
//
// Version block: verbatim's version, ICU's, libstemmer's and a digest of the default stopword
// lists in use. JSON headers and the report manifest carry it as "versions"; `--version` prints
// it with the git commit, which outputs leave out so that they stay the same bytes from one
// commit to the next.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "verbatim/lexicon.hpp"
#include "verbatim/stopwords.hpp"

namespace verbatim::cli {

// The running binary's path (/proc/self/exe), "" when unknown.
std::string executable_path();

// The default stopword lists of this run, read once (from the data folder or built in).
class DefaultLists {
 public:
  // Throws Error when VERBATIM_DATA names a folder without the lists.
  static const DefaultLists& get();
  DefaultListTexts texts(Language lang) const;
  // "built in" or the folder the lists were read from.
  const std::string& origin() const { return origin_; }
  // 16 hex digits of FNV-1a over each list's file name and bytes, in a fixed order.
  const std::string& digest() const { return digest_; }

 private:
  std::vector<std::string> owned_;  // read files, in kListFiles order
  std::vector<std::string_view> texts_;
  std::string origin_ = "built in", digest_;
};

// The lexicons of a run, opened once: for each language, the file `--lexicon` names for it
// (`LANG=FILE`, or `FILE` for every language), else lexicon/LANG.lex of $VERBATIM_DATA, else of
// <folder of the binary>/../share/verbatim. With `required`, a language without a lexicon is an
// Error saying where it was looked for; else it is left out (its words are their own lemmas).
std::shared_ptr<const Lexicons> open_lexicons(const std::vector<std::string>& flags, bool required);

// (name, value) pairs: verbatim, icu, libstemmer, stopwords.
std::vector<std::pair<std::string, std::string>> version_block();
// The block as a JSON object: {"verbatim":"0.1.0","icu":"72.1",...}; `spaced` puts a space
// after each ':' and ',' (the manifest's style).
std::string version_block_json(bool spaced = false);
// What `verbatim --version` prints: the block, the git commit and the lists' origin.
std::string version_text();

// 16 hex digits of 64-bit FNV-1a over `bytes`.
std::string fnv1a64_hex(std::string_view bytes);

}  // namespace verbatim::cli
