// The eval breaker: one atomic word of flags the interpreter loop tests at every check point
// (loop back edges, function entry, after native calls). Anything that needs a running thread's
// attention sets a bit: a GIL drop request, a pending signal (Ctrl-C), a stop-the-world request.
#pragma once

#include <atomic>
#include <cstdint>

namespace minipy::rt {

enum EvalBreakerBit : uint32_t {
  kBreakGilDropRequest = 1u << 0,
  kBreakSignalsPending = 1u << 1,
  kBreakAsyncException = 1u << 2,
  kBreakStopTheWorld = 1u << 3,
  kBreakGcScheduled = 1u << 4,  // generation 0 passed its threshold: collect at a check point
  kBreakBrcMerge = 1u << 5,     // free-threaded: objects queued to this thread (brc.cpp)
  kBreakDelayedRelease = 1u << 6,  // free-threaded: a batch awaits release (delayed_release.h)
};

/// The interpreter-wide breaker word (CPython 3.11 keeps one per interpreter too).
extern std::atomic<uint32_t> g_eval_breaker;

/// Why the eval loop runs its per-instruction hook (vm/eval.cpp, `every_insn`) before each
/// instruction. One byte, so that with nothing asking the loop pays a single load and branch.
/// Changed only through every_insn_set.
enum EveryInsnBit : uint8_t {
  kEveryInsnCheckpoint = 1u << 0,  // -X gil-checkpoints=every: the breaker at every instruction
  kEveryInsnTrace = 1u << 1,       // some thread has a sys.settrace/sys.setprofile function
  kEveryInsnBudget = 1u << 2,      // an instruction budget is armed (set_instruction_budget)
};
#ifndef MINIPY_FREE_THREADING
extern uint8_t g_every_insn;  // written with the GIL held, so plain
inline void every_insn_set(uint8_t bit, bool on) {
  g_every_insn = on ? (g_every_insn | bit) : (g_every_insn & ~bit);
}
#else
/// Free-threaded: one thread's sys.settrace turns the hook on while other threads' eval loops
/// read the byte with no lock, so it is atomic. Relaxed is enough: only the flag's visibility
/// matters (a loop seeing it an instruction late is as under the GIL, where it sees it after the
/// next switch), and a bit set or cleared by one thread never undoes another's (fetch_or/and).
/// Reading converts (a relaxed load), so the eval loop reads it as it reads the plain byte.
class EveryInsnFlags {
 public:
  operator uint8_t() const { return v_.load(std::memory_order_relaxed); }
  void set(uint8_t bit, bool on) {
    if (on) {
      v_.fetch_or(bit, std::memory_order_relaxed);
    } else {
      v_.fetch_and(static_cast<uint8_t>(~bit), std::memory_order_relaxed);
    }
  }

 private:
  std::atomic<uint8_t> v_{0};
};
extern EveryInsnFlags g_every_insn;
inline void every_insn_set(uint8_t bit, bool on) { g_every_insn.set(bit, on); }
#endif

/// An instruction budget for running untrusted generated programs (the VM fuzz target,
/// tests/fuzz/fuzz_vm.cpp): with `n` >= 0 each instruction the eval loop runs counts one, and
/// once `n` have run every further instruction raises RuntimeError("instruction budget
/// exhausted") before it runs. Raising at *every* instruction, handlers included, is what bounds
/// a program that catches the error: no frame can make progress, so all of them unwind. n < 0
/// turns the budget off. With the GIL held; no cost to the eval loop while off.
void set_instruction_budget(int64_t n);
/// Instructions left (negative once exhausted); the eval loop decrements it.
extern int64_t g_insn_budget;

#ifdef MINIPY_FREE_THREADING
/// Free-threaded builds add a word per thread for requests aimed at one thread (a biased
/// reference-count merge): the interpreter-wide word would stop every thread for them.
inline thread_local constinit std::atomic<uint32_t> t_eval_breaker{0};
inline bool eval_breaker_set() {
  return (g_eval_breaker.load(std::memory_order_relaxed) |
          t_eval_breaker.load(std::memory_order_relaxed)) != 0;
}
#else
inline bool eval_breaker_set() { return g_eval_breaker.load(std::memory_order_relaxed) != 0; }
#endif

/// Services whatever the breaker asks for: runs signal handlers (KeyboardInterrupt in the main
/// thread), drops and re-takes the GIL on request. Returns false with an exception pending.
bool handle_eval_breaker();

/// Records that a signal arrived (async-signal-safe).
void signal_pending(int signum);
/// Set by the signal module: runs the Python-level handlers of the signals that arrived, in the
/// main thread at a check point; false with the handler's exception pending. Until it is set
/// (the module not imported), a SIGINT raises KeyboardInterrupt directly.
extern bool (*g_run_signal_handlers)();
/// Takes the "arrived" mark of `signum` (for g_run_signal_handlers).
bool signal_take_tripped(int signum);

/// signal.set_wakeup_fd: signal_pending writes each arriving signal's number as one byte to this
/// descriptor (-1: none), so that an event loop blocked in select() wakes up (asyncio's
/// add_signal_handler). With g_signal_wakeup_warn off a full buffer (EAGAIN) is not an error.
extern std::atomic<int> g_signal_wakeup_fd;
extern std::atomic<bool> g_signal_wakeup_warn;
/// errno of the last failed wakeup write (0: none); the signal module reports it as an unraisable
/// OSError at its next check point, as CPython's report_wakeup_write_error.
extern std::atomic<int> g_signal_wakeup_error;

}  // namespace minipy::rt
