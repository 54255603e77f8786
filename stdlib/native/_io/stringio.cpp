// _io.StringIO: a text stream over an in-memory buffer of code points (positions, seek and
// truncate count characters, so the buffer is UTF-32; str values are UTF-8 and are converted at
// the edges). Newline handling follows the `newline` argument as TextIOWrapper's does, with no
// os.linesep translation: None translates \r and \r\n to \n on write, '' keeps them and splits
// lines universally, '\r' and '\r\n' turn written \n into themselves.
#include <algorithm>
#include <cstddef>
#include <string>

#include "runtime/critical_section.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/_io/iobase.h"

namespace minipy::lib::io {

using namespace rt;

TypeObject stringio_type;

namespace {

struct StringIOObject : IOBaseObject {
  std::u32string buf;
  int64_t pos = 0;
  bool ok = false;  // __init__ ran
  bool closed = false;
  bool universal = false;    // readline splits on \r, \n and \r\n
  bool translate = false;    // newline=None: written \r, \r\n become \n
  bool has_decoder = false;  // newline None or '': newline kinds are recorded
  NewlineState nl;
  std::u32string readnl;  // the line ending readline looks for when not universal
  std::string writenl;    // what a written \n becomes ("" = itself)
};

StringIOObject* sio(Value v) { return static_cast<StringIOObject*>(v.obj()); }

bool check_ok(StringIOObject* s) {
  if (!s->ok) {
    raise(&exc_ValueError, "I/O operation on uninitialized object");
    return false;
  }
  if (s->closed) {
    raise(&exc_ValueError, "I/O operation on closed file");  // StringIO's message has no period
    return false;
  }
  return true;
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) out.push_back(utf8_decode(s, pos));
  return out;
}

Ref from_u32(const char32_t* p, size_t n) {
  std::string out;
  out.reserve(n);
  for (size_t i = 0; i < n; i++) utf8_append(out, static_cast<uint32_t>(p[i]));
  return str_new(std::move(out));
}

/// Writes decoded text at pos (translating newlines); returns false on error.
void write_text(StringIOObject* s, std::string_view text) {
  std::string t(text);
  if (s->has_decoder) t = newline_decode(s->nl, std::move(t), true);
  if (!s->writenl.empty() && t.find('\n') != std::string::npos) {
    std::string r;
    for (char c : t) {
      if (c == '\n')
        r += s->writenl;
      else
        r.push_back(c);
    }
    t = std::move(r);
  }
  std::u32string u = to_u32(t);
  if (u.empty()) return;
  size_t end = static_cast<size_t>(s->pos) + u.size();
  if (s->buf.size() < end) s->buf.resize(end, U'\0');  // writing past the end pads with NULs
  std::copy(u.begin(), u.end(), s->buf.begin() + s->pos);
  s->pos = static_cast<int64_t>(end);
}

Ref stringio_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<StringIOObject>(type)));
}

bool stringio_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_args("StringIO", args, nargs, kw, {"initial_value", "newline"}, 0, a)) return false;
  Value init = a[0], newline = a[1];
  std::string nl = "\n";
  bool nl_none = false;
  if (newline && is_none(newline)) {
    nl_none = true;
  } else if (newline) {
    if (!is_str(newline)) {
      raise_fmt(&exc_TypeError, "newline must be str or None, not {}", type_name(newline));
      return false;
    }
    nl = std::string(as_str(newline)->view());
    if (nl != "" && nl != "\n" && nl != "\r" && nl != "\r\n") {
      Ref r = repr(newline);
      if (r) raise_fmt(&exc_ValueError, "illegal newline value: {}", as_str(r.get())->view());
      return false;
    }
  }
  if (init && !is_none(init) && !is_str(init)) {
    raise_fmt(&exc_TypeError, "initial_value must be str or None, not {}", type_name(init));
    return false;
  }
  StringIOObject* s = sio(self);
  CriticalSection cs(s);
  s->buf.clear();
  s->pos = 0;
  s->closed = false;
  s->universal = nl_none || nl.empty();
  s->translate = nl_none;
  s->has_decoder = s->universal;
  s->nl = NewlineState();
  s->nl.translate = s->translate;
  s->readnl = nl_none ? U"\n" : to_u32(nl);
  s->writenl = (!nl_none && !nl.empty() && nl[0] == '\r') ? nl : "";
  s->ok = true;
  if (init && !is_none(init)) {
    write_text(s, as_str(init)->view());
    s->pos = 0;
  }
  return true;
}

void stringio_dealloc(Object* o) { delete static_cast<StringIOObject*>(o); }
void stringio_traverse(Object*, VisitFn, void*) {}

/// Length of the next line from pos, at most limit (< 0: no limit).
size_t line_length(StringIOObject* s, int64_t limit) {
  size_t start = static_cast<size_t>(s->pos);
  if (start >= s->buf.size()) return 0;
  size_t end = s->buf.size();
  if (limit >= 0) end = std::min(end, start + static_cast<size_t>(limit));
  size_t i = start;
  if (s->universal) {
    for (; i < end; i++) {
      if (s->buf[i] == U'\n') return i + 1 - start;
      if (s->buf[i] == U'\r') {
        if (i + 1 < end && s->buf[i + 1] == U'\n') return i + 2 - start;
        return i + 1 - start;
      }
    }
    return end - start;
  }
  const std::u32string& nl = s->readnl;
  size_t f = s->buf.find(nl, start);
  if (f == std::u32string::npos || f + nl.size() > end) return end - start;
  return f + nl.size() - start;
}

Ref take(StringIOObject* s, size_t n) {
  size_t start = static_cast<size_t>(s->pos);
  Ref r = from_u32(s->buf.data() + start, n);
  s->pos += static_cast<int64_t>(n);
  return r;
}

#define M(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

M(m_getvalue) {
  if (!check_nargs("getvalue", nargs, kw, 0, 0) || !check_ok(sio(self))) return Ref();
  CriticalSection cs(sio(self));
  return from_u32(sio(self)->buf.data(), sio(self)->buf.size());
}

M(m_read) {
  Value a[1];
  if (!parse_args("read", args, nargs, kw, {"size"}, 0, a)) return Ref();
  int64_t n;
  StringIOObject* s = sio(self);
  if (!size_arg(a[0], &n) || !check_ok(s)) return Ref();
  CriticalSection cs(s);
  int64_t avail = std::max<int64_t>(0, static_cast<int64_t>(s->buf.size()) - s->pos);
  if (n < 0 || n > avail) n = avail;
  return take(s, static_cast<size_t>(n));
}

M(m_readline) {
  Value a[1];
  if (!parse_args("readline", args, nargs, kw, {"size"}, 0, a)) return Ref();
  StringIOObject* s = sio(self);
  int64_t n;
  if (!size_arg(a[0], &n) || !check_ok(s)) return Ref();
  CriticalSection cs(s);
  return take(s, line_length(s, n));
}

M(m_write) {
  if (!check_nargs("write", nargs, kw, 1, 1)) return Ref();
  StringIOObject* s = sio(self);
  if (!check_ok(s)) return Ref();
  if (!is_str(args[0]))
    return raise_fmt(&exc_TypeError, "string argument expected, got '{}'", type_name(args[0]));
  StrObject* str = as_str(args[0]);
  CriticalSection cs(s);
  write_text(s, str->view());
  return int_from_int64(str->length);
}

M(m_seek) {
  if (!check_nargs("seek", nargs, kw, 1, 2)) return Ref();
  int64_t pos, whence = 0;
  if (!index_int64(args[0], &pos)) return Ref();
  if (nargs > 1 && !index_int64(args[1], &whence)) return Ref();
  StringIOObject* s = sio(self);
  if (!check_ok(s)) return Ref();
  if (whence != 0 && whence != 1 && whence != 2) {
    return raise_fmt(&exc_ValueError, "Invalid whence ({}, should be 0, 1 or 2)", whence);
  }
  if (pos < 0 && whence == 0) return raise_fmt(&exc_ValueError, "Negative seek position {}", pos);
  if (whence != 0 && pos != 0) return raise(&exc_OSError, "Can't do nonzero cur-relative seeks");
  CriticalSection cs(s);
  if (whence == 1) pos = s->pos;
  if (whence == 2) pos = static_cast<int64_t>(s->buf.size());
  s->pos = pos;
  return int_from_int64(pos);
}

M(m_tell) {
  if (!check_nargs("tell", nargs, kw, 0, 0) || !check_ok(sio(self))) return Ref();
  return int_from_int64(sio(self)->pos);
}

M(m_truncate) {
  if (!check_nargs("truncate", nargs, kw, 0, 1) || !check_ok(sio(self))) return Ref();
  StringIOObject* s = sio(self);
  int64_t size = s->pos;
  if (nargs == 1 && !is_none(args[0])) {
    if (!index_int64(args[0], &size)) return Ref();
    if (size < 0) return raise_fmt(&exc_ValueError, "Negative size value {}", size);
  }
  CriticalSection cs(s);
  if (size < static_cast<int64_t>(s->buf.size())) s->buf.resize(static_cast<size_t>(size));
  return int_from_int64(size);
}

M(m_true) {
  if (!check_ok(sio(self))) return Ref();
  return bool_ref(true);
}
M(m_close) {
  sio(self)->closed = true;
  std::u32string().swap(sio(self)->buf);
  return none_ref();
}

M(m_getstate) {
  StringIOObject* s = sio(self);
  if (!check_ok(s)) return Ref();
  Ref v = from_u32(s->buf.data(), s->buf.size());
  Ref nl;
  if (s->translate)
    nl = none_ref();
  else if (s->universal)
    nl = str_new("");
  else
    nl = from_u32(s->readnl.data(), s->readnl.size());
  Ref pos = int_from_int64(s->pos);
  Ref d = s->dict ? dict_copy(s->dict) : none_ref();
  return tuple_of({v.get(), nl.get(), pos.get(), d.get()});
}

M(m_setstate) {
  if (!check_nargs("__setstate__", nargs, kw, 1, 1)) return Ref();
  StringIOObject* s = sio(self);
  if (s->closed) return raise_closed_file();
  Value st = args[0];
  if (!is_tuple(st) || as_tuple(st)->size < 4) {
    return raise_fmt(&exc_TypeError, "{}.__setstate__ argument should be 4-tuple, got {}",
                     type_name(self), type_name(st));
  }
  TupleObject* t = as_tuple(st);
  // Re-initialise with the newline mode, then put the value back untranslated.
  Value ia[2] = {None(), t->at(1)};
  if (!stringio_init(self, ia, 2, nullptr)) return Ref();
  if (!is_str(t->at(0))) return raise(&exc_TypeError, "initial_value must be str");
  s->buf = to_u32(as_str(t->at(0))->view());
  if (!is_int(t->at(2))) {
    return raise_fmt(&exc_TypeError, "third item of state must be an integer, got {}",
                     type_name(t->at(2)));
  }
  int64_t pos;
  if (!index_int64(t->at(2), &pos)) return Ref();
  if (pos < 0) return raise(&exc_ValueError, "position value cannot be negative");
  s->pos = pos;
  Value d = t->at(3);
  if (!is_none(d)) {
    if (!is_dict(d))
      return raise_fmt(&exc_TypeError, "fourth item of state should be a dict, got a {}",
                       type_name(d));
    DictObject** slot = instance_dict_slot(self);
    if (!*slot) *slot = static_cast<DictObject*>(dict_new().release().obj());
    if (!dict_update(*slot, d)) return Ref();
  }
  return none_ref();
}

Ref get_closed(Value self) {
  if (!sio(self)->ok) return raise(&exc_ValueError, "I/O operation on uninitialized object");
  return bool_ref(sio(self)->closed);
}
Ref get_line_buffering(Value self) {
  if (!check_ok(sio(self))) return Ref();
  return bool_ref(false);
}
Ref get_newlines(Value self) {
  StringIOObject* s = sio(self);
  if (!check_ok(s)) return Ref();
  if (!s->has_decoder) return none_ref();
  return newlines_value(s->nl.seennl);
}

Ref stringio_iternext(Value self) {
  StringIOObject* s = sio(self);
  if (!check_ok(s)) return Ref();
  Ref line;
  if (type_of(self) == &stringio_type) {
    CriticalSection cs(s);
    line = take(s, line_length(s, -1));
  } else {
    // A subclass may override readline(): __next__ goes through it, as CPython's does.
    line = call_name(self, "readline");
    if (!line) return line;
    if (!is_str(line.get())) {
      return raise_fmt(&exc_OSError, "readline() should have returned a str object, not '{}'",
                       type_name(line.get()));
    }
  }
  if (as_str(line.get())->length == 0) return Ref();
  return line;
}

}  // namespace

void ready_stringio_type() {
  io_type_setup(&stringio_type, "StringIO", sizeof(StringIOObject));
  stringio_type.new_ = stringio_new;
  stringio_type.init = stringio_init;
  stringio_type.dealloc = stringio_dealloc;
  stringio_type.traverse = stringio_traverse;
  stringio_type.iternext = stringio_iternext;
  type_ready(&stringio_type, &textiobase_type);
  struct {
    const char* name;
    NativeFn fn;
  } methods[] = {{"getvalue", m_getvalue},    {"read", m_read},     {"readline", m_readline},
                 {"write", m_write},          {"seek", m_seek},     {"tell", m_tell},
                 {"truncate", m_truncate},    {"readable", m_true}, {"writable", m_true},
                 {"seekable", m_true},        {"close", m_close},   {"__getstate__", m_getstate},
                 {"__setstate__", m_setstate}};
  for (auto& m : methods) add_method(&stringio_type, m.name, m.fn);
  add_getset(&stringio_type, "closed", get_closed);
  add_getset(&stringio_type, "line_buffering", get_line_buffering);
  add_getset(&stringio_type, "newlines", get_newlines);
}

}  // namespace minipy::lib::io
