// The import system: sys.modules, native modules, frozen (embedded) modules, sys.path files.
#include "vm/import.h"

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "runtime/state/import_lock.h"
#include "runtime/state/interpreter.h"
#include "vm/code.h"
#include "vm/code_cache.h"
#include "vm/interpreter.h"

namespace minipy::vm {

using namespace rt;

namespace {

struct Frozen {
  std::string_view source;
  bool is_package;
};

std::map<std::string, NativeModuleInit>& native_table() {
  static auto* t = new std::map<std::string, NativeModuleInit>();
  return *t;
}
std::map<std::string, Frozen>& frozen_table() {
  static auto* t = new std::map<std::string, Frozen>();
  return *t;
}

bool file_exists(const std::string& p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}
bool dir_exists(const std::string& p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

DictObject* modules() { return as_dict(interp().modules.get()); }

/// ModuleNotFoundError(msg) with `name` set: callers tell "this module is missing" from
/// "something it imports is missing" by that attribute.
Ref raise_module_not_found(const std::string& name, const std::string& msg) {
  return raise_import_error(&exc_ModuleNotFoundError, msg, name);
}

Ref new_registered_module(const std::string& name) {
  Ref m = module_new(name);
  if (!dict_set(modules(), str_new(name).get(), m.get())) return Ref();
  return m;
}

/// Removes a module whose execution failed; the pending exception (the failure) is kept.
void unregister(const std::string& name) {
  Ref saved = take_exception();
  Ref key = str_new(name);
  dict_del(modules(), key.get());
  clear_exception();
  if (saved) set_exception(std::move(saved));
}

/// Search path entries for a top-level module or for a package's submodules.
std::vector<std::string> search_path(Value parent) {
  std::vector<std::string> out;
  Value list;
  Ref holder;
  if (parent) {
    holder = getattr_opt(parent, names::path);
    if (!holder) {
      clear_exception();
      return out;
    }
    list = holder.get();
  } else {
    Value sys = interp().sys.get();
    if (sys) {
      holder = getattr_opt(sys, intern("path"));  // sys.path (names::path is "__path__")
      if (!holder) clear_exception();
      list = holder.get();
    }
  }
  if (list && is_list(list)) {
    CriticalSection cs(list);  // sys.path: other threads may change it while we import
    for (Value v : as_list(list)->items) {
      if (is_str(v)) out.emplace_back(as_str(v)->view());
    }
  }
  return out;
}

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

MissingModuleHint g_missing_hint = nullptr;

void set_package_attrs(DictObject* d, const std::string& full, bool package) {
  if (package) {
    dict_set_str(d, names::package, str_new(full).get());
  } else {
    auto dot = full.rfind('.');
    dict_set_str(d, names::package,
                 str_new(dot == std::string::npos ? "" : full.substr(0, dot)).get());
  }
}

/// Whether the compiled-code cache may write: not under -B / PYTHONDONTWRITEBYTECODE, nor once
/// a program sets sys.dont_write_bytecode (read at every import, as CPython does).
bool may_write_bytecode() {
  Value sys = dict_get_str(modules(), intern("sys"));
  if (!sys) return interp().flags.dont_write_bytecode == 0;
  Value v = dict_get_str(module_dict(sys), intern("dont_write_bytecode"));
  return v ? !truthy(v) : interp().flags.dont_write_bytecode == 0;
}

/// sys.pycache_prefix, read at every import as importlib's cache_from_source reads it: nullopt
/// for None (then .pyc files go to __pycache__ beside the source, as in CPython).
std::optional<std::string> pycache_prefix() {
  Value sys = dict_get_str(modules(), intern("sys"));
  Value v = sys ? dict_get_str(module_dict(sys), intern("pycache_prefix")) : Value();
  if (v && is_str(v)) return std::string(as_str(v)->view());
  return std::nullopt;
}

/// The same file reached by another path string (importlib's _imp._fix_co_filename): the code
/// read from its .pyc names the path this import found it at.
void retarget_filename(CodeUnit& unit, const std::string& from, const std::string& to) {
  if (unit.filename == from) unit.filename = to;
  for (Constant& c : unit.consts) {
    if (c.kind == Constant::Kind::Code && c.code != nullptr) retarget_filename(*c.code, from, to);
  }
}

/// A module's code from its source file, through the compiled-code cache (vm/code_cache.h): `pyc`
/// is the .pyc that importlib would use for `file`. The entry holds the hash of the very bytes
/// compiled, so a file changed while we read it cannot leave a stale entry behind.
Ref compile_module_file(std::string_view source, const std::string& file, const std::string& pyc) {
  if (std::shared_ptr<CodeUnit> cached = pyc_load(pyc, source); cached != nullptr) {
    if (cached->filename != file) {
      std::string old = cached->filename;  // a copy: the walk overwrites the unit's own
      retarget_filename(*cached, old, file);
    }
    return code_from_unit(std::move(cached));
  }
  std::shared_ptr<CodeUnit> unit = compile_unit(source, file, "exec");
  if (unit == nullptr) return Ref();
  if (may_write_bytecode()) pyc_store(pyc, source, *unit);
  return code_from_unit(std::move(unit));
}

bool exec_module_code(Value module, Value code) {
  DictObject* d = module_dict(module);
  if (!dict_get_str(d, names::builtins))
    dict_set_str(d, names::builtins, Value(interp().builtins_dict()));
  Ref r = run_code(code, d, d);
  return static_cast<bool>(r);
}

/// Runs a new module's source; the module left in sys.modules under `full` is the result (a
/// module may replace itself there).
Ref exec_new_module(Ref m, const std::string& full, std::string_view source,
                    const std::string& filename, const std::string* pyc = nullptr) {
  bool ok;
  if (pyc != nullptr) {
    Ref code = compile_module_file(source, filename, *pyc);
    ok = code && exec_module_code(m.get(), code.get());
  } else {
    ok = exec_module_source(m.get(), source, filename);
  }
  if (!ok) {
    unregister(full);
    return Ref();
  }
  Value final_m = dict_get(modules(), str_new(full).get());
  if (final_m) return Ref::new_ref(final_m);
  return m;
}

/// How a module was found, for the __spec__ that importlib's finders would have given it.
enum class Found { kNative, kFrozen, kFile };

/// Once CPython's importlib is bootstrapped (stdlib/lib/_frozen_importlib.py, on the first
/// `import importlib`), a module this import system loads gets the __spec__ and __loader__ that
/// importlib's own finders make for it (BuiltinImporter, FrozenImporter, a file spec with
/// SourceFileLoader), so importlib.util.find_spec, reload, pkgutil and runpy see what they
/// expect. Before that, modules keep __spec__ None, as CPython's do when made by hand.
/// importlib's bootstrap module once its code has run far enough to make specs, else null.
Value importlib_bootstrap() {
  Value bootstrap = dict_get_str(modules(), intern("_frozen_importlib"));
  if (!bootstrap || type_of(bootstrap) != &module_type) return Value();
  return dict_get_str(module_dict(bootstrap), intern("_init_module_attrs")) ? bootstrap : Value();
}

bool attach_spec(Value module, Found how, const std::string& full, const std::string& file,
                 const std::string& pkgdir) {
  Value bootstrap = importlib_bootstrap();
  if (!bootstrap) return true;
  Ref init_attrs = getattr(bootstrap, intern("_init_module_attrs"));
  if (!init_attrs) return false;
  Ref name = str_new(full);
  Ref spec;
  if (how == Found::kFile) {
    Value external = dict_get_str(modules(), intern("_frozen_importlib_external"));
    if (!external) return true;
    Ref make = getattr(external, intern("spec_from_file_location"));
    if (!make) return false;
    Ref locations = none_ref();
    if (!pkgdir.empty()) {
      locations = list_new();
      list_append(as_list(locations.get()), str_new(pkgdir).get());
    }
    Ref path = str_new(file);
    Value args[3] = {name.get(), path.get(), locations.get()};
    Ref kw = tuple_of({Value(intern("submodule_search_locations"))});
    spec = call(make.get(), args, 2, as_tuple(kw.get()));
  } else {
    Ref finder =
        getattr(bootstrap, intern(how == Found::kNative ? "BuiltinImporter" : "FrozenImporter"));
    if (!finder) return false;
    Value args[1] = {name.get()};
    spec = call_method(finder.get(), intern("find_spec"), args, 1);
  }
  if (!spec) return false;
  if (is_none(spec.get())) return true;
  Value args[2] = {spec.get(), module};
  return static_cast<bool>(call(init_attrs.get(), args, 2));
}

Ref load_frozen(const std::string& full, const Frozen& f) {
  Ref m = new_registered_module(full);
  if (!m) return m;
  DictObject* d = module_dict(m.get());
  if (f.is_package) dict_set_str(d, names::path, list_new().get());
  set_package_attrs(d, full, f.is_package);
  if (!importlib_bootstrap()) {
    // As CPython's frozen modules at start-up: importlib's bootstrap reads (and removes) it
    // when it gives the module its spec.
    dict_set_cstr(d, "__origname__", str_new(full).get());
  } else if (!attach_spec(m.get(), Found::kFrozen, full, "", "")) {
    unregister(full);
    return Ref();
  }
  return exec_new_module(std::move(m), full, f.source, "<frozen " + full + ">");
}

/// Loads `leaf` from directory `dir` (a sys.path or __path__ entry). Returns an empty Ref with no
/// exception pending when the directory does not hold it.
Ref load_from_dir(const std::string& full, const std::string& leaf, const std::string& dir) {
  std::string base = dir.empty() ? leaf : dir + "/" + leaf;
  std::string file;
  bool package = false;
  if (dir_exists(base) && file_exists(base + "/__init__.py")) {
    file = base + "/__init__.py";
    package = true;
  } else if (file_exists(base + ".py")) {
    file = base + ".py";
  } else {
    return Ref();
  }
  std::string source;
  if (!read_file(file, &source)) return Ref();
  Ref m = new_registered_module(full);
  if (!m) return m;
  DictObject* d = module_dict(m.get());
  dict_set_str(d, names::file, str_new(file).get());
  // As importlib's _init_module_attrs (which sets the same once importlib is up, from the spec).
  std::string pyc = pyc_path_for(file, pycache_prefix(), interp().flags.optimize);
  dict_set_str(d, intern("__cached__"), str_new(pyc).get());
  if (package) {
    Ref path = list_new();
    list_append(as_list(path.get()), str_new(base).get());
    dict_set_str(d, names::path, path.get());
  }
  set_package_attrs(d, full, package);
  if (!attach_spec(m.get(), Found::kFile, full, file, package ? base : "")) {
    unregister(full);
    return Ref();
  }
  return exec_new_module(std::move(m), full, source, file, &pyc);
}

/// A namespace package (PEP 420): directories named `full` along the path without an
/// __init__.py, found when no regular module or package of that name is there.
Ref load_namespace(const std::string& full, const std::vector<std::string>& portions) {
  Ref m = new_registered_module(full);
  if (!m) return m;
  DictObject* d = module_dict(m.get());
  Ref path = list_new();
  for (const std::string& p : portions) list_append(as_list(path.get()), str_new(p).get());
  dict_set_str(d, names::path, path.get());
  dict_set_str(d, names::file, None());
  set_package_attrs(d, full, true);
  if (Value bootstrap = importlib_bootstrap()) {
    // ModuleSpec(name, None, is_package=True) with the portions as search locations: importlib's
    // _init_module_attrs then gives it a NamespaceLoader and __file__ = None, as CPython does.
    Ref make = getattr(bootstrap, intern("ModuleSpec"));
    Ref name = str_new(full);
    Ref is_pkg = bool_ref(true);
    Value args[3] = {name.get(), None(), is_pkg.get()};
    Ref kw = tuple_of({Value(intern("is_package"))});
    Ref spec = make ? call(make.get(), args, 2, as_tuple(kw.get())) : Ref();
    Ref init_attrs = spec ? getattr(bootstrap, intern("_init_module_attrs")) : Ref();
    bool ok = init_attrs && setattr(spec.get(), intern("submodule_search_locations"), path.get());
    Value iargs[2] = {spec.get(), m.get()};
    if (!ok || !call(init_attrs.get(), iargs, 2)) {
      unregister(full);
      return Ref();
    }
  }
  return m;
}

/// Loads one module `full` whose parent package (if any) is already imported.
Ref load_module(const std::string& full, const std::string& leaf, Value parent) {
  // Native modules, like CPython's built-in ones, come before the path.
  if (auto it = native_table().find(full); it != native_table().end()) {
    Ref m = new_registered_module(full);
    if (!m) return m;
    if (!it->second(m.get(), module_dict(m.get())) ||
        !attach_spec(m.get(), Found::kNative, full, "", "")) {
      unregister(full);
      return Ref();
    }
    return m;
  }
  auto frozen = frozen_table().find(full);
  // A submodule of a frozen package is frozen too.
  if (parent && frozen != frozen_table().end()) return load_frozen(full, frozen->second);
  bool embedded_seen = false;
  std::vector<std::string> portions;  // namespace package directories, in path order
  for (const std::string& dir : search_path(parent)) {
    if (!parent && dir == kEmbeddedPathEntry) {
      embedded_seen = true;
      if (frozen != frozen_table().end()) return load_frozen(full, frozen->second);
      continue;
    }
    Ref m = load_from_dir(full, leaf, dir);
    if (m || error_pending()) return m;
    std::string base = dir.empty() ? leaf : dir + "/" + leaf;
    if (dir_exists(base)) portions.push_back(base);
  }
  if (!parent && !embedded_seen && frozen != frozen_table().end())
    return load_frozen(full, frozen->second);
  if (!portions.empty()) return load_namespace(full, portions);
  std::string hint = g_missing_hint ? g_missing_hint(full) : std::string();
  return raise_module_not_found(full, fmt::format("No module named '{}'{}", full, hint));
}

}  // namespace

void register_native_module(const char* name, NativeModuleInit init) {
  native_table()[name] = init;
}

void set_missing_module_hint(MissingModuleHint hint) { g_missing_hint = hint; }

void register_frozen_module(const char* name, std::string_view source, bool is_package) {
  frozen_table()[name] = Frozen{source, is_package};
}

bool is_frozen_package(std::string_view name) {
  auto it = frozen_table().find(std::string(name));
  return it != frozen_table().end() && it->second.is_package;
}

bool is_frozen_module(std::string_view name) {
  return frozen_table().count(std::string(name)) != 0;
}

bool is_native_module(std::string_view name) {
  return native_table().count(std::string(name)) != 0;
}

std::optional<std::string_view> frozen_source(std::string_view name) {
  auto it = frozen_table().find(std::string(name));
  if (it == frozen_table().end()) return std::nullopt;
  return it->second.source;
}

std::vector<std::string> frozen_module_names() {
  std::vector<std::string> out;
  for (const auto& [name, f] : frozen_table()) out.push_back(name);
  return out;
}

bool exec_module_source(Value module, std::string_view source, const std::string& filename) {
  Ref code = compile_source(source, filename, "exec");
  return code && exec_module_code(module, code.get());
}

#ifdef MINIPY_FREE_THREADING
namespace {
/// Free-threaded builds take the import lock (runtime/state/import_lock.h) around an import that
/// has to load a module; imports of finished modules never touch it. Known limit, as in Python 2:
/// a module body that starts a thread which imports, and then waits for that thread, deadlocks.
struct ImportLockGuard {
  ImportLockGuard() { import_lock().acquire(); }
  ~ImportLockGuard() { import_lock().release(); }
};
}  // namespace
#endif

/// A module found in sys.modules, or the error CPython's _find_and_load raises for a None entry
/// there (how import_helper.import_fresh_module blocks a C accelerator such as _bisect).
static Ref found_module(Ref m, const std::string& name) {
  if (!is_none(m.get())) return m;
  return raise_module_not_found(name,
                                fmt::format("import of {} halted; None in sys.modules", name));
}

Ref import_module_absolute(const std::string& name, bool quiet_missing) {
#ifndef MINIPY_FREE_THREADING
  if (Ref m = dict_get_ref(modules(), str_new(name).get()); m)
    return found_module(std::move(m), name);
#else
  if (Ref m = dict_get_ref(modules(), str_new(name).get());
      m && !import_lock().loading_elsewhere(name))
    return found_module(std::move(m), name);
  if (error_pending()) return Ref();
  ImportLockGuard import_guard;  // not `import_lock`: Loading below calls import_lock()
  if (Ref m = dict_get_ref(modules(), str_new(name).get()); m)
    return found_module(std::move(m), name);  // another thread's import finished
  struct Loading {
    const std::string& name;
    explicit Loading(const std::string& n) : name(n) { import_lock().begin_loading(n); }
    ~Loading() { import_lock().end_loading(name); }
  } loading(name);
#endif
  // Import parents first.
  Ref parent;
  std::string leaf = name;
  auto dot = name.rfind('.');
  if (dot != std::string::npos) {
    // A blocked parent (None in sys.modules) is taken as it is, as CPython's
    // _find_and_load_unlocked does: the error below then says it is not a package.
    Ref parent_name = str_new(name.substr(0, dot));
    if (Value entry = dict_get(modules(), parent_name.get()); entry && is_none(entry))
      parent = Ref::new_ref(entry);
    else
      parent = import_module_absolute(name.substr(0, dot), quiet_missing);
    if (!parent) return parent;
    if (Value m = dict_get(modules(), str_new(name).get()); m) return Ref::new_ref(m);
    leaf = name.substr(dot + 1);
    Ref path = getattr_opt(parent.get(), names::path);
    if (!path) {
      if (error_pending()) return Ref();
      return raise_module_not_found(name, fmt::format("No module named '{}'; '{}' is not a package",
                                                      name, name.substr(0, dot)));
    }
  }
  Ref m = load_module(name, leaf, parent.get());
  if (!m) return m;
  if (parent) {
    Ref leaf_name = str_new(leaf);
    setattr(parent.get(), as_str(leaf_name.get()), m.get());
  }
  return m;
}

Ref import_name(StrObject* name, DictObject* globals, Value fromlist, Value level_v) {
  int64_t level = 0;
  if (level_v && is_int(level_v) && !int_to_int64(level_v, &level)) return Ref();
  std::string target(name->view());
  if (level > 0) {
    // Resolve relative to the importing module's package.
    Value pkg = globals ? dict_get_str(globals, names::package) : Value();
    std::string base;
    if (pkg && is_str(pkg)) {
      base = std::string(as_str(pkg)->view());
    } else if (globals) {
      Value n = dict_get_str(globals, names::name);
      if (n && is_str(n)) {
        base = std::string(as_str(n)->view());
        if (!dict_get_str(globals, names::path)) {
          auto dot = base.rfind('.');
          base = dot == std::string::npos ? "" : base.substr(0, dot);
        }
      }
    }
    if (base.empty())
      return raise(&exc_ImportError, "attempted relative import with no known parent package");
    for (int64_t i = 1; i < level; i++) {
      auto dot = base.rfind('.');
      if (dot == std::string::npos)
        return raise(&exc_ImportError, "attempted relative import beyond top-level package");
      base = base.substr(0, dot);
    }
    target = target.empty() ? base : base + "." + target;
  }
  if (target.empty()) return raise(&exc_ValueError, "Empty module name");
  Ref m = import_module_absolute(target);
  if (!m) return m;
  int has_fromlist = fromlist && !is_none(fromlist) ? truthy(fromlist) : 0;
  if (has_fromlist < 0) return Ref();
  if (has_fromlist) {
    // `from pkg import sub`: import submodules named in the fromlist when they are not attributes.
    // The compiler passes a tuple; __import__'s callers may pass any sequence (often a list).
    if (getattr_opt(m.get(), names::path)) {
      Ref items = is_tuple(fromlist) ? Ref::new_ref(fromlist) : list_from_iterable(fromlist);
      if (!items) return items;
      std::vector<Value> names_seen;
      if (is_tuple(items.get())) {
        TupleObject* t = as_tuple(items.get());
        names_seen.assign(t->items(), t->items() + t->size);
      } else {
        names_seen = as_list(items.get())->items;
      }
      for (Value item : names_seen) {
        if (!is_str(item) || as_str(item)->view() == "*") continue;
        Ref has = getattr_opt(m.get(), as_str(item));
        if (has) continue;
        if (error_pending()) return Ref();
        std::string full = target + "." + std::string(as_str(item)->view());
        Ref sub = import_module_absolute(full, true);
        if (sub) continue;
        // A missing submodule is skipped (the caller's getattr reports it), a blocked one
        // (None in sys.modules) is not: CPython's _handle_fromlist re-raises that.
        Value entry = dict_get(modules(), str_new(full).get());
        if ((entry && is_none(entry)) || !clear_if_module_missing(full)) return sub;
      }
    } else {
      clear_exception();
    }
    return m;
  }
  if (level == 0) {
    auto dot = target.find('.');
    if (dot != std::string::npos) return import_module_absolute(target.substr(0, dot));
  }
  return m;
}

Ref raise_import_error(TypeObject* type, const std::string& msg, const std::string& name) {
  Ref e = make_exception(type, msg);
  if (!e) return e;
  exc_set_field(e.get(), "name", str_new(name).get());
  return set_exception(std::move(e));
}

bool clear_if_module_missing(const std::string& full) {
  if (!exception_matches(&exc_ModuleNotFoundError)) return false;
  // The field itself, not an attribute lookup: none may run while an exception is pending.
  Value name = exc_field(pending_exception(), "name");
  if (!name || !is_str(name) || as_str(name)->view() != full) return false;
  clear_exception();
  return true;
}

}  // namespace minipy::vm
