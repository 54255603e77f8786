// The free-threaded per-object lock's slow paths (see runtime/critical_section.h): parking a
// thread on a contended object lock, waking it, and suspending/resuming a thread's sections
// when it blocks. Nothing here exists in the default build.
#include "runtime/critical_section.h"

#ifdef MINIPY_FREE_THREADING

#include <condition_variable>
#include <mutex>
#include <thread>

#include "runtime/state/gil.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

namespace {

/// Parked threads wait on one of a few condition variables chosen by the object's address (a
/// tiny parking lot: a mutex and condvar per object would double a list's size).
struct ParkBucket {
  std::mutex mu;
  std::condition_variable cv;
};
constexpr size_t kBuckets = 64;
ParkBucket g_buckets[kBuckets];
ParkBucket& bucket_of(const Object* o) {
  return g_buckets[(reinterpret_cast<uintptr_t>(o) >> 5) % kBuckets];
}

/// Blocks until `o`'s lock is free (not taking it). Called with nothing locked and without the GIL.
void park_until_free(Object* o) {
  ParkBucket& b = bucket_of(o);
  std::unique_lock<std::mutex> lk(b.mu);
  for (;;) {
    uint8_t v = o->lock_state.load(std::memory_order_relaxed);
    if (!(v & kLockHeld)) return;
    if (!(v & kLockParked) &&
        !o->lock_state.compare_exchange_weak(v, v | kLockParked, std::memory_order_relaxed)) {
      continue;
    }
    b.cv.wait(lk);
  }
}

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

}  // namespace

void CriticalSection::wake(Object* o) {
  ParkBucket& b = bucket_of(o);
  // Taking the bucket mutex orders this wake-up after a waiter's check-then-wait.
  std::lock_guard<std::mutex> lk(b.mu);
  b.cv.notify_all();
}

void CriticalSection::acquire_slow() {
  int spins = 0;
  for (;;) {
    Object* busy = nullptr;
    if (!try_lock(a_)) {
      busy = a_;
    } else if (b_ != nullptr && !try_lock(b_)) {
      unlock(a_);
      busy = b_;
    }
    if (busy == nullptr) {
      held_ = true;
      return;
    }
    if (++spins < 64) {
      cpu_relax();
      continue;
    }
    spins = 0;
    // Block without holding anything: our other sections' locks (one of which may be the very
    // lock we want) and the GIL.
    // Detached while parked, so a thread stopping the world does not wait for this one.
    critical_sections_suspend_all();
    ThreadState* ts = tstate();
    if (ts != nullptr) thread_detach_keeping_sections(ts);
    park_until_free(busy);
    if (ts != nullptr) thread_attach_keeping_sections(ts);
  }
}

void critical_sections_suspend_all() {
  for (CriticalSection* c = CriticalSection::t_top_; c != nullptr; c = c->prev_) {
    if (!c->held_) continue;
    c->held_ = false;
    CriticalSection::unlock(c->a_);
    if (c->b_ != nullptr) CriticalSection::unlock(c->b_);
  }
}

void critical_sections_resume() {
  CriticalSection* top = CriticalSection::t_top_;
  if (top != nullptr && !top->held_) top->acquire_slow();
}

}  // namespace minipy::rt

#endif  // MINIPY_FREE_THREADING
