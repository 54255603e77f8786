// The gc module. minipy frees objects by reference counting; the trial-deletion cycle
// collector (runtime/gc.*) does not exist yet, so collect() finds nothing and returns 0. The
// enable/threshold state is kept so scripts that toggle it behave as on CPython.
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace {

#define GC_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

bool g_enabled = true;
int64_t g_threshold[3] = {700, 10, 10};

GC_FN(gc_collect) {
  Value a[1] = {};
  if (!parse_args("collect", args, nargs, kw, {"generation"}, 0, a)) return Ref();
  if (a[0]) {
    int64_t gen;
    if (!index_int64(a[0], &gen)) return Ref();
    if (gen < 0 || gen > 2) return raise(&exc_ValueError, "invalid generation");
  }
  return Ref::small(0);  // no cycle collector yet: nothing unreachable is found
}

GC_FN(gc_enable) {
  if (!check_nargs("enable", nargs, kw, 0, 0)) return Ref();
  g_enabled = true;
  return none_ref();
}
GC_FN(gc_disable) {
  if (!check_nargs("disable", nargs, kw, 0, 0)) return Ref();
  g_enabled = false;
  return none_ref();
}
GC_FN(gc_isenabled) {
  if (!check_nargs("isenabled", nargs, kw, 0, 0)) return Ref();
  return bool_ref(g_enabled);
}
GC_FN(gc_get_count) {
  if (!check_nargs("get_count", nargs, kw, 0, 0)) return Ref();
  return tuple_of({Value::from_small(0), Value::from_small(0), Value::from_small(0)});
}
GC_FN(gc_get_threshold) {
  if (!check_nargs("get_threshold", nargs, kw, 0, 0)) return Ref();
  return tuple_of({Value::from_small(g_threshold[0]), Value::from_small(g_threshold[1]),
                   Value::from_small(g_threshold[2])});
}
GC_FN(gc_set_threshold) {
  if (!check_nargs("set_threshold", nargs, kw, 1, 3)) return Ref();
  for (size_t i = 0; i < nargs; i++) {
    if (!is_int(args[i])) {
      return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[i]));
    }
    if (!int_to_int64(args[i], &g_threshold[i])) return Ref();
  }
  return none_ref();
}
GC_FN(gc_is_tracked) {
  if (!check_nargs("is_tracked", nargs, kw, 1, 1)) return Ref();
  // CPython tracks containers, not atoms (ints, strs, floats, None).
  Value v = args[0];
  TypeObject* t = type_of(v);
  return bool_ref(t->traverse != nullptr || (t->flags & kTypeHeap));
}
GC_FN(gc_get_objects) {
  Value a[1] = {};
  if (!parse_args("get_objects", args, nargs, kw, {"generation"}, 0, a)) return Ref();
  return list_new();  // not tracked without a collector
}
GC_FN(gc_freeze) {
  if (!check_nargs("freeze", nargs, kw, 0, 0)) return Ref();
  return none_ref();
}

}  // namespace

bool init_gc(Value module, DictObject* ns) {
  add_function(ns, module, "collect", gc_collect);
  add_function(ns, module, "enable", gc_enable);
  add_function(ns, module, "disable", gc_disable);
  add_function(ns, module, "isenabled", gc_isenabled);
  add_function(ns, module, "get_count", gc_get_count);
  add_function(ns, module, "get_threshold", gc_get_threshold);
  add_function(ns, module, "set_threshold", gc_set_threshold);
  add_function(ns, module, "is_tracked", gc_is_tracked);
  add_function(ns, module, "get_objects", gc_get_objects);
  add_function(ns, module, "freeze", gc_freeze);
  add_function(ns, module, "unfreeze", gc_freeze);
  dict_set_cstr(ns, "garbage", list_new().get());
  dict_set_cstr(ns, "callbacks", list_new().get());
  dict_set_cstr(ns, "DEBUG_STATS", Value::from_small(1));
  dict_set_cstr(ns, "DEBUG_COLLECTABLE", Value::from_small(2));
  dict_set_cstr(ns, "DEBUG_UNCOLLECTABLE", Value::from_small(4));
  dict_set_cstr(ns, "DEBUG_SAVEALL", Value::from_small(32));
  dict_set_cstr(ns, "DEBUG_LEAK", Value::from_small(38));
  return true;
}

}  // namespace minipy::lib
