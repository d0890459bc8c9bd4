#include "verbatim/sink.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "verbatim/error.hpp"

namespace verbatim {

namespace {

constexpr std::size_t kFlushSize = 1 << 16;

[[noreturn]] void fail(const std::string& path, const char* what) {
  throw Error(Location{path.empty() ? "<stdout>" : path, 0, 0, std::nullopt},
              fmt::format("{}: {}", what, std::strerror(errno)));
}

}  // namespace

OutputFile::OutputFile(const std::string& path) {
  buf_.reserve(kFlushSize * 2);
  if (path.empty() || path == "-") return;
  path_ = path;
  const mode_t mode = 0666 & ~[] {
    mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  // An unnamed file in the target's folder (Linux O_TMPFILE): if the process dies, even by
  // SIGKILL, nothing is left behind. It gets a name only at commit.
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
#ifdef O_TMPFILE
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
  if (fd_ >= 0) return;
  if (errno == ENOENT || errno == ENOTDIR || errno == EACCES)
    fail(path, "cannot create output file");
#endif
  // Fallback where the file system has no O_TMPFILE: a named temporary file, removed on error.
  tmp_path_ = path + ".tmpXXXXXX";
  fd_ = ::mkstemp(tmp_path_.data());
  if (fd_ < 0) fail(path, "cannot create output file");
  ::fchmod(fd_, mode);
}

OutputFile::~OutputFile() {
  if (!path_.empty() && !committed_) {
    if (fd_ >= 0) ::close(fd_);
    if (!tmp_path_.empty()) ::unlink(tmp_path_.c_str());
  }
}

void OutputFile::write(std::string_view bytes) {
  if (bytes.size() >= kFlushSize) {
    // A large chunk (a whole document's rows) goes out directly rather than being copied.
    flush();
    write_all(bytes);
    return;
  }
  buf_.append(bytes);
  flush_if_large();
}

void OutputFile::flush_if_large() {
  if (buf_.size() >= kFlushSize) flush();
}

void OutputFile::flush() {
  write_all(buf_);
  buf_.clear();
}

void OutputFile::write_all(std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) throw BrokenPipe{};
      fail(path_, "cannot write");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

void OutputFile::commit() {
  flush();
  if (path_.empty()) return;
  if (::fsync(fd_) != 0 && errno != EINVAL) fail(path_, "cannot write");
  if (tmp_path_.empty()) {
    // Give the unnamed file a temporary name beside the target, then rename it over the target:
    // readers see the old file or the whole new one, never a part.
    const std::string proc = fmt::format("/proc/self/fd/{}", fd_);
    for (int attempt = 0; attempt < 100 && tmp_path_.empty(); ++attempt) {
      std::string name = fmt::format("{}.tmp{}-{}", path_, ::getpid(), attempt);
      if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
        tmp_path_ = std::move(name);
      } else if (errno != EEXIST) {
        fail(path_, "cannot write output file");
      }
    }
    if (tmp_path_.empty()) fail(path_, "cannot write output file");
  }
  if (::close(fd_) != 0) fail(path_, "cannot write");
  fd_ = -1;
  if (::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    int saved = errno;
    ::unlink(tmp_path_.c_str());
    errno = saved;
    fail(path_, "cannot write output file");
  }
  committed_ = true;
}

}  // namespace verbatim
