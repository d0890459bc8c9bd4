// parallel: an ordered parallel map, the one way verbatim spreads documents over threads.
//
// ordered_parallel_map(n, threads, work, consume) calls work(i) for i in [0, n) on up to
// `threads` worker threads and consume(i, result) on the calling thread in increasing i, so
// output is the same bytes whatever the thread count. At most `window` x threads results
// wait to be consumed, so memory stays bounded by a few documents however large the corpus. An
// exception thrown by work(i) is rethrown from consume's thread at position i; after an exception
// no new work starts.
//
//   ordered_parallel_map<std::string>(docs.size(), 4, [&](std::size_t i) { return render(i); },
//                                     [&](std::size_t, std::string& s) { out.write(s); });
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace verbatim {

namespace detail {
inline thread_local std::size_t worker_index = 0;
}

// The index of the worker thread running the current work item of ordered_parallel_map, from
// 0 to threads - 1 (0 on a thread that is no worker), for state kept per worker (PerWorker).
inline std::size_t current_worker() {
  return detail::worker_index;
}

// Threads to use for `requested` (0: all cores), never more than `items`, at least 1.
inline unsigned effective_threads(unsigned requested, std::size_t items) {
  unsigned t = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  if (items < t) t = static_cast<unsigned>(std::max<std::size_t>(1, items));
  return t;
}

// Results that may wait per worker thread. The default suits results as large as a document
// (rendered rows, whole documents); small results (counts) can afford kCountsWindow, so that a
// long document does not stall the workers behind it (novels vary tenfold in size).
inline constexpr std::size_t kDefaultWindow = 2;
inline constexpr std::size_t kCountsWindow = 8;

template <class R>
void ordered_parallel_map(std::size_t n, unsigned threads,
                          const std::function<R(std::size_t)>& work,
                          const std::function<void(std::size_t, R&)>& consume,
                          std::size_t window_per_thread = kDefaultWindow) {
  threads = effective_threads(threads, n);
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) {
      R r = work(i);
      consume(i, r);
    }
    return;
  }
  const std::size_t window = std::max<std::size_t>(1, window_per_thread) * threads;
  struct Slot {
    std::optional<R> result;
    std::exception_ptr error;
    bool done = false;
  };
  std::vector<Slot> slots(window);
  std::mutex m;
  std::condition_variable cv;
  std::size_t next = 0;      // next item to start
  std::size_t consumed = 0;  // items consumed so far
  bool stop = false;

  auto worker = [&](std::size_t index) {
    detail::worker_index = index;
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return stop || next >= n || next < consumed + window; });
        if (stop || next >= n) return;
        i = next++;
      }
      Slot local;
      try {
        local.result.emplace(work(i));
      } catch (...) {
        local.error = std::current_exception();
      }
      {
        std::lock_guard lock(m);
        Slot& s = slots[i % window];
        s.result = std::move(local.result);
        s.error = local.error;
        s.done = true;
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back(worker, t);

  std::exception_ptr failure;
  for (std::size_t i = 0; i < n && !failure; ++i) {
    Slot s;
    {
      std::unique_lock lock(m);
      cv.wait(lock, [&] { return slots[i % window].done; });
      s = std::move(slots[i % window]);
      slots[i % window] = Slot{};
    }
    try {
      if (s.error) std::rethrow_exception(s.error);
      consume(i, *s.result);
    } catch (...) {
      failure = std::current_exception();
    }
    {
      std::lock_guard lock(m);
      consumed = i + 1;
      if (failure) stop = true;
    }
    cv.notify_all();
  }
  {
    std::lock_guard lock(m);
    stop = true;
  }
  cv.notify_all();
  for (auto& t : pool)
    t.join();
  if (failure) std::rethrow_exception(failure);
}

// One T per worker thread of ordered_parallel_map(..., threads, ...), made on first use as
// T(args...) on that worker: caches that workers fill without locks. The args are kept by
// reference and must outlive the PerWorker. get() must be called from work(i) (or from the
// calling thread when threads <= 1).
template <class T>
class PerWorker {
 public:
  template <class... Args>
  explicit PerWorker(unsigned threads, const Args&... args)
      : slots_(effective_threads(threads, SIZE_MAX)),
        make_([&args...] { return std::make_unique<T>(args...); }) {}
  T& get() {
    auto& slot = slots_.at(current_worker());
    if (!slot) slot = make_();
    return *slot;
  }
  // Calls f(T&) on every object made, in worker order; once the parallel map is over.
  template <class F>
  void for_each(F&& f) {
    for (auto& slot : slots_) {
      if (slot) f(*slot);
    }
  }

 private:
  std::vector<std::unique_ptr<T>> slots_;
  std::function<std::unique_ptr<T>()> make_;
};

}  // namespace verbatim
