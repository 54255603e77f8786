// The dunder methods CPython's int and float define beyond their number slots: __divmod__ and
// __rdivmod__ of both (divmod() itself has a fast path in builtins_functions.cpp), and float's
// __trunc__/__floor__/__ceil__/__getnewargs__ (math.floor/ceil/trunc and copy use them).
#include <cmath>

#include "runtime/errors.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"

namespace minipy::rt {

Ref float_divmod(double vx, double wx) {
  if (wx == 0.0) return raise(&exc_ZeroDivisionError, "float divmod()");
  double mod = std::fmod(vx, wx);
  double div = (vx - mod) / wx;
  if (mod != 0.0) {
    if ((wx < 0) != (mod < 0)) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = std::copysign(0.0, wx);
  }
  double floordiv;
  if (div != 0.0) {
    floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = std::copysign(0.0, vx / wx);
  }
  Ref q = float_new(floordiv);
  Ref r = float_new(mod);
  return tuple_of({q.get(), r.get()});
}

namespace {

// The other operand of a float's __divmod__/__rdivmod__ as a double: false (no error) when it is
// neither an int nor a float, i.e. NotImplemented; an int too large sets OverflowError.
bool float_operand(Value v, double* out) {
  if (isinstance(v, &float_type)) {
    *out = float_value(v);
    return true;
  }
  return is_int(v) && to_double(v, out);
}

Ref float_divmod_method(Value self, NativeArgs& a) {
  double y;
  if (!float_operand(a[0], &y)) return error_pending() ? Ref() : not_implemented_ref();
  return float_divmod(float_value(self), y);
}
Ref float_rdivmod_method(Value self, NativeArgs& a) {
  double x;
  if (!float_operand(a[0], &x)) return error_pending() ? Ref() : not_implemented_ref();
  return float_divmod(x, float_value(self));
}
Ref float_trunc(Value self, NativeArgs&) { return int_from_double(float_value(self)); }
Ref float_floor(Value self, NativeArgs&) { return int_from_double(std::floor(float_value(self))); }
Ref float_ceil(Value self, NativeArgs&) { return int_from_double(std::ceil(float_value(self))); }
Ref float_getnewargs(Value self, NativeArgs&) {
  Ref f = float_new(float_value(self));
  return tuple_of({f.get()});
}

// int.__divmod__ / __rdivmod__: (a // b, a % b) for two ints, NotImplemented otherwise.
Ref int_divmod_pair(Value a, Value b) {
  if (!is_int(a) || !is_int(b)) return not_implemented_ref();
  Ref q = int_binary(a, b, NumOp::FloorDiv);
  if (!q) return q;
  Ref r = int_binary(a, b, NumOp::Mod);
  if (!r) return r;
  return tuple_of({q.get(), r.get()});
}
Ref int_divmod_method(Value self, NativeArgs& a) { return int_divmod_pair(self, a[0]); }
Ref int_rdivmod_method(Value self, NativeArgs& a) { return int_divmod_pair(a[0], self); }

const NativeDef kFloatMethods[] = {
    {"__divmod__($self, value, /)", float_divmod_method},
    {"__rdivmod__($self, value, /)", float_rdivmod_method},
    {"__trunc__($self, /)", float_trunc},
    {"__floor__($self, /)", float_floor},
    {"__ceil__($self, /)", float_ceil},
    {"__getnewargs__($self, /)", float_getnewargs},
};

const NativeDef kIntMethods[] = {
    {"__divmod__($self, value, /)", int_divmod_method},
    {"__rdivmod__($self, value, /)", int_rdivmod_method},
};

}  // namespace

void number_methods_init() {
  add_methods(&float_type, kFloatMethods);
  add_methods(&int_type, kIntMethods);
}

}  // namespace minipy::rt
