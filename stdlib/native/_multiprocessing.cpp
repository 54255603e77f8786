// The _multiprocessing module: what multiprocessing (stdlib/lib/multiprocessing) cannot write in
// minipy's language.
//   SemLock(kind, value, maxvalue): a POSIX semaphore (sem_t, pshared=1) in a MAP_SHARED |
//     MAP_ANONYMOUS page, so it keeps working across fork(); kind 0 = semaphore, 1 = recursive
//     mutex (CPython's SEMAPHORE / RECURSIVE_MUTEX). Waits release the GIL.
//   SharedArray(typecode, length): a typed array in shared anonymous memory (Value/Array).
//   poll(fd, timeout), wait(fds, timeout): readiness with the GIL released.
//   send_bytes(fd, data) / recv_bytes(fd): length-prefixed messages on a pipe (4-byte big-endian
//     header, written in a single write() so messages up to PIPE_BUF never interleave).
//   fork_exec(path, argv, pass_fds): fork + execv for the 'spawn' start method.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <climits>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/os_thread.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/oserror.h"

namespace minipy::lib {

using namespace rt;

namespace {

TypeObject semlock_type;
TypeObject sharedarray_type;

struct SemLockObject : Object {
  sem_t* sem = nullptr;
  int kind = 0;
  int maxvalue = 1;
  int64_t count = 0;        // recursion depth (recursive mutex) or acquisitions by this process
  uint64_t owner_tid = 0;
  pid_t owner_pid = 0;
};

SemLockObject* as_sem(Value v) { return static_cast<SemLockObject*>(v.obj()); }

#define MP_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

bool timeout_arg(Value v, double* out) {  // null/None = forever (-1)
  *out = -1;
  if (!v || is_none(v)) return true;
  if (!to_double(v, out)) return false;
  if (*out < 0) *out = 0;
  return true;
}

/// Waits on the semaphore; 1 acquired, 0 timed out, -1 error (KeyboardInterrupt).
int sem_wait_timed(sem_t* sem, double timeout) {
  if (sem_trywait(sem) == 0) return 1;
  if (timeout == 0) return 0;
  timespec deadline{};
  clock_gettime(CLOCK_REALTIME, &deadline);
  if (timeout > 0) {
    double whole;
    double frac = std::modf(timeout, &whole);
    deadline.tv_sec += static_cast<time_t>(whole);
    deadline.tv_nsec += static_cast<long>(frac * 1e9);
    if (deadline.tv_nsec >= 1000000000L) {
      deadline.tv_sec++;
      deadline.tv_nsec -= 1000000000L;
    }
  }
  for (;;) {
    int r, err = 0;
    bool expired = false;
    {
      ReleaseGil unlocked("sem_wait");
      timespec slice{};
      clock_gettime(CLOCK_REALTIME, &slice);
      slice.tv_nsec += 50 * 1000000L;  // wake up now and then for Ctrl-C
      if (slice.tv_nsec >= 1000000000L) {
        slice.tv_sec++;
        slice.tv_nsec -= 1000000000L;
      }
      bool use_deadline = timeout > 0 && (deadline.tv_sec < slice.tv_sec ||
                                          (deadline.tv_sec == slice.tv_sec && deadline.tv_nsec < slice.tv_nsec));
      r = sem_timedwait(sem, use_deadline ? &deadline : &slice);
      if (r != 0) err = errno;
      if (r != 0 && err == ETIMEDOUT && use_deadline) expired = true;
    }
    if (r == 0) return 1;
    if (expired) return 0;
    if (err != ETIMEDOUT && err != EINTR) {
      raise_os_error(err, Value());
      return -1;
    }
    if (g_eval_breaker.load(std::memory_order_relaxed) & kBreakSignalsPending) {
      if (!handle_eval_breaker()) return -1;
    }
    if (timeout > 0) {
      timespec now{};
      clock_gettime(CLOCK_REALTIME, &now);
      if (now.tv_sec > deadline.tv_sec || (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec)) {
        return sem_trywait(sem) == 0 ? 1 : 0;
      }
    }
  }
}

Ref semlock_new(TypeObject* t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3] = {};
  if (!parse_args("SemLock", args, nargs, kw, {"kind", "value", "maxvalue"}, 3, a)) return Ref();
  int64_t kind, value, maxvalue;
  if (!index_int64(a[0], &kind) || !index_int64(a[1], &value) || !index_int64(a[2], &maxvalue)) return Ref();
  if (value < 0 || value > SEM_VALUE_MAX) return raise(&exc_ValueError, "invalid value");
  void* mem = mmap(nullptr, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return raise_os_error(errno, Value());
  auto* sem = static_cast<sem_t*>(mem);
  if (sem_init(sem, 1, static_cast<unsigned>(value)) != 0) {
    int e = errno;
    munmap(mem, sizeof(sem_t));
    return raise_os_error(e, Value());
  }
  SemLockObject* o = alloc_instance<SemLockObject>(t);
  o->sem = sem;
  o->kind = static_cast<int>(kind);
  o->maxvalue = static_cast<int>(std::min<int64_t>(maxvalue, INT_MAX));
  return Ref::steal(Value(o));
}

void semlock_dealloc(Object* o) {
  auto* s = static_cast<SemLockObject*>(o);
  if (s->sem) munmap(s->sem, sizeof(sem_t));  // other processes keep their own mapping
  TypeObject* t = o->type;
  delete s;
  if (t->flags & kTypeHeap) decref(t);
}

bool is_mine(SemLockObject* s) {
  return s->count > 0 && s->owner_pid == getpid() && s->owner_tid == current_thread_ident();
}

MP_FN(semlock_acquire) {
  Value a[2] = {};
  if (!parse_args("acquire", args, nargs, kw, {"block", "timeout"}, 0, a)) return Ref();
  SemLockObject* s = as_sem(self);
  bool block = true;
  if (a[0]) {
    int t = truthy(a[0]);
    if (t < 0) return Ref();
    block = t;
  }
  double timeout;
  if (!timeout_arg(a[1], &timeout)) return Ref();
  if (!block) timeout = 0;
  if (s->kind == 1 && is_mine(s)) {
    s->count++;
    return bool_ref(true);
  }
  int r = sem_wait_timed(s->sem, timeout);
  if (r < 0) return Ref();
  if (r == 0) return bool_ref(false);
  if (s->kind == 1 || s->owner_pid != getpid()) s->count = 0;
  s->count++;
  s->owner_pid = getpid();
  s->owner_tid = current_thread_ident();
  return bool_ref(true);
}

MP_FN(semlock_release) {
  SemLockObject* s = as_sem(self);
  if (s->kind == 1) {
    if (!is_mine(s))
      return raise(&exc_AssertionError, "attempt to release recursive lock not owned by thread");
    if (s->count > 1) {
      s->count--;
      return none_ref();
    }
  } else if (s->maxvalue != INT_MAX) {
    int v = 0;
    sem_getvalue(s->sem, &v);
    if (v >= s->maxvalue) return raise(&exc_ValueError, "semaphore or lock released too many times");
  }
  if (sem_post(s->sem) != 0) return raise_os_error(errno, Value());
  if (s->count > 0) s->count--;
  return none_ref();
}

MP_FN(semlock_exit) {
  Ref r = semlock_release(self, nullptr, 0, nullptr);
  if (!r) return r;
  return bool_ref(false);
}

MP_FN(semlock_count) { return int_from_int64(as_sem(self)->owner_pid == getpid() ? as_sem(self)->count : 0); }
MP_FN(semlock_is_mine) { return bool_ref(is_mine(as_sem(self))); }
MP_FN(semlock_get_value) {
  int v = 0;
  sem_getvalue(as_sem(self)->sem, &v);
  return int_from_int64(v < 0 ? 0 : v);
}
MP_FN(semlock_is_zero) {
  int v = 0;
  sem_getvalue(as_sem(self)->sem, &v);
  return bool_ref(v <= 0);
}
MP_FN(semlock_after_fork) {
  as_sem(self)->count = 0;
  return none_ref();
}
Ref semlock_get_kind(Value self) { return Ref::small(as_sem(self)->kind); }
Ref semlock_get_maxvalue(Value self) { return int_from_int64(as_sem(self)->maxvalue); }

// ---- SharedArray ---------------------------------------------------------------------------

struct SharedArrayObject : Object {
  char* data = nullptr;
  size_t bytes = 0;
  int64_t length = 0;
  char code = 'i';
  int itemsize = 4;
};

SharedArrayObject* as_arr(Value v) { return static_cast<SharedArrayObject*>(v.obj()); }

int itemsize_of(char c) {
  switch (c) {
    case 'c': case 'b': case 'B': case '?': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': case 'q': case 'Q': case 'd': return 8;
    default: return 0;
  }
}

Ref arr_get(SharedArrayObject* a, int64_t i) {
  char* p = a->data + i * a->itemsize;
  switch (a->code) {
    case 'c': return bytes_new(std::string_view(p, 1));
    case '?': return bool_ref(*p != 0);
    case 'b': return int_from_int64(*reinterpret_cast<int8_t*>(p));
    case 'B': return int_from_int64(*reinterpret_cast<uint8_t*>(p));
    case 'h': return int_from_int64(*reinterpret_cast<int16_t*>(p));
    case 'H': return int_from_int64(*reinterpret_cast<uint16_t*>(p));
    case 'i': return int_from_int64(*reinterpret_cast<int32_t*>(p));
    case 'I': return int_from_int64(*reinterpret_cast<uint32_t*>(p));
    case 'l': case 'q': return int_from_int64(*reinterpret_cast<int64_t*>(p));
    case 'L': case 'Q': return int_from_bigint(BigInt::from_uint64(*reinterpret_cast<uint64_t*>(p)));
    case 'f': return float_new(*reinterpret_cast<float*>(p));
    case 'd': return float_new(*reinterpret_cast<double*>(p));
  }
  return none_ref();
}

bool arr_set(SharedArrayObject* a, int64_t i, Value v) {
  char* p = a->data + i * a->itemsize;
  if (a->code == 'c') {
    std::string_view d;
    if (!is_bytes(v) || !bytes_like_data(v, &d) || d.size() != 1) {
      raise(&exc_TypeError, "one character bytes, bytearray or integer expected");
      return false;
    }
    *p = d[0];
    return true;
  }
  if (a->code == 'f' || a->code == 'd') {
    double d;
    if (!to_double(v, &d)) return false;
    if (a->code == 'f') *reinterpret_cast<float*>(p) = static_cast<float>(d);
    else *reinterpret_cast<double*>(p) = d;
    return true;
  }
  if (is_float(v)) {
    raise(&exc_TypeError, "int expected instead of float");
    return false;
  }
  int64_t n;
  if (a->code == 'L' || a->code == 'Q') {
    Ref r = number_index(v);
    if (!r) return false;
    if (!int_to_int64(r.get(), &n)) {
      clear_exception();
      uint64_t u = 0;
      std::string hex = int_to_string(r.get(), 16);
      if (!hex.empty() && hex[0] == '-') {
        raise(&exc_OverflowError, "can't convert negative int to unsigned");
        return false;
      }
      size_t start = hex.rfind('x');
      u = std::stoull(hex.substr(start == std::string::npos ? 0 : start + 1), nullptr, 16);
      *reinterpret_cast<uint64_t*>(p) = u;
      return true;
    }
    *reinterpret_cast<uint64_t*>(p) = static_cast<uint64_t>(n);
    return true;
  }
  if (!index_int64(v, &n)) return false;
  switch (a->code) {
    case '?': *p = n != 0; break;
    case 'b': *reinterpret_cast<int8_t*>(p) = static_cast<int8_t>(n); break;
    case 'B': *reinterpret_cast<uint8_t*>(p) = static_cast<uint8_t>(n); break;
    case 'h': *reinterpret_cast<int16_t*>(p) = static_cast<int16_t>(n); break;
    case 'H': *reinterpret_cast<uint16_t*>(p) = static_cast<uint16_t>(n); break;
    case 'i': *reinterpret_cast<int32_t*>(p) = static_cast<int32_t>(n); break;
    case 'I': *reinterpret_cast<uint32_t*>(p) = static_cast<uint32_t>(n); break;
    default: *reinterpret_cast<int64_t*>(p) = n; break;
  }
  return true;
}

Ref sharedarray_new(TypeObject* t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2] = {};
  if (!parse_args("SharedArray", args, nargs, kw, {"typecode", "length"}, 2, a)) return Ref();
  if (!is_str(a[0]) || as_str(a[0])->data.size() != 1 || itemsize_of(as_str(a[0])->data[0]) == 0)
    return raise(&exc_ValueError, "bad typecode (must be c, b, B, ?, h, H, i, I, l, L, q, Q, f or d)");
  int64_t n;
  if (!index_int64(a[1], &n)) return Ref();
  if (n < 0) return raise(&exc_ValueError, "negative length");
  char code = as_str(a[0])->data[0];
  int isz = itemsize_of(code);
  size_t bytes = static_cast<size_t>(n) * isz;
  void* mem = mmap(nullptr, bytes ? bytes : 1, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return raise_os_error(errno, Value());
  SharedArrayObject* o = alloc_instance<SharedArrayObject>(t);
  o->data = static_cast<char*>(mem);
  o->bytes = bytes ? bytes : 1;
  o->length = n;
  o->code = code;
  o->itemsize = isz;
  return Ref::steal(Value(o));
}

void sharedarray_dealloc(Object* o) {
  auto* a = static_cast<SharedArrayObject*>(o);
  if (a->data) munmap(a->data, a->bytes);
  TypeObject* t = o->type;
  delete a;
  if (t->flags & kTypeHeap) decref(t);
}

bool sharedarray_len(Value self, int64_t* out) {
  *out = as_arr(self)->length;
  return true;
}

Ref sharedarray_getitem(Value self, Value key) {
  SharedArrayObject* a = as_arr(self);
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, len;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), a->length, &start, &stop, &step, &len)) return Ref();
    if (a->code == 'c') {
      std::string s;
      for (int64_t i = 0, j = start; i < len; i++, j += step) s.push_back(a->data[j]);
      return bytes_new(s);
    }
    Ref l = list_new(len);
    for (int64_t i = 0, j = start; i < len; i++, j += step) {
      Ref x = arr_get(a, j);
      if (!x) return x;
      list_append_steal(as_list(l.get()), x.release());
    }
    return l;
  }
  int64_t i;
  if (!index_int64(key, &i)) return Ref();
  if (i < 0) i += a->length;
  if (i < 0 || i >= a->length) return raise(&exc_IndexError, "invalid index");
  return arr_get(a, i);
}

bool sharedarray_setitem(Value self, Value key, Value v) {
  SharedArrayObject* a = as_arr(self);
  if (!v) {
    raise(&exc_TypeError, "Array does not support item deletion");
    return false;
  }
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, len;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), a->length, &start, &stop, &step, &len)) return false;
    Ref items = list_from_iterable(v);
    if (!items) return false;
    if (static_cast<int64_t>(as_list(items.get())->items.size()) != len) {
      raise(&exc_ValueError, "Can only assign sequence of same size");
      return false;
    }
    for (int64_t i = 0, j = start; i < len; i++, j += step)
      if (!arr_set(a, j, as_list(items.get())->items[i])) return false;
    return true;
  }
  int64_t i;
  if (!index_int64(key, &i)) return false;
  if (i < 0) i += a->length;
  if (i < 0 || i >= a->length) {
    raise(&exc_IndexError, "invalid index");
    return false;
  }
  return arr_set(a, i, v);
}

Ref sharedarray_typecode(Value self) { return str_new(std::string(1, as_arr(self)->code)); }

// ---- fds ----------------------------------------------------------------------------------

bool fd_of(Value v, int* out) {
  int64_t n;
  if (!index_int64(v, &n)) return false;
  *out = static_cast<int>(n);
  return true;
}

/// poll(2) on fds with the GIL released; timeout < 0 = forever. Returns the ready fds.
bool wait_fds(const std::vector<int>& fds, double timeout, std::vector<int>* ready) {
  std::vector<pollfd> pfds(fds.size());
  for (size_t i = 0; i < fds.size(); i++) pfds[i] = {fds[i], POLLIN, 0};
  uint64_t start = monotonic_ns();
  for (;;) {
    int ms = 50;
    if (timeout >= 0) {
      double left = timeout - static_cast<double>(monotonic_ns() - start) / 1e9;
      if (left < 0) left = 0;
      ms = std::min(50, static_cast<int>(std::ceil(left * 1000)));
    }
    int r, err = 0;
    {
      ReleaseGil unlocked("poll");
      r = ::poll(pfds.data(), pfds.size(), ms);
      if (r < 0) err = errno;
    }
    if (r < 0 && err != EINTR) {
      raise_os_error(err, Value());
      return false;
    }
    if (r > 0) {
      for (auto& p : pfds)
        if (p.revents) ready->push_back(p.fd);
      return true;
    }
    if (g_eval_breaker.load(std::memory_order_relaxed) & kBreakSignalsPending) {
      if (!handle_eval_breaker()) return false;
    }
    if (timeout >= 0 && static_cast<double>(monotonic_ns() - start) / 1e9 >= timeout) return true;
  }
}

MP_FN(mp_poll) {
  if (!check_nargs("poll", nargs, kw, 1, 2)) return Ref();
  int fd;
  if (!fd_of(args[0], &fd)) return Ref();
  double timeout = 0;
  if (nargs > 1 && !timeout_arg(args[1], &timeout)) return Ref();
  std::vector<int> ready;
  if (!wait_fds({fd}, timeout, &ready)) return Ref();
  return bool_ref(!ready.empty());
}

MP_FN(mp_wait) {
  if (!check_nargs("wait", nargs, kw, 1, 2)) return Ref();
  Ref l = list_from_iterable(args[0]);
  if (!l) return l;
  std::vector<int> fds;
  for (Value v : as_list(l.get())->items) {
    int fd;
    if (!fd_of(v, &fd)) return Ref();
    fds.push_back(fd);
  }
  double timeout = -1;
  if (nargs > 1 && !timeout_arg(args[1], &timeout)) return Ref();
  std::vector<int> ready;
  if (!wait_fds(fds, timeout, &ready)) return Ref();
  Ref out = list_new(ready.size());
  for (int fd : ready) list_append_steal(as_list(out.get()), Value::from_small(fd));
  return out;
}

MP_FN(mp_send_bytes) {
  if (!check_nargs("send_bytes", nargs, kw, 2, 2)) return Ref();
  int fd;
  if (!fd_of(args[0], &fd)) return Ref();
  std::string_view data;
  if (!bytes_like_data(args[1], &data)) return raise(&exc_TypeError, "a bytes-like object is required");
  if (data.size() > 0x7fffffffu) return raise(&exc_ValueError, "message too long");
  std::string buf;
  buf.reserve(data.size() + 4);
  uint32_t n = static_cast<uint32_t>(data.size());
  buf.push_back(static_cast<char>(n >> 24));
  buf.push_back(static_cast<char>(n >> 16));
  buf.push_back(static_cast<char>(n >> 8));
  buf.push_back(static_cast<char>(n));
  buf.append(data);
  size_t off = 0;
  int err = 0;
  {
    ReleaseGil unlocked("send");
    while (off < buf.size()) {
      ssize_t w = ::write(fd, buf.data() + off, buf.size() - off);
      if (w < 0) {
        if (errno == EINTR) continue;
        err = errno;
        break;
      }
      off += static_cast<size_t>(w);
    }
  }
  if (err) return raise_os_error(err, Value());
  return none_ref();
}

/// Reads exactly n bytes; returns bytes read (< n only at EOF) or -1 with errno in *err.
ssize_t read_exact(int fd, char* p, size_t n, int* err) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, p + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      *err = errno;
      return -1;
    }
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  return static_cast<ssize_t>(got);
}

MP_FN(mp_recv_bytes) {
  if (!check_nargs("recv_bytes", nargs, kw, 1, 1)) return Ref();
  int fd;
  if (!fd_of(args[0], &fd)) return Ref();
  unsigned char hdr[4];
  std::string data;
  int err = 0;
  ssize_t got;
  {
    ReleaseGil unlocked("recv");
    got = read_exact(fd, reinterpret_cast<char*>(hdr), 4, &err);
    if (got == 4) {
      uint32_t n = (uint32_t{hdr[0]} << 24) | (uint32_t{hdr[1]} << 16) | (uint32_t{hdr[2]} << 8) | hdr[3];
      data.resize(n);
      got = read_exact(fd, data.data(), n, &err);
      if (got >= 0 && static_cast<size_t>(got) != n) got = -2;
    } else if (got >= 0) {
      got = got == 0 ? -3 : -2;
    }
  }
  if (got == -1) return raise_os_error(err, Value());
  if (got == -3) return raise(&exc_EOFError, "");
  if (got == -2) return raise(&exc_EOFError, "got end of file during message");
  return bytes_new(data);
}

MP_FN(mp_fork_exec) {
  if (!check_nargs("fork_exec", nargs, kw, 3, 3)) return Ref();
  std::string path;
  if (!str_text(args[0], &path)) return Ref();
  Ref argl = list_from_iterable(args[1]);
  if (!argl) return argl;
  std::vector<std::string> argv;
  for (Value v : as_list(argl.get())->items) {
    std::string s;
    if (!str_text(v, &s)) return Ref();
    argv.push_back(s);
  }
  Ref fdl = list_from_iterable(args[2]);
  if (!fdl) return fdl;
  std::vector<int> keep;
  for (Value v : as_list(fdl.get())->items) {
    int fd;
    if (!fd_of(v, &fd)) return Ref();
    keep.push_back(fd);
  }
  std::vector<char*> cargv;
  for (auto& s : argv) cargv.push_back(s.data());
  cargv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return raise_os_error(errno, Value());
  if (pid == 0) {
    for (int fd : keep) {
      int fl = fcntl(fd, F_GETFD);
      if (fl >= 0) fcntl(fd, F_SETFD, fl & ~FD_CLOEXEC);
    }
    ::execv(path.c_str(), cargv.data());
    _exit(127);
  }
  return int_from_int64(pid);
}

}  // namespace

bool init__multiprocessing(Value module, DictObject* ns) {
  static bool types_ready = false;
  if (!types_ready) {
    types_ready = true;
    semlock_type.name = "SemLock";
    semlock_type.module = "_multiprocessing";
    semlock_type.flags = kTypeBaseType;
    semlock_type.basic_size = sizeof(SemLockObject);
    semlock_type.dealloc = semlock_dealloc;
    semlock_type.new_ = semlock_new;
    type_ready(&semlock_type, &object_type);
    add_method(&semlock_type, "acquire", semlock_acquire);
    add_method(&semlock_type, "release", semlock_release);
    add_method(&semlock_type, "__enter__", semlock_acquire);
    add_method(&semlock_type, "__exit__", semlock_exit);
    add_method(&semlock_type, "_count", semlock_count);
    add_method(&semlock_type, "_is_mine", semlock_is_mine);
    add_method(&semlock_type, "_get_value", semlock_get_value);
    add_method(&semlock_type, "_is_zero", semlock_is_zero);
    add_method(&semlock_type, "_after_fork", semlock_after_fork);
    add_getset(&semlock_type, "kind", semlock_get_kind);
    add_getset(&semlock_type, "maxvalue", semlock_get_maxvalue);

    sharedarray_type.name = "SharedArray";
    sharedarray_type.module = "_multiprocessing";
    sharedarray_type.flags = kTypeBaseType;
    sharedarray_type.basic_size = sizeof(SharedArrayObject);
    sharedarray_type.dealloc = sharedarray_dealloc;
    sharedarray_type.new_ = sharedarray_new;
    sharedarray_type.len = sharedarray_len;
    sharedarray_type.getitem = sharedarray_getitem;
    sharedarray_type.setitem = sharedarray_setitem;
    type_ready(&sharedarray_type, &object_type);
    add_getset(&sharedarray_type, "typecode", sharedarray_typecode);
  }
  dict_set_cstr(ns, "SemLock", Value(&semlock_type));
  dict_set_cstr(ns, "SharedArray", Value(&sharedarray_type));
  dict_set_cstr(ns, "SEM_VALUE_MAX", Value::from_small(SEM_VALUE_MAX));
  dict_set_cstr(ns, "PIPE_BUF", Value::from_small(PIPE_BUF));
  add_function(ns, module, "poll", mp_poll);
  add_function(ns, module, "wait", mp_wait);
  add_function(ns, module, "send_bytes", mp_send_bytes);
  add_function(ns, module, "recv_bytes", mp_recv_bytes);
  add_function(ns, module, "fork_exec", mp_fork_exec);
  return true;
}

}  // namespace minipy::lib
