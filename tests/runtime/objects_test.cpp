// Unit tests of runtime objects: tagged values, small-int overflow into big ints, dict order
// and deletion, str interning and hashing, list sorting, reference counting of containers.
#include <gtest/gtest.h>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"

namespace minipy::rt {
namespace {

class ObjectsTest : public ::testing::Test {
 protected:
  void SetUp() override { runtime_init(); }
};

TEST_F(ObjectsTest, SmallIntsAreInlineAndOverflowIntoBigInts) {
  Value a = Value::from_small(Value::kMaxSmall);
  EXPECT_TRUE(a.is_small());
  EXPECT_EQ(a.small(), Value::kMaxSmall);
  Ref sum = binary_op(a, Value::from_small(1), NumOp::Add);
  ASSERT_TRUE(sum);
  EXPECT_FALSE(sum.get().is_small());
  EXPECT_EQ(int_to_string(sum.get()), "4611686018427387904");
  Ref back = binary_op(sum.get(), Value::from_small(1), NumOp::Sub);
  ASSERT_TRUE(back);
  EXPECT_TRUE(back.get().is_small()) << "results that fit are normalised back to small ints";
  Ref big = int_from_string("123456789012345678901234567890", 10);
  Ref sq = binary_op(big.get(), big.get(), NumOp::Mul);
  EXPECT_EQ(int_to_string(sq.get()), "15241578753238836750495351562536198787501905199875019052100");
}

TEST_F(ObjectsTest, FloorDivisionAndModuloFollowPython) {
  EXPECT_EQ(binary_op(Value::from_small(-7), Value::from_small(2), NumOp::FloorDiv).get().small(), -4);
  EXPECT_EQ(binary_op(Value::from_small(-7), Value::from_small(2), NumOp::Mod).get().small(), 1);
  EXPECT_EQ(binary_op(Value::from_small(7), Value::from_small(-2), NumOp::Mod).get().small(), -1);
  Ref r = binary_op(Value::from_small(1), Value::from_small(0), NumOp::FloorDiv);
  EXPECT_FALSE(r);
  EXPECT_TRUE(exception_matches(&exc_ZeroDivisionError));
  clear_exception();
}

TEST_F(ObjectsTest, DictKeepsInsertionOrderThroughDeletesAndGrowth) {
  Ref d = dict_new();
  DictObject* dd = as_dict(d.get());
  for (int i = 0; i < 1000; i++) ASSERT_TRUE(dict_set(dd, Value::from_small(i), Value::from_small(i * 2)));
  for (int i = 0; i < 1000; i += 2) ASSERT_EQ(dict_del(dd, Value::from_small(i)), 1);
  EXPECT_EQ(dict_size(dd), 500u);
  EXPECT_EQ(dict_del(dd, Value::from_small(0)), 0);
  size_t pos = 0;
  Value k, v;
  int expected = 1;
  while (dict_next(dd, &pos, &k, &v)) {
    EXPECT_EQ(k.small(), expected);
    EXPECT_EQ(v.small(), expected * 2);
    expected += 2;
  }
  EXPECT_EQ(expected, 1001);
  // Re-inserting a deleted key appends it at the end.
  dict_set(dd, Value::from_small(0), None());
  Value last;
  pos = 0;
  while (dict_next(dd, &pos, &k, nullptr)) last = k;
  EXPECT_EQ(last.small(), 0);
}

TEST_F(ObjectsTest, ChurnOfInsertAndDeleteStaysBounded) {
  Ref d = dict_new();
  DictObject* dd = as_dict(d.get());
  for (int i = 0; i < 100000; i++) {
    ASSERT_TRUE(dict_set(dd, Value::from_small(i), None()));
    ASSERT_EQ(dict_del(dd, Value::from_small(i)), 1);
  }
  EXPECT_EQ(dict_size(dd), 0u);
  EXPECT_LT(dd->index.size(), 1024u);
}

TEST_F(ObjectsTest, InternedStringsAreUniqueAndEqualStringsHashAlike) {
  StrObject* a = intern("hello");
  StrObject* b = intern("hello");
  EXPECT_EQ(a, b);
  Ref c = str_new(std::string("hel") + "lo");
  EXPECT_NE(c.get(), Value(a));
  EXPECT_EQ(str_hash(as_str(c.get())), str_hash(a));
  EXPECT_EQ(equal(c.get(), Value(a)), 1);
  Ref d = dict_new();
  dict_set(as_dict(d.get()), c.get(), Value::from_small(1));
  EXPECT_EQ(dict_get_str(as_dict(d.get()), a).small(), 1);
}

TEST_F(ObjectsTest, StrLengthCountsCodePoints) {
  Ref s = str_new("stra\xc3\x9f" "e");
  EXPECT_EQ(as_str(s.get())->length, 6);
  EXPECT_FALSE(as_str(s.get())->ascii);
  Ref ch = getitem(s.get(), Value::from_small(4));
  ASSERT_TRUE(ch);
  EXPECT_EQ(as_str(ch.get())->view(), "\xc3\x9f");
}

TEST_F(ObjectsTest, ListSortIsStableAndReverseKeepsEqualOrder) {
  Ref l = list_new();
  // (key, tag) pairs as tuples; sort by the whole tuple's first item through a key-less compare.
  for (int i = 0; i < 50; i++) list_append_steal(as_list(l.get()), Value::from_small((i * 37) % 11));
  ASSERT_TRUE(list_sort(as_list(l.get()), Value(), false));
  auto& items = as_list(l.get())->items;
  for (size_t i = 1; i < items.size(); i++) EXPECT_LE(items[i - 1].small(), items[i].small());
  ASSERT_TRUE(list_sort(as_list(l.get()), Value(), true));
  for (size_t i = 1; i < items.size(); i++) EXPECT_GE(items[i - 1].small(), items[i].small());
}

TEST_F(ObjectsTest, ContainersOwnTheirItems) {
  Ref s = str_new(std::string(100, 'x'));
  uint32_t before = refcount_total(s.obj());
  {
    Ref t = tuple_of({s.get(), s.get()});
    EXPECT_EQ(refcount_total(s.obj()), before + 2);
    Ref l = list_from(as_tuple(t.get())->items(), 2);
    EXPECT_EQ(refcount_total(s.obj()), before + 4);
  }
  EXPECT_EQ(refcount_total(s.obj()), before);
}

}  // namespace
}  // namespace minipy::rt
