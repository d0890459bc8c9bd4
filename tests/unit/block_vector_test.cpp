#include "block_vector.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

using namespace verbatim::detail;

TEST_CASE("BlockVector: elements across blocks stay in place as it grows", "[block_vector]") {
  BlockVector<std::string, 3> v;  // blocks of 8
  std::vector<const std::string*> where;
  for (int i = 0; i < 100; ++i) {
    v.push_back(std::string(static_cast<std::size_t>(i % 40), 'x') + std::to_string(i));
    where.push_back(&v[static_cast<std::size_t>(i)]);
  }
  REQUIRE(v.size() == 100);
  for (std::size_t i = 0; i < 100; ++i) {
    INFO(i);
    CHECK(&v[i] == where[i]);  // never moved
    CHECK(v[i] == std::string(i % 40, 'x') + std::to_string(i));
  }
  std::size_t n = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    n += v[i].size();
  std::size_t expected = 0;
  for (std::size_t i = 0; i < 100; ++i)
    expected += i % 40 + std::to_string(i).size();
  CHECK(n == expected);
  CHECK(v.at(99) == v[99]);
  CHECK_THROWS_AS(v.at(100), std::out_of_range);
}

TEST_CASE("BlockVector: a move leaves the source empty", "[block_vector]") {
  BlockVector<std::string, 2> a;
  for (int i = 0; i < 9; ++i)
    a.push_back(std::to_string(i));
  BlockVector<std::string, 2> b(std::move(a));
  CHECK(a.empty());  // NOLINT: moved from
  CHECK(b.size() == 9);
  CHECK(b[8] == "8");
  a.push_back("again");  // usable after the move
  CHECK(a.size() == 1);
  b = std::move(a);
  CHECK(b.size() == 1);
  CHECK(b[0] == "again");
  b.clear();
  CHECK(b.empty());
}
