#include "flat_counter.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace verbatim::detail;

TEST_CASE("FormIndex: masked and bounded reads of a key give the same head", "[flat_counter]") {
  // A key inside a longer buffer (masked loads may read past its end) and the same key alone.
  const std::string buffer = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (std::size_t n = 1; n <= 16; ++n) {
    for (std::size_t at = 0; at + n + 16 <= buffer.size(); ++at) {
      const std::string_view inside(buffer.data() + at, n);
      const std::string alone(inside);
      const FormIndex::Head a = FormIndex::head(inside, buffer.data() + buffer.size());
      const FormIndex::Head b = FormIndex::head(alone);
      INFO("length " << n << " at " << at);
      CHECK(a.w0 == b.w0);
      CHECK(a.w1 == b.w1);
      CHECK(a.hash == b.hash);
    }
  }
  // Keys that share their first 16 bytes differ by length or tail.
  CHECK(FormIndex::head("abcdefghijklmnop").hash != FormIndex::head("abcdefghijklmno").hash);
}

TEST_CASE("FormIndex keeps every key's value through growth", "[flat_counter]") {
  FormIndex index;
  std::map<std::string, std::uint32_t> expected;
  std::mt19937 rng(7);
  // Short and long keys, many sharing a 16-byte prefix, enough to grow the table several times.
  for (std::uint32_t i = 0; i < 20000; ++i) {
    std::string key = std::to_string(rng() % 5000);
    if (i % 3 == 0) key = "constitutionnellement-" + key;
    if (i % 7 == 0) key = "é" + key;
    bool fresh = false;
    std::string_view stored;
    std::uint32_t& v = index.value(key, &fresh, &stored);
    const auto it = expected.find(key);
    CHECK(fresh == (it == expected.end()));
    if (fresh) {
      CHECK(stored == key);  // the index's own copy, given for a new key
      CHECK(stored.data() != key.data());
      CHECK(v == 0);
      v = static_cast<std::uint32_t>(expected.size()) + 1;
      expected.emplace(key, v);
    } else {
      CHECK(v == it->second);
    }
  }
  CHECK(index.size() == expected.size());
  for (const auto& [key, value] : expected) {
    bool fresh = true;
    std::string_view stored;
    CHECK(index.value(key, &fresh, &stored) == value);
    CHECK_FALSE(fresh);
  }
}

TEST_CASE("FormIndex keeps every key through growth onto huge pages", "[flat_counter]") {
  // 120,000 keys grow the slots past 2 MiB (mapped on their own); a key's place in the grown
  // index comes from its slot's head alone, long keys (their tail in the arena) included.
  FormIndex index;
  auto key_of = [](std::uint32_t i) {
    std::string k = "w";
    k += std::to_string(i * 2654435761u);
    if (i % 5 == 0) k += "-et-encore-plus-long";
    return k;
  };
  for (std::uint32_t i = 0; i < 120000; ++i) {
    bool fresh = false;
    std::string_view stored;
    index.value(key_of(i), &fresh, &stored) = i + 1;
    REQUIRE(fresh);
  }
  CHECK(index.size() == 120000);
  std::uint32_t wrong = 0;
  for (std::uint32_t i = 0; i < 120000; ++i) {
    bool fresh = true;
    std::string_view stored;
    const std::string k = key_of(i);
    const std::uint32_t v = index.value(k, &fresh, &stored);
    wrong += fresh || v != i + 1;
  }
  CHECK(wrong == 0);
}

TEST_CASE("FormIndex::for_each_value looks keys up in order and skips empty ones",
          "[flat_counter]") {
  const std::string text = "le client et le client fidèle et la cliente";
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t end = std::min(text.find(' ', i), text.size());
    words.push_back(std::string_view(text).substr(i, end - i));
    i = end + 1;
  }
  REQUIRE(words.size() == 9);
  FormIndex index;
  std::vector<std::size_t> seen;
  std::vector<std::uint32_t> values;
  std::uint32_t next = 0;
  index.for_each_value(
      words.size(), text.data() + text.size(),
      // "et" is skipped: no lookup, no call.
      [&](std::size_t i) { return words[i] == "et" ? std::string_view() : words[i]; },
      [&](std::size_t i, std::uint32_t& v, bool fresh, std::string_view stored) {
        if (fresh) CHECK(stored == words[i]);
        if (fresh) v = ++next;
        seen.push_back(i);
        values.push_back(v);
      });
  CHECK(seen == std::vector<std::size_t>{0, 1, 3, 4, 5, 7, 8});
  // le client le client fidèle la cliente: five distinct forms, numbered as first met.
  CHECK(values == std::vector<std::uint32_t>{1, 2, 1, 2, 3, 4, 5});
  CHECK(index.size() == 5);
}

TEST_CASE("FormIndex::for_each_value gives what value() gives, across its blocks of keys",
          "[flat_counter]") {
  // Lengths around the block of 16 keys, with every seventh key empty and keys repeating, so
  // that lookups in the second, third and a partial block find forms of the first.
  for (const std::size_t n : {0, 1, 15, 16, 17, 31, 32, 33, 50}) {
    std::vector<std::string> words;
    for (std::size_t i = 0; i < n; ++i)
      words.push_back(i % 7 == 3 ? std::string() : "mot" + std::to_string(i % 11));
    FormIndex batch, single;
    std::vector<std::size_t> got_at, want_at;
    std::vector<std::uint32_t> got, want;
    std::uint32_t next = 0;
    batch.for_each_value(
        n, nullptr, [&](std::size_t i) { return std::string_view(words[i]); },
        [&](std::size_t i, std::uint32_t& v, bool fresh, std::string_view stored) {
          if (fresh) CHECK(stored == words[i]);
          if (fresh) v = ++next;
          got_at.push_back(i);
          got.push_back(v);
        });
    next = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (words[i].empty()) continue;
      bool fresh = false;
      std::string_view stored;
      std::uint32_t& v = single.value(words[i], &fresh, &stored);
      if (fresh) v = ++next;
      want_at.push_back(i);
      want.push_back(v);
    }
    INFO(n << " keys");
    CHECK(got_at == want_at);
    CHECK(got == want);
    CHECK(batch.size() == single.size());
    // mot0 .. mot9 in the first 17 keys (mot10 is at 10, an empty key); all eleven in 50.
    if (n == 17) CHECK(batch.size() == 10);
    if (n == 50) CHECK(batch.size() == 11);
  }
}
