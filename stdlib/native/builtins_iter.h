// The lazy iterator types of the builtins module: enumerate, zip, map, filter, reversed and
// callable_iterator (iter(callable, sentinel)). Each is a real type, so isinstance(x, map) works
// and repr prints <map object at 0x...>.
#pragma once

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::lib {

extern rt::TypeObject enumerate_type;
extern rt::TypeObject zip_type;
extern rt::TypeObject map_type;
extern rt::TypeObject filter_type;
extern rt::TypeObject reversed_type;
extern rt::TypeObject callable_iter_type;

/// iter(callable, sentinel): calls `callable` until it returns something equal to `sentinel`.
rt::Ref callable_iter_new(rt::Value callable, rt::Value sentinel);
/// reversed(seq) semantics: seq.__reversed__() or the sequence protocol.
rt::Ref reversed_new(rt::Value seq);
/// reversed(seq) as an instance of `type` (reversed or a subclass).
rt::Ref reversed_new_of(rt::TypeObject* type, rt::Value seq);

/// Readies the types and binds their names in the builtins dict.
void builtins_iter_init(rt::DictObject* builtins);

}  // namespace minipy::lib
