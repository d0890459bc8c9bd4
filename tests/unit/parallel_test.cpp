#include "verbatim/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace verbatim;

TEST_CASE("ordered_parallel_map consumes in order at every thread count", "[parallel]") {
  for (unsigned threads : {1u, 2u, 4u, 7u}) {
    for (std::size_t n : {0u, 1u, 3u, 100u}) {
      std::vector<std::size_t> order;
      std::string joined;
      ordered_parallel_map<std::string>(
          n, threads,
          [](std::size_t i) {
            // Uneven work so that later items often finish first.
            volatile std::size_t spin = (i % 3 == 0) ? 20000 : 10;
            while (spin)
              spin = spin - 1;
            return std::to_string(i * i);
          },
          [&](std::size_t i, std::string& s) {
            order.push_back(i);
            joined += s + ",";
          });
      std::string expected;
      for (std::size_t i = 0; i < n; ++i)
        expected += std::to_string(i * i) + ",";
      CHECK(joined == expected);
      CHECK(order.size() == n);
    }
  }
}

TEST_CASE("ordered_parallel_map rethrows the first failure in order", "[parallel]") {
  for (unsigned threads : {1u, 3u}) {
    std::vector<std::size_t> seen;
    std::atomic<std::size_t> started{0};
    try {
      ordered_parallel_map<int>(
          50, threads,
          [&](std::size_t i) {
            ++started;
            if (i == 7) throw std::runtime_error("item 7");
            return static_cast<int>(i);
          },
          [&](std::size_t i, int&) { seen.push_back(i); });
      FAIL("no exception");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()) == "item 7");
    }
    CHECK(seen == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6});
    // Bounded window: work stops soon after the failure.
    CHECK(started.load() <= 7 + 1 + kDefaultWindow * threads);
  }
}

TEST_CASE("effective_threads", "[parallel]") {
  CHECK(effective_threads(4, 2) == 2);
  CHECK(effective_threads(4, 0) == 1);
  CHECK(effective_threads(1, 100) == 1);
  CHECK(effective_threads(0, 1000) >= 1);
}

TEST_CASE("PerWorker gives each worker thread its own object", "[parallel]") {
  struct Cache {
    explicit Cache(const int& base) : seen(base) {}
    std::thread::id owner = std::this_thread::get_id();
    int seen;
  };
  for (unsigned threads : {1u, 3u}) {
    const int base = 0;
    PerWorker<Cache> caches(threads, base);
    std::vector<Cache*> used(200);
    std::atomic<int> foreign{0};
    ordered_parallel_map<int>(
        used.size(), threads,
        [&](std::size_t i) {
          Cache& c = caches.get();
          if (c.owner != std::this_thread::get_id()) ++foreign;
          ++c.seen;
          used[i] = &c;
          return 0;
        },
        [](std::size_t, int&) {});
    CHECK(foreign.load() == 0);
    std::vector<Cache*> distinct = used;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    CHECK(distinct.size() <= threads);
    // for_each visits exactly the objects made, and together they saw every item.
    std::vector<Cache*> visited;
    int total = 0;
    caches.for_each([&](Cache& c) {
      visited.push_back(&c);
      total += c.seen;
    });
    std::sort(visited.begin(), visited.end());
    CHECK(visited == distinct);
    CHECK(total == 200);
  }
}
