// The per-object locking hook: every native container (list, dict, set, bytearray, instance
// dicts, deque, array, ...) mutates, and reads more than one word of its state, only inside a
// CriticalSection on itself. In the default build the GIL already serialises every object
// access, so the guard is empty and compiles to nothing. The free-threaded build (issue 10)
// changes only this file: the guard then takes the object's small lock (released while the
// thread blocks, as PEP 703's critical sections are), and CriticalSection2 takes two locks in
// address order so that two threads locking the same pair cannot deadlock.
//
// Usage:
//   { CriticalSection cs(list); ... mutate list ... }
//   { CriticalSection2 cs(a, b); ... compare or copy between a and b ... }
#pragma once

#include "runtime/object.h"

namespace minipy::rt {

#ifndef MINIPY_FREE_THREADING

class CriticalSection {
 public:
  explicit CriticalSection(Object*) {}
  explicit CriticalSection(Value) {}
  CriticalSection(const CriticalSection&) = delete;
  CriticalSection& operator=(const CriticalSection&) = delete;
};

class CriticalSection2 {
 public:
  CriticalSection2(Object*, Object*) {}
  CriticalSection2(Value, Value) {}
  CriticalSection2(const CriticalSection2&) = delete;
  CriticalSection2& operator=(const CriticalSection2&) = delete;
};

#else
// The free-threaded implementation lands with issue 10; until then the option does not build
// containers without it, so fail loudly instead of silently running unlocked.
#error "MINIPY_FREE_THREADING: critical sections are not implemented yet (issue 10)"
#endif

}  // namespace minipy::rt
