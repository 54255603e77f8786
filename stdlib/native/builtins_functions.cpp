// The builtin functions beyond print: len, abs, min/max, sorted, sum, isinstance, getattr, iter,
// next, round, format, open, input, ... (CPython's bltinmodule.c). Each is a thin layer over the
// object protocol in runtime/ops.h; the lazy iterator types (map, zip, ...) live in
// builtins_iter.cpp. Argument errors and messages follow CPython 3.11 exactly.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "stdlib/native/builtins_iter.h"
#include "stdlib/native/io.h"

namespace minipy::lib {

using namespace rt;

#define BUILTIN(name) static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

namespace {

/// Looks up keyword argument `name`: the value or null.
Value kwarg(const Value* args, size_t nargs, TupleObject* kw, std::string_view name) {
  for (size_t i = 0; kw && i < kw->size; i++) {
    if (as_str(kw->at(i))->view() == name) return args[nargs + i];
  }
  return Value();
}

/// Rejects keywords other than `allowed` with "'k' is an invalid keyword argument for f()".
bool only_keywords(const char* fname, TupleObject* kw,
                   std::initializer_list<std::string_view> allowed) {
  for (size_t i = 0; kw && i < kw->size; i++) {
    std::string_view k = as_str(kw->at(i))->view();
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for {}()", k, fname);
      return false;
    }
  }
  return true;
}

/// The attribute-name argument of getattr/setattr/...: an interned str, or null with TypeError.
StrObject* attr_name(Value v, Ref* holder) {
  if (!is_str(v)) {
    raise_fmt(&exc_TypeError, "attribute name must be string, not '{}'", type_name(v));
    return nullptr;
  }
  *holder = intern_ref(Ref::new_ref(v));
  return as_str(holder->get());
}

Ref raise_stop_iteration() { return set_exception(make_exception(&exc_StopIteration, nullptr, 0)); }

/// The caller's locals() (the VM's builtin, which sees the calling frame: native calls push none).
Ref caller_locals() {
  Value f = dict_get_cstr(interp().builtins_dict(), "locals");
  if (!f) return raise(&exc_RuntimeError, "locals() is unavailable");
  return call0(f);
}

Ref sorted_list(Value iterable) {
  Ref l = list_from_iterable(iterable);
  if (!l) return l;
  if (!list_sort(as_list(l.get()), Value(), false)) return Ref();
  return l;
}

}  // namespace

// ---------------------------------------------------------------- simple one-argument builtins

static Ref b_len(Value, NativeArgs& a) {
  Value arg = a[0];
  int64_t n;
  if (!length(arg, &n)) return Ref();
  return int_from_int64(n);
}

static Ref b_abs(Value, NativeArgs& a) {
  Value arg = a[0];
  return absolute(arg);
}

static Ref b_repr(Value, NativeArgs& a) {
  Value arg = a[0];
  return repr(arg);
}

static Ref b_ascii(Value, NativeArgs& a) {
  Value arg = a[0];
  return ascii(arg);
}

static Ref b_callable(Value, NativeArgs& a) {
  Value arg = a[0];
  return bool_ref(callable(arg));
}

static Ref b_hash(Value, NativeArgs& a) {
  Value arg = a[0];
  int64_t h;
  if (!hash(arg, &h)) return Ref();
  return int_from_int64(h);
}

static Ref b_id(Value, NativeArgs& a) {
  Value arg = a[0];
  // The object's address; a small int's tagged word is odd, so it never collides with one.
  return int_from_bigint(BigInt::from_uint64(arg.bits()));
}

static Ref truth_scan(Value iterable, bool want) {
  Ref it = get_iter(iterable);
  if (!it) return it;
  for (;;) {
    Ref item = iter_next(it.get());
    if (!item) return error_pending() ? Ref() : bool_ref(!want);
    int t = truthy(item.get());
    if (t < 0) return Ref();
    if ((t != 0) == want) return bool_ref(want);
  }
}

static Ref b_all(Value, NativeArgs& a) { return truth_scan(a[0], false); }
static Ref b_any(Value, NativeArgs& a) { return truth_scan(a[0], true); }

// ---------------------------------------------------------------- bin, oct, hex, chr, ord

static Ref int_with_prefix(Value number, int base, const char* prefix) {
  Ref i = number_index(number);
  if (!i) return i;
  BigInt b = int_to_bigint(i.get());
  std::string out = b.is_negative() ? "-" : "";
  out += prefix;
  out += b.abs().to_string(base);
  return str_new(std::move(out));
}

static Ref b_bin(Value, NativeArgs& a) { return int_with_prefix(a[0], 2, "0b"); }
static Ref b_oct(Value, NativeArgs& a) { return int_with_prefix(a[0], 8, "0o"); }
static Ref b_hex(Value, NativeArgs& a) { return int_with_prefix(a[0], 16, "0x"); }

static Ref b_chr(Value, NativeArgs& a) {
  int cp = a.i32(0);
  if (cp < 0 || cp > 0x10FFFF) return raise(&exc_ValueError, "chr() arg not in range(0x110000)");
  return str_from_char(static_cast<uint32_t>(cp));
}

static Ref b_ord(Value, NativeArgs& a) {
  Value v = a[0];
  if (is_str(v)) {
    StrObject* s = as_str(v);
    if (s->length != 1) {
      return raise_fmt(&exc_TypeError, "ord() expected a character, but string of length {} found",
                       s->length);
    }
    size_t pos = 0;
    return Ref::small(utf8_decode(s->view(), pos));
  }
  const std::string* data = nullptr;
  if (is_bytes(v)) data = &static_cast<BytesObject*>(v.obj())->data;
  if (is_bytearray(v)) data = &static_cast<ByteArrayObject*>(v.obj())->data;
  if (data == nullptr) {
    return raise_fmt(&exc_TypeError, "ord() expected string of length 1, but {} found",
                     type_name(v));
  }
  if (data->size() != 1) {
    return raise_fmt(&exc_TypeError, "ord() expected a character, but string of length {} found",
                     data->size());
  }
  return Ref::small(static_cast<unsigned char>((*data)[0]));
}

// ---------------------------------------------------------------- attributes

static Ref b_getattr(Value, NativeArgs& a) {
  Ref holder;
  StrObject* name = attr_name(a[1], &holder);
  if (!name) return Ref();
  Ref r = getattr(a[0], name);
  if (!r && a.given(2) && exception_matches(&exc_AttributeError)) {
    clear_exception();
    return Ref::new_ref(a[2]);
  }
  return r;
}

static Ref b_hasattr(Value, NativeArgs& args) {
  Ref holder;
  StrObject* name = attr_name(args[1], &holder);
  if (!name) return Ref();
  Ref r = getattr(args[0], name);
  if (r) return bool_ref(true);
  if (!exception_matches(&exc_AttributeError)) return Ref();
  clear_exception();
  return bool_ref(false);
}

static Ref b_setattr(Value, NativeArgs& args) {
  Ref holder;
  StrObject* name = attr_name(args[1], &holder);
  if (!name) return Ref();
  if (!setattr(args[0], name, args[2])) return Ref();
  return none_ref();
}

static Ref b_delattr(Value, NativeArgs& args) {
  Ref holder;
  StrObject* name = attr_name(args[1], &holder);
  if (!name) return Ref();
  if (!delattr(args[0], name)) return Ref();
  return none_ref();
}

static Ref b_vars(Value, NativeArgs& a) {
  if (!a.given(0)) return caller_locals();
  Ref d = getattr(a[0], names::dict);
  if (!d && exception_matches(&exc_AttributeError)) {
    clear_exception();
    return raise(&exc_TypeError, "vars() argument must have __dict__ attribute");
  }
  return d;
}

static Ref b_dir(Value, NativeArgs& args) {
  if (!args.given(0)) {
    Ref loc = caller_locals();
    if (!loc) return loc;
    if (is_dict(loc.get()) && type_of(loc.get()) == &dict_type) return sorted_list(loc.get());
    // A mapping given to eval()/exec() as locals: its keys() (CPython's PyMapping_Keys).
    Ref keys = call_method(loc.get(), names::keys, nullptr, 0);
    if (!keys) return keys;
    return sorted_list(keys.get());
  }
  static StrObject* dir_name = intern("__dir__");
  bool found = false;
  Ref r = call_special(args[0], dir_name, nullptr, 0, &found);
  if (!found && !error_pending()) return raise(&exc_TypeError, "object does not provide __dir__");
  if (!r) return r;
  return sorted_list(r.get());
}

// ---------------------------------------------------------------- numbers

static Ref b_divmod(Value, NativeArgs& args) {
  Value a = args[0], b = args[1];
  auto builtin_number = [](Value v) {
    return is_int_exact(v) || is_float(v) || (v.is_object() && v.obj()->type == &bool_type);
  };
  if (builtin_number(a) && builtin_number(b)) {
    if (is_float(a) || is_float(b)) {
      double x, y;
      if (!to_double(a, &x) || !to_double(b, &y)) return Ref();
      return float_divmod(x, y);
    }
    Ref q = int_binary(a, b, NumOp::FloorDiv);
    if (!q) return q;
    Ref r = int_binary(a, b, NumOp::Mod);
    if (!r) return r;
    return tuple_of({q.get(), r.get()});
  }
  static StrObject* divmod_name = intern("__divmod__");
  static StrObject* rdivmod_name = intern("__rdivmod__");
  bool found = false;
  Ref r = call_special(a, divmod_name, &b, 1, &found);
  if (!r && error_pending()) return r;
  if (r && r.get() != NotImplemented()) return r;
  if (type_of(a) != type_of(b)) {
    r = call_special(b, rdivmod_name, &a, 1, &found);
    if (!r && error_pending()) return r;
    if (r && r.get() != NotImplemented()) return r;
  }
  return raise_type_error_unsupported("divmod()", a, b);
}

static Ref b_pow(Value, NativeArgs& a) {
  // float.__pow__ refuses a modulus before anything else is tried (CPython's float_pow).
  auto number = [](Value v) { return is_int(v) || is_float(v); };
  if (!is_none(a[2]) && (is_float(a[0]) || is_float(a[1])) && number(a[0]) && number(a[1])) {
    return raise(&exc_TypeError,
                 "pow() 3rd argument not allowed unless all arguments are integers");
  }
  return power(a[0], a[1], a[2]);
}

static Ref b_round(Value, NativeArgs& a) {
  bool found = false;
  Value ndigits = a[1];
  Ref r = call_special(a[0], names::round, &ndigits, a.given(1) ? 1 : 0, &found);
  if (!found && !error_pending()) {
    return raise_fmt(&exc_TypeError, "type {} doesn't define __round__ method", type_name(a[0]));
  }
  return r;
}

static Ref b_sum(Value, NativeArgs& a) {
  Value start = a[1];
  if (is_str(start))
    return raise(&exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  if (is_bytes(start))
    return raise(&exc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
  if (is_bytearray(start)) {
    return raise(&exc_TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]");
  }
  Ref it = get_iter(a[0]);
  if (!it) return it;
  Ref result = Ref::new_ref(start);
  Ref item;
  // Fast path: small ints summed in an int64 until one does not fit.
  if (result.get().is_small()) {
    int64_t acc = result.get().small();
    for (;;) {
      item = iter_next(it.get());
      if (!item) {
        if (error_pending()) return Ref();
        return int_from_int64(acc);
      }
      int64_t add;
      if (item.get().is_small()) {
        add = item.get().small();
      } else if (type_of(item.get()) == &bool_type) {
        add = item.get() == True() ? 1 : 0;
      } else {
        break;
      }
      int64_t next;
      if (__builtin_add_overflow(acc, add, &next) || !Value::fits_small(next)) break;
      acc = next;
    }
    result = int_from_int64(acc);
    // `item` is pending: fall through to the general loop with it.
  }
  // Fast path: floats (ints mixed in are converted, as CPython does).
  if (is_float(result.get()) || (item && is_float(item.get()) && is_int(result.get()))) {
    double acc;
    bool overflow = false;
    acc =
        is_float(result.get()) ? float_value(result.get()) : int_to_double(result.get(), &overflow);
    if (!overflow) {
      for (;;) {
        if (!item) {
          item = iter_next(it.get());
          if (!item) {
            if (error_pending()) return Ref();
            return float_new(acc);
          }
        }
        if (is_float(item.get())) {
          acc += float_value(item.get());
        } else if (item.get().is_small()) {
          acc += static_cast<double>(item.get().small());
        } else {
          break;
        }
        item.reset();
      }
      result = float_new(acc);
    }
  }
  for (;;) {
    if (!item) {
      item = iter_next(it.get());
      if (!item) return error_pending() ? Ref() : std::move(result);
    }
    result = binary_op(result.get(), item.get(), NumOp::Add);
    if (!result) return result;
    item.reset();
  }
}

// ---------------------------------------------------------------- min, max, sorted

static Ref min_max(const char* fname, const Value* args, size_t nargs, TupleObject* kw, CmpOp op) {
  if (!only_keywords(fname, kw, {"key", "default"})) return Ref();
  Value key = kwarg(args, nargs, kw, "key");
  Value dflt = kwarg(args, nargs, kw, "default");
  if (key && is_none(key)) key = Value();
  if (nargs == 0) return raise_fmt(&exc_TypeError, "{} expected at least 1 argument, got 0", fname);
  if (nargs > 1 && dflt) {
    return raise_fmt(&exc_TypeError,
                     "Cannot specify a default for {}() with multiple positional arguments", fname);
  }
  Ref holder;
  Ref it;
  if (nargs == 1) {
    it = get_iter(args[0]);
    if (!it) return it;
  } else {
    holder = tuple_from(args, nargs);
    it = get_iter(holder.get());
    if (!it) return it;
  }
  Ref best, best_key;
  for (;;) {
    Ref item = iter_next(it.get());
    if (!item) {
      if (error_pending()) return Ref();
      break;
    }
    Ref k = key ? call1(key, item.get()) : item.dup();
    if (!k) return k;
    if (!best) {
      best = std::move(item);
      best_key = std::move(k);
      continue;
    }
    int c = compare_bool(k.get(), best_key.get(), op);
    if (c < 0) return Ref();
    if (c) {
      best = std::move(item);
      best_key = std::move(k);
    }
  }
  if (best) return best;
  if (dflt) return Ref::new_ref(dflt);
  return raise_fmt(&exc_ValueError, "{}() arg is an empty sequence", fname);
}

BUILTIN(b_min) { return min_max("min", args, nargs, kw, CmpOp::Lt); }
BUILTIN(b_max) { return min_max("max", args, nargs, kw, CmpOp::Gt); }

BUILTIN(b_sorted) {
  if (nargs != 1) {
    return raise_fmt(&exc_TypeError, "sorted expected 1 argument, got {}", nargs);
  }
  if (!only_keywords("sort", kw, {"key", "reverse"})) return Ref();
  Value key = kwarg(args, nargs, kw, "key");
  Value rev = kwarg(args, nargs, kw, "reverse");
  bool reverse = false;
  if (rev) {
    if (is_float(rev))
      return raise(&exc_TypeError, "'float' object cannot be interpreted as an integer");
    int t = truthy(rev);
    if (t < 0) return Ref();
    reverse = t != 0;
  }
  Ref l = list_from_iterable(args[0]);
  if (!l) return l;
  if (!list_sort(as_list(l.get()), key ? key : None(), reverse)) return Ref();
  return l;
}

// ---------------------------------------------------------------- isinstance, issubclass

static int isinstance_rec(Value obj, Value cls, int depth);
static int issubclass_rec(Value derived, Value cls, int depth);

/// Runs a metaclass hook (__instancecheck__/__subclasscheck__): 1, 0, -1 error, -2 not found.
static int call_check_hook(Value cls, const char* hook, Value arg) {
  StrObject* name = intern(hook);
  bool found = false;
  Ref r = call_special(cls, name, &arg, 1, &found);
  if (!found && !error_pending()) return -2;
  if (!r) return -1;
  return truthy(r.get());
}

/// The rest of CPython's object_isinstance: an object may present another class through
/// __class__ (proxies; `__class__ = str` in a class body). Skipped when reading __class__ can only
/// give type(obj): the generic getattr (or type's) finding object's own descriptor.
static int isinstance_by_class_attr(Value obj, TypeObject* cls) {
  TypeObject* t = type_of(obj);
  static const Value object_class = dict_get_str(object_type.dict, names::class_);
  if ((t->getattr == generic_getattr || t->getattr == type_type.getattr) &&
      type_lookup(t, names::class_) == object_class) {
    return 0;
  }
  Ref icls = getattr_opt(obj, names::class_);
  if (!icls) return error_pending() ? -1 : 0;
  if (icls.get() == Value(t) || !isinstance(icls.get(), &type_type)) return 0;
  return is_subtype(static_cast<TypeObject*>(icls.get().obj()), cls) ? 1 : 0;
}

static int isinstance_rec(Value obj, Value cls, int depth) {
  if (Value(type_of(obj)) == cls) return 1;
  if (is_union(cls)) cls = Value(union_args(cls));  // PEP 604: like the tuple of its members
  if (type_of(cls) == &type_type) {
    auto* ct = static_cast<TypeObject*>(cls.obj());
    return isinstance(obj, ct) ? 1 : isinstance_by_class_attr(obj, ct);
  }
  if (is_tuple(cls)) {
    if (depth > 1000) {
      raise(&exc_RecursionError, "maximum recursion depth exceeded in __instancecheck__");
      return -1;
    }
    TupleObject* t = as_tuple(cls);
    for (size_t i = 0; i < t->size; i++) {
      int r = isinstance_rec(obj, t->at(i), depth + 1);
      if (r != 0) return r;
    }
    return 0;
  }
  int r = call_check_hook(cls, "__instancecheck__", obj);
  if (r == -2) {
    raise(&exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return -1;
  }
  return r;
}

static int issubclass_rec(Value derived, Value cls, int depth) {
  if (is_union(cls)) cls = Value(union_args(cls));
  if (type_of(cls) == &type_type && isinstance(derived, &type_type)) {
    return is_subtype(static_cast<TypeObject*>(derived.obj()), static_cast<TypeObject*>(cls.obj()))
               ? 1
               : 0;
  }
  if (is_tuple(cls)) {
    if (depth > 1000) {
      raise(&exc_RecursionError, "maximum recursion depth exceeded in __subclasscheck__");
      return -1;
    }
    TupleObject* t = as_tuple(cls);
    for (size_t i = 0; i < t->size; i++) {
      int r = issubclass_rec(derived, t->at(i), depth + 1);
      if (r != 0) return r;
    }
    return 0;
  }
  if (type_of(cls) == &type_type) {
    raise(&exc_TypeError, "issubclass() arg 1 must be a class");
    return -1;
  }
  int r = call_check_hook(cls, "__subclasscheck__", derived);
  if (r == -2) {
    raise(&exc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return -1;
  }
  return r;
}

static Ref b_isinstance(Value, NativeArgs& args) {
  int r = isinstance_rec(args[0], args[1], 0);
  if (r < 0) return Ref();
  return bool_ref(r != 0);
}

static Ref b_issubclass(Value, NativeArgs& args) {
  int r = issubclass_rec(args[0], args[1], 0);
  if (r < 0) return Ref();
  return bool_ref(r != 0);
}

// ---------------------------------------------------------------- iter, next, format

static Ref b_iter(Value, NativeArgs& args) {
  if (!args.given(1)) return get_iter(args[0]);
  if (!callable(args[0])) return raise(&exc_TypeError, "iter(v, w): v must be callable");
  return callable_iter_new(args[0], args[1]);
}

static Ref b_next(Value, NativeArgs& args) {
  bool has_default = args.given(1);
  TypeObject* t = type_of(args[0]);
  if (t->iternext == nullptr)
    return raise_fmt(&exc_TypeError, "'{}' object is not an iterator", t->name);
  Ref r = t->iternext(args[0]);
  if (r || error_pending()) {
    if (!r && has_default && exception_matches(&exc_StopIteration)) {
      clear_exception();
      return Ref::new_ref(args[1]);
    }
    return r;
  }
  if (has_default) return Ref::new_ref(args[1]);
  return raise_stop_iteration();
}

static Ref b_format(Value, NativeArgs& a) { return format(a[0], a[1]); }

// ---------------------------------------------------------------- I/O: input (open is _io.open)

static Ref b_input(Value, NativeArgs& args) {
  // A missing or None stream is RuntimeError "lost sys.stdin" (CPython's _PySys_GetAttr finds
  // no attribute after `del sys.stdout`).
  Value sys = interp().sys.get();
  Ref in = getattr_opt(sys, names::stdin_);
  if (!in && error_pending()) return in;
  if (!in || is_none(in.get())) return raise(&exc_RuntimeError, "input(): lost sys.stdin");
  Ref out = getattr_opt(sys, names::stdout_);
  if (!out && error_pending()) return out;
  if (!out || is_none(out.get())) return raise(&exc_RuntimeError, "input(): lost sys.stdout");
  // CPython writes the prompt only when one is passed (its C default is NULL, shown as '').
  if (!(is_str(args[0]) && as_str(args[0])->length == 0)) {
    Ref prompt = to_str(args[0]);
    if (!prompt) return prompt;
    Value p = prompt.get();
    if (!call_method(out.get(), names::write, &p, 1)) return Ref();
  }
  // A stdout without a working flush() is fine (CPython's builtin_input clears the error).
  if (!call_method(out.get(), names::flush, nullptr, 0)) clear_exception();
  Ref line = call_method(in.get(), names::readline, nullptr, 0);
  if (!line) return line;
  if (!is_str(line.get())) {
    return raise_fmt(&exc_TypeError, "object.readline() returned non-string");
  }
  std::string_view s = as_str(line.get())->view();
  if (s.empty()) return raise(&exc_EOFError, "EOF when reading a line");
  if (s.back() == '\n') return str_new(s.substr(0, s.size() - 1));
  return line;
}

// ---------------------------------------------------------------- exit, quit

static Ref b_exit(Value, NativeArgs& a) {
  Value code = a[0];
  return set_exception(make_exception(&exc_SystemExit, &code, a.given(0) ? 1 : 0));
}

const NativeDef kBuiltinFunctions[] = {
    {"len($module, obj, /)", b_len},
    {"abs($module, x, /)", b_abs},
    {"repr($module, obj, /)", b_repr},
    {"ascii($module, obj, /)", b_ascii},
    {"callable($module, obj, /)", b_callable},
    {"hash($module, obj, /)", b_hash},
    {"id($module, obj, /)", b_id},
    {"all($module, iterable, /)", b_all},
    {"any($module, iterable, /)", b_any},
    {"bin($module, number, /)", b_bin},
    {"oct($module, number, /)", b_oct},
    {"hex($module, number, /)", b_hex},
    {"chr($module, i: int, /)", b_chr},
    {"ord($module, c, /)", b_ord},
    {"getattr($module, object, name, default=NULL, /)", b_getattr, kNativeNoTextSig},
    {"hasattr($module, obj, name, /)", b_hasattr},
    {"setattr($module, obj, name, value, /)", b_setattr},
    {"delattr($module, obj, name, /)", b_delattr},
    {"vars($module, object=NULL, /)", b_vars, kNativeNoTextSig},
    {"dir($module, arg=NULL, /)", b_dir, kNativeNoTextSig},
    {"divmod($module, x, y, /)", b_divmod},
    {"pow($module, /, base, exp, mod=None)", b_pow},
    {"round($module, /, number, ndigits: object? = None)", b_round},
    {"sum($module, iterable, /, start=0)", b_sum},
    {"min($module, *args, **kwargs)", nullptr, kNativeNoTextSig, nullptr, b_min},
    {"max($module, *args, **kwargs)", nullptr, kNativeNoTextSig, nullptr, b_max},
    {"sorted($module, iterable, /, *, key=None, reverse=False)", nullptr, 0, nullptr, b_sorted},
    {"isinstance($module, obj, class_or_tuple, /)", b_isinstance},
    {"issubclass($module, cls, class_or_tuple, /)", b_issubclass},
    {"iter($module, object, sentinel=NULL, /)", b_iter, kNativeNoTextSig},
    {"next($module, iterator, default=NULL, /)", b_next, kNativeNoTextSig},
    {"format($module, value, format_spec: str = '', /)", b_format},
    {"input($module, prompt='', /)", b_input},
    {"exit($module, code=NULL, /)", b_exit, kNativeNoTextSig},
    {"quit($module, code=NULL, /)", b_exit, kNativeNoTextSig},
};

void builtins_interactive_init(DictObject* builtins);  // builtins_interactive.cpp

void builtins_more_init(DictObject* b) {
  add_functions(b, Value(), kBuiltinFunctions);
  builtins_interactive_init(b);
  dict_set_cstr(b, "open", io_open_function().get());  // the very object _io.open is
  builtins_iter_init(b);
}

}  // namespace minipy::lib
