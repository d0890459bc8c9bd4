// Private: a flat open-addressing counter from byte strings to occurrences, for counting the
// tokens of one document. Keys are views into text that outlives the counter; no node is
// allocated per key, which matters at tens of millions of tokens.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zeroed_array.hpp"

namespace verbatim::detail {

// Loads of unaligned words.
inline std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
inline std::uint32_t load32(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

// Equality of two byte ranges of the same length; inline for the short keys words are: two
// overlapping word loads from each end instead of a byte loop.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) return load64(a) == load64(b) && load64(a + n - 8) == load64(b + n - 8);
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// 64-bit hash of a string (wyhash's multiply-fold over two words). Its values are part of the
// corpus fingerprint (Fingerprint::add digests the text with it): changing it changes every
// fingerprint in headers and manifests. Strings of up to 16 bytes,
// which words are, take two loads that stay inside the string (overlapping for lengths that are
// not a power of two; the length is mixed in, so two lengths never share their loads).
inline std::uint64_t mix64(std::uint64_t a, std::uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

inline std::uint64_t hash_bytes(const char* p, std::size_t n) {
  constexpr std::uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                          k2 = 0x8ebc6af09c88c6e3ull;
  std::uint64_t a, b, seed = k0 ^ (n * k2);
  if (n <= 16) {
    if (n >= 8) {
      a = load64(p);
      b = load64(p + n - 8);
    } else if (n >= 4) {
      a = load32(p);
      b = load32(p + n - 4);
    } else if (n > 0) {
      a = static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16 |
          static_cast<std::uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8 |
          static_cast<unsigned char>(p[n - 1]);
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    std::size_t i = n;
    while (i > 16) {
      seed = mix64(load64(p) ^ k1, load64(p + 8) ^ seed);
      p += 16;
      i -= 16;
    }
    a = load64(p + i - 16);
    b = load64(p + i - 8);
  }
  return mix64(k1 ^ n, mix64(a ^ k1, b ^ seed));
}

class FlatCounter {
 public:
  FlatCounter() : slots_(1024), mask_(1023) {}

  void add(std::string_view key, std::uint32_t n = 1) {
    if ((used_ + 1) * 2 > mask_) grow();
    const std::uint64_t h = hash_bytes(key.data(), key.size());
    Slot& s = find(key, h);
    if (s.count == 0) {
      s.p = key.data();
      s.len = static_cast<std::uint32_t>(key.size());
      s.hash = static_cast<std::uint32_t>(h);
      ++used_;
    }
    s.count += n;
  }

  template <class F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.count) f(std::string_view(s.p, s.len), s.count);
    }
  }

  std::size_t size() const { return used_; }

 private:
  struct Slot {
    const char* p = nullptr;
    std::uint32_t len = 0;
    std::uint32_t hash = 0;
    std::uint32_t count = 0;
  };

  Slot& find(std::string_view key, std::uint64_t h) {
    Slot* const slots = slots_.data();
    std::size_t i = h & mask_;
    const auto h32 = static_cast<std::uint32_t>(h);
    for (;;) {
      Slot& s = slots[i];
      if (s.count == 0) return s;
      if (s.hash == h32 && s.len == key.size() && same_bytes(s.p, key.data(), s.len)) {
        return s;
      }
      i = (i + 1) & mask_;
    }
  }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.count) continue;
      const std::string_view key(s.p, s.len);
      Slot& d = find(key, hash_bytes(s.p, s.len));
      d = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_;
  std::size_t used_ = 0;
};

// Copies of strings in blocks of 64 KiB, valid as long as the arena: no allocation per string.
class Arena {
 public:
  const char* store(std::string_view key) {
    if (key.size() > kBlock / 4) {
      big_.emplace_back(key);
      return big_.back().data();
    }
    if (blocks_.empty() || used_ + key.size() > kBlock) {
      blocks_.emplace_back(new char[kBlock]);
      used_ = 0;
    }
    char* p = blocks_.back().get() + used_;
    std::memcpy(p, key.data(), key.size());
    used_ += key.size();
    return p;
  }

 private:
  static constexpr std::size_t kBlock = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0;
  std::deque<std::string> big_;
};

// By key length (0 to 16): the masks that keep its bytes in each of two 8-byte words.
struct KeyMasks {
  std::uint64_t m[17][2];
  constexpr KeyMasks() : m() {
    for (std::size_t n = 0; n <= 16; ++n) {
      m[n][0] = n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
      m[n][1] = n >= 16 ? ~0ull : n <= 8 ? 0 : (1ull << (8 * (n - 8))) - 1;
    }
  }
  constexpr const std::uint64_t* operator[](std::size_t n) const { return m[n]; }
};
inline constexpr KeyMasks kKeyMasks{};

// Surface forms -> a 32-bit value the caller keeps, for the one lookup per token of counting.
// A slot holds the key's first 16 bytes inline (zero-padded) with its length, so that a known
// word of up to 16 bytes, which nearly every word is, is found by comparing two words in one
// cache line: no hash stored, no pointer followed. Longer keys compare their tail in the arena.
class FormIndex {
 public:
  FormIndex() : slots_(1024) {}

  // A key's first 16 bytes as two zero-padded words (little-endian byte order), and their
  // hash: what a lookup compares. When the 16 bytes from the key's start are readable (before
  // `readable_end`), they are read by two masked loads, without a branch on the length.
  struct Head {
    std::uint64_t w0, w1, hash;
  };
  [[gnu::always_inline]] static Head head(std::string_view key,
                                          const char* readable_end = nullptr) {
    return !key.empty() && key.size() <= 16 && key.data() + 16 <= readable_end
               ? masked_head(key.data(), key.size())
               : loaded_head(key);
  }

  // The value of `key` (not empty; `h` its head), 0 for a key new to the index (`fresh` tells
  // which), and for a new key the index's own copy of it in `stored` (left as it is for a key
  // found). The reference is valid until the next insertion.
  [[gnu::always_inline]] std::uint32_t& value(std::string_view key, const Head& h, bool* fresh,
                                              std::string_view* stored) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h.hash & mask;
    for (;;) {
      Slot& s = slots_[i];
      if (s.len == 0) break;
      if (s.w0 == h.w0 && s.w1 == h.w1 && s.len == key.size() &&
          (key.size() <= 16 || std::memcmp(s.p + 16, key.data() + 16, key.size() - 16) == 0)) {
        *fresh = false;
        return s.value;
      }
      i = (i + 1) & mask;
    }
    *fresh = true;
    return insert(key, h, i, stored);
  }

  std::uint32_t& value(std::string_view key, bool* fresh, std::string_view* stored) {
    return value(key, head(key), fresh, stored);
  }

  // Looks up key(0) .. key(n - 1) in order and calls f(i, value, fresh, stored) for each, as
  // value() gives them (`stored` for a new key only), in blocks of kBlock keys: a block's slots are
  // prefetched while the one before is looked up, so most lookups find their slot in the cache. An
  // empty key(i) is skipped. f must not insert.
  template <class Key, class F>
  void for_each_value(std::size_t n, const char* readable_end, Key&& key, F&& f) {
    constexpr std::size_t kBlock = 16;
    Head heads[2][kBlock];
    std::string_view keys[2][kBlock];  // key(i) is called once
    auto fill = [&](std::size_t from, Head* h, std::string_view* k) {
      const std::size_t m = std::min(kBlock, n - from);
      for (std::size_t j = 0; j < m; ++j) {
        k[j] = key(from + j);
        h[j] = head(k[j], readable_end);
        prefetch(h[j]);
      }
    };
    if (n) fill(0, heads[0], keys[0]);
    for (std::size_t from = 0, b = 0; from < n; from += kBlock, b ^= 1) {
      if (from + kBlock < n) fill(from + kBlock, heads[b ^ 1], keys[b ^ 1]);
      const std::size_t m = std::min(kBlock, n - from);
      for (std::size_t j = 0; j < m; ++j) {
        const std::string_view k = keys[b][j];
        if (k.empty()) continue;
        bool fresh = false;
        std::string_view stored;
        std::uint32_t& v = value(k, heads[b][j], &fresh, &stored);
        f(from + j, v, fresh, stored);
      }
    }
  }

  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t w0 = 0, w1 = 0;  // the key's first 16 bytes, zero-padded
    const char* p = nullptr;       // the arena's copy
    std::uint32_t len = 0;         // 0: an empty slot
    std::uint32_t value = 0;
  };
  // Starts loading the slot where a lookup of `h` begins, for a lookup a few keys later.
  void prefetch(const Head& h) const { __builtin_prefetch(&slots_[h.hash & (slots_.size() - 1)]); }

  // A key new to the index, whose probe ended at the empty slot `i`: stored there, or in the
  // grown index.
  [[gnu::noinline]] std::uint32_t& insert(std::string_view key, const Head& h, std::size_t i,
                                          std::string_view* stored) {
    if ((size_ + 1) * 5 > slots_.size() * 3) {
      grow();
      const std::size_t mask = slots_.size() - 1;
      i = h.hash & mask;
      while (slots_[i].len != 0)
        i = (i + 1) & mask;
    }
    Slot& s = slots_[i];
    s.w0 = h.w0;
    s.w1 = h.w1;
    s.p = arena_.store(key);
    s.len = static_cast<std::uint32_t>(key.size());
    s.value = 0;
    ++size_;
    *stored = std::string_view(s.p, s.len);
    return s.value;
  }

  // head() by loads that stay inside the key.
  [[gnu::noinline]] static Head loaded_head(std::string_view key) {
    const char* p = key.data();
    const std::size_t n = key.size();
    std::uint64_t w0 = 0, w1 = 0;
    if (n >= 16) {
      w0 = load64(p);
      w1 = load64(p + 8);
    } else if (n > 8) {
      w0 = load64(p);
      w1 = load64(p + n - 8) >> (8 * (16 - n));
    } else if (n == 8) {
      w0 = load64(p);
    } else if (n >= 4) {
      w0 = load32(p) | (static_cast<std::uint64_t>(load32(p + n - 4)) >> (8 * (8 - n)) << 32);
    } else {
      for (std::size_t i = 0; i < n; ++i)
        w0 |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    }
    return {w0, w1, hash(w0, w1, n)};
  }

  // head() of a key of up to 16 bytes whose 16 bytes from `p` may all be read.
  [[gnu::always_inline]] static Head masked_head(const char* p, std::size_t n) {
    const std::uint64_t w0 = load64(p) & kKeyMasks[n][0];
    const std::uint64_t w1 = load64(p + 8) & kKeyMasks[n][1];
    return {w0, w1, hash(w0, w1, n)};
  }

  static std::uint64_t hash(std::uint64_t w0, std::uint64_t w1, std::size_t n) {
    return mix64(0xa0761d6478bd642full ^ n,
                 mix64(w0 ^ 0xe7037ed1a0b428dbull, w1 ^ 0x8ebc6af09c88c6e3ull));
  }

  void grow() {
    ZeroedArray<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.len == 0) continue;
      std::size_t i = hash(s.w0, s.w1, s.len) & mask;  // a key's hash is its head's
      while (slots_[i].len != 0)
        i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  ZeroedArray<Slot> slots_;  // on huge pages once large: every token probes it at random
  std::size_t size_ = 0;
  Arena arena_;
};

}  // namespace verbatim::detail
