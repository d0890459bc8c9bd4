// Fuzz target: the CSV reader and the speaker and attribute files built on it.
#include <cstddef>
#include <cstdint>

#include "verbatim/corpus.hpp"
#include "verbatim/csv.hpp"
#include "verbatim/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (char sep : {',', ';'}) {
    try {
      const verbatim::CsvTable t = verbatim::parse_csv(text, "fuzz.csv", sep);
      for (const auto& row : t.rows) {
        if (row.size() != t.header.size()) __builtin_trap();
      }
    } catch (const verbatim::Error&) {
    }
  }
  try {
    (void)verbatim::SpeakerMap::parse(text, "speakers.csv");
  } catch (const verbatim::Error&) {
  }
  try {
    (void)verbatim::Attributes::parse(text, "participants.csv");
  } catch (const verbatim::Error&) {
  }
  return 0;
}
