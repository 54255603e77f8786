// Delayed release: the waiting list and the stop-the-world that frees it (delayed_release.h).
#include "runtime/state/delayed_release.h"

#ifdef MINIPY_FREE_THREADING

#include <mutex>
#include <vector>

#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/stop_the_world.h"

namespace minipy::rt {

namespace {
// A batch amortises one stop-the-world over many releases; small enough that the memory held
// back stays negligible.
constexpr size_t kBatch = 256;

std::mutex g_mu;               // guards g_waiting; never held across a call that may block
std::vector<Value> g_waiting;  // owned references

bool others_may_run() {
  if (gil_enabled()) return false;
  InterpreterState& in = interp();
  std::lock_guard<std::mutex> g(in.threads_mutex);
  return in.threads.size() > 1;
}
}  // namespace

void delayed_release(Ref r) {
  if (!r || !others_may_run()) return;  // dropped now
  bool full;
  {
    std::lock_guard<std::mutex> g(g_mu);
    g_waiting.push_back(r.release());
    full = g_waiting.size() >= kBatch;
  }
  if (full) g_eval_breaker.fetch_or(kBreakDelayedRelease, std::memory_order_relaxed);
}

void delayed_release_run() {
  // One thread runs each batch: whoever clears the bit.
  if (!(g_eval_breaker.fetch_and(~kBreakDelayedRelease, std::memory_order_relaxed) &
        kBreakDelayedRelease)) {
    return;
  }
  std::vector<Value> batch;
  {
    // Every other thread is now parked at a check point or detached: none holds a borrowed
    // pointer to anything that was waiting when the world stopped.
    StopTheWorld stw;
    std::lock_guard<std::mutex> g(g_mu);
    batch.swap(g_waiting);
  }
  for (Value v : batch) decref(v);  // after the restart: a __del__ may run Python code
}

}  // namespace minipy::rt

#endif  // MINIPY_FREE_THREADING
