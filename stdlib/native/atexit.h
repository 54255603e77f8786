// atexit's hook into interpreter exit: cli/main.cpp calls it after threading._shutdown and
// before the modules are finalized, as CPython's Py_FinalizeEx does.
#pragma once

namespace minipy::lib {

/// Runs the registered atexit callbacks, last registered first; an exception in one is reported
/// through sys.unraisablehook ("Exception ignored in atexit callback") and the next runs.
void atexit_run_callbacks();

}  // namespace minipy::lib
