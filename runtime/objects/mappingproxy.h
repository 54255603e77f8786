// types.MappingProxyType (mappingproxy.cpp): a read-only view of a mapping.
#pragma once

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

extern TypeObject mappingproxy_type;

/// A read-only view of `mapping` (not checked: callers pass a dict or another mapping).
Ref mappingproxy_new(Value mapping);

}  // namespace minipy::rt
