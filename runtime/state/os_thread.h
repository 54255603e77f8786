// OS threads and the native lock behind _thread.LockType / RLock.
//
// A Python lock must be releasable by a thread other than its owner, so it is not a bare
// std::mutex: a small mutex guards a `locked` flag and a condition variable. acquire() first
// tries without blocking and without releasing the GIL (an uncontended acquire costs two
// uncontended mutex operations, as CPython's acquire_timed tries a zero timeout first); only a
// thread that must wait releases the GIL (ReleaseGil) and blocks. The main thread waits in
// short slices so a Ctrl-C (pending SIGINT) interrupts lock waits and join().
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

namespace minipy::rt {

struct ThreadState;

/// The longest wait a timeout may ask for, in microseconds: CPython's PY_TIMEOUT_MAX on Linux
/// (the largest count of microseconds whose nanoseconds fit in int64), hence _thread.TIMEOUT_MAX
/// = 9223372036.0 seconds.
inline constexpr int64_t kTimeoutMaxUs = INT64_MAX / 1000;

/// now + timeout_us on the steady clock, saturated at the clock's maximum: a timeout near
/// kTimeoutMaxUs (~292 years) would overflow the clock's nanosecond count past its epoch (the
/// machine's boot), and an overflowed deadline would be in the past.
std::chrono::steady_clock::time_point steady_deadline(int64_t timeout_us);

class NativeLock {
 public:
  enum class Result { Acquired, TimedOut, Interrupted };
  /// timeout_us < 0: wait forever; 0: try once. Call with the GIL held.
  Result acquire(bool blocking, int64_t timeout_us);
  /// false when the lock was not locked.
  bool release();
  bool locked();
  /// Re-creates the lock unlocked in a forked child (the old internals may be held forever).
  void reinit_after_fork();

 private:
  bool try_acquire();
  std::mutex mu_;
  std::condition_variable cv_;
  bool locked_ = false;
  int waiters_ =
      0;  // threads blocked in acquire() (under mu_): -X gil-schedule waits for the one woken
};

/// Starts an OS thread running `body` with a fresh ThreadState that holds the GIL while
/// running Python code. Returns the new thread's ident (0 on failure, errno set).
uint64_t start_os_thread(std::function<void(ThreadState*)> body);

/// The calling thread's ident (threading.get_ident()) and OS thread id.
uint64_t current_thread_ident();
int64_t current_native_id();

/// Number of threads started by start_os_thread that are still running (_thread._count()).
int running_thread_count();

/// Runs `f` once when the calling thread, started by start_os_thread, has finished its Python
/// code: still attached, after it stopped counting in running_thread_count() and after its thread
/// state dropped its objects (_thread._set_sentinel releases the lock that Thread.join() waits on
/// here, as CPython releases its sentinel). Replaces an earlier one without running it.
void on_thread_exit(std::function<void()> f);

}  // namespace minipy::rt
