// The object header every heap object starts with, the one place reference counts change
// (incref/decref), and Ref, the owning RAII handle.
//
// Ownership rules (STYLE.md rule 3):
//   * Value is borrowed: it never changes a count.
//   * Ref owns one reference. Functions returning a new reference return Ref; a null Ref means
//     "an exception is pending on the current ThreadState" (see runtime/errors.h).
//   * Functions that take over a reference say so: Ref::steal(), list_append_steal().
//
// Reference counts are plain (non-atomic) increments: under the GIL only the holder touches
// objects. A free-threaded build (MINIPY_FREE_THREADING) would swap the bodies of incref/decref
// here for biased counting without touching any caller. Immortal objects (None, True, False,
// builtin types, interned names) have refcnt == kImmortal and are never counted or freed.
#pragma once

#include <cstdint>
#include <utility>

#include "runtime/value.h"

namespace minipy::rt {

struct TypeObject;

struct Object {
  TypeObject* type;
  uint32_t refcnt;
  uint32_t gc_bits;  // cycle collector scratch and flags
};

inline constexpr uint32_t kImmortal = 0xFFFFFFFFu;

/// Frees an object whose count reached zero (calls its type's dealloc slot).
void dealloc_object(Object* o);

inline void incref(Object* o) {
  if (o->refcnt != kImmortal) ++o->refcnt;
}
inline void decref(Object* o) {
  if (o->refcnt != kImmortal && --o->refcnt == 0) dealloc_object(o);
}
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
