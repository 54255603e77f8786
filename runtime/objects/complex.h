// complex: a boxed pair of IEEE doubles with CPython 3.11's arithmetic (complexobject.c):
// Smith's division, exact small integer powers, the hash, repr and the constructor's
// string grammar. cmath (stdlib/native/cmath.cpp) works on the same CComplex values.
#pragma once

#include <string_view>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct DictObject;

struct CComplex {
  double real = 0;
  double imag = 0;
};

struct ComplexObject : Object {
  CComplex cval;
  DictObject* dict = nullptr;  // __dict__ of subclass instances
};

extern TypeObject complex_type;

/// complex or a subclass of it.
inline bool is_complex(Value v) {
  return v.is_object() &&
         (v.obj()->type == &complex_type || is_subtype(v.obj()->type, &complex_type));
}
inline CComplex complex_value(Value v) { return static_cast<ComplexObject*>(v.obj())->cval; }
Ref complex_new(double real, double imag);
inline Ref complex_new(CComplex c) { return complex_new(c.real, c.imag); }

/// CPython's PyComplex_AsCComplex: a complex, an object with __complex__, or any real number
/// (__float__/__index__). False with an exception set otherwise ("must be real number, not X").
bool to_ccomplex(Value v, CComplex* out);

/// The complex arithmetic primitives (CPython's _Py_c_*). quot and pow report a zero divisor
/// or 0 ** negative through *domain_error; pow leaves infinities for the caller to check.
CComplex c_sum(CComplex a, CComplex b);
CComplex c_diff(CComplex a, CComplex b);
CComplex c_prod(CComplex a, CComplex b);
CComplex c_quot(CComplex a, CComplex b, bool* domain_error);
CComplex c_pow(CComplex a, CComplex b, bool* domain_error);
/// |z| with C99's rules for infinities and NaNs; *overflow when finite parts overflow.
double c_abs(CComplex z, bool* overflow);

/// repr(complex): '(1+2j)', '-0j', '(nan+infj)'.
std::string complex_repr_text(CComplex c);

}  // namespace minipy::rt
