// _bisect: the binary searches under CPython's bisect.py (`from _bisect import *` replaces its
// pure-Python functions, as on CPython, whose test_bisect runs both). Items are compared with `<`
// only; a key function, when given, is applied to the list's items (and, by insort, to x).
//
// Comparisons run Python code that may change the sequence: each probe reads the item afresh
// through the sequence protocol (a list's bounds are checked again: IndexError, as CPython's
// PySequence_GetItem), never through a pointer taken before a comparison.
#include <algorithm>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace {

/// a[i], a list read under its lock, other sequences through __getitem__.
Ref item_at(Value a, int64_t i) {
  if (is_list(a) && type_of(a) == &list_type) {
    ListObject* l = as_list(a);
    CriticalSection cs(l);
    if (i < 0 || static_cast<size_t>(i) >= l->items.size())
      return raise(&exc_IndexError, "list index out of range");
    return Ref::new_ref(l->items[i]);
  }
  Ref index = int_from_int64(i);
  return getitem(a, index.get());
}

/// The insertion point for x in a[lo:hi] (right: after equal items; left: before them).
/// -1 with the exception set on error.
int64_t search(Value a, Value x, NativeArgs& args, bool right) {
  int64_t lo = args.given(2) ? args.i64(2) : 0;
  if (lo < 0) {
    raise(&exc_ValueError, "lo must be non-negative");
    return -1;
  }
  int64_t hi = args.given(3) ? args.i64(3) : -1;
  if (hi == -1 && !length(a, &hi)) return -1;
  Value key = args.given(4) && !is_none(args[4]) ? args[4] : Value();
  while (lo < hi) {
    int64_t mid = static_cast<int64_t>((static_cast<uint64_t>(lo) + static_cast<uint64_t>(hi)) / 2);
    Ref item = item_at(a, mid);
    if (!item) return -1;
    if (key) {
      item = call1(key, item.get());
      if (!item) return -1;
    }
    int lt = right ? compare_bool(x, item.get(), CmpOp::Lt) : compare_bool(item.get(), x, CmpOp::Lt);
    if (lt < 0) return -1;
    if (right == (lt != 0)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

Ref bisect_impl(NativeArgs& args, bool right) {
  int64_t i = search(args[0], args[1], args, right);
  if (i < 0) return Ref();
  return int_from_int64(i);
}

/// Inserts x where bisect says: a list directly (PyList_Insert), anything else by a.insert().
Ref insort_impl(NativeArgs& args, bool right) {
  Value a = args[0], x = args[1];
  Ref key_x;
  if (args.given(4) && !is_none(args[4])) {
    key_x = call1(args[4], x);
    if (!key_x) return key_x;
  }
  int64_t i = search(a, key_x ? key_x.get() : x, args, right);
  if (i < 0) return Ref();
  if (type_of(a) == &list_type) {
    ListObject* l = as_list(a);
    CriticalSection cs(l);
    size_t at = std::min(static_cast<size_t>(i), l->items.size());
    incref(x);
    l->items.insert(l->items.begin() + static_cast<std::ptrdiff_t>(at), x);
    return none_ref();
  }
  Ref index = int_from_int64(i);
  Value call_args[2] = {index.get(), x};
  Ref r = call_method(a, intern("insert"), call_args, 2);
  if (!r) return r;
  return none_ref();
}

Ref bisect_right(Value, NativeArgs& a) { return bisect_impl(a, true); }
Ref bisect_left(Value, NativeArgs& a) { return bisect_impl(a, false); }
Ref insort_right(Value, NativeArgs& a) { return insort_impl(a, true); }
Ref insort_left(Value, NativeArgs& a) { return insort_impl(a, false); }

constexpr const char* kBisectRightDoc =
    "Return the index where to insert item x in list a, assuming a is sorted.\n\n"
    "The return value i is such that all e in a[:i] have e <= x, and all e in\n"
    "a[i:] have e > x.  So if x already appears in the list, a.insert(i, x) will\n"
    "insert just after the rightmost x already there.\n\n"
    "Optional args lo (default 0) and hi (default len(a)) bound the\n"
    "slice of a to be searched.";
constexpr const char* kBisectLeftDoc =
    "Return the index where to insert item x in list a, assuming a is sorted.\n\n"
    "The return value i is such that all e in a[:i] have e < x, and all e in\n"
    "a[i:] have e >= x.  So if x already appears in the list, a.insert(i, x) will\n"
    "insert just before the leftmost x already there.\n\n"
    "Optional args lo (default 0) and hi (default len(a)) bound the\n"
    "slice of a to be searched.";
constexpr const char* kInsortRightDoc =
    "Insert item x in list a, and keep it sorted assuming a is sorted.\n\n"
    "If x is already in a, insert it to the right of the rightmost x.\n\n"
    "Optional args lo (default 0) and hi (default len(a)) bound the\n"
    "slice of a to be searched.";
constexpr const char* kInsortLeftDoc =
    "Insert item x in list a, and keep it sorted assuming a is sorted.\n\n"
    "If x is already in a, insert it to the left of the leftmost x.\n\n"
    "Optional args lo (default 0) and hi (default len(a)) bound the\n"
    "slice of a to be searched.";

const NativeDef kBisectFunctions[] = {
    {"bisect_right($module, /, a, x, lo: ssize_t = 0, hi: ssize_t? = None, *, key=None)",
     bisect_right, 0, kBisectRightDoc},
    {"insort_right($module, /, a, x, lo: ssize_t = 0, hi: ssize_t? = None, *, key=None)",
     insort_right, 0, kInsortRightDoc},
    {"bisect_left($module, /, a, x, lo: ssize_t = 0, hi: ssize_t? = None, *, key=None)",
     bisect_left, 0, kBisectLeftDoc},
    {"insort_left($module, /, a, x, lo: ssize_t = 0, hi: ssize_t? = None, *, key=None)",
     insort_left, 0, kInsortLeftDoc},
};

}  // namespace

bool init__bisect(Value module, DictObject* ns) {
  add_functions(ns, module, kBisectFunctions);
  return true;
}

}  // namespace minipy::lib
