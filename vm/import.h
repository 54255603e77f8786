// The import system. Finders, in order: sys.modules, the native-module table (C++ modules
// registered by stdlib/ at start-up), the frozen table (modules written in minipy's language and
// embedded in the binary), then `name.py` / `name/__init__.py` on sys.path.
#pragma once

#include <string>
#include <string_view>

#include "runtime/object.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/str.h"

namespace minipy::vm {

/// A native module's initialiser fills the module's namespace (name already set).
using NativeModuleInit = bool (*)(rt::Value module, rt::DictObject* ns);

void register_native_module(const char* name, NativeModuleInit init);
void register_frozen_module(const char* name, std::string_view source, bool is_package);
bool is_frozen_package(std::string_view name);

/// IMPORT_NAME: `import a.b.c` (fromlist None -> top package) or `from x import y`.
rt::Ref import_name(rt::StrObject* name, rt::DictObject* globals, rt::Value fromlist, rt::Value level);
/// Imports a dotted module by absolute name and returns the leaf module.
/// `quiet_missing`: raise ModuleNotFoundError without side effects when absent.
rt::Ref import_module_absolute(const std::string& name, bool quiet_missing = false);
/// Executes `source` as module `name` (already created and registered in sys.modules).
bool exec_module_source(rt::Value module, std::string_view source, const std::string& filename);

}  // namespace minipy::vm
