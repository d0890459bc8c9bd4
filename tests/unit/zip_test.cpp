#include "verbatim/zip.hpp"

#include <catch2/catch.hpp>

#include "verbatim/error.hpp"

using namespace verbatim;

TEST_CASE("Zip archives round-trip and are byte-identical", "[zip]") {
  const std::string big(100000, 'a');
  const std::string z = make_zip({{"a.txt", "bonjour"}, {"dir/b.txt", big}});
  CHECK(z == make_zip({{"a.txt", "bonjour"}, {"dir/b.txt", big}}));
  CHECK(z.size() < 2000);  // deflated
  const ZipReader r(z, "x.zip", ".zip");
  CHECK(r.members() == std::vector<std::string>{"a.txt", "dir/b.txt"});
  CHECK(r.has("a.txt"));
  CHECK_FALSE(r.has("c.txt"));
  CHECK(r.read("a.txt", 100) == "bonjour");
  CHECK(r.read("dir/b.txt", 1 << 20) == big);
}

TEST_CASE("Zip reading is bounded and reports the file", "[zip]") {
  const std::string z = make_zip({{"bomb.txt", std::string(3 << 20, '0')}});
  const ZipReader r(z, "x.qdpx", ".qdpx");
  CHECK_THROWS_WITH(r.read("bomb.txt", 1 << 20),
                    "x.qdpx: bomb.txt inflates beyond the 1 MiB limit (--max-zip-entry)");
  CHECK_THROWS_WITH(r.read("none.txt", 10),
                    "x.qdpx: not a .qdpx file: the archive has no none.txt");
  CHECK_THROWS_WITH(ZipReader("hello", "x.qdpx", ".qdpx"),
                    "x.qdpx: not a .qdpx file: not a zip archive");
  try {
    ZipReader("PK\x03\x04garbage", "x.qdpx", ".qdpx");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().where.file == "x.qdpx");
  }
}
