// tuple: an immutable array of values stored inline after the header.
#pragma once

#include <initializer_list>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct DictObject;

// The header is the object header and the size only (24 bytes, CPython's tuple basic size), so
// that a pair is a 40-byte allocation (glibc's 48-byte chunk): binary trees and dict items are
// mostly pairs. Two things CPython's tuple does not carry either live elsewhere: the hash is
// not cached (CPython 3.11 recomputes it too), and instances of heap subclasses keep their
// __dict__ in a prefix before the object (kTuplePrefix bytes; subclass_dict_offset is negative),
// as CPython 3.11 keeps managed dicts before the object header.
struct TupleObject : Object {
  size_t size;
  Value* items() { return reinterpret_cast<Value*>(this + 1); }
  const Value* items() const { return reinterpret_cast<const Value*>(this + 1); }
  Value at(size_t i) const { return items()[i]; }
};

extern TypeObject tuple_type;

/// Bytes before a heap subclass instance: its __dict__ pointer, padded to keep the object
/// 16-byte aligned as malloc returns it.
inline constexpr size_t kTuplePrefix = 16;

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

/// True when the cycle collector may stop tracking `t` (CPython's _PyTuple_MaybeUntrack): an
/// exact tuple whose items are all set and none of which can be part of a cycle, being atoms
/// or tuples already untracked. A tuple cannot change after it is filled, so it never needs
/// tracking again; the one exception, the hidden tuple that holds an instance's __slots__
/// values, is tracked again by the stores into it.
bool tuple_may_untrack(const TupleObject* t);

}  // namespace minipy::rt
