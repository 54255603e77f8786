// Unit tests of the free-threaded runtime (issue 10): reference counts seen through
// refcount_total() in every build; in free-threaded builds, biased counting across threads
// (shared increments, a non-owner dropping the last reference through the owner's queue, an
// owner that has exited) and the per-object critical sections (exclusion, two-object sections
// taken in opposite orders, re-entry on one object by one thread).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "runtime/critical_section.h"
#include "runtime/objects/list.h"
#include "runtime/objects/str.h"
#include "runtime/state/brc.h"
#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"
#include "runtime/type.h"

namespace minipy::rt {
namespace {

std::atomic<int> g_freed{0};
TypeObject counted_type;  // instances count their deallocations
void counted_dealloc(Object* o) {
  g_freed.fetch_add(1);
  delete static_cast<InstanceObject*>(o);
}

class FreeThreadingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    runtime_init();
    counted_type.name = "counted";
    counted_type.dealloc = counted_dealloc;
    g_freed = 0;
  }
  static Object* new_counted() { return alloc_instance<InstanceObject>(&counted_type); }
};

TEST_F(FreeThreadingTest, TotalCountFollowsIncrefAndDecref) {
  Object* o = new_counted();
  EXPECT_EQ(refcount_total(o), 1u);
  incref(o);
  incref(o);
  EXPECT_EQ(refcount_total(o), 3u);
  decref(o);
  decref(o);
  EXPECT_EQ(refcount_total(o), 1u);
  EXPECT_EQ(g_freed, 0);
  decref(o);
  EXPECT_EQ(g_freed, 1);
}

TEST_F(FreeThreadingTest, ImmortalObjectsAreNeverCounted) {
  StrObject* s = intern("free_threading_test_immortal");
  EXPECT_TRUE(is_immortal(s));
  uint32_t before = refcount_total(s);
  for (int i = 0; i < 10; i++) incref(s);
  EXPECT_EQ(refcount_total(s), before);
  EXPECT_EQ(before, kImmortal);
}

#ifdef MINIPY_FREE_THREADING

TEST_F(FreeThreadingTest, OtherThreadsCountOnTheSharedField) {
  Object* o = new_counted();
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; t++) {
    ts.emplace_back([o] {
      for (int i = 0; i < 10000; i++) incref(o);
      for (int i = 0; i < 10000; i++) decref(o);
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(refcount_total(o), 1u);
  EXPECT_EQ(g_freed, 0);
  decref(o);  // the owner's count reaches zero with a zero shared count: freed at once
  EXPECT_EQ(g_freed, 1);
}

#ifndef MINIPY_REFCOUNT_ATOMIC
TEST_F(FreeThreadingTest, ANonOwnerDroppingTheLastReferenceQueuesItToTheOwner) {
  Object* o = new_counted();               // owned by this thread, count 1 in the owner's field
  std::thread([o] { decref(o); }).join();  // would go negative: queued to us instead
  EXPECT_EQ(g_freed, 0) << "only the owner may decide; it merges at its next check point";
  brc_merge_queued();
  EXPECT_EQ(g_freed, 1);
}

TEST_F(FreeThreadingTest, AnObjectWhoseOwnerExitedIsMergedByWhoeverDropsIt) {
  Object* o = nullptr;
  std::thread([&o] {
    o = new_counted();
    brc_thread_exit();
  }).join();
  EXPECT_EQ(refcount_total(o), 1u);
  decref(o);  // the owner is gone: this thread merges and frees
  EXPECT_EQ(g_freed, 1);
}

TEST_F(FreeThreadingTest, TheOwnerDroppingItsLastReferenceHandsTheObjectToTheSharedCount) {
  Object* o = new_counted();
  std::thread([o] { incref(o); }).join();  // another thread's reference, on the shared field
  decref(o);                               // owner's count reaches zero: merged, not freed
  EXPECT_EQ(g_freed, 0);
  EXPECT_EQ(refcount_total(o), 1u);
  std::thread([o] { decref(o); }).join();  // the merged count reaches zero: freed there
  EXPECT_EQ(g_freed, 1);
}
#endif

TEST_F(FreeThreadingTest, CriticalSectionsExcludeEachOther) {
  Ref l = list_new();
  Object* lo = l.obj();
  int64_t plain = 0;  // protected only by the list's lock
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; t++) {
    ts.emplace_back([&] {
      for (int i = 0; i < 20000; i++) {
        CriticalSection cs(lo);
        plain = plain + 1;
      }
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(plain, 80000);
  EXPECT_EQ(lo->lock_state.load(), 0);
}

TEST_F(FreeThreadingTest, TwoObjectSectionsInOppositeOrdersDoNotDeadlock) {
  Ref a = list_new(), b = list_new();
  int64_t n = 0;
  auto work = [&](Object* x, Object* y) {
    for (int i = 0; i < 20000; i++) {
      CriticalSection2 cs(x, y);
      n = n + 1;
    }
  };
  std::thread t1(work, a.obj(), b.obj());
  std::thread t2(work, b.obj(), a.obj());
  t1.join();
  t2.join();
  EXPECT_EQ(n, 40000);
}

TEST_F(FreeThreadingTest, NestedSectionsOnOneObjectAndOppositeNestingDoNotDeadlock) {
  Ref a = list_new(), b = list_new();
  std::atomic<int64_t> n{0};  // the innermost sections of the two threads hold different locks
  auto work = [&](Object* x, Object* y) {
    for (int i = 0; i < 5000; i++) {
      CriticalSection outer(x);
      CriticalSection inner(y);  // opposite order in the other thread: suspension resolves it
      CriticalSection again(x);  // x held by an outer section of this very thread
      n.fetch_add(1);
    }
  };
  std::thread t1(work, a.obj(), b.obj());
  std::thread t2(work, b.obj(), a.obj());
  t1.join();
  t2.join();
  EXPECT_EQ(n, 10000);
  EXPECT_EQ(a.obj()->lock_state.load(), 0);
  EXPECT_EQ(b.obj()->lock_state.load(), 0);
}

TEST_F(FreeThreadingTest, TheGilIsOffUnlessSwitchedOn) { EXPECT_FALSE(gil_enabled()); }

#else

TEST_F(FreeThreadingTest, TheDefaultBuildAlwaysHasTheGil) { EXPECT_TRUE(gil_enabled()); }

#endif

}  // namespace
}  // namespace minipy::rt
