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
// * Free-threaded builds (MINIPY_FREE_THREADING) compile the GIL in but start with it off; it is
//   chosen once at start-up, before any second thread exists (-X gil=0|1, PYTHON_GIL=0|1, as in
//   CPython 3.13t), and gil_enabled() says which. With it off, taking and dropping it are skipped
//   and per-object locks (runtime/critical_section.h) protect containers instead. With it on the
//   build behaves as the default one. MINIPY_UNSAFE_NO_GIL removes it and adds nothing else.
// * After fork() the child re-creates the GIL's mutexes and condition variables (the parent's may
//   have been held by a thread that does not exist in the child) and holds the GIL.
// * The design is swappable (-X gil-policy=NAME) so designs compare on one workload: `ticks`
//   (CPython <= 3.1: release and re-take every N check points, no hand-off), `fifo` (waiters
//   served in arrival order), `io-priority` (a thread back from a blocking call preempts a
//   CPU-bound holder at once). -X gil-schedule=SEED replaces time with a seeded generator so
//   interleavings replay exactly. All keep the same counters and emit the same trace events
//   (gil_trace.h: per-thread buffers, Chrome trace JSON, -X gil-trace=FILE).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "runtime/state/eval_breaker.h"

namespace minipy::rt {

struct ThreadState;

/// Interface shared by GIL policies so they can be compared on one workload (-X gil-policy=NAME):
/// interval (gil_interval.cpp), ticks (gil_ticks.cpp), fifo and io-priority (gil_fifo.cpp,
/// gil_interval.cpp), and the seeded scheduler behind -X gil-schedule=SEED (gil_schedule.cpp).
/// Every policy keeps the same counters (GilTotals and ThreadState::gil_*) and records the same
/// trace events (gil_trace.h), so their timelines and numbers compare directly.
class GilPolicy {
 public:
  virtual ~GilPolicy() = default;
  virtual const char* name() const = 0;
  /// Blocks until `ts` holds the GIL.
  virtual void take(ThreadState* ts) = 0;
  /// Releases the GIL held by `ts`; with a pending drop request, waits for a hand-off.
  virtual void drop(ThreadState* ts) = 0;
  /// At a check point with the drop-request bit of the eval breaker set: the default drops the
  /// GIL and takes it again (a hand-off when the drop was requested).
  virtual void yield(ThreadState* ts);
  /// Re-creates the lock in a forked child, held by `ts` (also used to hand a freshly selected
  /// policy the GIL that the start-up thread holds).
  virtual void reinit_after_fork(ThreadState* ts) = 0;
  virtual bool is_held_by(const ThreadState* ts) const = 0;
  /// The thread holding the GIL now, or null (a snapshot for -X gil-top's sampling).
  virtual const ThreadState* holder() const = 0;
};

/// Global GIL counters (per-thread ones live on ThreadState).
struct GilTotals {
  std::atomic<uint64_t> switches{0};  // changes of holder
  std::atomic<uint64_t> drop_requests{0};
  std::atomic<uint64_t> forced_switches{0};
};

GilPolicy& gil();
GilTotals& gil_totals();
/// Selects the policy by name: "interval" (default), "ticks", "fifo", "io-priority". Only while a
/// single thread runs (start-up, or gil.set_policy with no other thread); that thread keeps the
/// GIL. False if the name is unknown.
bool gil_select_policy(const char* name);
/// The names gil_select_policy accepts, comma-separated (for messages).
const char* gil_policy_names();

/// -X gil-schedule=SEED: reproducible interleavings (gil_schedule.cpp). Replaces the policy.
void gil_select_schedule(uint64_t seed);
/// True (and the seed) when the seeded scheduler runs.
bool gil_schedule_seed(uint64_t* seed);

/// -X gil-schedule: a lock release that wakes a waiting thread reports it, and the scheduler makes
/// no choice until that thread has queued for the GIL again (keeps interleavings reproducible).
/// A no-op under the other policies.
void gil_schedule_note_wakeup();

/// Check points between releases under the `ticks` policy (CPython <= 3.1's check interval,
/// sys.setcheckinterval, default 100).
void gil_set_ticks(uint64_t n);
uint64_t gil_ticks();

/// True while the calling thread re-takes the GIL after a blocking call (ReleaseGil's
/// destructor): io-priority gives such a waiter precedence.
bool gil_taking_after_blocking();
/// While the calling thread drops the GIL around a blocking call (ReleaseGil's constructor): the
/// call's name; else null.
const char* gil_dropping_to_block();

/// Switch interval in microseconds (sys.setswitchinterval stores seconds * 1e6).
void gil_set_interval_us(uint64_t us);
uint64_t gil_interval_us();

/// Whether the eval loop tests the breaker after every instruction (-X gil-checkpoints=every).
inline bool checkpoint_every() { return (g_every_insn & kEveryInsnCheckpoint) != 0; }
inline void set_checkpoint_every(bool on) {
  every_insn_set(kEveryInsnCheckpoint, on);
}

/// Called from handle_eval_breaker when a drop request is pending.
void gil_yield_on_request(ThreadState* ts);

#if defined(MINIPY_UNSAFE_NO_GIL)
inline constexpr bool gil_enabled() { return false; }
#elif defined(MINIPY_FREE_THREADING)
/// Written once at start-up before any other thread exists, read-only afterwards.
extern bool g_gil_enabled;
inline bool gil_enabled() { return g_gil_enabled; }
#else
inline constexpr bool gil_enabled() { return true; }
#endif
/// Free-threaded builds: turns the GIL on or off; only before runtime_init (a single thread).
void gil_set_enabled(bool on);

/// A thread starts or resumes running Python code: takes the GIL when there is one, makes `ts`
/// current and re-locks its innermost critical section (free-threaded builds).
void thread_attach(ThreadState* ts);
/// The reverse, before the thread blocks or ends: suspends its critical sections, clears the
/// current thread state and drops the GIL when there is one.
void thread_detach(ThreadState* ts);

/// The same without touching critical sections (a thread parking on an object lock, which has
/// already suspended them).
void thread_attach_keeping_sections(ThreadState* ts);
void thread_detach_keeping_sections(ThreadState* ts);

/// Releases the GIL for the lifetime of the guard (around blocking calls). The code inside must
/// not touch Python objects.
class ReleaseGil {
 public:
  /// `what` names the call in GIL traces ("sleep", "lock", "read", ...); a string literal.
  explicit ReleaseGil(const char* what = "blocking");
  ~ReleaseGil();
  ReleaseGil(const ReleaseGil&) = delete;
  ReleaseGil& operator=(const ReleaseGil&) = delete;

 private:
  ThreadState* ts_;
};

uint64_t monotonic_ns();

}  // namespace minipy::rt
