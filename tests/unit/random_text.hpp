// Helpers of the property tests: texts of random pieces, and token lists compared field by
// field.
#pragma once

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "verbatim/tokenizer.hpp"

// `least` to `most` pieces drawn from `pieces`, joined.
inline std::string random_text(std::mt19937& rng, const std::vector<std::string>& pieces,
                               unsigned least, unsigned most) {
  std::string s;
  const unsigned n = least + static_cast<unsigned>(rng() % (most - least + 1));
  for (unsigned i = 0; i < n; ++i)
    s += pieces[rng() % pieces.size()];
  return s;
}

// The same tokens, in the same order; stops the test case at the first difference.
inline void require_same_tokens(const std::vector<verbatim::Token>& a,
                                const std::vector<verbatim::Token>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("token " << i);
    REQUIRE(a[i].begin == b[i].begin);
    REQUIRE(a[i].end == b[i].end);
    REQUIRE(a[i].kind == b[i].kind);
  }
}
