// set and frozenset: a hash table of keys (the dict layout without values).
#pragma once

#include "runtime/object.h"
#include "runtime/objects/dict.h"
#include "runtime/type.h"

namespace minipy::rt {

struct SetObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  DictObject* table;           // keys map to None; owned (a private dict keeps one hash table implementation)
};

extern TypeObject set_type;
extern TypeObject frozenset_type;

inline bool is_set(Value v) {
  return v.is_object() && (v.obj()->type == &set_type || v.obj()->type == &frozenset_type ||
                           is_subtype(v.obj()->type, &set_type) || is_subtype(v.obj()->type, &frozenset_type));
}
inline SetObject* as_set(Value v) { return static_cast<SetObject*>(v.obj()); }

Ref set_new(TypeObject* type = &set_type);
bool set_add(SetObject* s, Value key);
int set_contains(SetObject* s, Value key);
int set_discard(SetObject* s, Value key);
bool set_update(SetObject* s, Value iterable);
Ref set_from_iterable(Value iterable, TypeObject* type = &set_type);
inline size_t set_size(SetObject* s) { return s->table->used; }

}  // namespace minipy::rt
