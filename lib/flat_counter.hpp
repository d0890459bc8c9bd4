// Private: a flat open-addressing counter from byte strings to occurrences, for counting the
// tokens of one document. Keys are views into text that outlives the counter; no node is
// allocated per key, which matters at tens of millions of tokens.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace verbatim::detail {

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
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
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
      if (s.hash == h32 && s.len == key.size() && std::memcmp(s.p, key.data(), s.len) == 0) {
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

}  // namespace verbatim::detail
