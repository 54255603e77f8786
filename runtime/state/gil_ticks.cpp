// The "ticks" policy: CPython <= 3.1's GIL. A plain lock (the old GIL was a PyThread lock, a
// semaphore on Linux) that the holder releases and re-takes every N check points
// (sys.setcheckinterval, default 100 "ticks"; here -X gil-ticks=N or gil.set_ticks). There is no
// drop request and no hand-off: the releaser runs on and usually takes the lock straight back
// before the woken waiter is scheduled, so on a multi-core machine CPU-bound threads fight over
// the lock ("GIL battle", Beazley 2009) and a thread back from I/O can wait a long time.
// A tick is one check point: a loop back edge, a function entry or a return from a native call,
// or every instruction with -X gil-checkpoints=every (as CPython <= 3.1 counted instructions).
#include <condition_variable>
#include <memory>
#include <mutex>
#include <new>

#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil_policies.h"
#include "runtime/state/gil_trace.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

namespace {

class TicksGil final : public GilPolicy {
 public:
  const char* name() const override { return "ticks"; }

  void take(ThreadState* ts) override {
    std::unique_lock<std::mutex> lock(mutex_);
    if (locked_) {
      gil_trace(GilEvent::kWait);
      gil_bump(ts->gil_contended);
      uint64_t t0 = monotonic_ns();
      // While someone waits, the holder must count its check points: the breaker bit makes the
      // eval loop call yield() at each one (the old GIL counted ticks unconditionally).
      if (waiters_++ == 0) g_eval_breaker.fetch_or(kBreakGilDropRequest, std::memory_order_relaxed);
      while (locked_) cond_.wait(lock);
      if (--waiters_ == 0)
        g_eval_breaker.fetch_and(~kBreakGilDropRequest, std::memory_order_relaxed);
      gil_bump(ts->gil_wait_ns, monotonic_ns() - t0);
    }
    locked_ = true;
    if (last_holder_ != ts) {
      last_holder_ = ts;
      gil_bump(gil_totals().switches);
    }
    gil_bump(ts->gil_acquisitions);
    ts->gil_taken_at_ns = monotonic_ns();
    gil_trace(GilEvent::kHold);
  }

  void drop(ThreadState* ts) override {
    gil_bump(ts->gil_hold_ns, monotonic_ns() - ts->gil_taken_at_ns);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      locked_ = false;
    }
    cond_.notify_one();
  }

  void yield(ThreadState* ts) override {
    // Only the holder gets here, so the tick counter needs no lock.
    if (++ticks_ < gil_ticks()) return;
    ticks_ = 0;
    gil_trace(GilEvent::kYield);
    drop(ts);
    take(ts);
  }

  void reinit_after_fork(ThreadState* ts) override {
    new (&mutex_) std::mutex();
    new (&cond_) std::condition_variable();
    locked_ = true;
    last_holder_ = ts;
    waiters_ = 0;
    ticks_ = 0;
    g_eval_breaker.fetch_and(~kBreakGilDropRequest);
    ts->gil_taken_at_ns = monotonic_ns();
  }

  bool is_held_by(const ThreadState* ts) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return locked_ && last_holder_ == ts;
  }

  const ThreadState* holder() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return locked_ ? last_holder_ : nullptr;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cond_;
  bool locked_ = false;                 // under mutex_
  ThreadState* last_holder_ = nullptr;  // under mutex_
  int waiters_ = 0;                     // under mutex_
  uint64_t ticks_ = 0;                  // check points since the holder last released
};

}  // namespace

std::unique_ptr<GilPolicy> make_ticks_gil() { return std::make_unique<TicksGil>(); }

}  // namespace minipy::rt
