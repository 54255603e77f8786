// dict: an insertion-ordered hash table (CPython's compact layout): a dense array of entries in
// insertion order plus a sparse index table with open addressing. Deleted entries leave a hole
// (key null) until the next resize. Lookups of interned str keys compare by pointer first.
// All mutation goes through the functions below (one place for a future per-object lock).
#pragma once

#include <vector>

#include "runtime/critical_section.h"
#include "runtime/object.h"
#include "runtime/objects/str.h"
#include "runtime/type.h"

namespace minipy::rt {

struct DictEntry {
  int64_t hash;
  Value key;    // null = deleted slot
  Value value;
};

struct DictObject : Object {
  DictObject* dict = nullptr;        // __dict__ of subclass instances
  std::vector<DictEntry> entries;    // dense, insertion order
  std::vector<int32_t> index;        // sparse: -1 empty, -2 dummy, else entry position
  size_t used = 0;                   // live entries
  uint64_t version = 0;              // bumped on every mutation (caches, iteration checks)
};

extern TypeObject dict_type;

inline bool is_dict(Value v) {
  return v.is_object() && (v.obj()->type == &dict_type || (v.obj()->type->flags & kTypeDictSubclass));
}
inline DictObject* as_dict(Value v) { return static_cast<DictObject*>(v.obj()); }

Ref dict_new();
/// Borrowed value for key, or null. On a hash/eq error returns null with the error pending
/// (check error_pending() when null matters).
Value dict_get(DictObject* d, Value key);
/// Fast path for str keys: no errors possible.
Value dict_get_str(DictObject* d, StrObject* key);
Value dict_get_cstr(DictObject* d, const char* key);
/// dict_get_str / dict_set_str that first try the entry at *hint (an attribute cache's guess of
/// where the key sits: instances of one class usually insert their attributes in one order) and
/// leave the key's entry index there. Same results and errors as the plain functions.
Value dict_get_str_hint(DictObject* d, StrObject* key, uint32_t* hint);
bool dict_set_str_hint(DictObject* d, StrObject* key, Value value, uint32_t* hint);
/// New-reference lookups: the reference is taken while the dict is locked, so they are safe
/// against a concurrent deletion in free-threaded builds (null: missing, or an error pending).
Ref dict_get_ref(DictObject* d, Value key);
Ref dict_get_str_ref(DictObject* d, StrObject* key);
/// Lookup and store with the key's hash already known (a set's or another dict's stored hash):
/// CPython never hashes a key again when it moves between dicts and sets (test_set's
/// test_do_not_rehash_dict_keys counts __hash__ calls). dict_contains_hashed: 1, 0, -1 error.
int dict_contains_hashed(DictObject* d, Value key, int64_t hash);
bool dict_set_hashed(DictObject* d, Value key, int64_t hash, Value value);
/// d[key] = value (both increfed). false on error.
bool dict_set(DictObject* d, Value key, Value value);
bool dict_set_str(DictObject* d, StrObject* key, Value value);
bool dict_set_cstr(DictObject* d, const char* key, Value value);
/// del d[key]: 1 removed, 0 missing (no error set), -1 error.
int dict_del(DictObject* d, Value key);
/// Removes and returns the value (new ref) or null (missing: no error set unless one happened).
Ref dict_pop(DictObject* d, Value key);
void dict_clear(DictObject* d);
/// d.update(other) where other is a dict or a mapping/iterable of pairs. false on error.
bool dict_update(DictObject* d, Value other);
Ref dict_copy(DictObject* d);
/// The live keys in order, as owned references taken under the dict's lock.
std::vector<Ref> dict_keys_snapshot(DictObject* d);
/// Iteration: advances *pos over live entries; false at the end. The key and value are
/// borrowed: with other threads about, hold a CriticalSection on `d` while using them.
bool dict_next(DictObject* d, size_t* pos, Value* key, Value* value);
inline size_t dict_size(DictObject* d) {
  CriticalSection cs(d);
  return d->used;
}

}  // namespace minipy::rt
