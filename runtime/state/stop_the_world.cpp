// Stop-the-world for free-threaded builds (see stop_the_world.h). Each ThreadState carries an
// `attached` flag: set while the thread runs Python code, clear while it is detached (blocked,
// parked, not started). The requester raises the flag g_requested and the eval-breaker bit,
// then waits until no other thread is attached; a thread attaching meanwhile sees the request
// and waits for the restart. Both sides use sequentially consistent stores and loads (the
// attacher stores `attached` then loads `requested`; the requester stores `requested` then
// loads `attached`), so at least one of them sees the other.
#include "runtime/state/stop_the_world.h"

#ifdef MINIPY_FREE_THREADING

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <new>

#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

namespace {
std::mutex g_mu;
std::condition_variable g_cv;  // attach waiters (world restarted) and the requester (a detach)
std::atomic<bool> g_requested{false};
ThreadState* g_requester = nullptr;  // guarded by g_mu

bool others_attached(ThreadState* me) {
  InterpreterState& in = interp();
  std::lock_guard<std::mutex> g(in.threads_mutex);
  for (ThreadState* t : in.threads) {
    if (t != me && t->attached.load()) return true;
  }
  return false;
}
}  // namespace

bool stw_try_attach(ThreadState* ts) {
  ts->attached.store(true);
  if (!g_requested.load()) return true;
  std::lock_guard<std::mutex> g(g_mu);
  if (g_requester == ts || !g_requested.load()) return true;
  ts->attached.store(false);
  g_cv.notify_all();  // the requester may be waiting for us
  return false;
}

void stw_wait_restart() {
  std::unique_lock<std::mutex> g(g_mu);
  g_cv.wait(g, [] { return !g_requested.load(); });
}

void stw_detach(ThreadState* ts) {
  ts->attached.store(false);
  if (g_requested.load()) {
    std::lock_guard<std::mutex> g(g_mu);
    g_cv.notify_all();
  }
}

void stop_the_world() {
  // With the GIL on, holding it already keeps every other thread out of Python code (as in the
  // default build); threads yielding it at a check point stay "attached" and must not be waited
  // for.
  if (gil_enabled()) return;
  ThreadState* me = tstate();
  std::unique_lock<std::mutex> g(g_mu);
  // Another thread is stopping the world: let it, then take our turn.
  while (g_requested.load()) {
    g.unlock();
    park_for_stop_the_world(me);
    g.lock();
  }
  g_requester = me;
  g_requested.store(true);
  g_eval_breaker.fetch_or(kBreakStopTheWorld);
  // Wait with a timeout as well: a thread may leave the thread list without detaching.
  while (others_attached(me)) g_cv.wait_for(g, std::chrono::milliseconds(1));
}

void start_the_world() {
  if (gil_enabled()) return;
  std::lock_guard<std::mutex> g(g_mu);
  g_requester = nullptr;
  g_eval_breaker.fetch_and(~kBreakStopTheWorld);
  g_requested.store(false);
  g_cv.notify_all();
}

void park_for_stop_the_world(ThreadState* ts) {
  if (ts == nullptr) return;
  {
    std::lock_guard<std::mutex> g(g_mu);
    if (g_requester == ts || !g_requested.load()) return;
  }
  thread_detach(ts);  // suspends its critical sections, drops the GIL when on
  thread_attach(ts);  // waits until the world restarts
}

void stw_after_fork() {
  new (&g_mu) std::mutex();
  new (&g_cv) std::condition_variable();
  g_requester = nullptr;
  g_requested.store(false);
  g_eval_breaker.fetch_and(~kBreakStopTheWorld);
}

}  // namespace minipy::rt

#endif  // MINIPY_FREE_THREADING
