// The globals of the Python code that called into the runtime (CPython's PyEval_GetGlobals).
// The runtime does not know the VM's frames, so the VM sets the hook at start-up, as it does
// the hooks of runtime/errors.h.
#pragma once

namespace minipy::rt {

struct DictObject;

/// Set by the VM at start-up: the innermost Python frame's globals, null when none runs.
extern DictObject* (*g_caller_globals_hook)();

/// Null before the VM starts or outside any Python frame.
inline DictObject* caller_globals() {
  return g_caller_globals_hook != nullptr ? g_caller_globals_hook() : nullptr;
}

}  // namespace minipy::rt
