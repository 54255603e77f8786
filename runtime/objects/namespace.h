// types.SimpleNamespace (CPython's Objects/namespaceobject.c): an object whose attributes are
// its __dict__, built from keyword arguments. sys.implementation is one, and importlib uses its
// type for the loader state of frozen modules.
#pragma once

#include "runtime/object.h"
#include "runtime/objects/dict.h"
#include "runtime/type.h"

namespace minipy::rt {

struct NamespaceObject : Object {
  DictObject* dict = nullptr;  // the attributes (owned)
};

extern TypeObject namespace_type;

/// A SimpleNamespace holding a copy of `attrs` (null: empty).
Ref namespace_new(DictObject* attrs);

}  // namespace minipy::rt
