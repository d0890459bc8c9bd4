#include "spill.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "verbatim/error.hpp"

namespace verbatim::detail {

SpilledValues::SpilledValues(std::size_t chunk) : chunk_(chunk ? chunk : 1) {
  buf_.reserve(chunk_);
}

SpilledValues::~SpilledValues() {
  if (fd_ >= 0) ::close(fd_);
}

void SpilledValues::fail(const char* what) const {
  throw Error(fmt::format("{} a temporary file in {}: {} (TMPDIR names the folder to use)", what,
                          dir_, std::strerror(errno)));
}

void SpilledValues::spill() {
  if (fd_ < 0) {
    const char* tmp = std::getenv("TMPDIR");
    dir_ = tmp && *tmp ? tmp : "/tmp";
#ifdef O_TMPFILE
    // Unnamed: nothing is left behind, even when the process is killed.
    fd_ = ::open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
    if (fd_ < 0) {
      std::string path = dir_ + "/verbatim-XXXXXX";
      fd_ = ::mkstemp(path.data());
      if (fd_ < 0) fail("cannot create");
      ::unlink(path.c_str());
    }
  }
  const char* p = reinterpret_cast<const char*>(buf_.data());
  std::size_t left = buf_.size() * sizeof(std::uint32_t);
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      fail("cannot write");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  spilled_ += buf_.size();
  buf_.clear();
}

void SpilledValues::read(const std::function<void(const std::uint32_t*, std::size_t)>& f) const {
  if (spilled_ > 0) {
    std::vector<std::uint32_t> piece(chunk_);
    std::uint64_t left = spilled_;
    off_t offset = 0;
    while (left > 0) {
      const std::size_t want = left < chunk_ ? static_cast<std::size_t>(left) : chunk_;
      std::size_t got = 0;  // bytes
      char* p = reinterpret_cast<char*>(piece.data());
      while (got < want * sizeof(std::uint32_t)) {
        const ssize_t n = ::pread(fd_, p + got, want * sizeof(std::uint32_t) - got, offset);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          if (n == 0) errno = EIO;  // the file is shorter than what was written
          fail("cannot read back");
        }
        got += static_cast<std::size_t>(n);
        offset += n;
      }
      f(piece.data(), want);
      left -= want;
    }
  }
  if (!buf_.empty()) f(buf_.data(), buf_.size());
}

}  // namespace verbatim::detail
