// os.register_at_fork and the hooks it registers (os_at_fork.cpp), run by os.fork (os.cpp).
#pragma once

#include <cstddef>

#include "runtime/object.h"

namespace minipy::rt {
struct TupleObject;
}

namespace minipy::lib {

void run_fork_hooks_before();
void run_fork_hooks_after(bool child);
rt::Ref os_register_at_fork(rt::Value self, const rt::Value* args, size_t nargs, rt::TupleObject* kw);

}  // namespace minipy::lib
