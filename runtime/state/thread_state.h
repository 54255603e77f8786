// ThreadState: everything that belongs to one OS thread running Python code: the pending and the
// handled exception, the innermost VM frame, recursion depth, GIL bookkeeping. Reached through a
// thread_local pointer; the InterpreterState owns the list of all thread states.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "runtime/object.h"

namespace minipy::rt {

struct InterpreterState;

struct ThreadState {
  InterpreterState* interp = nullptr;
  Ref exc;                  // the exception being raised (null = none pending)
  std::vector<Ref> handled; // stack of exceptions being handled (sys.exc_info() = top)
  void* frame = nullptr;    // innermost VM frame (vm::Frame*), opaque to the runtime
  int recursion_depth = 0;
  char* stack_limit = nullptr;  // below this address the C++ stack is nearly exhausted
  uint64_t ident = 0;           // threading.get_ident()
  int64_t native_id = 0;        // OS thread id
  bool is_main = false;
  Ref thread_object;            // the threading.Thread this state runs (may be null)
  Ref context;                  // contextvars: this thread's current Context (null until used)
  Ref asyncgen_firstiter;       // sys.set_asyncgen_hooks (null = None)
  Ref asyncgen_finalizer;
  Ref asyncio_running_loop;         // _asyncio._set_running_loop's loop (null = None), valid
  int asyncio_running_loop_pid = 0;  // only in the process that set it (not after a fork)
  int coroutine_origin_tracking_depth = 0;  // sys.set_coroutine_origin_tracking_depth
  std::vector<Object*> repr_stack;  // containers whose repr is being computed (repr_enter)
  Ref trace_func;               // sys.settrace's function (null = None): thread_set_hook
  Ref profile_func;             // sys.setprofile's
  int tracing = 0;              // > 0 while a trace or profile function runs: no events then

  // GIL statistics (runtime/state/gil.*): always on, updated by the holder or under the GIL mutex.
  std::atomic<uint64_t> gil_acquisitions{0};
  std::atomic<uint64_t> gil_contended{0};
  std::atomic<uint64_t> gil_drop_requests{0};
  std::atomic<uint64_t> gil_forced_switches{0};
  std::atomic<uint64_t> gil_wait_ns{0};
  std::atomic<uint64_t> gil_hold_ns{0};
  uint64_t gil_taken_at_ns = 0;  // only touched by the holder
#ifdef MINIPY_FREE_THREADING
  std::atomic<bool> attached{false};  // runs Python code now (stop_the_world.h)
#endif

  static ThreadState* current() { return current_; }
  static void set_current(ThreadState* t) { current_ = t; }

 private:
  // constinit: constant-initialised, so every access is one %fs-relative load, without the
  // TLS-init check that other translation units pay for a thread_local defined elsewhere.
  static constinit inline thread_local ThreadState* current_ = nullptr;
};

inline ThreadState* tstate() { return ThreadState::current(); }

/// sys.settrace (`profile` false) or sys.setprofile for thread `ts`; null or None turns it off.
/// Keeps kEveryInsnTrace set while any thread has either (the eval loop's hooks read it).
void thread_set_hook(ThreadState* ts, Value func, bool profile);

/// Records the current thread's stack bounds so deep recursion raises RecursionError instead
/// of overflowing (called when a thread starts running Python code).
void init_stack_limit(ThreadState* ts);
/// True when fewer than ~256 KiB of C++ stack remain.
inline bool stack_exhausted(ThreadState* ts) {
  char probe;
  return &probe < ts->stack_limit;
}

}  // namespace minipy::rt
