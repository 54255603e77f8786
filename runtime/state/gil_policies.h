// Internal to the GIL's files: the policy factories and the small helpers every policy shares
// (counters, the switch interval). The public interface is gil.h.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "runtime/state/gil.h"

namespace minipy::rt {

extern std::atomic<uint64_t> g_gil_interval_us;

inline void gil_bump(std::atomic<uint64_t>& c, uint64_t n = 1) {
  c.fetch_add(n, std::memory_order_relaxed);
}

/// CPython >= 3.2's GIL; with `io_priority`, a thread coming back from a blocking call asks the
/// holder to drop at once and takes precedence over CPU-bound waiters.
std::unique_ptr<GilPolicy> make_interval_gil(bool io_priority);
/// CPython <= 3.1's GIL: a plain lock released and re-taken every N check points.
std::unique_ptr<GilPolicy> make_ticks_gil();
/// A ticket lock: waiters get the GIL in arrival order.
std::unique_ptr<GilPolicy> make_fifo_gil();
/// -X gil-schedule=SEED: hand-offs at pseudo-random check points, chosen by a seeded generator.
std::unique_ptr<GilPolicy> make_schedule_gil(uint64_t seed);

}  // namespace minipy::rt
