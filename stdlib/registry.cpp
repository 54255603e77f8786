// stdlib registration: native module table, frozen sources, builtins, sys.
#include "stdlib/registry.h"

#include "runtime/objects/dict.h"
#include "runtime/objects/str.h"
#include "runtime/state/interpreter.h"
#include "vm/import.h"

namespace minipy::lib {

#define NATIVE_MODULE(name, init) bool init(rt::Value module, rt::DictObject* ns);
#include "stdlib/native/modules.def"
#undef NATIVE_MODULE

void builtins_init(rt::DictObject* builtins);
void install_missing_module_hint();  // cpython_lib.cpp
void install_codec_hooks();          // native/_codecs.cpp

void stdlib_init() {
#define NATIVE_MODULE(name, init) vm::register_native_module(#name, init);
#include "stdlib/native/modules.def"
#undef NATIVE_MODULE
  for (const FrozenSource* f = kFrozenSources; f->name != nullptr; f++) {
    vm::register_frozen_module(f->name, f->source, f->is_package);
  }
  install_missing_module_hint();
  install_codec_hooks();
  builtins_init(rt::interp().builtins_dict());
  // sys is imported eagerly: the VM and tracebacks use it.
  rt::Ref sys = vm::import_module_absolute("sys");
  rt::interp().sys = std::move(sys);
  // builtins too, as CPython's: importing it binds the builtin functions to it (len.__self__).
  vm::import_module_absolute("builtins");
}

}  // namespace minipy::lib
