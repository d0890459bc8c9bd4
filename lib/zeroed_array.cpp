#include "zeroed_array.hpp"

#include <cstdint>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace verbatim::detail {

namespace {
constexpr std::size_t kHuge = std::size_t{2} << 20;  // x86-64 and arm64 huge page
}

void* allocate_zeroed(std::size_t bytes, bool* mapped) {
  *mapped = false;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kHuge) {
    // Map a huge page more than needed, then unmap what lies outside the aligned range. Fresh
    // anonymous pages read as zero, so nothing is written until the table fills.
    const std::size_t size = (bytes + kHuge - 1) & ~(kHuge - 1);
    void* raw =
        mmap(nullptr, size + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw != MAP_FAILED) {
      const auto start = reinterpret_cast<std::uintptr_t>(raw);
      const std::uintptr_t aligned = (start + kHuge - 1) & ~(kHuge - 1);
      if (aligned > start) munmap(raw, aligned - start);
      if (const std::uintptr_t tail = start + size + kHuge - (aligned + size))
        munmap(reinterpret_cast<void*>(aligned + size), tail);
      void* p = reinterpret_cast<void*>(aligned);
      madvise(p, size, MADV_HUGEPAGE);  // advice: a system without huge pages ignores it
      *mapped = true;
      return p;
    }
  }
#endif
  if (bytes == 0) return nullptr;
  void* p = std::calloc(1, bytes);
  if (!p) throw std::bad_alloc();
  return p;
}

void release_zeroed(void* p, std::size_t bytes, bool mapped) noexcept {
  if (!p) return;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (mapped) {
    munmap(p, (bytes + kHuge - 1) & ~(kHuge - 1));
    return;
  }
#endif
  (void)bytes;
  (void)mapped;
  std::free(p);
}

}  // namespace verbatim::detail
