#include "verbatim/vocabulary.hpp"

#include <catch2/catch.hpp>
#include <cstdio>

using namespace verbatim;

TEST_CASE("Vocabulary interns strings to dense ids in first-seen order", "[vocabulary]") {
  Vocabulary v;
  CHECK(v.intern("client") == 0);
  CHECK(v.intern("ia") == 1);
  CHECK(v.intern("client") == 0);
  CHECK(v.size() == 2);
  CHECK(v.find("ia") == 1);
  CHECK(v.find("absent") == Vocabulary::kNone);
  const std::string_view first = v.str(0);
  char name[16];
  for (int i = 0; i < 10000; ++i) {
    const int n = std::snprintf(name, sizeof name, "w%d", i);
    v.intern(std::string_view(name, static_cast<std::size_t>(n)));
  }
  CHECK(first == "client");  // views stay valid as the vocabulary grows
  CHECK(v.str(10001) == "w9999");
}
