// terminal: what verbatim shows only on a terminal: colored message labels, and a progress line
// for runs longer than about a second. Neither ever touches stdout, so the data a tool writes
// is the same bytes with or without a terminal.
//
// Colors need stderr to be a terminal, NO_COLOR unset or empty (https://no-color.org) and TERM
// other than "dumb". The progress line needs a terminal and no -q; it appears once
// VERBATIM_PROGRESS_DELAY seconds have passed (default 1; the tests set 0), is redrawn at most
// ten times a second and erased at the end:
//
//   verbatim freq: 120/500 files, 45.2/180.0 MB, 38.1 MB/s, ETA 0:04
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "verbatim/corpus.hpp"

namespace verbatim::cli {

bool stderr_is_terminal();
bool stderr_colors();
// "error" in bold red when stderr_colors(), else "error".
std::string error_label();

class Progress {
 public:
  // Progress over `sources` (their sizes are read only when the line can be shown).
  Progress(std::string tool, const std::vector<SourceRef>& sources, bool quiet);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();
  // Source i is done (sources complete in order, on one thread).
  void done(std::size_t i);
  // Erases the line before a message is printed; the next done() redraws it.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  std::string tool_;
  bool enabled_ = false, drawn_ = false;
  std::vector<std::uint64_t> sizes_;
  std::uint64_t total_bytes_ = 0, done_bytes_ = 0;
  std::size_t done_files_ = 0;
  Clock::time_point start_, last_draw_;
  Clock::duration delay_{};
  void draw();
};

}  // namespace verbatim::cli
