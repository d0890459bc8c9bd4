// stemmer: Snowball stemming (libstemmer) for French and English.
//
// A Stemmer is not thread-safe: use one per thread. Input is the normalized (case-folded)
// UTF-8 form; the result is the Snowball stem, identical to Snowball's own vocabulary files.
// A French clitic token keeps its hyphen in the text ("-elle", "-t-il") but is stemmed as the
// pronoun itself.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "verbatim/language.hpp"

struct sb_stemmer;

namespace verbatim {

class Stemmer {
 public:
  explicit Stemmer(Language lang);
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;
  ~Stemmer();

  // The stem of `word`; the view is valid until the next call.
  std::string_view stem(std::string_view word);
  Language language() const { return lang_; }

 private:
  Language lang_;
  sb_stemmer* stemmer_ = nullptr;  // UTF-8
  // The same algorithm compiled for ISO-8859-1, for words whose letters are all in Latin-1
  // (most French words): it runs on bytes, not code points, about 1.6x as fast.
  sb_stemmer* latin1_ = nullptr;
  std::string buf_;  // a Latin-1 word, then its stem in UTF-8
};

std::string_view stemmer_version();  // libstemmer version string

}  // namespace verbatim
