// Private: a sequence that grows by blocks of 2^Shift elements, for the forms of a counter (up
// to millions of records of about a hundred bytes). Growing never moves an element nor holds two
// copies, as a vector's doubling does; unlike std::deque, whose blocks hold four such records,
// an element is found through one small array of block pointers that stays in the cache, and
// neighbouring ids sit side by side in memory.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

namespace verbatim::detail {

template <class T, unsigned Shift = 12>
class BlockVector {
  static constexpr std::size_t kBlock = std::size_t{1} << Shift;

 public:
  BlockVector() = default;
  BlockVector(BlockVector&& o) noexcept
      : blocks_(std::move(o.blocks_)), size_(std::exchange(o.size_, 0)) {}
  BlockVector& operator=(BlockVector&& o) noexcept {
    if (this != &o) {
      clear();
      blocks_ = std::move(o.blocks_);
      size_ = std::exchange(o.size_, 0);
    }
    return *this;
  }
  ~BlockVector() { clear(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return blocks_[i >> Shift].get()[i & (kBlock - 1)]; }
  const T& operator[](std::size_t i) const { return blocks_[i >> Shift].get()[i & (kBlock - 1)]; }
  const T& at(std::size_t i) const {
    if (i >= size_) throw std::out_of_range("BlockVector::at");
    return (*this)[i];
  }

  void push_back(T&& v) {
    if ((size_ & (kBlock - 1)) == 0 && (size_ >> Shift) == blocks_.size())
      blocks_.emplace_back(static_cast<T*>(::operator new(kBlock * sizeof(T))));
    new (&(*this)[size_]) T(std::move(v));
    ++size_;
  }

  void clear() {
    for (std::size_t i = 0; i < size_; ++i)
      (*this)[i].~T();
    size_ = 0;
    blocks_.clear();
  }

 private:
  struct Free {
    void operator()(T* p) const { ::operator delete(p); }
  };
  std::vector<std::unique_ptr<T, Free>> blocks_;
  std::size_t size_ = 0;
};

}  // namespace verbatim::detail
