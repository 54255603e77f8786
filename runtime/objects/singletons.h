// None, True, False, NotImplemented and Ellipsis: immortal singletons.
#pragma once

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

extern Object none_object;
extern Object not_implemented_object;
extern Object ellipsis_object;
struct IntObject;
extern IntObject true_object;
extern IntObject false_object;

extern TypeObject none_type;
extern TypeObject not_implemented_type;
extern TypeObject ellipsis_type;

inline Value None() { return Value(&none_object); }
inline Value NotImplemented() { return Value(&not_implemented_object); }
inline Value Ellipsis() { return Value(reinterpret_cast<Object*>(&ellipsis_object)); }
// Inline, not out-of-line calls: every comparison and truth test produces or tests one. An
// IntObject's Object header is its first (and only) base, at offset 0 (int.cpp checks), so the
// object's address is the header's even though IntObject is incomplete here.
inline Value True() { return Value(reinterpret_cast<Object*>(&true_object)); }
inline Value False() { return Value(reinterpret_cast<Object*>(&false_object)); }
inline Value Bool(bool b) { return b ? True() : False(); }
inline Ref none_ref() { return Ref::steal(None()); }  // immortal: no count needed
inline Ref bool_ref(bool b) { return Ref::steal(Bool(b)); }
inline Ref not_implemented_ref() { return Ref::steal(NotImplemented()); }
inline bool is_none(Value v) { return v == None(); }

}  // namespace minipy::rt
