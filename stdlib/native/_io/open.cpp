// _io.open (also builtins.open): parses the mode, opens a FileIO and stacks a buffered object
// and a TextIOWrapper on it as the mode asks, with CPython 3.11's checks and messages.
#include <cstddef>
#include <string>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "stdlib/native/_io/iobase.h"
#include "vm/import.h"

namespace minipy::lib::io {

using namespace rt;

namespace {

/// Closes what open() built so far after a failure, keeping the original exception.
Ref fail_closing(Value obj) {
  Ref exc = take_exception();
  Ref r = call_method(obj, names::close, nullptr, 0);
  if (!r) clear_exception();
  set_exception(std::move(exc));
  return Ref();
}

}  // namespace

Ref io_open(Value, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[8];
  if (!parse_args(
          "open", args, nargs, kw,
          {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"}, 1,
          a)) {
    return Ref();
  }
  Value file = a[0];
  std::string_view mode = "r";
  if (a[1]) {
    if (!is_str(a[1]))
      return raise_fmt(&exc_TypeError, "open() argument 'mode' must be str, not {}",
                       type_name(a[1]));
    mode = as_str(a[1])->view();
  }
  int64_t buffering = -1;
  if (a[2]) {
    if (is_float(a[2]))
      return raise(&exc_TypeError, "'float' object cannot be interpreted as an integer");
    if (!index_int64(a[2], &buffering)) return Ref();
  }
  static const char* const argnames[] = {"", "", "", "encoding", "errors", "newline"};
  for (int i = 3; i <= 5; i++) {
    if (a[i] && !is_none(a[i]) && !is_str(a[i])) {
      return raise_fmt(&exc_TypeError, "open() argument '{}' must be str or None, not {}",
                       argnames[i], type_name(a[i]));
    }
  }
  bool has_encoding = a[3] && !is_none(a[3]), has_errors = a[4] && !is_none(a[4]),
       has_newline = a[5] && !is_none(a[5]);

  if (!is_str(file) && !is_bytes(file) && !is_int(file)) {
    Ref p = fspath(file);
    if (!p) return p;
  }

  bool creating = false, reading = false, writing = false, appending = false, updating = false;
  bool text = false, binary = false;
  for (size_t i = 0; i < mode.size(); i++) {
    char c = mode[i];
    bool* flag = nullptr;
    switch (c) {
      case 'x':
        flag = &creating;
        break;
      case 'r':
        flag = &reading;
        break;
      case 'w':
        flag = &writing;
        break;
      case 'a':
        flag = &appending;
        break;
      case '+':
        flag = &updating;
        break;
      case 't':
        flag = &text;
        break;
      case 'b':
        flag = &binary;
        break;
      default:
        break;
    }
    if (flag == nullptr || *flag) return raise_fmt(&exc_ValueError, "invalid mode: '{}'", mode);
    *flag = true;
  }
  if (text && binary) return raise(&exc_ValueError, "can't have text and binary mode at once");
  if (creating + reading + writing + appending > 1) {
    return raise(&exc_ValueError, "must have exactly one of create/read/write/append mode");
  }
  if (!(creating || reading || writing || appending)) {
    return raise(&exc_ValueError,
                 "Must have exactly one of create/read/write/append mode and at most one plus");
  }
  if (binary && has_encoding)
    return raise(&exc_ValueError, "binary mode doesn't take an encoding argument");
  if (binary && has_errors)
    return raise(&exc_ValueError, "binary mode doesn't take an errors argument");
  if (binary && has_newline)
    return raise(&exc_ValueError, "binary mode doesn't take a newline argument");
  if (binary && buffering == 1) {
    // RuntimeWarning through the warnings module, as CPython's PyErr_WarnEx does.
    Ref warnings = vm::import_module_absolute("warnings");
    if (!warnings) return Ref();
    Ref msg = str_new(
        "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will "
        "be used");
    Value wa[3] = {msg.get(), Value(&exc_RuntimeWarning), Value::from_small(2)};
    Ref w = getattr(warnings.get(), "warn");
    if (!w || !call(w.get(), wa, 3)) return Ref();
  }

  std::string rawmode;
  rawmode.push_back(creating ? 'x' : reading ? 'r' : writing ? 'w' : 'a');
  if (updating) rawmode.push_back('+');
  Ref rawmode_obj = str_new(rawmode);
  Value fa[4] = {file, rawmode_obj.get(), a[6] ? a[6] : True(), a[7] ? a[7] : None()};
  Ref raw = call(Value(&fileio_type), fa, 4);
  if (!raw) return raw;
  Ref result = raw.dup();

  bool line_buffering = false;
  if (buffering == 1 || buffering < 0) {
    Ref tty = call_name(raw.get(), "isatty");
    if (!tty) return fail_closing(result.get());
    if (buffering == 1 || tty.get() == True()) {
      buffering = -1;
      line_buffering = true;
    }
  }
  if (buffering < 0) {
    Ref bs = getattr(raw.get(), "_blksize");
    if (!bs) return fail_closing(result.get());
    if (!index_int64(bs.get(), &buffering)) return fail_closing(result.get());
    if (buffering <= 1) buffering = kDefaultBufferSize;
  }
  if (buffering == 0) {
    if (binary) return result;
    raise(&exc_ValueError, "can't have unbuffered text I/O");
    return fail_closing(result.get());
  }
  TypeObject* btype = updating                             ? &buffered_random_type
                      : (creating || writing || appending) ? &buffered_writer_type
                                                           : &buffered_reader_type;
  Value ba[2] = {raw.get(), Value::from_small(buffering)};
  Ref buffer = call(Value(btype), ba, 2);
  if (!buffer) return fail_closing(result.get());
  result = buffer.dup();
  if (binary) return result;

  Value ta[5] = {buffer.get(), a[3] ? a[3] : None(), a[4] ? a[4] : None(), a[5] ? a[5] : None(),
                 Bool(line_buffering)};
  Ref wrapper = call(Value(&textiowrapper_type), ta, 5);
  if (!wrapper) return fail_closing(result.get());
  result = wrapper.dup();
  Ref m = str_new(mode);
  if (!setattr(wrapper.get(), intern("mode"), m.get())) return fail_closing(result.get());
  return result;
}

}  // namespace minipy::lib::io
