// _io.BufferedReader, BufferedWriter, BufferedRandom (one implementation, BufferedObject, with
// flags for the directions) and BufferedRWPair (a reader and a writer over two raw streams).
// The raw stream is any object with readinto()/write()/seek()/...; FileIO is the usual one.
//
// Locking: each buffered object has its own lock, taken by every method that touches the
// buffers and held while the raw stream is called, which releases the GIL inside read() or
// write(). Other threads then wait on this lock (with the GIL released), so concurrent writes
// reach the file whole and in the order they took the lock, as with CPython's ENTER_BUFFERED.
// The same thread coming back in (a signal handler printing during a write) gets CPython's
// RuntimeError("reentrant call inside ...") instead of a deadlock. After fork() in the child,
// a lock that another (now vanished) thread held is re-created on first use.
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>

#include "runtime/critical_section.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/int.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/os_thread.h"
#include "stdlib/native/_io/iobase.h"

namespace minipy::lib::io {

using namespace rt;

TypeObject buffered_reader_type, buffered_writer_type, buffered_random_type, buffered_rwpair_type;

namespace {

std::atomic<uint64_t> g_fork_generation{0};  // bumped in every forked child (pthread_atfork)
void on_fork_child() { g_fork_generation.fetch_add(1); }

struct BufferedObject : IOBaseObject {
  Ref raw;
  bool ok = false;  // __init__ succeeded
  bool detached = false;
  bool readable = false;  // reader or random
  bool writable = false;  // writer or random
  int64_t buffer_size = kDefaultBufferSize;
  std::string rbuf;  // read-ahead: the unread bytes are rbuf[rpos..]
  size_t rpos = 0;
  std::string wbuf;  // written, not yet passed to the raw stream
  NativeLock lock;
  std::atomic<uint64_t> owner{0};  // thread ident holding `lock`, 0 = none
  uint64_t lock_generation = 0;
};

BufferedObject* bf(Value v) { return static_cast<BufferedObject*>(v.obj()); }
size_t readahead(BufferedObject* b) { return b->rbuf.size() - b->rpos; }

/// RAII: holds the object's lock (see the file comment); check `ok` after constructing.
class Locked {
 public:
  explicit Locked(Value self) : b_(bf(self)) {
    uint64_t me = current_thread_ident();
    if (b_->owner.load(std::memory_order_relaxed) == me) {
      Ref r = repr(self);
      if (r) raise_fmt(&exc_RuntimeError, "reentrant call inside {}", as_str(r.get())->view());
      return;
    }
    uint64_t gen = g_fork_generation.load();
    if (b_->lock_generation != gen) {
      // First use in a forked child: the thread that held the lock at the fork is gone.
      b_->lock.reinit_after_fork();
      b_->owner.store(0);
      b_->lock_generation = gen;
    }
    for (;;) {
      NativeLock::Result r = b_->lock.acquire(true, -1);
      if (r == NativeLock::Result::Acquired) break;
      if (!handle_eval_breaker()) return;  // Ctrl-C while waiting
    }
    b_->owner.store(me, std::memory_order_relaxed);
    ok = true;
  }
  ~Locked() { unlock(); }
  void unlock() {
    if (!ok) return;
    ok = false;
    b_->owner.store(0, std::memory_order_relaxed);
    b_->lock.release();
  }
  bool ok = false;

 private:
  BufferedObject* b_;
};

bool check_init(BufferedObject* b) {
  if (b->ok) return true;
  raise(&exc_ValueError,
        b->detached ? "raw stream has been detached" : "I/O operation on uninitialized object");
  return false;
}

/// raw.closed as a bool (-1 on error).
int raw_closed(BufferedObject* b) { return is_closed(b->raw.get()); }

/// CPython's CHECK_CLOSED: a closed raw stream is an error unless read-ahead data remains.
bool check_closed_msg(BufferedObject* b, const char* msg) {
  int c = raw_closed(b);
  if (c < 0) return false;
  if (c && readahead(b) == 0) {
    raise(&exc_ValueError, msg);
    return false;
  }
  return true;
}

// ------------------------------------------------------------------ raw calls

/// One raw.readinto() of up to n bytes appended to rbuf: bytes read, 0 at EOF, -2 when the raw
/// stream returned None (non-blocking, nothing ready), -1 on error.
int64_t raw_read(BufferedObject* b, size_t n) {
  if (b->rpos > 0 && b->rpos == b->rbuf.size()) {
    b->rbuf.clear();
    b->rpos = 0;
  } else if (b->rpos > 0 && b->rpos >= b->rbuf.size() / 2) {
    b->rbuf.erase(0, b->rpos);
    b->rpos = 0;
  }
  Ref target = bytearray_new(std::string(n, '\0'));
  Ref r = call_name1(b->raw.get(), "readinto", target.get());
  if (!r) return -1;
  if (is_none(r.get())) return -2;
  int64_t got;
  if (!index_int64(r.get(), &got)) return -1;
  if (got < 0 || static_cast<size_t>(got) > n) {
    raise_fmt(&exc_OSError,
              "raw readinto() returned invalid length {} (should have been between 0 and {})", got,
              n);
    return -1;
  }
  b->rbuf.append(static_cast<ByteArrayObject*>(target.get().obj())->data.data(),
                 static_cast<size_t>(got));
  return got;
}

/// Passes every pending write to the raw stream. A raw write() returning None raises
/// BlockingIOError with the data kept for a later flush.
bool flush_writes(BufferedObject* b) {
  while (!b->wbuf.empty()) {
    Ref chunk = bytes_new(b->wbuf);
    Ref r = call_name1(b->raw.get(), "write", chunk.get());
    if (!r) return false;
    if (is_none(r.get())) {
      Value args[3] = {Value::from_small(EAGAIN), Value(), Value::from_small(0)};
      Ref msg = str_new("write could not complete without blocking");
      args[1] = msg.get();
      set_exception(make_exception(&exc_BlockingIOError, args, 3));
      return false;
    }
    int64_t n;
    if (!index_int64(r.get(), &n)) return false;
    if (n < 0 || static_cast<size_t>(n) > b->wbuf.size()) {
      raise_fmt(&exc_OSError,
                "raw write() returned invalid length {} (should have been between 0 and {})", n,
                b->wbuf.size());
      return false;
    }
    b->wbuf.erase(0, static_cast<size_t>(n));
  }
  return true;
}

/// Gives back the read-ahead: the raw stream moves back to the logical position.
bool drop_readahead(BufferedObject* b) {
  size_t n = readahead(b);
  b->rbuf.clear();
  b->rpos = 0;
  if (n == 0) return true;
  Value a[2] = {Value::from_small(-static_cast<int64_t>(n)), Value::from_small(1)};
  return static_cast<bool>(call_name(b->raw.get(), "seek", a, 2));
}

Ref take(BufferedObject* b, size_t n) {
  n = std::min(n, readahead(b));
  Ref r = bytes_new(std::string_view(b->rbuf).substr(b->rpos, n));
  b->rpos += n;
  return r;
}

// ------------------------------------------------------------------ construction

Ref buffered_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<BufferedObject>(type)));
}

bool buffered_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  BufferedObject* b = bf(self);
  TypeObject* base = &buffered_random_type;
  for (TypeObject* t : {&buffered_reader_type, &buffered_writer_type, &buffered_random_type}) {
    if (is_subtype(type_of(self), t)) base = t;
  }
  Value a[2];
  if (!parse_args(base->name.c_str(), args, nargs, kw, {"raw", "buffer_size"}, 1, a)) return false;
  b->ok = false;
  b->detached = false;
  bool r = base != &buffered_writer_type, w = base != &buffered_reader_type;
  if (base == &buffered_random_type && !check_seekable(a[0])) return false;
  if (r && !check_readable(a[0])) return false;
  if (w && !check_writable(a[0])) return false;
  int64_t size = kDefaultBufferSize;
  if (a[1] && !index_int64(a[1], &size)) return false;
  if (size <= 0) {
    raise(&exc_ValueError, "buffer size must be strictly positive");
    return false;
  }
  b->raw = Ref::new_ref(a[0]);
  b->readable = r;
  b->writable = w;
  b->buffer_size = size;
  b->rbuf.clear();
  b->rpos = 0;
  b->wbuf.clear();
  b->ok = true;
  return true;
}

void buffered_dealloc(Object* o) { delete static_cast<BufferedObject*>(o); }
void buffered_traverse(Object* o, VisitFn visit, void* arg) {
  auto* b = static_cast<BufferedObject*>(o);
  if (b->raw) visit_value(b->raw.get(), visit, arg);
}
void buffered_clear(Object* o) {
  Ref old = std::move(static_cast<BufferedObject*>(o)->raw);
  static_cast<BufferedObject*>(o)->ok = false;
}

#define M(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)
#define CHECK_INIT(b) \
  if (!check_init(b)) return Ref()

// ------------------------------------------------------------------ reading

/// read(n) with the lock held; n < 0 reads to EOF.
Ref read_locked(Value self, int64_t n) {
  BufferedObject* b = bf(self);
  if (!b->wbuf.empty() && !flush_writes(b)) return Ref();
  if (n < 0) {
    std::string data = b->rbuf.substr(b->rpos);
    b->rbuf.clear();
    b->rpos = 0;
    Ref readall = getattr_opt(b->raw.get(), intern("readall"));
    if (!readall && error_pending()) return Ref();
    for (;;) {
      Ref chunk;
      if (readall) {
        chunk = call0(readall.get());
      } else {
        Value sz = Value::from_small(b->buffer_size);
        chunk = call_name(b->raw.get(), "read", &sz, 1);
      }
      if (!chunk) return chunk;
      if (is_none(chunk.get())) {
        if (data.empty()) return chunk;
        break;
      }
      if (!is_bytes(chunk.get())) return raise(&exc_TypeError, "readall() should return bytes");
      std::string_view d;
      bytes_like_data(chunk.get(), &d);
      data.append(d);
      if (readall || d.empty()) break;
    }
    return bytes_new(data);
  }
  size_t want = static_cast<size_t>(n);
  while (readahead(b) < want) {
    size_t missing = want - readahead(b);
    int64_t got = raw_read(b, std::max<size_t>(missing, static_cast<size_t>(b->buffer_size)));
    if (got == -1) return Ref();
    if (got == -2) {
      if (readahead(b) == 0) return none_ref();
      break;
    }
    if (got == 0) break;
  }
  return take(b, want);
}

M(m_read) {
  Value a[1];
  if (!parse_args("read", args, nargs, kw, {"size"}, 0, a)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  int64_t n;
  if (!size_arg(a[0], &n)) return Ref();
  if (n < -1) return raise(&exc_ValueError, "read length must be non-negative or -1");
  if (!check_closed_msg(b, "read of closed file")) return Ref();
  Locked lk(self);
  if (!lk.ok) return Ref();
  return read_locked(self, n);
}

M(m_read1) {
  Value a[1];
  if (!parse_args("read1", args, nargs, kw, {"size"}, 0, a)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  int64_t n;
  if (!size_arg(a[0], &n)) return Ref();
  if (n < 0) n = b->buffer_size;
  if (!check_closed_msg(b, "read of closed file")) return Ref();
  if (n == 0) return bytes_new("");
  Locked lk(self);
  if (!lk.ok) return Ref();
  if (!b->wbuf.empty() && !flush_writes(b)) return Ref();
  if (readahead(b) == 0) {
    int64_t got =
        raw_read(b, std::max<size_t>(static_cast<size_t>(n), static_cast<size_t>(b->buffer_size)));
    if (got == -1) return Ref();
  }
  return take(b, static_cast<size_t>(n));
}

M(m_peek) {
  Value a[1];
  if (!parse_args("peek", args, nargs, kw, {"size"}, 0, a)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  if (!check_closed_msg(b, "peek of closed file")) return Ref();
  Locked lk(self);
  if (!lk.ok) return Ref();
  if (!b->wbuf.empty() && !flush_writes(b)) return Ref();
  if (readahead(b) == 0 && raw_read(b, static_cast<size_t>(b->buffer_size)) == -1) return Ref();
  return bytes_new(std::string_view(b->rbuf).substr(b->rpos));
}

Ref readinto_impl(Value self, const Value* args, size_t nargs, TupleObject* kw, bool one) {
  if (!check_nargs(one ? "readinto1" : "readinto", nargs, kw, 1, 1)) return Ref();
  char* dst;
  size_t len;
  if (!write_buffer(args[0], &dst, &len)) return Ref();
  Value n = Value::from_small(static_cast<int64_t>(len));
  Ref d = one ? m_read1(self, &n, 1, nullptr) : m_read(self, &n, 1, nullptr);
  if (!d || is_none(d.get())) return d;
  std::string_view v;
  bytes_like_data(d.get(), &v);
  if (!write_buffer(args[0], &dst, &len)) return Ref();
  size_t k = std::min(len, v.size());
  std::memcpy(dst, v.data(), k);
  return int_from_int64(static_cast<int64_t>(k));
}
M(m_readinto) { return readinto_impl(self, args, nargs, kw, false); }
M(m_readinto1) { return readinto_impl(self, args, nargs, kw, true); }

Ref readline_locked(BufferedObject* b, int64_t limit) {
  if (!b->wbuf.empty() && !flush_writes(b)) return Ref();
  size_t scanned = 0;
  for (;;) {
    std::string_view ahead = std::string_view(b->rbuf).substr(b->rpos);
    size_t nl = ahead.find('\n', scanned);
    if (nl != std::string_view::npos && (limit < 0 || static_cast<int64_t>(nl) < limit))
      return take(b, nl + 1);
    if (limit >= 0 && static_cast<int64_t>(ahead.size()) >= limit)
      return take(b, static_cast<size_t>(limit));
    scanned = ahead.size();
    int64_t got = raw_read(b, static_cast<size_t>(b->buffer_size));
    if (got == -1) return Ref();
    if (got <= 0) return take(b, readahead(b));  // EOF (or nothing ready): what there is
  }
}

M(m_readline) {
  Value a[1];
  if (!parse_args("readline", args, nargs, kw, {"size"}, 0, a)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  int64_t limit;
  if (!size_arg(a[0], &limit)) return Ref();
  if (!check_closed_msg(b, "readline of closed file")) return Ref();
  Locked lk(self);
  if (!lk.ok) return Ref();
  return readline_locked(b, limit);
}

Ref buffered_iternext(Value self) {
  Ref line;
  TypeObject* t = type_of(self);
  if (t == &buffered_reader_type || t == &buffered_random_type) {
    BufferedObject* b = bf(self);
    CHECK_INIT(b);
    if (!check_closed_msg(b, "readline of closed file")) return Ref();
    Locked lk(self);
    if (!lk.ok) return Ref();
    line = readline_locked(b, -1);
  } else {
    line = call_method(self, names::readline, nullptr, 0);
  }
  if (!line) return line;
  int64_t n;
  if (!length(line.get(), &n)) return Ref();
  if (n == 0) return Ref();
  return line;
}

// ------------------------------------------------------------------ writing

M(m_write) {
  if (!check_nargs("write", nargs, kw, 1, 1)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  std::string_view d;
  if (!read_buffer(args[0], &d)) return Ref();
  int c = raw_closed(b);
  if (c < 0) return Ref();
  if (c) return raise(&exc_ValueError, "write to closed file");
  Locked lk(self);
  if (!lk.ok) return Ref();
  if (!read_buffer(args[0], &d)) return Ref();  // re-read: waiting for the lock let others run
  if (readahead(b) > 0 && !drop_readahead(b)) return Ref();
  // As CPython: data that fits is only buffered (a full buffer waits for the next write); else
  // the buffer is flushed, and what is still larger than a buffer goes straight to the raw stream.
  if (static_cast<int64_t>(b->wbuf.size() + d.size()) <= b->buffer_size) {
    b->wbuf.append(d);
    return int_from_int64(static_cast<int64_t>(d.size()));
  }
  bool ok = flush_writes(b);
  if (ok) {
    b->wbuf.append(d);
    if (static_cast<int64_t>(b->wbuf.size()) > b->buffer_size) ok = flush_writes(b);
  } else if (exception_matches(&exc_BlockingIOError)) {
    b->wbuf.append(d);
  }
  if (!ok) {
    if (exception_matches(&exc_BlockingIOError)) {
      // Keep what fits in the buffer and report how much of this write was accepted.
      clear_exception();
      size_t keep = std::min(b->wbuf.size(), static_cast<size_t>(b->buffer_size));
      size_t dropped = b->wbuf.size() - keep;
      b->wbuf.resize(keep);
      int64_t written = static_cast<int64_t>(d.size()) - static_cast<int64_t>(dropped);
      if (written < 0) written = 0;
      Ref msg = str_new("write could not complete without blocking");
      Value ea[3] = {Value::from_small(EAGAIN), msg.get(), Value::from_small(written)};
      set_exception(make_exception(&exc_BlockingIOError, ea, 3));
    }
    return Ref();
  }
  return int_from_int64(static_cast<int64_t>(d.size()));
}

M(m_flush) {
  if (!check_nargs("flush", nargs, kw, 0, 0)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  if (!b->writable) return call_name(b->raw.get(), "flush");  // BufferedReader: the raw's flush
  int c = raw_closed(b);
  if (c < 0) return Ref();
  if (c) return raise(&exc_ValueError, "flush of closed file");
  Locked lk(self);
  if (!lk.ok) return Ref();
  if (!flush_writes(b)) return Ref();
  if (b->readable && readahead(b) > 0 && !drop_readahead(b)) return Ref();
  return none_ref();
}

// ------------------------------------------------------------------ positioning

M(m_seek) {
  if (!check_nargs("seek", nargs, kw, 1, 2)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  if (!is_int(args[0]) && !type_of(args[0])->nb_index) {
    return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                     type_name(args[0]));
  }
  int64_t pos, whence = 0;
  if (!index_int64(args[0], &pos)) return Ref();
  if (nargs > 1 && !index_int64(args[1], &whence)) return Ref();
  if (whence < 0 || whence > 2) {
    return raise_fmt(&exc_ValueError, "invalid whence ({}, should be 0, 1 or 2)", whence);
  }
  if (!check_closed_msg(b, "seek of closed file")) return Ref();
  if (!check_seekable(b->raw.get())) return Ref();
  Locked lk(self);
  if (!lk.ok) return Ref();
  if (!flush_writes(b)) return Ref();
  if (whence == 1) pos -= static_cast<int64_t>(readahead(b));
  b->rbuf.clear();
  b->rpos = 0;
  Value a[2] = {Value(), Value::from_small(whence)};
  Ref p = int_from_int64(pos);
  a[0] = p.get();
  Ref r = call_name(b->raw.get(), "seek", a, 2);
  if (!r) return r;
  int64_t n;
  if (!index_int64(r.get(), &n)) return Ref();
  if (n < 0) return raise_fmt(&exc_OSError, "Raw stream returned invalid position {}", n);
  return r;
}

M(m_tell) {
  if (!check_nargs("tell", nargs, kw, 0, 0)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  Ref r = call_name(b->raw.get(), "tell");
  if (!r) return r;
  int64_t pos;
  if (!index_int64(r.get(), &pos)) return Ref();
  if (pos < 0) return raise_fmt(&exc_OSError, "Raw stream returned invalid position {}", pos);
  pos = pos - static_cast<int64_t>(readahead(b)) + static_cast<int64_t>(b->wbuf.size());
  return int_from_int64(std::max<int64_t>(pos, 0));
}

M(m_truncate) {
  if (!check_nargs("truncate", nargs, kw, 0, 1)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  if (!check_closed_msg(b, "truncate of closed file")) return Ref();
  if (!b->writable) return raise_unsupported("truncate");
  Locked lk(self);
  if (!lk.ok) return Ref();
  if (!flush_writes(b) || !drop_readahead(b)) return Ref();
  Value pos = nargs == 1 ? args[0] : None();
  return call_name1(b->raw.get(), "truncate", pos);
}

// ------------------------------------------------------------------ closing and the rest

M(m_close) {
  if (!check_nargs("close", nargs, kw, 0, 0)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  int c = raw_closed(b);
  if (c < 0) return Ref();
  if (c) return none_ref();
  Ref fin = getattr_opt(self, intern("_finalizing"));
  clear_exception();
  if (fin && truthy(fin.get()) == 1) {
    Value s = self;
    Ref w = getattr_opt(b->raw.get(), intern("_dealloc_warn"));
    clear_exception();
    if (w && !call(w.get(), &s, 1)) clear_exception();
  }
  Ref r = call_method(self, names::flush, nullptr, 0);  // flush() takes the lock itself
  Ref exc;
  if (!r) exc = take_exception();
  Ref r2 = call_method(b->raw.get(), names::close, nullptr, 0);
  {
    Locked lk(self);
    if (lk.ok) {
      b->rbuf.clear();
      b->rpos = 0;
    } else {
      clear_exception();
    }
  }
  if (exc) {
    if (!r2) {
      Ref second = take_exception();
      // The flush error wins; the close error becomes its __context__ (as CPython chains them).
      if (is_none(getattr_opt(exc.get(), names::context).get()))
        setattr(exc.get(), names::context, second.get());
      clear_exception();
    }
    set_exception(std::move(exc));
    return Ref();
  }
  return r2;
}

M(m_detach) {
  if (!check_nargs("detach", nargs, kw, 0, 0)) return Ref();
  BufferedObject* b = bf(self);
  CHECK_INIT(b);
  if (!call_method(self, names::flush, nullptr, 0)) return Ref();
  Ref raw = std::move(b->raw);
  b->ok = false;
  b->detached = true;
  return raw;
}

#define DELEGATE(fname, pyname)                              \
  M(fname) {                                                 \
    if (!check_nargs(pyname, nargs, kw, 0, 0)) return Ref(); \
    BufferedObject* b = bf(self);                            \
    CHECK_INIT(b);                                           \
    return call_name(b->raw.get(), pyname);                  \
  }
DELEGATE(m_fileno, "fileno")
DELEGATE(m_isatty, "isatty")
DELEGATE(m_seekable, "seekable")
DELEGATE(m_readable, "readable")
DELEGATE(m_writable, "writable")

M(m_dealloc_warn) {
  BufferedObject* b = bf(self);
  if (b->ok && b->raw && nargs == 1) {
    Ref w = getattr_opt(b->raw.get(), intern("_dealloc_warn"));
    clear_exception();
    if (w && !call(w.get(), args, 1)) clear_exception();
  }
  return none_ref();
}

M(m_getstate) {
  return raise_fmt(&exc_TypeError, "cannot pickle '{}' object", type_of(self)->name);
}

M(m_sizeof) {
  BufferedObject* b = bf(self);
  return int_from_int64(
      static_cast<int64_t>(sizeof(BufferedObject) + b->rbuf.capacity() + b->wbuf.capacity()));
}

#define RAW_GETTER(fname, attr)         \
  Ref fname(Value self) {               \
    BufferedObject* b = bf(self);       \
    CHECK_INIT(b);                      \
    return getattr(b->raw.get(), attr); \
  }
RAW_GETTER(get_closed, "closed")
RAW_GETTER(get_name, "name")
RAW_GETTER(get_mode, "mode")

Ref get_raw(Value self) {
  BufferedObject* b = bf(self);
  return b->raw ? b->raw.dup() : none_ref();  // a member in CPython: None once detached
}

std::string type_display(Value self) {
  TypeObject* t = type_of(self);
  return (t->flags & kTypeHeap) ? t->name : t->module + "." + t->name;
}

Ref buffered_repr(Value self) {
  std::string tn = type_display(self);
  BufferedObject* b = bf(self);
  if (!b->ok) return str_new(fmt::format("<{}>", tn));
  Ref name = getattr_opt(b->raw.get(), intern("name"));
  if (!name) {
    if (error_pending()) {
      if (!exception_matches(&exc_AttributeError) && !exception_matches(&exc_ValueError))
        return Ref();
      clear_exception();
    }
    return str_new(fmt::format("<{}>", tn));
  }
  if (!repr_enter(self.obj()))
    return raise_fmt(&exc_RuntimeError, "reentrant call inside {}.__repr__", tn);
  Ref r = repr(name.get());
  repr_leave(self.obj());
  if (!r) return r;
  return str_new(fmt::format("<{} name={}>", tn, as_str(r.get())->view()));
}

// ------------------------------------------------------------------ BufferedRWPair

struct RWPairObject : IOBaseObject {
  Ref reader;  // a BufferedReader over the readable raw stream
  Ref writer;  // a BufferedWriter over the writable one
};

RWPairObject* rw(Value v) { return static_cast<RWPairObject*>(v.obj()); }

Ref rwpair_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<RWPairObject>(type)));
}

bool rwpair_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) {
    raise(&exc_TypeError, "BufferedRWPair() takes no keyword arguments");
    return false;
  }
  if (nargs < 2 || nargs > 3) {
    raise_fmt(&exc_TypeError, "BufferedRWPair expected {} arguments, got {}",
              nargs < 2 ? "at least 2" : "at most 3", nargs);
    return false;
  }
  if (!check_readable(args[0]) || !check_writable(args[1])) return false;
  Value ra[2] = {args[0], nargs == 3 ? args[2] : Value::from_small(kDefaultBufferSize)};
  Ref reader = call(Value(&buffered_reader_type), ra, 2);
  if (!reader) return false;
  Value wa[2] = {args[1], ra[1]};
  Ref writer = call(Value(&buffered_writer_type), wa, 2);
  if (!writer) return false;
  rw(self)->reader = std::move(reader);
  rw(self)->writer = std::move(writer);
  return true;
}

void rwpair_dealloc(Object* o) { delete static_cast<RWPairObject*>(o); }
void rwpair_traverse(Object* o, VisitFn visit, void* arg) {
  auto* p = static_cast<RWPairObject*>(o);
  if (p->reader) visit_value(p->reader.get(), visit, arg);
  if (p->writer) visit_value(p->writer.get(), visit, arg);
}
void rwpair_clear(Object* o) {
  auto* p = static_cast<RWPairObject*>(o);
  Ref a = std::move(p->reader), b = std::move(p->writer);
}

Ref pair_side(Value self, bool writer) {
  Ref& s = writer ? rw(self)->writer : rw(self)->reader;
  if (!s) raise(&exc_ValueError, "I/O operation on uninitialized object");
  return s.dup();
}

Ref forward(Value self, bool writer, const char* name, const Value* args, size_t nargs,
            TupleObject* kw) {
  Ref side = pair_side(self, writer);
  if (!side) return side;
  Ref f = getattr(side.get(), name);
  if (!f) return f;
  return call(f.get(), args, nargs, kw);
}

#define FORWARD(fname, writer, pyname) \
  M(fname) { return forward(self, writer, pyname, args, nargs, kw); }
FORWARD(p_read, false, "read")
FORWARD(p_peek, false, "peek")
FORWARD(p_read1, false, "read1")
FORWARD(p_readinto, false, "readinto")
FORWARD(p_readinto1, false, "readinto1")
FORWARD(p_readable, false, "readable")
FORWARD(p_write, true, "write")
FORWARD(p_flush, true, "flush")
FORWARD(p_writable, true, "writable")

M(p_close) {
  Ref r = forward(self, true, "close", args, nargs, kw);
  Ref exc;
  if (!r) exc = take_exception();
  Ref r2 = forward(self, false, "close", nullptr, 0, nullptr);
  if (exc) {
    if (!r2) clear_exception();
    set_exception(std::move(exc));
    return Ref();
  }
  return r2;
}

M(p_isatty) {
  Ref r = forward(self, true, "isatty", args, nargs, kw);
  if (!r) return r;
  if (r.get() != False()) return r;
  return forward(self, false, "isatty", nullptr, 0, nullptr);
}

Ref p_get_closed(Value self) {
  Ref w = pair_side(self, true);
  if (!w) return w;
  return getattr(w.get(), "closed");
}

}  // namespace

void ready_buffered_types() {
  pthread_atfork(nullptr, nullptr, on_fork_child);
  struct {
    TypeObject* t;
    const char* name;
  } kinds[] = {{&buffered_reader_type, "BufferedReader"},
               {&buffered_writer_type, "BufferedWriter"},
               {&buffered_random_type, "BufferedRandom"}};
  for (auto& k : kinds) {
    TypeObject* t = k.t;
    io_type_setup(t, k.name, sizeof(BufferedObject));
    t->new_ = buffered_new;
    t->init = buffered_init;
    t->dealloc = buffered_dealloc;
    t->traverse = buffered_traverse;
    t->clear = buffered_clear;
    t->repr = buffered_repr;
    bool r = t != &buffered_writer_type, w = t != &buffered_reader_type;
    if (r) t->iternext = buffered_iternext;
    type_ready(t, &bufferediobase_type);
    struct {
      const char* name;
      NativeFn fn;
    } common[] = {{"close", m_close},
                  {"detach", m_detach},
                  {"flush", m_flush},
                  {"seek", m_seek},
                  {"tell", m_tell},
                  {"truncate", m_truncate},
                  {"fileno", m_fileno},
                  {"isatty", m_isatty},
                  {"seekable", m_seekable},
                  {"_dealloc_warn", m_dealloc_warn},
                  {"__getstate__", m_getstate},
                  {"__sizeof__", m_sizeof}};
    for (auto& m : common) add_method(t, m.name, m.fn);
    if (r) {
      for (auto& m : {std::pair<const char*, NativeFn>{"read", m_read},
                      {"read1", m_read1},
                      {"peek", m_peek},
                      {"readinto", m_readinto},
                      {"readinto1", m_readinto1},
                      {"readline", m_readline}}) {
        add_method(t, m.first, m.second);
      }
    }
    if (r) add_method(t, "readable", m_readable);  // else _IOBase's: False
    if (w) add_method(t, "write", m_write);
    if (w) add_method(t, "writable", m_writable);
    add_getset(t, "raw", get_raw);
    add_getset(t, "closed", get_closed);
    add_getset(t, "name", get_name);
    add_getset(t, "mode", get_mode);
  }

  TypeObject* p = &buffered_rwpair_type;
  io_type_setup(p, "BufferedRWPair", sizeof(RWPairObject));
  p->new_ = rwpair_new;
  p->init = rwpair_init;
  p->dealloc = rwpair_dealloc;
  p->traverse = rwpair_traverse;
  p->clear = rwpair_clear;
  type_ready(p, &bufferediobase_type);
  for (auto& m : {std::pair<const char*, NativeFn>{"read", p_read},
                  {"peek", p_peek},
                  {"read1", p_read1},
                  {"readinto", p_readinto},
                  {"readinto1", p_readinto1},
                  {"readable", p_readable},
                  {"write", p_write},
                  {"flush", p_flush},
                  {"writable", p_writable},
                  {"close", p_close},
                  {"isatty", p_isatty}}) {
    add_method(p, m.first, m.second);
  }
  add_getset(p, "closed", p_get_closed);
}

}  // namespace minipy::lib::io
