// Fuzz target: encoding detection and decoding of arbitrary bytes, then the corpus pipeline on
// the result (transcript reading as plain text, Markdown, VTT and SRT; tokenizing every turn).
#include <cstddef>
#include <cstdint>

#include "verbatim/corpus.hpp"
#include "verbatim/error.hpp"
#include "verbatim/segment.hpp"
#include "verbatim/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (bool strict : {false, true}) {
    try {
      const verbatim::Decoded d = verbatim::decode(bytes, "fuzz", {strict});
      if (verbatim::find_invalid_utf8(d.text) != std::string_view::npos) __builtin_trap();
      for (verbatim::Format f : {verbatim::Format::text, verbatim::Format::markdown,
                                 verbatim::Format::vtt, verbatim::Format::srt}) {
        verbatim::Diagnostics w;
        verbatim::CorpusOptions o;
        const verbatim::Document doc =
            verbatim::make_document({"fuzz", "fuzz", "fuzz"}, f, d.text, o, w);
        std::vector<verbatim::Token> toks;
        for (const auto& t : doc.turns) {
          toks.clear();
          verbatim::tokenize_turn(doc.text, t, {doc.language}, toks);
          for (const auto& k : toks) {
            if (k.begin >= k.end || k.end > doc.text.size()) __builtin_trap();
          }
        }
      }
    } catch (const verbatim::Error&) {
      // a clear error is a valid outcome
    }
  }
  return 0;
}
