// OS thread start-up with a ThreadState, and the GIL-aware native lock (see os_thread.h).
#include "runtime/state/os_thread.h"

#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "runtime/state/brc.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/gil_trace.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/stop_the_world.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

namespace {
std::atomic<int> g_running_threads{0};
}

std::chrono::steady_clock::time_point steady_deadline(int64_t timeout_us) {
  using Clock = std::chrono::steady_clock;
  Clock::time_point now = Clock::now();
  auto left = std::chrono::duration_cast<std::chrono::microseconds>(Clock::time_point::max() - now);
  if (timeout_us >= left.count()) return Clock::time_point::max();
  return now + std::chrono::microseconds(timeout_us < 0 ? 0 : timeout_us);
}

bool NativeLock::try_acquire() {
  std::lock_guard<std::mutex> g(mu_);
  if (locked_) return false;
  locked_ = true;
  return true;
}

NativeLock::Result NativeLock::acquire(bool blocking, int64_t timeout_us) {
  if (try_acquire()) return Result::Acquired;
  if (!blocking || timeout_us == 0) return Result::TimedOut;
  ThreadState* ts = tstate();
  bool is_main = ts != nullptr && ts->is_main;
  auto deadline = steady_deadline(timeout_us);
  Result result = Result::TimedOut;
  {
    // Counted before the GIL goes, so a release that happens before we sleep still knows it
    // wakes someone (-X gil-schedule waits for that thread to queue for the GIL).
    std::lock_guard<std::mutex> g(mu_);
    waiters_++;
  }
  {
    ReleaseGil unlocked("lock");
    std::unique_lock<std::mutex> g(mu_);
    for (;;) {
      if (!locked_) {
        locked_ = true;
        result = Result::Acquired;
        break;
      }
      // The main thread waits in slices so a pending Ctrl-C can interrupt it.
      auto slice =
          std::chrono::steady_clock::now() + std::chrono::milliseconds(is_main ? 20 : 1000000);
      auto until = timeout_us < 0 ? slice : std::min(slice, deadline);
      cv_.wait_until(g, until);
      if (!locked_) continue;
      if (is_main && (g_eval_breaker.load(std::memory_order_relaxed) & kBreakSignalsPending)) {
        result = Result::Interrupted;
        break;
      }
      if (timeout_us >= 0 && std::chrono::steady_clock::now() >= deadline) break;
    }
    waiters_--;
  }
  return result;
}

bool NativeLock::release() {
  {
    std::lock_guard<std::mutex> g(mu_);
    if (!locked_) return false;
    locked_ = false;
    // -X gil-schedule: no scheduling choice until the thread woken here is back at the GIL.
    // Reported before the waiter can run, so its return is always counted against it.
    if (waiters_ > 0) gil_schedule_note_wakeup();
  }
  cv_.notify_one();
  return true;
}

bool NativeLock::locked() {
  std::lock_guard<std::mutex> g(mu_);
  return locked_;
}

void NativeLock::reinit_after_fork() {
  new (&mu_) std::mutex();
  new (&cv_) std::condition_variable();
  locked_ = false;
  waiters_ = 0;
}

uint64_t current_thread_ident() { return static_cast<uint64_t>(pthread_self()); }
int64_t current_native_id() { return static_cast<int64_t>(syscall(SYS_gettid)); }
int running_thread_count() { return g_running_threads.load(); }
void os_thread_after_fork() { g_running_threads.store(0); }

namespace {
thread_local std::function<void()> t_on_exit;  // on_thread_exit's hook
}  // namespace

void on_thread_exit(std::function<void()> f) { t_on_exit = std::move(f); }

namespace {
struct StartArgs {
  ThreadState* ts;
  std::function<void(ThreadState*)> body;
};

/// Drops every object the finished thread's state refers to (its contextvars context, asyncgen
/// hooks, asyncio running loop, Thread object, pending and handled exceptions), as CPython's PyThreadState_Clear, while
/// the thread is still attached: a release may run Python code (__del__), and with the GIL off it
/// must not overlap a stopped world. (They were released by `delete ts`, after the thread had
/// detached.) Moved out first, released after: a __del__ sees a consistent state.
void clear_thread_state(ThreadState* ts) {
  Ref context = std::move(ts->context);
  Ref firstiter = std::move(ts->asyncgen_firstiter);
  Ref finalizer = std::move(ts->asyncgen_finalizer);
  Ref running_loop = std::move(ts->asyncio_running_loop);
  Ref thread_object = std::move(ts->thread_object);
  Ref exc = std::move(ts->exc);
  std::vector<Ref> handled = std::move(ts->handled);
  ts->handled.clear();
}

void* thread_main(void* p) {
  // SIGINT is for the main thread (KeyboardInterrupt): keep the kernel from delivering it here,
  // so a sleeping or blocked main thread is the one woken by EINTR.
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  pthread_sigmask(SIG_BLOCK, &block, nullptr);
  auto* args = static_cast<StartArgs*>(p);
  ThreadState* ts = args->ts;
  ts->ident = current_thread_ident();
  ts->native_id = current_native_id();
  init_stack_limit(ts);
  thread_attach(ts);
  gil_trace(GilEvent::kThreadStart);
  args->body(ts);
  delete args;  // the body's captured references are released while the GIL is held
  thread_set_hook(ts, Value(), false);  // so are its trace and profile functions
  thread_set_hook(ts, Value(), true);
  // The thread no longer counts in _thread._count() before anyone waiting in join() wakes up
  // (CPython's order: the count drops before the thread state's sentinel lock is released).
  g_running_threads.fetch_sub(1);
  clear_thread_state(ts);  // before join() returns, as CPython's PyThreadState_Clear
  if (t_on_exit) {
    std::function<void()> on_exit = std::move(t_on_exit);
    t_on_exit = nullptr;
    on_exit();
  }
  brc_thread_exit();  // free-threaded: merge what other threads queued to us, while attached
  ThreadState::set_current(nullptr);
#ifdef MINIPY_FREE_THREADING
  stw_detach(ts);  // a thread stopping the world need not wait for this one
#endif
  {
    std::lock_guard<std::mutex> lock(ts->interp->threads_mutex);
    std::erase(ts->interp->threads, ts);
  }
  gil_trace(GilEvent::kThreadEnd);
  if (gil_enabled()) gil().drop(ts);
  delete ts;
  return nullptr;
}
}  // namespace

uint64_t start_os_thread(std::function<void(ThreadState*)> body) {
  ThreadState* ts = thread_state_new(&interp());
  auto* args = new StartArgs{ts, std::move(body)};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr,
                            16u << 20);  // deep recursion needs room (RecursionError, not a crash)
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t tid;
  g_running_threads.fetch_add(1);
  int err = pthread_create(&tid, &attr, thread_main, args);
  pthread_attr_destroy(&attr);
  if (err != 0) {
    g_running_threads.fetch_sub(1);
    delete args;
    {
      std::lock_guard<std::mutex> lock(interp().threads_mutex);
      std::erase(interp().threads, ts);
    }
    delete ts;
    errno = err;
    return 0;
  }
  return static_cast<uint64_t>(tid);
}

}  // namespace minipy::rt
