// The object header every heap object starts with, the one place reference counts change
// (incref/decref), and Ref, the owning RAII handle.
//
// Ownership rules (STYLE.md rule 3):
//   * Value is borrowed: it never changes a count.
//   * Ref owns one reference. Functions returning a new reference return Ref; a null Ref means
//     "an exception is pending on the current ThreadState" (see runtime/errors.h).
//   * Functions that take over a reference say so: Ref::steal(), list_append_steal().
//
// How counts change depends on the build (the callers never see which):
//   * default: plain increments; under the GIL only the holder touches objects.
//   * MINIPY_FREE_THREADING with MINIPY_REFCOUNT_BIASED (the default there): PEP 703's biased
//     reference counting. The thread that created an object owns it and counts in `refcnt`
//     without atomics; every other thread adds and subtracts atomically in `ref_shared`. When a
//     non-owner would take the shared count below zero it hands the object to the owner's queue
//     instead (runtime/state/brc.cpp), and the owner merges the two counts at its next
//     eval-breaker check. When the owner's own count reaches zero it merges at once.
//   * MINIPY_FREE_THREADING with MINIPY_REFCOUNT_ATOMIC: one atomic count in `refcnt` (every
//     change is a locked instruction): the comparison build for biased counting.
//   * MINIPY_UNSAFE_NO_GIL: plain increments with no GIL at all (the experiment that shows why
//     the GIL exists; never the default).
// Immortal objects (None, True, False, small ints, builtin types, interned names) have
// refcnt == kImmortal and are never counted or freed, so no thread ever contends on them.
// The cycle collector reads a count only through refcount_total().
#pragma once

#include <cstdint>
#include <utility>
#ifdef MINIPY_FREE_THREADING
#include <atomic>
#endif

#include "runtime/value.h"

namespace minipy::rt {

struct TypeObject;

inline constexpr uint32_t kImmortal = 0xFFFFFFFFu;

#ifndef MINIPY_FREE_THREADING

struct Object {
  TypeObject* type;
  uint32_t refcnt;
  uint32_t gc_bits;  // cycle collector bits: only through gc_bits_* below
};

/// Frees an object whose count reached zero (calls its type's dealloc slot).
void dealloc_object(Object* o);

/// Sets the count of a freshly allocated object to one (every allocator calls this).
inline void init_refcount(Object* o) { o->refcnt = 1; }
/// Makes `o` immortal: never counted again, never freed.
inline void make_immortal(Object* o) { o->refcnt = kImmortal; }
inline bool is_immortal(const Object* o) { return o->refcnt == kImmortal; }
/// The current total number of references to `o` (kImmortal for immortal objects). The one
/// accessor for readers of counts (sys.getrefcount, the cycle collector's trial deletion); in
/// free-threaded builds it is exact only while the world is stopped or `o` is not shared.
inline uint32_t refcount_total(const Object* o) { return o->refcnt; }
/// Overwrites the count (a dealloc slot resurrecting its object while a finaliser runs).
inline void set_refcount(Object* o, uint32_t n) { o->refcnt = n; }

/// True when the caller's reference is the only one to `o`, so nothing else can observe a change
/// to it (CPython's _PyObject_IsUniquelyReferenced).
inline bool is_uniquely_referenced(const Object* o) { return o->refcnt == 1; }

// The collector's per-object bits (runtime/gc/collector.h has the layout), read and written only
// through these: in the free-threaded build several threads write them (one sets
// kGcHasWeakrefs while the collector's tracking code rewrites the index), so there they are
// atomic read-modify-writes; here the GIL serialises every writer and they are plain.
inline uint32_t gc_bits_load(const Object* o) { return o->gc_bits; }
inline void gc_bits_store(Object* o, uint32_t v) { o->gc_bits = v; }
inline void gc_bits_or(Object* o, uint32_t set) { o->gc_bits |= set; }
inline void gc_bits_and(Object* o, uint32_t keep) { o->gc_bits &= keep; }
/// bits = (bits & keep) | set, as one step.
inline void gc_bits_update(Object* o, uint32_t keep, uint32_t set) {
  o->gc_bits = (o->gc_bits & keep) | set;
}

inline void incref(Object* o) {
  if (o->refcnt != kImmortal) ++o->refcnt;
}
inline void decref(Object* o) {
  if (o->refcnt != kImmortal && --o->refcnt == 0) dealloc_object(o);
}

#else  // MINIPY_FREE_THREADING

/// Free-threaded header (32 bytes, as the default's 16 plus the owner, the shared count and the
/// lock; the extra fields are in the padding CPython's PEP 703 header uses too).
struct Object {
  TypeObject* type;
  // biased: the owner's count, written only by the owner (relaxed atomic loads and stores, so
  // other threads may read it for refcount_total without a data race). atomic: the count.
  std::atomic<uint32_t> refcnt;
  std::atomic<uint32_t> gc_bits;    // cycle collector bits: only through gc_bits_* below
  std::atomic<uintptr_t> owner;     // biased: owning thread's id (brc_thread_id); 0 = merged
  std::atomic<int32_t> ref_shared;  // biased: (other threads' count << 2) | kShared* state
  std::atomic<uint8_t> lock_state;  // the per-object lock (critical_section.h), containers only
};

// ref_shared's two low bits (PEP 703 / CPython's _Py_REF_* states).
inline constexpr int32_t kSharedQueued = 2;  // handed to the owner's merge queue
inline constexpr int32_t kSharedMerged = 3;  // owner gave up: ref_shared alone is the count
inline constexpr int32_t kSharedFlagMask = 3;
inline constexpr int kSharedShift = 2;

void dealloc_object(Object* o);

/// This thread's id for biased counting: unique for the process's lifetime, never 0.
uintptr_t brc_assign_thread_id();
inline thread_local constinit uintptr_t t_brc_thread_id = 0;
inline uintptr_t brc_thread_id() {
  uintptr_t t = t_brc_thread_id;
  return t != 0 ? t : brc_assign_thread_id();
}

/// Slow paths (runtime/state/brc.cpp).
void brc_decref_shared(Object* o);
void brc_merge_zero_local(Object* o);

// Relaxed atomics: each bit is its own flag and nothing is published through them (the
// collector's list and index bits change under its tracking mutex, or with the world stopped);
// what matters is that a read-modify-write by one thread never loses another's bit.
inline uint32_t gc_bits_load(const Object* o) { return o->gc_bits.load(std::memory_order_relaxed); }
inline void gc_bits_store(Object* o, uint32_t v) { o->gc_bits.store(v, std::memory_order_relaxed); }
inline void gc_bits_or(Object* o, uint32_t set) { o->gc_bits.fetch_or(set, std::memory_order_relaxed); }
inline void gc_bits_and(Object* o, uint32_t keep) {
  o->gc_bits.fetch_and(keep, std::memory_order_relaxed);
}
inline void gc_bits_update(Object* o, uint32_t keep, uint32_t set) {
  uint32_t old = o->gc_bits.load(std::memory_order_relaxed);
  while (!o->gc_bits.compare_exchange_weak(old, (old & keep) | set, std::memory_order_relaxed)) {
  }
}

inline void init_refcount(Object* o) {
  o->refcnt.store(1, std::memory_order_relaxed);
  o->owner.store(brc_thread_id(), std::memory_order_relaxed);
  o->ref_shared.store(0, std::memory_order_relaxed);
  o->lock_state.store(0, std::memory_order_relaxed);
}
inline void make_immortal(Object* o) {
  o->refcnt.store(kImmortal, std::memory_order_relaxed);
  o->owner.store(0, std::memory_order_relaxed);
}
inline bool is_immortal(const Object* o) {
  return o->refcnt.load(std::memory_order_relaxed) == kImmortal;
}
uint32_t refcount_total(const Object* o);
/// Overwrites the count (a dealloc slot resurrecting its object while a finaliser runs: the
/// object is unreachable from other threads then, so the deallocating thread becomes its owner).
inline void set_refcount(Object* o, uint32_t n) {
  o->owner.store(brc_thread_id(), std::memory_order_relaxed);
  o->ref_shared.store(0, std::memory_order_relaxed);
  o->refcnt.store(n, std::memory_order_relaxed);
}

#ifdef MINIPY_REFCOUNT_ATOMIC
inline void incref(Object* o) {
  if (o->refcnt.load(std::memory_order_relaxed) != kImmortal)
    o->refcnt.fetch_add(1, std::memory_order_relaxed);
}
inline void decref(Object* o) {
  if (o->refcnt.load(std::memory_order_relaxed) == kImmortal) return;
  // acq_rel: every other thread's last use of the object happens before its destruction.
  if (o->refcnt.fetch_sub(1, std::memory_order_acq_rel) == 1) dealloc_object(o);
}
#else
inline void incref(Object* o) {
  uint32_t local = o->refcnt.load(std::memory_order_relaxed);
  if (local == kImmortal) return;
  if (o->owner.load(std::memory_order_relaxed) == brc_thread_id()) {
    o->refcnt.store(local + 1,
                    std::memory_order_relaxed);  // owner only: no read-modify-write needed
  } else {
    o->ref_shared.fetch_add(1 << kSharedShift, std::memory_order_relaxed);
  }
}
inline void decref(Object* o) {
  uint32_t local = o->refcnt.load(std::memory_order_relaxed);
  if (local == kImmortal) return;
  if (o->owner.load(std::memory_order_relaxed) == brc_thread_id()) {
    o->refcnt.store(local - 1, std::memory_order_relaxed);
    if (local == 1) brc_merge_zero_local(o);
  } else {
    brc_decref_shared(o);
  }
}
#endif

/// True when the caller's reference is the only one to `o`, so no other thread can observe a
/// change to it (CPython's _PyObject_IsUniquelyReferenced): biased, the caller's thread owns it
/// with a local count of one and no shared references.
inline bool is_uniquely_referenced(const Object* o) {
#ifdef MINIPY_REFCOUNT_ATOMIC
  return o->refcnt.load(std::memory_order_acquire) == 1;
#else
  return o->owner.load(std::memory_order_relaxed) == brc_thread_id() &&
         o->refcnt.load(std::memory_order_relaxed) == 1 &&
         o->ref_shared.load(std::memory_order_relaxed) == 0;
#endif
}

#endif  // MINIPY_FREE_THREADING

inline void incref(Value v) {
  if (v.is_object()) incref(v.obj());
}
inline void decref(Value v) {
  if (v.is_object()) decref(v.obj());
}
inline void xdecref(Value v) { decref(v); }  // null and small ints are ignored by decref already

inline TypeObject* type_of_obj(Object* o) { return o->type; }

/// An owning reference. Move-only; copying must be explicit (Ref::new_ref(v)).
class Ref {
 public:
  Ref() = default;
  Ref(std::nullptr_t) {}
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  Ref(Ref&& o) noexcept : v_(o.v_) { o.v_ = Value(); }
  Ref& operator=(Ref&& o) noexcept {
    if (this != &o) {
      Value old = v_;
      v_ = o.v_;
      o.v_ = Value();
      decref(old);
    }
    return *this;
  }
  ~Ref() { decref(v_); }

  /// Takes over a reference the caller already owns.
  static Ref steal(Value v) {
    Ref r;
    r.v_ = v;
    return r;
  }
  static Ref steal(Object* o) { return steal(Value(o)); }
  /// Adds a reference to a borrowed value.
  static Ref new_ref(Value v) {
    incref(v);
    return steal(v);
  }
  static Ref new_ref(Object* o) { return new_ref(Value(o)); }
  static Ref small(int64_t n) { return steal(Value::from_small(n)); }

  Value get() const { return v_; }
  Object* obj() const { return v_.obj(); }
  template <class T>
  T* as() const { return static_cast<T*>(v_.obj()); }
  /// Gives up ownership without decrementing.
  Value release() {
    Value v = v_;
    v_ = Value();
    return v;
  }
  Ref dup() const { return new_ref(v_); }
  void reset() { *this = Ref(); }
  explicit operator bool() const { return !v_.is_null(); }
  bool is_null() const { return v_.is_null(); }
  operator Value() const { return v_; }  // borrow

 private:
  Value v_;
};

}  // namespace minipy::rt
