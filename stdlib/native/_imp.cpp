// _imp: the import system's primitives that CPython's importlib (_bootstrap.py,
// _bootstrap_external.py, used unchanged) is written against. minipy's import system is native
// (vm/import.h); these functions expose it under CPython's names: "built-in" modules are
// minipy's native modules, "frozen" modules are the ones embedded in the binary (stdlib/lib),
// and there are no extension modules (.so files cannot hold minipy code), so extension_suffixes()
// is empty and create_dynamic() raises ImportError.
//
// The import lock (acquire_lock/release_lock/lock_held) is the process's one re-entrant import
// lock (runtime/state/import_lock.h), as CPython's: the free-threaded build's imports take it;
// under the GIL minipy's own imports need no global lock, and it serialises the code that takes
// it, as imp.acquire_lock() callers do.

#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/hash.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/import_lock.h"
#include "vm/code.h"
#include "vm/import.h"
#include "vm/interpreter.h"

namespace minipy::lib {

using namespace rt;

namespace {

Ref imp_lock_held(Value, NativeArgs&) { return Ref::new_ref(Bool(import_lock().held())); }

Ref imp_acquire_lock(Value, NativeArgs&) {
  import_lock().acquire();
  return none_ref();
}

Ref imp_release_lock(Value, NativeArgs&) {
  if (!import_lock().release()) return raise(&exc_RuntimeError, "not holding the import lock");
  return none_ref();
}

/// CPython answers -1 for modules that cannot be initialised twice (sys, builtins).
Ref imp_is_builtin(Value, NativeArgs& a) {
  std::string_view name = as_str(a[0])->view();
  if (!vm::is_native_module(name)) return Ref::small(0);
  return Ref::small(name == "sys" || name == "builtins" ? -1 : 1);
}

/// The module object for spec.name: minipy's native modules are created once per process (as
/// CPython's single-phase ones), so this is the module sys.modules holds or a fresh import.
Ref imp_create_builtin(Value, NativeArgs& a) {
  Ref name = getattr(a[0], intern("name"));
  if (!name) return name;
  if (!is_str(name.get()))
    return raise_fmt(&exc_TypeError, "name must be string, not {}", type_name(name.get()));
  std::string n(as_str(name.get())->view());
  if (!vm::is_native_module(n)) {
    Ref e = raise_fmt(&exc_ImportError, "no built-in module named {}", n);
    return e;
  }
  return vm::import_module_absolute(n);
}

Ref imp_exec_builtin(Value, NativeArgs&) { return Ref::small(0); }

Ref imp_is_frozen(Value, NativeArgs& a) {
  return Ref::new_ref(Bool(vm::is_frozen_module(as_str(a[0])->view())));
}

Ref no_frozen(std::string_view name) {
  return vm::raise_import_error(&exc_ImportError,
                                "No such frozen object named '" + std::string(name) + "'",
                                std::string(name));
}

Ref imp_is_frozen_package(Value, NativeArgs& a) {
  std::string_view name = as_str(a[0])->view();
  if (!vm::is_frozen_module(name)) return no_frozen(name);
  return Ref::new_ref(Bool(vm::is_frozen_package(name)));
}

/// (data, ispkg, origname): data is None unless withdata (minipy freezes source, not a
/// marshalled code object, so withdata gives the source as bytes).
Ref imp_find_frozen(Value, NativeArgs& a) {
  std::string_view name = as_str(a[0])->view();
  std::optional<std::string_view> source = vm::frozen_source(name);
  if (!source) return none_ref();
  Ref data = a.flag(1) ? bytes_new(*source) : none_ref();
  return tuple_of({data.get(), Bool(vm::is_frozen_package(name)), a[0]});
}

Ref imp_get_frozen_object(Value, NativeArgs& a) {
  std::string_view name = as_str(a[0])->view();
  std::optional<std::string_view> source = vm::frozen_source(name);
  if (!source) return no_frozen(name);
  return vm::compile_source(*source, "<frozen " + std::string(name) + ">", "exec");
}

Ref imp_init_frozen(Value, NativeArgs& a) {
  std::string_view name = as_str(a[0])->view();
  if (!vm::is_frozen_module(name)) return none_ref();
  return vm::import_module_absolute(std::string(name));
}

Ref imp_frozen_module_names(Value, NativeArgs&) {
  std::vector<std::string> names = vm::frozen_module_names();
  Ref t = tuple_new(names.size());
  for (size_t i = 0; i < names.size(); i++)
    tuple_set_steal(as_tuple(t.get()), i, str_new(names[i]).release());
  return t;
}

Ref imp_override_frozen_modules_for_tests(Value, NativeArgs&) { return none_ref(); }

Ref imp_extension_suffixes(Value, NativeArgs&) { return list_new(); }

Ref imp_create_dynamic(Value, NativeArgs& a) {
  Ref name = getattr(a[0], intern("name"));
  if (!name) return name;
  Ref text = to_str(name.get());
  if (!text) return text;
  return raise_fmt(&exc_ImportError,
                   "minipy cannot load extension modules (compiled for CPython): {}",
                   as_str(text.get())->view());
}

Ref imp_exec_dynamic(Value, NativeArgs&) { return Ref::small(0); }

/// Points co_filename of `code` and of every code object nested in it at `path` where it named
/// the file the code was compiled from (CPython's update_compiled_module).
void retarget_filenames(vm::CodeObject* co, Value old_name, Value new_name) {
  if (co->filename && equal(co->filename.get(), old_name) == 1)
    co->filename = Ref::new_ref(new_name);
  for (Value c : co->consts) {
    if (type_of(c) == &vm::code_type) retarget_filenames(vm::as_code(c), old_name, new_name);
  }
}

Ref imp_fix_co_filename(Value, NativeArgs& a) {
  if (type_of(a[0]) != &vm::code_type)
    return raise_fmt(&exc_TypeError, "_fix_co_filename() argument 1 must be code, not {}",
                     type_name(a[0]));
  vm::CodeObject* co = vm::as_code(a[0]);
  if (!co->filename || equal(co->filename.get(), a[1]) == 1) return none_ref();
  Ref old_name = co->filename.dup();
  retarget_filenames(co, old_name.get(), a[1]);
  return none_ref();
}

/// CPython's _Py_KeyedHash: SipHash-1-3 of the source keyed by (key, 0), 8 bytes little-endian.
Ref imp_source_hash(Value, NativeArgs& a) {
  uint64_t h = siphash13(static_cast<uint64_t>(a.i64(0)), 0, a.bytes(1).data(), a.bytes(1).size());
  char out[8];
  for (int i = 0; i < 8; i++) out[i] = static_cast<char>((h >> (8 * i)) & 0xFF);
  return bytes_new(std::string_view(out, 8));
}

const NativeDef kImpFunctions[] = {
    {"lock_held($module, /)", imp_lock_held},
    {"acquire_lock($module, /)", imp_acquire_lock},
    {"release_lock($module, /)", imp_release_lock},
    {"is_builtin($module, name: str, /)", imp_is_builtin},
    {"create_builtin($module, spec, /)", imp_create_builtin},
    {"exec_builtin($module, mod, /)", imp_exec_builtin},
    {"is_frozen($module, name: str, /)", imp_is_frozen},
    {"is_frozen_package($module, name: str, /)", imp_is_frozen_package},
    {"find_frozen($module, name: str, /, *, withdata: bool = False)", imp_find_frozen},
    {"get_frozen_object($module, name: str, data=None, /)", imp_get_frozen_object},
    {"init_frozen($module, name: str, /)", imp_init_frozen},
    {"_frozen_module_names($module, /)", imp_frozen_module_names},
    {"_override_frozen_modules_for_tests($module, override: int, /)",
     imp_override_frozen_modules_for_tests},
    {"extension_suffixes($module, /)", imp_extension_suffixes},
    {"create_dynamic($module, spec, file=NULL, /)", imp_create_dynamic},
    {"exec_dynamic($module, mod, /)", imp_exec_dynamic},
    {"_fix_co_filename($module, code, path: str, /)", imp_fix_co_filename},
    {"source_hash($module, /, key: ssize_t, source: buffer)", imp_source_hash},
};

}  // namespace

bool init__imp(Value module, DictObject* ns) {
  add_functions(ns, module, kImpFunctions);
  // "default": hash-based .pyc files are checked as their flags say (the native import checks
  // every one it reads, vm/code_cache.h).
  dict_set_cstr(ns, "check_hash_based_pycs", str_new("default").get());
  return !error_pending();
}

}  // namespace minipy::lib
