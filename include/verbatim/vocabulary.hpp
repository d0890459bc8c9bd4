// vocabulary: interning of strings to dense integer ids.
//
// Ids are assigned in first-seen order, from 0; the strings live in an arena owned by the
// vocabulary, so views returned by str() stay valid for its lifetime. Memory grows with the
// number of distinct strings, never with how often they are seen.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace verbatim {

class Vocabulary {
 public:
  std::uint32_t intern(std::string_view s);
  // Id of `s`, or kNone.
  std::uint32_t find(std::string_view s) const;
  std::string_view str(std::uint32_t id) const { return strings_[id]; }
  std::size_t size() const { return strings_.size(); }
  static constexpr std::uint32_t kNone = 0xffffffffu;

 private:
  std::deque<std::string> strings_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

}  // namespace verbatim
