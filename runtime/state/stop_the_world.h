// Stop-the-world (free-threaded builds): one thread asks every other thread that runs Python
// code to park at its next eval-breaker check point, and goes on once none is running. The cycle
// collector and os.fork() need it there: without a GIL nothing else keeps other threads out of
// the object graph. A parked or detached thread (blocked in a system call, ReleaseGil) holds no
// critical section and cannot re-attach until the world restarts. In the default build the GIL
// already gives the holder the world, and these are empty.
#pragma once

namespace minipy::rt {

struct ThreadState;

#ifdef MINIPY_FREE_THREADING
/// Returns once every other thread is parked or detached. Called attached; nests not.
void stop_the_world();
void start_the_world();
/// The eval breaker's kBreakStopTheWorld: parks `ts` until the world restarts.
void park_for_stop_the_world(ThreadState* ts);
/// thread_attach/thread_detach bookkeeping: false while another thread has the world stopped
/// (the caller then drops the GIL, if it holds it, and waits for the restart).
bool stw_try_attach(ThreadState* ts);
void stw_wait_restart();
void stw_detach(ThreadState* ts);
/// In a forked child: no stop is in progress any more.
void stw_after_fork();
#else
inline void stop_the_world() {}
inline void start_the_world() {}
inline void stw_after_fork() {}
#endif

/// RAII form: the world is stopped for the guard's lifetime.
class StopTheWorld {
 public:
  StopTheWorld() { stop_the_world(); }
  ~StopTheWorld() { start_the_world(); }
  StopTheWorld(const StopTheWorld&) = delete;
  StopTheWorld& operator=(const StopTheWorld&) = delete;
};

}  // namespace minipy::rt
