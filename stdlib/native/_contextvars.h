// What other native modules use of _contextvars: the current thread's context, copied
// (contextvars.copy_context()), which asyncio's Future and Task hand to their callbacks.
#pragma once

#include "runtime/object.h"

namespace minipy::lib {

/// contextvars.copy_context(): a new Context with the current thread's variables (O(1)).
rt::Ref contextvars_copy_current();

}  // namespace minipy::lib
