#include "verbatim/stemmer.hpp"

#include <libstemmer.h>

#include "verbatim/error.hpp"

namespace verbatim {

Stemmer::Stemmer(Language lang) : lang_(lang) {
  const char* name = lang == Language::fr ? "french" : "english";
  stemmer_ = sb_stemmer_new(name, "UTF_8");
  if (!stemmer_) throw Error("libstemmer has no stemmer for this language");
  latin1_ = sb_stemmer_new(name, "ISO_8859_1");  // null when not built: UTF-8 alone
}

Stemmer::Stemmer(Stemmer&& o) noexcept
    : lang_(o.lang_), stemmer_(o.stemmer_), latin1_(o.latin1_), buf_(std::move(o.buf_)) {
  o.stemmer_ = nullptr;
  o.latin1_ = nullptr;
}

Stemmer& Stemmer::operator=(Stemmer&& o) noexcept {
  if (this != &o) {
    if (stemmer_) sb_stemmer_delete(stemmer_);
    if (latin1_) sb_stemmer_delete(latin1_);
    lang_ = o.lang_;
    stemmer_ = o.stemmer_;
    latin1_ = o.latin1_;
    buf_ = std::move(o.buf_);
    o.stemmer_ = nullptr;
    o.latin1_ = nullptr;
  }
  return *this;
}

Stemmer::~Stemmer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
  if (latin1_) sb_stemmer_delete(latin1_);
}

namespace {

// `word` in ISO-8859-1 into `out`; false when a code point is above U+00FF.
bool to_latin1(std::string_view word, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if ((c == 0xC2 || c == 0xC3) && i + 1 < word.size()) {
      out.push_back(static_cast<char>(((c & 0x03u) << 6) | (word[++i] & 0x3Fu)));
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view Stemmer::stem(std::string_view word) {
  // French clitics split off after a hyphen ("-elle", "-t-il") are stemmed as the pronoun.
  if (word.size() > 1 && word[0] == '-') word.remove_prefix(word.starts_with("-t-") ? 3 : 1);
  if (latin1_ && to_latin1(word, buf_)) {
    const sb_symbol* out = sb_stemmer_stem(latin1_, reinterpret_cast<const sb_symbol*>(buf_.data()),
                                           static_cast<int>(buf_.size()));
    if (!out) throw Error("libstemmer ran out of memory");
    const int n = sb_stemmer_length(latin1_);
    buf_.clear();
    for (int i = 0; i < n; ++i) {
      const sb_symbol c = out[i];
      if (c < 0x80) {
        buf_.push_back(static_cast<char>(c));
      } else {
        buf_.push_back(static_cast<char>(0xC0 | (c >> 6)));
        buf_.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      }
    }
    return buf_;
  }
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
