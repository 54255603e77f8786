// _pickle: the accelerator pickle.py imports (`from _pickle import PickleError, ...,
// Pickler, Unpickler, dump, dumps, load, loads`), CPython 3.11's Modules/_pickle.c semantics in
// our own code. Without it pickle.py runs its Python classes, 20-40 times slower on minipy;
// multiprocessing pickles every task and result.
//
// This file: the module state (what _pickle.c's PickleState keeps from copyreg, _compat_pickle,
// codecs and functools, read once at import as CPython does, so later rebinding of those
// module attributes is not seen while mutation of the dicts is), the module functions, and the
// Unpickler's input set-up. pickle_dump.cpp pickles, pickle_load.cpp unpickles,
// pickle_types.cpp defines the two classes. PickleBuffer (protocol 5's out-of-band buffers) is
// not provided: pickle.py then pickles without it, as on a build without the buffer protocol.
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/pickle.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;

namespace pickle {

State& state() {
  static State* s = new State();  // never destroyed: objects outlive static destructors
  return *s;
}

Ref raise_pickle(const Ref& cls, std::string_view msg) {
  return raise(static_cast<TypeObject*>(cls.obj()), msg);
}

bool unpickler_setup(UnpicklerObject* u, bool fix_imports, std::string_view encoding,
                     std::string_view errors, Value buffers) {
  u->fix_imports = fix_imports;
  u->encoding = encoding;
  u->errors = errors;
  // No buffers argument (its default) and None alike: a NEXT_BUFFER opcode is an error.
  u->buffers.reset();
  if (buffers && !is_none(buffers)) {
    u->buffers = get_iter(buffers);
    if (!u->buffers) return false;
  }
  return true;
}

bool unpickler_set_file(UnpicklerObject* u, Value file) {
  Ref read = getattr_opt(file, intern("read"));
  if (!read && error_pending()) return false;
  Ref readline = getattr_opt(file, intern("readline"));
  if (!readline && error_pending()) return false;
  if (!read || !readline) {
    raise(&exc_TypeError, "file must have 'read' and 'readline' attributes");
    return false;
  }
  u->read = std::move(read);
  u->readline = std::move(readline);
  u->input_owner.reset();
  u->buffer.clear();
  u->input = {};
  u->pos = 0;
  return true;
}

bool unpickler_set_data(UnpicklerObject* u, Value data) {
  ByteArg arg;
  // A bytearray could be resized by code the load runs (find_class, __setstate__): copied.
  if (!byte_arg(data, &arg, true)) return false;
  if (arg.copy.empty() && !arg.data.empty()) {
    u->input_owner = std::move(arg.keep);
    u->input = arg.data;
  } else {
    u->buffer = std::move(arg.copy);
    u->input = u->buffer;
  }
  u->pos = 0;
  return true;
}

}  // namespace pickle

namespace {

using pickle::PicklerObject;
using pickle::UnpicklerObject;

Ref new_pickler(Value protocol, bool fix_imports, Value file, Value buffer_callback) {
  Ref obj = Ref::steal(Value(alloc_instance<PicklerObject>(&pickle::pickler_type)));
  auto* p = obj.as<PicklerObject>();
  if (!pickle::pickler_setup(p, protocol, fix_imports, file, buffer_callback)) return Ref();
  p->initialized = true;
  return obj;
}

Ref m_dump(Value, NativeArgs& a) {
  Ref p = new_pickler(a[2], a.flag(3), a[1], a[4]);
  if (!p) return p;
  auto* pk = p.as<PicklerObject>();
  if (!pickle::pickler_dump(pk, a[0]) || !pickle::pickler_flush(pk)) return Ref();
  return none_ref();
}

Ref m_dumps(Value, NativeArgs& a) {
  Ref p = new_pickler(a[1], a.flag(2), Value(), a[3]);
  if (!p) return p;
  auto* pk = p.as<PicklerObject>();
  if (!pickle::pickler_dump(pk, a[0])) return Ref();
  return bytes_new(pk->out);
}

Ref new_unpickler(NativeArgs& a) {
  Ref obj = Ref::steal(Value(alloc_instance<UnpicklerObject>(&pickle::unpickler_type)));
  auto* u = obj.as<UnpicklerObject>();
  if (!pickle::unpickler_setup(u, a.flag(1), a.str(2), a.str(3), a[4])) return Ref();
  u->initialized = true;
  return obj;
}

Ref m_load(Value, NativeArgs& a) {
  Ref u = new_unpickler(a);
  if (!u || !pickle::unpickler_set_file(u.as<UnpicklerObject>(), a[0])) return Ref();
  return pickle::unpickler_load(u.as<UnpicklerObject>());
}

Ref m_loads(Value, NativeArgs& a) {
  Ref u = new_unpickler(a);
  if (!u || !pickle::unpickler_set_data(u.as<UnpicklerObject>(), a[0])) return Ref();
  return pickle::unpickler_load(u.as<UnpicklerObject>());
}

const NativeDef kPickleFunctions[] = {
    {"dump($module, obj, file, protocol=None, *, fix_imports: bool = True, "
     "buffer_callback=None)",
     m_dump, 0,
     "Write a pickled representation of obj to the open file object file.\n\nThis is "
     "equivalent to ``Pickler(file, protocol).dump(obj)``, but may\nbe more efficient."},
    {"dumps($module, obj, protocol=None, *, fix_imports: bool = True, buffer_callback=None)",
     m_dumps, 0, "Return the pickled representation of the object as a bytes object."},
    {"load($module, file, *, fix_imports: bool = True, encoding: str = 'ASCII', "
     "errors: str = 'strict', "
     "buffers=NULL)",
     m_load, 0,
     "Read and return an object from the pickle data stored in a file.\n\nThis is equivalent "
     "to ``Unpickler(file).load()``, but may be more\nefficient."},
    {"loads($module, data, /, *, fix_imports: bool = True, encoding: str = 'ASCII', "
     "errors: str = 'strict', "
     "buffers=NULL)",
     m_loads, 0, "Read and return an object from the given pickle data."},
};

bool fetch(Value module, const char* name, Ref* out) {
  *out = getattr(module, name);
  return static_cast<bool>(*out);
}

bool require_dict(const Ref& v, const char* what) {
  if (is_dict(v.get())) return true;
  raise_fmt(&exc_RuntimeError, "{} should be a dict, not {}", what, type_name(v.get()));
  return false;
}

/// A pure-Python module of CPython's library that _pickle reads, or null (no error) when that
/// library is absent: minipy's embedded-only mode (README) still pickles for multiprocessing,
/// with copyreg's tables and _compat_pickle's mappings empty and NEWOBJ_EX under protocols 2-3
/// (functools.partial) unavailable. Any other import failure propagates.
bool import_library_module(const char* name, Ref* out) {
  *out = vm::import_module_absolute(name);
  if (*out) return true;
  if (!exception_matches(&exc_ModuleNotFoundError)) return false;
  clear_exception();
  return true;
}

/// Fetches dict `name` of `module`, or an empty dict when the module is absent.
bool fetch_table(const Ref& module, const char* name, Ref* out, const char* what) {
  if (!module) {
    *out = dict_new();
    return true;
  }
  return fetch(module.get(), name, out) && require_dict(*out, what);
}

/// CPython's _Pickle_InitState: the module attributes _pickle reads, taken once.
bool init_state() {
  pickle::State& st = pickle::state();
  if (st.dispatch_table) return true;
  Ref copyreg, compat, functools;
  if (!import_library_module("copyreg", &copyreg) ||
      !import_library_module("_compat_pickle", &compat) ||
      !import_library_module("functools", &functools)) {
    return false;
  }
  // codecs.encode is _codecs.encode (codecs re-exports it): the native module is always there.
  Ref codecs = vm::import_module_absolute("_codecs");
  if (!codecs) return false;
  Ref builtins = vm::import_module_absolute("builtins");
  if (!builtins) return false;
  pickle::State s;
  if (!fetch_table(copyreg, "dispatch_table", &s.dispatch_table, "copyreg.dispatch_table") ||
      !fetch_table(copyreg, "_extension_registry", &s.extension_registry,
                   "copyreg._extension_registry") ||
      !fetch_table(copyreg, "_inverted_registry", &s.inverted_registry,
                   "copyreg._inverted_registry") ||
      !fetch_table(copyreg, "_extension_cache", &s.extension_cache, "copyreg._extension_cache") ||
      !fetch_table(compat, "NAME_MAPPING", &s.name_mapping_2to3, "_compat_pickle.NAME_MAPPING") ||
      !fetch_table(compat, "IMPORT_MAPPING", &s.import_mapping_2to3,
                   "_compat_pickle.IMPORT_MAPPING") ||
      !fetch_table(compat, "REVERSE_NAME_MAPPING", &s.name_mapping_3to2,
                   "_compat_pickle.REVERSE_NAME_MAPPING") ||
      !fetch_table(compat, "REVERSE_IMPORT_MAPPING", &s.import_mapping_3to2,
                   "_compat_pickle.REVERSE_IMPORT_MAPPING") ||
      !fetch(codecs.get(), "encode", &s.codecs_encode) ||
      (functools && !fetch(functools.get(), "partial", &s.partial)) ||
      !fetch(builtins.get(), "getattr", &s.getattr)) {
    return false;
  }
  Ref pickle_error = new_exception_class("_pickle", "PickleError", &exc_Exception);
  if (!pickle_error) return false;
  auto* base = static_cast<TypeObject*>(pickle_error.obj());
  Ref pickling_error = new_exception_class("_pickle", "PicklingError", base);
  if (!pickling_error) return false;
  Ref unpickling_error = new_exception_class("_pickle", "UnpicklingError", base);
  if (!unpickling_error) return false;
  s.pickle_error = std::move(pickle_error);
  s.pickling_error = std::move(pickling_error);
  s.unpickling_error = std::move(unpickling_error);
  st = std::move(s);
  return true;
}

}  // namespace

bool init__pickle(Value module, DictObject* ns) {
  if (!init_state()) return false;
  pickle::pickler_type_init();
  pickle::unpickler_type_init();
  pickle::State& st = pickle::state();
  add_functions(ns, module, kPickleFunctions);
  dict_set_cstr(ns, "__doc__",
                str_new("Optimized C implementation for the Python pickle module.").get());
  dict_set_cstr(ns, "PickleError", st.pickle_error.get());
  dict_set_cstr(ns, "PicklingError", st.pickling_error.get());
  dict_set_cstr(ns, "UnpicklingError", st.unpickling_error.get());
  dict_set_cstr(ns, "Pickler", Value(&pickle::pickler_type));
  dict_set_cstr(ns, "Unpickler", Value(&pickle::unpickler_type));
  return true;
}

}  // namespace minipy::lib
