// The default GIL policy, "interval": CPython's GIL since 3.2, with drop requests and forced
// switching (see the design note in gil.h). The same class with `io_priority` is the
// "io-priority" policy: a thread returning from a blocking call does not wait out the switch
// interval but asks the holder to drop at once, and CPU-bound waiters stand back until it got the
// GIL (the remedy proposed for the convoy effect, bpo-7946).
#include <algorithm>
#include <chrono>
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

class IntervalGil final : public GilPolicy {
 public:
  explicit IntervalGil(bool io_priority) : io_priority_(io_priority) {}

  const char* name() const override { return io_priority_ ? "io-priority" : "interval"; }

  void take(ThreadState* ts) override {
    GilTotals& totals = gil_totals();
    std::unique_lock<std::mutex> lock(mutex_);
    bool priority = io_priority_ && gil_taking_after_blocking();
    if (locked_.load(std::memory_order_relaxed) || (!priority && priority_waiters_ > 0)) {
      gil_trace(GilEvent::kWait);
      gil_bump(ts->gil_contended);
      uint64_t t0 = monotonic_ns();
      if (priority) {
        priority_waiters_++;
        if (locked_.load(std::memory_order_relaxed)) request_drop(ts);
      }
      while (locked_.load(std::memory_order_relaxed) || (!priority && priority_waiters_ > 0)) {
        uint64_t saved = switch_number_.load(std::memory_order_relaxed);
        auto interval = std::chrono::microseconds(
            std::max<uint64_t>(1, g_gil_interval_us.load(std::memory_order_relaxed)));
        bool timed_out = cond_.wait_for(lock, interval) == std::cv_status::timeout;
        // Ask for a drop only if nobody switched while we waited: a switch to a third thread
        // restarts our timer without a request. A priority waiter asks again after any switch
        // that did not go to it.
        if (locked_.load(std::memory_order_relaxed) &&
            ((timed_out && switch_number_.load(std::memory_order_relaxed) == saved) ||
             (priority && !drop_request_.load(std::memory_order_relaxed)))) {
          request_drop(ts);
        }
      }
      if (priority) priority_waiters_--;
      gil_bump(ts->gil_wait_ns, monotonic_ns() - t0);
    }
    {
      std::lock_guard<std::mutex> sl(switch_mutex_);
      locked_.store(true, std::memory_order_relaxed);
      if (last_holder_.load(std::memory_order_relaxed) != ts) {
        last_holder_.store(ts, std::memory_order_relaxed);
        switch_number_.fetch_add(1, std::memory_order_relaxed);
        gil_bump(totals.switches);
      }
      switch_cond_.notify_all();
    }
    if (drop_request_.load(std::memory_order_relaxed)) {
      drop_request_.store(false, std::memory_order_relaxed);
      g_eval_breaker.fetch_and(~kBreakGilDropRequest, std::memory_order_relaxed);
    }
    gil_bump(ts->gil_acquisitions);
    ts->gil_taken_at_ns = monotonic_ns();
    gil_trace(GilEvent::kHold);
  }

  void drop(ThreadState* ts) override {
    gil_bump(ts->gil_hold_ns, monotonic_ns() - ts->gil_taken_at_ns);
    // A drop requested before we release counts as a forced switch even if the waiter is fast
    // enough to take the GIL (and clear the request) before we look again below.
    bool requested = drop_request_.load(std::memory_order_relaxed);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      last_holder_.store(ts, std::memory_order_relaxed);
      locked_.store(false, std::memory_order_relaxed);
      // A priority waiter must be the one to wake: others would only go back to sleep.
      if (priority_waiters_ > 0)
        cond_.notify_all();
      else
        cond_.notify_one();
    }
    // Forced switching: with a drop request pending, wait until another thread holds the GIL.
    if (requested || drop_request_.load(std::memory_order_relaxed)) {
      gil_bump(ts->gil_forced_switches);
      gil_bump(gil_totals().forced_switches);
      gil_trace(GilEvent::kForcedSwitch);
      std::unique_lock<std::mutex> sl(switch_mutex_);
      if (last_holder_.load(std::memory_order_relaxed) == ts) {
        drop_request_.store(false, std::memory_order_relaxed);
        g_eval_breaker.fetch_and(~kBreakGilDropRequest, std::memory_order_relaxed);
        while (last_holder_.load(std::memory_order_relaxed) == ts) switch_cond_.wait(sl);
      }
    }
  }

  void reinit_after_fork(ThreadState* ts) override {
    // The parent's mutexes may be held by threads that do not exist here: build new ones.
    new (&mutex_) std::mutex();
    new (&cond_) std::condition_variable();
    new (&switch_mutex_) std::mutex();
    new (&switch_cond_) std::condition_variable();
    locked_.store(true);
    last_holder_.store(ts);
    drop_request_.store(false);
    priority_waiters_ = 0;
    g_eval_breaker.fetch_and(~kBreakGilDropRequest);
    ts->gil_taken_at_ns = monotonic_ns();
  }

  bool is_held_by(const ThreadState* ts) const override {
    return locked_.load(std::memory_order_relaxed) &&
           last_holder_.load(std::memory_order_relaxed) == ts;
  }

  const ThreadState* holder() const override {
    return locked_.load(std::memory_order_relaxed) ? last_holder_.load(std::memory_order_relaxed)
                                                   : nullptr;
  }

 private:
  /// Sets the drop-request bit the holder tests at its next check point (caller holds mutex_).
  void request_drop(ThreadState* ts) {
    drop_request_.store(true, std::memory_order_relaxed);
    g_eval_breaker.fetch_or(kBreakGilDropRequest, std::memory_order_relaxed);
    gil_bump(ts->gil_drop_requests);
    gil_bump(gil_totals().drop_requests);
    gil_trace(GilEvent::kDropRequest);
  }

  const bool io_priority_;
  std::mutex mutex_;
  std::condition_variable cond_;
  std::mutex switch_mutex_;
  std::condition_variable switch_cond_;
  std::atomic<bool> locked_{false};
  std::atomic<ThreadState*> last_holder_{nullptr};
  std::atomic<uint64_t> switch_number_{0};
  std::atomic<bool> drop_request_{false};
  int priority_waiters_ = 0;  // io-priority: waiters back from a blocking call (under mutex_)
};

}  // namespace

std::unique_ptr<GilPolicy> make_interval_gil(bool io_priority) {
  return std::make_unique<IntervalGil>(io_priority);
}

}  // namespace minipy::rt
