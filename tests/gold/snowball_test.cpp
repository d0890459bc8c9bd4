// The stemmer against Snowball's own vocabularies: every word must give Snowball's stem.
#include <catch2/catch.hpp>
#include <cstdio>

#include "gold.hpp"
#include "verbatim/stemmer.hpp"

using namespace verbatim;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    out.push_back(text.substr(pos, eol - pos));
    pos = eol + 1;
  }
  return out;
}

void check_vocabulary(const std::string& name, Language lang) {
  const auto voc = lines(gold::slurp(gold::data_path("snowball/" + name + "/voc.txt")));
  const auto expected = lines(gold::slurp(gold::data_path("snowball/" + name + "/output.txt")));
  REQUIRE(voc.size() == expected.size());
  REQUIRE(voc.size() > 20000);
  Stemmer stemmer(lang);
  std::size_t same = 0;
  for (std::size_t i = 0; i < voc.size(); ++i) {
    const std::string_view got = stemmer.stem(voc[i]);
    if (got == expected[i]) {
      ++same;
    } else if (voc.size() - same < 10) {
      std::printf("  %s: %s -> %.*s, expected %s\n", name.c_str(), voc[i].c_str(),
                  static_cast<int>(got.size()), got.data(), expected[i].c_str());
    }
  }
  std::printf("snowball %s: %zu/%zu stems match\n", name.c_str(), same, voc.size());
  CHECK(same == voc.size());
}

}  // namespace

TEST_CASE("Snowball French vocabulary", "[snowball]") {
  check_vocabulary("french", Language::fr);
}
TEST_CASE("Snowball English vocabulary", "[snowball]") {
  check_vocabulary("english", Language::en);
}
