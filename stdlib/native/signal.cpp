// The signal module: signal numbers, SIG_DFL/SIG_IGN, default_int_handler (SIGINT ->
// KeyboardInterrupt), signal()/getsignal() with handlers written in Python, raise_signal, alarm
// and strsignal. A C handler only marks the signal (async-signal-safe); the Python handler runs
// in the main thread at its next check point (rt::handle_eval_breaker calls
// run_python_handlers), as in CPython.
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/oserror.h"
#include "vm/frame_object.h"
#include "vm/interpreter.h"

namespace minipy::lib {

using namespace rt;

namespace {

constexpr int64_t kSigDfl = 0;  // CPython's Handlers.SIG_DFL / SIG_IGN are IntEnums 0 and 1
constexpr int64_t kSigIgn = 1;

// Owned references, deliberately never released: plain Values so no static destructor runs
// after the interpreter is gone.
Value g_handlers[NSIG];       // what getsignal() reports per signal (null = ask sigaction)
Value g_default_int_handler;  // the default_int_handler function object

/// The C handler behind default_int_handler: only records the signal (async-signal-safe).
void trip_signal(int signum) {
  int saved = errno;
  signal_pending(signum);
  errno = saved;
}

/// A signal number (converted by the "int" converter) checked against NSIG.
bool signum_arg(int n, int* out) {
  if (n < 1 || n >= NSIG) {
    raise(&exc_ValueError, "signal number out of range");
    return false;
  }
  *out = static_cast<int>(n);
  return true;
}

/// What the process does for `sig` now, as a Python handler value.
Ref current_handler(int sig) {
  if (g_handlers[sig]) return Ref::new_ref(g_handlers[sig]);
  struct sigaction sa {};
  if (sigaction(sig, nullptr, &sa) != 0) return none_ref();
  if (sa.sa_handler == SIG_DFL) return Ref::small(kSigDfl);
  if (sa.sa_handler == SIG_IGN) return Ref::small(kSigIgn);
  if (sig == SIGINT)
    return Ref::new_ref(g_default_int_handler);  // installed by the runtime at start-up
  return none_ref();
}

Ref signal_signal(Value, NativeArgs& args) {
  int sig;
  if (!signum_arg(args.i32(0), &sig)) return Ref();
  if (!tstate()->is_main)
    return raise(&exc_ValueError, "signal only works in main thread of the main interpreter");
  Value h = args[1];
  struct sigaction sa {};
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: blocking calls see EINTR and check the eval breaker
  if (h == g_default_int_handler) {
    sa.sa_handler = trip_signal;
  } else if (is_int(h) && !callable(h)) {
    int64_t n;
    if (!int_to_int64(h, &n)) return Ref();
    if (n != kSigDfl && n != kSigIgn) {
      return raise(&exc_TypeError,
                   "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
    }
    sa.sa_handler = n == kSigDfl ? SIG_DFL : SIG_IGN;
  } else if (callable(h)) {
    sa.sa_handler = trip_signal;  // the handler runs at the main thread's next check point
  } else {
    return raise(&exc_TypeError,
                 "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
  }
  Ref old = current_handler(sig);
  if (sigaction(sig, &sa, nullptr) != 0) return raise_os_error(errno, Value());
  incref(h);
  decref(g_handlers[sig]);
  g_handlers[sig] = h;
  return old;
}

Ref signal_getsignal(Value, NativeArgs& args) {
  int sig;
  if (!signum_arg(args.i32(0), &sig)) return Ref();
  return current_handler(sig);
}

Ref signal_default_int_handler(Value, NativeArgs&) {
  return set_exception(make_exception(&exc_KeyboardInterrupt, nullptr, 0));
}

Ref signal_raise_signal(Value, NativeArgs& args) {
  int sig;
  if (!signum_arg(args.i32(0), &sig)) return Ref();
  if (::raise(sig) != 0) return raise_os_error(errno, Value());
  if (!handle_eval_breaker()) return Ref();
  return none_ref();
}

Ref signal_alarm(Value, NativeArgs& args) {
  return int_from_int64(::alarm(static_cast<unsigned>(args.i32(0))));
}

Ref signal_strsignal(Value, NativeArgs& args) {
  int sig;
  if (!signum_arg(args.i32(0), &sig)) return Ref();
  const char* s = ::strsignal(sig);
  if (s == nullptr || std::strncmp(s, "Unknown signal", 14) == 0) return none_ref();
  return str_new(s);
}

/// Runs the Python handler of each signal that arrived (the eval breaker calls this in the
/// main thread): handler(signum, frame), as CPython's _PyErr_CheckSignalsTstate. The first
/// handler that raises stops the round; the other arrivals stay marked for the next check.
bool run_python_handlers() {
  for (int sig = 1; sig < NSIG; sig++) {
    if (!signal_take_tripped(sig)) continue;
    Ref handler = current_handler(sig);
    if (!handler || !callable(handler.get())) continue;  // SIG_DFL/SIG_IGN set meanwhile
    Ref frame = vm::current_frame() != nullptr ? vm::frame_object(vm::current_frame()) : none_ref();
    Value args[2] = {Value::from_small(sig), frame.get()};
    if (!call(handler.get(), args, 2)) {
      g_eval_breaker.fetch_or(kBreakSignalsPending, std::memory_order_relaxed);  // the rest later
      return false;
    }
  }
  return true;
}

const NativeDef kDefaultIntHandler = {"default_int_handler($module, signalnum, frame, /)",
                                      signal_default_int_handler};
const NativeDef kSignalFunctions[] = {
    {"signal($module, signalnum: int, handler, /)", signal_signal},
    {"getsignal($module, signalnum: int, /)", signal_getsignal},
    {"raise_signal($module, signalnum: int, /)", signal_raise_signal},
    {"alarm($module, seconds: int, /)", signal_alarm},
    {"strsignal($module, signalnum: int, /)", signal_strsignal},
};

}  // namespace

bool init_signal(Value module, DictObject* ns) {
  static const struct {
    const char* name;
    int value;
  } kSignals[] = {
      {"SIGHUP", SIGHUP},   {"SIGINT", SIGINT},       {"SIGQUIT", SIGQUIT}, {"SIGILL", SIGILL},
      {"SIGTRAP", SIGTRAP}, {"SIGABRT", SIGABRT},     {"SIGIOT", SIGIOT},   {"SIGBUS", SIGBUS},
      {"SIGFPE", SIGFPE},   {"SIGKILL", SIGKILL},     {"SIGUSR1", SIGUSR1}, {"SIGSEGV", SIGSEGV},
      {"SIGUSR2", SIGUSR2}, {"SIGPIPE", SIGPIPE},     {"SIGALRM", SIGALRM}, {"SIGTERM", SIGTERM},
      {"SIGCHLD", SIGCHLD}, {"SIGCONT", SIGCONT},     {"SIGSTOP", SIGSTOP}, {"SIGTSTP", SIGTSTP},
      {"SIGTTIN", SIGTTIN}, {"SIGTTOU", SIGTTOU},     {"SIGURG", SIGURG},   {"SIGXCPU", SIGXCPU},
      {"SIGXFSZ", SIGXFSZ}, {"SIGVTALRM", SIGVTALRM}, {"SIGPROF", SIGPROF}, {"SIGWINCH", SIGWINCH},
      {"SIGIO", SIGIO},     {"SIGSYS", SIGSYS},
  };
  for (const auto& s : kSignals) dict_set_cstr(ns, s.name, Value::from_small(s.value));
  dict_set_cstr(ns, "NSIG", Value::from_small(NSIG));
  dict_set_cstr(ns, "SIG_DFL", Value::from_small(kSigDfl));
  dict_set_cstr(ns, "SIG_IGN", Value::from_small(kSigIgn));
  dict_set_cstr(ns, "SIG_BLOCK", Value::from_small(SIG_BLOCK));
  dict_set_cstr(ns, "SIG_UNBLOCK", Value::from_small(SIG_UNBLOCK));
  dict_set_cstr(ns, "SIG_SETMASK", Value::from_small(SIG_SETMASK));
  if (!g_default_int_handler) {
    g_default_int_handler = native_function_from_def(kDefaultIntHandler, module).release();
    dict_set_cstr(ns, "default_int_handler", g_default_int_handler);
  } else {
    dict_set_cstr(ns, "default_int_handler", g_default_int_handler);  // keep identity on re-import
  }
  add_functions(ns, module, kSignalFunctions);
  g_run_signal_handlers = run_python_handlers;
  return true;
}

}  // namespace minipy::lib
