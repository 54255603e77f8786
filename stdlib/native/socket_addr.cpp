// _socket's module level: socket addresses to and from Python (CPython's getsockaddrarg and
// makesockaddr), the name service (getaddrinfo, getnameinfo, gethostbyname[_ex], gethostbyaddr,
// gethostname, getservby*, getprotobyname; each lookup with the GIL released), address
// conversions (inet_aton/ntoa/pton/ntop, htons and friends), socketpair, dup/close, the default
// timeout, the error classes (error = OSError, timeout = TimeoutError, gaierror, herror) and the
// constants. Host names are ASCII (CPython's idna codec is not there yet).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/memoryview.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/oserror.h"
#include "stdlib/native/socket_module.h"

namespace minipy::lib {

using namespace rt;

Ref g_gaierror;
Ref g_herror;
double g_default_timeout = -1;

namespace {

#define SOCKMOD_FN(name) Ref name(Value, const Value* args, size_t nargs, TupleObject* kw)

TypeObject* gaierror_type() { return static_cast<TypeObject*>(g_gaierror.get().obj()); }
TypeObject* herror_type() { return static_cast<TypeObject*>(g_herror.get().obj()); }

Ref raise_herror(int err) {
  Ref msg = str_new(hstrerror(err));
  Value a[2] = {Value::from_small(err), msg.get()};
  Ref e = make_exception(herror_type(), a, 2);
  if (!e) return e;
  return set_exception(std::move(e));
}

/// A host name argument: str (ASCII) or bytes/bytearray (CPython's idna_converter).
bool host_arg(Value v, std::string* out) {
  if (is_str(v)) {
    *out = std::string(as_str(v)->view());
  } else {
    std::string_view d;
    if (is_memoryview(v) || !bytes_like_data(v, &d)) {
      raise_fmt(&exc_TypeError, "str, bytes or bytearray expected, not {}", type_name(v));
      return false;
    }
    *out = std::string(d);
  }
  if (out->find('\0') != std::string::npos) {
    raise(&exc_TypeError, "host name must not contain null character");
    return false;
  }
  return true;
}

/// Resolves `name` to an address of `family` (CPython's setipaddr): "" is the wildcard,
/// "<broadcast>" the broadcast address, numeric forms convert directly, anything else goes to
/// getaddrinfo with the GIL released.
bool resolve_host(const std::string& name, int family, SockAddr* out, socklen_t* len) {
  std::memset(out, 0, sizeof(*out));
  if (name.empty()) {
    if (family == AF_INET6) {
      out->in6.sin6_family = AF_INET6;
      out->in6.sin6_addr = in6addr_any;
      *len = sizeof(sockaddr_in6);
    } else {
      out->in.sin_family = AF_INET;
      out->in.sin_addr.s_addr = htonl(INADDR_ANY);
      *len = sizeof(sockaddr_in);
    }
    return true;
  }
  if (name == "<broadcast>" || name == "255.255.255.255") {
    if (family != AF_INET && family != AF_UNSPEC) {
      raise(&exc_OSError, "address family mismatched");
      return false;
    }
    out->in.sin_family = AF_INET;
    out->in.sin_addr.s_addr = htonl(INADDR_BROADCAST);
    *len = sizeof(sockaddr_in);
    return true;
  }
  if ((family == AF_INET || family == AF_UNSPEC) &&
      inet_pton(AF_INET, name.c_str(), &out->in.sin_addr) == 1) {
    out->in.sin_family = AF_INET;
    *len = sizeof(sockaddr_in);
    return true;
  }
  if ((family == AF_INET6 || family == AF_UNSPEC) &&
      inet_pton(AF_INET6, name.c_str(), &out->in6.sin6_addr) == 1) {
    out->in6.sin6_family = AF_INET6;
    *len = sizeof(sockaddr_in6);
    return true;
  }
  addrinfo hints{};
  hints.ai_family = family;
  addrinfo* res = nullptr;
  int err;
  {
    ReleaseGil unlocked("getaddrinfo");
    err = getaddrinfo(name.c_str(), nullptr, &hints, &res);
  }
  if (err != 0) {
    raise_gaierror(err);
    return false;
  }
  size_t n = std::min<size_t>(res->ai_addrlen, sizeof(*out));
  std::memcpy(out, res->ai_addr, n);
  *len = static_cast<socklen_t>(n);
  freeaddrinfo(res);
  return true;
}

bool port_arg(Value v, const char* caller, int* port) {
  int64_t p;
  if (!int_arg(v, &p)) {
    if (exception_matches(&exc_OverflowError)) {
      clear_exception();
      raise_fmt(&exc_OverflowError, "{}(): port must be 0-65535.", caller);
    }
    return false;
  }
  if (p < 0 || p > 0xFFFF) {
    raise_fmt(&exc_OverflowError, "{}(): port must be 0-65535.", caller);
    return false;
  }
  *port = static_cast<int>(p);
  return true;
}

std::string ip_text(const sockaddr* sa) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (sa->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof(buf));
  } else {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof(buf));
  }
  return buf;
}

}  // namespace

Ref raise_gaierror(int err) {
  if (err == EAI_SYSTEM) return raise_os_error(errno, Value());
  Ref msg = str_new(gai_strerror(err));
  Value a[2] = {Value::from_small(err), msg.get()};
  Ref e = make_exception(gaierror_type(), a, 2);
  if (!e) return e;
  return set_exception(std::move(e));
}

bool sockaddr_from_python(int family, Value addr, const char* caller, SockAddr* out,
                          socklen_t* len) {
  std::memset(out, 0, sizeof(*out));
  switch (family) {
    case AF_UNIX: {
      std::string path;
      if (is_str(addr)) {
        path = std::string(as_str(addr)->view());
      } else {
        std::string_view d;
        if (!bytes_like_data(addr, &d)) {
          raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(addr));
          return false;
        }
        path = std::string(d);
      }
      if (path.size() > sizeof(out->un.sun_path) ||
          (path.size() == sizeof(out->un.sun_path) && path[0] != '\0')) {
        raise(&exc_OSError, "AF_UNIX path too long");
        return false;
      }
      out->un.sun_family = AF_UNIX;
      std::memcpy(out->un.sun_path, path.data(), path.size());
      // An abstract name (leading NUL) counts exactly; a path includes its terminating NUL.
      *len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() +
                                    (path.empty() || path[0] != '\0' ? 1 : 0));
      return true;
    }
    case AF_INET:
    case AF_INET6: {
      bool v6 = family == AF_INET6;
      if (!is_tuple(addr)) {
        raise_fmt(&exc_TypeError, "{}(): {} address must be tuple, not {}", caller,
                  v6 ? "AF_INET6" : "AF_INET", type_name(addr));
        return false;
      }
      TupleObject* t = as_tuple(addr);
      if (v6 ? (t->size < 2 || t->size > 4) : t->size != 2) {
        raise(&exc_TypeError,
              v6 ? "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"
                 : "AF_INET address must be a pair (host, port)");
        return false;
      }
      std::string host;
      int port;
      if (!host_arg(t->at(0), &host) || !port_arg(t->at(1), caller, &port)) return false;
      int64_t flowinfo = 0, scope_id = 0;
      if (v6 && t->size > 2 && !int_arg(t->at(2), &flowinfo)) return false;
      if (v6 && t->size > 3 && !int_arg(t->at(3), &scope_id)) return false;
      if (flowinfo < 0 || flowinfo > 0xfffff) {
        raise_fmt(&exc_OverflowError, "{}(): flowinfo must be 0-1048575.", caller);
        return false;
      }
      if (!resolve_host(host, family, out, len)) return false;
      if (v6) {
        out->in6.sin6_port = htons(static_cast<uint16_t>(port));
        out->in6.sin6_flowinfo = htonl(static_cast<uint32_t>(flowinfo));
        out->in6.sin6_scope_id = static_cast<uint32_t>(scope_id);
      } else {
        out->in.sin_port = htons(static_cast<uint16_t>(port));
      }
      return true;
    }
    default:
      raise_fmt(&exc_OSError, "{}(): bad family", caller);
      return false;
  }
}

Ref sockaddr_to_python(const sockaddr* sa, socklen_t len) {
  if (len == 0) return none_ref();
  switch (sa->sa_family) {
    case AF_INET: {
      auto* in = reinterpret_cast<const sockaddr_in*>(sa);
      Ref host = str_new(ip_text(sa));
      Ref port = int_from_int64(ntohs(in->sin_port));
      return tuple_of({host.get(), port.get()});
    }
    case AF_INET6: {
      auto* in6 = reinterpret_cast<const sockaddr_in6*>(sa);
      Ref host = str_new(ip_text(sa));
      Ref port = int_from_int64(ntohs(in6->sin6_port));
      Ref flow = int_from_int64(ntohl(in6->sin6_flowinfo));
      Ref scope = int_from_int64(in6->sin6_scope_id);
      return tuple_of({host.get(), port.get(), flow.get(), scope.get()});
    }
    case AF_UNIX: {
      auto* un = reinterpret_cast<const sockaddr_un*>(sa);
      size_t n = len > offsetof(sockaddr_un, sun_path) ? len - offsetof(sockaddr_un, sun_path) : 0;
      if (n > 0 && un->sun_path[0] == '\0')
        return bytes_new(std::string_view(un->sun_path, n));  // abstract
      return str_new(std::string_view(un->sun_path, strnlen(un->sun_path, n)));
    }
    default: {
      Ref fam = int_from_int64(sa->sa_family);
      Ref data = bytes_new(std::string_view(sa->sa_data, sizeof(sa->sa_data)));
      return tuple_of({fam.get(), data.get()});
    }
  }
}

bool timeout_arg(Value v, double* out) {
  if (is_none(v)) {
    *out = -1;
    return true;
  }
  double t;
  if (is_float(v)) {
    t = float_value(v);
    if (std::isnan(t)) {
      raise(&exc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
  } else if (is_int(v)) {
    bool overflow = false;
    t = int_to_double(v, &overflow);
    if (overflow) {
      raise(&exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
      return false;
    }
  } else {
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  if (t < 0) {
    raise(&exc_ValueError, "Timeout value out of range");
    return false;
  }
  *out = t;
  return true;
}

namespace {

// ---------------------------------------------------------------- name service

/// getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)
SOCKMOD_FN(sockmod_getaddrinfo) {
  Value a[6];
  if (!parse_args("getaddrinfo", args, nargs, kw,
                  {"host", "port", "family", "type", "proto", "flags"}, 2, a)) {
    return Ref();
  }
  std::string host, port;
  bool has_host = !is_none(a[0]), has_port = !is_none(a[1]);
  if (has_host && !host_arg(a[0], &host)) return Ref();
  if (has_port) {
    if (is_int(a[1])) {
      port = int_to_string(a[1]);
    } else if (is_str(a[1])) {
      port = std::string(as_str(a[1])->view());
    } else if (is_bytes(a[1])) {
      std::string_view d;
      bytes_like_data(a[1], &d);
      port = std::string(d);
    } else {
      return raise(&exc_OSError, "Int or String expected");
    }
  }
  int ints[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4; i++) {
    if (a[2 + i] && !c_int_arg(a[2 + i], &ints[i])) return Ref();
  }
  addrinfo hints{};
  hints.ai_family = ints[0];
  hints.ai_socktype = ints[1];
  hints.ai_protocol = ints[2];
  hints.ai_flags = ints[3];
  addrinfo* res = nullptr;
  int err;
  {
    ReleaseGil unlocked("getaddrinfo");
    err = getaddrinfo(has_host ? host.c_str() : nullptr, has_port ? port.c_str() : nullptr, &hints,
                      &res);
  }
  if (err != 0) return raise_gaierror(err);
  Ref list = list_new();
  for (addrinfo* r = res; r != nullptr; r = r->ai_next) {
    Ref addr = sockaddr_to_python(r->ai_addr, r->ai_addrlen);
    if (!addr) break;
    Ref fam = int_from_int64(r->ai_family), type = int_from_int64(r->ai_socktype),
        proto = int_from_int64(r->ai_protocol);
    Ref canon = str_new(r->ai_canonname ? r->ai_canonname : "");
    Ref item = tuple_of({fam.get(), type.get(), proto.get(), canon.get(), addr.get()});
    list_append(as_list(list.get()), item.get());
  }
  freeaddrinfo(res);
  if (error_pending()) return Ref();
  return list;
}

/// getnameinfo(sockaddr, flags) -> (host, port)
SOCKMOD_FN(sockmod_getnameinfo) {
  if (!check_nargs("getnameinfo", nargs, kw, 2, 2)) return Ref();
  if (!is_tuple(args[0])) return raise(&exc_TypeError, "getnameinfo() argument 1 must be a tuple");
  int flags;
  if (!c_int_arg(args[1], &flags)) return Ref();
  TupleObject* t = as_tuple(args[0]);
  if (t->size < 2 || t->size > 4)
    return raise(&exc_TypeError, "getnameinfo(): illegal sockaddr argument");
  std::string host;
  int port;
  if (!host_arg(t->at(0), &host) || !port_arg(t->at(1), "getnameinfo", &port)) return Ref();
  SockAddr sa;
  socklen_t len;
  if (!resolve_host(host, t->size > 2 ? AF_INET6 : AF_UNSPEC, &sa, &len)) return Ref();
  if (sa.sa.sa_family == AF_INET) {
    if (t->size != 2) return raise(&exc_OSError, "IPv4 sockaddr must be 2 tuple");
    sa.in.sin_port = htons(static_cast<uint16_t>(port));
  } else {
    sa.in6.sin6_port = htons(static_cast<uint16_t>(port));
    int64_t v;
    if (t->size > 2 && int_arg(t->at(2), &v))
      sa.in6.sin6_flowinfo = htonl(static_cast<uint32_t>(v));
    if (t->size > 3 && int_arg(t->at(3), &v)) sa.in6.sin6_scope_id = static_cast<uint32_t>(v);
    if (error_pending()) return Ref();
  }
  char hbuf[NI_MAXHOST], sbuf[NI_MAXSERV];
  int err;
  {
    ReleaseGil unlocked("getnameinfo");
    err = getnameinfo(&sa.sa, len, hbuf, sizeof(hbuf), sbuf, sizeof(sbuf), flags);
  }
  if (err != 0) return raise_gaierror(err);
  Ref h = str_new(hbuf), s = str_new(sbuf);
  return tuple_of({h.get(), s.get()});
}

SOCKMOD_FN(sockmod_gethostname) {
  if (!check_nargs("gethostname", nargs, kw, 0, 0)) return Ref();
  char buf[1024];
  if (::gethostname(buf, sizeof(buf) - 1) != 0) return raise_os_error(errno, Value());
  buf[sizeof(buf) - 1] = '\0';
  return str_new(buf);
}

SOCKMOD_FN(sockmod_gethostbyname) {
  if (!check_nargs("gethostbyname", nargs, kw, 1, 1)) return Ref();
  std::string host;
  if (!host_arg(args[0], &host)) return Ref();
  SockAddr sa;
  socklen_t len;
  if (!resolve_host(host, AF_INET, &sa, &len)) return Ref();
  return str_new(ip_text(&sa.sa));
}

/// (hostname, aliases, addresses) from a hostent (gethostbyname_ex, gethostbyaddr).
Ref host_triple(const hostent* h) {
  Ref aliases = list_new(), addrs = list_new();
  for (char** p = h->h_aliases; p && *p; p++) {
    Ref s = str_new(*p);
    list_append(as_list(aliases.get()), s.get());
  }
  for (char** p = h->h_addr_list; p && *p; p++) {
    char buf[INET6_ADDRSTRLEN] = {0};
    inet_ntop(h->h_addrtype, *p, buf, sizeof(buf));
    Ref s = str_new(buf);
    list_append(as_list(addrs.get()), s.get());
  }
  Ref name = str_new(h->h_name ? h->h_name : "");
  return tuple_of({name.get(), aliases.get(), addrs.get()});
}

SOCKMOD_FN(sockmod_gethostbyname_ex) {
  if (!check_nargs("gethostbyname_ex", nargs, kw, 1, 1)) return Ref();
  std::string host;
  if (!host_arg(args[0], &host)) return Ref();
  SockAddr sa;
  socklen_t len;
  if (!resolve_host(host, AF_INET, &sa, &len)) return Ref();
  hostent he, *result = nullptr;
  std::vector<char> buf(16384);
  int herr = 0;
  {
    ReleaseGil unlocked("gethostbyname");
    gethostbyname_r(host.c_str(), &he, buf.data(), buf.size(), &result, &herr);
  }
  if (result == nullptr) return raise_herror(herr);
  return host_triple(result);
}

SOCKMOD_FN(sockmod_gethostbyaddr) {
  if (!check_nargs("gethostbyaddr", nargs, kw, 1, 1)) return Ref();
  std::string host;
  if (!host_arg(args[0], &host)) return Ref();
  SockAddr sa;
  socklen_t len;
  if (!resolve_host(host, AF_UNSPEC, &sa, &len)) return Ref();
  const void* addr = sa.sa.sa_family == AF_INET ? static_cast<const void*>(&sa.in.sin_addr)
                                                : static_cast<const void*>(&sa.in6.sin6_addr);
  socklen_t alen = sa.sa.sa_family == AF_INET ? sizeof(in_addr) : sizeof(in6_addr);
  hostent he, *result = nullptr;
  std::vector<char> buf(16384);
  int herr = 0;
  {
    ReleaseGil unlocked("gethostbyaddr");
    gethostbyaddr_r(addr, alen, sa.sa.sa_family, &he, buf.data(), buf.size(), &result, &herr);
  }
  if (result == nullptr) return raise_herror(herr);
  return host_triple(result);
}

bool proto_name_arg(const char* fname, Value v, std::string* out, bool* given) {
  *given = v && !is_none(v);
  if (!*given) return true;
  if (!is_str(v)) {
    raise_fmt(&exc_TypeError, "{}() argument 2 must be str, not {}", fname, type_name(v));
    return false;
  }
  *out = std::string(as_str(v)->view());
  return true;
}

SOCKMOD_FN(sockmod_getservbyname) {
  if (!check_nargs("getservbyname", nargs, kw, 1, 2)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "getservbyname() argument 1 must be str, not {}",
                     type_name(args[0]));
  }
  std::string name(as_str(args[0])->view()), proto;
  bool has_proto;
  if (!proto_name_arg("getservbyname", nargs > 1 ? args[1] : Value(), &proto, &has_proto))
    return Ref();
  servent se, *result = nullptr;
  char buf[4096];
  {
    ReleaseGil unlocked("getservbyname");
    getservbyname_r(name.c_str(), has_proto ? proto.c_str() : nullptr, &se, buf, sizeof(buf),
                    &result);
  }
  if (result == nullptr) return raise(&exc_OSError, "service/proto not found");
  return int_from_int64(ntohs(static_cast<uint16_t>(result->s_port)));
}

SOCKMOD_FN(sockmod_getservbyport) {
  if (!check_nargs("getservbyport", nargs, kw, 1, 2)) return Ref();
  int64_t port;
  if (!int_arg(args[0], &port)) return Ref();
  if (port < 0 || port > 0xFFFF)
    return raise(&exc_OverflowError, "getservbyport: port must be 0-65535.");
  std::string proto;
  bool has_proto;
  if (!proto_name_arg("getservbyport", nargs > 1 ? args[1] : Value(), &proto, &has_proto))
    return Ref();
  servent se, *result = nullptr;
  char buf[4096];
  {
    ReleaseGil unlocked("getservbyport");
    getservbyport_r(htons(static_cast<uint16_t>(port)), has_proto ? proto.c_str() : nullptr, &se,
                    buf, sizeof(buf), &result);
  }
  if (result == nullptr) return raise(&exc_OSError, "port/proto not found");
  return str_new(result->s_name);
}

SOCKMOD_FN(sockmod_getprotobyname) {
  if (!check_nargs("getprotobyname", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "getprotobyname() argument 1 must be str, not {}",
                     type_name(args[0]));
  }
  std::string name(as_str(args[0])->view());
  protoent pe, *result = nullptr;
  char buf[4096];
  getprotobyname_r(name.c_str(), &pe, buf, sizeof(buf), &result);
  if (result == nullptr) return raise(&exc_OSError, "protocol not found");
  return int_from_int64(result->p_proto);
}

// ---------------------------------------------------------------- conversions

Ref short_swap(const char* fname, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(fname, nargs, kw, 1, 1)) return Ref();
  int64_t x;
  if (!int_arg(args[0], &x)) {
    if (exception_matches(&exc_OverflowError)) {
      clear_exception();
      return raise_fmt(&exc_OverflowError,
                       "{}: Python int too large to convert to C 16-bit unsigned integer", fname);
    }
    return Ref();
  }
  if (x < 0)
    return raise_fmt(&exc_OverflowError,
                     "{}: can't convert negative Python int to C 16-bit unsigned integer", fname);
  if (x > 0xFFFF)
    return raise_fmt(&exc_OverflowError,
                     "{}: Python int too large to convert to C 16-bit unsigned integer", fname);
  return int_from_int64(htons(static_cast<uint16_t>(x)));
}

Ref long_swap(const char* fname, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(fname, nargs, kw, 1, 1)) return Ref();
  int64_t x;
  if (!int_arg(args[0], &x)) {
    if (exception_matches(&exc_OverflowError)) {
      clear_exception();
      return raise(&exc_OverflowError, "int larger than 32 bits");
    }
    return Ref();
  }
  if (x < 0) return raise(&exc_OverflowError, "can't convert negative value to unsigned int");
  if (x > 0xFFFFFFFFLL) return raise(&exc_OverflowError, "int larger than 32 bits");
  return int_from_int64(htonl(static_cast<uint32_t>(x)));
}

SOCKMOD_FN(sockmod_htons) { return short_swap("htons", args, nargs, kw); }
SOCKMOD_FN(sockmod_ntohs) { return short_swap("ntohs", args, nargs, kw); }
SOCKMOD_FN(sockmod_htonl) { return long_swap("htonl", args, nargs, kw); }
SOCKMOD_FN(sockmod_ntohl) { return long_swap("ntohl", args, nargs, kw); }

SOCKMOD_FN(sockmod_inet_aton) {
  if (!check_nargs("inet_aton", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "inet_aton() argument 1 must be str, not {}",
                     type_name(args[0]));
  }
  std::string s(as_str(args[0])->view());
  in_addr a;
  if (s.find('\0') != std::string::npos || inet_aton(s.c_str(), &a) == 0) {
    return raise(&exc_OSError, "illegal IP address string passed to inet_aton");
  }
  return bytes_new(std::string_view(reinterpret_cast<const char*>(&a), sizeof(a)));
}

SOCKMOD_FN(sockmod_inet_ntoa) {
  if (!check_nargs("inet_ntoa", nargs, kw, 1, 1)) return Ref();
  std::string_view d;
  if (!bytes_like_data(args[0], &d)) {
    return raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'",
                     type_name(args[0]));
  }
  if (d.size() != 4) return raise(&exc_OSError, "packed IP wrong length for inet_ntoa");
  char buf[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, d.data(), buf, sizeof(buf));
  return str_new(buf);
}

SOCKMOD_FN(sockmod_inet_pton) {
  if (!check_nargs("inet_pton", nargs, kw, 2, 2)) return Ref();
  int af;
  if (!c_int_arg(args[0], &af)) return Ref();
  if (!is_str(args[1])) {
    return raise_fmt(&exc_TypeError, "inet_pton() argument 2 must be str, not {}",
                     type_name(args[1]));
  }
  std::string s(as_str(args[1])->view());
  unsigned char buf[sizeof(in6_addr)];
  int r = inet_pton(af, s.c_str(), buf);
  if (r < 0) return raise_os_error(errno, Value());
  if (r == 0) return raise(&exc_OSError, "illegal IP address string passed to inet_pton");
  return bytes_new(std::string_view(reinterpret_cast<char*>(buf), af == AF_INET ? 4 : 16));
}

SOCKMOD_FN(sockmod_inet_ntop) {
  if (!check_nargs("inet_ntop", nargs, kw, 2, 2)) return Ref();
  int af;
  if (!c_int_arg(args[0], &af)) return Ref();
  std::string_view d;
  if (!bytes_like_data(args[1], &d)) {
    return raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'",
                     type_name(args[1]));
  }
  if (af != AF_INET && af != AF_INET6)
    return raise_fmt(&exc_ValueError, "unknown address family {}", af);
  if (d.size() != (af == AF_INET ? 4u : 16u))
    return raise(&exc_ValueError, "invalid length of packed IP address string");
  char buf[INET6_ADDRSTRLEN];
  if (inet_ntop(af, d.data(), buf, sizeof(buf)) == nullptr) return raise_os_error(errno, Value());
  return str_new(buf);
}

// ---------------------------------------------------------------- descriptors, pairs, timeout

SOCKMOD_FN(sockmod_socketpair) {
  Value a[3];
  if (!parse_args("socketpair", args, nargs, kw, {"", "", ""}, 0, a)) return Ref();
  int family = AF_UNIX, type = SOCK_STREAM, proto = 0;
  if ((a[0] && !c_int_arg(a[0], &family)) || (a[1] && !c_int_arg(a[1], &type)) ||
      (a[2] && !c_int_arg(a[2], &proto))) {
    return Ref();
  }
  int fds[2];
  if (::socketpair(family, type | SOCK_CLOEXEC, proto, fds) != 0)
    return raise_os_error(errno, Value());
  Ref socks[2];
  for (int i = 0; i < 2; i++) {
    Value ctor_args[4] = {Value::from_small(family), Value::from_small(type),
                          Value::from_small(proto), Value::from_small(fds[i])};
    socks[i] = call(Value(&socket_type), ctor_args, 4);
    if (!socks[i]) {
      for (int j = i; j < 2; j++) ::close(fds[j]);
      return Ref();
    }
  }
  return tuple_of({socks[0].get(), socks[1].get()});
}

SOCKMOD_FN(sockmod_dup) {
  if (!check_nargs("dup", nargs, kw, 1, 1)) return Ref();
  int fd;
  if (!c_int_arg(args[0], &fd)) return Ref();
  int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (nfd < 0) return raise_os_error(errno, Value());
  return int_from_int64(nfd);
}

SOCKMOD_FN(sockmod_close) {
  if (!check_nargs("close", nargs, kw, 1, 1)) return Ref();
  int fd;
  if (!c_int_arg(args[0], &fd)) return Ref();
  int r, err;
  {
    ReleaseGil unlocked("close");
    r = ::close(fd);
    err = errno;
  }
  if (r != 0 && err != ECONNRESET) return raise_os_error(err, Value());
  return none_ref();
}

SOCKMOD_FN(sockmod_getdefaulttimeout) {
  if (!check_nargs("getdefaulttimeout", nargs, kw, 0, 0)) return Ref();
  return g_default_timeout < 0 ? none_ref() : float_new(g_default_timeout);
}

SOCKMOD_FN(sockmod_setdefaulttimeout) {
  if (!check_nargs("setdefaulttimeout", nargs, kw, 1, 1)) return Ref();
  double t;
  if (!timeout_arg(args[0], &t)) return Ref();
  g_default_timeout = t;
  return none_ref();
}

struct IntConstant {
  const char* name;
  long value;
};

#define K(name) \
  { #name, name }
const IntConstant kConstants[] = {
    K(AF_UNSPEC),
    K(AF_INET),
    K(AF_INET6),
    K(AF_UNIX),
    K(SOCK_STREAM),
    K(SOCK_DGRAM),
    K(SOCK_RAW),
    K(SOCK_SEQPACKET),
    K(SOCK_RDM),
    K(SOCK_NONBLOCK),
    K(SOCK_CLOEXEC),
    K(SOL_SOCKET),
    K(SOMAXCONN),
    K(SO_DEBUG),
    K(SO_ACCEPTCONN),
    K(SO_REUSEADDR),
    K(SO_REUSEPORT),
    K(SO_KEEPALIVE),
    K(SO_DONTROUTE),
    K(SO_BROADCAST),
    K(SO_LINGER),
    K(SO_OOBINLINE),
    K(SO_SNDBUF),
    K(SO_RCVBUF),
    K(SO_SNDLOWAT),
    K(SO_RCVLOWAT),
    K(SO_SNDTIMEO),
    K(SO_RCVTIMEO),
    K(SO_ERROR),
    K(SO_TYPE),
    K(SO_DOMAIN),
    K(SO_PROTOCOL),
    K(SO_PASSCRED),
    K(SO_PEERCRED),
    K(SO_BINDTODEVICE),
    K(SO_PRIORITY),
    K(SO_MARK),
    K(SCM_RIGHTS),
    K(SCM_CREDENTIALS),
    K(MSG_OOB),
    K(MSG_PEEK),
    K(MSG_DONTROUTE),
    K(MSG_DONTWAIT),
    K(MSG_EOR),
    K(MSG_TRUNC),
    K(MSG_CTRUNC),
    K(MSG_WAITALL),
    K(MSG_NOSIGNAL),
    K(MSG_CMSG_CLOEXEC),
    K(MSG_CONFIRM),
    K(MSG_ERRQUEUE),
    K(MSG_MORE),
    K(SOL_IP),
    K(SOL_TCP),
    {"SOL_UDP", IPPROTO_UDP},
    K(IPPROTO_IP),
    K(IPPROTO_ICMP),
    K(IPPROTO_TCP),
    K(IPPROTO_UDP),
    K(IPPROTO_IPV6),
    K(IPPROTO_RAW),
    K(IPPROTO_ICMPV6),
    K(IPPORT_RESERVED),
    K(IPPORT_USERRESERVED),
    K(INADDR_ANY),
    K(INADDR_BROADCAST),
    K(INADDR_LOOPBACK),
    K(INADDR_NONE),
    K(INADDR_UNSPEC_GROUP),
    K(INADDR_ALLHOSTS_GROUP),
    K(INADDR_MAX_LOCAL_GROUP),
    K(IP_TOS),
    K(IP_TTL),
    K(IP_HDRINCL),
    K(IP_OPTIONS),
    K(IP_RECVTOS),
    K(IP_MULTICAST_IF),
    K(IP_MULTICAST_TTL),
    K(IP_MULTICAST_LOOP),
    K(IP_ADD_MEMBERSHIP),
    K(IP_DROP_MEMBERSHIP),
    K(IPV6_V6ONLY),
    K(IPV6_UNICAST_HOPS),
    K(IPV6_MULTICAST_IF),
    K(IPV6_MULTICAST_HOPS),
    K(IPV6_MULTICAST_LOOP),
    K(IPV6_JOIN_GROUP),
    K(IPV6_LEAVE_GROUP),
    K(TCP_NODELAY),
    K(TCP_MAXSEG),
    K(TCP_CORK),
    K(TCP_KEEPIDLE),
    K(TCP_KEEPINTVL),
    K(TCP_KEEPCNT),
    K(TCP_SYNCNT),
    K(TCP_LINGER2),
    K(TCP_DEFER_ACCEPT),
    K(TCP_WINDOW_CLAMP),
    K(TCP_INFO),
    K(TCP_QUICKACK),
    K(TCP_FASTOPEN),
    K(TCP_USER_TIMEOUT),
    K(TCP_NOTSENT_LOWAT),
    K(SHUT_RD),
    K(SHUT_WR),
    K(SHUT_RDWR),
    K(AI_PASSIVE),
    K(AI_CANONNAME),
    K(AI_NUMERICHOST),
    K(AI_NUMERICSERV),
    K(AI_V4MAPPED),
    K(AI_ALL),
    K(AI_ADDRCONFIG),
    K(NI_MAXHOST),
    K(NI_MAXSERV),
    K(NI_NOFQDN),
    K(NI_NUMERICHOST),
    K(NI_NAMEREQD),
    K(NI_NUMERICSERV),
    K(NI_DGRAM),
    K(EAI_ADDRFAMILY),
    K(EAI_AGAIN),
    K(EAI_BADFLAGS),
    K(EAI_FAIL),
    K(EAI_FAMILY),
    K(EAI_MEMORY),
    K(EAI_NODATA),
    K(EAI_NONAME),
    K(EAI_OVERFLOW),
    K(EAI_SERVICE),
    K(EAI_SOCKTYPE),
    K(EAI_SYSTEM),
};
#undef K

}  // namespace

void socket_more_constants_init(DictObject* ns);  // socket_constants.cpp

void socket_add_functions(Value module, DictObject* ns) {
  const struct {
    const char* name;
    NativeFn fn;
  } kFunctions[] = {
      {"getaddrinfo", sockmod_getaddrinfo},
      {"getnameinfo", sockmod_getnameinfo},
      {"gethostname", sockmod_gethostname},
      {"gethostbyname", sockmod_gethostbyname},
      {"gethostbyname_ex", sockmod_gethostbyname_ex},
      {"gethostbyaddr", sockmod_gethostbyaddr},
      {"getservbyname", sockmod_getservbyname},
      {"getservbyport", sockmod_getservbyport},
      {"getprotobyname", sockmod_getprotobyname},
      {"htons", sockmod_htons},
      {"ntohs", sockmod_ntohs},
      {"htonl", sockmod_htonl},
      {"ntohl", sockmod_ntohl},
      {"inet_aton", sockmod_inet_aton},
      {"inet_ntoa", sockmod_inet_ntoa},
      {"inet_pton", sockmod_inet_pton},
      {"inet_ntop", sockmod_inet_ntop},
      {"socketpair", sockmod_socketpair},
      {"dup", sockmod_dup},
      {"close", sockmod_close},
      {"getdefaulttimeout", sockmod_getdefaulttimeout},
      {"setdefaulttimeout", sockmod_setdefaulttimeout},
  };
  for (const auto& f : kFunctions) add_function(ns, module, f.name, f.fn);
  for (const IntConstant& c : kConstants) {
    Ref v = int_from_int64(c.value);
    dict_set_cstr(ns, c.name, v.get());
  }
  socket_more_constants_init(ns);        // socket_constants.cpp
  socket_msg_add_functions(module, ns);  // CMSG_LEN, CMSG_SPACE (socket_msg.cpp)
}

bool init__socket(Value module, DictObject* ns) {
  if (socket_type.dict == nullptr) socket_type_init();
  if (!g_gaierror) {
    g_gaierror = new_exception_class("socket", "gaierror", &exc_OSError);
    g_herror = new_exception_class("socket", "herror", &exc_OSError);
    if (!g_gaierror || !g_herror) return false;
  }
  dict_set_cstr(ns, "socket", Value(&socket_type));
  dict_set_cstr(ns, "SocketType", Value(&socket_type));
  dict_set_cstr(ns, "error", Value(&exc_OSError));
  dict_set_cstr(ns, "timeout", Value(&exc_TimeoutError));
  dict_set_cstr(ns, "gaierror", g_gaierror.get());
  dict_set_cstr(ns, "herror", g_herror.get());
  dict_set_cstr(ns, "has_ipv6", Value(True()));
  socket_add_functions(module, ns);
  return true;
}

}  // namespace minipy::lib
