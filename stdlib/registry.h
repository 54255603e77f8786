// The standard library's one registration point: native modules (native/modules.def) and the
// embedded modules written in minipy's language (lib/, turned into kFrozenSources at build
// time). The command line calls stdlib_init() once after vm_init().
#pragma once

#include <string_view>

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

}  // namespace minipy::lib
