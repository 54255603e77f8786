// `minipy -m name [args]` (runpy._run_module_as_main in CPython): parent packages are imported
// first, then name.py or name/__main__.py is looked up on the parent's __path__ (sys.path for a
// top-level name) and run as __main__ with sys.argv[0] set to its absolute path. Modules that are
// not files (frozen ones such as dis) are imported and their _main() called.
#include "cli/run_module.h"

#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "vm/import.h"
#include "vm/interpreter.h"

namespace minipy::cli {

namespace {

using namespace minipy::rt;

bool is_file(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string absolute(const std::string& p) {
  char buf[PATH_MAX];
  if (::realpath(p.c_str(), buf)) return buf;
  return p;
}

/// The str items of a list attribute (sys.path, pkg.__path__); empty when absent.
std::vector<std::string> str_list(Value owner, const char* attr) {
  std::vector<std::string> out;
  Ref l = getattr_opt(owner, intern(attr));
  if (!l || !is_list(l.get())) {
    clear_exception();
    return out;
  }
  for (Value v : as_list(l.get())->items) {
    std::string s;
    if (str_text(v, &s))
      out.push_back(s);
    else
      clear_exception();
  }
  return out;
}

std::string g_program;  // argv[0] as invoked, for messages (as CPython)

int no_module(const std::string& what) {
  std::fprintf(stderr, "%s: No module named %s\n", g_program.c_str(), what.c_str());
  return 1;
}

/// Sets sys.argv[0] (CPython shows the module's file there while it runs).
void set_argv0(const std::string& value) {
  Value sys = interp().sys.get();
  Ref argv = getattr_opt(sys, intern("argv"));
  if (argv && is_list(argv.get()) && !as_list(argv.get())->items.empty()) {
    ListObject* l = as_list(argv.get());
    Ref s = str_new(value);
    decref(l->items[0]);
    l->items[0] = s.release();
  }
  clear_exception();
}

/// The old route for modules that have no file: import, then call module._main() if present.
int run_frozen(const std::string& name) {
  Ref main = module_new("__main__");
  dict_set(as_dict(interp().modules.get()), str_new("__main__").get(), main.get());
  Ref m = vm::import_module_absolute(name);
  if (!m) {
    if (exception_matches(&exc_ModuleNotFoundError)) {
      clear_exception();
      return no_module(name);
    }
    return vm::handle_uncaught();
  }
  Ref f = getattr_opt(m.get(), intern("_main"));
  if (f) {
    Ref r = call0(f.get());
    if (!r) return vm::handle_uncaught();
  }
  clear_exception();
  return 0;
}

}  // namespace

int run_module_as_main(const std::string& name, const std::string& program) {
  g_program = program;
  if (name.empty() || name.front() == '.' || name.back() == '.') {
    std::fprintf(stderr, "%s: Relative module names not supported\n", g_program.c_str());
    return 1;
  }
  // Native modules come before the path, as in the import system.
  if (vm::is_native_module(name)) return run_frozen(name);
  std::vector<std::string> dirs;
  std::string leaf = name;
  auto dot = name.rfind('.');
  if (dot != std::string::npos) {
    std::string parent = name.substr(0, dot);
    leaf = name.substr(dot + 1);
    Ref pkg = vm::import_module_absolute(parent);
    if (!pkg) {
      if (exception_matches(&exc_ModuleNotFoundError)) {
        clear_exception();
        return no_module(parent);
      }
      return vm::handle_uncaught();
    }
    dirs = str_list(pkg.get(), "__path__");
  } else {
    dirs = str_list(interp().sys.get(), "path");
  }
  for (const std::string& dir : dirs) {
    if (dir == vm::kEmbeddedPathEntry) {
      if (vm::is_frozen_module(name)) return run_frozen(name);
      continue;
    }
    std::string base = dir.empty() ? leaf : dir + "/" + leaf;
    if (is_file(base + ".py")) {
      std::string path = absolute(base + ".py");
      set_argv0(path);
      std::string package = dot == std::string::npos ? "" : name.substr(0, dot);
      return vm::run_main_file(path, &package);
    }
    if (is_file(base + "/__init__.py")) {
      if (!is_file(base + "/__main__.py")) {
        std::fprintf(
            stderr,
            "%s: No module named %s.__main__; '%s' is a package and cannot be directly executed\n",
            g_program.c_str(), name.c_str(), name.c_str());
        return 1;
      }
      Ref pkg = vm::import_module_absolute(name);  // runs __init__.py first, as runpy does
      if (!pkg) return vm::handle_uncaught();
      std::string path = absolute(base + "/__main__.py");
      set_argv0(path);
      return vm::run_main_file(path, &name);  // name.__main__'s package is name
    }
  }
  return run_frozen(name);
}

}  // namespace minipy::cli
