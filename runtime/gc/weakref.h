// Weak references (CPython's Objects/weakrefobject.c semantics): weakref.ref objects with
// callbacks, proxies and callable proxies. The runtime/ half of the _weakref module.
//
// An object does not carry a weak-reference list field (the header stays 16 bytes); instead a
// side table maps each referent that has weak references to the head of a doubly linked list
// of its WeakRefObjects, and the referent's gc_bits carries kGcHasWeakrefs so that dealloc
// looks at the table only for objects that have ever been weakly referenced. Referents are
// stored disguised so LeakSanitizer does not count the table as a reference.
//
// Clearing: when a referent is freed by reference counting, its weak references are cleared
// and their callbacks called (after its finalizer, as CPython does). When the cycle collector
// frees it, weak references are cleared before any finalizer runs, and only callbacks of weak
// references that are not garbage themselves run (collector.cpp).
#pragma once

#include <vector>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct DictObject;

struct WeakRefObject : Object {
  DictObject* dict = nullptr;  // storage for subclasses' attributes / __slots__ (KeyedRef)
  Object* referent = nullptr;  // borrowed; null once the referent is gone
  Ref callback;                // null = None
  int64_t hash = -1;           // cached hash of the referent (-1 = not computed)
  WeakRefObject* prev = nullptr;
  WeakRefObject* next = nullptr;
};

extern TypeObject weakref_type;            // weakref.ReferenceType
extern TypeObject weakproxy_type;          // weakref.ProxyType
extern TypeObject weakcallableproxy_type;  // weakref.CallableProxyType

/// `o` can be weakly referenced (its type has the weak-reference slot).
bool weakrefable(Value o);

/// weakref.ref(ob, callback) for `type` (ReferenceType or a subclass). callback null/None = none.
Ref weakref_new(TypeObject* type, Value ob, Value callback);
/// weakref.proxy(ob, callback).
Ref weakproxy_new(Value ob, Value callback);

/// The referent (borrowed) or null when dead.
inline Object* weakref_referent(Value wr) {
  return static_cast<WeakRefObject*>(wr.obj())->referent;
}

int64_t weakref_count(Object* o);
/// `obj.__weakref__`: the first weak reference to `o`, or None.
Ref weakref_first(Value o);
/// A new list of the weak references to `o`.
Ref weakref_list(Object* o);

/// Called by dealloc for objects with kGcHasWeakrefs: clears every weak reference to `o` and
/// calls their callbacks.
void weakrefs_clear_on_dealloc(Object* o);
/// Called by the collector with the garbage (each held): clears the weak references to it and
/// calls the callbacks of those weak references that are not garbage.
void weakrefs_clear_for_gc(const std::vector<Ref>& garbage);

/// Registers the weakref types (start-up).
void weakref_types_init();

}  // namespace minipy::rt
