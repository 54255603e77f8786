// Per-object cache words that any thread may fill in lazily (str and tuple hashes). Every thread
// computes the same value, so the race is benign; in free-threaded builds the loads and stores
// are relaxed atomics so that it is not a data race (undefined behaviour, and a ThreadSanitizer
// report). In the default build they are plain accesses, as before.
#pragma once

#include <atomic>
#include <cstdint>

namespace minipy::rt {

inline int64_t cache_load(int64_t& w) {
#ifdef MINIPY_FREE_THREADING
  return std::atomic_ref<int64_t>(w).load(std::memory_order_relaxed);
#else
  return w;
#endif
}

inline void cache_store(int64_t& w, int64_t v) {
#ifdef MINIPY_FREE_THREADING
  std::atomic_ref<int64_t>(w).store(v, std::memory_order_relaxed);
#else
  w = v;
#endif
}

}  // namespace minipy::rt
