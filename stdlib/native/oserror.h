// OSError construction shared by the native modules that make system calls (io, os, time).
// raise_os_error maps errno to CPython's OSError subclasses (FileNotFoundError, ...); it is
// defined in io.cpp.
#pragma once

#include "runtime/object.h"

namespace minipy::lib {

/// Raises the OSError subclass for `err` with strerror(err) as message and `filename` (may be
/// null) as the filename attribute. Always returns null.
rt::Ref raise_os_error(int err, rt::Value filename);

}  // namespace minipy::lib
