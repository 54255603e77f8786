// _thread._local (threading.local): thread-local attributes, native as CPython's (see
// thread_local.cpp). Part of the _thread module.
#pragma once

#include "runtime/objects/dict.h"

namespace minipy::lib {

/// Adds _thread._local to the _thread module's namespace.
void add_thread_local_type(rt::DictObject* ns);

/// Drops the calling thread's attribute dicts of every _local object. Called by a thread started
/// with _thread.start_new_thread after its function returned, with the GIL held (values stored
/// by a finished thread must not outlive it, as CPython clears them with its thread state).
void thread_local_exit();

}  // namespace minipy::lib
