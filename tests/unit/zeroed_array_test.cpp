#include "zeroed_array.hpp"

#include <catch2/catch.hpp>

#include <cstdint>

using namespace verbatim::detail;

namespace {
struct Pair {
  std::uint64_t a;
  std::uint32_t b;
};
}  // namespace

TEST_CASE("ZeroedArray: zero-filled, small from the heap and large mapped on 2 MiB", "[zeroed]") {
  // 64 KiB, then 2 MiB exactly, then 3 MiB and a half (rounded up to whole huge pages inside).
  for (const std::size_t n : {std::size_t{4096}, std::size_t{131072}, std::size_t{229376}}) {
    ZeroedArray<Pair> a(n);
    REQUIRE(a.size() == n);
    REQUIRE(a.data() != nullptr);
    const bool large = n * sizeof(Pair) >= (std::size_t{2} << 20);
    INFO(n << " elements");
    if (large) CHECK(reinterpret_cast<std::uintptr_t>(a.data()) % (std::size_t{2} << 20) == 0);
    std::uint64_t nonzero = 0;
    for (const Pair& p : a)
      nonzero += p.a != 0 || p.b != 0;
    CHECK(nonzero == 0);
    // Every element is writable, the last one included.
    for (std::size_t i = 0; i < n; ++i)
      a[i] = {i * 3, static_cast<std::uint32_t>(i)};
    CHECK(a[n - 1].a == (n - 1) * 3);
    CHECK(a[n / 2].b == n / 2);
  }
}

TEST_CASE("ZeroedArray: moves and swaps hand over the memory", "[zeroed]") {
  ZeroedArray<std::uint32_t> small(10);
  ZeroedArray<std::uint32_t> large(std::size_t{1} << 20);  // 4 MiB, mapped
  small[9] = 7;
  large[12345] = 8;
  std::uint32_t* const small_data = small.data();
  small.swap(large);
  CHECK(small.size() == (std::size_t{1} << 20));
  CHECK(large.size() == 10);
  CHECK(small[12345] == 8);
  CHECK(large[9] == 7);
  ZeroedArray<std::uint32_t> moved(std::move(large));
  CHECK(moved.data() == small_data);
  CHECK(moved[9] == 7);
  CHECK(large.size() == 0);  // NOLINT: the moved-from array is empty
  ZeroedArray<std::uint32_t> empty;
  CHECK(empty.size() == 0);
  empty = std::move(small);
  CHECK(empty[12345] == 8);
}
