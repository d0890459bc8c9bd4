// Private: a fixed-size array of zero-filled elements for the large hash tables of counting.
// An array of 2 MiB or more is mapped on its own, aligned to 2 MiB and marked for transparent
// huge pages where the system offers them: a table probed at random then misses the TLB far
// less often (one entry covers 2 MiB instead of 4 KiB) and faults its memory in 512 times
// fewer. Smaller arrays come from calloc. Elements must be trivially copyable and their zero
// bytes a valid (empty) value.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace verbatim::detail {

// `bytes` of zeroed memory; `mapped` tells release() how it was obtained. Throws
// std::bad_alloc when there is none.
void* allocate_zeroed(std::size_t bytes, bool* mapped);
void release_zeroed(void* p, std::size_t bytes, bool mapped) noexcept;

template <class T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  ZeroedArray() = default;
  explicit ZeroedArray(std::size_t n) {
    p_ = static_cast<T*>(allocate_zeroed(n * sizeof(T), &mapped_));  // after mapped_'s default
    n_ = n;
  }
  ~ZeroedArray() { release_zeroed(p_, n_ * sizeof(T), mapped_); }
  ZeroedArray(ZeroedArray&& o) noexcept { swap(o); }
  ZeroedArray& operator=(ZeroedArray&& o) noexcept {
    swap(o);
    return *this;
  }
  void swap(ZeroedArray& o) noexcept {
    std::swap(p_, o.p_);
    std::swap(n_, o.n_);
    std::swap(mapped_, o.mapped_);
  }

  T& operator[](std::size_t i) { return p_[i]; }
  const T& operator[](std::size_t i) const { return p_[i]; }
  T* data() { return p_; }
  std::size_t size() const { return n_; }
  T* begin() { return p_; }
  T* end() { return p_ + n_; }
  const T* begin() const { return p_; }
  const T* end() const { return p_ + n_; }

 private:
  T* p_ = nullptr;
  std::size_t n_ = 0;
  bool mapped_ = false;
};

}  // namespace verbatim::detail
