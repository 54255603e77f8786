// The "fifo" policy: a fair GIL. Waiters draw tickets and get the GIL strictly in arrival
// order, so nobody barges: a thread that releases around a blocking call, or drops on request at
// a check point, queues behind everyone already waiting. Drop requests work as in the interval
// policy, but only the head of the queue makes them, one switch interval after the holder took
// the GIL, so CPU-bound threads take turns of one interval each and their shares stay equal
// (counted from the take, not from when the head began to wait: see wait_turn). A thread that
// yields at a check point draws its ticket in the same step as it lets go of the GIL, so it
// arrives at the moment it leaves: a busy OS that delays the yielder cannot let another thread
// that came later get ahead of it (the turns stay strict however the threads are scheduled).
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

class FifoGil final : public GilPolicy {
 public:
  const char* name() const override { return "fifo"; }

  void take(ThreadState* ts) override {
    std::unique_lock<std::mutex> lock(mutex_);
    uint64_t ticket = next_ticket_++;
    if (locked_ || serving_ != ticket) gil_trace(GilEvent::kWait);  // in ticket order
    wait_turn(ts, ticket, lock);
  }

  void drop(ThreadState* ts) override {
    bool forced;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      forced = release(ts);
    }
    after_release(ts, forced);
  }

  /// Queues for the GIL in the same step as it lets go (see the file comment).
  void yield(ThreadState* ts) override {
    std::unique_lock<std::mutex> lock(mutex_);
    gil_trace(GilEvent::kYield);  // under the mutex: traces show waits in ticket order
    uint64_t ticket = next_ticket_++;
    bool forced = release(ts);
    lock.unlock();
    after_release(ts, forced);
    lock.lock();
    wait_turn(ts, ticket, lock);
  }

 private:
  /// Waits (under `lock`) until `ticket` is served and the GIL is free, then takes it.
  void wait_turn(ThreadState* ts, uint64_t ticket, std::unique_lock<std::mutex>& lock) {
    if (locked_ || serving_ != ticket) {
      gil_bump(ts->gil_contended);
      uint64_t t0 = monotonic_ns();
      while (locked_ || serving_ != ticket) {
        uint64_t interval_ns =
            1000 * std::max<uint64_t>(1, g_gil_interval_us.load(std::memory_order_relaxed));
        if (!locked_ || serving_ != ticket || drop_request_) {
          cond_.wait_for(lock, std::chrono::nanoseconds(interval_ns));
          continue;
        }
        // The head of the queue ends the holder's turn one interval after the holder took the
        // GIL, not one interval after the head began to wait: a waiter that queued before the
        // current turn began (every yielder does) would otherwise give that turn up to two
        // intervals, and the shares would follow the OS's timing rather than the turns.
        uint64_t now = monotonic_ns();
        uint64_t deadline = held_since_ns_ + interval_ns;
        if (now < deadline) {
          cond_.wait_for(lock, std::chrono::nanoseconds(deadline - now));
          continue;
        }
        drop_request_ = true;
        g_eval_breaker.fetch_or(kBreakGilDropRequest, std::memory_order_relaxed);
        gil_bump(ts->gil_drop_requests);
        gil_bump(gil_totals().drop_requests);
        gil_trace(GilEvent::kDropRequest);
      }
      gil_bump(ts->gil_wait_ns, monotonic_ns() - t0);
    }
    serving_++;
    locked_ = true;
    if (last_holder_ != ts) {
      last_holder_ = ts;
      gil_bump(gil_totals().switches);
    }
    if (drop_request_) {
      drop_request_ = false;
      g_eval_breaker.fetch_and(~kBreakGilDropRequest, std::memory_order_relaxed);
    }
    gil_bump(ts->gil_acquisitions);
    ts->gil_taken_at_ns = held_since_ns_ = monotonic_ns();
    gil_trace(GilEvent::kHold);
  }

  /// Lets go of the GIL (under mutex_); true if a drop was requested.
  bool release(ThreadState* ts) {
    gil_bump(ts->gil_hold_ns, monotonic_ns() - ts->gil_taken_at_ns);
    locked_ = false;
    // A requested drop is a hand-off by construction: the dropper queues behind the waiter
    // that asked.
    bool forced = drop_request_;
    if (forced) {
      drop_request_ = false;
      g_eval_breaker.fetch_and(~kBreakGilDropRequest, std::memory_order_relaxed);
    }
    return forced;
  }

  /// After release(), outside mutex_: counts a forced switch and wakes the queue.
  void after_release(ThreadState* ts, bool forced) {
    if (forced) {
      gil_bump(ts->gil_forced_switches);
      gil_bump(gil_totals().forced_switches);
      gil_trace(GilEvent::kForcedSwitch);
    }
    cond_.notify_all();  // the head of the queue must be the one that wakes
  }

 public:
  void reinit_after_fork(ThreadState* ts) override {
    new (&mutex_) std::mutex();
    new (&cond_) std::condition_variable();
    locked_ = true;
    last_holder_ = ts;
    next_ticket_ = serving_ = 0;
    drop_request_ = false;
    g_eval_breaker.fetch_and(~kBreakGilDropRequest);
    ts->gil_taken_at_ns = held_since_ns_ = monotonic_ns();
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
  // All under mutex_.
  bool locked_ = false;
  ThreadState* last_holder_ = nullptr;
  uint64_t next_ticket_ = 0;    // the ticket the next arriving thread draws
  uint64_t serving_ = 0;        // the ticket whose holder may take the GIL next
  uint64_t held_since_ns_ = 0;  // when the current holder took the GIL
  bool drop_request_ = false;
};

}  // namespace

std::unique_ptr<GilPolicy> make_fifo_gil() { return std::make_unique<FifoGil>(); }

}  // namespace minipy::rt
