// The abstract object protocol: what the VM and native code use to operate on any value
// (CPython's abstract.c/object.c). Each function dispatches through type slots, falling back to
// dunder methods for user classes via the slots installed by type_slots.cpp.
#pragma once

#include <string>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct StrObject;
struct TupleObject;

Ref repr(Value v);     // a str
Ref to_str(Value v);   // str(v)
Ref ascii(Value v);
/// format(v, spec)
Ref format(Value v, Value spec);
/// Convenience for C++ callers: repr/str as std::string (empty + error pending on failure).
bool repr_text(Value v, std::string* out);
bool str_text(Value v, std::string* out);

bool hash(Value v, int64_t* out);  // TypeError "unhashable type: 'list'"
int truthy(Value v);               // 1, 0, -1 error

Ref binary_op(Value a, Value b, NumOp op);
Ref inplace_op(Value a, Value b, NumOp op);
Ref power(Value a, Value b, Value mod);  // pow(a, b, mod); mod None = two-argument form
Ref negative(Value v);
Ref positive(Value v);
Ref invert(Value v);
Ref absolute(Value v);

Ref compare(Value a, Value b, CmpOp op);
/// True/False for `op` given a three-way comparison result c (< 0, 0, > 0).
inline bool cmp_holds(int c, CmpOp op) {
  switch (op) {
    case CmpOp::Lt: return c < 0;
    case CmpOp::Le: return c <= 0;
    case CmpOp::Eq: return c == 0;
    case CmpOp::Ne: return c != 0;
    case CmpOp::Gt: return c > 0;
    case CmpOp::Ge: return c >= 0;
  }
  return false;
}
/// compare() then truthy(): 1, 0, -1 error.
int compare_bool(Value a, Value b, CmpOp op);
/// a == b with the identity shortcut (as containers compare): 1, 0, -1.
int equal(Value a, Value b);

Ref getattr(Value obj, StrObject* name);
Ref getattr(Value obj, const char* name);
/// Missing attribute -> null with no error pending; other errors stay pending.
Ref getattr_opt(Value obj, StrObject* name);
bool setattr(Value obj, StrObject* name, Value v);
bool delattr(Value obj, StrObject* name);

Ref getitem(Value obj, Value key);
bool setitem(Value obj, Value key, Value v);
bool delitem(Value obj, Value key);
int contains(Value container, Value item);  // `item in container`
bool length(Value v, int64_t* out);         // len(); TypeError "object of type 'X' has no len()"

Ref get_iter(Value v);  // iter(v)
/// next(it): null with no error pending = exhausted.
Ref iter_next(Value it);

/// operator.index(v) into int64; `what` names the context for the TypeError message.
bool index_int64(Value v, int64_t* out);
/// operator.index(v) as a sequence size or repeat count, with CPython's PyNumber_AsSsize_t message
/// ("cannot fit 'int' into an index-sized integer") when it does not fit.
bool index_size(Value v, int64_t* out);
/// Python int from __index__ (new ref).
Ref number_index(Value v);
Ref number_int(Value v);    // int(v)
Ref number_float(Value v);  // float(v)

/// Calls any callable (vectorcall shape). kwnames may be null.
Ref call(Value f, const Value* args, size_t nargs, TupleObject* kwnames = nullptr);
inline Ref call0(Value f) { return call(f, nullptr, 0); }
inline Ref call1(Value f, Value a) { return call(f, &a, 1); }
inline Ref call2(Value f, Value a, Value b) {
  Value args[2] = {a, b};
  return call(f, args, 2);
}
/// f(self, *args, **kw): prepends `self` to a vectorcall argument array (keyword values
/// follow the positional ones, as always) without allocating for short calls.
Ref call_with_self(Value f, Value self, const Value* args, size_t nargs, TupleObject* kwnames = nullptr);
/// call with an args tuple and kwargs dict (f(*args, **kwargs)).
Ref call_tuple_dict(Value f, Value args_tuple, Value kwargs_dict);
/// obj.name(*args)
Ref call_method(Value obj, StrObject* name, const Value* args, size_t nargs);
/// Looks a dunder up on the type (not the instance) and calls it with self first; null with no
/// error when the type lacks it (*found = false).
Ref call_special(Value self, StrObject* name, const Value* args, size_t nargs, bool* found);

bool callable(Value v);

/// Re-entrancy guard for container reprs (CPython's Py_ReprEnter): false when `o` is already
/// being printed on this thread, so its repr must be "[...]" / "{...}".
bool repr_enter(Object* o);
void repr_leave(Object* o);
/// The two as a scope: `ReprGuard g(o); if (!g.entered()) return str_new("[...]");`.
class ReprGuard {
 public:
  explicit ReprGuard(Object* o) : o_(o), entered_(repr_enter(o)) {}
  ~ReprGuard() {
    if (entered_) repr_leave(o_);
  }
  ReprGuard(const ReprGuard&) = delete;
  ReprGuard& operator=(const ReprGuard&) = delete;
  bool entered() const { return entered_; }

 private:
  Object* o_;
  bool entered_;
};

/// Recursion guard for C++ paths that may run Python code (repr of nested lists, compare).
bool enter_recursive_call(const char* where);
void leave_recursive_call();

}  // namespace minipy::rt
