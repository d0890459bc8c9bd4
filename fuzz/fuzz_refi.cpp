// Fuzz target: the REFI-QDA readers (.qdpx zip or .qde XML, and .qdc codebooks).
#include <cstddef>
#include <cstdint>

#include "verbatim/error.hpp"
#include "verbatim/refi.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const verbatim::ImportedProject p = verbatim::read_qdpx(bytes, "fuzz.qdpx");
    for (const auto& c : p.codings) {
      if (c.start_byte > c.end_byte) __builtin_trap();
    }
  } catch (const verbatim::Error&) {
  }
  try {
    (void)verbatim::load_qdc(bytes, "fuzz.qdc");
  } catch (const verbatim::Error&) {
  }
  return 0;
}
