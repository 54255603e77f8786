// The standard streams and the process-wide I/O helpers (see io.h), built on _io's types.
#include "stdlib/native/io.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "stdlib/native/_io/iobase.h"
#include "stdlib/native/codecs_core.h"
#include "stdlib/native/oserror.h"

namespace minipy::lib {

using namespace rt;

Ref raise_os_error(int err, Value filename) {
  // OSError(errno, ...) picks the subclass for the errno itself (FileNotFoundError, ...).
  TypeObject* t = &exc_OSError;
  Ref msg = str_new(std::strerror(err));
  Ref e;
  if (filename) {
    Value args[3] = {Value::from_small(err), msg.get(), filename};
    e = make_exception(t, args, 3);
  } else {
    Value args[2] = {Value::from_small(err), msg.get()};
    e = make_exception(t, args, 2);
  }
  if (!e) return e;
  return set_exception(std::move(e));
}

void io_types_init() {
  // init__io readies the types on first use; a scratch namespace receives its names.
  static bool done = false;
  if (done) return;
  done = true;
  Ref ns = dict_new();
  bool init__io(Value module, DictObject * ns);
  if (!init__io(Value(), as_dict(ns.get()))) clear_exception();
}

Ref io_open_function() {
  // open() parses its own arguments (CPython's messages); the spec gives its __text_signature__.
  static const NativeDef kOpen = {
      "open($module, /, file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, "
      "closefd=True, opener=None)",
      nullptr, 0, nullptr, io::io_open};
  static Ref fn;
  if (!fn) fn = native_function_from_def(kOpen, Value());
  return fn.dup();
}

Ref make_std_stream(int fd, bool unbuffered, std::string_view encoding, std::string_view errors_) {
  io_types_init();
  bool write = fd != 0;
  // The descriptor may be closed (a daemon started with 1>&-): sys.stdout is None then.
  if (::fcntl(fd, F_GETFD) < 0) return none_ref();
  Ref mode = str_new(write ? "wb" : "rb");
  Value fa[3] = {Value::from_small(fd), mode.get(), False()};
  Ref raw = call(Value(&io::fileio_type), fa, 3);
  if (!raw) return raw;
  const char* name = fd == 0 ? "<stdin>" : fd == 1 ? "<stdout>" : "<stderr>";
  Ref n = str_new(name);
  if (!setattr(raw.get(), intern("name"), n.get())) return Ref();
  Ref buf = raw.dup();
  if (!(unbuffered && write)) {
    Value ba[2] = {raw.get(), Value::from_small(io::kDefaultBufferSize)};
    buf = call(Value(write ? &io::buffered_writer_type : &io::buffered_reader_type), ba, 2);
    if (!buf) return buf;
  }
  bool line_buffering = !unbuffered && (::isatty(fd) || fd == 2);
  Ref enc = str_new(encoding.empty() ? std::string_view("utf-8") : encoding);
  Ref errors = str_new(fd == 2          ? std::string_view("backslashreplace")
                       : errors_.empty() ? std::string_view("strict")
                                         : errors_);
  Ref nl = str_new("\n");
  Value ta[6] = {buf.get(),
                 enc.get(),
                 errors.get(),
                 nl.get(),
                 Bool(line_buffering),
                 Bool(unbuffered && write)};
  Ref stream = call(Value(&io::textiowrapper_type), ta, 6);
  if (!stream) return stream;
  Ref m = str_new(write ? "w" : "r");
  if (!setattr(stream.get(), intern("mode"), m.get())) return Ref();
  return stream;
}

namespace {

/// CPython's fatal error at start-up: the message, the pending exception, exit status 1.
[[noreturn]] void fatal_stdio_error(const char* message) {
  std::string what = "unknown error";
  if (Ref e = take_exception()) {
    Ref text = to_str(e.get());
    what = std::string(type_name(e.get())) +
           (text && !as_str(text.get())->view().empty()
                ? ": " + std::string(as_str(text.get())->view())
                : "");
  }
  std::fprintf(stderr,
               "Fatal Python error: %s\nPython runtime state: core initialized\n%s\n\n"
               "Current thread 0x%016lx (most recent call first):\n  <no Python frame>\n",
               message, what.c_str(), static_cast<unsigned long>(pthread_self()));
  std::_Exit(1);
}

}  // namespace

void reopen_std_streams(bool unbuffered) {
  Value sys = interp().sys.get();
  const char* env = interp().flags.ignore_environment ? nullptr : std::getenv("PYTHONIOENCODING");
  if (!sys || (!unbuffered && env == nullptr)) return;
  // PYTHONIOENCODING=encoding[:errors], as CPython's config_init_stdio_encoding: the encoding
  // (by its codec's own name: latin-1 is iso8859-1) for the three streams, the error handler
  // for stdin and stdout (stderr keeps backslashreplace); an empty part keeps the default.
  std::string_view value = env != nullptr ? env : "";
  size_t colon = value.find(':');
  std::string encoding(value.substr(0, colon));
  std::string errors(colon == std::string_view::npos ? "" : value.substr(colon + 1));
  if (!encoding.empty()) {
    Ref info = codecs::codec_lookup(encoding);
    Ref canonical = info ? getattr(info.get(), intern("name")) : Ref();
    if (!canonical || !is_str(canonical.get())) {
      fatal_stdio_error(
          "init_stdio_encoding: failed to get the Python codec name of the stdio encoding");
    }
    encoding = as_str(canonical.get())->view();
  }
  flush_std_streams();
  const char* names_[3][2] = {
      {"stdin", "__stdin__"}, {"stdout", "__stdout__"}, {"stderr", "__stderr__"}};
  for (int fd : {0, 1, 2}) {
    Ref s = make_std_stream(fd, unbuffered && fd != 0, encoding, errors);
    if (!s) fatal_stdio_error("init_sys_streams: can't initialize sys standard streams");
    for (const char* n : names_[fd]) {
      if (!setattr(sys, intern(n), s.get())) clear_exception();
    }
  }
}

void flush_std_streams() {
  Value sys = interp().sys.get();
  if (!sys) return;
  for (StrObject* n : {names::stdout_, names::stderr_}) {
    Ref s = getattr_opt(sys, n);
    if (!s || is_none(s.get())) {
      clear_exception();
      continue;
    }
    Ref r = call_method(s.get(), names::flush, nullptr, 0);
    if (!r) clear_exception();
  }
}

}  // namespace minipy::lib
