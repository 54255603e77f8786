// The global interpreter lock.
//
// Design note (our own words; the model is CPython >= 3.2's "new GIL", Python/ceval_gil.c):
//
// * One lock guards all interpreter state. It is not a bare mutex: a mutex + condition variable
//   protect a `locked` flag, the `last_holder` thread and a `switch_number` that counts changes
//   of holder. Threads that run Python code hold the GIL; threads blocked in a system call do
//   not.
// * A thread that wants the GIL and finds it taken waits on the condition variable for at most
//   the switch interval (default 5 ms, sys.setswitchinterval). If the wait times out and no
//   switch happened meanwhile, it sets a *drop request*: a bit in the eval breaker word
//   (runtime/state/eval_breaker.h) that the holder tests at its next check point (a loop back
//   edge, a function entry, the return from a native call). Each waiter runs its own timer; there
//   is no queue and no fairness: whichever waiter wakes first wins.
// * Forced switching: a holder that drops the GIL while a drop request is pending waits on a
//   second condition variable until another thread has actually taken the GIL. So a requested
//   drop is a hand-off, not a release the dropper could win straight back (the "GIL battle" of
//   the pre-3.2 lock). A voluntary release around a blocking call (ReleaseGil below) without a
//   pending request is not a hand-off: the releaser may re-take the GIL before a waiter wakes.
// * Check points are only where the eval loop tests the breaker, so an instruction sequence
//   like LOAD_GLOBAL/BINARY_OP/STORE_GLOBAL is never split (a plain `x += 1` loses no updates,
//   as on CPython 3.11) and a long native call is never preempted. `-X gil-checkpoints=every`
//   tests after every instruction, like the interpreters of CPython <= 3.9 could switch.
// * Every blocking operation releases the GIL through one RAII guard, ReleaseGil, and re-takes it
//   afterwards. A thread blocked there costs the others nothing.
// * Counters are always on and cheap: acquisitions, contended acquisitions, drop requests, forced
//   switches, wait and hold time per thread (plain relaxed atomics written by their own thread).
// * After fork() the child re-creates the GIL's mutexes and condition variables (the parent's may
//   have been held by a thread that does not exist in the child) and holds the GIL.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace minipy::rt {

struct ThreadState;

/// Interface shared by GIL policies so they can be compared on one workload.
class GilPolicy {
 public:
  virtual ~GilPolicy() = default;
  virtual const char* name() const = 0;
  /// Blocks until `ts` holds the GIL.
  virtual void take(ThreadState* ts) = 0;
  /// Releases the GIL held by `ts`; with a pending drop request, waits for a hand-off.
  virtual void drop(ThreadState* ts) = 0;
  /// Re-creates the lock in a forked child, held by `ts`.
  virtual void reinit_after_fork(ThreadState* ts) = 0;
  virtual bool is_held_by(const ThreadState* ts) const = 0;
};

/// Global GIL counters (per-thread ones live on ThreadState).
struct GilTotals {
  std::atomic<uint64_t> switches{0};       // changes of holder
  std::atomic<uint64_t> drop_requests{0};
  std::atomic<uint64_t> forced_switches{0};
};

GilPolicy& gil();
GilTotals& gil_totals();
/// Selects the policy by name ("interval" (default), "fair", "tick"); false if unknown.
bool gil_select_policy(const char* name);

/// Switch interval in microseconds (sys.setswitchinterval stores seconds * 1e6).
void gil_set_interval_us(uint64_t us);
uint64_t gil_interval_us();

/// Whether the eval loop tests the breaker after every instruction (-X gil-checkpoints=every).
extern bool g_checkpoint_every;

/// Called from handle_eval_breaker when a drop request is pending.
void gil_yield_on_request(ThreadState* ts);

/// Releases the GIL for the lifetime of the guard (around blocking calls). The code inside must
/// not touch Python objects.
class ReleaseGil {
 public:
  ReleaseGil();
  ~ReleaseGil();
  ReleaseGil(const ReleaseGil&) = delete;
  ReleaseGil& operator=(const ReleaseGil&) = delete;

 private:
  ThreadState* ts_;
};

uint64_t monotonic_ns();

}  // namespace minipy::rt
