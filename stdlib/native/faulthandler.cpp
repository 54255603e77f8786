// faulthandler: dump the Python traceback of every thread, on demand (dump_traceback), after a
// timeout (dump_traceback_later: a watchdog thread, optionally exiting the process), and on a
// fatal signal (enable: SIGSEGV, SIGFPE, SIGABRT, SIGBUS, SIGILL). CPython's test.support reads
// it to report hung tests. As CPython's, the dump reads other threads' frames without taking
// anything (the GIL holder may be changing them): it is best effort, written with write(2) only,
// so that it works from a signal handler and while the interpreter is stuck.
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/stop_the_world.h"
#include "runtime/state/thread_state.h"
#include "vm/code.h"
#include "vm/frame.h"

namespace minipy::lib {

using namespace rt;

namespace {

constexpr int kMaxFrameDepth = 100;  // CPython's MAX_FRAME_DEPTH

void write_text(int fd, const char* s, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, s, n);
    if (w <= 0) return;
    s += w;
    n -= static_cast<size_t>(w);
  }
}
void write_text(int fd, const char* s) { write_text(fd, s, std::strlen(s)); }

/// `  File "name.py", line 3 in f` for each frame of `ts`, innermost first.
void dump_frames(int fd, const ThreadState* ts) {
  const auto* f = static_cast<const vm::Frame*>(ts->frame);
  if (f == nullptr) {
    write_text(fd, "  <no Python frame>\n");
    return;
  }
  char buf[64];
  for (int depth = 0; f != nullptr; f = f->back, depth++) {
    if (depth >= kMaxFrameDepth) {
      write_text(fd, "  ...\n");
      return;
    }
    const vm::CodeUnit& u = *f->code->unit;
    int insn = f->ip > 0 ? f->ip - 1 : 0;
    int line = u.line_of(insn);
    write_text(fd, "  File \"");
    write_text(fd, u.filename.data(), u.filename.size());
    std::snprintf(buf, sizeof buf, "\", line %d in ", line);
    write_text(fd, buf);
    write_text(fd, u.name.data(), u.name.size());
    write_text(fd, "\n");
  }
}

/// The dump itself. `current` is the calling thread's state (null from a thread that has none,
/// such as the watchdog). Takes no lock when `from_signal` (the handler may have interrupted a
/// thread that holds threads_mutex).
void dump_traceback(int fd, bool all_threads, const ThreadState* current, bool from_signal) {
  if (!all_threads) {
    write_text(fd, "Stack (most recent call first):\n");
    if (current != nullptr) dump_frames(fd, current);
    return;
  }
  InterpreterState& in = interp();
  std::unique_lock<std::mutex> lock(in.threads_mutex, std::defer_lock);
  if (!from_signal) lock.lock();
  char buf[96];
  bool first = true;
  for (auto it = in.threads.rbegin(); it != in.threads.rend(); ++it) {  // newest first
    const ThreadState* ts = *it;
    if (!first) write_text(fd, "\n");
    first = false;
    std::snprintf(buf, sizeof buf, "%s 0x%016llx (most recent call first):\n",
                  ts == current ? "Current thread" : "Thread",
                  static_cast<unsigned long long>(ts->ident));
    write_text(fd, buf);
    dump_frames(fd, ts);
  }
}

/// A file argument as a descriptor: an int, or an object with fileno() (flushed first, as
/// CPython does); None or absent means sys.stderr. `keep` holds the file object alive.
bool file_arg(Value file, int* fd, Ref* keep) {
  Ref f;
  if (!file || is_none(file)) {
    f = getattr(interp().sys.get(), intern("stderr"));
    if (!f) return false;
    if (is_none(f.get())) {
      raise(&exc_RuntimeError, "sys.stderr is None");
      return false;
    }
  } else {
    f = Ref::new_ref(file);
  }
  if (is_int(f.get())) {
    int64_t n = 0;
    if (!int_to_int64(f.get(), &n)) return false;
    if (n < 0 || n > INT32_MAX) {
      raise(&exc_ValueError, "file is not a valid file descripter");  // sic: CPython's text
      return false;
    }
    *fd = static_cast<int>(n);
    *keep = std::move(f);
    return true;
  }
  Ref r = call_method(f.get(), intern("fileno"), nullptr, 0);
  if (!r) return false;
  int64_t n = -1;
  if (!is_int(r.get()) || !int_to_int64(r.get(), &n) || n < 0 || n > INT32_MAX) {
    if (!error_pending()) raise(&exc_RuntimeError, "file.fileno() is not a valid file descriptor");
    return false;
  }
  Ref flushed = call_method(f.get(), intern("flush"), nullptr, 0);
  if (!flushed) clear_exception();  // CPython ignores a failed flush
  *fd = static_cast<int>(n);
  *keep = std::move(f);
  return true;
}

// ---------------------------------------------------------------- fatal signals

constexpr int kFatalSignals[] = {SIGSEGV, SIGFPE, SIGABRT, SIGBUS, SIGILL};
const char* fatal_name(int sig) {
  switch (sig) {
    case SIGSEGV:
      return "Segmentation fault";
    case SIGFPE:
      return "Floating point exception";
    case SIGABRT:
      return "Aborted";
    case SIGBUS:
      return "Bus error";
    default:
      return "Illegal instruction";
  }
}

struct FatalState {
  bool enabled = false;
  int fd = 2;
  bool all_threads = true;
  Ref file;  // keeps the file object (and so its descriptor) alive
  struct sigaction previous[std::size(kFatalSignals)];
};
FatalState g_fatal;

void fatal_handler(int sig) {
  int saved = errno;
  write_text(g_fatal.fd, "Fatal Python error: ");
  write_text(g_fatal.fd, fatal_name(sig));
  write_text(g_fatal.fd, "\n\n");
  dump_traceback(g_fatal.fd, g_fatal.all_threads, ThreadState::current(), /*from_signal=*/true);
  // Put the previous handler back and let the signal do what it would have done.
  for (size_t i = 0; i < std::size(kFatalSignals); i++) {
    if (kFatalSignals[i] == sig) sigaction(sig, &g_fatal.previous[i], nullptr);
  }
  errno = saved;
  ::raise(sig);
}

void fatal_disable() {
  if (!g_fatal.enabled) return;
  for (size_t i = 0; i < std::size(kFatalSignals); i++)
    sigaction(kFatalSignals[i], &g_fatal.previous[i], nullptr);
  g_fatal.enabled = false;
  g_fatal.file.reset();
}

Ref fh_enable(Value, NativeArgs& a) {
  int fd;
  Ref keep;
  if (!file_arg(a[0], &fd, &keep)) return Ref();
  int all = truthy(a[1]);
  if (all < 0) return Ref();
  fatal_disable();
  g_fatal.fd = fd;
  g_fatal.file = std::move(keep);
  g_fatal.all_threads = all != 0;
  for (size_t i = 0; i < std::size(kFatalSignals); i++) {
    struct sigaction sa {};
    sa.sa_handler = fatal_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NODEFER;
    sigaction(kFatalSignals[i], &sa, &g_fatal.previous[i]);
  }
  g_fatal.enabled = true;
  return none_ref();
}

Ref fh_disable(Value, NativeArgs&) {
  bool was = g_fatal.enabled;
  fatal_disable();
  return bool_ref(was);
}

Ref fh_is_enabled(Value, NativeArgs&) { return bool_ref(g_fatal.enabled); }

Ref fh_dump_traceback(Value, NativeArgs& a) {
  int fd;
  Ref keep;
  if (!file_arg(a[0], &fd, &keep)) return Ref();
  int all = truthy(a[1]);
  if (all < 0) return Ref();
  if (all) {
    // Other threads' frame chains are read while they stand still: with the GIL off
    // (free-threaded build) a running thread pushes and pops frames under us otherwise. As
    // CPython 3.13t's faulthandler does; a no-op while a GIL is held.
    StopTheWorld stopped;
    dump_traceback(fd, true, tstate(), false);
  } else {
    dump_traceback(fd, false, tstate(), false);
  }
  return none_ref();
}

// ---------------------------------------------------------------- the watchdog

struct Watchdog {
  std::mutex mu;
  std::condition_variable cv;
  std::thread thread;
  bool cancel = false;
  Ref file;
};
Watchdog* g_watchdog = nullptr;  // never freed: its thread may outlive the interpreter's exit

void watchdog_cancel() {
  if (g_watchdog == nullptr || !g_watchdog->thread.joinable()) return;
  {
    std::lock_guard<std::mutex> g(g_watchdog->mu);
    g_watchdog->cancel = true;
  }
  g_watchdog->cv.notify_all();
  {
    ReleaseGil released("faulthandler");
    g_watchdog->thread.join();
  }
  g_watchdog->file.reset();
}

Ref fh_dump_traceback_later(Value, NativeArgs& a) {
  double timeout = a.f64(0);
  if (!(timeout > 0)) return raise(&exc_ValueError, "timeout must be greater than 0");
  if (timeout > 1e9) return raise(&exc_OverflowError, "timeout value is too large");
  bool repeat = truthy(a[1]) > 0;
  int fd;
  Ref keep;
  if (!file_arg(a[2], &fd, &keep)) return Ref();
  bool exit = truthy(a[3]) > 0;
  if (error_pending()) return Ref();
  watchdog_cancel();  // only one at a time, as CPython's
  if (g_watchdog == nullptr) g_watchdog = new Watchdog();
  g_watchdog->cancel = false;
  g_watchdog->file = std::move(keep);
  auto us = static_cast<uint64_t>(timeout * 1e6);
  uint64_t seconds = us / 1000000;
  char header[96];
  std::snprintf(header, sizeof header, "Timeout (%llu:%02llu:%02llu",
                static_cast<unsigned long long>(seconds / 3600),
                static_cast<unsigned long long>(seconds / 60 % 60),
                static_cast<unsigned long long>(seconds % 60));
  std::string text = header;
  if (us % 1000000 != 0) {
    std::snprintf(header, sizeof header, ".%06llu", static_cast<unsigned long long>(us % 1000000));
    text += header;
  }
  text += ")!\n";
  auto wait = std::chrono::duration<double>(timeout);
  g_watchdog->thread = std::thread([fd, repeat, exit, text, wait] {
    Watchdog& w = *g_watchdog;
    std::unique_lock<std::mutex> g(w.mu);
    do {
      if (w.cv.wait_for(g, wait, [&] { return w.cancel; })) return;
      write_text(fd, text.data(), text.size());
      dump_traceback(fd, true, nullptr, false);
      if (exit) _exit(1);
    } while (repeat);
  });
  return none_ref();
}

Ref fh_cancel_dump_traceback_later(Value, NativeArgs&) {
  watchdog_cancel();
  return none_ref();
}

const NativeDef kFaulthandlerFunctions[] = {
    {"enable($module, /, file=None, all_threads=True)", fh_enable, kNativeNoTextSig,
     "enable(file=sys.stderr, all_threads=True): enable the fault handler"},
    {"disable($module, /)", fh_disable, kNativeNoTextSig, "disable(): disable the fault handler"},
    {"is_enabled($module, /)", fh_is_enabled, kNativeNoTextSig,
     "is_enabled()->bool: check if the handler is enabled"},
    {"dump_traceback($module, /, file=None, all_threads=True)", fh_dump_traceback, kNativeNoTextSig,
     "dump_traceback(file=sys.stderr, all_threads=True): dump the traceback of the current "
     "thread, or of all threads if all_threads is True, into file"},
    {"dump_traceback_later($module, /, timeout: double, repeat=False, file=None, exit=False)",
     fh_dump_traceback_later, kNativeNoTextSig,
     "dump_traceback_later(timeout, repeat=False, file=sys.stderr, exit=False):\n"
     "dump the traceback of all threads in timeout seconds,\n"
     "or each timeout seconds if repeat is True. If exit is True, call _exit(1) which is not "
     "safe."},
    {"cancel_dump_traceback_later($module, /)", fh_cancel_dump_traceback_later, kNativeNoTextSig,
     "cancel_dump_traceback_later():\ncancel the previous call to dump_traceback_later()."},
};

}  // namespace

bool init_faulthandler(Value module, DictObject* ns) {
  add_functions(ns, module, kFaulthandlerFunctions);
  return !error_pending();
}

}  // namespace minipy::lib
