// Unit tests of the GIL itself (runtime/state/gil.*): uncontended acquisition, drop requests
// after the switch interval, forced switching (a requested drop is a hand-off), voluntary
// release without hand-off, the native lock's timed waits, and re-initialisation after fork.
// Assertions are about ordering and loose time bounds, never exact timings.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/os_thread.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

class GilTest : public ::testing::Test {
 protected:
  void SetUp() override {
    gil_set_enabled(true);  // free-threaded builds: these tests are about the GIL itself
    runtime_init();         // the main thread holds the GIL afterwards
    main_ = tstate();
    ASSERT_NE(main_, nullptr);
    if (!gil().is_held_by(main_)) gil().take(main_);  // a free-threaded runtime started without it
    ASSERT_TRUE(gil().is_held_by(main_));
    saved_interval_ = gil_interval_us();
  }
  void TearDown() override {
    gil_set_interval_us(saved_interval_);
    g_eval_breaker.fetch_and(~kBreakGilDropRequest);
  }
  ThreadState* main_ = nullptr;
  uint64_t saved_interval_ = 5000;
};

TEST_F(GilTest, UncontendedDropAndTakeCountsAnAcquisition) {
  uint64_t before = main_->gil_acquisitions.load();
  {
    ReleaseGil unlocked;
    EXPECT_FALSE(gil().is_held_by(main_));
  }
  EXPECT_TRUE(gil().is_held_by(main_));
  EXPECT_EQ(main_->gil_acquisitions.load(), before + 1);
}

TEST_F(GilTest, WaiterSetsDropRequestAfterTheIntervalAndGetsAForcedHandOff) {
  gil_set_interval_us(20000);  // 20 ms
  ThreadState* other = thread_state_new(&interp());
  std::atomic<bool> other_has_gil{false};
  std::atomic<bool> other_done{false};
  auto t0 = Clock::now();
  std::thread t([&] {
    gil().take(other);  // blocks: the main thread holds the GIL
    other_has_gil = true;
    // Hold it briefly, then give it back.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    other_done = true;
    gil().drop(other);
  });
  // Busy "running Python code" until the waiter asks for the GIL.
  while (!(g_eval_breaker.load() & kBreakGilDropRequest)) {
    ASSERT_LT(ms_since(t0), 5000.0) << "no drop request was ever made";
    std::this_thread::yield();
  }
  double requested_after = ms_since(t0);
  EXPECT_GE(requested_after, 15.0) << "the waiter must wait about one interval before asking";
  EXPECT_FALSE(other_has_gil.load());
  // A requested drop is a hand-off: when gil_yield_on_request returns, the other thread has
  // held the GIL (and, here, already given it back).
  gil_yield_on_request(main_);
  EXPECT_TRUE(other_has_gil.load());
  EXPECT_TRUE(other_done.load());
  EXPECT_TRUE(gil().is_held_by(main_));
  EXPECT_GE(main_->gil_forced_switches.load(), 1u);
  EXPECT_GE(other->gil_drop_requests.load(), 1u);
  t.join();
  {
    std::lock_guard<std::mutex> lock(interp().threads_mutex);
    std::erase(interp().threads, other);
  }
  delete other;
}

TEST_F(GilTest, VoluntaryReleaseWithoutRequestIsNotAHandOff) {
  // Nobody waits: dropping and re-taking must not block waiting for another holder.
  auto t0 = Clock::now();
  for (int i = 0; i < 1000; i++) {
    ReleaseGil unlocked;
  }
  EXPECT_LT(ms_since(t0), 2000.0);
  EXPECT_TRUE(gil().is_held_by(main_));
}

TEST_F(GilTest, ShorterIntervalMeansEarlierDropRequest) {
  gil_set_interval_us(1000);  // 1 ms
  ThreadState* other = thread_state_new(&interp());
  auto t0 = Clock::now();
  std::thread t([&] {
    gil().take(other);
    gil().drop(other);
  });
  while (!(g_eval_breaker.load() & kBreakGilDropRequest)) {
    ASSERT_LT(ms_since(t0), 5000.0);
    std::this_thread::yield();
  }
  EXPECT_LT(ms_since(t0), 1000.0);
  gil_yield_on_request(main_);
  t.join();
  {
    std::lock_guard<std::mutex> lock(interp().threads_mutex);
    std::erase(interp().threads, other);
  }
  delete other;
}

TEST_F(GilTest, NativeLockTimesOutAndIsReleasableByAnotherThread) {
  NativeLock lock;
  ASSERT_EQ(lock.acquire(true, -1), NativeLock::Result::Acquired);
  EXPECT_EQ(lock.acquire(false, 0), NativeLock::Result::TimedOut);
  auto t0 = Clock::now();
  EXPECT_EQ(lock.acquire(true, 50000), NativeLock::Result::TimedOut);
  double waited = ms_since(t0);
  EXPECT_GE(waited, 40.0);
  EXPECT_LT(waited, 3000.0);
  // Another thread (without Python state) releases it; our blocked acquire then succeeds.
  std::thread t([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_TRUE(lock.release());
  });
  EXPECT_EQ(lock.acquire(true, -1), NativeLock::Result::Acquired);
  t.join();
  EXPECT_TRUE(lock.release());
  EXPECT_FALSE(lock.release());
}

TEST_F(GilTest, ForkedChildReinitialisesTheGilAndKeepsOnlyItsThread) {
  // Another thread is blocked waiting for the GIL at the moment of the fork.
  ThreadState* other = thread_state_new(&interp());
  std::atomic<bool> started{false};
  std::thread t([&] {
    started = true;
    gil().take(other);
    gil().drop(other);
  });
  while (!started) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    after_fork_child();
    int code = 0;
    if (!gil().is_held_by(tstate())) code |= 1;
    if (interp().threads.size() != 1) code |= 2;
    {
      ReleaseGil unlocked;  // drop and re-take with nobody else around: must not hang
    }
    if (!gil().is_held_by(tstate())) code |= 4;
    _exit(code);
  }
  int status = 0;
  {
    ReleaseGil unlocked;  // let the waiting thread run while we wait for the child
    waitpid(pid, &status, 0);
  }
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  {
    // The waiter may not have had its turn while we waited for the child (a quick child);
    // joining with the GIL held would then leave it waiting for ever.
    ReleaseGil unlocked;
    t.join();
  }
  {
    std::lock_guard<std::mutex> lock(interp().threads_mutex);
    std::erase(interp().threads, other);
  }
  delete other;
}

}  // namespace
}  // namespace minipy::rt
