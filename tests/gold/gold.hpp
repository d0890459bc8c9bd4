// Helpers shared by the gold-data tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace gold {

inline std::string data_path(const std::string& rel) {
  return std::string(VERBATIM_SHARED_DATA) + "/" + rel;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace gold
