// -X gil-schedule=SEED: reproducible interleavings. Time plays no part: the holder runs a
// pseudo-random number of check points (drawn from SEED), then hands the GIL to a thread drawn
// from SEED among those waiting for it. Before any such choice the scheduler waits until every
// thread that is not blocked in a system call is waiting (a thread just started, or just woken
// from a Python lock, has to arrive first), so the same program and seed make the same choices
// whatever the OS does, and an unlocked read-modify-write loses the same number of updates.
// Threads blocked in sleep or I/O come back when the OS says: they are reproducible only as far
// as the program waits for them. A choice never waits more than a second for a straggler.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil_policies.h"
#include "runtime/state/gil_trace.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

namespace {

constexpr uint64_t kMeanRun = 50;  // mean check points between scheduled switches
constexpr uint64_t kStragglerWaitNs = 1'000'000'000;

class ScheduleGil final : public GilPolicy {
 public:
  explicit ScheduleGil(uint64_t seed) : rng_(seed) {}

  const char* name() const override { return "schedule"; }

  void take(ThreadState* ts) override {
    std::unique_lock<std::mutex> lock(mutex_);
    if (auto it = blocked_.find(ts); it != blocked_.end()) {
      // Back from a lock wait: this may be the thread a release woke (see note_wakeup).
      if (pending_wakeups_ > 0 && std::strcmp(it->second, "lock") == 0) pending_wakeups_--;
      blocked_.erase(it);
    }
    ready_.push_back(ts);
    cond_.notify_all();
    if (!my_turn(ts)) {
      gil_trace(GilEvent::kWait);
      gil_bump(ts->gil_contended);
      uint64_t t0 = monotonic_ns();
      while (!my_turn(ts)) cond_.wait_for(lock, std::chrono::milliseconds(5));
      gil_bump(ts->gil_wait_ns, monotonic_ns() - t0);
    }
    std::erase(ready_, ts);
    next_ = nullptr;
    holder_ = ts;
    if (last_holder_ != ts) {
      last_holder_ = ts;
      gil_bump(gil_totals().switches);
    }
    countdown_ = draw_run();
    gil_bump(ts->gil_acquisitions);
    ts->gil_taken_at_ns = monotonic_ns();
    gil_trace(GilEvent::kHold);
  }

  void drop(ThreadState* ts) override {
    gil_bump(ts->gil_hold_ns, monotonic_ns() - ts->gil_taken_at_ns);
    std::lock_guard<std::mutex> lock(mutex_);
    release_locked(ts);
    if (const char* call = gil_dropping_to_block()) blocked_[ts] = call;
  }

  void yield(ThreadState* ts) override {
    // Called at every check point (the breaker bit stays set); only the holder counts.
    if (--countdown_ > 0) return;
    std::unique_lock<std::mutex> lock(mutex_);
    uint64_t t0 = monotonic_ns();
    while (!all_ready(ts)) {
      if (monotonic_ns() - t0 >= kStragglerWaitNs) {
        pending_wakeups_ = 0;  // a woken waiter that timed out or lost the lock never comes
        break;
      }
      cond_.wait_for(lock, std::chrono::milliseconds(5));
    }
    if (ready_.empty()) {
      countdown_ = draw_run();
      return;
    }
    next_ = pick();
    gil_bump(ts->gil_forced_switches);
    gil_bump(gil_totals().forced_switches);
    gil_trace(GilEvent::kScheduleSwitch);
    gil_trace(GilEvent::kYield);
    gil_bump(ts->gil_hold_ns, monotonic_ns() - ts->gil_taken_at_ns);
    holder_ = nullptr;
    cond_.notify_all();
    lock.unlock();
    take(ts);
  }

  void reinit_after_fork(ThreadState* ts) override {
    new (&mutex_) std::mutex();
    new (&cond_) std::condition_variable();
    holder_ = last_holder_ = ts;
    next_ = nullptr;
    ready_.clear();
    blocked_.clear();
    pending_wakeups_ = 0;
    countdown_ = draw_run();
    g_eval_breaker.fetch_or(kBreakGilDropRequest);
    ts->gil_taken_at_ns = monotonic_ns();
  }

  bool is_held_by(const ThreadState* ts) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return holder_ == ts;
  }

  const ThreadState* holder() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return holder_;
  }

  /// A lock release woke a waiter: no choice until it is back (see gil_schedule_note_wakeup).
  void note_wakeup() {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_wakeups_++;
  }

 private:
  void release_locked(ThreadState*) {
    holder_ = nullptr;
    next_ = nullptr;
    free_since_ns_ = monotonic_ns();
    cond_.notify_all();
  }

  /// Whether `ts` may take the GIL now; makes the choice when the GIL is free and nobody has
  /// been chosen yet (caller holds mutex_).
  bool my_turn(ThreadState* ts) {
    if (holder_ != nullptr) return false;
    if (next_ == nullptr) {
      if (!all_ready(nullptr)) {
        if (monotonic_ns() - free_since_ns_ < kStragglerWaitNs) return false;
        pending_wakeups_ = 0;
      }
      next_ = pick();
    }
    return next_ == ts;
  }

  /// Every thread other than `except` that is neither blocked nor holding waits in take(), and
  /// every thread a lock release woke is back.
  bool all_ready(ThreadState* except) {
    if (pending_wakeups_ > 0) return false;
    InterpreterState& in = interp();
    std::lock_guard<std::mutex> tl(in.threads_mutex);
    for (ThreadState* t : in.threads) {
      if (t == except || t == holder_ || blocked_.count(t)) continue;
      if (std::find(ready_.begin(), ready_.end(), t) == ready_.end()) return false;
    }
    return true;
  }

  /// Draws the next holder among the waiting threads, in the (reproducible) order in which the
  /// program created them.
  ThreadState* pick() {
    if (ready_.empty()) return nullptr;
    std::vector<ThreadState*> order;
    {
      InterpreterState& in = interp();
      std::lock_guard<std::mutex> tl(in.threads_mutex);
      for (ThreadState* t : in.threads) {
        if (std::find(ready_.begin(), ready_.end(), t) != ready_.end()) order.push_back(t);
      }
    }
    for (ThreadState* t : ready_) {
      if (std::find(order.begin(), order.end(), t) == order.end()) order.push_back(t);
    }
    return order[next_random() % order.size()];
  }

  uint64_t draw_run() { return 1 + next_random() % (2 * kMeanRun); }

  /// splitmix64: small, fast and the same on every platform.
  uint64_t next_random() {
    uint64_t z = (rng_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

  mutable std::mutex mutex_;
  std::condition_variable cond_;
  // All under mutex_ except countdown_, which only the holder touches.
  ThreadState* holder_ = nullptr;
  ThreadState* last_holder_ = nullptr;
  ThreadState* next_ = nullptr;                            // chosen to take the GIL next
  std::vector<ThreadState*> ready_;                        // waiting in take()
  std::unordered_map<ThreadState*, const char*> blocked_;  // in a blocking call (its name)
  int pending_wakeups_ = 0;  // woken from a lock wait, not yet back in take()
  uint64_t free_since_ns_ = 0;
  uint64_t rng_;
  uint64_t countdown_ = 1;
};

ScheduleGil* g_schedule = nullptr;

}  // namespace

std::unique_ptr<GilPolicy> make_schedule_gil(uint64_t seed) {
  auto p = std::make_unique<ScheduleGil>(seed);
  g_schedule = p.get();
  return p;
}

void gil_schedule_note_wakeup() {
  uint64_t seed;
  if (gil_schedule_seed(&seed) && g_schedule != nullptr) g_schedule->note_wakeup();
}

}  // namespace minipy::rt
