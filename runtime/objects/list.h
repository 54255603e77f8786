// list: a growable array of owned values. All mutation goes through the functions below (or the
// list methods in list.cpp) so that a free-threaded build can add a per-object lock in one place.
#pragma once

#include <vector>

#include "runtime/critical_section.h"
#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct DictObject;

struct ListObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  std::vector<Value> items;    // owned references
};

extern TypeObject list_type;

inline bool is_list(Value v) {
  return v.is_object() && (v.obj()->type == &list_type || (v.obj()->type->flags & kTypeListSubclass));
}
inline ListObject* as_list(Value v) { return static_cast<ListObject*>(v.obj()); }

Ref list_new(size_t reserve = 0);
Ref list_from(const Value* items, size_t n);
void list_append(ListObject* l, Value v);        // increfs
void list_append_steal(ListObject* l, Value v);  // takes the reference
/// list.extend(iterable); false on error.
bool list_extend(ListObject* l, Value iterable);
/// list(iterable) as a new list.
Ref list_from_iterable(Value iterable);
/// Sorts in place with an optional key function; false on error (the list is left valid).
bool list_sort(ListObject* l, Value key, bool reverse);

}  // namespace minipy::rt
