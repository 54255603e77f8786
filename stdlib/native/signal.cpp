// _signal, the native module under CPython's signal.py (which wraps numbers into the Signals,
// Handlers and Sigmasks enums): signal numbers, SIG_DFL/SIG_IGN, default_int_handler (SIGINT ->
// KeyboardInterrupt), signal()/getsignal() with handlers written in Python, raise_signal, alarm,
// strsignal, valid_signals, set_wakeup_fd (asyncio's add_signal_handler), siginterrupt, the
// signal masks (pthread_sigmask, pthread_kill, sigpending, sigwait), pause and interval timers.
// A C handler only marks the signal (async-signal-safe) and writes the wakeup byte; the Python
// handler runs in the main thread at its next check point (rt::handle_eval_breaker calls
// run_python_handlers), as in CPython. Calls that wait (pause, sigwait) release the GIL.
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstring>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/native_args.h"
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
Value g_itimer_error;         // signal.itimer_error (ItimerError), an OSError subclass

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
  if (!tstate()->is_main)
    return raise(&exc_ValueError, "signal only works in main thread of the main interpreter");
  if (!signum_arg(args.i32(0), &sig)) return Ref();
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

/// valid_signals(): every signal number this platform has (sigfillset), as a set.
Ref sigset_to_set(const sigset_t& mask) {
  Ref out = set_new();
  if (!out) return out;
  for (int sig = 1; sig < NSIG; sig++) {
    if (sigismember(&mask, sig) == 1 &&
        !set_add(static_cast<SetObject*>(out.get().obj()), Value::from_small(sig)))
      return Ref();
  }
  return out;
}

Ref signal_valid_signals(Value, NativeArgs&) {
  sigset_t mask;
  if (sigemptyset(&mask) != 0 || sigfillset(&mask) != 0) return raise_os_error(errno, Value());
  return sigset_to_set(mask);
}

/// CPython's sigset converter: any iterable of signal numbers.
bool sigset_arg(Value iterable, sigset_t* mask) {
  sigemptyset(mask);
  Ref it = get_iter(iterable);
  if (!it) return false;
  for (;;) {
    Ref item = iter_next(it.get());
    if (!item) return !error_pending();
    int64_t n;
    if (!int_arg(item.get(), &n)) return false;
    if (n <= 0 || n >= NSIG) {
      raise_fmt(&exc_ValueError, "signal number {} out of range [1; {}]", n, NSIG - 1);
      return false;
    }
    // Signals the C library reserves for itself (glibc's 32 and 33) are silently skipped.
    if (sigaddset(mask, static_cast<int>(n)) != 0 && errno != EINVAL) {
      raise_os_error(errno, Value());
      return false;
    }
  }
}

/// set_wakeup_fd(fd, /, *, warn_on_full_buffer=True): the descriptor signal_pending writes each
/// signal's number to; returns the previous one. It must be non-blocking: a full pipe would
/// otherwise hang the signal handler.
Ref signal_set_wakeup_fd(Value, NativeArgs& a) {
  int64_t fd;
  if (!int_arg(a[0], &fd)) return Ref();
  if (fd < INT_MIN || fd > INT_MAX)
    return raise(&exc_OverflowError, "Python int too large to convert to C int");
  if (!tstate()->is_main)
    return raise(&exc_ValueError,
                 "set_wakeup_fd only works in main thread of the main interpreter");
  if (fd != -1) {
    struct stat st;
    if (fstat(static_cast<int>(fd), &st) != 0) return raise_os_error(errno, Value());
    int flags = fcntl(static_cast<int>(fd), F_GETFL, 0);
    if (flags < 0) return raise_os_error(errno, Value());
    if (!(flags & O_NONBLOCK))
      return raise_fmt(&exc_ValueError, "the fd {} must be in non-blocking mode", fd);
  }
  int old = g_signal_wakeup_fd.exchange(static_cast<int>(fd));
  g_signal_wakeup_warn.store(a.flag(1));
  return Ref::small(old);
}

Ref signal_siginterrupt(Value, NativeArgs& a) {
  int sig;
  if (!signum_arg(a.i32(0), &sig)) return Ref();
  struct sigaction sa {};
  if (sigaction(sig, nullptr, &sa) != 0) return raise_os_error(errno, Value());
  if (a.i32(1)) {
    sa.sa_flags &= ~SA_RESTART;
  } else {
    sa.sa_flags |= SA_RESTART;
  }
  if (sigaction(sig, &sa, nullptr) != 0) return raise_os_error(errno, Value());
  return none_ref();
}

Ref signal_pthread_sigmask(Value, NativeArgs& a) {
  sigset_t mask, previous;
  if (!sigset_arg(a[1], &mask)) return Ref();
  int err = pthread_sigmask(a.i32(0), &mask, &previous);
  if (err != 0) return raise_os_error(err, Value());
  // A signal unblocked now may be pending: run its handler before returning, as CPython.
  if (!handle_eval_breaker()) return Ref();
  return sigset_to_set(previous);
}

/// pthread_kill(thread_id, signalnum): thread_id as threading.get_ident() gives it (a pthread_t),
/// converted modulo 2**64 as CPython's unsigned long converter.
Ref signal_pthread_kill(Value, NativeArgs& a) {
  if (!is_int(a[0])) {
    return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                     type_name(a[0]));
  }
  BigInt b = int_to_bigint(a[0]);
  const auto& mag = b.magnitude();
  uint64_t id = 0;
  if (!mag.empty()) id = mag[0];
  if (mag.size() > 1) id |= static_cast<uint64_t>(mag[1]) << 32;
  if (b.is_negative()) id = ~id + 1;
  int sig = a.i32(1);
  int err = pthread_kill(static_cast<pthread_t>(id), sig);
  if (err != 0) return raise_os_error(err, Value());
  if (!handle_eval_breaker()) return Ref();
  return none_ref();
}

Ref signal_sigpending(Value, NativeArgs&) {
  sigset_t mask;
  if (sigpending(&mask) != 0) return raise_os_error(errno, Value());
  return sigset_to_set(mask);
}

Ref signal_sigwait(Value, NativeArgs& a) {
  sigset_t mask;
  if (!sigset_arg(a[0], &mask)) return Ref();
  int sig = 0, err;
  {
    ReleaseGil unlocked("sigwait");
    err = sigwait(&mask, &sig);
  }
  if (err != 0) return raise_os_error(err, Value());
  return Ref::small(sig);
}

Ref signal_pause(Value, NativeArgs&) {
  {
    ReleaseGil unlocked("pause");
    ::pause();
  }
  if (!handle_eval_breaker()) return Ref();
  return none_ref();
}

// ------------------------------------------------------------------ interval timers

double timeval_seconds(const timeval& tv) {
  return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

/// Seconds into a timeval, rounding up a positive value that would truncate to zero (CPython
/// rounds to the microsecond with ROUND_CEILING).
bool seconds_to_timeval(double s, timeval* tv) {
  if (std::isnan(s)) {
    raise(&exc_ValueError, "Invalid value NaN (not a number)");
    return false;
  }
  double whole = std::floor(s);
  double usec = std::ceil((s - whole) * 1e6);
  if (usec >= 1e6) {
    whole += 1;
    usec -= 1e6;
  }
  if (whole > 9.2e18 || whole < -9.2e18) {
    raise(&exc_OverflowError, "timestamp out of range for platform time_t");
    return false;
  }
  tv->tv_sec = static_cast<time_t>(whole);
  tv->tv_usec = static_cast<suseconds_t>(usec);
  return true;
}

Ref itimer_tuple(const itimerval& v) {
  Ref delay = float_new(timeval_seconds(v.it_value));
  Ref interval = float_new(timeval_seconds(v.it_interval));
  if (!delay || !interval) return Ref();
  Value items[2] = {delay.get(), interval.get()};
  return tuple_from(items, 2);
}

Ref raise_itimer_error(int err) {
  Ref msg = str_new(std::strerror(err));
  if (!msg) return Ref();
  Value args[2] = {Value::from_small(err), msg.get()};
  Ref exc = call(g_itimer_error, args, 2);
  if (!exc) return Ref();
  return set_exception(std::move(exc));
}

Ref signal_setitimer(Value, NativeArgs& a) {
  itimerval nv{}, old{};
  if (!seconds_to_timeval(a.f64(1), &nv.it_value) || !seconds_to_timeval(a.f64(2), &nv.it_interval))
    return Ref();
  if (setitimer(a.i32(0), &nv, &old) != 0) return raise_itimer_error(errno);
  return itimer_tuple(old);
}

Ref signal_getitimer(Value, NativeArgs& a) {
  itimerval old{};
  if (getitimer(a.i32(0), &old) != 0) return raise_itimer_error(errno);
  return itimer_tuple(old);
}

/// A failed wakeup-fd write, reported once as CPython's report_wakeup_write_error does.
void report_wakeup_error() {
  int err = g_signal_wakeup_error.exchange(0, std::memory_order_relaxed);
  if (err == 0) return;
  raise_os_error(err, Value());
  write_unraisable(Value(), "when trying to write to the signal wakeup fd");
}

/// Runs the Python handler of each signal that arrived (the eval breaker calls this in the
/// main thread): handler(signum, frame), as CPython's _PyErr_CheckSignalsTstate. The first
/// handler that raises stops the round; the other arrivals stay marked for the next check.
bool run_python_handlers() {
  report_wakeup_error();
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
    {"valid_signals($module, /)", signal_valid_signals},
    {"set_wakeup_fd($module, fd, /, *, warn_on_full_buffer: bool=True)", signal_set_wakeup_fd},
    {"siginterrupt($module, signalnum: int, flag: int, /)", signal_siginterrupt},
    {"pthread_sigmask($module, how: int, mask, /)", signal_pthread_sigmask},
    {"pthread_kill($module, thread_id, signalnum: int, /)", signal_pthread_kill},
    {"sigpending($module, /)", signal_sigpending},
    {"sigwait($module, sigset, /)", signal_sigwait, kNativeReleasesGil},
    {"pause($module, /)", signal_pause, kNativeReleasesGil},
    {"setitimer($module, which: int, seconds: double, interval: double=0.0, /)", signal_setitimer},
    {"getitimer($module, which: int, /)", signal_getitimer},
};

}  // namespace

bool init__signal(Value module, DictObject* ns) {
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
      {"SIGIO", SIGIO},     {"SIGSYS", SIGSYS},       {"SIGPWR", SIGPWR},   {"SIGPOLL", SIGPOLL},
      {"SIGCLD", SIGCLD},   {"SIGSTKFLT", SIGSTKFLT},
  };
  for (const auto& s : kSignals) dict_set_cstr(ns, s.name, Value::from_small(s.value));
  dict_set_cstr(ns, "NSIG", Value::from_small(NSIG));
  dict_set_cstr(ns, "SIG_DFL", Value::from_small(kSigDfl));
  dict_set_cstr(ns, "SIG_IGN", Value::from_small(kSigIgn));
  dict_set_cstr(ns, "SIG_BLOCK", Value::from_small(SIG_BLOCK));
  dict_set_cstr(ns, "SIG_UNBLOCK", Value::from_small(SIG_UNBLOCK));
  dict_set_cstr(ns, "SIG_SETMASK", Value::from_small(SIG_SETMASK));
  dict_set_cstr(ns, "SIGRTMIN", Value::from_small(SIGRTMIN));
  dict_set_cstr(ns, "SIGRTMAX", Value::from_small(SIGRTMAX));
  dict_set_cstr(ns, "ITIMER_REAL", Value::from_small(ITIMER_REAL));
  dict_set_cstr(ns, "ITIMER_VIRTUAL", Value::from_small(ITIMER_VIRTUAL));
  dict_set_cstr(ns, "ITIMER_PROF", Value::from_small(ITIMER_PROF));
  if (!g_itimer_error) {
    Ref err = new_exception_class("signal", "itimer_error", &exc_OSError);
    if (!err) return false;
    g_itimer_error = err.release();
  }
  dict_set_cstr(ns, "ItimerError", g_itimer_error);
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
