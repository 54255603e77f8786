// zlib: the deflate format over Debian's zlib (CPython's Modules/zlibmodule.c semantics):
// one-shot compress/decompress with level and wbits, streaming Compress/Decompress objects
// (flush modes, unused_data, unconsumed_tail, eof, max_length, zdict, copy), crc32, adler32
// and the Z_* constants. Every deflate/inflate call runs with the GIL released, and crc32/adler32
// on kGilMin bytes or more, as in CPython; a stream object is then guarded by its own mutex
// (ObjectLock), as CPython guards it with its per-object lock.
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "stdlib/native/native_args.h"

namespace minipy::lib {

using namespace rt;

namespace {

// Checksums over at least this many bytes run with the GIL released (CPython's threshold): below
// it the hand-off costs more than the work.
constexpr size_t kGilMin = 5 * 1024;
constexpr int kDefBufSize = 16384;

Ref g_zlib_error;  // zlib.error, created once

TypeObject* zlib_error_type() { return static_cast<TypeObject*>(g_zlib_error.get().obj()); }

/// CPython's zlib_error: "Error -3 while decompressing data: incorrect header check".
Ref zlib_error(const z_stream& zst, int err, const char* msg) {
  const char* zmsg = err == Z_VERSION_ERROR ? "library version mismatch" : zst.msg;
  if (zmsg == nullptr) {
    switch (err) {
      case Z_BUF_ERROR:
        zmsg = "incomplete or truncated stream";
        break;
      case Z_STREAM_ERROR:
        zmsg = "inconsistent stream state";
        break;
      case Z_DATA_ERROR:
        zmsg = "invalid input data";
        break;
      default:
        break;
    }
  }
  if (zmsg == nullptr) return raise_fmt(zlib_error_type(), "Error {} {}", err, msg);
  return raise_fmt(zlib_error_type(), "Error {} {}: {:.200}", err, msg, zmsg);
}

/// Releases the GIL for the guard's lifetime only when the input is large.
struct MaybeReleaseGil {
  std::optional<ReleaseGil> guard;
  explicit MaybeReleaseGil(size_t n) {
    if (n >= kGilMin) guard.emplace("zlib");
  }
};

/// Feeds the next piece of `in` (from *pos) to the stream: avail_in is 32 bits wide.
void arrange_input(z_stream* zst, std::string_view in, size_t* pos) {
  size_t n = std::min<size_t>(in.size() - *pos, UINT_MAX);
  zst->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + *pos));
  zst->avail_in = static_cast<uInt>(n);
  *pos += n;
}

/// Makes room for more output in `out` (of which `*used` bytes are filled), at most `limit`
/// bytes in all (0 = none). Returns false when the limit is reached.
bool arrange_output(z_stream* zst, std::string* out, size_t* used, size_t limit,
                    size_t first = kDefBufSize) {
  size_t grow = out->empty() ? first : out->size();
  grow = std::min<size_t>(std::max<size_t>(grow, 1), UINT_MAX);
  if (limit != 0) {
    if (*used >= limit) return false;
    grow = std::min(grow, limit - *used);
  }
  out->resize(*used + grow);
  zst->next_out = reinterpret_cast<Bytef*>(out->data() + *used);
  zst->avail_out = static_cast<uInt>(grow);
  return true;
}

/// After a deflate/inflate call: counts what it wrote.
void note_output(const z_stream& zst, const std::string& out, size_t* used) {
  *used = static_cast<size_t>(reinterpret_cast<const char*>(zst.next_out) - out.data());
}

// ---------------------------------------------------------------- one-shot functions

Ref zlib_compress(Value, NativeArgs& a) {
  ByteArg in;
  if (!byte_arg(a[0], &in, true)) return Ref();
  int level = a.i32(1), wbits = a.i32(2);
  z_stream zst{};
  int err = deflateInit2(&zst, level, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY);
  if (err == Z_MEM_ERROR) return raise(&exc_MemoryError, "Out of memory while compressing data");
  if (err == Z_STREAM_ERROR) return raise(zlib_error_type(), "Bad compression level");
  if (err != Z_OK) {
    deflateEnd(&zst);
    return zlib_error(zst, err, "while compressing data");
  }
  std::string out;
  size_t used = 0, pos = 0;
  {
    ReleaseGil unlocked("zlib");
    int flush;
    do {
      arrange_input(&zst, in.data, &pos);
      flush = pos == in.data.size() ? Z_FINISH : Z_NO_FLUSH;
      do {
        arrange_output(&zst, &out, &used, 0);
        err = deflate(&zst, flush);
        note_output(zst, out, &used);
      } while (err != Z_STREAM_ERROR && zst.avail_out == 0);
    } while (err != Z_STREAM_ERROR && flush != Z_FINISH);
  }
  if (err != Z_STREAM_END) {
    deflateEnd(&zst);
    return zlib_error(zst, err, "while compressing data");
  }
  err = deflateEnd(&zst);
  if (err != Z_OK) return zlib_error(zst, err, "while finishing compression");
  out.resize(used);
  return bytes_new(out);
}

Ref zlib_decompress(Value, NativeArgs& a) {
  ByteArg in;
  if (!byte_arg(a[0], &in, true)) return Ref();
  int wbits = a.i32(1);
  int64_t bufsize = a.i64(2);
  if (bufsize < 0) return raise(&exc_ValueError, "bufsize must be non-negative");
  if (bufsize == 0) bufsize = 1;
  z_stream zst{};
  int err = inflateInit2(&zst, wbits);
  if (err == Z_MEM_ERROR) return raise(&exc_MemoryError, "Out of memory while decompressing data");
  if (err != Z_OK) {
    inflateEnd(&zst);
    return zlib_error(zst, err, "while preparing to decompress data");
  }
  std::string out;
  size_t used = 0, pos = 0;
  {
    ReleaseGil unlocked("zlib");
    do {
      arrange_input(&zst, in.data, &pos);
      do {
        arrange_output(&zst, &out, &used, 0, static_cast<size_t>(bufsize));
        err = inflate(&zst, Z_NO_FLUSH);
        note_output(zst, out, &used);
      } while ((err == Z_OK || err == Z_BUF_ERROR) && zst.avail_out == 0);
    } while ((err == Z_OK || err == Z_BUF_ERROR) && pos < in.data.size());
  }
  if (err == Z_MEM_ERROR) {
    inflateEnd(&zst);
    return raise_no_memory();
  }
  if (err != Z_STREAM_END) {
    // A data error names itself; running out of input is "incomplete or truncated stream".
    if (err == Z_OK || err == Z_BUF_ERROR) err = Z_BUF_ERROR;
    inflateEnd(&zst);
    return zlib_error(zst, err, "while decompressing data");
  }
  err = inflateEnd(&zst);
  if (err != Z_OK) return zlib_error(zst, err, "while finishing decompression");
  out.resize(used);
  return bytes_new(out);
}

/// The running checksum argument: any int, reduced modulo 2**32 (CPython's bitwise unsigned int).
bool checksum_start(Value v, uint32_t dflt, uint32_t* out) {
  if (!v) {
    *out = dflt;
    return true;
  }
  if (!is_int(v))
    return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                     type_name(v)),
           false;
  Ref masked = int_binary(v, Value::from_small(0xFFFFFFFF), NumOp::And);
  int64_t n;
  if (!masked || !int_to_int64(masked.get(), &n)) return false;
  *out = static_cast<uint32_t>(n);
  return true;
}

template <class F>
Ref checksum(uint32_t dflt, F update, NativeArgs& a) {
  ByteArg in;
  uint32_t value;
  if (!byte_arg(a[0], &in, true) || !checksum_start(a[1], dflt, &value)) return Ref();
  {
    MaybeReleaseGil unlocked(in.data.size());
    const auto* p = reinterpret_cast<const Bytef*>(in.data.data());
    size_t left = in.data.size();
    while (left > 0) {
      uInt n = static_cast<uInt>(std::min<size_t>(left, UINT_MAX));
      value = static_cast<uint32_t>(update(value, p, n));
      p += n;
      left -= n;
    }
  }
  return int_from_int64(value);
}

Ref zlib_crc32(Value, NativeArgs& a) { return checksum(0, ::crc32, a); }

Ref zlib_adler32(Value, NativeArgs& a) { return checksum(1, ::adler32, a); }

// ---------------------------------------------------------------- Compress / Decompress

struct ZStreamObject : Object {
  std::mutex mu;  // held by a method while it runs with the GIL released
  z_stream zst{};
  bool initialised = false;
  bool eof = false;     // Decompress: the end of the stream was seen
  Ref zdict;            // the preset dictionary (bytes-like) or null
  Ref unused_data;      // Decompress: bytes after the end of the stream
  Ref unconsumed_tail;  // Decompress: input left over because of max_length
};

TypeObject compress_type;
TypeObject decompress_type;

ZStreamObject* as_zs(Value v) { return static_cast<ZStreamObject*>(v.obj()); }

void zs_dealloc(Object* o) {
  auto* z = static_cast<ZStreamObject*>(o);
  if (z->initialised) {
    if (o->type == &compress_type) {
      deflateEnd(&z->zst);
    } else {
      inflateEnd(&z->zst);
    }
  }
  delete z;
}

void zs_traverse(Object* o, VisitFn visit, void* arg) {
  auto* z = static_cast<ZStreamObject*>(o);
  visit_value(z->zdict.get(), visit, arg);
  visit_value(z->unused_data.get(), visit, arg);
  visit_value(z->unconsumed_tail.get(), visit, arg);
}

Ref zlib_compressobj(Value, NativeArgs& a) {
  int level = a.i32(0), method = a.i32(1), wbits = a.i32(2), mem_level = a.i32(3),
      strategy = a.i32(4);
  Value zdict = a[5] && !is_none(a[5]) ? a[5] : Value();
  ByteArg zd;
  if (zdict && !byte_arg(zdict, &zd, false)) return Ref();
  auto* z = alloc_instance<ZStreamObject>(&compress_type);
  Ref self = Ref::steal(Value(z));
  int err = deflateInit2(&z->zst, level, method, wbits, mem_level, strategy);
  if (err == Z_MEM_ERROR)
    return raise(&exc_MemoryError, "Can't allocate memory for compression object");
  if (err == Z_STREAM_ERROR) return raise(&exc_ValueError, "Invalid initialization option");
  if (err != Z_OK) return zlib_error(z->zst, err, "while creating compression object");
  z->initialised = true;
  if (zdict) {
    std::string_view d = zd.data;
    if (d.size() > UINT_MAX)
      return raise(&exc_OverflowError, "zdict length does not fit in an unsigned int");
    err = deflateSetDictionary(&z->zst, reinterpret_cast<const Bytef*>(d.data()),
                               static_cast<uInt>(d.size()));
    if (err == Z_STREAM_ERROR) return raise(&exc_ValueError, "Invalid dictionary");
    if (err != Z_OK) return raise(&exc_ValueError, "deflateSetDictionary()");
  }
  return self;
}

bool set_inflate_zdict(ZStreamObject* z) {
  std::string_view d;
  if (!bytes_like_data(z->zdict.get(), &d)) {
    raise(&exc_TypeError, "zdict argument must support the buffer protocol");
    return false;
  }
  if (d.size() > UINT_MAX) {
    raise(&exc_OverflowError, "zdict length does not fit in an unsigned int");
    return false;
  }
  int err = inflateSetDictionary(&z->zst, reinterpret_cast<const Bytef*>(d.data()),
                                 static_cast<uInt>(d.size()));
  if (err != Z_OK) {
    zlib_error(z->zst, err, "while setting zdict");
    return false;
  }
  return true;
}

Ref zlib_decompressobj(Value, NativeArgs& a) {
  int wbits = a.i32(0);
  if (a[1] && !is_byte_like(a[1]))
    return raise(&exc_TypeError, "zdict argument must support the buffer protocol");
  auto* z = alloc_instance<ZStreamObject>(&decompress_type);
  Ref self = Ref::steal(Value(z));
  z->unused_data = bytes_new("");
  z->unconsumed_tail = bytes_new("");
  if (a[1]) z->zdict = Ref::new_ref(a[1]);
  int err = inflateInit2(&z->zst, wbits);
  if (err == Z_STREAM_ERROR) return raise(&exc_ValueError, "Invalid initialization option");
  if (err == Z_MEM_ERROR)
    return raise(&exc_MemoryError, "Can't allocate memory for decompression object");
  if (err != Z_OK) return zlib_error(z->zst, err, "while creating decompression object");
  z->initialised = true;
  // A raw stream (wbits < 0) never asks for its dictionary: it is set up front.
  if (z->zdict && wbits < 0 && !set_inflate_zdict(z)) return Ref();
  return self;
}

Ref compress_compress(Value self, NativeArgs& a) {
  ByteArg in;
  if (!byte_arg(a[0], &in, true)) return Ref();
  ZStreamObject* z = as_zs(self);
  ObjectLock lock(z->mu);
  std::string out;
  size_t used = 0, pos = 0;
  int err = Z_OK;
  {
    ReleaseGil unlocked("zlib");
    do {
      arrange_input(&z->zst, in.data, &pos);
      do {
        arrange_output(&z->zst, &out, &used, 0);
        err = deflate(&z->zst, Z_NO_FLUSH);
        note_output(z->zst, out, &used);
      } while (err != Z_STREAM_ERROR && z->zst.avail_out == 0);
    } while (err != Z_STREAM_ERROR && pos < in.data.size());
  }
  if (err == Z_STREAM_ERROR) return zlib_error(z->zst, err, "while compressing data");
  out.resize(used);
  return bytes_new(out);
}

Ref compress_flush(Value self, NativeArgs& a) {
  int mode = a.i32(0);
  if (mode == Z_NO_FLUSH) return bytes_new("");
  ZStreamObject* z = as_zs(self);
  ObjectLock lock(z->mu);
  std::string out;
  size_t used = 0;
  int err;
  z->zst.avail_in = 0;
  {
    ReleaseGil unlocked("zlib");
    do {
      arrange_output(&z->zst, &out, &used, 0);
      err = deflate(&z->zst, mode);
      note_output(z->zst, out, &used);
    } while (err != Z_STREAM_ERROR && z->zst.avail_out == 0);
  }
  if (err == Z_STREAM_ERROR) return zlib_error(z->zst, err, "while flushing");
  if (err == Z_STREAM_END && mode == Z_FINISH) {
    err = deflateEnd(&z->zst);
    if (err != Z_OK) return zlib_error(z->zst, err, "while finishing compression");
    z->initialised = false;
  } else if (err != Z_OK && err != Z_BUF_ERROR) {
    return zlib_error(z->zst, err, "while flushing");
  }
  out.resize(used);
  return bytes_new(out);
}

/// Decompress: keeps what the last call did not consume (CPython's save_unconsumed_input).
void save_unconsumed_input(ZStreamObject* z, std::string_view in, int err) {
  std::string_view left;
  if (!in.empty()) {
    size_t consumed =
        static_cast<size_t>(reinterpret_cast<const char*>(z->zst.next_in) - in.data());
    left = in.substr(std::min(consumed, in.size()));
  }
  if (err == Z_STREAM_END) {
    if (!left.empty()) {
      std::string_view prev;
      bytes_like_data(z->unused_data.get(), &prev);
      z->unused_data = bytes_new(std::string(prev) + std::string(left));
      left = {};
    }
    z->zst.avail_in = 0;
  }
  std::string_view tail;
  bytes_like_data(z->unconsumed_tail.get(), &tail);
  if (!left.empty() || !tail.empty()) z->unconsumed_tail = bytes_new(left);
}

/// The inflate loop shared by Decompress.decompress (Z_SYNC_FLUSH, bounded by max_length) and
/// Decompress.flush (Z_FINISH once the input is in). Returns the last inflate result; -100 when
/// setting the dictionary failed (exception pending).
int inflate_stream(ZStreamObject* z, std::string_view in, bool finishing, size_t limit,
                   size_t first, std::string* out, size_t* used) {
  size_t pos = 0;
  int err = Z_OK;
  if (in.empty()) {
    z->zst.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z->zst.avail_in = 0;
  }
  do {
    arrange_input(&z->zst, in, &pos);
    int flush = finishing ? (pos == in.size() ? Z_FINISH : Z_NO_FLUSH) : Z_SYNC_FLUSH;
    do {
      if (!arrange_output(&z->zst, out, used, limit, first)) return err;
      {
        ReleaseGil unlocked("zlib");
        err = inflate(&z->zst, flush);
      }
      note_output(z->zst, *out, used);
      if (err == Z_NEED_DICT && z->zdict) {
        if (!set_inflate_zdict(z)) return -100;
        continue;
      }
      if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) return err;
    } while (z->zst.avail_out == 0 || err == Z_NEED_DICT);
  } while (err != Z_STREAM_END && pos < in.size());
  return err;
}

Ref decompress_decompress(Value self, NativeArgs& a) {
  ByteArg in;
  if (!byte_arg(a[0], &in, true)) return Ref();
  int64_t max_length = a.i64(1);
  if (max_length < 0) return raise(&exc_ValueError, "max_length must be non-negative");
  ZStreamObject* z = as_zs(self);
  ObjectLock lock(z->mu);
  std::string out;
  size_t used = 0;
  int err =
      inflate_stream(z, in.data, false, static_cast<size_t>(max_length), kDefBufSize, &out, &used);
  if (err == -100) return Ref();
  save_unconsumed_input(z, in.data, err);
  if (err == Z_STREAM_END) {
    z->eof = true;  // inflateEnd waits for flush(), as in CPython
  } else if (err != Z_OK && err != Z_BUF_ERROR) {
    return zlib_error(z->zst, err, "while decompressing data");
  }
  out.resize(used);
  return bytes_new(out);
}

Ref decompress_flush(Value self, NativeArgs& a) {
  int64_t length = a.i64(0);
  if (length <= 0) return raise(&exc_ValueError, "length must be greater than zero");
  ZStreamObject* z = as_zs(self);
  ObjectLock lock(z->mu);
  Ref tail_ref = Ref::new_ref(z->unconsumed_tail.get());  // save_unconsumed_input may replace it
  std::string_view tail;
  bytes_like_data(tail_ref.get(), &tail);
  std::string out;
  size_t used = 0;
  int err = inflate_stream(z, tail, true, 0, static_cast<size_t>(length), &out, &used);
  if (err == -100) return Ref();
  save_unconsumed_input(z, tail, err);
  if (err == Z_STREAM_END) {
    z->eof = true;
    z->initialised = false;
    err = inflateEnd(&z->zst);
    if (err != Z_OK) return zlib_error(z->zst, err, "while finishing decompression");
  }
  out.resize(used);
  return bytes_new(out);
}

Ref zs_copy(Value self, NativeArgs&) {
  ZStreamObject* z = as_zs(self);
  ObjectLock lock(z->mu);
  if (!z->initialised) return raise(&exc_ValueError, "Inconsistent stream state");
  bool is_compress = self.obj()->type == &compress_type;
  auto* c = alloc_instance<ZStreamObject>(is_compress ? &compress_type : &decompress_type);
  Ref copy = Ref::steal(Value(c));
  int err = is_compress ? deflateCopy(&c->zst, &z->zst) : inflateCopy(&c->zst, &z->zst);
  if (err == Z_STREAM_ERROR) return raise(&exc_ValueError, "Inconsistent stream state");
  if (err == Z_MEM_ERROR) {
    return raise(&exc_MemoryError, is_compress ? "Can't allocate memory for compression object"
                                               : "Can't allocate memory for decompression object");
  }
  if (err != Z_OK) {
    return zlib_error(
        z->zst, err,
        is_compress ? "while copying compression object" : "while copying decompression object");
  }
  c->initialised = true;
  c->eof = z->eof;
  if (z->zdict) c->zdict = Ref::new_ref(z->zdict.get());
  if (z->unused_data) c->unused_data = Ref::new_ref(z->unused_data.get());
  if (z->unconsumed_tail) c->unconsumed_tail = Ref::new_ref(z->unconsumed_tail.get());
  return copy;
}

Ref get_unused_data(Value self) { return Ref::new_ref(as_zs(self)->unused_data.get()); }
Ref get_unconsumed_tail(Value self) { return Ref::new_ref(as_zs(self)->unconsumed_tail.get()); }
Ref get_eof(Value self) { return bool_ref(as_zs(self)->eof); }

// Signatures as CPython's Argument Clinic declares them (defaults: the Z_* values).
const NativeDef kStreamMethods[] = {
    {"copy($self, /)", zs_copy},
    {"__copy__($self, /)", zs_copy},
    {"__deepcopy__($self, memo, /)", zs_copy},
};
const NativeDef kCompressMethods[] = {
    {"compress($self, data, /)", compress_compress, kNativeReleasesGil},
    {"flush($self, mode: int=4, /)", compress_flush, kNativeReleasesGil},
};
const NativeDef kDecompressMethods[] = {
    {"decompress($self, data, /, max_length: ssize_t=0)", decompress_decompress,
     kNativeReleasesGil},
    {"flush($self, length: ssize_t=16384, /)", decompress_flush, kNativeReleasesGil},
};
const NativeDef kZlibFunctions[] = {
    {"compress($module, data, /, level: int=-1, wbits: int=15)", zlib_compress, kNativeReleasesGil},
    {"decompress($module, data, /, wbits: int=15, bufsize: ssize_t=16384)", zlib_decompress,
     kNativeReleasesGil},
    {"compressobj($module, /, level: int=-1, method: int=8, wbits: int=15, memLevel: int=8, "
     "strategy: int=0, "
     "zdict=None)",
     zlib_compressobj},
    {"decompressobj($module, /, wbits: int=15, zdict=NULL)",
     zlib_decompressobj},  // NULL: no dictionary (CPython shows b'')
    {"crc32($module, data, value=0, /)", zlib_crc32, kNativeReleasesGil},
    {"adler32($module, data, value=1, /)", zlib_adler32, kNativeReleasesGil},
};

void ready_types() {
  for (TypeObject* t : {&compress_type, &decompress_type}) {
    t->name = t == &compress_type ? "Compress" : "Decompress";
    t->module = "zlib";
    t->basic_size = sizeof(ZStreamObject);
    t->dealloc = zs_dealloc;
    t->traverse = zs_traverse;
    type_ready(t, &object_type);
    add_methods(t, kStreamMethods);
  }
  add_methods(&compress_type, kCompressMethods);
  add_methods(&decompress_type, kDecompressMethods);
  add_getset(&decompress_type, "unused_data", get_unused_data);
  add_getset(&decompress_type, "unconsumed_tail", get_unconsumed_tail);
  add_getset(&decompress_type, "eof", get_eof);
}

}  // namespace

bool init_zlib(Value module, DictObject* ns) {
  if (compress_type.dict == nullptr) ready_types();
  if (!g_zlib_error) {
    g_zlib_error = new_exception_class("zlib", "error", &exc_Exception);
    if (!g_zlib_error) return false;
  }
  dict_set_cstr(ns, "error", g_zlib_error.get());
  add_functions(ns, module, kZlibFunctions);
  const struct {
    const char* name;
    int value;
  } kConstants[] = {
      {"MAX_WBITS", MAX_WBITS},
      {"DEFLATED", Z_DEFLATED},
      {"DEF_MEM_LEVEL", 8},
      {"DEF_BUF_SIZE", kDefBufSize},
      {"Z_NO_COMPRESSION", Z_NO_COMPRESSION},
      {"Z_BEST_SPEED", Z_BEST_SPEED},
      {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
      {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION},
      {"Z_FILTERED", Z_FILTERED},
      {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
      {"Z_RLE", Z_RLE},
      {"Z_FIXED", Z_FIXED},
      {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY},
      {"Z_NO_FLUSH", Z_NO_FLUSH},
      {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH},
      {"Z_SYNC_FLUSH", Z_SYNC_FLUSH},
      {"Z_FULL_FLUSH", Z_FULL_FLUSH},
      {"Z_FINISH", Z_FINISH},
      {"Z_BLOCK", Z_BLOCK},
      {"Z_TREES", Z_TREES},
  };
  for (const auto& c : kConstants) dict_set_cstr(ns, c.name, Value::from_small(c.value));
  Ref v = str_new(ZLIB_VERSION);
  dict_set_cstr(ns, "ZLIB_VERSION", v.get());
  v = str_new(zlibVersion());
  dict_set_cstr(ns, "ZLIB_RUNTIME_VERSION", v.get());
  return true;
}

}  // namespace minipy::lib
