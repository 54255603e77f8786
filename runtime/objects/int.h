// int: small ints are inline in Value (runtime/value.h); larger ones are IntObjects wrapping a
// BigInt. Every operation returns the small form when the result fits, so a value has one
// canonical representation and `is` on small ints behaves like CPython's cached ints.
#pragma once

#include <string>

#include "runtime/bigint.h"
#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct IntObject : Object {
  BigInt big;
  DictObject* dict = nullptr;  // __dict__ of subclass instances (re._constants._NamedIntConstant)
};

extern TypeObject int_type;
extern TypeObject bool_type;

inline bool is_int(Value v) {
  return v.is_small() || (v.is_object() && (v.obj()->type == &int_type || v.obj()->type == &bool_type ||
                                            (v.obj()->type->flags & kTypeIntSubclass)));
}
/// An int that is not a bool (exact `int`, small or big).
inline bool is_int_exact(Value v) { return v.is_small() || (v.is_object() && v.obj()->type == &int_type); }

Ref int_from_int64(int64_t n);
Ref int_from_bigint(BigInt&& b);  // normalises to small when it fits
Ref int_from_double(double d);    // truncates; OverflowError for inf, ValueError for nan
/// Parses like int(text, base); ValueError with CPython's message on failure.
Ref int_from_string(std::string_view text, int base);

/// Converts any int (incl. bool) to BigInt.
BigInt int_to_bigint(Value v);
/// Converts an int to int64; false with OverflowError set if it does not fit.
bool int_to_int64(Value v, int64_t* out);
double int_to_double(Value v, bool* overflow);
std::string int_to_string(Value v, int base = 10);
int64_t int_hash(Value v);
int int_sign(Value v);

/// Binary/unary int ops with full Python semantics (both operands ints, bools allowed).
Ref int_binary(Value a, Value b, NumOp op);
int int_compare(Value a, Value b);  // -1, 0, 1
Ref int_pow_mod(Value a, Value b, Value m);

}  // namespace minipy::rt
