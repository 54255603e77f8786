// os.scandir and os.DirEntry (os_scandir.cpp), and the os.stat_result builder they share with
// os.cpp.
#pragma once

#include <sys/stat.h>

#include "runtime/object.h"

namespace minipy::rt {
struct DictObject;
}

namespace minipy::lib {

/// An os.stat_result from a struct stat (os.cpp).
rt::Ref stat_result_from(const struct stat& st);

/// Adds scandir, DirEntry and ScandirIterator to the posix module namespace.
bool scandir_init(rt::Value module, rt::DictObject* ns);

}  // namespace minipy::lib
