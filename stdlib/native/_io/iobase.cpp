// _io's abstract bases (_IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase), the helpers every
// _io file shares (iobase.h), and the module itself: open(), open_code(), text_encoding(),
// DEFAULT_BUFFER_SIZE, UnsupportedOperation. The bases call other methods through ordinary
// attribute lookup, so Python subclasses (io.py's ABCs, user streams) override them.
#include "stdlib/native/_io/iobase.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstddef>

#include "runtime/critical_section.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/memoryview.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"

namespace minipy::lib::io {

using namespace rt;

TypeObject iobase_type, rawiobase_type, bufferediobase_type, textiobase_type;
TypeObject* unsupported_operation = nullptr;

// ------------------------------------------------------------------ shared helpers

Ref raise_unsupported(std::string_view msg) { return raise(unsupported_operation, msg); }
Ref raise_closed_file() { return raise(&exc_ValueError, "I/O operation on closed file."); }

Ref call_name(Value obj, const char* name, const Value* args, size_t nargs) {
  return call_method(obj, intern(name), args, nargs);
}

int is_closed(Value self) {
  Ref c = getattr(self, "closed");
  if (!c) return -1;
  return truthy(c.get());
}

bool check_closed(Value self) {
  int c = is_closed(self);
  if (c < 0) return false;
  if (c) {
    raise_closed_file();
    return false;
  }
  return true;
}

static bool check_flag(Value self, const char* method, const char* msg) {
  Ref r = call_name(self, method);
  if (!r) return false;
  if (r.get() != True()) {
    raise_unsupported(msg);
    return false;
  }
  return true;
}
bool check_readable(Value self) {
  return check_flag(self, "readable", "File or stream is not readable.");
}
bool check_writable(Value self) {
  return check_flag(self, "writable", "File or stream is not writable.");
}
bool check_seekable(Value self) {
  return check_flag(self, "seekable", "File or stream is not seekable.");
}

bool read_buffer(Value v, std::string_view* out) {
  if (bytes_like_data(v, out)) return true;
  if (is_memoryview(v)) {
    if (memoryview_contiguous_data(v, out)) return true;
    if (static_cast<MemoryViewObject*>(v.obj())->released) {
      raise(&exc_ValueError, "operation forbidden on released memoryview object");
    } else {
      raise(&exc_BufferError, "memoryview: underlying buffer is not C-contiguous");
    }
    return false;
  }
  raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(v));
  return false;
}

bool write_buffer(Value v, char** data, size_t* len) {
  if (is_bytearray(v)) {
    auto* b = static_cast<ByteArrayObject*>(v.obj());
    *data = b->data.data();
    *len = b->data.size();
    return true;
  }
  if (is_memoryview(v)) {
    auto* m = static_cast<MemoryViewObject*>(v.obj());
    if (m->released) {
      raise(&exc_ValueError, "operation forbidden on released memoryview object");
      return false;
    }
    if (!m->readonly && m->step == m->itemsize && m->obj && is_bytearray(m->obj.get())) {
      auto* b = static_cast<ByteArrayObject*>(m->obj.get().obj());
      int64_t nbytes = m->length * m->itemsize;
      if (m->start + nbytes <= static_cast<int64_t>(b->data.size())) {
        *data = b->data.data() + m->start;
        *len = static_cast<size_t>(nbytes);
        return true;
      }
    }
  }
  raise_fmt(&exc_TypeError, "read-write bytes-like object is required, not '{}'", type_name(v));
  return false;
}

bool size_arg(Value v, int64_t* out) {
  *out = -1;
  if (!v || is_none(v)) return true;
  if (!is_int(v) && !type_of(v)->nb_index) {
    raise_fmt(&exc_TypeError, "argument should be integer or None, not '{}'", type_name(v));
    return false;
  }
  return index_int64(v, out);
}

// ------------------------------------------------------------------ _IOBase

static IOBaseObject* iob(Value v) { return static_cast<IOBaseObject*>(v.obj()); }

void iobase_dealloc(Object* o) { delete static_cast<IOBaseObject*>(o); }
static void iobase_traverse(Object*, VisitFn, void*) {}  // only the __dict__ (visited generically)

void iobase_finalize(Object* o) {
  Value self(o);
  Ref c = getattr_opt(self, intern("closed"));
  if (!c) {
    clear_exception();
    return;
  }
  int closed = truthy(c.get());
  if (closed != 0) {
    clear_exception();
    return;
  }
  // Buffered and text objects read this to skip the ResourceWarning of their raw stream.
  if (!setattr(self, intern("_finalizing"), True())) clear_exception();
  Ref r = call_method(self, names::close, nullptr, 0);
  if (!r)
    clear_exception();  // as CPython outside dev mode: errors in close() at finalization vanish
}

static Ref iobase_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<IOBaseObject>(type)));
}

void io_type_setup(TypeObject* t, const char* name, size_t size) {
  t->name = name;
  t->module = "_io";
  t->flags |= kTypeBaseType | kTypeWeakrefable;
  t->basic_size = size;
  t->dict_offset = offsetof(IOBaseObject, dict);
  t->subclass_dict_offset = offsetof(IOBaseObject, dict);
  t->finalize = iobase_finalize;
}

#define IO_METHOD(name) \
  static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

IO_METHOD(iob_seek) { return raise_unsupported("seek"); }
IO_METHOD(iob_truncate) { return raise_unsupported("truncate"); }
IO_METHOD(iob_fileno) { return raise_unsupported("fileno"); }
IO_METHOD(iob_false) { return bool_ref(false); }

IO_METHOD(iob_tell) {
  if (!check_nargs("tell", nargs, kw, 0, 0)) return Ref();
  Value a[2] = {Value::from_small(0), Value::from_small(1)};
  return call_name(self, "seek", a, 2);
}

IO_METHOD(iob_flush) {
  if (!check_nargs("flush", nargs, kw, 0, 0)) return Ref();
  int c = is_closed(self);
  if (c < 0) return Ref();
  if (c) return raise_closed_file();
  return none_ref();
}

IO_METHOD(iob_close) {
  if (!check_nargs("close", nargs, kw, 0, 0)) return Ref();
  if (iob(self)->iobase_closed) return none_ref();
  Ref r = call_method(self, names::flush, nullptr, 0);
  iob(self)->iobase_closed = true;  // closed even when flush() failed (its error propagates)
  if (!r) return r;
  return none_ref();
}

static Ref iob_get_closed(Value self) { return bool_ref(iob(self)->iobase_closed); }

IO_METHOD(iob_check_closed) {
  if (!check_closed(self)) return Ref();
  return none_ref();
}
IO_METHOD(iob_check_readable) { return check_readable(self) ? none_ref() : Ref(); }
IO_METHOD(iob_check_writable) { return check_writable(self) ? none_ref() : Ref(); }
IO_METHOD(iob_check_seekable) { return check_seekable(self) ? none_ref() : Ref(); }

IO_METHOD(iob_isatty) {
  if (!check_closed(self)) return Ref();
  return bool_ref(false);
}

IO_METHOD(iob_enter) {
  if (!check_closed(self)) return Ref();
  return Ref::new_ref(self);
}
IO_METHOD(iob_exit) { return call_method(self, names::close, nullptr, 0); }

static Ref iob_iter(Value self) {
  if (!check_closed(self)) return Ref();
  return Ref::new_ref(self);
}

static Ref iob_iternext(Value self) {
  Ref line = call_method(self, names::readline, nullptr, 0);
  if (!line) return line;
  int64_t n;
  if (!length(line.get(), &n)) return Ref();
  if (n == 0) return Ref();
  return line;
}

IO_METHOD(iob_readline) {
  Value a[1];
  if (!parse_args("readline", args, nargs, kw, {"size"}, 0, a)) return Ref();
  int64_t limit;
  if (!size_arg(a[0], &limit)) return Ref();
  Ref peek = getattr_opt(self, intern("peek"));
  if (!peek && error_pending()) return Ref();
  std::string res;
  while (limit < 0 || static_cast<int64_t>(res.size()) < limit) {
    int64_t nreadahead = 1;
    if (peek) {
      Value one = Value::from_small(1);
      Ref ahead = call(peek.get(), &one, 1);
      if (!ahead) return ahead;
      std::string_view d;
      if (!is_bytes(ahead.get())) {
        return raise_fmt(&exc_OSError, "peek() should have returned a bytes object, not '{}'",
                         type_name(ahead.get()));
      }
      bytes_like_data(ahead.get(), &d);
      if (!d.empty()) {
        size_t nl = d.find('\n');
        nreadahead = nl == std::string_view::npos ? static_cast<int64_t>(d.size())
                                                  : static_cast<int64_t>(nl + 1);
        if (limit >= 0 && nreadahead > limit) nreadahead = limit;
      }
    }
    Value n = Value::from_small(nreadahead);
    Ref b = call_name(self, "read", &n, 1);
    if (!b) return b;
    if (is_none(b.get())) {
      if (res.empty()) return b;  // non-blocking stream with nothing ready
      break;
    }
    if (!is_bytes(b.get())) {
      return raise_fmt(&exc_OSError, "read() should have returned a bytes object, not '{}'",
                       type_name(b.get()));
    }
    std::string_view d;
    bytes_like_data(b.get(), &d);
    if (d.empty()) break;
    res.append(d);
    if (res.back() == '\n') break;
  }
  return bytes_new(res);
}

IO_METHOD(iob_readlines) {
  Value a[1];
  if (!parse_args("readlines", args, nargs, kw, {"hint"}, 0, a)) return Ref();
  int64_t hint;
  if (!size_arg(a[0], &hint)) return Ref();
  Ref out = list_new();
  Ref it = get_iter(self);
  if (!it) return it;
  int64_t total = 0;
  for (;;) {
    Ref line = iter_next(it.get());
    if (!line) {
      if (error_pending()) return Ref();
      break;
    }
    list_append(as_list(out.get()), line.get());
    if (hint > 0) {
      int64_t n;
      if (!length(line.get(), &n)) return Ref();
      if (n > hint - total) break;  // CPython's rule: stop once a line passes the hint
      total += n;
    }
  }
  return out;
}

IO_METHOD(iob_writelines) {
  if (!check_nargs("writelines", nargs, kw, 1, 1)) return Ref();
  if (!check_closed(self)) return Ref();
  Ref it = get_iter(args[0]);
  if (!it) return it;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) break;
    Value xv = x.get();
    if (!call_method(self, names::write, &xv, 1)) return Ref();
  }
  if (error_pending()) return Ref();
  return none_ref();
}

// ------------------------------------------------------------------ _RawIOBase

IO_METHOD(raw_read) {
  Value a[1];
  if (!parse_args("read", args, nargs, kw, {"size"}, 0, a)) return Ref();
  int64_t n;
  if (!size_arg(a[0], &n)) return Ref();
  if (n < 0) return call_name(self, "readall");
  Ref buf = bytearray_new(std::string(static_cast<size_t>(n), '\0'));
  Ref r = call_name1(self, "readinto", buf.get());
  if (!r) return r;
  if (is_none(r.get())) return r;
  int64_t got;
  if (!index_int64(r.get(), &got)) return Ref();
  if (got < 0 || got > n)
    return raise_fmt(&exc_ValueError, "readinto returned {} outside buffer size {}", got, n);
  return bytes_new(
      std::string_view(static_cast<ByteArrayObject*>(buf.get().obj())->data).substr(0, got));
}

IO_METHOD(raw_readall) {
  if (!check_nargs("readall", nargs, kw, 0, 0)) return Ref();
  std::string all;
  for (;;) {
    Value n = Value::from_small(kDefaultBufferSize);
    Ref d = call_name(self, "read", &n, 1);
    if (!d) return d;
    if (is_none(d.get())) {
      if (all.empty()) return d;
      break;
    }
    if (!is_bytes(d.get())) return raise(&exc_TypeError, "read() should return bytes");
    std::string_view v;
    bytes_like_data(d.get(), &v);
    if (v.empty()) break;
    all.append(v);
  }
  return bytes_new(all);
}

// ------------------------------------------------------------------ _BufferedIOBase, _TextIOBase

IO_METHOD(bio_detach) { return raise_unsupported("detach"); }
IO_METHOD(bio_read) { return raise_unsupported("read"); }
IO_METHOD(bio_read1) { return raise_unsupported("read1"); }
IO_METHOD(bio_write) { return raise_unsupported("write"); }
IO_METHOD(tio_readline) { return raise_unsupported("readline"); }

static Ref bio_readinto_generic(Value self, const Value* args, size_t nargs, TupleObject* kw,
                                bool one) {
  if (!check_nargs(one ? "readinto1" : "readinto", nargs, kw, 1, 1)) return Ref();
  char* data;
  size_t len;
  if (!write_buffer(args[0], &data, &len)) return Ref();
  Value n = Value::from_small(static_cast<int64_t>(len));
  Ref d = call_name(self, one ? "read1" : "read", &n, 1);
  if (!d) return d;
  std::string_view v;
  if (!is_bytes(d.get())) return raise(&exc_TypeError, "read() should return bytes");
  bytes_like_data(d.get(), &v);
  if (v.size() > len) {
    return raise_fmt(&exc_ValueError,
                     "read() returned too much data: {} bytes requested, {} returned", len,
                     v.size());
  }
  // Re-fetch: read() ran Python code that may have resized the target.
  if (!write_buffer(args[0], &data, &len)) return Ref();
  std::copy(v.begin(), v.end(), data);
  return int_from_int64(static_cast<int64_t>(v.size()));
}
IO_METHOD(bio_readinto) { return bio_readinto_generic(self, args, nargs, kw, false); }
IO_METHOD(bio_readinto1) { return bio_readinto_generic(self, args, nargs, kw, true); }

static Ref none_getter(Value) { return none_ref(); }

void ready_iobase_types() {
  io_type_setup(&iobase_type, "_IOBase", sizeof(IOBaseObject));
  iobase_type.new_ = iobase_new;
  iobase_type.dealloc = iobase_dealloc;
  iobase_type.traverse = iobase_traverse;
  iobase_type.iter = iob_iter;
  iobase_type.iternext = iob_iternext;
  type_ready(&iobase_type, &object_type);
  struct {
    const char* name;
    NativeFn fn;
  } methods[] = {{"seek", iob_seek},
                 {"tell", iob_tell},
                 {"truncate", iob_truncate},
                 {"flush", iob_flush},
                 {"close", iob_close},
                 {"seekable", iob_false},
                 {"readable", iob_false},
                 {"writable", iob_false},
                 {"_checkClosed", iob_check_closed},
                 {"_checkSeekable", iob_check_seekable},
                 {"_checkReadable", iob_check_readable},
                 {"_checkWritable", iob_check_writable},
                 {"fileno", iob_fileno},
                 {"isatty", iob_isatty},
                 {"__enter__", iob_enter},
                 {"__exit__", iob_exit},
                 {"readline", iob_readline},
                 {"readlines", iob_readlines},
                 {"writelines", iob_writelines}};
  for (auto& m : methods) add_method(&iobase_type, m.name, m.fn);
  add_getset(&iobase_type, "closed", iob_get_closed);

  for (TypeObject* t : {&rawiobase_type, &bufferediobase_type, &textiobase_type}) {
    const char* name = t == &rawiobase_type        ? "_RawIOBase"
                       : t == &bufferediobase_type ? "_BufferedIOBase"
                                                   : "_TextIOBase";
    io_type_setup(t, name, sizeof(IOBaseObject));
    type_ready(t, &iobase_type);
  }
  add_method(&rawiobase_type, "read", raw_read);
  add_method(&rawiobase_type, "readall", raw_readall);
  add_method(&bufferediobase_type, "detach", bio_detach);
  add_method(&bufferediobase_type, "read", bio_read);
  add_method(&bufferediobase_type, "read1", bio_read1);
  add_method(&bufferediobase_type, "write", bio_write);
  add_method(&bufferediobase_type, "readinto", bio_readinto);
  add_method(&bufferediobase_type, "readinto1", bio_readinto1);
  add_method(&textiobase_type, "detach", bio_detach);
  add_method(&textiobase_type, "read", bio_read);
  add_method(&textiobase_type, "readline", tio_readline);
  add_method(&textiobase_type, "write", bio_write);
  add_getset(&textiobase_type, "encoding", none_getter);
  add_getset(&textiobase_type, "newlines", none_getter);
  add_getset(&textiobase_type, "errors", none_getter);
}

// ------------------------------------------------------------------ module functions

IO_METHOD(io_text_encoding) {
  Value a[2];
  if (!parse_args("text_encoding", args, nargs, kw, {"encoding", "stacklevel"}, 1, a)) return Ref();
  if (!is_none(a[0])) return Ref::new_ref(a[0]);
  // CPython answers "utf-8" in UTF-8 mode (-X utf8), else "locale".
  Ref flags = getattr_opt(interp().sys.get(), intern("flags"));
  if (flags) {
    Ref u = getattr_opt(flags.get(), intern("utf8_mode"));
    if (u && truthy(u.get()) == 1) return str_new("utf-8");
  }
  clear_exception();
  return str_new("locale");
}

IO_METHOD(io_open_code) {
  Value a[1];
  if (!parse_args("open_code", args, nargs, kw, {"path"}, 1, a)) return Ref();
  if (!is_str(a[0]))
    return raise_fmt(&exc_TypeError, "open_code() argument 'path' must be str, not {}",
                     type_name(a[0]));
  Ref mode = str_new("rb");
  Value oa[2] = {a[0], mode.get()};
  return io_open(Value(), oa, 2, nullptr);
}

}  // namespace minipy::lib::io

namespace minipy::lib {

using namespace rt;

Ref io_open_function();  // io.cpp

bool init__io(Value module, DictObject* ns) {
  using namespace io;
  if (iobase_type.dict == nullptr) {
    ready_iobase_types();
    ready_fileio_type();
    ready_bytesio_type();
    ready_newline_decoder_type();
    ready_stringio_type();
    ready_buffered_types();
    ready_textio_types();
  }
  if (unsupported_operation == nullptr) {
    // class UnsupportedOperation(OSError, ValueError), created once and kept for the process.
    Ref bases = tuple_of({Value(&exc_OSError), Value(&exc_ValueError)});
    Ref d = dict_new();
    dict_set_cstr(as_dict(d.get()), "__module__", str_new("io").get());
    Ref cls = type_new_class(&type_type, intern("UnsupportedOperation"), as_tuple(bases.get()),
                             as_dict(d.get()));
    if (!cls) return false;
    unsupported_operation = static_cast<TypeObject*>(cls.release().obj());
  }
  struct {
    const char* name;
    TypeObject* t;
  } types[] = {{"_IOBase", &iobase_type},
               {"_RawIOBase", &rawiobase_type},
               {"_BufferedIOBase", &bufferediobase_type},
               {"_TextIOBase", &textiobase_type},
               {"FileIO", &fileio_type},
               {"BytesIO", &bytesio_type},
               {"StringIO", &stringio_type},
               {"BufferedReader", &buffered_reader_type},
               {"BufferedWriter", &buffered_writer_type},
               {"BufferedRandom", &buffered_random_type},
               {"BufferedRWPair", &buffered_rwpair_type},
               {"TextIOWrapper", &textiowrapper_type},
               {"IncrementalNewlineDecoder", &newline_decoder_type}};
  for (auto& t : types) dict_set_cstr(ns, t.name, Value(t.t));
  dict_set_cstr(ns, "UnsupportedOperation", Value(unsupported_operation));
  dict_set_cstr(ns, "BlockingIOError", Value(&exc_BlockingIOError));
  dict_set_cstr(ns, "DEFAULT_BUFFER_SIZE", Value::from_small(kDefaultBufferSize));
  dict_set_cstr(ns, "open", io_open_function().get());  // the very object builtins.open is
  add_function(ns, module, "open_code", io_open_code);
  add_function(ns, module, "text_encoding", io_text_encoding);
  return true;
}

}  // namespace minipy::lib
