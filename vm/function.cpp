// Python functions and code objects as runtime types, and the calling convention: binding
// positional, keyword, default, *args and **kwargs arguments into a new frame's fast locals
// with CPython 3.11's error messages.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <memory>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/list.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/complex.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "vm/code.h"
#include "vm/eval.h"
#include "vm/frame.h"

namespace minipy::vm {

using namespace rt;

TypeObject code_type;
TypeObject function_type;

// ---------------------------------------------------------------- code objects

static Ref constant_value(const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::None: return none_ref();
    case Constant::Kind::True: return bool_ref(true);
    case Constant::Kind::False: return bool_ref(false);
    case Constant::Kind::Ellipsis: return Ref::new_ref(Ellipsis());
    case Constant::Kind::Int: return int_from_int64(c.int_value);
    case Constant::Kind::BigInt: {
      // Literals are not subject to the int/str digit limit here: the text is the compiler's
      // own decimal rendering, whatever base the source used.
      auto b = BigInt::from_string(c.text, 10);
      if (!b) return raise(&exc_SystemError, "bad integer constant");
      return int_from_bigint(std::move(*b));
    }
    case Constant::Kind::Float: return float_new(c.float_value);
    case Constant::Kind::Complex: return complex_new(c.float_value, c.imag_value);
    case Constant::Kind::Str: return Ref::steal(Value(intern(c.text)));
    case Constant::Kind::Bytes: return bytes_new(c.text);
    case Constant::Kind::Tuple: {
      Ref t = tuple_new(c.items.size());
      for (size_t i = 0; i < c.items.size(); i++) {
        tuple_set_steal(as_tuple(t.get()), i, constant_value(c.items[i]).release());
      }
      return t;
    }
    case Constant::Kind::FrozenSet: {
      // The table layout, and so the order of the set a display builds from this constant,
      // depends on how it was built. CPython 3.11 builds it from the folded tuple in source
      // order, again from that set's iteration order when the compiler merges constants
      // (merge_consts_recursive), and a third time when interning its identifier-like strings
      // replaces one (intern_string_constants). Do the same.
      Ref s = set_new(&frozenset_type);
      for (const Constant& item : c.items) {
        Ref v = constant_value(item);
        if (!v || !set_add(as_set(s.get()), v.get())) return Ref();
      }
      auto name_like = [](const Constant& item) {
        return item.kind == Constant::Kind::Str && !item.text.empty() &&
               std::all_of(item.text.begin(), item.text.end(),
                           [](unsigned char ch) { return std::isalnum(ch) || ch == '_'; });
      };
      int rebuilds = std::any_of(c.items.begin(), c.items.end(), name_like) ? 2 : 1;
      for (int i = 0; i < rebuilds; i++) {
        Ref next = set_new(&frozenset_type);
        size_t pos = 0;
        Value k;
        while (set_next(as_set(s.get()), &pos, &k)) {
          if (!set_add(as_set(next.get()), k)) return Ref();
        }
        s = std::move(next);
      }
      return s;
    }
    case Constant::Kind::Code: return code_from_unit(c.code);
  }
  return none_ref();
}

Ref code_from_unit(std::shared_ptr<const CodeUnit> unit) {
  auto* co = alloc_instance<CodeObject>(&code_type);
  co->unit = unit;
  for (const Constant& c : unit->consts) {
    Ref v = constant_value(c);
    co->consts.push_back(v.release());
  }
  for (const std::string& n : unit->names) co->names.push_back(intern(n));
#ifndef MINIPY_FREE_THREADING
  co->global_cache.resize(co->names.size());
  co->attr_cache.resize(co->names.size());
#endif
  for (const std::string& n : unit->varnames) co->varnames.push_back(intern(n));
  for (const std::string& n : unit->cellvars) co->cellvars.push_back(intern(n));
  for (const std::string& n : unit->freevars) co->freevars.push_back(intern(n));
  co->name = Ref::steal(Value(intern(unit->name)));
  co->qualname = str_new(unit->qualname);
  co->filename = str_new(unit->filename);
  co->nlocals = static_cast<int>(unit->varnames.size());
  co->ncells = static_cast<int>(unit->cellvars.size() + unit->freevars.size());
  co->frame_size = co->nlocals + co->ncells + unit->max_stack + 1;
  co->code = unit->code.data();
  return Ref::steal(Value(co));
}

static void code_dealloc(Object* o) {
  auto* co = static_cast<CodeObject*>(o);
  for (Value v : co->consts) decref(v);
  delete co;
}

static Ref code_repr(Value v) {
  CodeObject* co = as_code(v);
  return str_new(fmt::format("<code object {} at {:#x}, file \"{}\", line {}>", co->unit->name, v.bits(),
                             co->unit->filename, co->unit->first_line));
}

static Ref code_get_name(Value v) { return as_code(v)->name.dup(); }
static Ref code_get_filename(Value v) { return as_code(v)->filename.dup(); }
static Ref code_get_firstlineno(Value v) { return Ref::small(as_code(v)->unit->first_line); }
static Ref code_get_argcount(Value v) { return Ref::small(as_code(v)->unit->argcount); }
static Ref code_get_varnames(Value v) {
  CodeObject* co = as_code(v);
  Ref t = tuple_new(co->varnames.size());
  for (size_t i = 0; i < co->varnames.size(); i++) tuple_set_steal(as_tuple(t.get()), i, Value(co->varnames[i]));
  return t;
}
static Ref code_get_flags(Value v) { return Ref::small(as_code(v)->unit->flags); }

// ---------------------------------------------------------------- functions

Ref function_new(Value code, Value globals, Value qualname) {
  auto* f = alloc_instance<FunctionObject>(&function_type);
  f->code = Ref::new_ref(code);
  f->co = as_code(code);
  f->globals = Ref::new_ref(globals);
  f->name = f->co->name.dup();
  f->qualname = qualname ? Ref::new_ref(qualname) : f->co->qualname.dup();
  Value mod = dict_get_str(as_dict(globals), names::name);
  f->module = mod ? Ref::new_ref(mod) : none_ref();
  // The docstring is the first constant when the body starts with a string (compiler keeps it).
  f->doc = (f->co->unit->flags & kCoHasDocstring) ? Ref::new_ref(f->co->consts[0]) : none_ref();
  return Ref::steal(Value(f));
}

/// function(code, globals, name=None, argdefs=None, closure=None): types.FunctionType's
/// constructor, with CPython's func_new checks and messages.
static Ref function_new_slot(TypeObject*, const Value* args, size_t nargs, TupleObject* kwnames) {
  static const std::unique_ptr<NativeSig> sig = [] {
    std::string error;
    return NativeSig::parse("function(code, globals, name=None, argdefs=None, closure=None)", &error);
  }();
  NativeArgs a;
  if (!sig->bind(Value(), nullptr, args, nargs, kwnames, &a, nullptr)) return Ref();
  Value code = a[0], globals = a[1], name = a[2], defaults = a[3], closure = a[4];
  if (type_of(code) != &code_type)
    return raise_fmt(&exc_TypeError, "function() argument 'code' must be code, not {}", type_name(code));
  if (!is_dict(globals))
    return raise_fmt(&exc_TypeError, "function() argument 'globals' must be dict, not {}",
                     type_name(globals));
  if (!is_none(name) && !is_str(name)) return raise(&exc_TypeError, "arg 3 (name) must be None or string");
  if (!is_none(defaults) && !is_tuple(defaults))
    return raise(&exc_TypeError, "arg 4 (defaults) must be None or tuple");
  size_t nfree = as_code(code)->unit->freevars.size();
  if (!is_tuple(closure) && !is_none(closure))
    return raise(&exc_TypeError, "arg 5 (closure) must be None or tuple");
  if (is_none(closure) && nfree > 0) return raise(&exc_TypeError, "arg 5 (closure) must be tuple");
  size_t nclosure = is_none(closure) ? 0 : as_tuple(closure)->size;
  if (nclosure != nfree) {
    return raise_fmt(&exc_ValueError, "{} requires closure of length {}, not {}",
                     as_code(code)->unit->name, nfree, nclosure);
  }
  for (size_t i = 0; i < nclosure; i++) {
    Value c = as_tuple(closure)->at(i);
    if (type_of(c) != &cell_type)
      return raise_fmt(&exc_TypeError, "arg 5 (closure) expected cell, found {}", type_name(c));
  }
  Ref fn = function_new(code, globals, Value());
  FunctionObject* f = as_function(fn.get());
  if (!is_none(name)) f->name = Ref::new_ref(name);
  if (!is_none(defaults)) f->defaults = Ref::new_ref(defaults);
  if (nclosure > 0) f->closure = Ref::new_ref(closure);
  return fn;
}

static void function_dealloc(Object* o) { delete static_cast<FunctionObject*>(o); }

static void function_traverse(Object* o, rt::VisitFn visit, void* arg) {
  auto* f = static_cast<FunctionObject*>(o);
  for (const Ref* r : {&f->code, &f->globals, &f->defaults, &f->kwdefaults, &f->closure, &f->name,
                       &f->qualname, &f->module, &f->doc, &f->annotations, &f->retired_code}) {
    rt::visit_value(*r, visit, arg);
  }
}

// Breaks cycles through the mutable attributes; the rest stays valid so that a cleared function
// is still safe to call, and its attributes still readable from a later finalizer (the
// closure's cells, the globals and the __dict__ are cleared on their own). __module__ and
// __doc__ may be any object (a cycle through `f.__module__ = obj` is CPython's
// test_function_tp_clear_leaves_consistent_state): they become None, and the name and
// qualname '' (CPython's func_clear: `<function  at 0x...>`).
static void function_clear(Object* o) {
  auto* f = static_cast<FunctionObject*>(o);
  f->defaults.reset();
  f->kwdefaults.reset();
  f->annotations.reset();
  f->module = none_ref();
  f->doc = none_ref();
  f->name = Ref::new_ref(Value(intern("")));
  f->qualname = f->name.dup();
}

static Ref function_repr(Value v) {
  std::string q;
  if (!str_text(as_function(v)->qualname.get(), &q)) return Ref();
  return str_new(fmt::format("<function {} at {:#x}>", q, v.bits()));
}

static Ref function_descr_get(Value descr, Value obj, Value type) {
  if (!obj || is_none(obj)) {
    if (!obj) return Ref::new_ref(descr);
  }
  return method_new(descr, obj);
}

static Ref fn_get_name(Value v) { return as_function(v)->name.dup(); }
static bool fn_set_name(Value v, Value n) {
  if (!n || !is_str(n)) {
    raise(&exc_TypeError, "__name__ must be set to a string object");
    return false;
  }
  as_function(v)->name = Ref::new_ref(n);
  return true;
}
static Ref fn_get_qualname(Value v) { return as_function(v)->qualname.dup(); }
static bool fn_set_qualname(Value v, Value n) {
  if (!n || !is_str(n)) {
    raise(&exc_TypeError, "__qualname__ must be set to a string object");
    return false;
  }
  as_function(v)->qualname = Ref::new_ref(n);
  return true;
}
static Ref fn_get_module(Value v) { return as_function(v)->module.dup(); }
static bool fn_set_module(Value v, Value n) {
  as_function(v)->module = Ref::new_ref(n ? n : None());
  return true;
}
static Ref fn_get_doc(Value v) { return as_function(v)->doc.dup(); }
static bool fn_set_doc(Value v, Value n) {
  as_function(v)->doc = Ref::new_ref(n ? n : None());
  return true;
}
static Ref fn_get_code(Value v) { return as_function(v)->code.dup(); }
static bool fn_set_code(Value v, Value code) {
  FunctionObject* f = as_function(v);
  if (!code || rt::type_of(code) != &code_type) {
    raise(&exc_TypeError, "__code__ must be set to a code object");
    return false;
  }
  size_t nclosure = f->closure ? as_tuple(f->closure.get())->size : 0;
  size_t nfree = as_code(code)->freevars.size();
  if (nclosure != nfree) {
    raise_fmt(&exc_ValueError, "{}() requires a code object with {} free vars, not {}",
              as_str(f->name.get())->view(), nclosure, nfree);
    return false;
  }
  // Frames running the old code borrow it from here: keep it as long as the function lives.
  if (!f->retired_code) f->retired_code = list_new();
  list_append(as_list(f->retired_code.get()), f->code.get());
  f->code = Ref::new_ref(code);
  f->co = as_code(code);
  return true;
}
static Ref fn_get_globals(Value v) { return as_function(v)->globals.dup(); }
/// __builtins__ (3.10): the globals' '__builtins__' (a module: its dict), else the interpreter's
/// builtins. CPython takes it when the function is made; minipy derives it when asked, so that
/// making a function costs no lookup (they differ only if the globals' entry changes later).
static Ref fn_get_builtins(Value v) {
  Value g = as_function(v)->globals.get();
  Value b = g && is_dict(g) ? dict_get_str(as_dict(g), names::builtins) : Value();
  if (!b) return Ref::new_ref(Value(interp().builtins_dict()));
  if (type_of(b) == &module_type) return Ref::new_ref(Value(module_dict(b)));
  return Ref::new_ref(b);
}
static Ref fn_get_defaults(Value v) {
  FunctionObject* f = as_function(v);
  return f->defaults ? f->defaults.dup() : none_ref();
}
static bool fn_set_defaults(Value v, Value d) {
  as_function(v)->defaults = (d && !is_none(d)) ? Ref::new_ref(d) : Ref();
  return true;
}
static Ref fn_get_kwdefaults(Value v) {
  FunctionObject* f = as_function(v);
  return f->kwdefaults ? f->kwdefaults.dup() : none_ref();
}
static Ref fn_get_closure(Value v) {
  FunctionObject* f = as_function(v);
  return f->closure ? f->closure.dup() : none_ref();
}
// __annotations__ is built on first read from MAKE_FUNCTION's flat tuple, then kept (as CPython).
static Ref fn_get_annotations(Value v) {
  FunctionObject* f = as_function(v);
  if (f->annotations && is_dict(f->annotations.get())) return f->annotations.dup();
  Ref d = dict_new();
  if (!d) return Ref();
  if (f->annotations) {
    auto* t = as_tuple(f->annotations.get());
    for (size_t i = 0; i + 1 < t->size; i += 2) {
      if (!dict_set(as_dict(d.get()), t->at(i), t->at(i + 1))) return Ref();
    }
  }
  f->annotations = d.dup();
  return d;
}
static bool fn_set_annotations(Value v, Value d) {
  if (d && !is_none(d) && !is_dict(d)) {
    raise(&exc_TypeError, "__annotations__ must be set to a dict object");
    return false;
  }
  as_function(v)->annotations = (d && !is_none(d)) ? Ref::new_ref(d) : Ref();
  return true;
}

// ---------------------------------------------------------------- argument binding

static std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); i++) {
    if (i > 0) out += (i + 1 == names.size()) ? (names.size() > 2 ? ", and " : " and ") : ", ";
    out += "'" + names[i] + "'";
  }
  return out;
}

static std::string qualname_of(FunctionObject* f) {
  std::string q;
  if (!str_text(f->qualname.get(), &q)) clear_exception();
  return q;
}

bool bind_arguments(FunctionObject* f, Frame* frame, const Value* args, size_t nargs, TupleObject* kwnames) {
  CodeObject* co = f->co;
  const CodeUnit& u = *co->unit;
  Value* fast = frame->fast();
  const int argcount = u.argcount;
  const int kwonly = u.kwonlyargcount;
  const bool has_varargs = u.flags & kCoVarargs;
  const bool has_varkw = u.flags & kCoVarkeywords;
  const int total_named = argcount + kwonly;
  Ref kwdict;
  if (has_varkw) {
    kwdict = dict_new();
    fast[total_named + (has_varargs ? 1 : 0)] = kwdict.get();
    incref(kwdict.get());
  }
  // Positional arguments.
  size_t npos = std::min<size_t>(nargs, argcount);
  for (size_t i = 0; i < npos; i++) {
    incref(args[i]);
    fast[i] = args[i];
  }
  if (has_varargs) {
    Ref rest = nargs > static_cast<size_t>(argcount) ? tuple_from(args + argcount, nargs - argcount) : tuple_empty();
    fast[total_named] = rest.release();
  } else if (nargs > static_cast<size_t>(argcount)) {
    int ndefaults = f->defaults ? static_cast<int>(as_tuple(f->defaults.get())->size) : 0;
    size_t nkw_given = 0;
    if (kwnames) {
      for (size_t k = 0; k < kwnames->size; k++) {
        for (int i = argcount; i < total_named; i++) {
          if (Value(co->varnames[i]) == kwnames->at(k)) nkw_given++;
        }
      }
    }
    std::string takes;
    if (ndefaults > 0 && ndefaults <= argcount && argcount - ndefaults != argcount) {
      takes = fmt::format("from {} to {} positional argument{}", argcount - ndefaults, argcount,
                          argcount == 1 ? "" : "s");
    } else {
      takes = fmt::format("{} positional argument{}", argcount, argcount == 1 ? "" : "s");
    }
    // CPython names the unit of the given count only when keyword-only arguments were given too.
    std::string given = fmt::format("{}", nargs);
    if (nkw_given > 0) {
      given += fmt::format(" positional argument{} (and {} keyword-only argument{})", nargs == 1 ? "" : "s",
                           nkw_given, nkw_given == 1 ? "" : "s");
    }
    raise_fmt(&exc_TypeError, "{}() takes {} but {} {} given", qualname_of(f), takes, given,
              (nargs == 1 && nkw_given == 0) ? "was" : "were");
    return false;
  }
  // Keyword arguments.
  if (kwnames != nullptr) {
    std::vector<std::string> posonly_as_kw;
    for (size_t k = 0; k < kwnames->size; k++) {
      Value name = kwnames->at(k);
      Value val = args[nargs + k];
      int slot = -1;
      for (int i = u.posonlyargcount; i < total_named; i++) {
        if (Value(co->varnames[i]) == name) {
          slot = i;
          break;
        }
      }
      if (slot < 0) {
        for (int i = u.posonlyargcount; i < total_named; i++) {
          if (str_equal(co->varnames[i], as_str(name))) {
            slot = i;
            break;
          }
        }
      }
      if (slot < 0) {
        bool is_posonly = false;
        for (int i = 0; i < u.posonlyargcount; i++) {
          if (str_equal(co->varnames[i], as_str(name))) is_posonly = true;
        }
        if (has_varkw) {
          if (!dict_set(as_dict(kwdict.get()), name, val)) return false;
          continue;
        }
        if (is_posonly) {
          posonly_as_kw.push_back(std::string(as_str(name)->view()));
          continue;
        }
        raise_fmt(&exc_TypeError, "{}() got an unexpected keyword argument '{}'", qualname_of(f), as_str(name)->view());
        return false;
      }
      if (fast[slot]) {
        raise_fmt(&exc_TypeError, "{}() got multiple values for argument '{}'", qualname_of(f), as_str(name)->view());
        return false;
      }
      incref(val);
      fast[slot] = val;
    }
    if (!posonly_as_kw.empty()) {
      std::string list;
      for (size_t i = 0; i < posonly_as_kw.size(); i++) list += (i ? ", " : "") + posonly_as_kw[i];
      raise_fmt(&exc_TypeError, "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                qualname_of(f), list);
      return false;
    }
  }
  // Defaults for missing positional parameters.
  if (nargs < static_cast<size_t>(argcount)) {
    int ndefaults = f->defaults ? static_cast<int>(as_tuple(f->defaults.get())->size) : 0;
    int first_default = argcount - ndefaults;
    std::vector<std::string> missing;
    for (int i = static_cast<int>(nargs); i < argcount; i++) {
      if (fast[i]) continue;
      if (i >= first_default) {
        Value d = as_tuple(f->defaults.get())->at(i - first_default);
        incref(d);
        fast[i] = d;
      } else {
        missing.push_back(std::string(co->varnames[i]->view()));
      }
    }
    if (!missing.empty()) {
      raise_fmt(&exc_TypeError, "{}() missing {} required positional argument{}: {}", qualname_of(f), missing.size(),
                missing.size() == 1 ? "" : "s", join_names(missing));
      return false;
    }
  }
  // Keyword-only defaults.
  if (kwonly > 0) {
    std::vector<std::string> missing;
    for (int i = argcount; i < total_named; i++) {
      if (fast[i]) continue;
      Value d = f->kwdefaults ? dict_get_str(as_dict(f->kwdefaults.get()), co->varnames[i]) : Value();
      if (d) {
        incref(d);
        fast[i] = d;
      } else {
        missing.push_back(std::string(co->varnames[i]->view()));
      }
    }
    if (!missing.empty()) {
      raise_fmt(&exc_TypeError, "{}() missing {} required keyword-only argument{}: {}", qualname_of(f),
                missing.size(), missing.size() == 1 ? "" : "s", join_names(missing));
      return false;
    }
  }
  return true;
}

static Ref function_call(Value callable, const Value* args, size_t nargs, TupleObject* kwnames) {
  return call_python_function(as_function(callable), args, nargs, kwnames);
}

void code_attrs_init();  // vm/code_attrs.cpp

void function_types_init() {
  code_type.name = "code";
  code_type.basic_size = sizeof(CodeObject);
  code_type.dealloc = code_dealloc;
  code_type.flags |= rt::kTypeWeakrefable;
  code_type.repr = code_repr;
  type_ready(&code_type, &object_type);
  add_getset(&code_type, "co_name", code_get_name);
  add_getset(&code_type, "co_filename", code_get_filename);
  add_getset(&code_type, "co_firstlineno", code_get_firstlineno);
  add_getset(&code_type, "co_argcount", code_get_argcount);
  add_getset(&code_type, "co_varnames", code_get_varnames);
  add_getset(&code_type, "co_flags", code_get_flags);
  code_attrs_init();

  function_type.name = "function";
  function_type.flags = kTypeMethodLike | rt::kTypeWeakrefable;
  function_type.basic_size = sizeof(FunctionObject);
  function_type.dict_offset = offsetof(FunctionObject, dict);
  function_type.dealloc = function_dealloc;
  function_type.traverse = function_traverse;
  function_type.clear = function_clear;
  function_type.repr = function_repr;
  function_type.call = function_call;
  function_type.new_ = function_new_slot;
  function_type.descr_get = function_descr_get;
  type_ready(&function_type, &object_type);
  add_getset(&function_type, "__name__", fn_get_name, fn_set_name);
  add_getset(&function_type, "__qualname__", fn_get_qualname, fn_set_qualname);
  add_getset(&function_type, "__module__", fn_get_module, fn_set_module);
  add_getset(&function_type, "__doc__", fn_get_doc, fn_set_doc);
  add_getset(&function_type, "__code__", fn_get_code, fn_set_code);
  add_getset(&function_type, "__globals__", fn_get_globals);
  add_getset(&function_type, "__builtins__", fn_get_builtins);
  add_getset(&function_type, "__defaults__", fn_get_defaults, fn_set_defaults);
  add_getset(&function_type, "__kwdefaults__", fn_get_kwdefaults);
  add_getset(&function_type, "__closure__", fn_get_closure);
  add_getset(&function_type, "__annotations__", fn_get_annotations, fn_set_annotations);
}

}  // namespace minipy::vm
