// Unit tests of the comparison GIL policies (runtime/state/gil_ticks.cpp, gil_fifo.cpp,
// gil_schedule.cpp) and of the trace recorder (gil_trace.cpp): FIFO hand-off order, ticks
// counting check points without requests, a seeded scheduler choosing the same successors for
// the same seed, and a recording written as Chrome trace JSON. Orderings, never timings.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/gil_trace.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {
namespace {

class GilPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    gil_set_enabled(true);  // free-threaded builds: these tests are about the GIL itself
    runtime_init();         // the main thread holds the GIL afterwards
    main_ = tstate();
    ASSERT_NE(main_, nullptr);
    if (!gil().is_held_by(main_)) gil().take(main_);  // a free-threaded runtime started without it
    ASSERT_TRUE(gil().is_held_by(main_));
  }
  void TearDown() override {
    for (ThreadState* t : others_) thread_state_delete(t);
    ASSERT_TRUE(gil_select_policy("interval"));
    ASSERT_TRUE(gil().is_held_by(main_));
  }
  ThreadState* other() {
    others_.push_back(thread_state_new(&interp()));
    return others_.back();
  }
  /// Spins until `ts` waits for the GIL (its contended count reached `n`).
  static void await_waiting(ThreadState* ts, uint64_t n = 1) {
    auto t0 = std::chrono::steady_clock::now();
    while (ts->gil_contended.load() < n) {
      ASSERT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10))
          << "the thread never waited";
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ThreadState* main_ = nullptr;
  std::vector<ThreadState*> others_;
};

TEST_F(GilPolicyTest, SelectingAPolicyKeepsTheGilWithTheCaller) {
  for (const char* name : {"ticks", "fifo", "io-priority", "interval"}) {
    ASSERT_TRUE(gil_select_policy(name));
    EXPECT_STREQ(gil().name(), name);
    EXPECT_TRUE(gil().is_held_by(main_));
    EXPECT_EQ(gil().holder(), main_);
  }
  EXPECT_FALSE(gil_select_policy("no-such-policy"));
  EXPECT_STREQ(gil().name(), "interval");
}

TEST_F(GilPolicyTest, FifoHandsTheGilOnInArrivalOrder) {
  ASSERT_TRUE(gil_select_policy("fifo"));
  gil_set_interval_us(1'000'000);  // no drop requests while the queue forms
  std::mutex mu;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; i++) {
    ThreadState* t = other();
    threads.emplace_back([&, t, i] {
      gil().take(t);
      {
        std::lock_guard<std::mutex> l(mu);
        order.push_back(i);
      }
      gil().drop(t);
    });
    await_waiting(t);  // queued before the next one starts
  }
  // A voluntary release: the main thread queues behind the four and cannot barge in.
  { ReleaseGil unlocked; }
  EXPECT_TRUE(gil().is_held_by(main_));
  for (auto& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
  gil_set_interval_us(5000);
}

TEST_F(GilPolicyTest, TicksReleasesEveryNCheckPointsWithoutRequests) {
  ASSERT_TRUE(gil_select_policy("ticks"));
  gil_set_ticks(10);
  ThreadState* t = other();
  std::atomic<bool> got{false};
  std::thread th([&] {
    gil().take(t);
    got = true;
    gil().drop(t);
  });
  await_waiting(t);
  // A waiter makes the eval loop call yield() at each check point; only every 10th releases.
  EXPECT_TRUE(g_eval_breaker.load() & kBreakGilDropRequest);
  uint64_t before = main_->gil_acquisitions.load();
  for (int i = 0; i < 9; i++) gil().yield(main_);
  EXPECT_EQ(main_->gil_acquisitions.load(), before) << "released before the 10th check point";
  // The 10th releases and re-takes the lock: one more acquisition, whoever won the race (the
  // old GIL's releaser usually takes it straight back; nothing hands it over).
  gil().yield(main_);
  EXPECT_EQ(main_->gil_acquisitions.load(), before + 1);
  // Let the waiter through with a blocking call, as a real program eventually makes one.
  while (!got.load()) {
    ReleaseGil unlocked("sleep");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  th.join();
  EXPECT_EQ(t->gil_drop_requests.load(), 0u);
  EXPECT_EQ(main_->gil_forced_switches.load(), 0u);
  EXPECT_TRUE(gil().is_held_by(main_));
  gil_set_ticks(100);
}

/// Runs two workers and the main thread under the seeded scheduler; returns who held the GIL
/// at each of the first `steps` check points.
std::vector<int> scheduled_run(uint64_t seed, ThreadState* main) {
  gil_select_schedule(seed);
  ThreadState* a = thread_state_new(&interp());  // created while main holds the GIL, as threads are
  ThreadState* b = thread_state_new(&interp());
  std::mutex mu;
  std::vector<int> seq;
  std::atomic<int> remaining{600};
  auto worker = [&](ThreadState* ts, int id) {
    gil().take(ts);
    while (remaining.load() > 0) {
      {
        std::lock_guard<std::mutex> l(mu);
        seq.push_back(id);
      }
      remaining--;
      gil().yield(ts);  // a check point
    }
    // Leave the thread list before the last drop, as an ending thread does (os_thread.cpp).
    {
      std::lock_guard<std::mutex> l(interp().threads_mutex);
      std::erase(interp().threads, ts);
    }
    gil().drop(ts);
  };
  std::thread ta(worker, a, 1), tb(worker, b, 2);
  // The main thread blocks (as in join()) so the two workers share the GIL.
  {
    ReleaseGil unlocked("join");
    ta.join();
    tb.join();
  }
  EXPECT_TRUE(gil().is_held_by(main));
  delete a;
  delete b;
  return seq;
}

TEST_F(GilPolicyTest, ScheduleIsReproducibleAndDependsOnTheSeed) {
  auto t0 = std::chrono::steady_clock::now();
  std::vector<int> s1 = scheduled_run(42, main_);
  std::vector<int> s2 = scheduled_run(42, main_);
  std::vector<int> s3 = scheduled_run(43, main_);
  // Choices wait for stragglers only when a thread is late: here nobody is (no 1 s fallback).
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
  ASSERT_GE(s1.size(), 600u);
  EXPECT_EQ(s1, s2) << "the same seed must give the same interleaving";
  EXPECT_NE(s1, s3) << "another seed should give another interleaving";
  int changes = 0;
  for (size_t i = 1; i < s1.size(); i++) changes += s1[i] != s1[i - 1];
  EXPECT_GT(changes, 3) << "the GIL should change hands several times";
  uint64_t seed = 0;
  EXPECT_TRUE(gil_schedule_seed(&seed));
  EXPECT_EQ(seed, 43u);
}

TEST_F(GilPolicyTest, TraceRecordsEveryThreadAsChromeTraceJson) {
  std::string path = "/tmp/minipy_gil_policy_test_" + std::to_string(getpid()) + ".json";
  std::string err;
  ASSERT_TRUE(gil_trace_start(path, &err)) << err;
  EXPECT_TRUE(gil_tracing());
  EXPECT_EQ(gil_trace_path(), path);
  EXPECT_FALSE(gil_trace_start(path, &err));
  ThreadState* t = other();
  std::thread th([&] {
    gil_trace_set_thread_name("worker one");
    gil().take(t);
    gil().drop(t);
  });
  {
    ReleaseGil unlocked("sleep");
    th.join();
  }
  ASSERT_TRUE(gil_trace_stop(&err)) << err;
  EXPECT_FALSE(gil_tracing());
  EXPECT_FALSE(gil_trace_stop(&err));
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  std::remove(path.c_str());
  EXPECT_NE(s.find("\"traceEvents\":["), std::string::npos);
  EXPECT_NE(s.find("\"policy\":\"interval\""), std::string::npos);
  EXPECT_NE(s.find("{\"name\":\"worker one\"}"), std::string::npos);
  EXPECT_NE(s.find("\"name\":\"blocked: sleep\""), std::string::npos);
  EXPECT_NE(s.find("\"args\":{\"call\":\"sleep\"}"), std::string::npos);
  EXPECT_NE(s.find("\"name\":\"holding\""), std::string::npos);
  EXPECT_EQ(s.substr(s.size() - 4), "\n]}\n");
}

}  // namespace
}  // namespace minipy::rt
