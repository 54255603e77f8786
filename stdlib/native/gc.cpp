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

Ref m_collect(Value, NativeArgs& a) {
  int64_t gen;
  if (!parse_generation(a[0], &gen, false)) return Ref();
  if (gen < 0) gen = kGcGenerations - 1;
  return int_from_int64(gc_collect(static_cast<int>(gen)));
}

Ref gc_enable(Value, NativeArgs&) {
  gc_state().enabled = true;
  return none_ref();
}
Ref gc_disable(Value, NativeArgs&) {
  gc_state().enabled = false;
  return none_ref();
}
Ref gc_isenabled(Value, NativeArgs&) { return bool_ref(gc_state().enabled); }
Ref gc_get_count(Value, NativeArgs&) {
  const GcState& st = gc_state();
  return tuple_of({Value::from_small(st.count[0]), Value::from_small(st.count[1]),
                   Value::from_small(st.count[2])});
}
Ref gc_get_threshold(Value, NativeArgs&) {
  const GcState& st = gc_state();
  return tuple_of({Value::from_small(st.threshold[0]), Value::from_small(st.threshold[1]),
                   Value::from_small(st.threshold[2])});
}
Ref gc_set_threshold(Value, NativeArgs& args) {
  int64_t t[3];
  size_t nargs = 1 + (args.given(1) ? 1 : 0) + (args.given(2) ? 1 : 0);
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
Ref gc_set_debug(Value, NativeArgs& args) {
  gc_state().debug = args.i32(0);
  return none_ref();
}
Ref gc_get_debug(Value, NativeArgs&) { return Ref::small(gc_state().debug); }
Ref gc_is_tracked(Value, NativeArgs& args) {
  return bool_ref(args[0].is_object() && gc_is_tracked(args[0].obj()));
}
Ref gc_is_finalized(Value, NativeArgs& args) {
  return bool_ref(args[0].is_object() && (gc_bits_load(args[0].obj()) & kGcFinalized));
}
Ref gc_get_objects(Value, NativeArgs& a) {
  int64_t gen;
  if (!parse_generation(a[0], &gen, true)) return Ref();
  return objects_to_list(gc_objects(static_cast<int>(gen)));
}

struct ReferrerSearch {
  const Value* targets;
  size_t n;
  bool found;
};

Ref gc_get_referrers(Value, NativeArgs& a) {
  Ref out = list_new();
  ReferrerSearch s{a.varargs().data(), a.varargs().size(), false};
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

Ref gc_get_referents(Value, NativeArgs& a) {
  Ref out = list_new();
  std::span<const Value> args = a.varargs();
  for (size_t i = 0; i < args.size(); i++) {
    if (!args[i].is_object() || !type_is_gc(args[i].obj()->type)) continue;
    gc_traverse(
        args[i].obj(),
        [](Object* r, void* arg) { list_append(static_cast<ListObject*>(arg), Value(r)); },
        as_list(out.get()));
  }
  return out;
}

Ref gc_freeze_fn(Value, NativeArgs&) {
  gc_freeze();
  return none_ref();
}
Ref gc_unfreeze_fn(Value, NativeArgs&) {
  gc_unfreeze();
  return none_ref();
}
Ref gc_get_freeze_count(Value, NativeArgs&) {
  return int_from_int64(static_cast<int64_t>(gc_freeze_count()));
}
Ref gc_get_stats(Value, NativeArgs&) {
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

const NativeDef kGcFunctions[] = {
    {"collect($module, /, generation=2)", m_collect},
    {"enable($module, /)", gc_enable},
    {"disable($module, /)", gc_disable},
    {"isenabled($module, /)", gc_isenabled},
    {"get_count($module, /)", gc_get_count},
    {"get_threshold($module, /)", gc_get_threshold},
    {"set_threshold($module, threshold0, threshold1=NULL, threshold2=NULL, /)", gc_set_threshold,
     kNativeNoTextSig},
    {"set_debug($module, flags: int, /)", gc_set_debug},
    {"get_debug($module, /)", gc_get_debug},
    {"is_tracked($module, obj, /)", gc_is_tracked},
    {"is_finalized($module, obj, /)", gc_is_finalized},
    {"get_objects($module, /, generation=None)", gc_get_objects},
    {"get_referrers($module, *objs)", gc_get_referrers, kNativeNoTextSig},
    {"get_referents($module, *objs)", gc_get_referents, kNativeNoTextSig},
    {"freeze($module, /)", gc_freeze_fn},
    {"unfreeze($module, /)", gc_unfreeze_fn},
    {"get_freeze_count($module, /)", gc_get_freeze_count},
    {"get_stats($module, /)", gc_get_stats},
};

}  // namespace

bool init_gc(Value module, DictObject* ns) {
  add_functions(ns, module, kGcFunctions);
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
