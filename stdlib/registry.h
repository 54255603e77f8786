// The standard library's one registration point: native modules (native/modules.def) and the
// embedded modules written in minipy's language (lib/, turned into kFrozenSources at build
// time). The command line calls stdlib_init() once after vm_init().
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minipy::lib {

struct FrozenSource {
  const char* name;
  std::string_view source;
  bool is_package;
};
extern const FrozenSource kFrozenSources[];  // terminated by a null name

/// Registers every native and frozen module with the import system, fills the builtins
/// namespace and creates `sys` (argv from the interpreter state).
void stdlib_init();

/// CPython's library directory: $MINIPY_STDLIB when set, else the configured MINIPY_CPYTHON_LIB.
std::string cpython_lib_dir();
/// The sys.path entries that follow the script directory and PYTHONPATH: the embedded modules
/// (vm::kEmbeddedPathEntry), then CPython's library directory.
std::vector<std::string> library_path();
/// Whether `name` is a top-level module of CPython's standard library (sys.stdlib_module_names).
bool is_cpython_stdlib_module(std::string_view name);
std::vector<std::string_view> cpython_stdlib_module_names();

}  // namespace minipy::lib
