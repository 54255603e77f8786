// _testinternalcapi: the part of CPython's test-support module that CPython's test package reads
// to learn how the interpreter was configured. test.support.has_no_debug_ranges() (and so every
// test module using @requires_debug_ranges(), such as test_traceback) raises SkipTest at import
// when the module is missing; test_sys and test_exceptions compare get_recursion_depth() with
// sys.setrecursionlimit's own check. The values are minipy's real configuration under
// PyConfig's names; keys minipy has no notion of (home, malloc_stats, ...) are absent rather
// than invented.
#include <string>

#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/thread_state.h"

namespace minipy::lib {

using namespace rt;

namespace {

Ref str_list(const std::vector<std::string>& items) {
  Ref list = list_new();
  for (const std::string& s : items) list_append(as_list(list.get()), str_new(s).get());
  return list;
}

bool set_int(DictObject* d, const char* key, int64_t v) {
  return dict_set_cstr(d, key, Ref::small(v).get());
}

/// get_config(): a dict of PyConfig's fields that minipy has (CPython's _PyConfig_AsDict).
Ref get_config(Value, NativeArgs&) {
  const InterpreterState& in = interp();
  const InterpreterState::Flags& f = in.flags;
  Ref d = dict_new();
  DictObject* c = as_dict(d.get());
  std::vector<std::string> xoptions;
  for (const auto& [k, v] : in.xoptions) xoptions.push_back(v.empty() ? k : k + "=" + v);
  // minipy's -c/-m keep argv[0] as CPython's do ("-c", the module's path); sys.argv is argv.
  bool ok = dict_set_cstr(c, "argv", str_list(in.argv).get()) &&
            dict_set_cstr(c, "orig_argv", str_list(in.orig_argv).get()) &&
            dict_set_cstr(c, "executable", str_new(in.executable).get()) &&
            dict_set_cstr(c, "base_executable", str_new(in.executable).get()) &&
            dict_set_cstr(c, "xoptions", str_list(xoptions).get()) &&
            dict_set_cstr(c, "warnoptions", str_list(in.warnoptions).get()) &&
            set_int(c, "code_debug_ranges", in.code_debug_ranges ? 1 : 0) &&
            set_int(c, "isolated", f.isolated) &&
            set_int(c, "use_environment", f.ignore_environment ? 0 : 1) &&
            set_int(c, "site_import", f.no_site ? 0 : 1) &&
            set_int(c, "user_site_directory", f.no_user_site ? 0 : 1) &&
            set_int(c, "write_bytecode", f.dont_write_bytecode ? 0 : 1) &&
            set_int(c, "optimization_level", f.optimize) && set_int(c, "verbose", f.verbose) &&
            set_int(c, "quiet", f.quiet) && set_int(c, "inspect", f.inspect) &&
            set_int(c, "interactive", f.inspect) && set_int(c, "bytes_warning", f.bytes_warning) &&
            set_int(c, "safe_path", f.safe_path ? 1 : 0) && set_int(c, "dev_mode", f.dev_mode ? 1 : 0) &&
            set_int(c, "parser_debug", 0) && set_int(c, "warn_default_encoding", 0);
  if (!ok) return Ref();
  return d;
}

/// get_recursion_depth(): the calling thread's depth in the count sys.setrecursionlimit checks
/// against, less this call itself (native calls are counted, as in CPython).
Ref get_recursion_depth(Value, NativeArgs&) { return Ref::small(tstate()->recursion_depth - 1); }

const NativeDef kFunctions[] = {
    {"get_config($module, /)", get_config, kNativeNoTextSig},
    {"get_recursion_depth($module, /)", get_recursion_depth, kNativeNoTextSig},
};

}  // namespace

bool init__testinternalcapi(Value module, DictObject* ns) {
  add_functions(ns, module, kFunctions);
  return true;
}

}  // namespace minipy::lib
