// The calling thread's CPU time in milliseconds, for the few C++ tests that bound how long a
// piece of work takes: unlike a wall clock it does not count the time a loaded machine (CI's
// two shared cores, parallel ctest) keeps the thread waiting for a core, so a loose bound
// fails on a slow algorithm, not on a busy neighbour.
#pragma once

#include <time.h>

namespace minipy::testing {

inline double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace minipy::testing
