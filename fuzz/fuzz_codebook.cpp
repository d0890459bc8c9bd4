// Fuzz target: the codebook parser (YAML/JSON) and, for codebooks it accepts, coding a fixed
// transcript: coded spans must lie inside the text.
#include <cstddef>
#include <cstdint>

#include "verbatim/coding.hpp"
#include "verbatim/error.hpp"

namespace {

const verbatim::Document& sample() {
  static const verbatim::Document d = [] {
    verbatim::Diagnostics w;
    verbatim::CorpusOptions o;
    o.language = verbatim::Language::fr;
    return verbatim::make_document(
        {"s", "s", "s"}, verbatim::Format::text,
        "Enquêteur : Et la fidélité ?\n\nP01 : Les clients fidèles reviennent. Le prix change "
        "selon la demande, 12 % de plus. L’IA générative écrit nos e-mails [rire].\n",
        o, w);
  }();
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;  // YAML nesting is bounded by the parser; keep runs fast
  try {
    const verbatim::Codebook cb =
        verbatim::parse_codebook(std::string_view(reinterpret_cast<const char*>(data), size), "f");
    if (cb.codes.size() > 200) return 0;
    const verbatim::Coder coder(cb);
    const verbatim::Document& d = sample();
    for (const auto& r :
         coder.code(d, [](const verbatim::DocumentTurn&) { return true; }).references) {
      if (r.span.begin >= r.span.end || r.span.end > d.text.size()) __builtin_trap();
    }
  } catch (const verbatim::Error&) {
  }
  return 0;
}
