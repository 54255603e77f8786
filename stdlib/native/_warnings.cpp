// _warnings: the names CPython's importlib (_bootstrap_external.py, `import _warnings`) and
// other bootstrap code call, warn() and warn_explicit(), handed to the warnings module.
//
// CPython's _warnings is also a C implementation of the warnings filters, which warnings.py
// takes over when `from _warnings import filters, ...` succeeds. minipy keeps that logic in
// one place, warnings.py's own Python implementation: this module deliberately has no
// `filters`, so that import fails and warnings.py uses its fallback (the path CPython keeps
// for implementations without the accelerator). Delegating here therefore never loops.
#include <array>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;

namespace {

/// Calls warnings.<name> with the same arguments (no Python frame is added in between, so a
/// stacklevel means the same thing to both).
Ref forward(const char* name, const Value* args, size_t nargs, TupleObject* kwnames) {
  Ref warnings = vm::import_module_absolute("warnings");
  if (!warnings) return warnings;
  Ref fn = getattr(warnings.get(), intern(name));
  if (!fn) return fn;
  return call(fn.get(), args, nargs, kwnames);
}

Ref w_warn(Value, const Value* args, size_t nargs, TupleObject* kwnames) {
  return forward("warn", args, nargs, kwnames);
}

Ref w_warn_explicit(Value, const Value* args, size_t nargs, TupleObject* kwnames) {
  return forward("warn_explicit", args, nargs, kwnames);
}

const NativeDef kWarningsFunctions[] = {
    {"warn($module, /, message, category=None, stacklevel=1, source=None)", nullptr, 0, nullptr,
     w_warn},
    {"warn_explicit($module, /, message, category, filename, lineno, module=None, "
     "registry=None, module_globals=None, source=None)",
     nullptr, 0, nullptr, w_warn_explicit},
};

}  // namespace

bool init__warnings(Value module, DictObject* ns) {
  add_functions(ns, module, kWarningsFunctions);
  return !error_pending();
}

}  // namespace minipy::lib
