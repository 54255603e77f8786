// The shared shapes of the builtin iterators' __reduce__ (see iter_reduce.h).
#include "runtime/objects/iter_reduce.h"

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/state/interpreter.h"

namespace minipy::rt {

namespace {

/// builtins.<name>, looked up at each call as CPython's _PyEval_GetBuiltin does.
Ref builtin_named(const char* name) {
  Value fn = dict_get_cstr(interp().builtins_dict(), name);
  if (!fn) {
    raise(&exc_AttributeError, name);
    return Ref();
  }
  return Ref::new_ref(fn);
}

}  // namespace

Ref iter_reduce_indexed(Value seq, int64_t index, const char* callable) {
  Ref fn = builtin_named(callable);
  if (!fn) return fn;
  Ref args = tuple_of({seq});
  Ref idx = int_from_int64(index);
  return tuple_of({fn.get(), args.get(), idx.get()});
}

Ref iter_reduce_indexed(Value seq, Value index) {
  Ref fn = builtin_named("iter");
  if (!fn) return fn;
  Ref args = tuple_of({seq});
  return tuple_of({fn.get(), args.get(), index});
}

Ref iter_reduce_args(Value args) {
  Ref fn = builtin_named("iter");
  if (!fn) return fn;
  return tuple_of({fn.get(), args});
}

Ref iter_reduce_exhausted(Value empty) {
  Ref args = tuple_of({empty});
  return iter_reduce_args(args.get());
}

Ref iter_reduce_items(Value items) { return iter_reduce_exhausted(items); }

Ref reduce_getattr(Value obj, const char* name) {
  Ref fn = builtin_named("getattr");
  if (!fn) return fn;
  Ref n = str_new(name);
  Ref args = tuple_of({obj, n.get()});
  return tuple_of({fn.get(), args.get()});
}

bool iter_state_index(Value state, int64_t* out) {
  if (!is_int(state)) {
    raise(&exc_TypeError, "an integer is required");
    return false;
  }
  if (!int_to_int64(state, out)) {
    clear_exception();
    raise(&exc_OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  return true;
}

}  // namespace minipy::rt
