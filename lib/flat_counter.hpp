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

namespace verbatim::detail {

// Equality of two byte ranges of the same length; inline for the short keys words are.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// 64-bit hash of a short string, eight bytes at a time.
inline std::uint64_t hash_bytes(const char* p, std::size_t n) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xC2B2AE3D27D4EB4Full);
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  if (n) {
    // The tail byte by byte: a variable-length memcpy would be a library call per word.
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i)
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  h *= 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 29);
}

class FlatCounter {
 public:
  FlatCounter() : slots_(1024) {}

  void add(std::string_view key, std::uint32_t n = 1) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
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
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    const auto h32 = static_cast<std::uint32_t>(h);
    for (;;) {
      Slot& s = slots_[i];
      if (s.count == 0) return s;
      if (s.hash == h32 && s.len == key.size() && same_bytes(s.p, key.data(), s.len)) {
        return s;
      }
      i = (i + 1) & mask;
    }
  }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (!s.count) continue;
      const std::string_view key(s.p, s.len);
      Slot& d = find(key, hash_bytes(s.p, s.len));
      d = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

// A flat open-addressing index from strings to dense ids 0, 1, 2... in first-seen order. Keys
// are copied into an arena of 64 KiB blocks, so lookups of known keys never allocate.
class FlatIndex {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  FlatIndex() : slots_(1024) {}

  // The id of `key`, or kNone.
  std::uint32_t find(std::string_view key) const {
    const std::uint64_t h = hash_bytes(key.data(), key.size());
    return slots_[probe(key, h)].id;
  }

  // The id of `key`, added when new; `fresh` tells which.
  std::uint32_t insert(std::string_view key, bool* fresh) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::uint64_t h = hash_bytes(key.data(), key.size());
    Slot& s = slots_[probe(key, h)];
    *fresh = s.id == kNone;
    if (*fresh) {
      s.p = store(key);
      s.len = static_cast<std::uint32_t>(key.size());
      s.hash = static_cast<std::uint32_t>(h);
      s.id = static_cast<std::uint32_t>(size_++);
    }
    return s.id;
  }

  std::size_t size() const { return size_; }

 private:
  struct Slot {
    const char* p = nullptr;
    std::uint32_t len = 0;
    std::uint32_t hash = 0;
    std::uint32_t id = kNone;
  };

  std::size_t probe(std::string_view key, std::uint64_t h) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    const auto h32 = static_cast<std::uint32_t>(h);
    while (slots_[i].id != kNone) {
      const Slot& s = slots_[i];
      if (s.hash == h32 && s.len == key.size() && same_bytes(s.p, key.data(), s.len)) break;
      i = (i + 1) & mask;
    }
    return i;
  }

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

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.id == kNone) continue;
      slots_[probe(std::string_view(s.p, s.len), hash_bytes(s.p, s.len))] = s;
    }
  }

  static constexpr std::size_t kBlock = 64 * 1024;
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0;
  std::deque<std::string> big_;
};

}  // namespace verbatim::detail
