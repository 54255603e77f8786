// InterpreterState: the one interpreter of the process: module table, builtins, the list of
// thread states, configuration (recursion limit, switch interval, -X options).
#pragma once

#include <atomic>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/object.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

struct DictObject;

struct InterpreterState {
  Ref modules;   // sys.modules (a dict)
  Ref builtins;  // the builtins module's dict
  Ref sys;       // the sys module
  int recursion_limit = 1000;
  std::atomic<bool> finalizing{false};  // sys.is_finalizing(): set after atexit callbacks ran
  std::vector<std::string> argv;
  std::vector<std::string> orig_argv;  // the command line as given (sys.orig_argv)
  std::vector<std::string> path;  // initial sys.path
  std::map<std::string, std::string> xoptions;  // -X name[=value]
  /// sys.warnoptions, lowest precedence first as CPython's config_init_warnoptions builds it:
  /// dev mode's "default", PYTHONWARNINGS's entries, -W options, -b's BytesWarning filter.
  std::vector<std::string> warnoptions;
  std::string executable;         // absolute path of the minipy binary
  /// Column ranges in co_positions() and the ^~~ markers of tracebacks; off with
  /// -X no_debug_ranges or PYTHONNODEBUGRANGES (CPython's config.code_debug_ranges).
  bool code_debug_ranges = true;

  /// The command-line switches sys.flags reports, under CPython's names.
  struct Flags {
    int inspect = 0;             // -i
    int ignore_environment = 0;  // -E, -I: PYTHON* variables ignored
    int isolated = 0;            // -I
    int quiet = 0;               // -q
    int dont_write_bytecode = 0; // -B
    int no_user_site = 0;        // -s, -I
    int no_site = 0;             // -S
    int optimize = 0;            // -O (counted)
    int verbose = 0;             // -v (counted)
    int bytes_warning = 0;       // -b (counted)
    bool safe_path = false;      // -P, -I
    bool dev_mode = false;       // -X dev, PYTHONDEVMODE (asyncio debug, warnings shown, faulthandler)
    int int_max_str_digits = -1; // -X int_max_str_digits / PYTHONINTMAXSTRDIGITS, else -1
  } flags;

  std::mutex threads_mutex;  // guards `threads`: threads start/end without the GIL (or any)
  std::vector<ThreadState*> threads;
  ThreadState* main_thread = nullptr;

  /// Called by the VM when it needs to run Python code from the runtime (set at start-up).
  DictObject* builtins_dict() const;
};

/// The process's interpreter.
InterpreterState& interp();

/// Creates the interpreter: builtin types, names, exceptions, the main thread state (which holds
/// the GIL on return). Idempotent.
void runtime_init();

ThreadState* thread_state_new(InterpreterState* in);
/// In a forked child: re-create runtime locks and the GIL, keep only the calling thread.
void after_fork_child();
/// SIGINT -> KeyboardInterrupt in the main thread; SIGPIPE ignored (EPIPE is reported instead).
void install_signal_handlers();
void thread_state_delete(ThreadState* ts);

}  // namespace minipy::rt
