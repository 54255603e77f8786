// Runtime support for the match statement (PEP 634): what the MATCH_* opcodes of
// vm/opcodes.def do, with CPython 3.11's semantics and error messages (Python/ceval.c's
// match_keys/match_class). The compiler side is vm/compile_match.cpp.
#pragma once

#include "runtime/object.h"
#include "runtime/objects/tuple.h"

namespace minipy::vm {

/// Whether `subject` is a sequence for pattern matching: its type has kTypeSequence (list,
/// tuple, range, memoryview, deque, collections.abc.Sequence subclasses; never str/bytes).
bool match_is_sequence(rt::Value subject);
/// Whether `subject` is a mapping for pattern matching (kTypeMapping: dict, Mapping subclasses).
bool match_is_mapping(rt::Value subject);

/// MATCH_KEYS: a tuple of map.get(key) for each key, or None when one is missing; null with an
/// exception on error (ValueError "mapping pattern checks duplicate key (...)").
rt::Ref match_keys(rt::Value map, rt::TupleObject* keys);

/// MATCH_CLASS: the tuple of the `nargs` positional (through __match_args__) and the keyword
/// attributes of `subject` when it is an instance of `cls` that has them all, else None; null
/// with an exception on error.
rt::Ref match_class(rt::Value subject, rt::Value cls, size_t nargs, rt::TupleObject* kwnames);

}  // namespace minipy::vm
