// The _socket module's shared pieces: the socket object, socket addresses in both directions
// (Python tuples/str <-> struct sockaddr), the module's exception classes and default timeout.
// socket.cpp has the socket type, socket_addr.cpp the address and name-service functions,
// socket_msg.cpp the ancillary-data methods (sendmsg, recvmsg).
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::lib {

struct SocketObject : rt::Object {
  rt::DictObject* dict = nullptr;  // __dict__ / __slots__ of subclasses (socket.socket)
  int fd = -1;
  int sock_family = 0;  // CPython's sock_family, sock_type, sock_proto
  int sock_type = 0;
  int sock_proto = 0;
  double timeout = -1;  // seconds; < 0: blocking (None), 0: non-blocking
};

extern rt::TypeObject socket_type;  // _socket.socket

union SockAddr {
  sockaddr sa;
  sockaddr_in in;
  sockaddr_in6 in6;
  sockaddr_un un;
  sockaddr_storage storage;
};

/// socket.gaierror and socket.herror (created at module init).
extern rt::Ref g_gaierror;
extern rt::Ref g_herror;
/// setdefaulttimeout's value (< 0 = None).
extern double g_default_timeout;

/// Converts a Python address for `family` (CPython's getsockaddrarg): (host, port) for AF_INET,
/// (host, port[, flowinfo[, scope_id]]) for AF_INET6, a str/bytes path for AF_UNIX. Host names
/// are resolved with the GIL released. `caller` names the method in messages ("bind").
bool sockaddr_from_python(int family, rt::Value addr, const char* caller, SockAddr* out,
                          socklen_t* len);
/// The Python form of a socket address (CPython's makesockaddr); None for an empty one.
rt::Ref sockaddr_to_python(const sockaddr* sa, socklen_t len);
/// Raises socket.gaierror for a getaddrinfo/getnameinfo failure (errno's OSError for EAI_SYSTEM).
rt::Ref raise_gaierror(int err);
/// The timeout argument of settimeout/setdefaulttimeout: None -> -1, else non-negative seconds.
bool timeout_arg(rt::Value v, double* out);

/// Module-level name-service and conversion functions (socket_addr.cpp).
void socket_add_functions(rt::Value module, rt::DictObject* ns);
/// The socket type's methods (socket.cpp).
void socket_type_init();
/// sendmsg/recvmsg/recvmsg_into on the socket type, and CMSG_LEN/CMSG_SPACE (socket_msg.cpp).
void socket_msg_init();
void socket_msg_add_functions(rt::Value module, rt::DictObject* ns);

}  // namespace minipy::lib
