// _io.TextIOWrapper: str over a buffered binary stream. UTF-8, ASCII and Latin-1 are encoded and
// decoded here without Python-level codec objects (the state of such a decoder is the few bytes
// of an unfinished UTF-8 sequence plus the universal-newline state); any other encoding goes
// through codecs.getincrementaldecoder/encoder, which needs the _codecs module.
//
// tell() returns CPython's opaque cookie: start_pos | dec_flags << 64 | bytes_to_feed << 128 |
// chars_to_skip << 192 | need_eof << 256, found by re-decoding the current chunk byte by byte
// from the snapshot taken before it was read (CPython's algorithm, simplified as _pyio's).
#include <algorithm>
#include <cstddef>

#include "runtime/critical_section.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/_io/iobase.h"
#include "stdlib/native/codecs_core.h"

namespace minipy::lib::io {

using namespace rt;

TypeObject textiowrapper_type;

namespace {

enum class Codec { Utf8, Ascii, Latin1, Other };

/// The state of a native decoder: an unfinished UTF-8 sequence and the newline state.
struct NativeDecoder {
  std::string pending;
  NewlineState nl;
};

struct TextIOObject : IOBaseObject {
  Ref buffer;
  Ref encoding, errors;  // str
  Codec codec = Codec::Utf8;
  Ref decoder, encoder;  // Codec::Other only (Python codec objects; decoder may wrap newlines)
  bool readable = false, writable = false;
  NativeDecoder dec;  // native codecs
  bool readuniversal = false, readtranslate = false, writetranslate = false;
  std::string readnl;   // the line ending readline() looks for ("" = universal)
  std::string writenl;  // what a written \n becomes ("" = itself)
  bool line_buffering = false, write_through = false;
  std::string decoded;             // decoded text of the current chunk (UTF-8)
  size_t decoded_pos = 0;          // bytes of `decoded` consumed
  int64_t decoded_chars_used = 0;  // the same, in code points
  bool has_snapshot = false;
  int64_t snap_flags = 0;
  std::string snap_input;
  std::string pending_bytes;  // encoded, not yet written to the buffer
  int64_t chunk_size = 8192;
  bool seekable = false, telling = false, has_read1 = false;
  bool ok = false, detached = false;
};

TextIOObject* tx(Value v) { return static_cast<TextIOObject*>(v.obj()); }

bool check_attached(TextIOObject* t) {
  if (t->ok) return true;
  raise(&exc_ValueError, t->detached ? "underlying buffer has been detached"
                                     : "I/O operation on uninitialized object");
  return false;
}

bool check_attached_open(Value self) {
  TextIOObject* t = tx(self);
  if (!check_attached(t)) return false;
  int c = is_closed(t->buffer.get());
  if (c < 0) return false;
  if (c) {
    raise_closed_file();
    return false;
  }
  return true;
}

Codec codec_for(std::string_view name) {
  std::string e;
  for (char c : name)
    e.push_back(c == '_' || c == ' '
                    ? '-'
                    : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (e == "utf-8" || e == "utf8" || e == "u8" || e == "utf") return Codec::Utf8;
  if (e == "ascii" || e == "us-ascii" || e == "646") return Codec::Ascii;
  if (e == "latin-1" || e == "latin1" || e == "iso-8859-1" || e == "iso8859-1" || e == "l1" ||
      e == "8859" || e == "cp819" || e == "iso-ir-100")
    return Codec::Latin1;
  return Codec::Other;
}

const char* codec_name(Codec c) {
  return c == Codec::Ascii ? "ascii" : c == Codec::Latin1 ? "latin-1" : "utf-8";
}

// ------------------------------------------------------------------ native codecs

/// Bytes at the end of `d` that start a UTF-8 sequence not yet complete.
size_t incomplete_tail(std::string_view d) {
  size_t n = d.size();
  for (size_t back = 1; back <= 3 && back <= n; back++) {
    auto c = static_cast<unsigned char>(d[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: keep looking for the lead
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return len > back ? back : 0;
  }
  return 0;
}

/// Decodes `input` through the native decoder state `st` (final: no more input follows).
Ref native_decode(TextIOObject* t, NativeDecoder& st, std::string_view input, bool final) {
  std::string data = st.pending;
  data.append(input);
  st.pending.clear();
  if (t->codec == Codec::Utf8 && !final) {
    size_t tail = incomplete_tail(data);
    st.pending = data.substr(data.size() - tail);
    data.resize(data.size() - tail);
  }
  Ref text;
  if (t->codec == Codec::Utf8) {
    // Valid UTF-8 is the str representation already: check, then copy.
    bool ascii;
    size_t pos = 0;
    bool valid = true;
    while (pos < data.size()) {
      auto c = static_cast<unsigned char>(data[pos]);
      size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
      if (len == 0 || pos + len > data.size()) {
        valid = false;
        break;
      }
      for (size_t k = 1; k < len; k++) {
        if ((static_cast<unsigned char>(data[pos + k]) & 0xC0) != 0x80) valid = false;
      }
      if (!valid) break;
      pos += len;
    }
    (void)ascii;
    if (valid) {
      text = str_new(std::move(data));
    } else {
      Ref b = bytes_new(data);
      Ref enc = str_new("utf-8");
      text = bytes_decode_to_str(b.get(), enc.get(), t->errors.get());
    }
  } else {
    Ref b = bytes_new(data);
    Ref enc = str_new(codec_name(t->codec));
    text = bytes_decode_to_str(b.get(), enc.get(), t->errors.get());
  }
  if (!text) return text;
  if (!t->readuniversal) return text;
  return str_new(newline_decode(st.nl, std::string(as_str(text.get())->view()), final));
}

Ref native_encode(TextIOObject* t, Value text) {
  std::string_view err = as_str(t->errors.get())->view();
  // str keeps lone surrogates as 3-byte sequences: ASCII text is copied, the rest goes through
  // the codec, which copies it too unless a surrogate needs the error handler.
  if (t->codec == Codec::Utf8) {
    if (as_str(text)->ascii) return bytes_new(as_str(text)->view());
    return codecs::utf8_encode(text, err);
  }
  uint32_t limit = t->codec == Codec::Ascii ? 0x80 : 0x100;
  if (err == "backslashreplace" || err == "xmlcharrefreplace") {
    std::string_view s = as_str(text)->view();
    std::string out;
    size_t pos = 0;
    while (pos < s.size()) {
      uint32_t cp = utf8_decode(s, pos);
      if (cp < limit) {
        out.push_back(static_cast<char>(cp));
      } else if (err == "xmlcharrefreplace") {
        out += fmt::format("&#{};", cp);
      } else {
        out += cp <= 0xFF     ? fmt::format("\\x{:02x}", cp)
               : cp <= 0xFFFF ? fmt::format("\\u{:04x}", cp)
                              : fmt::format("\\U{:08x}", cp);
      }
    }
    return bytes_new(out);
  }
  Ref enc = str_new(codec_name(t->codec));
  return str_encode(text, enc.get(), t->errors.get());
}

// ------------------------------------------------------------------ the decoder, either kind

Ref decode(TextIOObject* t, std::string_view input, bool final) {
  if (t->codec != Codec::Other) return native_decode(t, t->dec, input, final);
  Ref meth = getattr(t->decoder.get(), "decode");
  if (!meth) return meth;
  Ref b = bytes_new(input);
  Value a[2] = {b.get(), Bool(final)};
  Ref kwn = tuple_of({Value(intern("final"))});
  Ref r = call(meth.get(), a, 1, as_tuple(kwn.get()));
  if (r && !is_str(r.get())) {
    return raise_fmt(&exc_TypeError, "decoder should return a string result, not '{}'",
                     type_name(r.get()));
  }
  return r;
}

bool decoder_getstate(TextIOObject* t, std::string* buf, int64_t* flags) {
  if (t->codec != Codec::Other) {
    *buf = t->dec.pending;
    *flags = t->readuniversal && t->dec.nl.pendingcr ? 1 : 0;
    return true;
  }
  Ref st = call_name(t->decoder.get(), "getstate");
  if (!st) return false;
  if (!is_tuple(st.get()) || as_tuple(st.get())->size != 2) {
    raise(&exc_TypeError, "illegal decoder state");
    return false;
  }
  std::string_view d;
  if (!bytes_like_data(as_tuple(st.get())->at(0), &d)) {
    raise(&exc_TypeError, "illegal decoder state");
    return false;
  }
  *buf = std::string(d);
  return index_int64(as_tuple(st.get())->at(1), flags);
}

bool decoder_setstate(TextIOObject* t, std::string_view buf, int64_t flags) {
  if (t->codec != Codec::Other) {
    t->dec.pending = std::string(buf);
    t->dec.nl.pendingcr = t->readuniversal && (flags & 1);
    return true;
  }
  Ref b = bytes_new(buf);
  Ref f = int_from_int64(flags);
  Ref st = tuple_of({b.get(), f.get()});
  return static_cast<bool>(call_name1(t->decoder.get(), "setstate", st.get()));
}

bool decoder_reset(TextIOObject* t) {
  if (t->codec != Codec::Other) {
    t->dec.pending.clear();
    t->dec.nl.pendingcr = false;
    return true;
  }
  return static_cast<bool>(call_name(t->decoder.get(), "reset"));
}

Ref encode(TextIOObject* t, Value text) {
  if (t->codec != Codec::Other) return native_encode(t, text);
  Ref r = call_name1(t->encoder.get(), "encode", text);
  if (r && !is_bytes(r.get())) {
    return raise_fmt(&exc_TypeError, "encoder should return a bytes object, not '{}'",
                     type_name(r.get()));
  }
  return r;
}

// ------------------------------------------------------------------ set-up

bool parse_newline(Value v, bool* is_none_out, std::string* out, const char* fname) {
  *is_none_out = !v || is_none(v);
  if (*is_none_out) return true;
  if (!is_str(v)) {
    raise_fmt(&exc_TypeError, "{}() argument 'newline' must be str or None, not {}", fname,
              type_name(v));
    return false;
  }
  *out = std::string(as_str(v)->view());
  if (*out != "" && *out != "\n" && *out != "\r" && *out != "\r\n") {
    raise_fmt(&exc_ValueError, "illegal newline value: {}", *out);
    return false;
  }
  return true;
}

void apply_newline(TextIOObject* t, bool none, const std::string& nl) {
  t->readuniversal = none || nl.empty();
  t->readtranslate = none;
  t->readnl = none ? "" : nl;
  t->writetranslate = none || !nl.empty();
  t->writenl = (!none && (nl == "\r" || nl == "\r\n")) ? nl : "";
  t->dec.nl = NewlineState();
  t->dec.nl.translate = t->readtranslate;
}

/// Creates the codec objects for t->encoding (Codec::Other) or checks the native name.
bool setup_codec(TextIOObject* t) {
  t->codec = codec_for(as_str(t->encoding.get())->view());
  t->decoder = Ref();
  t->encoder = Ref();
  t->dec = NativeDecoder();
  t->dec.nl.translate = t->readtranslate;
  if (t->codec != Codec::Other) return true;
  Ref info = codecs::codec_lookup(as_str(t->encoding.get())->view());  // codecs.lookup
  if (!info) return false;
  Ref is_text = getattr_opt(info.get(), intern("_is_text_encoding"));
  if (is_text && is_text.get() == False()) {
    return static_cast<bool>(
        raise_fmt(&exc_LookupError,
                  "'{}' is not a text encoding; use codecs.open() to handle arbitrary codecs",
                  as_str(t->encoding.get())->view()));
  }
  clear_exception();
  if (t->readable) {
    Ref mk = getattr(info.get(), "incrementaldecoder");
    if (!mk) return false;
    Ref d = call1(mk.get(), t->errors.get());
    if (!d) return false;
    if (t->readuniversal) {
      Value a[2] = {d.get(), Bool(t->readtranslate)};
      d = call(Value(&newline_decoder_type), a, 2);
      if (!d) return false;
    }
    t->decoder = std::move(d);
  }
  if (t->writable) {
    Ref mk = getattr(info.get(), "incrementalencoder");
    if (!mk) return false;
    Ref e = call1(mk.get(), t->errors.get());
    if (!e) return false;
    t->encoder = std::move(e);
  }
  return true;
}

Ref textio_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<TextIOObject>(type)));
}

bool textio_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[6];
  if (!parse_args("TextIOWrapper", args, nargs, kw,
                  {"buffer", "encoding", "errors", "newline", "line_buffering", "write_through"}, 1,
                  a)) {
    return false;
  }
  TextIOObject* t = tx(self);
  t->ok = false;
  t->detached = false;
  for (int i : {1, 2}) {
    if (a[i] && !is_none(a[i]) && !is_str(a[i])) {
      raise_fmt(&exc_TypeError, "TextIOWrapper() argument '{}' must be str or None, not {}",
                i == 1 ? "encoding" : "errors", type_name(a[i]));
      return false;
    }
  }
  bool nl_none;
  std::string nl;
  if (!parse_newline(a[3], &nl_none, &nl, "TextIOWrapper")) return false;
  int lb = a[4] ? truthy(a[4]) : 0, wt = a[5] ? truthy(a[5]) : 0;
  if (lb < 0 || wt < 0) return false;
  Value buffer = a[0];
  // encoding None or "locale": UTF-8, spelled as CPython spells it in UTF-8 mode (PEP 540),
  // which minipy's sys.flags.utf8_mode reports.
  if (!a[1] || is_none(a[1]) || as_str(a[1])->view() == "locale") {
    t->encoding = str_new("utf-8");
  } else {
    t->encoding = Ref::new_ref(a[1]);
  }
  t->errors = (a[2] && !is_none(a[2])) ? Ref::new_ref(a[2]) : str_new("strict");
  apply_newline(t, nl_none, nl);
  t->line_buffering = lb != 0;
  t->write_through = wt != 0;
  t->buffer = Ref::new_ref(buffer);
  Ref r = call_name(buffer, "readable");
  if (!r) return false;
  t->readable = truthy(r.get()) == 1;
  r = call_name(buffer, "writable");
  if (!r) return false;
  t->writable = truthy(r.get()) == 1;
  if (!setup_codec(t)) return false;
  r = call_name(buffer, "seekable");
  if (!r) return false;
  t->seekable = t->telling = truthy(r.get()) == 1;
  Ref r1 = getattr_opt(buffer, intern("read1"));
  if (!r1 && error_pending()) return false;
  t->has_read1 = static_cast<bool>(r1);
  t->decoded.clear();
  t->decoded_pos = 0;
  t->decoded_chars_used = 0;
  t->has_snapshot = false;
  t->pending_bytes.clear();
  t->ok = true;
  return true;
}

void textio_dealloc(Object* o) { delete static_cast<TextIOObject*>(o); }
void textio_traverse(Object* o, VisitFn visit, void* arg) {
  auto* t = static_cast<TextIOObject*>(o);
  for (Ref* r : {&t->buffer, &t->encoding, &t->errors, &t->decoder, &t->encoder}) {
    if (*r) visit_value(r->get(), visit, arg);
  }
}
void textio_clear(Object* o) {
  auto* t = static_cast<TextIOObject*>(o);
  Ref a = std::move(t->buffer), b = std::move(t->decoder), c = std::move(t->encoder);
  t->ok = false;
}

#define M(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

// ------------------------------------------------------------------ writing

bool write_flush(TextIOObject* t) {
  if (t->pending_bytes.empty()) return true;
  Ref b = bytes_new(t->pending_bytes);
  t->pending_bytes.clear();
  Value bv = b.get();
  return static_cast<bool>(call_method(t->buffer.get(), names::write, &bv, 1));
}

void clear_decoded(TextIOObject* t) {
  t->decoded.clear();
  t->decoded_pos = 0;
  t->decoded_chars_used = 0;
}

M(m_write) {
  if (!check_nargs("write", nargs, kw, 1, 1)) return Ref();
  TextIOObject* t = tx(self);
  if (!check_attached_open(self)) return Ref();
  if (!is_str(args[0]))
    return raise_fmt(&exc_TypeError, "write() argument must be str, not {}", type_name(args[0]));
  if (!t->writable) return raise_unsupported("not writable");
  CriticalSection cs(t);
  Value text = args[0];
  std::string_view v = as_str(text)->view();
  int64_t length = as_str(text)->length;
  bool haslf = v.find('\n') != std::string_view::npos;
  Ref translated;
  if (haslf && t->writetranslate && !t->writenl.empty()) {
    std::string r;
    for (char c : v) {
      if (c == '\n')
        r += t->writenl;
      else
        r.push_back(c);
    }
    translated = str_new(std::move(r));
    text = translated.get();
  }
  bool needflush = t->line_buffering && (haslf || v.find('\r') != std::string_view::npos);
  Ref b = encode(t, text);
  if (!b) return b;
  std::string_view bd;
  bytes_like_data(b.get(), &bd);
  t->pending_bytes.append(bd);
  if (static_cast<int64_t>(t->pending_bytes.size()) > t->chunk_size || needflush ||
      t->write_through) {
    if (!write_flush(t)) return Ref();
  }
  if (needflush && !call_method(t->buffer.get(), names::flush, nullptr, 0)) return Ref();
  clear_decoded(t);
  t->has_snapshot = false;
  if (t->readable && !decoder_reset(t)) return Ref();
  return int_from_int64(length);
}

M(m_flush) {
  if (!check_nargs("flush", nargs, kw, 0, 0)) return Ref();
  TextIOObject* t = tx(self);
  if (!check_attached_open(self)) return Ref();
  CriticalSection cs(t);
  t->telling = t->seekable;
  if (!write_flush(t)) return Ref();
  return call_method(t->buffer.get(), names::flush, nullptr, 0);
}

// ------------------------------------------------------------------ reading

/// Reads and decodes one chunk; 1 = got data, 0 = EOF, -1 = error.
int read_chunk(TextIOObject* t, int64_t size_hint) {
  std::string dec_buffer;
  int64_t dec_flags = 0;
  if (t->telling && !decoder_getstate(t, &dec_buffer, &dec_flags)) return -1;
  Value n = Value::from_small(std::max(t->chunk_size, size_hint));
  Ref chunk = call_name(t->buffer.get(), t->has_read1 ? "read1" : "read", &n, 1);
  if (!chunk) return -1;
  std::string_view input;
  if (!is_none(chunk.get()) && !bytes_like_data(chunk.get(), &input)) {
    raise_fmt(&exc_TypeError, "underlying {}() should have returned a bytes-like object, not '{}'",
              t->has_read1 ? "read1" : "read", type_name(chunk.get()));
    return -1;
  }
  bool eof = input.empty();
  Ref text = decode(t, input, eof);
  if (!text) return -1;
  t->decoded = std::string(as_str(text.get())->view());
  t->decoded_pos = 0;
  t->decoded_chars_used = 0;
  if (t->telling) {
    t->has_snapshot = true;
    t->snap_flags = dec_flags;
    t->snap_input = dec_buffer;
    t->snap_input.append(input);
  }
  return eof ? 0 : 1;
}

/// Takes up to n code points (n < 0: all) from the decoded chunk into out.
void take_chars(TextIOObject* t, int64_t n, std::string& out) {
  size_t start = t->decoded_pos, pos = start;
  int64_t k = 0;
  if (n < 0) {
    std::string_view rest = std::string_view(t->decoded).substr(start);
    bool ascii;
    k = utf8_length(rest, &ascii);
    pos = t->decoded.size();
  } else {
    while (pos < t->decoded.size() && k < n) {
      pos++;
      while (pos < t->decoded.size() &&
             (static_cast<unsigned char>(t->decoded[pos]) & 0xC0) == 0x80)
        pos++;
      k++;
    }
  }
  out.append(t->decoded, start, pos - start);
  t->decoded_pos = pos;
  t->decoded_chars_used += k;
}

bool check_readable_text(TextIOObject* t) {
  if (!t->readable) {
    raise_unsupported("not readable");
    return false;
  }
  return true;
}

M(m_read) {
  Value a[1];
  if (!parse_args("read", args, nargs, kw, {"size"}, 0, a)) return Ref();
  TextIOObject* t = tx(self);
  int64_t n;
  if (!check_attached(t) || !size_arg(a[0], &n) || !check_attached_open(self) ||
      !check_readable_text(t))
    return Ref();
  CriticalSection cs(t);
  if (!write_flush(t)) return Ref();
  std::string out;
  if (n < 0) {
    Ref all = call_name(t->buffer.get(), "read");
    if (!all) return all;
    std::string_view input;
    if (!is_none(all.get()) && !bytes_like_data(all.get(), &input)) {
      return raise_fmt(&exc_TypeError,
                       "underlying read() should have returned a bytes object, not '{}'",
                       type_name(all.get()));
    }
    take_chars(t, -1, out);
    Ref text = decode(t, input, true);
    if (!text) return text;
    out.append(as_str(text.get())->view());
    clear_decoded(t);
    t->has_snapshot = false;
    return str_new(std::move(out));
  }
  int64_t remaining = n;
  for (;;) {
    size_t before = out.size();
    int64_t used = t->decoded_chars_used;
    take_chars(t, remaining, out);
    remaining -= t->decoded_chars_used - used;
    (void)before;
    if (remaining <= 0) break;
    int r = read_chunk(t, remaining);
    if (r < 0) return Ref();
    if (r == 0 && t->decoded.empty()) break;
  }
  return str_new(std::move(out));
}

/// One line (limit < 0: no limit), with the object locked by the caller.
Ref readline_impl(TextIOObject* t, int64_t limit) {
  if (!write_flush(t)) return Ref();
  std::string line;
  int64_t line_chars = 0;
  for (;;) {
    std::string_view rest = std::string_view(t->decoded).substr(t->decoded_pos);
    // Search the accumulated line plus the chunk (a "\r\n" ending may straddle two chunks).
    std::string cand = line;
    cand.append(rest);
    size_t from = line.size() > 1 ? line.size() - 1 : 0;
    size_t end = find_line_end(cand, from, t->readtranslate, t->readuniversal, t->readnl);
    if (end != std::string::npos) {
      std::string_view taken = std::string_view(cand).substr(line.size(), end - line.size());
      bool ascii;
      int64_t k = utf8_length(taken, &ascii);
      if (limit >= 0 && line_chars + k > limit) {
        take_chars(t, limit - line_chars, line);
      } else {
        line.append(taken);
        t->decoded_pos += taken.size();
        t->decoded_chars_used += k;
      }
      break;
    }
    if (limit >= 0) {
      int64_t used = t->decoded_chars_used;
      take_chars(t, limit - line_chars, line);
      line_chars += t->decoded_chars_used - used;
      if (line_chars >= limit) break;
    } else {
      int64_t used = t->decoded_chars_used;
      take_chars(t, -1, line);
      line_chars += t->decoded_chars_used - used;
    }
    int r = read_chunk(t, 0);
    if (r < 0) return Ref();
    if (r == 0 && t->decoded.empty()) break;
  }
  return str_new(std::move(line));
}

M(m_readline) {
  Value a[1];
  if (!parse_args("readline", args, nargs, kw, {"size"}, 0, a)) return Ref();
  TextIOObject* t = tx(self);
  if (a[0] && !is_none(a[0]) && !is_int(a[0]) && !type_of(a[0])->nb_index) {
    return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                     type_name(a[0]));
  }
  int64_t limit;
  if (!check_attached(t) || !size_arg(a[0], &limit) || !check_attached_open(self) ||
      !check_readable_text(t)) {
    return Ref();
  }
  CriticalSection cs(t);
  return readline_impl(t, limit);
}

Ref textio_iternext(Value self) {
  TextIOObject* t = tx(self);
  Ref line;
  if (type_of(self) == &textiowrapper_type) {
    if (!check_attached_open(self) || !check_readable_text(t)) return Ref();
    CriticalSection cs(t);
    t->telling = false;
    line = readline_impl(t, -1);
  } else {
    line = call_method(self, names::readline, nullptr, 0);
    if (line && !is_str(line.get())) {
      return raise_fmt(&exc_OSError, "readline() should have returned a str object, not '{}'",
                       type_name(line.get()));
    }
  }
  if (!line) return line;
  if (as_str(line.get())->length == 0) {
    t->has_snapshot = false;
    t->telling = t->seekable;
    return Ref();
  }
  return line;
}

// ------------------------------------------------------------------ tell / seek

Ref build_cookie(int64_t start_pos, int64_t dec_flags, int64_t bytes_to_feed, bool need_eof,
                 int64_t chars_to_skip) {
  Ref c = int_from_int64(start_pos);
  int shift = 64;
  for (int64_t part : {dec_flags, bytes_to_feed, chars_to_skip, static_cast<int64_t>(need_eof)}) {
    if (part != 0) {
      Ref p = int_from_int64(part);
      Ref s = int_binary(p.get(), Value::from_small(shift), NumOp::LShift);
      if (!s) return s;
      c = int_binary(c.get(), s.get(), NumOp::Or);
      if (!c) return c;
    }
    shift += 64;
  }
  return c;
}

bool split_cookie(Value cookie, int64_t parts[5]) {
  Ref mask = int_from_string("ffffffffffffffff", 16);
  Ref rest = Ref::new_ref(cookie);
  for (int i = 0; i < 5; i++) {
    Ref part = int_binary(rest.get(), mask.get(), NumOp::And);
    if (!part) return false;
    if (!int_to_int64(part.get(), &parts[i])) {
      // A 64-bit field above INT64_MAX: not a cookie this object made.
      clear_exception();
      parts[i] = INT64_MAX;
    }
    rest = int_binary(rest.get(), Value::from_small(64), NumOp::RShift);
    if (!rest) return false;
  }
  return true;
}

M(m_tell) {
  if (!check_nargs("tell", nargs, kw, 0, 0)) return Ref();
  TextIOObject* t = tx(self);
  if (!check_attached_open(self)) return Ref();
  if (!t->seekable) return raise_unsupported("underlying stream is not seekable");
  if (!t->telling) return raise(&exc_OSError, "telling position disabled by next() call");
  CriticalSection cs(t);
  if (!m_flush(self, nullptr, 0, nullptr)) return Ref();
  Ref posobj = call_name(t->buffer.get(), "tell");
  if (!posobj) return posobj;
  if (!t->readable || !t->has_snapshot) return posobj;
  int64_t position;
  if (!index_int64(posobj.get(), &position)) return Ref();
  position -= static_cast<int64_t>(t->snap_input.size());
  int64_t chars_to_skip = t->decoded_chars_used;
  if (chars_to_skip == 0) return build_cookie(position, t->snap_flags, 0, false, 0);

  // Re-decode the chunk from the snapshot, byte by byte, to find a start point whose decoder
  // state is clean, then count the bytes and characters from there.
  std::string saved_buf;
  int64_t saved_flags;
  NativeDecoder saved_native = t->dec;
  if (!decoder_getstate(t, &saved_buf, &saved_flags)) return Ref();
  auto restore = [&]() {
    if (t->codec != Codec::Other) {
      t->dec = saved_native;
      return true;
    }
    return decoder_setstate(t, saved_buf, saved_flags);
  };
  if (!decoder_setstate(t, "", t->snap_flags)) return Ref();
  int64_t start_pos = position, start_flags = t->snap_flags, bytes_fed = 0, chars_decoded = 0;
  bool need_eof = false;
  bool enough = false;
  for (size_t i = 0; i < t->snap_input.size(); i++) {
    bytes_fed++;
    Ref d = decode(t, std::string_view(t->snap_input).substr(i, 1), false);
    if (!d) {
      restore();
      return d;
    }
    chars_decoded += as_str(d.get())->length;
    std::string buf;
    int64_t flags;
    if (!decoder_getstate(t, &buf, &flags)) {
      restore();
      return Ref();
    }
    if (buf.empty() && chars_decoded <= chars_to_skip) {
      start_pos += bytes_fed;
      chars_to_skip -= chars_decoded;
      start_flags = flags;
      bytes_fed = 0;
      chars_decoded = 0;
    }
    if (chars_decoded >= chars_to_skip) {
      enough = true;
      break;
    }
  }
  if (!enough) {
    Ref d = decode(t, "", true);
    if (!d) {
      restore();
      return d;
    }
    chars_decoded += as_str(d.get())->length;
    need_eof = true;
    if (chars_decoded < chars_to_skip) {
      restore();
      return raise(&exc_OSError, "can't reconstruct logical file position");
    }
  }
  if (!restore()) return Ref();
  return build_cookie(start_pos, start_flags, bytes_fed, need_eof, chars_to_skip);
}

M(m_seek) {
  if (!check_nargs("seek", nargs, kw, 1, 2)) return Ref();
  TextIOObject* t = tx(self);
  if (!check_attached_open(self)) return Ref();
  int64_t whence = 0;
  if (nargs > 1 && !index_int64(args[1], &whence)) return Ref();
  if (!t->seekable) return raise_unsupported("underlying stream is not seekable");
  Value cookie = args[0];
  if (!is_int(cookie) && !type_of(cookie)->nb_index) {
    return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                     type_name(cookie));
  }
  CriticalSection cs(t);
  Ref cookie_ref = number_index(cookie);
  if (!cookie_ref) return cookie_ref;
  cookie = cookie_ref.get();
  int zero = equal(cookie, Value::from_small(0));
  if (zero < 0) return Ref();
  if (whence == 1) {
    if (!zero) return raise_unsupported("can't do nonzero cur-relative seeks");
    cookie_ref = m_tell(self, nullptr, 0, nullptr);
    if (!cookie_ref) return cookie_ref;
    cookie = cookie_ref.get();
  } else if (whence == 2) {
    if (!zero) return raise_unsupported("can't do nonzero end-relative seeks");
    if (!m_flush(self, nullptr, 0, nullptr)) return Ref();
    clear_decoded(t);
    t->has_snapshot = false;
    if (t->readable && !decoder_reset(t)) return Ref();
    Value a[2] = {Value::from_small(0), Value::from_small(2)};
    return call_name(t->buffer.get(), "seek", a, 2);
  } else if (whence != 0) {
    return raise_fmt(&exc_ValueError, "invalid whence ({}, should be 0, 1 or 2)", whence);
  }
  Ref neg = compare(cookie, Value::from_small(0), CmpOp::Lt);
  if (!neg) return neg;
  if (neg.get() == True()) {
    Ref r = repr(cookie);
    return raise_fmt(&exc_ValueError, "negative seek position {}",
                     r ? as_str(r.get())->view() : "");
  }
  if (!m_flush(self, nullptr, 0, nullptr)) return Ref();
  int64_t parts[5];
  if (!split_cookie(cookie, parts)) return Ref();
  int64_t start_pos = parts[0], dec_flags = parts[1], bytes_to_feed = parts[2],
          chars_to_skip = parts[3];
  bool need_eof = parts[4] != 0;
  Ref sp = int_from_int64(start_pos);
  if (!call_name1(t->buffer.get(), "seek", sp.get())) return Ref();
  clear_decoded(t);
  t->has_snapshot = false;
  if (t->readable) {
    if (zero) {
      if (!decoder_reset(t)) return Ref();
    } else {
      if (!decoder_setstate(t, "", dec_flags)) return Ref();
      t->has_snapshot = true;
      t->snap_flags = dec_flags;
      t->snap_input.clear();
    }
  }
  if (chars_to_skip) {
    if (!t->readable) return raise(&exc_OSError, "can't restore logical file position");
    Value n = Value::from_small(bytes_to_feed);
    Ref input = call_name(t->buffer.get(), "read", &n, 1);
    if (!input) return input;
    std::string_view in;
    if (!bytes_like_data(input.get(), &in))
      return raise(&exc_TypeError, "underlying read() should have returned bytes");
    Ref text = decode(t, in, need_eof);
    if (!text) return text;
    t->decoded = std::string(as_str(text.get())->view());
    t->decoded_pos = 0;
    t->decoded_chars_used = 0;
    t->snap_input = std::string(in);
    if (as_str(text.get())->length < chars_to_skip)
      return raise(&exc_OSError, "can't restore logical file position");
    std::string skipped;
    take_chars(t, chars_to_skip, skipped);
  }
  return Ref::new_ref(cookie);
}

M(m_truncate) {
  if (!check_nargs("truncate", nargs, kw, 0, 1)) return Ref();
  TextIOObject* t = tx(self);
  if (!check_attached(t)) return Ref();
  if (!m_flush(self, nullptr, 0, nullptr)) return Ref();
  Value pos = nargs == 1 ? args[0] : None();
  return call_name1(t->buffer.get(), "truncate", pos);
}

// ------------------------------------------------------------------ closing, attributes

M(m_close) {
  if (!check_nargs("close", nargs, kw, 0, 0)) return Ref();
  TextIOObject* t = tx(self);
  if (!check_attached(t)) return Ref();
  int c = is_closed(t->buffer.get());
  if (c < 0) return Ref();
  if (c) return none_ref();
  Ref fin = getattr_opt(self, intern("_finalizing"));
  clear_exception();
  if (fin && truthy(fin.get()) == 1) {
    Ref w = getattr_opt(t->buffer.get(), intern("_dealloc_warn"));
    clear_exception();
    Value s = self;
    if (w && !call(w.get(), &s, 1)) clear_exception();
  }
  Ref r = call_method(self, names::flush, nullptr, 0);
  Ref exc;
  if (!r) exc = take_exception();
  Ref r2 = call_method(t->buffer.get(), names::close, nullptr, 0);
  if (exc) {
    if (!r2) clear_exception();
    set_exception(std::move(exc));
    return Ref();
  }
  return r2;
}

M(m_detach) {
  if (!check_nargs("detach", nargs, kw, 0, 0)) return Ref();
  TextIOObject* t = tx(self);
  if (!check_attached(t)) return Ref();
  if (!call_method(self, names::flush, nullptr, 0)) return Ref();
  Ref b = std::move(t->buffer);
  t->ok = false;
  t->detached = true;
  return b;
}

#define BUFFER_CALL(fname, pyname)                           \
  M(fname) {                                                 \
    if (!check_nargs(pyname, nargs, kw, 0, 0)) return Ref(); \
    TextIOObject* t = tx(self);                              \
    if (!check_attached(t)) return Ref();                    \
    return call_name(t->buffer.get(), pyname);               \
  }
BUFFER_CALL(m_fileno, "fileno")
BUFFER_CALL(m_seekable, "seekable")
BUFFER_CALL(m_readable, "readable")
BUFFER_CALL(m_writable, "writable")
BUFFER_CALL(m_isatty, "isatty")

M(m_reconfigure) {
  if (nargs > 0)
    return raise_fmt(&exc_TypeError, "reconfigure() takes 0 positional arguments but {} were given",
                     nargs + 1);
  Value a[5];
  if (!parse_args("reconfigure", args, nargs, kw,
                  {"*", "encoding", "errors", "newline", "line_buffering", "write_through"}, 0,
                  a)) {
    return Ref();
  }
  TextIOObject* t = tx(self);
  if (!check_attached(t)) return Ref();
  Value encoding = a[0], errors = a[1], newline = a[2];
  if (t->readable && (encoding || errors || newline) && t->decoded_pos < t->decoded.size()) {
    return raise_unsupported(
        "It is not possible to set the encoding or newline of stream after the first read");
  }
  for (Value v : {encoding, errors}) {
    if (v && !is_none(v) && !is_str(v)) {
      return raise_fmt(&exc_TypeError, "reconfigure() argument '{}' must be str or None, not {}",
                       v == encoding ? "encoding" : "errors", type_name(v));
    }
  }
  bool nl_none = false;
  std::string nl;
  if (newline && !parse_newline(newline, &nl_none, &nl, "reconfigure")) return Ref();
  int lb = -1, wt = -1;
  if (a[3] && !is_none(a[3]) && (lb = truthy(a[3])) < 0) return Ref();
  if (a[4] && !is_none(a[4]) && (wt = truthy(a[4])) < 0) return Ref();
  if (!m_flush(self, nullptr, 0, nullptr)) return Ref();
  CriticalSection cs(t);
  bool codec_changed = false;
  if (encoding && !is_none(encoding)) {
    t->encoding = as_str(encoding)->view() == "locale" ? str_new("utf-8") : Ref::new_ref(encoding);
    t->errors = (errors && !is_none(errors)) ? Ref::new_ref(errors) : str_new("strict");
    codec_changed = true;
  } else if (errors && !is_none(errors)) {
    t->errors = Ref::new_ref(errors);
    codec_changed = true;
  }
  if (newline) {
    apply_newline(t, nl_none, nl);
    codec_changed = true;
  }
  if (codec_changed && !setup_codec(t)) return Ref();
  if (lb >= 0) t->line_buffering = lb != 0;
  if (wt >= 0) t->write_through = wt != 0;
  return none_ref();
}

Ref get_buffer(Value self) {
  TextIOObject* t = tx(self);
  return t->buffer ? t->buffer.dup() : none_ref();  // a member in CPython: None once detached
}
Ref get_closed(Value self) {
  TextIOObject* t = tx(self);
  if (!check_attached(t)) return Ref();
  return getattr(t->buffer.get(), "closed");
}
Ref get_name(Value self) {
  TextIOObject* t = tx(self);
  if (!check_attached(t)) return Ref();
  return getattr(t->buffer.get(), "name");
}
Ref get_encoding(Value self) { return tx(self)->encoding ? tx(self)->encoding.dup() : none_ref(); }
Ref get_errors(Value self) { return tx(self)->errors ? tx(self)->errors.dup() : none_ref(); }
Ref get_line_buffering(Value self) { return bool_ref(tx(self)->line_buffering); }
Ref get_write_through(Value self) { return bool_ref(tx(self)->write_through); }
Ref get_newlines(Value self) {
  TextIOObject* t = tx(self);
  if (!check_attached(t)) return Ref();
  if (!t->readable || !t->readuniversal) {
    if (t->codec == Codec::Other && t->decoder) {
      Ref r = getattr_opt(t->decoder.get(), intern("newlines"));
      if (r) return r;
      clear_exception();
    }
    return none_ref();
  }
  if (t->codec == Codec::Other) {
    Ref r = getattr_opt(t->decoder.get(), intern("newlines"));
    if (r) return r;
    clear_exception();
    return none_ref();
  }
  return newlines_value(t->dec.nl.seennl);
}
Ref get_chunk_size(Value self) { return int_from_int64(tx(self)->chunk_size); }
bool set_chunk_size(Value self, Value v) {
  if (!v) {
    raise(&exc_AttributeError, "cannot delete attribute");
    return false;
  }
  int64_t n;
  if (!index_int64(v, &n)) return false;
  if (n <= 0) {
    raise(&exc_ValueError, "a strictly positive integer is required");
    return false;
  }
  tx(self)->chunk_size = n;
  return true;
}

Ref textio_repr(Value self) {
  TypeObject* tp = type_of(self);
  std::string out = "<_io.TextIOWrapper";  // CPython 3.11 names the base class even for subclasses
  TextIOObject* t = tx(self);
  if (!t->ok && !t->detached) return str_new(out + ">");
  if (!repr_enter(self.obj()))
    return raise_fmt(&exc_RuntimeError, "reentrant call inside {}.__repr__", tp->name);
  for (const char* attr : {"name", "mode"}) {
    Ref v = getattr_opt(self, intern(attr));
    if (!v) {
      if (error_pending()) {
        if (!exception_matches(&exc_AttributeError) && !exception_matches(&exc_ValueError)) {
          repr_leave(self.obj());
          return Ref();
        }
        clear_exception();
      }
      continue;
    }
    Ref r = repr(v.get());
    if (!r) {
      repr_leave(self.obj());
      return r;
    }
    out += fmt::format(" {}={}", attr, as_str(r.get())->view());
  }
  repr_leave(self.obj());
  Ref e = repr(t->encoding.get());
  if (!e) return e;
  out += fmt::format(" encoding={}>", as_str(e.get())->view());
  return str_new(std::move(out));
}

M(m_getstate) {
  return raise_fmt(&exc_TypeError, "cannot pickle '{}' object", type_of(self)->name);
}

}  // namespace

void ready_textio_types() {
  TypeObject* t = &textiowrapper_type;
  io_type_setup(t, "TextIOWrapper", sizeof(TextIOObject));
  t->new_ = textio_new;
  t->init = textio_init;
  t->dealloc = textio_dealloc;
  t->traverse = textio_traverse;
  t->clear = textio_clear;
  t->repr = textio_repr;
  t->iternext = textio_iternext;
  type_ready(t, &textiobase_type);
  struct {
    const char* name;
    NativeFn fn;
  } methods[] = {
      {"write", m_write},          {"flush", m_flush},       {"read", m_read},
      {"readline", m_readline},    {"tell", m_tell},         {"seek", m_seek},
      {"truncate", m_truncate},    {"close", m_close},       {"detach", m_detach},
      {"fileno", m_fileno},        {"seekable", m_seekable}, {"readable", m_readable},
      {"writable", m_writable},    {"isatty", m_isatty},     {"reconfigure", m_reconfigure},
      {"__getstate__", m_getstate}};
  for (auto& m : methods) add_method(t, m.name, m.fn);
  add_getset(t, "buffer", get_buffer);
  add_getset(t, "closed", get_closed);
  add_getset(t, "name", get_name);
  add_getset(t, "encoding", get_encoding);
  add_getset(t, "errors", get_errors);
  add_getset(t, "line_buffering", get_line_buffering);
  add_getset(t, "write_through", get_write_through);
  add_getset(t, "newlines", get_newlines);
  add_getset(t, "_CHUNK_SIZE", get_chunk_size, set_chunk_size);
}

}  // namespace minipy::lib::io
