// Servicing the eval breaker: pending signals, then GIL drop requests.
#include "runtime/state/eval_breaker.h"

#include <unistd.h>

#include <cerrno>
#include <csignal>

#include "runtime/errors.h"
#include "runtime/gc/collector.h"
#include "runtime/state/brc.h"
#include "runtime/state/delayed_release.h"
#include "runtime/state/gil.h"
#include "runtime/state/stop_the_world.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

std::atomic<uint32_t> g_eval_breaker{0};
#ifndef MINIPY_FREE_THREADING
uint8_t g_every_insn = 0;
#else
EveryInsnFlags g_every_insn;
#endif
int64_t g_insn_budget = 0;

void set_instruction_budget(int64_t n) {
  g_insn_budget = n;
  every_insn_set(kEveryInsnBudget, n >= 0);
}

bool (*g_run_signal_handlers)() = nullptr;

namespace {
std::atomic<bool> g_tripped[NSIG];  // which signals arrived since their handlers last ran
}

std::atomic<int> g_signal_wakeup_fd{-1};
std::atomic<bool> g_signal_wakeup_warn{true};
std::atomic<int> g_signal_wakeup_error{0};

void signal_pending(int signum) {
  if (signum > 0 && signum < NSIG) g_tripped[signum].store(true, std::memory_order_relaxed);
  g_eval_breaker.fetch_or(kBreakSignalsPending, std::memory_order_relaxed);
  int fd = g_signal_wakeup_fd.load(std::memory_order_relaxed);
  if (fd != -1) {
    // Only async-signal-safe calls here: write(2) and atomics.
    int saved = errno;
    unsigned char byte = static_cast<unsigned char>(signum);
    if (::write(fd, &byte, 1) < 0) {
      bool full = errno == EAGAIN || errno == EWOULDBLOCK;
      if (!full || g_signal_wakeup_warn.load(std::memory_order_relaxed)) {
        g_signal_wakeup_error.store(errno, std::memory_order_relaxed);
      }
    }
    errno = saved;
  }
}

bool signal_take_tripped(int signum) {
  return signum > 0 && signum < NSIG &&
         g_tripped[signum].exchange(false, std::memory_order_relaxed);
}

bool handle_eval_breaker() {
  ThreadState* ts = tstate();
  uint32_t bits = g_eval_breaker.load(std::memory_order_relaxed);
  if ((bits & kBreakSignalsPending) && ts->is_main) {
    g_eval_breaker.fetch_and(~kBreakSignalsPending, std::memory_order_relaxed);
    if (g_run_signal_handlers != nullptr) {
      if (!g_run_signal_handlers()) return false;
    } else if (signal_take_tripped(SIGINT)) {
      set_exception(make_exception(&exc_KeyboardInterrupt, nullptr, 0));  // no args, as CPython
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
  if (bits & kBreakDelayedRelease) delayed_release_run();
#endif
  return true;
}

}  // namespace minipy::rt
