// Pickling of the builtin iterators: the shapes of CPython's __reduce__ results, shared by the
// iterator types of list, tuple, str, bytes, range, dict, set and the builtins module (each type
// keeps its own __reduce__/__setstate__ beside its iternext, in its own file).
//
// An iterator over an indexed sequence reduces to (iter, (seq,), index) and gets the index back
// through __setstate__; an exhausted one to (iter, (empty,)). Iterators over hash tables (dict,
// set) reduce to (iter, (list of the remaining items,)), which CPython builds without consuming
// the iterator.
#pragma once

#include <cstdint>

#include "runtime/object.h"

namespace minipy::rt {

/// (builtins.<callable>, (seq,), index): `callable` is "iter", or "reversed" for the reverse
/// iterators.
Ref iter_reduce_indexed(Value seq, int64_t index, const char* callable = "iter");
/// The same with the index as a Python int (longrange_iterator's).
Ref iter_reduce_indexed(Value seq, Value index);
/// (builtins.iter, args) for an args tuple (callable_iterator's (callable, sentinel)).
Ref iter_reduce_args(Value args);
/// (builtins.iter, (empty,)): an exhausted iterator.
Ref iter_reduce_exhausted(Value empty);
/// (builtins.iter, (items,)) with `items` a list (dict and set iterators).
Ref iter_reduce_items(Value items);
/// (builtins.getattr, (obj, name)): how CPython pickles a bound builtin method, a
/// method-wrapper and the method/wrapper descriptors (obj is the receiver or the owning class).
Ref reduce_getattr(Value obj, const char* name);
/// The index passed to an indexed iterator's __setstate__, as CPython's PyLong_AsSsize_t reads
/// it: an int (bool too), "an integer is required" otherwise, OverflowError past ssize_t.
bool iter_state_index(Value state, int64_t* out);

}  // namespace minipy::rt
