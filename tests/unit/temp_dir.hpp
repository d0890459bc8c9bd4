// A fresh temporary folder for a test, removed with everything in it at the end of the scope.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "verbatim-test-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `bytes` to `rel` (folders created) and returns its path.
  std::string write(const std::string& rel, const std::string& bytes) const {
    std::filesystem::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << bytes;
    return (path / rel).string();
  }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path), {}));
  }
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Sets TMPDIR for the scope of a test, then puts back what was there.
struct TmpDirVariable {
  explicit TmpDirVariable(const std::string& dir) {
    if (const char* v = ::getenv("TMPDIR")) old = v;
    ::setenv("TMPDIR", dir.c_str(), 1);
  }
  ~TmpDirVariable() {
    if (old.empty()) {
      ::unsetenv("TMPDIR");
    } else {
      ::setenv("TMPDIR", old.c_str(), 1);
    }
  }
  TmpDirVariable(const TmpDirVariable&) = delete;
  TmpDirVariable& operator=(const TmpDirVariable&) = delete;
  std::string old;
};
