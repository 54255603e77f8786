// float: a boxed IEEE double.
#pragma once

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct FloatObject : Object {
  double value;
};

extern TypeObject float_type;

inline bool is_float(Value v) { return v.is_object() && v.obj()->type == &float_type; }
inline double float_value(Value v) { return static_cast<FloatObject*>(v.obj())->value; }
Ref float_new(double d);
int64_t float_hash(double d);
/// Converts int or float to double; false (TypeError/OverflowError set) otherwise.
bool to_double(Value v, double* out);
/// float("1.5"); ValueError on failure, naming `text` (or, when given, repr(`source`): float(b"x")).
Ref float_from_string(std::string_view text, Value source = Value());
/// divmod(x, y) of two doubles with CPython's float_divmod rounding (ZeroDivisionError on y == 0).
Ref float_divmod(double x, double y);

}  // namespace minipy::rt
