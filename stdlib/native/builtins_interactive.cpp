// The builtins for interactive use: breakpoint(), which calls sys.breakpointhook (sys_hooks.cpp),
// and help, the object site.py installs as _sitebuiltins._Helper: its repr says how to use it and
// calling it runs pydoc.help. (site.py's other objects, copyright/credits/license, are not here:
// minipy starts without site.)
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;

namespace {

// CPython's builtin_breakpoint: whatever sys.breakpointhook is now, with the same arguments.
Ref b_breakpoint(Value, NativeArgs& a) {
  Ref hook;
  if (Value sys = interp().sys.get()) hook = getattr_opt(sys, intern("breakpointhook"));
  if (!hook) {
    if (error_pending()) return hook;
    return raise(&exc_RuntimeError, "lost sys.breakpointhook");
  }
  auto rest = a.varargs();
  Ref args = tuple_from(rest.data(), rest.size());
  DictObject* kwargs = a.kwargs();
  return call_tuple_dict(hook.get(), args.get(), kwargs ? Value(kwargs) : Value());
}

const NativeDef kInteractiveFunctions[] = {
    {"breakpoint($module, *args, **kws)", b_breakpoint, kNativeNoTextSig},
};

TypeObject helper_type;  // _sitebuiltins._Helper

Ref helper_repr(Value) {
  return str_new("Type help() for interactive help, or help(object) for help about object.");
}

Ref helper_call(Value, const Value* args, size_t nargs, TupleObject* kwnames) {
  Ref pydoc = vm::import_module_absolute("pydoc");
  if (!pydoc) return pydoc;
  Ref help = getattr(pydoc.get(), intern("help"));
  if (!help) return help;
  return call(help.get(), args, nargs, kwnames);
}

void helper_dealloc(Object* o) { delete o; }

}  // namespace

void builtins_interactive_init(DictObject* builtins) {
  add_functions(builtins, Value(), kInteractiveFunctions);
  helper_type.name = "_Helper";
  helper_type.module = "_sitebuiltins";
  helper_type.basic_size = sizeof(Object);
  helper_type.dealloc = helper_dealloc;
  helper_type.repr = helper_repr;
  helper_type.call = helper_call;
  type_ready(&helper_type, &object_type);
  auto* help = alloc_instance<Object>(&helper_type);
  dict_set_cstr(builtins, "help", Value(help));
  decref(help);
}

}  // namespace minipy::lib
