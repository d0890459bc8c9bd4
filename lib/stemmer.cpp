#include "verbatim/stemmer.hpp"

#include <libstemmer.h>

#include "verbatim/error.hpp"

namespace verbatim {

Stemmer::Stemmer(Language lang) : lang_(lang) {
  stemmer_ = sb_stemmer_new(lang == Language::fr ? "french" : "english", "UTF_8");
  if (!stemmer_) throw Error("libstemmer has no stemmer for this language");
}

Stemmer::Stemmer(Stemmer&& o) noexcept : lang_(o.lang_), stemmer_(o.stemmer_) {
  o.stemmer_ = nullptr;
}

Stemmer& Stemmer::operator=(Stemmer&& o) noexcept {
  if (this != &o) {
    if (stemmer_) sb_stemmer_delete(stemmer_);
    lang_ = o.lang_;
    stemmer_ = o.stemmer_;
    o.stemmer_ = nullptr;
  }
  return *this;
}

Stemmer::~Stemmer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

std::string_view Stemmer::stem(std::string_view word) {
  // French clitics split off after a hyphen ("-elle", "-t-il") are stemmed as the pronoun.
  if (word.size() > 1 && word[0] == '-') word.remove_prefix(word.starts_with("-t-") ? 3 : 1);
  const sb_symbol* out = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  if (!out) throw Error("libstemmer ran out of memory");
  return {reinterpret_cast<const char*>(out),
          static_cast<std::size_t>(sb_stemmer_length(stemmer_))};
}

std::string_view stemmer_version() {
  return VERBATIM_STEMMER_VERSION;
}

}  // namespace verbatim
