// Token F1 against Universal Dependencies surface tokens (DESIGN §4): multiword-token ranges
// count as one token, gold tokens without a letter or digit (punctuation, symbols) are left
// out, and every token verbatim produces is compared by its byte span in `# text`.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <set>

#include "gold.hpp"
#include "verbatim/tokenizer.hpp"

using namespace verbatim;

namespace {

bool has_alnum(std::string_view s) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c >= 0 && u_isalnum(c)) return true;
  }
  return false;
}

struct Score {
  std::size_t gold = 0, ours = 0, match = 0, unlocated = 0;
  std::map<std::string, std::size_t> missed, extra;  // error patterns
  double precision() const { return ours ? 100.0 * match / ours : 0; }
  double recall() const { return gold ? 100.0 * match / gold : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

void score_sentence(const std::string& text, const std::vector<std::string>& forms, Language lang,
                    Score& sc) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> gold;
  std::size_t cursor = 0;
  for (const auto& f : forms) {
    const std::size_t at = text.find(f, cursor);
    if (at == std::string::npos) {
      ++sc.unlocated;
      continue;
    }
    cursor = at + f.size();
    if (has_alnum(f))
      gold.insert({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(cursor)});
  }
  std::vector<Token> toks;
  tokenize(text, {0, static_cast<std::uint32_t>(text.size())}, {lang}, toks);
  std::set<std::pair<std::uint32_t, std::uint32_t>> ours;
  for (const Token& t : toks)
    ours.insert({t.begin, t.end});
  sc.gold += gold.size();
  sc.ours += ours.size();
  for (const auto& g : gold) {
    if (ours.count(g)) {
      ++sc.match;
    } else {
      ++sc.missed[text.substr(g.first, g.second - g.first)];
    }
  }
  for (const auto& o : ours) {
    if (!gold.count(o)) ++sc.extra[text.substr(o.first, o.second - o.first)];
  }
}

Score score_file(const std::string& path, Language lang) {
  const std::string data = gold::slurp(path);
  Score sc;
  std::string text;
  std::vector<std::string> forms;
  int range_end = 0;
  std::size_t pos = 0;
  auto finish = [&] {
    if (!text.empty()) score_sentence(text, forms, lang, sc);
    text.clear();
    forms.clear();
    range_end = 0;
  };
  while (pos < data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    std::string_view line(data.data() + pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) {
      finish();
      continue;
    }
    if (line.starts_with("# text = ")) {
      text = std::string(line.substr(9));
      continue;
    }
    if (line[0] == '#') continue;
    const auto tab = line.find('\t');
    const auto tab2 = line.find('\t', tab + 1);
    const std::string_view id = line.substr(0, tab);
    const std::string form(line.substr(tab + 1, tab2 - tab - 1));
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    if (const auto dash = id.find('-'); dash != std::string_view::npos) {
      range_end = std::stoi(std::string(id.substr(dash + 1)));
      forms.push_back(form);
      continue;
    }
    if (std::stoi(std::string(id)) <= range_end) continue;  // covered by the range
    forms.push_back(form);
  }
  finish();
  return sc;
}

void check_treebank(const std::string& file, Language lang, double threshold) {
  const std::string path = gold::data_path("ud/" + file);
  Score sc = score_file(path, lang);
  std::printf("ud %-28s P=%.2f R=%.2f F1=%.2f (gold %zu, ours %zu, matched %zu, unlocated %zu)\n",
              file.c_str(), sc.precision(), sc.recall(), sc.f1(), sc.gold, sc.ours, sc.match,
              sc.unlocated);
  // The most frequent disagreements: where to look when the figure drops.
  for (auto* errors : {&sc.missed, &sc.extra}) {
    std::vector<std::pair<std::size_t, std::string>> top;
    for (const auto& [form, n] : *errors)
      top.push_back({n, form});
    std::sort(top.rbegin(), top.rend());
    std::printf("  %s:", errors == &sc.missed ? "missed" : "extra ");
    for (std::size_t i = 0; i < top.size() && i < 12; ++i) {
      std::printf(" %s(%zu)", top[i].second.c_str(), top[i].first);
    }
    std::printf("\n");
  }
  CHECK(sc.gold > 5000);
  CHECK(sc.f1() >= threshold);
}

}  // namespace

TEST_CASE("UD French GSD", "[ud]") {
  check_treebank("fr_gsd-ud-test.conllu", Language::fr, 99.5);
}
TEST_CASE("UD French ParisStories", "[ud]") {
  check_treebank("fr_parisstories-ud-test.conllu", Language::fr, 99.7);
  check_treebank("fr_parisstories-ud-dev.conllu", Language::fr, 99.7);
}
TEST_CASE("UD French Rhapsodie", "[ud]") {
  check_treebank("fr_rhapsodie-ud-test.conllu", Language::fr, 99.8);
}
TEST_CASE("UD English EWT", "[ud]") {
  check_treebank("en_ewt-ud-test.conllu", Language::en, 99.0);
}
TEST_CASE("UD English GUM", "[ud]") {
  check_treebank("en_gum-ud-test.conllu", Language::en, 99.5);
}
