// Where CPython's pure-Python library comes from (issue 8): the directory configured at build
// time (MINIPY_CPYTHON_LIB, what python3.11 reported as its stdlib), overridable at run time by the
// MINIPY_STDLIB environment variable. It is the last entry of sys.path, after the embedded
// modules, so minipy's own versions (gil, _thread, threading, multiprocessing, ...) win. When the
// directory is missing, minipy still runs on its embedded modules, and an import of a CPython
// module names the Debian package that provides it.
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/registry.h"
#include "vm/import.h"

namespace minipy::lib {

namespace {

// sys.stdlib_module_names of the python3.11 found at configure time (sorted).
constexpr std::string_view kStdlibModuleNames[] = {
#include "stdlib/stdlib_module_names.inc"
    "",  // keeps the array non-empty when no python3.11 was found
};

bool dir_exists(const std::string& p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

/// Appended to "No module named 'x'" when x is CPython's and its library is not installed.
std::string missing_module_hint(const std::string& name) {
  std::string top = name.substr(0, name.find('.'));
  if (!is_cpython_stdlib_module(top)) return "";
  std::string dir = cpython_lib_dir();
  if (dir_exists(dir)) return "";
  return " (CPython's standard library is not installed in " + dir +
         ": install Debian's libpython3.11-stdlib, or set MINIPY_STDLIB to its directory)";
}

}  // namespace

std::string cpython_lib_dir() {
  const char* env = std::getenv("MINIPY_STDLIB");
  if (env != nullptr && *env != '\0') return env;
  return MINIPY_CPYTHON_LIB;
}

std::vector<std::string> library_path() {
  return {std::string(vm::kEmbeddedPathEntry), cpython_lib_dir()};
}

bool is_cpython_stdlib_module(std::string_view name) {
  if (name.empty()) return false;
  auto end = std::end(kStdlibModuleNames) - 1;  // the "" sentinel
  return std::binary_search(std::begin(kStdlibModuleNames), end, name);
}

std::vector<std::string_view> cpython_stdlib_module_names() {
  return {std::begin(kStdlibModuleNames), std::end(kStdlibModuleNames) - 1};
}

void install_missing_module_hint() { vm::set_missing_module_hint(missing_module_hint); }

}  // namespace minipy::lib
