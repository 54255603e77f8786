// tuple: an immutable array of values stored inline after the header.
#pragma once

#include <initializer_list>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct DictObject;

struct TupleObject : Object {
  size_t size;
  int64_t hash_cache;  // -1 = not computed
  DictObject* dict;    // __dict__ of subclass instances (codecs.CodecInfo sets attributes)
  Value* items() { return reinterpret_cast<Value*>(this + 1); }
  const Value* items() const { return reinterpret_cast<const Value*>(this + 1); }
  Value at(size_t i) const { return items()[i]; }
};

extern TypeObject tuple_type;

inline bool is_tuple(Value v) {
  return v.is_object() &&
         (v.obj()->type == &tuple_type || (v.obj()->type->flags & kTypeTupleSubclass));
}
inline TupleObject* as_tuple(Value v) { return static_cast<TupleObject*>(v.obj()); }

/// A tuple of `n` null slots to be filled with tuple_set_steal (only while it is private).
Ref tuple_new(size_t n);
/// Copies (increfs) the values.
Ref tuple_from(const Value* items, size_t n);
Ref tuple_of(std::initializer_list<Value> items);
inline void tuple_set_steal(TupleObject* t, size_t i, Value v) { t->items()[i] = v; }
Ref tuple_empty();

}  // namespace minipy::rt
