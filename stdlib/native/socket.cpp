// _socket.socket: a BSD socket over a file descriptor, the native base class of CPython's
// socket.socket (Lib/socket.py). Semantics follow CPython's Modules/socketmodule.c: a socket
// with a timeout (settimeout > 0) is non-blocking underneath and waits for readiness with
// poll(); a blocking one (None) blocks in the system call; timeout 0 is non-blocking mode.
// Every system call that may block runs with the GIL released and retries on EINTR after
// running signal handlers (PEP 475). Python objects are only touched with the GIL held: data
// moves through C++ buffers across the release. The call loop itself is in socket_call.h.
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <span>
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/memoryview.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/oserror.h"
#include "stdlib/native/socket_call.h"
#include "stdlib/native/socket_module.h"

namespace minipy::lib {

using namespace rt;

TypeObject socket_type;

/// Copies received bytes into the caller's buffer, fetched again: the GIL was released during the
/// receive, so the buffer may have been resized (CPython pins it with a buffer export instead).
bool recv_write_back(Value buffer, std::string_view data) {
  std::span<char> w;
  if (!buffer_writable(buffer, &w) || w.size() < data.size()) {
    raise(&exc_BufferError, "buffer was resized while receiving");
    return false;
  }
  std::memcpy(w.data(), data.data(), data.size());
  return true;
}

namespace {

#define SOCK_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

SocketObject* as_sock(Value v) { return static_cast<SocketObject*>(v.obj()); }

/// O_NONBLOCK on or off (CPython's internal_setblocking).
bool set_fd_blocking(int fd, bool block) {
  int flags = fcntl(fd, F_GETFL, 0);
  if (flags < 0) return false;
  int want = block ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK);
  return want == flags || fcntl(fd, F_SETFL, want) == 0;
}

/// Applies a timeout: the descriptor is non-blocking whenever there is one.
bool apply_timeout(SocketObject* s, double timeout) {
  s->timeout = timeout;
  if (s->fd >= 0 && !set_fd_blocking(s->fd, timeout < 0)) {
    raise_os_error(errno, Value());
    return false;
  }
  return true;
}

bool flags_arg(Value v, int* out) {
  *out = 0;
  return !v || c_int_arg(v, out);
}

// ---------------------------------------------------------------- construction

Ref sock_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  auto* s = alloc_instance<SocketObject>(type);
  s->timeout = -1;
  return Ref::steal(Value(s));
}

/// socket(family=-1, type=-1, proto=-1, fileno=None)
bool sock_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[4];
  if (!parse_args("socket", args, nargs, kw, {"family", "type", "proto", "fileno"}, 0, a))
    return false;
  int family = -1, type = -1, proto = -1;
  if ((a[0] && !c_int_arg(a[0], &family)) || (a[1] && !c_int_arg(a[1], &type)) ||
      (a[2] && !c_int_arg(a[2], &proto))) {
    return false;
  }
  SocketObject* s = as_sock(self);
  int fd;
  if (a[3] && !is_none(a[3])) {
    int64_t n;
    if (is_float(a[3])) {
      raise(&exc_TypeError, "'float' object cannot be interpreted as an integer");
      return false;
    }
    if (!int_arg(a[3], &n)) return false;
    if (n < 0) {
      raise(&exc_ValueError, "negative file descriptor");
      return false;
    }
    if (n > INT_MAX) {
      raise(&exc_OverflowError, "file descriptor out of range");
      return false;
    }
    fd = static_cast<int>(n);
    // Ask the descriptor for what the caller left out; this also checks it is a socket.
    socklen_t len = sizeof(int);
    if (family == -1) {
      if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) != 0)
        return raise_os_error(errno, Value()), false;
    }
    if (type == -1) {
      len = sizeof(int);
      if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0)
        return raise_os_error(errno, Value()), false;
    }
    if (proto == -1) {
      len = sizeof(int);
      if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len) != 0)
        return raise_os_error(errno, Value()), false;
    }
  } else {
    if (family == -1) family = AF_INET;
    if (type == -1) type = SOCK_STREAM;
    if (proto == -1) proto = 0;
    fd = ::socket(family, type | SOCK_CLOEXEC, proto);
    if (fd < 0) {
      raise_os_error(errno, Value());
      return false;
    }
  }
  if (s->fd >= 0 && s->fd != fd) ::close(s->fd);  // __init__ called again
  s->fd = fd;
  s->sock_family = family;
  s->sock_type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  s->sock_proto = proto;
  double timeout = g_default_timeout;
  if (type & SOCK_NONBLOCK) timeout = 0;
  return apply_timeout(s, timeout);
}

void sock_dealloc(Object* o) {
  auto* s = static_cast<SocketObject*>(o);
  if (s->fd >= 0) ::close(s->fd);  // an unclosed socket (CPython warns with ResourceWarning)
  delete s;
}

Ref sock_repr(Value self) {
  SocketObject* s = as_sock(self);
  return str_new(fmt::format("<socket object, fd={}, family={}, type={}, proto={}>", s->fd,
                             s->sock_family, s->sock_type, s->sock_proto));
}

// ---------------------------------------------------------------- connection setup

SOCK_FN(sock_bind) {
  if (!check_nargs("bind", nargs, kw, 1, 1)) return Ref();
  SocketObject* s = as_sock(self);
  SockAddr addr;
  socklen_t len;
  if (!sockaddr_from_python(s->sock_family, args[0], "bind", &addr, &len)) return Ref();
  if (::bind(s->fd, &addr.sa, len) != 0) return raise_os_error(errno, Value());
  return none_ref();
}

SOCK_FN(sock_listen) {
  if (!check_nargs("listen", nargs, kw, 0, 1)) return Ref();
  int backlog = std::min(SOMAXCONN, 128);
  if (nargs == 1 && !c_int_arg(args[0], &backlog)) return Ref();
  if (backlog < 0) backlog = 0;
  SocketObject* s = as_sock(self);
  int r, err;
  {
    ReleaseGil unlocked("listen");
    r = ::listen(s->fd, backlog);
    err = errno;
  }
  if (r != 0) return raise_os_error(err, Value());
  return none_ref();
}

/// _accept() -> (fd, address); socket.py wraps the descriptor in a socket.socket.
SOCK_FN(sock_accept) {
  if (!check_nargs("_accept", nargs, kw, 0, 0)) return Ref();
  SocketObject* s = as_sock(self);
  SockAddr addr;
  socklen_t len = sizeof(addr);
  ssize_t fd = sock_call(
      s, false,
      [&](int sfd) {
        len = sizeof(addr);
        return static_cast<ssize_t>(::accept4(sfd, &addr.sa, &len, SOCK_CLOEXEC));
      },
      s->timeout);
  if (fd < 0) return Ref();
  Ref a = sockaddr_to_python(&addr.sa, len);
  if (!a) {
    ::close(static_cast<int>(fd));
    return Ref();
  }
  Ref n = int_from_int64(fd);
  return tuple_of({n.get(), a.get()});
}

/// CPython's internal_connect: 0 on success, else -1 with an exception, or the errno when
/// `raise_errors` is false (connect_ex).
int do_connect(SocketObject* s, Value address, const char* caller, bool raise_errors) {
  SockAddr addr;
  socklen_t len;
  if (!sockaddr_from_python(s->sock_family, address, caller, &addr, &len)) return -1;
  int r, err;
  {
    ReleaseGil unlocked("connect");
    r = ::connect(s->fd, &addr.sa, len);
    err = errno;
  }
  if (r == 0) return 0;
  bool wait;
  if (err == EINTR) {
    if (!handle_eval_breaker()) return -1;
    // The connection goes on in the background: wait for it unless in non-blocking mode.
    wait = s->timeout != 0;
  } else {
    wait = s->timeout > 0 && err == EINPROGRESS;
  }
  if (!wait) {
    if (raise_errors) {
      raise_os_error(err, Value());
      return -1;
    }
    return err;
  }
  int so_err = 0;
  ssize_t rc = sock_call(
      s, true,
      [&](int fd) -> ssize_t {
        int e = 0;
        socklen_t l = sizeof(e);
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &l) != 0) return -1;
        if (e == EISCONN || e == 0) return 0;
        errno = e;
        return -1;
      },
      s->timeout, raise_errors ? nullptr : &so_err, true);
  if (rc == 0) return 0;
  if (raise_errors) return -1;
  return error_pending() ? -1 : so_err;
}

SOCK_FN(sock_connect) {
  if (!check_nargs("connect", nargs, kw, 1, 1)) return Ref();
  if (do_connect(as_sock(self), args[0], "connect", true) != 0) return Ref();
  return none_ref();
}

SOCK_FN(sock_connect_ex) {
  if (!check_nargs("connect_ex", nargs, kw, 1, 1)) return Ref();
  int r = do_connect(as_sock(self), args[0], "connect_ex", false);
  if (r < 0) return Ref();
  return int_from_int64(r);
}

SOCK_FN(sock_shutdown) {
  if (!check_nargs("shutdown", nargs, kw, 1, 1)) return Ref();
  int how;
  if (!c_int_arg(args[0], &how)) return Ref();
  int r, err;
  {
    ReleaseGil unlocked("shutdown");
    r = ::shutdown(as_sock(self)->fd, how);
    err = errno;
  }
  if (r != 0) return raise_os_error(err, Value());
  return none_ref();
}

SOCK_FN(sock_close) {
  if (!check_nargs("close", nargs, kw, 0, 0)) return Ref();
  SocketObject* s = as_sock(self);
  int fd = s->fd;
  if (fd < 0) return none_ref();
  s->fd = -1;
  int r, err;
  {
    ReleaseGil unlocked("close");
    r = ::close(fd);
    err = errno;
  }
  // ECONNRESET: the peer reset the connection; the descriptor is closed all the same.
  if (r != 0 && err != ECONNRESET) return raise_os_error(err, Value());
  return none_ref();
}

SOCK_FN(sock_detach) {
  if (!check_nargs("detach", nargs, kw, 0, 0)) return Ref();
  SocketObject* s = as_sock(self);
  int fd = s->fd;
  s->fd = -1;
  return int_from_int64(fd);
}

SOCK_FN(sock_fileno) {
  if (!check_nargs("fileno", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(as_sock(self)->fd);
}

Ref sock_name(Value self, size_t nargs, TupleObject* kw, bool peer) {
  if (!check_nargs(peer ? "getpeername" : "getsockname", nargs, kw, 0, 0)) return Ref();
  SockAddr addr;
  std::memset(&addr, 0, sizeof(addr));
  socklen_t len = sizeof(addr);
  int fd = as_sock(self)->fd;
  int r = peer ? ::getpeername(fd, &addr.sa, &len) : ::getsockname(fd, &addr.sa, &len);
  if (r != 0) return raise_os_error(errno, Value());
  return sockaddr_to_python(&addr.sa, len);
}

SOCK_FN(sock_getsockname) { return sock_name(self, nargs, kw, false); }
SOCK_FN(sock_getpeername) { return sock_name(self, nargs, kw, true); }

// ---------------------------------------------------------------- options and modes

/// setsockopt(level, option, value: int | buffer) or setsockopt(level, option, None, optlen)
SOCK_FN(sock_setsockopt) {
  if (!check_nargs("setsockopt", nargs, kw, 3, 4)) return Ref();
  int level, opt;
  if (!c_int_arg(args[0], &level) || !c_int_arg(args[1], &opt)) return Ref();
  int fd = as_sock(self)->fd;
  int r;
  if (nargs == 4) {
    if (!is_none(args[2])) {
      return raise(&exc_TypeError,
                   "setsockopt() takes 3 arguments or 4 arguments with None as the third");
    }
    int64_t optlen;
    if (!int_arg(args[3], &optlen)) return Ref();
    r = ::setsockopt(fd, level, opt, nullptr, static_cast<socklen_t>(optlen));
  } else if (is_int(args[2])) {
    int v;
    if (!c_int_arg(args[2], &v)) return Ref();
    r = ::setsockopt(fd, level, opt, &v, sizeof(v));
  } else {
    std::string_view d;
    if (!bytes_like_data(args[2], &d)) {
      return raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'",
                       type_name(args[2]));
    }
    r = ::setsockopt(fd, level, opt, d.data(), static_cast<socklen_t>(d.size()));
  }
  if (r != 0) return raise_os_error(errno, Value());
  return none_ref();
}

/// getsockopt(level, option[, buflen]): an int without buflen, else bytes of at most buflen.
SOCK_FN(sock_getsockopt) {
  if (!check_nargs("getsockopt", nargs, kw, 2, 3)) return Ref();
  int level, opt;
  if (!c_int_arg(args[0], &level) || !c_int_arg(args[1], &opt)) return Ref();
  int fd = as_sock(self)->fd;
  if (nargs == 2) {
    int v = 0;
    socklen_t len = sizeof(v);
    if (::getsockopt(fd, level, opt, &v, &len) != 0) return raise_os_error(errno, Value());
    return int_from_int64(v);
  }
  int buflen;
  if (!c_int_arg(args[2], &buflen)) return Ref();
  if (buflen <= 0 || buflen > 1024)
    return raise_os_error(EINVAL, Value());  // CPython: "getsockopt buflen out of range"
  std::string buf(static_cast<size_t>(buflen), '\0');
  socklen_t len = static_cast<socklen_t>(buflen);
  if (::getsockopt(fd, level, opt, buf.data(), &len) != 0) return raise_os_error(errno, Value());
  buf.resize(len);
  return bytes_new(buf);
}

SOCK_FN(sock_setblocking) {
  if (!check_nargs("setblocking", nargs, kw, 1, 1)) return Ref();
  int block = truthy(args[0]);
  if (block < 0) return Ref();
  if (!apply_timeout(as_sock(self), block ? -1.0 : 0.0)) return Ref();
  return none_ref();
}

SOCK_FN(sock_getblocking) {
  if (!check_nargs("getblocking", nargs, kw, 0, 0)) return Ref();
  return bool_ref(as_sock(self)->timeout != 0);
}

SOCK_FN(sock_settimeout) {
  if (!check_nargs("settimeout", nargs, kw, 1, 1)) return Ref();
  double t;
  if (!timeout_arg(args[0], &t)) return Ref();
  if (!apply_timeout(as_sock(self), t)) return Ref();
  return none_ref();
}

Ref timeout_value(double t) { return t < 0 ? none_ref() : float_new(t); }

SOCK_FN(sock_gettimeout) {
  if (!check_nargs("gettimeout", nargs, kw, 0, 0)) return Ref();
  return timeout_value(as_sock(self)->timeout);
}

// ---------------------------------------------------------------- data transfer

bool bufsize_arg(Value v, const char* fname, size_t* out) {
  int64_t n;
  if (!index_size(v, &n)) return false;
  if (n < 0) {
    raise_fmt(&exc_ValueError, "negative buffersize in {}", fname);
    return false;
  }
  *out = static_cast<size_t>(n);
  return true;
}

/// recv/recvfrom into a C++ buffer; returns the count or -1 (exception pending).
ssize_t recv_raw(SocketObject* s, std::string* buf, int flags, SockAddr* from, socklen_t* fromlen) {
  return sock_call(
      s, false,
      [&](int fd) -> ssize_t {
        if (from == nullptr) return ::recv(fd, buf->data(), buf->size(), flags);
        *fromlen = sizeof(*from);
        return ::recvfrom(fd, buf->data(), buf->size(), flags, &from->sa, fromlen);
      },
      s->timeout);
}

SOCK_FN(sock_recv) {
  if (!check_nargs("recv", nargs, kw, 1, 2)) return Ref();
  size_t n;
  int flags;
  if (!bufsize_arg(args[0], "recv", &n) || !flags_arg(nargs > 1 ? args[1] : Value(), &flags))
    return Ref();
  std::string buf(n, '\0');
  ssize_t got = recv_raw(as_sock(self), &buf, flags, nullptr, nullptr);
  if (got < 0) return Ref();
  buf.resize(static_cast<size_t>(got));
  return bytes_new(buf);
}

Ref from_address(const SockAddr& a, socklen_t len) {
  if (len == 0) return none_ref();
  return sockaddr_to_python(&a.sa, len);
}

SOCK_FN(sock_recvfrom) {
  if (!check_nargs("recvfrom", nargs, kw, 1, 2)) return Ref();
  size_t n;
  int flags;
  if (!bufsize_arg(args[0], "recvfrom", &n) || !flags_arg(nargs > 1 ? args[1] : Value(), &flags))
    return Ref();
  std::string buf(n, '\0');
  SockAddr from;
  std::memset(&from, 0, sizeof(from));
  socklen_t fromlen = 0;
  ssize_t got = recv_raw(as_sock(self), &buf, flags, &from, &fromlen);
  if (got < 0) return Ref();
  buf.resize(static_cast<size_t>(got));
  Ref data = bytes_new(buf);
  Ref addr = from_address(from, fromlen);
  if (!addr) return Ref();
  return tuple_of({data.get(), addr.get()});
}

/// recv_into(buffer, nbytes=0, flags=0) / recvfrom_into: the shared part.
Ref recv_into_impl(Value self, const Value* args, size_t nargs, TupleObject* kw, bool with_from) {
  const char* fname = with_from ? "recvfrom_into" : "recv_into";
  Value a[3];
  if (!parse_args(fname, args, nargs, kw, {"buffer", "nbytes", "flags"}, 1, a)) return Ref();
  std::span<char> w;
  if (!buffer_writable(a[0], &w)) {
    return raise_fmt(&exc_TypeError, "{}() argument 1 must be read-write bytes-like object, not {}",
                     fname, type_name(a[0]));
  }
  int64_t nbytes = 0;
  int flags = 0;
  if (a[1] && !index_size(a[1], &nbytes)) return Ref();
  if (!flags_arg(a[2], &flags)) return Ref();
  if (nbytes < 0) return raise_fmt(&exc_ValueError, "negative buffersize in {}", fname);
  if (nbytes == 0) nbytes = static_cast<int64_t>(w.size());
  if (static_cast<size_t>(nbytes) > w.size()) {
    return raise(&exc_ValueError, with_from ? "nbytes is greater than the length of the buffer"
                                            : "buffer too small for requested bytes");
  }
  std::string buf(static_cast<size_t>(nbytes), '\0');
  SockAddr from;
  std::memset(&from, 0, sizeof(from));
  socklen_t fromlen = 0;
  ssize_t got = recv_raw(as_sock(self), &buf, flags, with_from ? &from : nullptr, &fromlen);
  if (got < 0) return Ref();
  if (!recv_write_back(a[0], std::string_view(buf.data(), static_cast<size_t>(got)))) return Ref();
  Ref n = int_from_int64(got);
  if (!with_from) return n;
  Ref addr = from_address(from, fromlen);
  if (!addr) return Ref();
  return tuple_of({n.get(), addr.get()});
}

SOCK_FN(sock_recv_into) { return recv_into_impl(self, args, nargs, kw, false); }
SOCK_FN(sock_recvfrom_into) { return recv_into_impl(self, args, nargs, kw, true); }

SOCK_FN(sock_send) {
  if (!check_nargs("send", nargs, kw, 1, 2)) return Ref();
  ByteArg data;
  int flags;
  if (!byte_arg(args[0], &data, true) || !flags_arg(nargs > 1 ? args[1] : Value(), &flags))
    return Ref();
  SocketObject* s = as_sock(self);
  ssize_t n = sock_call(
      s, true,
      [&](int fd) { return ::send(fd, data.data.data(), data.data.size(), flags | MSG_NOSIGNAL); },
      s->timeout);
  if (n < 0) return Ref();
  return int_from_int64(n);
}

/// sendall: sends until everything is out; with a timeout, the timeout bounds the whole call.
SOCK_FN(sock_sendall) {
  if (!check_nargs("sendall", nargs, kw, 1, 2)) return Ref();
  ByteArg data;
  int flags;
  if (!byte_arg(args[0], &data, true) || !flags_arg(nargs > 1 ? args[1] : Value(), &flags))
    return Ref();
  SocketObject* s = as_sock(self);
  std::string_view left = data.data;
  uint64_t deadline = s->timeout > 0 ? monotonic_ns() + static_cast<uint64_t>(s->timeout * 1e9) : 0;
  while (!left.empty()) {
    double timeout = s->timeout;
    if (timeout > 0) {
      uint64_t now = monotonic_ns();
      if (now >= deadline) return raise(&exc_TimeoutError, "timed out");
      timeout = static_cast<double>(deadline - now) / 1e9;
    }
    ssize_t n = sock_call(
        s, true, [&](int fd) { return ::send(fd, left.data(), left.size(), flags | MSG_NOSIGNAL); },
        timeout);
    if (n < 0) return Ref();
    left.remove_prefix(static_cast<size_t>(n));
    if (eval_breaker_set() && !handle_eval_breaker()) return Ref();
  }
  return none_ref();
}

/// sendto(data[, flags], address)
SOCK_FN(sock_sendto) {
  if (!check_nargs("sendto", nargs, kw, 2, 3)) return Ref();
  ByteArg data;
  int flags = 0;
  if (!byte_arg(args[0], &data, true)) return Ref();
  if (nargs == 3 && !c_int_arg(args[1], &flags)) return Ref();
  SocketObject* s = as_sock(self);
  SockAddr addr;
  socklen_t len;
  if (!sockaddr_from_python(s->sock_family, args[nargs - 1], "sendto", &addr, &len)) return Ref();
  ssize_t n = sock_call(
      s, true,
      [&](int fd) {
        return ::sendto(fd, data.data.data(), data.data.size(), flags | MSG_NOSIGNAL, &addr.sa,
                        len);
      },
      s->timeout);
  if (n < 0) return Ref();
  return int_from_int64(n);
}

// ---------------------------------------------------------------- attributes

Ref get_family(Value self) { return int_from_int64(as_sock(self)->sock_family); }
Ref get_type(Value self) { return int_from_int64(as_sock(self)->sock_type); }
Ref get_proto(Value self) { return int_from_int64(as_sock(self)->sock_proto); }
Ref get_timeout(Value self) { return timeout_value(as_sock(self)->timeout); }

}  // namespace

void socket_type_init() {
  socket_type.name = "socket";
  socket_type.module = "_socket";
  socket_type.flags = kTypeBaseType | kTypeWeakrefable;
  socket_type.basic_size = sizeof(SocketObject);
  socket_type.subclass_dict_offset = offsetof(SocketObject, dict);
  socket_type.dealloc = sock_dealloc;
  socket_type.new_ = sock_new;
  socket_type.init = sock_init;
  socket_type.repr = sock_repr;
  type_ready(&socket_type, &object_type);
  const struct {
    const char* name;
    NativeFn fn;
  } kMethods[] = {
      {"bind", sock_bind},
      {"listen", sock_listen},
      {"_accept", sock_accept},
      {"connect", sock_connect},
      {"connect_ex", sock_connect_ex},
      {"shutdown", sock_shutdown},
      {"close", sock_close},
      {"detach", sock_detach},
      {"fileno", sock_fileno},
      {"getsockname", sock_getsockname},
      {"getpeername", sock_getpeername},
      {"setsockopt", sock_setsockopt},
      {"getsockopt", sock_getsockopt},
      {"setblocking", sock_setblocking},
      {"getblocking", sock_getblocking},
      {"settimeout", sock_settimeout},
      {"gettimeout", sock_gettimeout},
      {"recv", sock_recv},
      {"recvfrom", sock_recvfrom},
      {"recv_into", sock_recv_into},
      {"recvfrom_into", sock_recvfrom_into},
      {"send", sock_send},
      {"sendall", sock_sendall},
      {"sendto", sock_sendto},
  };
  for (const auto& m : kMethods) add_method(&socket_type, m.name, m.fn, kNativeReleasesGil);
  add_getset(&socket_type, "family", get_family);
  add_getset(&socket_type, "type", get_type);
  add_getset(&socket_type, "proto", get_proto);
  add_getset(&socket_type, "timeout", get_timeout);
  socket_msg_init();
}

}  // namespace minipy::lib
