// _io.BytesIO: a binary stream over an in-memory buffer. The bytes live in a bytearray that the
// object owns, so getbuffer() can hand out a writable memoryview onto the same storage (a view
// re-reads and bounds-checks its exporter on every access, so later writes that resize the
// buffer are safe; CPython instead refuses to resize while a view is exported).
#include <algorithm>
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
#include "stdlib/native/_io/iobase.h"

namespace minipy::lib::io {

using namespace rt;

TypeObject bytesio_type;

namespace {

struct BytesIOObject : IOBaseObject {
  Ref buf;  // a bytearray; null once closed
  int64_t pos = 0;
};

BytesIOObject* bio(Value v) { return static_cast<BytesIOObject*>(v.obj()); }
std::string& data(BytesIOObject* b) {
  return static_cast<ByteArrayObject*>(b->buf.get().obj())->data;
}

bool check_open(BytesIOObject* b) {
  if (!b->buf) {
    raise_closed_file();
    return false;
  }
  return true;
}

Ref bytesio_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  auto* b = alloc_instance<BytesIOObject>(type);
  b->buf = bytearray_new("");
  return Ref::steal(Value(b));
}

bool bytesio_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[1];
  if (!parse_args("BytesIO", args, nargs, kw, {"initial_bytes"}, 0, a)) return false;
  BytesIOObject* b = bio(self);
  std::string_view init;
  if (a[0] && !is_none(a[0]) && !read_buffer(a[0], &init)) return false;
  CriticalSection cs(b);
  if (!b->buf) b->buf = bytearray_new("");
  data(b).assign(init);
  b->pos = 0;
  return true;
}

void bytesio_dealloc(Object* o) { delete static_cast<BytesIOObject*>(o); }
void bytesio_traverse(Object* o, VisitFn visit, void* arg) {
  auto* b = static_cast<BytesIOObject*>(o);
  if (b->buf) visit_value(b->buf.get(), visit, arg);
}

/// Takes up to n bytes (n < 0: all) from the current position.
Ref take(BytesIOObject* b, int64_t n) {
  CriticalSection cs(b);
  std::string& d = data(b);
  int64_t avail = std::max<int64_t>(0, static_cast<int64_t>(d.size()) - b->pos);
  if (n < 0 || n > avail) n = avail;
  Ref r = bytes_new(n > 0 ? std::string_view(d).substr(b->pos, n) : std::string_view());
  b->pos += n;
  return r;
}

/// Length of the next line from pos (limit < 0: no limit).
int64_t line_length(BytesIOObject* b, int64_t limit) {
  std::string& d = data(b);
  if (b->pos >= static_cast<int64_t>(d.size())) return 0;
  size_t nl = d.find('\n', b->pos);
  int64_t n = nl == std::string::npos ? static_cast<int64_t>(d.size()) - b->pos
                                      : static_cast<int64_t>(nl) + 1 - b->pos;
  if (limit >= 0 && n > limit) n = limit;
  return n;
}

#define M(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

M(m_getvalue) {
  if (!check_nargs("getvalue", nargs, kw, 0, 0) || !check_open(bio(self))) return Ref();
  return bytes_new(data(bio(self)));
}

M(m_getbuffer) {
  if (!check_nargs("getbuffer", nargs, kw, 0, 0) || !check_open(bio(self))) return Ref();
  return call1(Value(&memoryview_type), bio(self)->buf.get());
}

M(m_read) {
  Value a[1];
  if (!parse_args("read", args, nargs, kw, {"size"}, 0, a)) return Ref();
  int64_t n;
  if (!size_arg(a[0], &n) || !check_open(bio(self))) return Ref();
  return take(bio(self), n);
}

M(m_readline) {
  Value a[1];
  if (!parse_args("readline", args, nargs, kw, {"size"}, 0, a)) return Ref();
  int64_t n;
  if (!size_arg(a[0], &n) || !check_open(bio(self))) return Ref();
  return take(bio(self), line_length(bio(self), n));
}

M(m_readlines) {
  Value a[1];
  if (!parse_args("readlines", args, nargs, kw, {"hint"}, 0, a)) return Ref();
  int64_t hint;
  if (!size_arg(a[0], &hint) || !check_open(bio(self))) return Ref();
  Ref out = list_new();
  int64_t total = 0;
  for (;;) {
    int64_t n = line_length(bio(self), -1);
    if (n == 0) break;
    Ref line = take(bio(self), n);
    list_append(as_list(out.get()), line.get());
    total += n;
    if (hint > 0 && total >= hint) break;
  }
  return out;
}

M(m_readinto) {
  if (!check_nargs("readinto", nargs, kw, 1, 1) || !check_open(bio(self))) return Ref();
  char* dst;
  size_t len;
  if (!write_buffer(args[0], &dst, &len)) return Ref();
  BytesIOObject* b = bio(self);
  CriticalSection cs(b);
  std::string& d = data(b);
  int64_t avail = std::max<int64_t>(0, static_cast<int64_t>(d.size()) - b->pos);
  int64_t n = std::min<int64_t>(avail, static_cast<int64_t>(len));
  if (n > 0) std::copy(d.data() + b->pos, d.data() + b->pos + n, dst);
  b->pos += n;
  return int_from_int64(n);
}

M(m_write) {
  if (!check_nargs("write", nargs, kw, 1, 1) || !check_open(bio(self))) return Ref();
  std::string_view src;
  if (!read_buffer(args[0], &src)) return Ref();
  BytesIOObject* b = bio(self);
  std::string copy(src);  // src may be this very buffer
  CriticalSection cs(b);
  std::string& d = data(b);
  if (copy.empty()) return Ref::small(0);
  size_t end = static_cast<size_t>(b->pos) + copy.size();
  if (d.size() < end) d.resize(end, '\0');  // writing past the end pads with zeros
  std::copy(copy.begin(), copy.end(), d.begin() + b->pos);
  b->pos = static_cast<int64_t>(end);
  return int_from_int64(static_cast<int64_t>(copy.size()));
}

M(m_writelines) {
  if (!check_nargs("writelines", nargs, kw, 1, 1) || !check_open(bio(self))) return Ref();
  Ref it = get_iter(args[0]);
  if (!it) return it;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) break;
    Value xv = x.get();
    if (!m_write(self, &xv, 1, nullptr)) return Ref();
  }
  if (error_pending()) return Ref();
  return none_ref();
}

M(m_seek) {
  if (!check_nargs("seek", nargs, kw, 1, 2)) return Ref();
  int64_t pos, whence = 0;
  if (!index_int64(args[0], &pos)) return Ref();
  if (nargs > 1 && !index_int64(args[1], &whence)) return Ref();
  BytesIOObject* b = bio(self);
  if (!check_open(b)) return Ref();
  if (pos < 0 && whence == 0) return raise_fmt(&exc_ValueError, "negative seek value {}", pos);
  CriticalSection cs(b);
  if (whence == 1) {
    pos = std::max<int64_t>(0, b->pos + pos);
  } else if (whence == 2) {
    pos = std::max<int64_t>(0, static_cast<int64_t>(data(b).size()) + pos);
  } else if (whence != 0) {
    return raise_fmt(&exc_ValueError, "invalid whence ({}, should be 0, 1 or 2)", whence);
  }
  b->pos = pos;
  return int_from_int64(pos);
}

M(m_tell) {
  if (!check_nargs("tell", nargs, kw, 0, 0) || !check_open(bio(self))) return Ref();
  return int_from_int64(bio(self)->pos);
}

M(m_truncate) {
  if (!check_nargs("truncate", nargs, kw, 0, 1) || !check_open(bio(self))) return Ref();
  BytesIOObject* b = bio(self);
  int64_t size = b->pos;
  if (nargs == 1 && !is_none(args[0])) {
    if (!index_int64(args[0], &size)) return Ref();
    if (size < 0) return raise_fmt(&exc_ValueError, "negative size value {}", size);
  }
  CriticalSection cs(b);
  if (size < static_cast<int64_t>(data(b).size())) data(b).resize(static_cast<size_t>(size));
  return int_from_int64(size);
}

M(m_true) {
  if (!check_open(bio(self))) return Ref();
  return bool_ref(true);
}
M(m_isatty) {
  if (!check_open(bio(self))) return Ref();
  return bool_ref(false);
}
M(m_flush) {
  if (!check_open(bio(self))) return Ref();
  return none_ref();
}
M(m_close) {
  if (!check_nargs("close", nargs, kw, 0, 0)) return Ref();
  Ref old;
  {
    CriticalSection cs(bio(self));
    old = std::move(bio(self)->buf);
  }
  return none_ref();
}

M(m_getstate) {
  if (!check_open(bio(self))) return Ref();
  BytesIOObject* b = bio(self);
  Ref v = bytes_new(data(b));
  Ref pos = int_from_int64(b->pos);
  Ref d = b->dict ? dict_copy(b->dict) : none_ref();
  return tuple_of({v.get(), pos.get(), d.get()});
}

M(m_setstate) {
  if (!check_nargs("__setstate__", nargs, kw, 1, 1)) return Ref();
  BytesIOObject* b = bio(self);
  if (!check_open(b)) return Ref();
  Value st = args[0];
  if (!is_tuple(st) || as_tuple(st)->size < 3) {
    return raise_fmt(&exc_TypeError, "{}.__setstate__ argument should be 3-tuple, got {}",
                     type_name(self), type_name(st));
  }
  TupleObject* t = as_tuple(st);
  std::string_view v;
  if (!read_buffer(t->at(0), &v)) return Ref();
  if (!is_int(t->at(1))) {
    return raise_fmt(&exc_TypeError, "second item of state must be an integer, not {}",
                     type_name(t->at(1)));
  }
  int64_t pos;
  if (!index_int64(t->at(1), &pos)) return Ref();
  if (pos < 0) return raise(&exc_ValueError, "position value cannot be negative");
  data(b).assign(v);
  b->pos = pos;
  Value d = t->at(2);
  if (!is_none(d)) {
    if (!is_dict(d)) {
      return raise_fmt(&exc_TypeError, "third item of state should be a dict, got a {}",
                       type_name(d));
    }
    DictObject** slot = instance_dict_slot(self);
    if (!*slot) *slot = static_cast<DictObject*>(dict_new().release().obj());
    if (!dict_update(*slot, d)) return Ref();
  }
  return none_ref();
}

M(m_sizeof) {
  BytesIOObject* b = bio(self);
  return int_from_int64(
      static_cast<int64_t>(sizeof(BytesIOObject) + (b->buf ? data(b).capacity() : 0)));
}

Ref get_closed(Value self) { return bool_ref(!bio(self)->buf); }

Ref bytesio_iternext(Value self) {
  BytesIOObject* b = bio(self);
  if (!check_open(b)) return Ref();
  int64_t n = line_length(b, -1);
  if (n == 0) return Ref();
  return take(b, n);
}

}  // namespace

void ready_bytesio_type() {
  io_type_setup(&bytesio_type, "BytesIO", sizeof(BytesIOObject));
  bytesio_type.new_ = bytesio_new;
  bytesio_type.init = bytesio_init;
  bytesio_type.dealloc = bytesio_dealloc;
  bytesio_type.traverse = bytesio_traverse;
  bytesio_type.iternext = bytesio_iternext;
  type_ready(&bytesio_type, &bufferediobase_type);
  struct {
    const char* name;
    NativeFn fn;
  } methods[] = {{"getvalue", m_getvalue},
                 {"getbuffer", m_getbuffer},
                 {"read", m_read},
                 {"read1", m_read},
                 {"readline", m_readline},
                 {"readlines", m_readlines},
                 {"readinto", m_readinto},
                 {"readinto1", m_readinto},
                 {"write", m_write},
                 {"writelines", m_writelines},
                 {"seek", m_seek},
                 {"tell", m_tell},
                 {"truncate", m_truncate},
                 {"readable", m_true},
                 {"writable", m_true},
                 {"seekable", m_true},
                 {"isatty", m_isatty},
                 {"flush", m_flush},
                 {"close", m_close},
                 {"__getstate__", m_getstate},
                 {"__setstate__", m_setstate},
                 {"__sizeof__", m_sizeof}};
  for (auto& m : methods) add_method(&bytesio_type, m.name, m.fn);
  add_getset(&bytesio_type, "closed", get_closed);
}

}  // namespace minipy::lib::io
