// Unit tests of the cycle collector and weak references at the runtime level: trial deletion
// frees unreachable cycles and only those, objects referenced from outside (C++ locals, like
// frames) are roots, generations promote survivors, untracking on dealloc, weak references are
// cleared with the cycle.
#include "runtime/gc/collector.h"

#include <gtest/gtest.h>

#include <vector>

#include "runtime/gc/weakref.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/state/interpreter.h"

namespace minipy::rt {
namespace {

class CollectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    runtime_init();
    gc_collect(kGcGenerations - 1);  // start from a clean slate
  }
};

/// A weak reference to a set (sets are weakly referenceable) whose fate tells what happened.
Ref watch(Value o) { return weakref_new(&weakref_type, o, Value()); }
bool dead(const Ref& wr) { return weakref_referent(wr.get()) == nullptr; }

TEST_F(CollectorTest, ContainersAreTrackedAtoms_AreNot) {
  Ref l = list_new();
  Ref d = dict_new();
  Ref t = tuple_of({Value::from_small(1)});
  Ref s = set_new();
  EXPECT_TRUE(gc_is_tracked(l.obj()));
  EXPECT_TRUE(gc_is_tracked(d.obj()));
  EXPECT_TRUE(gc_is_tracked(t.obj()));
  EXPECT_TRUE(gc_is_tracked(s.obj()));
  Ref str = str_new("not a container");
  EXPECT_FALSE(gc_is_tracked(str.obj()));
}

TEST_F(CollectorTest, UnreachableCycleIsFreed) {
  Ref s = set_new();
  Ref wr = watch(s.get());
  {
    Ref a = list_new();
    Ref b = list_new();
    list_append(as_list(a.get()), b.get());
    list_append(as_list(b.get()), a.get());
    list_append(as_list(a.get()), s.get());
  }
  s.reset();
  EXPECT_FALSE(dead(wr)) << "reference counting alone cannot free a cycle";
  EXPECT_EQ(gc_collect(kGcGenerations - 1), 3);  // a, b and the set
  EXPECT_TRUE(dead(wr));
}

TEST_F(CollectorTest, CycleHeldFromOutsideSurvives) {
  Ref a = list_new();
  list_append(as_list(a.get()), a.get());
  Ref s = set_new();
  Ref wr = watch(s.get());
  list_append(as_list(a.get()), s.get());
  s.reset();
  for (int i = 0; i < 3; i++) EXPECT_EQ(gc_collect(kGcGenerations - 1), 0);
  EXPECT_FALSE(dead(wr));
  EXPECT_EQ(as_list(a.get())->items.size(), 2u);
  a.reset();  // the outside reference gone, the same cycle is garbage
  EXPECT_EQ(gc_collect(kGcGenerations - 1), 2);  // the list and the set
  EXPECT_TRUE(dead(wr));
}

TEST_F(CollectorTest, TupleHoldingItselfIsFreed) {
  // Only native code can make one (marshal's back-references load b')\x02i\x01\0\0\0r\0\0\0\0'
  // as (1, (...))): no mutable container in the cycle, so the tuple's own clear must break it.
  Ref s = set_new();
  Ref wr = watch(s.get());
  {
    Ref t = tuple_new(2);
    tuple_set_steal(as_tuple(t.get()), 0, s.release());
    tuple_set_steal(as_tuple(t.get()), 1, t.dup().release());
  }
  EXPECT_FALSE(dead(wr));
  EXPECT_EQ(gc_collect(kGcGenerations - 1), 2);  // the tuple and the set
  EXPECT_TRUE(dead(wr));
  EXPECT_EQ(gc_collect(kGcGenerations - 1), 0) << "freed, not kept as uncollectable";
}

TEST_F(CollectorTest, SurvivorsMoveToOlderGenerations) {
  Ref l = list_new();
  auto in_gen = [&](int g) {
    for (Object* o : gc_objects(g)) {
      if (o == l.obj()) return true;
    }
    return false;
  };
  EXPECT_TRUE(in_gen(0));
  gc_collect(0);
  EXPECT_TRUE(in_gen(1));
  gc_collect(1);
  EXPECT_TRUE(in_gen(2));
  gc_collect(2);
  EXPECT_TRUE(in_gen(2));
}

TEST_F(CollectorTest, DeallocUntracks) {
  size_t before = gc_objects(-1).size();
  {
    Ref l = list_new();
    EXPECT_EQ(gc_objects(-1).size(), before + 1);
  }
  EXPECT_EQ(gc_objects(-1).size(), before);
}

// The tracking lists are chunked (4096 slots a chunk): many objects, every other one freed
// (holes, then compaction), survivors moved between generations, and cycles among them.
TEST_F(CollectorTest, ManyObjectsAcrossChunksHolesAndCompaction) {
  size_t before = gc_objects(-1).size();
  std::vector<Ref> keep;
  for (int i = 0; i < 20000; i++) {
    Ref l = list_new();
    if (i % 2 == 0) keep.push_back(std::move(l));  // the odd ones are freed at once
  }
  EXPECT_EQ(gc_objects(-1).size(), before + keep.size());
  // Half of the kept lists form self-cycles and are then dropped: garbage for the collector.
  for (size_t i = 0; i < keep.size(); i += 2) {
    list_append(as_list(keep[i].get()), keep[i].get());
    keep[i].reset();
  }
  EXPECT_EQ(gc_collect(0), 5000);
  EXPECT_EQ(gc_objects(-1).size(), before + 5000);
  for (size_t i = 1; i < keep.size(); i += 2) {
    EXPECT_TRUE(gc_is_tracked(keep[i].obj()));
    list_append(as_list(keep[i].get()), keep[i].get());
  }
  EXPECT_EQ(gc_collect(kGcGenerations - 1), 0);  // still held
  keep.clear();
  EXPECT_EQ(gc_collect(kGcGenerations - 1), 5000);
  EXPECT_EQ(gc_objects(-1).size(), before);
}

TEST_F(CollectorTest, FreezeHidesObjectsFromCollection) {
  Ref s = set_new();
  Ref wr = watch(s.get());
  {
    Ref a = list_new();
    list_append(as_list(a.get()), a.get());
    list_append(as_list(a.get()), s.get());
  }
  s.reset();
  gc_freeze();
  EXPECT_GT(gc_freeze_count(), 0u);
  EXPECT_EQ(gc_collect(kGcGenerations - 1), 0);
  EXPECT_FALSE(dead(wr));
  gc_unfreeze();
  EXPECT_EQ(gc_freeze_count(), 0u);
  EXPECT_GT(gc_collect(kGcGenerations - 1), 0);
  EXPECT_TRUE(dead(wr));
}

TEST_F(CollectorTest, WeakReferencesAreSharedAndClearedOnDealloc) {
  Ref s = set_new();
  Ref w1 = watch(s.get());
  Ref w2 = watch(s.get());
  EXPECT_EQ(w1.obj(), w2.obj()) << "a basic weak reference is shared";
  EXPECT_EQ(weakref_count(s.obj()), 1);
  s.reset();
  EXPECT_TRUE(dead(w1));
}

}  // namespace
}  // namespace minipy::rt
