#include "verbatim/sink.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "unit/temp_dir.hpp"
#include "verbatim/error.hpp"

using namespace verbatim;
namespace fs = std::filesystem;

TEST_CASE("OutputFile appears only on commit", "[sink]") {
  TempDir d;
  const fs::path target = d.path / "out.csv";
  {
    OutputFile out(target.string());
    out.write("a,b\n");
    out.write(std::string(200000, 'x'));  // beyond the buffer: flushed to the temporary file
    CHECK_FALSE(fs::exists(target));
    out.commit();
  }
  CHECK(slurp(target).size() == 200004);
  CHECK(d.entries() == 1);  // no temporary file left
}

TEST_CASE("Without commit, the temporary file goes and the old file stays", "[sink]") {
  TempDir d;
  const fs::path target = d.path / "out.csv";
  std::ofstream(target) << "previous\n";
  {
    OutputFile out(target.string());
    out.write(std::string(100000, 'y'));
  }
  CHECK(slurp(target) == "previous\n");
  CHECK(d.entries() == 1);
}

TEST_CASE("An output file in a missing folder is an error naming it", "[sink]") {
  TempDir d;
  const std::string path = (d.path / "missing" / "out.csv").string();
  try {
    OutputFile out(path);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().where.file == path);
    CHECK(e.diagnostic().message == "cannot create output file: No such file or directory");
  }
}
