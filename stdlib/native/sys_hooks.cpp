// sys.breakpointhook (and sys.__breakpointhook__), what builtins.breakpoint() calls: it imports
// the callable $PYTHONBREAKPOINT names (pdb.set_trace by default; "0" turns breakpoints off) and
// calls it, warning and doing nothing when that cannot be imported (CPython's
// sys_breakpointhook). Also the small sys entries that only report the interpreter's set-up:
// orig_argv, _base_executable, _stdlib_dir, _home, _framework, call_tracing, dlopen flags.
#include <dlfcn.h>

#include <cstdlib>
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "stdlib/registry.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;

namespace {

// The flags sys.setdlopenflags stored. minipy builds every native module in and loads no
// extension modules, so nothing reads them; CPython's default is RTLD_NOW.
int g_dlopen_flags = RTLD_NOW;

Ref sys_breakpointhook(Value, NativeArgs& a) {
  const char* env = interp().flags.ignore_environment ? nullptr : std::getenv("PYTHONBREAKPOINT");
  std::string hookname = env && *env ? env : "pdb.set_trace";
  if (hookname == "0") return none_ref();  // breakpoints explicitly turned off
  size_t dot = hookname.rfind('.');
  Ref hook;
  if (dot != 0) {  // a leading dot names no module: only the warning below
    std::string module = dot == std::string::npos ? "builtins" : hookname.substr(0, dot);
    std::string attr = dot == std::string::npos ? hookname : hookname.substr(dot + 1);
    Ref m = vm::import_module_absolute(module);
    if (m) hook = getattr(m.get(), intern(attr));
    if (!hook) {
      if (!exception_matches(&exc_ImportError) && !exception_matches(&exc_AttributeError))
        return Ref();
      clear_exception();
    }
  }
  if (!hook) {
    std::string msg = "Ignoring unimportable $PYTHONBREAKPOINT: \"" + hookname + "\"";
    if (!warn(&exc_RuntimeWarning, msg, 1)) return Ref();
    return none_ref();
  }
  auto rest = a.varargs();
  Ref args = tuple_from(rest.data(), rest.size());
  DictObject* kwargs = a.kwargs();
  return call_tuple_dict(hook.get(), args.get(), kwargs ? Value(kwargs) : Value());
}

Ref sys_call_tracing(Value, NativeArgs& a) {
  if (!is_tuple(a[1])) {
    return raise_fmt(&exc_TypeError, "call_tracing() argument 2 must be tuple, not {}",
                     type_name(a[1]));
  }
  return call_tuple_dict(a[0], a[1], Value());
}

Ref sys_getdlopenflags(Value, NativeArgs&) { return Ref::small(g_dlopen_flags); }

Ref sys_setdlopenflags(Value, NativeArgs& a) {
  g_dlopen_flags = a.i32(0);
  return none_ref();
}

const NativeDef kSysHookFunctions[] = {
    {"breakpointhook($module, *args, **kws)", sys_breakpointhook, kNativeNoTextSig},
    {"call_tracing($module, func, args, /)", sys_call_tracing},
    {"getdlopenflags($module, /)", sys_getdlopenflags},
    {"setdlopenflags($module, flags: int, /)", sys_setdlopenflags},
};

}  // namespace

void sys_hooks_init(Value module, DictObject* ns) {
  add_functions(ns, module, kSysHookFunctions);
  dict_set_cstr(ns, "__breakpointhook__", dict_get_cstr(ns, "breakpointhook"));
  InterpreterState& in = interp();
  Ref orig = list_new();
  for (const std::string& arg : in.orig_argv) list_append(as_list(orig.get()), str_new(arg).get());
  dict_set_cstr(ns, "orig_argv", orig.get());
  dict_set_cstr(ns, "_base_executable", str_new(in.executable).get());
  // None, as CPython when it cannot tell: importlib's frozen importer derives a frozen module's
  // __file__ from _stdlib_dir and asserts the module has one, but minipy's embedded modules (os,
  // threading, ...) are its own, not the files in CPython's library directory.
  dict_set_cstr(ns, "_stdlib_dir", None());
  dict_set_cstr(ns, "_home", None());                  // no PYTHONHOME or pyvenv.cfg home
  dict_set_cstr(ns, "_framework", str_new("").get());  // macOS framework builds only
}

}  // namespace minipy::lib
