// The gc module: the interface to the cycle collector (runtime/gc/collector.h), with CPython's
// names, defaults and argument checks.
#include "runtime/errors.h"
#include "runtime/gc/collector.h"
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

/// An optional generation argument: -1 when absent or None (get_objects), else 0..2.
bool parse_generation(Value v, int64_t* gen, bool allow_none) {
  *gen = -1;
  if (!v || (allow_none && is_none(v))) return true;
  if (!is_int(v)) {
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  if (!int_to_int64(v, gen)) return false;
  if (*gen < 0) {
    raise(&exc_ValueError,
          allow_none ? "generation parameter cannot be negative" : "invalid generation");
    return false;
  }
  if (*gen >= kGcGenerations) {
    if (allow_none) {
      raise_fmt(&exc_ValueError,
                "generation parameter must be less than the number of available generations ({})",
                kGcGenerations);
    } else {
      raise(&exc_ValueError, "invalid generation");
    }
    return false;
  }
  return true;
}

Ref objects_to_list(const std::vector<Object*>& objs) {
  Ref l = list_new(objs.size());
  for (Object* o : objs) list_append(as_list(l.get()), Value(o));
  return l;
}

GC_FN(m_collect) {
  Value a[1] = {};
  if (!parse_args("collect", args, nargs, kw, {"generation"}, 0, a)) return Ref();
  int64_t gen;
  if (!parse_generation(a[0], &gen, false)) return Ref();
  if (gen < 0) gen = kGcGenerations - 1;
  return int_from_int64(gc_collect(static_cast<int>(gen)));
}

GC_FN(gc_enable) {
  if (!check_nargs("enable", nargs, kw, 0, 0)) return Ref();
  gc_state().enabled = true;
  return none_ref();
}
GC_FN(gc_disable) {
  if (!check_nargs("disable", nargs, kw, 0, 0)) return Ref();
  gc_state().enabled = false;
  return none_ref();
}
GC_FN(gc_isenabled) {
  if (!check_nargs("isenabled", nargs, kw, 0, 0)) return Ref();
  return bool_ref(gc_state().enabled);
}
GC_FN(gc_get_count) {
  if (!check_nargs("get_count", nargs, kw, 0, 0)) return Ref();
  const GcState& st = gc_state();
  return tuple_of({Value::from_small(st.count[0]), Value::from_small(st.count[1]),
                   Value::from_small(st.count[2])});
}
GC_FN(gc_get_threshold) {
  if (!check_nargs("get_threshold", nargs, kw, 0, 0)) return Ref();
  const GcState& st = gc_state();
  return tuple_of({Value::from_small(st.threshold[0]), Value::from_small(st.threshold[1]),
                   Value::from_small(st.threshold[2])});
}
GC_FN(gc_set_threshold) {
  if (!check_nargs("set_threshold", nargs, kw, 1, 3)) return Ref();
  int64_t t[3];
  for (size_t i = 0; i < nargs; i++) {
    if (!is_int(args[i])) {
      return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                       type_name(args[i]));
    }
    if (!int_to_int64(args[i], &t[i])) return Ref();
    if (t[i] < INT32_MIN || t[i] > INT32_MAX) {
      return raise(&exc_OverflowError, t[i] < 0 ? "signed integer is less than minimum"
                                                : "signed integer is greater than maximum");
    }
  }
  for (size_t i = 0; i < nargs; i++) gc_state().threshold[i] = t[i];
  return none_ref();
}
GC_FN(gc_set_debug) {
  if (!check_nargs("set_debug", nargs, kw, 1, 1)) return Ref();
  int64_t flags;
  if (!is_int(args[0])) {
    return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                     type_name(args[0]));
  }
  if (!int_to_int64(args[0], &flags)) return Ref();
  gc_state().debug = static_cast<int>(flags);
  return none_ref();
}
GC_FN(gc_get_debug) {
  if (!check_nargs("get_debug", nargs, kw, 0, 0)) return Ref();
  return Ref::small(gc_state().debug);
}
GC_FN(gc_is_tracked) {
  if (!check_nargs("is_tracked", nargs, kw, 1, 1)) return Ref();
  return bool_ref(args[0].is_object() && gc_is_tracked(args[0].obj()));
}
GC_FN(gc_is_finalized) {
  if (!check_nargs("is_finalized", nargs, kw, 1, 1)) return Ref();
  return bool_ref(args[0].is_object() && (args[0].obj()->gc_bits & kGcFinalized));
}
GC_FN(gc_get_objects) {
  Value a[1] = {};
  if (!parse_args("get_objects", args, nargs, kw, {"generation"}, 0, a)) return Ref();
  int64_t gen;
  if (!parse_generation(a[0], &gen, true)) return Ref();
  return objects_to_list(gc_objects(static_cast<int>(gen)));
}

struct ReferrerSearch {
  const Value* targets;
  size_t n;
  bool found;
};

GC_FN(gc_get_referrers) {
  if (kw && kw->size) return raise(&exc_TypeError, "get_referrers() takes no keyword arguments");
  Ref out = list_new();
  ReferrerSearch s{args, nargs, false};
  for (Object* o : gc_objects(-1)) {
    s.found = false;
    gc_traverse(
        o,
        [](Object* r, void* arg) {
          auto* s = static_cast<ReferrerSearch*>(arg);
          for (size_t i = 0; i < s->n && !s->found; i++) {
            if (s->targets[i].is_object() && s->targets[i].obj() == r) s->found = true;
          }
        },
        &s);
    if (s.found && o != out.obj()) list_append(as_list(out.get()), Value(o));
  }
  return out;
}

GC_FN(gc_get_referents) {
  if (kw && kw->size) return raise(&exc_TypeError, "get_referents() takes no keyword arguments");
  Ref out = list_new();
  for (size_t i = 0; i < nargs; i++) {
    if (!args[i].is_object() || !type_is_gc(args[i].obj()->type)) continue;
    gc_traverse(
        args[i].obj(),
        [](Object* r, void* arg) { list_append(static_cast<ListObject*>(arg), Value(r)); },
        as_list(out.get()));
  }
  return out;
}

GC_FN(gc_freeze_fn) {
  if (!check_nargs("freeze", nargs, kw, 0, 0)) return Ref();
  gc_freeze();
  return none_ref();
}
GC_FN(gc_unfreeze_fn) {
  if (!check_nargs("unfreeze", nargs, kw, 0, 0)) return Ref();
  gc_unfreeze();
  return none_ref();
}
GC_FN(gc_get_freeze_count) {
  if (!check_nargs("get_freeze_count", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(static_cast<int64_t>(gc_freeze_count()));
}
GC_FN(gc_get_stats) {
  if (!check_nargs("get_stats", nargs, kw, 0, 0)) return Ref();
  Ref out = list_new();
  for (const GcGenerationStats& g : gc_state().stats) {
    Ref d = dict_new();
    dict_set_cstr(as_dict(d.get()), "collections", int_from_int64(g.collections).get());
    dict_set_cstr(as_dict(d.get()), "collected", int_from_int64(g.collected).get());
    dict_set_cstr(as_dict(d.get()), "uncollectable", int_from_int64(g.uncollectable).get());
    list_append(as_list(out.get()), d.get());
  }
  return out;
}

}  // namespace

bool init_gc(Value module, DictObject* ns) {
  add_function(ns, module, "collect", m_collect);
  add_function(ns, module, "enable", gc_enable);
  add_function(ns, module, "disable", gc_disable);
  add_function(ns, module, "isenabled", gc_isenabled);
  add_function(ns, module, "get_count", gc_get_count);
  add_function(ns, module, "get_threshold", gc_get_threshold);
  add_function(ns, module, "set_threshold", gc_set_threshold);
  add_function(ns, module, "set_debug", gc_set_debug);
  add_function(ns, module, "get_debug", gc_get_debug);
  add_function(ns, module, "is_tracked", gc_is_tracked);
  add_function(ns, module, "is_finalized", gc_is_finalized);
  add_function(ns, module, "get_objects", gc_get_objects);
  add_function(ns, module, "get_referrers", gc_get_referrers);
  add_function(ns, module, "get_referents", gc_get_referents);
  add_function(ns, module, "freeze", gc_freeze_fn);
  add_function(ns, module, "unfreeze", gc_unfreeze_fn);
  add_function(ns, module, "get_freeze_count", gc_get_freeze_count);
  add_function(ns, module, "get_stats", gc_get_stats);
  // gc.garbage and gc.callbacks are the lists the collector itself reads; the module keeps
  // them alive for the life of the process.
  static Ref garbage = list_new();
  static Ref callbacks = list_new();
  gc_state().garbage = garbage.get();
  gc_state().callbacks = callbacks.get();
  dict_set_cstr(ns, "garbage", garbage.get());
  dict_set_cstr(ns, "callbacks", callbacks.get());
  dict_set_cstr(ns, "DEBUG_STATS", Value::from_small(kGcDebugStats));
  dict_set_cstr(ns, "DEBUG_COLLECTABLE", Value::from_small(kGcDebugCollectable));
  dict_set_cstr(ns, "DEBUG_UNCOLLECTABLE", Value::from_small(kGcDebugUncollectable));
  dict_set_cstr(ns, "DEBUG_SAVEALL", Value::from_small(kGcDebugSaveAll));
  dict_set_cstr(ns, "DEBUG_LEAK",
                Value::from_small(kGcDebugCollectable | kGcDebugUncollectable | kGcDebugSaveAll));
  return true;
}

}  // namespace minipy::lib
