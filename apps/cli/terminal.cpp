#include "cli/terminal.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace verbatim::cli {

bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

bool stderr_colors() {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return stderr_is_terminal() && !(no_color && *no_color) && !(term && !std::strcmp(term, "dumb"));
}

std::string error_label() {
  return stderr_colors() ? "\x1b[1;31merror\x1b[0m" : "error";
}

namespace {

std::chrono::steady_clock::duration progress_delay() {
  double seconds = 1.0;
  if (const char* env = std::getenv("VERBATIM_PROGRESS_DELAY"); env && *env) {
    char* end = nullptr;
    const double v = std::strtod(env, &end);
    if (end && *end == '\0' && v >= 0) seconds = v;
  }
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(seconds));
}

std::string clock_time(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

Progress::Progress(std::string tool, const std::vector<SourceRef>& sources, bool quiet)
    : tool_(std::move(tool)) {
  const char* term = std::getenv("TERM");
  enabled_ =
      !quiet && stderr_is_terminal() && !(term && !std::strcmp(term, "dumb")) && !sources.empty();
  if (!enabled_) return;
  sizes_.reserve(sources.size());
  for (const auto& s : sources) {
    std::error_code ec;
    const auto n = s.path == "-" ? 0 : std::filesystem::file_size(s.path, ec);
    sizes_.push_back(ec ? 0 : n);
    total_bytes_ += sizes_.back();
  }
  start_ = Clock::now();
  delay_ = progress_delay();
}

Progress::~Progress() {
  clear();
}

void Progress::done(std::size_t i) {
  if (!enabled_) return;
  ++done_files_;
  if (i < sizes_.size()) done_bytes_ += sizes_[i];
  const auto now = Clock::now();
  if (now - start_ < delay_) return;
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && done_files_ < sizes_.size())
    return;
  last_draw_ = now;
  draw();
}

void Progress::draw() {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  std::string line = fmt::format("verbatim {}: {}/{} files", tool_, done_files_, sizes_.size());
  if (total_bytes_ > 0) {
    const double mb = 1e6, rate = elapsed > 0 ? done_bytes_ / elapsed : 0;
    line += fmt::format(", {:.1f}/{:.1f} MB, {:.1f} MB/s", done_bytes_ / mb, total_bytes_ / mb,
                        rate / mb);
    if (rate > 0) line += ", ETA " + clock_time((total_bytes_ - done_bytes_) / rate);
  }
  fmt::print(stderr, "\r{}\x1b[K", line);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::clear() {
  if (!drawn_) return;
  fmt::print(stderr, "\r\x1b[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace verbatim::cli
