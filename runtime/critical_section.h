// The per-object locking hook: every native container (list, dict, set, bytearray, instance
// dicts, deque, array, ...) mutates, and reads more than one word of its state, only inside a
// CriticalSection on itself. In the default build the GIL already serialises every object
// access, so the guard is empty and compiles to nothing. The free-threaded build (issue 10)
// changes only this file: the guard then takes the object's small lock (released while the
// thread blocks, as PEP 703's critical sections are), and CriticalSection2 takes two locks in
// address order so that two threads locking the same pair cannot deadlock.
//
// The free-threaded guard is described below, before its class.
//
// Usage:
//   { CriticalSection cs(list); ... mutate list ... }
//   { CriticalSection2 cs(a, b); ... compare or copy between a and b ... }
#pragma once

#include "runtime/object.h"

namespace minipy::rt {

#ifndef MINIPY_FREE_THREADING

inline void critical_sections_suspend_all() {}
inline void critical_sections_resume() {}

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

#else  // MINIPY_FREE_THREADING

// The lock is one byte of the free-threaded object header (Object::lock_state): bit 0 = locked,
// bit 1 = a thread may be parked waiting for it (parked threads wait in a small table of
// condition variables keyed by address, critical_section.cpp). Only containers are locked.
//
// Sections nest: each thread keeps a stack of its active sections (t_cs_top). A thread never
// blocks while holding a lock: before it parks, on this lock or anywhere else it releases the GIL
// (ReleaseGil, thread_detach), it suspends every section it holds, and a suspended section is
// re-locked when the thread runs again (the top one at once, an outer one when the inner ends).
// So two sections can never deadlock, even taken in opposite orders or on the same object by one
// thread (PEP 703's rule); the price is that an outer section's object may change while an inner
// one waits, exactly as it may change when a callback releases the GIL in the default build.

inline constexpr uint8_t kLockHeld = 1;
inline constexpr uint8_t kLockParked = 2;

class CriticalSection {
 public:
  explicit CriticalSection(Object* o) { begin(o, nullptr); }
  explicit CriticalSection(Value v) { begin(v.is_object() ? v.obj() : nullptr, nullptr); }
  ~CriticalSection() { end(); }
  CriticalSection(const CriticalSection&) = delete;
  CriticalSection& operator=(const CriticalSection&) = delete;

 protected:
  CriticalSection() = default;
  /// Locks a (and b, a < b, when not null), unless the innermost section already holds them.
  void begin(Object* a, Object* b) {
    CriticalSection* top = t_top_;
    if (a == nullptr || (top != nullptr && top->covers(a) && (b == nullptr || top->covers(b))))
      return;
    a_ = a;
    b_ = b;
    prev_ = top;
    t_top_ = this;
    if (try_lock(a) && (b == nullptr || try_lock(b) || (unlock(a), false))) {
      held_ = true;
    } else {
      acquire_slow();
    }
  }
  void end() {
    if (a_ == nullptr) return;  // nothing was locked (a no-op section)
    if (held_) {
      unlock(a_);
      if (b_ != nullptr) unlock(b_);
    }
    t_top_ = prev_;
    if (prev_ != nullptr && !prev_->held_) prev_->acquire_slow();
  }

  static bool try_lock(Object* o) {
    uint8_t expected = 0;
    return o->lock_state.compare_exchange_strong(expected, kLockHeld, std::memory_order_acquire,
                                                 std::memory_order_relaxed);
  }
  static void unlock(Object* o) {
    if (o->lock_state.exchange(0, std::memory_order_release) & kLockParked) wake(o);
  }
  bool covers(Object* o) const { return held_ && (a_ == o || b_ == o); }

  /// Spins briefly, then suspends every section of this thread, releases the GIL if held,
  /// parks until the lock is free, and tries again.
  void acquire_slow();
  static void wake(Object* o);

  friend void critical_sections_suspend_all();
  friend void critical_sections_resume();

  Object* a_ = nullptr;  // null: a no-op section (nothing to lock, or already locked by the top)
  Object* b_ = nullptr;
  CriticalSection* prev_ = nullptr;
  bool held_ = false;  // false while suspended
  static inline thread_local constinit CriticalSection* t_top_ = nullptr;
};

/// Locks two objects in address order (so two threads locking the same pair cannot deadlock).
class CriticalSection2 : public CriticalSection {
 public:
  CriticalSection2(Object* a, Object* b) { begin2(a, b); }
  CriticalSection2(Value a, Value b) {
    begin2(a.is_object() ? a.obj() : nullptr, b.is_object() ? b.obj() : nullptr);
  }
  CriticalSection2(const CriticalSection2&) = delete;
  CriticalSection2& operator=(const CriticalSection2&) = delete;

 private:
  void begin2(Object* a, Object* b) {
    if (a == b || b == nullptr) return begin(a, nullptr);
    if (a == nullptr) return begin(b, nullptr);
    if (b < a) std::swap(a, b);
    begin(a, b);
  }
};

/// Called when the thread blocks or releases the GIL (thread_detach): unlocks every held section.
void critical_sections_suspend_all();
/// Called when it runs again (thread_attach): re-locks the innermost section.
void critical_sections_resume();

#endif

}  // namespace minipy::rt
