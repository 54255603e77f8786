// set and frozenset: CPython 3.11's open-addressing table (Objects/setobject.c's layout, probing,
// resizing and merging rules, re-implemented), so that iteration order, and with it every printed
// set, is CPython's: for ints always, for strings under the same PYTHONHASHSEED. The table is a
// power-of-two array of (key, hash) entries; probing looks at 9 neighbours linearly before
// jumping by CPython's perturbed recurrence. Deleted entries become dummies until a resize.
#pragma once

#include <vector>

#include "runtime/object.h"
#include "runtime/objects/dict.h"
#include "runtime/type.h"

namespace minipy::rt {

/// One table slot. Unused: key null, hash 0. Dummy (deleted): key kSetDummy, hash -1.
/// Active: any other key (owned), with its cached hash.
struct SetEntry {
  Value key;
  int64_t hash = 0;
};

/// The marker of a deleted slot: a word that is never a real object or small int.
inline constexpr Value kSetDummy = Value::from_bits(8);

struct SetObject : Object {
  DictObject* dict = nullptr;   // __dict__ of subclass instances
  std::vector<SetEntry> table;  // mask + 1 entries (a power of two, at least 8)
  size_t mask = 0;
  size_t fill = 0;    // active + dummy entries
  size_t used = 0;    // active entries
  size_t finger = 0;  // where pop() looks next
  int64_t hash = -1;  // frozenset's cached hash
};

extern TypeObject set_type;
extern TypeObject frozenset_type;

inline bool is_set(Value v) {
  return v.is_object() &&
         (v.obj()->type == &set_type || v.obj()->type == &frozenset_type ||
          is_subtype(v.obj()->type, &set_type) || is_subtype(v.obj()->type, &frozenset_type));
}
inline SetObject* as_set(Value v) { return static_cast<SetObject*>(v.obj()); }

Ref set_new(TypeObject* type = &set_type);
bool set_add(SetObject* s, Value key);
/// 1 present, 0 absent, -1 error. An unhashable set key is looked up as a frozenset.
int set_contains(SetObject* s, Value key);
/// 1 removed, 0 absent, -1 error.
int set_discard(SetObject* s, Value key);
/// s |= iterable, with CPython's merge rules (the order of the result depends on them).
bool set_update(SetObject* s, Value iterable);
Ref set_from_iterable(Value iterable, TypeObject* type = &set_type);
/// Iteration in table order: advances *pos over active entries; false at the end.
bool set_next(SetObject* s, size_t* pos, Value* key, int64_t* hash = nullptr);
inline size_t set_size(SetObject* s) { return s->used; }

}  // namespace minipy::rt
