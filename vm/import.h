// The import system. Finders, in order: sys.modules, the native-module table (C++ modules
// registered by stdlib/ at start-up, like CPython's built-in modules), then sys.path, entry by
// entry: `name.py` / `name/__init__.py` in a directory, or the frozen table (modules written in
// minipy's language and embedded in the binary) at the entry kEmbeddedPathEntry. Submodules of a
// frozen package come from the frozen table.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/object.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/str.h"

namespace minipy::vm {

/// A native module's initialiser fills the module's namespace (name already set).
using NativeModuleInit = bool (*)(rt::Value module, rt::DictObject* ns);

/// The sys.path entry that stands for the embedded modules (as CPython's python311.zip entry stands
/// for its zipped library). Without it on sys.path they are looked up after every entry.
inline constexpr std::string_view kEmbeddedPathEntry = "<frozen>";

/// Extra text for "No module named 'x'" (e.g. which package to install); "" for none.
using MissingModuleHint = std::string (*)(const std::string& name);
void set_missing_module_hint(MissingModuleHint hint);

void register_native_module(const char* name, NativeModuleInit init);
void register_frozen_module(const char* name, std::string_view source, bool is_package);
bool is_frozen_package(std::string_view name);
bool is_frozen_module(std::string_view name);
bool is_native_module(std::string_view name);
/// The embedded source of a frozen module, or nothing (for _imp).
std::optional<std::string_view> frozen_source(std::string_view name);
/// Every frozen module's name, sorted (for _imp._frozen_module_names).
std::vector<std::string> frozen_module_names();

/// IMPORT_NAME: `import a.b.c` (fromlist None -> top package) or `from x import y`.
rt::Ref import_name(rt::StrObject* name, rt::DictObject* globals, rt::Value fromlist,
                    rt::Value level);
/// Imports a dotted module by absolute name and returns the leaf module.
/// `quiet_missing`: raise ModuleNotFoundError without side effects when absent.
rt::Ref import_module_absolute(const std::string& name, bool quiet_missing = false);
/// Raises `type` (ImportError or a subclass) with `msg` and its `name` attribute set, as the
/// import system's own errors carry it (ModuleNotFoundError for pkg.sub has name 'pkg.sub').
rt::Ref raise_import_error(rt::TypeObject* type, const std::string& msg, const std::string& name);
/// `from pkg import sub` after importing pkg.sub failed: true (and the error cleared) when the
/// pending error is the ModuleNotFoundError for `full` itself, so the caller falls back to
/// "cannot import name"; false for any other error, which must propagate (as CPython's
/// _handle_fromlist: a missing module *inside* sub is the user's real error).
bool clear_if_module_missing(const std::string& full);
/// Executes `source` as module `name` (already created and registered in sys.modules).
bool exec_module_source(rt::Value module, std::string_view source, const std::string& filename);

}  // namespace minipy::vm
