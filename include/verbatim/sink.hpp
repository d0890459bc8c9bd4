// sink: where a tool's output goes: stdout, or a file written atomically.
//
// An OutputFile for a path writes to an unnamed temporary file in the same folder (O_TMPFILE;
// a named one where the file system lacks it) and renames it over the target on commit(); if
// commit() is never reached (error, exception, even SIGKILL for the unnamed file) nothing is
// left, so a failed run never leaves half a file. Output is buffered; write errors
// throw Error. Writing to a closed pipe (EPIPE) throws BrokenPipe, which tools treat as a
// quiet, successful end.
//
//   OutputFile out(path_or_dash);
//   out.write("a,b\n");
//   out.commit();
#pragma once

#include <string>
#include <string_view>

namespace verbatim {

struct BrokenPipe {};

class OutputFile {
 public:
  // "-" or empty: stdout.
  explicit OutputFile(const std::string& path);
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  void write(std::string_view bytes);
  // Flushes when the buffer is large; call with the tool's row buffer.
  std::string& buffer() { return buf_; }
  void flush_if_large();
  void commit();

 private:
  void flush();
  void write_all(std::string_view bytes);
  std::string path_;
  std::string tmp_path_;
  int fd_ = 1;
  bool committed_ = false;
  std::string buf_;
};

}  // namespace verbatim
