// Fuzz target: the tokenizer's promise on any valid UTF-8: tokens in order, inside the range,
// not overlapping; tokens and gaps rebuild the text; the short path for plain words and the
// general rules give the same tokens (on any bytes, UTF-8 or not).
#include <cstddef>
#include <cstdint>

#include "verbatim/source.hpp"
#include "verbatim/tokenizer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (verbatim::find_invalid_utf8(text) != std::string_view::npos) {
    // Bytes that are not UTF-8: no promise on the tokens but that both paths give the same.
    for (verbatim::Language lang : {verbatim::Language::fr, verbatim::Language::en}) {
      std::vector<verbatim::Token> toks, general;
      const verbatim::Span all{0, static_cast<std::uint32_t>(text.size())};
      verbatim::tokenize(text, all, {lang, verbatim::HyphenMode::language, true}, toks);
      verbatim::tokenize(text, all, {lang, verbatim::HyphenMode::language, false}, general);
      if (toks.size() != general.size()) __builtin_trap();
      for (std::size_t i = 0; i < toks.size(); ++i) {
        if (toks[i].begin != general[i].begin || toks[i].end != general[i].end) __builtin_trap();
      }
    }
    return 0;
  }
  for (verbatim::Language lang : {verbatim::Language::fr, verbatim::Language::en}) {
    for (verbatim::HyphenMode h : {verbatim::HyphenMode::language, verbatim::HyphenMode::split}) {
      std::vector<verbatim::Token> toks, general;
      const verbatim::Span all{0, static_cast<std::uint32_t>(text.size())};
      verbatim::tokenize(text, all, {lang, h, true}, toks);
      // The short path for plain words must give what the general rules give.
      verbatim::tokenize(text, all, {lang, h, false}, general);
      if (toks.size() != general.size()) __builtin_trap();
      for (std::size_t i = 0; i < toks.size(); ++i) {
        if (toks[i].begin != general[i].begin || toks[i].end != general[i].end ||
            toks[i].kind != general[i].kind) {
          __builtin_trap();
        }
      }
      std::uint32_t at = 0;
      for (const auto& t : toks) {
        if (t.begin < at || t.end <= t.begin || t.end > text.size()) __builtin_trap();
        at = t.end;
        (void)verbatim::normalize_token(text.substr(t.begin, t.end - t.begin));
      }
    }
  }
  return 0;
}
