// Universal newlines: _io.IncrementalNewlineDecoder (a decoder wrapper that records which line
// endings it saw and, when translating, turns \r and \r\n into \n), and the helpers StringIO and
// TextIOWrapper share with it (newline_decode, find_line_end).
#include <cstddef>

#include "runtime/critical_section.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/int.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/_io/iobase.h"

namespace minipy::lib::io {

using namespace rt;

TypeObject newline_decoder_type;

std::string newline_decode(NewlineState& st, std::string out, bool final) {
  if (st.pendingcr && (!out.empty() || final)) {
    out.insert(out.begin(), '\r');
    st.pendingcr = false;
  }
  // A final \r is kept back, even without translation, so that readline() sees a \r\n whole.
  if (!final && !out.empty() && out.back() == '\r') {
    out.pop_back();
    st.pendingcr = true;
  }
  size_t cr = 0, lf = 0, crlf = 0;
  for (size_t i = 0; i < out.size(); i++) {
    if (out[i] == '\n') {
      lf++;
    } else if (out[i] == '\r') {
      if (i + 1 < out.size() && out[i + 1] == '\n') {
        crlf++;
        i++;
      } else {
        cr++;
      }
    }
  }
  if (lf) st.seennl |= NewlineState::kLF;
  if (cr) st.seennl |= NewlineState::kCR;
  if (crlf) st.seennl |= NewlineState::kCRLF;
  if (st.translate && (cr || crlf)) {
    std::string t;
    t.reserve(out.size());
    for (size_t i = 0; i < out.size(); i++) {
      if (out[i] == '\r') {
        t.push_back('\n');
        if (i + 1 < out.size() && out[i + 1] == '\n') i++;
      } else {
        t.push_back(out[i]);
      }
    }
    out = std::move(t);
  }
  return out;
}

Ref newlines_value(int seennl) {
  static const char* const one[] = {nullptr, "\n", "\r", nullptr, "\r\n"};
  switch (seennl) {
    case 0:
      return none_ref();
    case 1:
    case 2:
    case 4:
      return str_new(one[seennl]);
    default:
      break;
  }
  Ref items[3];
  size_t n = 0;
  if (seennl & NewlineState::kCR) items[n++] = str_new("\r");
  if (seennl & NewlineState::kLF) items[n++] = str_new("\n");
  if (seennl & NewlineState::kCRLF) items[n++] = str_new("\r\n");
  Ref t = tuple_new(n);
  for (size_t i = 0; i < n; i++) tuple_set_steal(as_tuple(t.get()), i, items[i].release());
  return t;
}

size_t find_line_end(std::string_view text, size_t start, bool translated, bool universal,
                     std::string_view readnl) {
  if (translated) {
    size_t nl = text.find('\n', start);
    return nl == std::string_view::npos ? nl : nl + 1;
  }
  if (universal) {
    for (size_t i = start; i < text.size(); i++) {
      if (text[i] == '\n') return i + 1;
      if (text[i] == '\r') return (i + 1 < text.size() && text[i + 1] == '\n') ? i + 2 : i + 1;
    }
    return std::string_view::npos;
  }
  size_t nl = text.find(readnl, start);
  return nl == std::string_view::npos ? nl : nl + readnl.size();
}

namespace {

struct NewlineDecoderObject : Object {
  Ref decoder;  // the wrapped decoder (None: input is already str)
  Ref errors;
  NewlineState st;
  bool ok = false;  // __init__ ran
};

NewlineDecoderObject* nd(Value v) { return static_cast<NewlineDecoderObject*>(v.obj()); }

Ref nd_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<NewlineDecoderObject>(type)));
}

bool nd_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3];
  if (!parse_args("IncrementalNewlineDecoder", args, nargs, kw, {"decoder", "translate", "errors"},
                  2, a))
    return false;
  int t = truthy(a[1]);
  if (t < 0) return false;
  NewlineDecoderObject* d = nd(self);
  CriticalSection cs(d);
  d->decoder = Ref::new_ref(a[0]);
  d->errors = a[2] ? Ref::new_ref(a[2]) : str_new("strict");
  d->st = NewlineState();
  d->st.translate = t != 0;
  d->ok = true;
  return true;
}

void nd_dealloc(Object* o) { delete static_cast<NewlineDecoderObject*>(o); }
void nd_traverse(Object* o, VisitFn visit, void* arg) {
  auto* d = static_cast<NewlineDecoderObject*>(o);
  if (d->decoder) visit_value(d->decoder.get(), visit, arg);
  if (d->errors) visit_value(d->errors.get(), visit, arg);
}
void nd_clear(Object* o) {
  auto* d = static_cast<NewlineDecoderObject*>(o);
  Ref a = std::move(d->decoder), b = std::move(d->errors);
}

bool check_init(NewlineDecoderObject* d) {
  if (!d->ok) raise(&exc_ValueError, "IncrementalNewlineDecoder.__init__() not called");
  return d->ok;
}

Ref nd_decode(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_args("decode", args, nargs, kw, {"input", "final"}, 1, a)) return Ref();
  NewlineDecoderObject* d = nd(self);
  if (!check_init(d)) return Ref();
  int final = a[1] ? truthy(a[1]) : 0;
  if (final < 0) return Ref();
  Ref out;
  if (!is_none(d->decoder.get())) {
    // decoder.decode(input, final=final), as CPython calls it.
    Ref meth = getattr(d->decoder.get(), "decode");
    if (!meth) return meth;
    Value da[2] = {a[0], Bool(final != 0)};
    Ref kwn = tuple_of({Value(intern("final"))});
    out = call(meth.get(), da, 1, as_tuple(kwn.get()));
    if (!out) return out;
  } else {
    out = Ref::new_ref(a[0]);
  }
  if (!is_str(out.get())) {
    return raise_fmt(&exc_TypeError, "decoder should return a string result, not '{}'",
                     type_name(out.get()));
  }
  CriticalSection cs(d);
  return str_new(newline_decode(d->st, std::string(as_str(out.get())->view()), final != 0));
}

Ref nd_getstate(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("getstate", nargs, kw, 0, 0)) return Ref();
  NewlineDecoderObject* d = nd(self);
  if (!check_init(d)) return Ref();
  Ref buf;
  int64_t flag = 0;
  if (!is_none(d->decoder.get())) {
    Ref state = call_method(d->decoder.get(), intern("getstate"), nullptr, 0);
    if (!state) return state;
    if (!is_tuple(state.get()) || as_tuple(state.get())->size != 2) {
      return raise(&exc_TypeError, "illegal decoder state");
    }
    buf = Ref::new_ref(as_tuple(state.get())->at(0));
    if (!index_int64(as_tuple(state.get())->at(1), &flag)) return Ref();
  } else {
    buf = bytes_new("");
  }
  flag <<= 1;
  if (d->st.pendingcr) flag |= 1;
  Ref f = int_from_int64(flag);
  return tuple_of({buf.get(), f.get()});
}

Ref nd_setstate(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("setstate", nargs, kw, 1, 1)) return Ref();
  NewlineDecoderObject* d = nd(self);
  if (!check_init(d)) return Ref();
  Value st = args[0];
  if (!is_tuple(st) || as_tuple(st)->size != 2)
    return raise(&exc_TypeError, "state argument must be a tuple");
  int64_t flag;
  if (!index_int64(as_tuple(st)->at(1), &flag)) return Ref();
  d->st.pendingcr = (flag & 1) != 0;
  if (!is_none(d->decoder.get())) {
    Ref f = int_from_int64(flag >> 1);
    Ref t = tuple_of({as_tuple(st)->at(0), f.get()});
    Value ta = t.get();
    return call_method(d->decoder.get(), intern("setstate"), &ta, 1);
  }
  return none_ref();
}

Ref nd_reset(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("reset", nargs, kw, 0, 0)) return Ref();
  NewlineDecoderObject* d = nd(self);
  if (!check_init(d)) return Ref();
  d->st.seennl = 0;
  d->st.pendingcr = false;
  if (!is_none(d->decoder.get())) return call_method(d->decoder.get(), intern("reset"), nullptr, 0);
  return none_ref();
}

Ref nd_get_newlines(Value self) {
  if (!check_init(nd(self))) return Ref();
  return newlines_value(nd(self)->st.seennl);
}

}  // namespace

void ready_newline_decoder_type() {
  TypeObject* t = &newline_decoder_type;
  t->name = "IncrementalNewlineDecoder";
  t->module = "_io";
  t->flags = kTypeBaseType;
  t->basic_size = sizeof(NewlineDecoderObject);
  t->new_ = nd_new;
  t->init = nd_init;
  t->dealloc = nd_dealloc;
  t->traverse = nd_traverse;
  t->clear = nd_clear;
  type_ready(t, &object_type);
  add_method(t, "decode", nd_decode);
  add_method(t, "getstate", nd_getstate);
  add_method(t, "setstate", nd_setstate);
  add_method(t, "reset", nd_reset);
  add_getset(t, "newlines", nd_get_newlines);
}

}  // namespace minipy::lib::io
