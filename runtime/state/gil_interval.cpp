// The default GIL policy: CPython's interval GIL with drop requests and forced switching
// (see the design note in gil.h).
#include <chrono>
#include <memory>
#include <new>

#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

bool g_checkpoint_every = false;

namespace {

std::atomic<uint64_t> g_interval_us{5000};
GilTotals g_totals;

void bump(std::atomic<uint64_t>& c, uint64_t n = 1) { c.fetch_add(n, std::memory_order_relaxed); }

class IntervalGil final : public GilPolicy {
 public:
  const char* name() const override { return "interval"; }

  void take(ThreadState* ts) override {
    std::unique_lock<std::mutex> lock(mutex_);
    if (locked_.load(std::memory_order_relaxed)) {
      bump(ts->gil_contended);
      uint64_t t0 = monotonic_ns();
      while (locked_.load(std::memory_order_relaxed)) {
        uint64_t saved = switch_number_.load(std::memory_order_relaxed);
        auto interval = std::chrono::microseconds(std::max<uint64_t>(1, g_interval_us.load(std::memory_order_relaxed)));
        bool timed_out = cond_.wait_for(lock, interval) == std::cv_status::timeout;
        // Ask for a drop only if nobody switched while we waited: a switch to a third thread
        // restarts our timer without a request.
        if (timed_out && locked_.load(std::memory_order_relaxed) &&
            switch_number_.load(std::memory_order_relaxed) == saved) {
          drop_request_.store(true, std::memory_order_relaxed);
          g_eval_breaker.fetch_or(kBreakGilDropRequest, std::memory_order_relaxed);
          bump(ts->gil_drop_requests);
          bump(g_totals.drop_requests);
        }
      }
      bump(ts->gil_wait_ns, monotonic_ns() - t0);
    }
    {
      std::lock_guard<std::mutex> sl(switch_mutex_);
      locked_.store(true, std::memory_order_relaxed);
      if (last_holder_.load(std::memory_order_relaxed) != ts) {
        last_holder_.store(ts, std::memory_order_relaxed);
        switch_number_.fetch_add(1, std::memory_order_relaxed);
        bump(g_totals.switches);
      }
      switch_cond_.notify_all();
    }
    if (drop_request_.load(std::memory_order_relaxed)) {
      drop_request_.store(false, std::memory_order_relaxed);
      g_eval_breaker.fetch_and(~kBreakGilDropRequest, std::memory_order_relaxed);
    }
    bump(ts->gil_acquisitions);
    ts->gil_taken_at_ns = monotonic_ns();
  }

  void drop(ThreadState* ts) override {
    bump(ts->gil_hold_ns, monotonic_ns() - ts->gil_taken_at_ns);
    // A drop requested before we release counts as a forced switch even if the waiter is fast
    // enough to take the GIL (and clear the request) before we look again below.
    bool requested = drop_request_.load(std::memory_order_relaxed);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      last_holder_.store(ts, std::memory_order_relaxed);
      locked_.store(false, std::memory_order_relaxed);
      cond_.notify_one();
    }
    // Forced switching: with a drop request pending, wait until another thread holds the GIL.
    if (requested || drop_request_.load(std::memory_order_relaxed)) {
      bump(ts->gil_forced_switches);
      bump(g_totals.forced_switches);
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
    g_eval_breaker.fetch_and(~kBreakGilDropRequest);
    ts->gil_taken_at_ns = monotonic_ns();
  }

  bool is_held_by(const ThreadState* ts) const override {
    return locked_.load(std::memory_order_relaxed) && last_holder_.load(std::memory_order_relaxed) == ts;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cond_;
  std::mutex switch_mutex_;
  std::condition_variable switch_cond_;
  std::atomic<bool> locked_{false};
  std::atomic<ThreadState*> last_holder_{nullptr};
  std::atomic<uint64_t> switch_number_{0};
  std::atomic<bool> drop_request_{false};
};

GilPolicy* g_policy = nullptr;

}  // namespace

GilPolicy& gil() {
  if (g_policy == nullptr) g_policy = new IntervalGil();
  return *g_policy;
}

GilTotals& gil_totals() { return g_totals; }

bool gil_select_policy(const char* name) {
  if (std::string_view(name) == "interval") {
    gil();
    return true;
  }
  return false;
}

void gil_set_interval_us(uint64_t us) { g_interval_us.store(us, std::memory_order_relaxed); }
uint64_t gil_interval_us() { return g_interval_us.load(std::memory_order_relaxed); }

void gil_yield_on_request(ThreadState* ts) {
  GilPolicy& g = gil();
  ThreadState::set_current(nullptr);
  g.drop(ts);
  g.take(ts);
  ThreadState::set_current(ts);
}

ReleaseGil::ReleaseGil() : ts_(tstate()) {
  ThreadState::set_current(nullptr);
  gil().drop(ts_);
}

ReleaseGil::~ReleaseGil() {
  gil().take(ts_);
  ThreadState::set_current(ts_);
}

uint64_t monotonic_ns() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

}  // namespace minipy::rt
