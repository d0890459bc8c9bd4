// Fuzz target: the .docx reader on arbitrary bytes (zip, XML), with a small size limit.
#include <cstddef>
#include <cstdint>

#include "verbatim/error.hpp"
#include "verbatim/transcript.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    verbatim::DocxLimits limits;
    limits.max_uncompressed = 1 << 20;
    (void)verbatim::extract_docx_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                      "fuzz.docx", limits);
  } catch (const verbatim::Error&) {
  }
  return 0;
}
