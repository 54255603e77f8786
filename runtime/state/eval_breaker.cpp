// Servicing the eval breaker: pending signals, then GIL drop requests.
#include "runtime/state/eval_breaker.h"

#include <csignal>

#include "runtime/errors.h"
#include "runtime/gc/collector.h"
#include "runtime/state/brc.h"
#include "runtime/state/gil.h"
#include "runtime/state/stop_the_world.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

std::atomic<uint32_t> g_eval_breaker{0};

namespace {
std::atomic<int> g_sigint_pending{0};
}

void signal_pending(int signum) {
  if (signum == SIGINT) g_sigint_pending.store(1, std::memory_order_relaxed);
  g_eval_breaker.fetch_or(kBreakSignalsPending, std::memory_order_relaxed);
}

bool handle_eval_breaker() {
  ThreadState* ts = tstate();
  uint32_t bits = g_eval_breaker.load(std::memory_order_relaxed);
  if ((bits & kBreakSignalsPending) && ts->is_main) {
    g_eval_breaker.fetch_and(~kBreakSignalsPending, std::memory_order_relaxed);
    if (g_sigint_pending.exchange(0)) {
      raise(&exc_KeyboardInterrupt, "");
      // CPython's KeyboardInterrupt has no args.
      Ref e = take_exception();
      Ref k = make_exception(&exc_KeyboardInterrupt, nullptr, 0);
      set_exception(std::move(k));
      return false;
    }
  }
  if (bits & kBreakGilDropRequest) gil_yield_on_request(ts);
  if (bits & kBreakGcScheduled) {
    g_eval_breaker.fetch_and(~kBreakGcScheduled, std::memory_order_relaxed);
    gc_collect_scheduled();
  }
#ifdef MINIPY_FREE_THREADING
  if (t_eval_breaker.load(std::memory_order_acquire) & kBreakBrcMerge) brc_merge_queued();
  if (bits & kBreakStopTheWorld) park_for_stop_the_world(ts);
#endif
  return true;
}

}  // namespace minipy::rt
