// Gold tests read ../shared/data; without it they report "skipped" (exit 77) so that a clone
// outside the project's workspace still passes.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

int main(int argc, char* argv[]) {
  if (!std::filesystem::is_directory(VERBATIM_SHARED_DATA)) {
    std::printf("skipped: gold data not found at %s\n", VERBATIM_SHARED_DATA);
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
