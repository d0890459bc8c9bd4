// Private: a long sequence of 32-bit values written once and read back in order, kept in
// memory up to one chunk and past it in an unnamed temporary file (under $TMPDIR, else /tmp),
// so that memory stays at one chunk however long the sequence grows.
//
//   SpilledValues v;
//   for (...) v.push(x);
//   v.read([](const std::uint32_t* values, std::size_t n) { ... });
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace verbatim::detail {

class SpilledValues {
 public:
  explicit SpilledValues(std::size_t chunk = std::size_t{1} << 18);
  ~SpilledValues();
  SpilledValues(const SpilledValues&) = delete;
  SpilledValues& operator=(const SpilledValues&) = delete;

  // Throws Error naming the temporary folder when the file cannot be made or written.
  void push(std::uint32_t v) {
    buf_.push_back(v);
    if (buf_.size() == chunk_) spill();
  }
  std::uint64_t size() const { return spilled_ + buf_.size(); }
  // Calls f(values, n) on successive pieces of the sequence, in order, every value once.
  void read(const std::function<void(const std::uint32_t*, std::size_t)>& f) const;

 private:
  void spill();
  [[noreturn]] void fail(const char* what) const;
  std::size_t chunk_;
  std::vector<std::uint32_t> buf_;
  std::string dir_;
  int fd_ = -1;
  std::uint64_t spilled_ = 0;  // values in the file
};

}  // namespace verbatim::detail
