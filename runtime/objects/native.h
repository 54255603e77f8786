// Functions and methods written in C++: builtin_function_or_method objects, method descriptors
// (a C++ method stored in a type's dict, bound on attribute access), and a small argument parser
// so native code reports argument errors with CPython's messages.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "runtime/object.h"
#include "runtime/objects/native_sig.h"
#include "runtime/type.h"

namespace minipy::rt {

struct TupleObject;
struct DictObject;
struct StrObject;

/// Every native callable has this shape: `self` is the bound receiver (the module for module
/// functions, the instance for methods), then vectorcall arguments.
using NativeFn = Ref (*)(Value self, const Value* args, size_t nargs, TupleObject* kwnames);

/// A native function declared with a signature (native_sig.h): it gets its arguments bound,
/// defaulted and converted.
using SigFn = Ref (*)(Value self, NativeArgs& args);

enum NativeFlags : uint32_t {
  kNativeClassMethod = 1,   // in a type dict: binds to the class (dict.fromkeys)
  kNativeStaticMethod = 2,  // in a type dict: does not bind (str.maketrans)
  kNativeReleasesGil = 4,   // documentation only: the function releases the GIL inside
  kNativeNoTextSig = 8,     // __text_signature__ is None (CPython's hand-written parsers:
                            // getattr, iter, struct.pack ...), the spec still parses the call
  kNativeParseTuple = 16,   // count errors as PyArg_ParseTuple words them (time.gmtime):
                            // "gmtime() takes at most 1 argument (2 given)"
};

/// One native function or method, declared once:
///     {"sorted($module, iterable, /, *, key=None, reverse=False)", builtin_sorted}
/// The spec is parsed when the function is first registered and kept for the process.
///
/// A function whose CPython counterpart parses its own arguments with messages of its own
/// (min, max, sorted, print, struct.pack) sets `raw` instead of `fn`: the spec then only
/// names it and gives its __text_signature__, and `raw` gets the call as it came.
struct NativeDef {
  const char* spec;
  SigFn fn;
  uint32_t flags = 0;
  const char* doc = nullptr;  // __doc__ (after CPython's "name(sig)\n--\n\n" header)
  NativeFn raw = nullptr;
};

/// The parsed signature of `def` (parsed on first use, then cached; aborts on a bad spec,
/// which is a programming error found as soon as the module is imported).
const NativeSig* native_sig_of(const NativeDef& def);

struct NativeFunctionObject : Object {
  const char* name;
  NativeFn fn;                     // the raw vectorcall form, or null when sig is set
  const NativeSig* sig = nullptr;  // declared form: fn is null, sig_fn is called
  SigFn sig_fn = nullptr;
  const NativeDef* def = nullptr;
  TypeObject* owner = nullptr;  // the defining type of a bound method (error messages)
  Ref self;                     // bound receiver or module (may be null)
  std::string qualname;
};

struct MethodDescrObject : Object {
  const char* name;
  NativeFn fn;
  TypeObject* owner;
  uint32_t flags;
  const NativeSig* sig = nullptr;
  SigFn sig_fn = nullptr;
  const NativeDef* def = nullptr;
};

/// Calls a declared function: binds args through `sig`, then `fn(self, bound)`.
Ref native_sig_call(const NativeSig* sig, SigFn fn, Value self, TypeObject* owner,
                    const Value* args, size_t nargs, TupleObject* kwnames);

/// Calls method descriptor `d` with `self` already bound (the CALL_METHOD fast path).
inline Ref method_descr_call_bound(MethodDescrObject* d, Value self, const Value* args,
                                   size_t nargs, TupleObject* kwnames) {
  if (d->sig != nullptr)
    return native_sig_call(d->sig, d->sig_fn, self, d->owner, args, nargs, kwnames);
  return d->fn(self, args, nargs, kwnames);
}

using GetterFn = Ref (*)(Value self);
using SetterFn = bool (*)(Value self, Value v);  // v null = delete

/// A computed attribute defined in C++ (CPython's getset_descriptor): a data descriptor.
struct GetSetDescrObject : Object {
  const char* name;
  GetterFn get;
  SetterFn set;  // null = read-only
  TypeObject* owner;
  const char* doc = nullptr;  // __doc__ (static storage; null = None)
};

extern TypeObject native_function_type;  // builtin_function_or_method
extern TypeObject getset_descr_type;
extern TypeObject method_descr_type;  // method_descriptor

Ref native_function_new(const char* name, NativeFn fn, Value self, std::string qualname = {});
/// Adds a method descriptor `name` to type `t`'s dict.
void add_method(TypeObject* t, const char* name, NativeFn fn, uint32_t flags = 0);
void add_getset(TypeObject* t, const char* name, GetterFn get, SetterFn set = nullptr,
                const char* doc = nullptr);
/// Adds a plain class attribute (value increfed).
void add_attr(TypeObject* t, const char* name, Value v);
/// Adds a native function `name` bound to `module` into `dict` (a module's namespace).
void add_function(DictObject* dict, Value module, const char* name, NativeFn fn);

/// Declared functions and methods (NativeDef): the form every native function should use.
Ref native_function_from_def(const NativeDef& def, Value self);
void add_functions(DictObject* dict, Value module, std::span<const NativeDef> defs);
void add_methods(TypeObject* t, std::span<const NativeDef> defs);

/// Argument parsing for native functions. `spec` lists parameter names; the leading ones up to
/// `npositional_only` are positional-only, names after a "*" entry keyword-only. Missing optional
/// parameters come back null. Errors match CPython: "f() takes at most 2 arguments (3 given)",
/// "f() missing required argument 'x' (pos 1)", "f() got an unexpected keyword argument 'y'".
/// Returns false (TypeError set) on error. `out` must have room for spec.size() values.
bool parse_args(const char* fname, const Value* args, size_t nargs, TupleObject* kwnames,
                std::initializer_list<const char*> spec, size_t nrequired, Value* out);
/// Shortcut for functions without keywords: checks min <= nargs <= max and no kwnames.
bool check_nargs(const char* fname, size_t nargs, TupleObject* kwnames, size_t min, size_t max);
/// The keyword check of a constructor that takes none (CPython's pattern for filter, map,
/// itertools.chain, ...): keywords are refused ("fname() takes no keyword arguments") unless
/// `type` is a subclass of `base` whose own __init__ may take them.
bool no_keywords_unless_init(TypeObject* type, TypeObject* base, const char* fname,
                             TupleObject* kwnames);

}  // namespace minipy::rt
