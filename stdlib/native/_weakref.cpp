// The _weakref module: the native half of CPython's weakref.py and _weakrefset.py. The types
// and the weak-reference table live in runtime/gc/weakref.* (dealloc and the collector clear
// weak references); this file only exposes them.
#include "runtime/errors.h"
#include "runtime/gc/weakref.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace {

Ref wr_getweakrefcount(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("getweakrefcount", nargs, kw, 1, 1)) return Ref();
  return Ref::small(args[0].is_object() ? weakref_count(args[0].obj()) : 0);
}

Ref wr_getweakrefs(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("getweakrefs", nargs, kw, 1, 1)) return Ref();
  if (!args[0].is_object()) return list_new();
  return weakref_list(args[0].obj());
}

Ref wr_proxy(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("proxy", nargs, kw, 1, 2)) return Ref();
  return weakproxy_new(args[0], nargs > 1 ? args[1] : Value());
}

/// _remove_dead_weakref(dict, key): del dict[key] if it is a dead weak reference (used by
/// WeakValueDictionary's callbacks, which may run after the key was reassigned).
Ref wr_remove_dead_weakref(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("_remove_dead_weakref", nargs, kw, 2, 2)) return Ref();
  if (!is_dict(args[0])) {
    return raise_fmt(&exc_TypeError, "_remove_dead_weakref() argument 1 must be dict, not {}",
                     type_name(args[0]));
  }
  DictObject* d = as_dict(args[0]);
  Value v = dict_get(d, args[1]);
  if (!v) {
    if (error_pending()) return Ref();
    return none_ref();
  }
  if (isinstance(v, &weakref_type) && weakref_referent(v) == nullptr) {
    if (dict_del(d, args[1]) < 0) return Ref();
  }
  return none_ref();
}

}  // namespace

bool init__weakref(Value module, DictObject* ns) {
  dict_set_cstr(ns, "ref", Value(&weakref_type));
  dict_set_cstr(ns, "ReferenceType", Value(&weakref_type));
  dict_set_cstr(ns, "ProxyType", Value(&weakproxy_type));
  dict_set_cstr(ns, "CallableProxyType", Value(&weakcallableproxy_type));
  add_function(ns, module, "getweakrefcount", wr_getweakrefcount);
  add_function(ns, module, "getweakrefs", wr_getweakrefs);
  add_function(ns, module, "proxy", wr_proxy);
  add_function(ns, module, "_remove_dead_weakref", wr_remove_dead_weakref);
  return true;
}

}  // namespace minipy::lib
