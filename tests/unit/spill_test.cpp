#include "spill.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "temp_dir.hpp"
#include "verbatim/error.hpp"

using verbatim::detail::SpilledValues;

namespace {

std::vector<std::uint32_t> read_all(const SpilledValues& v, std::size_t* pieces = nullptr) {
  std::vector<std::uint32_t> out;
  v.read([&](const std::uint32_t* values, std::size_t n) {
    out.insert(out.end(), values, values + n);
    if (pieces) ++*pieces;
  });
  return out;
}

}  // namespace

TEST_CASE("Spilled values read back in order, in memory and past the chunk", "[spill]") {
  TempDir dir;
  TmpDirVariable tmp(dir.path.string());
  std::mt19937 rng(11);
  for (const std::size_t n : {0u, 1u, 6u, 7u, 8u, 20u, 701u, 10000u}) {
    INFO(n << " values in chunks of 7");
    SpilledValues v(7);
    std::vector<std::uint32_t> expected;
    for (std::size_t i = 0; i < n; ++i) {
      expected.push_back(static_cast<std::uint32_t>(rng()));
      v.push(expected.back());
    }
    CHECK(v.size() == n);
    std::size_t pieces = 0;
    CHECK(read_all(v, &pieces) == expected);
    // Whole chunks from the file, then what is left in memory.
    CHECK(pieces == n / 7 + (n % 7 ? 1 : 0));
    // Read twice, the same.
    CHECK(read_all(v) == expected);
    // The file has no name: nothing is left in the folder, while it is open or after.
    CHECK(dir.entries() == 0);
  }
}

TEST_CASE("A temporary folder that cannot be used is an error naming it", "[spill]") {
  TmpDirVariable tmp("/nonexistent/verbatim-spill");
  SpilledValues v(4);
  for (std::uint32_t i = 0; i < 3; ++i)
    v.push(i);  // in memory: no file yet
  CHECK(read_all(v) == std::vector<std::uint32_t>{0, 1, 2});
  CHECK_THROWS_WITH(v.push(3), Catch::StartsWith("cannot create a temporary file in "
                                                 "/nonexistent/verbatim-spill: No such file"));
}
