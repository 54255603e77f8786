// _ssl._SSLSocket (CPython's PySSLSocket: one TLS connection over a socket, or over a pair of
// MemoryBIOs as ssl.SSLObject and asyncio's SSL transport use it) and _ssl.MemoryBIO. Over a
// socket, every OpenSSL call that may block runs with the GIL released; a socket with a
// timeout is non-blocking underneath, so the loop waits for it with poll() (GIL released) and
// retries, raising TimeoutError at the deadline, as CPython's PySSL_select does.
#include <arpa/inet.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string>

#include "runtime/errors.h"
#include "runtime/gc/weakref.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/oserror.h"
#include "stdlib/native/socket_module.h"
#include "stdlib/native/ssl_module.h"

namespace minipy::lib {

using namespace rt;

SslTypes& ssl_types() {
  static SslTypes* types = new SslTypes();  // never freed: instances may outlive any module
  return *types;
}

namespace {

// ---------------------------------------------------------------- MemoryBIO

MemoryBioObject* as_bio(Value v) { return static_cast<MemoryBioObject*>(v.obj()); }

void bio_dealloc(Object* o) {
  auto* b = static_cast<MemoryBioObject*>(o);
  if (b->bio != nullptr) ossl::BIO_free(b->bio);
  delete b;
}

Ref bio_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("MemoryBIO", nargs, kw, 0, 0)) return Ref();
  BIO* bio = ossl::BIO_new(ossl::BIO_s_mem());
  if (bio == nullptr) return raise(g_ssl_exc.error, "failed to allocate BIO");
  // An empty BIO is "try again" (-1), not end of file, until write_eof().
  ossl::BIO_ctrl(bio, BIO_C_SET_BUF_MEM_EOF_RETURN, -1, nullptr);
  auto* b = alloc_instance<MemoryBioObject>(type);
  b->bio = bio;
  return Ref::steal(Value(b));
}

Ref bio_get_pending(Value self) {
  return int_from_int64(static_cast<int64_t>(ossl::BIO_ctrl_pending(as_bio(self)->bio)));
}

Ref bio_get_eof(Value self) {
  MemoryBioObject* b = as_bio(self);
  return bool_ref(ossl::BIO_ctrl_pending(b->bio) == 0 && b->eof_written);
}

Ref bio_read(Value self, NativeArgs& a) {
  MemoryBioObject* b = as_bio(self);
  int64_t len = a.i64(0);
  int64_t avail = static_cast<int64_t>(std::min<size_t>(ossl::BIO_ctrl_pending(b->bio), INT_MAX));
  if (len < 0 || len > avail) len = avail;
  if (len == 0) return bytes_new("");
  std::string out(static_cast<size_t>(len), '\0');
  int n = ossl::BIO_read(b->bio, out.data(), static_cast<int>(len));
  if (n < 0) return raise_ssl_error();
  out.resize(static_cast<size_t>(n));
  return bytes_new(out);
}

Ref bio_write(Value self, NativeArgs& a) {
  MemoryBioObject* b = as_bio(self);
  std::string_view data = a.bytes(0);
  if (data.size() > INT_MAX)
    return raise_fmt(&exc_OverflowError, "string longer than {} bytes", INT_MAX);
  if (b->eof_written) return raise(g_ssl_exc.error, "cannot write() after write_eof()");
  int n = ossl::BIO_write(b->bio, data.data(), static_cast<int>(data.size()));
  if (n < 0) return raise_ssl_error();
  return int_from_int64(n);
}

Ref bio_write_eof(Value self, NativeArgs&) {
  MemoryBioObject* b = as_bio(self);
  b->eof_written = true;
  // From now on an empty BIO reads as end of file.
  ossl::BIO_ctrl(b->bio, BIO_C_SET_BUF_MEM_EOF_RETURN, 0, nullptr);
  ossl::BIO_clear_flags(b->bio, BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
  return none_ref();
}

const NativeDef kBioMethods[] = {
    {"read($self, size: ssize_t=-1, /)", bio_read},
    {"write($self, b: buffer, /)", bio_write},
    {"write_eof($self, /)", bio_write_eof},
};

// ---------------------------------------------------------------- _SSLSocket

SslSocketObject* as_sslsock(Value v) { return static_cast<SslSocketObject*>(v.obj()); }
SslContextObject* context_of(SslSocketObject* s) {
  return static_cast<SslContextObject*>(s->context.get().obj());
}

void sslsock_dealloc(Object* o) {
  auto* s = static_cast<SslSocketObject*>(o);
  if (s->ssl != nullptr) ossl::SSL_free(s->ssl);
  delete s;
}

void sslsock_traverse(Object* o, VisitFn visit, void* arg) {
  auto* s = static_cast<SslSocketObject*>(o);
  visit_value(s->context.get(), visit, arg);
  visit_value(s->owner.get(), visit, arg);
  visit_value(s->sock.get(), visit, arg);
  visit_value(s->incoming.get(), visit, arg);
  visit_value(s->outgoing.get(), visit, arg);
}

void sslsock_clear(Object* o) {
  auto* s = static_cast<SslSocketObject*>(o);
  s->owner = Ref();
  s->sock = Ref();
}

/// A weak reference to `v` when it can have one, else `v` itself.
Ref weak_or_strong(Value v) {
  if (weakrefable(v)) return weakref_new(&weakref_type, v, Value());
  return Ref::new_ref(v);
}

/// What weak_or_strong stored: the referent (null once gone).
Object* deref(const Ref& r) {
  if (!r) return nullptr;
  if (r.get().obj()->type == &weakref_type) return weakref_referent(r.get());
  return r.get().obj();
}

/// The socket of a _wrap_socket connection (null for a BIO pair); SSLError when the socket is
/// gone or closed.
bool live_socket(SslSocketObject* s, SocketObject** out) {
  *out = nullptr;
  if (!s->sock) return true;
  Object* o = deref(s->sock);
  if (o == nullptr) {
    raise(g_ssl_exc.error, "Underlying socket connection gone");
    return false;
  }
  auto* sock = static_cast<SocketObject*>(o);
  if (sock->fd < 0) {
    raise(g_ssl_exc.error, "Underlying socket has been closed.");
    return false;
  }
  *out = sock;
  return true;
}

struct CallResult {
  int ret = 0;
  int err = SSL_ERROR_NONE;
  int sys_errno = 0;
  unsigned long e = 0;
};

/// Runs `op` (an SSL_* call returning its result code) until it succeeds (`ok(ret)`) or fails
/// for good. Over a socket with a timeout, WANT_READ / WANT_WRITE wait for the descriptor with
/// the GIL released (TimeoutError "The {what} operation timed out" at the deadline); over a
/// blocking socket the call itself blocks with the GIL released. False with an exception set
/// only when the wait failed; otherwise *r says how the last call ended.
template <class Op, class Ok>
bool ssl_call(SslSocketObject* s, SocketObject* sock, const char* what, Op op, Ok ok,
              CallResult* r) {
  double timeout = sock != nullptr ? sock->timeout : 0;
  uint64_t deadline = timeout > 0 ? monotonic_ns() + static_cast<uint64_t>(timeout * 1e9) : 0;
  bool release = sock != nullptr;
  for (;;) {
    ossl::ERR_clear_error();
    errno = 0;
    if (release) {
      ThreadState* ts = tstate();
      ReleaseGil unlocked("ssl");
      s->released_ts = ts;  // for an SNI callback called inside op()
      r->ret = op();
      r->err = ok(r->ret) ? SSL_ERROR_NONE : ossl::SSL_get_error(s->ssl, r->ret);
      r->sys_errno = errno;
      r->e = ossl::ERR_peek_last_error();
      s->released_ts = nullptr;
    } else {
      r->ret = op();
      r->err = ok(r->ret) ? SSL_ERROR_NONE : ossl::SSL_get_error(s->ssl, r->ret);
      r->sys_errno = errno;
      r->e = ossl::ERR_peek_last_error();
    }
    if (r->err == SSL_ERROR_NONE) return true;
    if (error_pending()) return false;  // a callback (SNI, password) raised
    if (r->err == SSL_ERROR_SYSCALL && r->sys_errno == EINTR && sock != nullptr) {
      if (!handle_eval_breaker()) return false;
      continue;
    }
    bool want_read = r->err == SSL_ERROR_WANT_READ;
    if (sock == nullptr || timeout <= 0 || (!want_read && r->err != SSL_ERROR_WANT_WRITE))
      return true;
    for (;;) {
      uint64_t now = monotonic_ns();
      if (now >= deadline) {
        raise_fmt(&exc_TimeoutError, "The {} operation timed out", what);
        return false;
      }
      int ms = static_cast<int>(std::min<uint64_t>((deadline - now + 999999) / 1000000, INT_MAX));
      int pr, err;
      {
        ReleaseGil unlocked("ssl_poll");
        pollfd p{sock->fd, static_cast<short>(want_read ? POLLIN : POLLOUT), 0};
        pr = ::poll(&p, 1, ms);
        err = errno;
      }
      if (pr < 0 && err == EINTR) {
        if (!handle_eval_breaker()) return false;
        continue;
      }
      if (pr < 0) {
        raise_os_error(err, Value());
        return false;
      }
      if (pr == 0) continue;  // the deadline check above raises
      break;
    }
  }
}

Ref sslsock_do_handshake(Value self, NativeArgs&) {
  SslSocketObject* s = as_sslsock(self);
  SocketObject* sock;
  if (!live_socket(s, &sock)) return Ref();
  Ref keep = sock != nullptr ? Ref::new_ref(Value(sock)) : Ref();
  CallResult r;
  if (!ssl_call(
          s, sock, "handshake", [&] { return ossl::SSL_do_handshake(s->ssl); },
          [](int ret) { return ret == 1; }, &r)) {
    return Ref();
  }
  if (r.err != SSL_ERROR_NONE) return raise_ssl_call_error(s, r.ret, r.err, r.e, r.sys_errno);
  return none_ref();
}

/// read(size, [buffer])
Ref sslsock_read(Value self, NativeArgs& a) {
  SslSocketObject* s = as_sslsock(self);
  int64_t len = a.i64(0);
  bool into = a.given(1);
  if (into) {
    int64_t cap = static_cast<int64_t>(a.wbytes(1).size());
    if (len <= 0 || len > cap) len = cap;
  } else if (len < 0) {
    return raise(&exc_ValueError, "size should not be negative");
  }
  if (len > INT_MAX) len = INT_MAX;
  SocketObject* sock;
  if (!live_socket(s, &sock)) return Ref();
  Ref keep = sock != nullptr ? Ref::new_ref(Value(sock)) : Ref();
  std::string buf(static_cast<size_t>(len), '\0');
  size_t count = 0;
  if (len > 0) {
    CallResult r;
    if (!ssl_call(
            s, sock, "read",
            [&] { return ossl::SSL_read_ex(s->ssl, buf.data(), buf.size(), &count); },
            [](int ret) { return ret == 1; }, &r)) {
      return Ref();
    }
    if (r.err != SSL_ERROR_NONE) {
      if (r.err == SSL_ERROR_ZERO_RETURN &&
          ossl::SSL_get_shutdown(s->ssl) == SSL_RECEIVED_SHUTDOWN) {
        count = 0;  // the peer closed cleanly: end of stream
      } else {
        return raise_ssl_call_error(s, r.ret, r.err, r.e, r.sys_errno);
      }
    }
  }
  if (into) {
    std::span<char> dst = a.wbytes(1);  // fetched again: Python code may have resized it
    count = std::min(count, dst.size());
    std::memcpy(dst.data(), buf.data(), count);
    return int_from_int64(static_cast<int64_t>(count));
  }
  buf.resize(count);
  return bytes_new(buf);
}

Ref sslsock_write(Value self, NativeArgs& a) {
  SslSocketObject* s = as_sslsock(self);
  std::string data(a.bytes(0));  // a copy: the GIL is released while OpenSSL reads it
  if (data.size() > INT_MAX)
    return raise_fmt(&exc_OverflowError, "string longer than {} bytes", INT_MAX);
  SocketObject* sock;
  if (!live_socket(s, &sock)) return Ref();
  Ref keep = sock != nullptr ? Ref::new_ref(Value(sock)) : Ref();
  size_t count = 0;
  CallResult r;
  if (!ssl_call(
          s, sock, "write",
          [&] { return ossl::SSL_write_ex(s->ssl, data.data(), data.size(), &count); },
          [](int ret) { return ret == 1; }, &r)) {
    return Ref();
  }
  if (r.err != SSL_ERROR_NONE) return raise_ssl_call_error(s, r.ret, r.err, r.e, r.sys_errno);
  return int_from_int64(static_cast<int64_t>(count));
}

Ref sslsock_pending(Value self, NativeArgs&) {
  return int_from_int64(ossl::SSL_pending(as_sslsock(self)->ssl));
}

/// shutdown(): the TLS close_notify exchange (CPython's _ssl__SSLSocket_shutdown_impl); returns
/// the socket (None for a BIO pair).
Ref sslsock_shutdown(Value self, NativeArgs&) {
  SslSocketObject* s = as_sslsock(self);
  SocketObject* sock;
  if (!live_socket(s, &sock)) return Ref();
  Ref keep = sock != nullptr ? Ref::new_ref(Value(sock)) : Ref();
  int zeros = 0;
  CallResult r;
  for (;;) {
    // A first call answered 0 (close_notify sent): the second waits for the peer's.
    if (!ssl_call(
            s, sock, "write", [&] { return ossl::SSL_shutdown(s->ssl); },
            [](int ret) { return ret >= 0; }, &r)) {
      return Ref();
    }
    if (r.ret > 0) break;
    if (r.ret == 0) {
      if (++zeros > 1) break;
      // Without read-ahead the second call does not consume application data.
      ossl::SSL_ctrl(s->ssl, SSL_CTRL_SET_READ_AHEAD, 0, nullptr);
      continue;
    }
    break;
  }
  if (r.ret < 0) return raise_ssl_call_error(s, r.ret, r.err, r.e, r.sys_errno);
  if (sock != nullptr) return Ref::new_ref(Value(sock));
  return none_ref();
}

Ref sslsock_getpeercert(Value self, NativeArgs& a) {
  SslSocketObject* s = as_sslsock(self);
  if (!ossl::SSL_is_init_finished(s->ssl)) return raise(&exc_ValueError, "handshake not done yet");
  X509* cert = ossl::SSL_get1_peer_certificate(s->ssl);
  if (cert == nullptr) return none_ref();
  Ref r;
  if (a.flag(0)) {
    r = certificate_der(cert);
  } else if ((ossl::SSL_CTX_get_verify_mode(context_of(s)->ctx) & SSL_VERIFY_PEER) == 0) {
    r = dict_new();  // not verified: its contents are not to be trusted
  } else {
    r = decode_certificate(cert);
  }
  ossl::X509_free(cert);
  return r;
}

Ref sslsock_cipher(Value self, NativeArgs&) {
  const SSL_CIPHER* c = ossl::SSL_get_current_cipher(as_sslsock(self)->ssl);
  if (c == nullptr) return none_ref();
  const char* name = ossl::SSL_CIPHER_get_name(c);
  const char* version = ossl::SSL_CIPHER_get_version(c);
  Ref n = name ? str_new(name) : none_ref();
  Ref v = version ? str_new(version) : none_ref();
  Ref bits = int_from_int64(ossl::SSL_CIPHER_get_bits(c, nullptr));
  return tuple_of({n.get(), v.get(), bits.get()});
}

Ref sslsock_version(Value self, NativeArgs&) {
  SslSocketObject* s = as_sslsock(self);
  if (!ossl::SSL_is_init_finished(s->ssl)) return none_ref();
  const char* v = ossl::SSL_get_version(s->ssl);
  if (v == nullptr || std::strcmp(v, "unknown") == 0) return none_ref();
  return str_new(v);
}

Ref sslsock_selected_alpn_protocol(Value self, NativeArgs&) {
  const unsigned char* out = nullptr;
  unsigned int len = 0;
  ossl::SSL_get0_alpn_selected(as_sslsock(self)->ssl, &out, &len);
  if (out == nullptr || len == 0) return none_ref();
  Ref b = bytes_new(std::string_view(reinterpret_cast<const char*>(out), len));
  Ref errors = str_new("replace");
  return bytes_decode_to_str(b.get(), Value(), errors.get());
}

Ref sslsock_none(Value, NativeArgs&) { return none_ref(); }

Ref sslsock_get_channel_binding(Value self, NativeArgs& a) {
  SslSocketObject* s = as_sslsock(self);
  if (a.str(0) != "tls-unique")
    return raise_fmt(&exc_ValueError, "'{}' channel binding type not implemented", a.str(0));
  char buf[256];
  size_t len;
  // tls-unique is the first Finished message of the handshake: ours when we spoke first.
  if (ossl::SSL_session_reused(s->ssl) ^ !s->server_side)
    len = ossl::SSL_get_finished(s->ssl, buf, sizeof(buf));
  else
    len = ossl::SSL_get_peer_finished(s->ssl, buf, sizeof(buf));
  if (len == 0) return none_ref();
  return bytes_new(std::string_view(buf, std::min(len, sizeof(buf))));
}

/// A list of Certificates for an OpenSSL stack of X509 (None for no stack).
Ref certificate_list(const STACK_OF(X509) * chain, X509* first) {
  if (chain == nullptr) return none_ref();
  Ref out = list_new();
  if (first != nullptr) {
    Ref c = certificate_new(first);
    list_append(as_list(out.get()), c.get());
  }
  const auto* stack = reinterpret_cast<const OPENSSL_STACK*>(chain);
  int n = ossl::OPENSSL_sk_num(stack);
  for (int i = 0; i < n; i++) {
    Ref c = certificate_new(static_cast<X509*>(ossl::OPENSSL_sk_value(stack, i)));
    list_append(as_list(out.get()), c.get());
  }
  return out;
}

Ref sslsock_get_verified_chain(Value self, NativeArgs&) {
  return certificate_list(ossl::SSL_get0_verified_chain(as_sslsock(self)->ssl), nullptr);
}

/// The chain the peer sent; a server's view lacks the client's own certificate, which CPython
/// puts first.
Ref sslsock_get_unverified_chain(Value self, NativeArgs&) {
  SslSocketObject* s = as_sslsock(self);
  const STACK_OF(X509)* chain = ossl::SSL_get_peer_cert_chain(s->ssl);
  if (chain == nullptr || !s->server_side) return certificate_list(chain, nullptr);
  X509* peer = ossl::SSL_get1_peer_certificate(s->ssl);
  Ref r = certificate_list(chain, peer);
  if (peer != nullptr) ossl::X509_free(peer);
  return r;
}

Ref sslsock_get_context(Value self) { return as_sslsock(self)->context.dup(); }

bool sslsock_set_context(Value self, Value v) {
  if (!v || !isinstance(v, &ssl_types().context)) {
    raise(&exc_TypeError, "The value must be a SSLContext");
    return false;
  }
  SslSocketObject* s = as_sslsock(self);
  ossl::SSL_set_SSL_CTX(s->ssl, static_cast<SslContextObject*>(v.obj())->ctx);
  s->context = Ref::new_ref(v);
  return true;
}

Ref sslsock_get_server_side(Value self) { return bool_ref(as_sslsock(self)->server_side); }

Ref sslsock_get_server_hostname(Value self) {
  SslSocketObject* s = as_sslsock(self);
  return s->server_hostname ? s->server_hostname.dup() : none_ref();
}

Ref sslsock_get_owner(Value self) {
  Object* o = deref(as_sslsock(self)->owner);
  return o != nullptr ? Ref::new_ref(Value(o)) : none_ref();
}

bool sslsock_set_owner(Value self, Value v) {
  SslSocketObject* s = as_sslsock(self);
  if (!v || is_none(v)) {
    s->owner = Ref();
    return true;
  }
  Ref w = weak_or_strong(v);
  if (!w) return false;
  s->owner = std::move(w);
  return true;
}

Ref sslsock_get_session(Value) { return none_ref(); }
bool sslsock_set_session(Value, Value v) {
  if (v && !is_none(v)) {
    raise(&exc_NotImplementedError, "TLS session reuse is not supported by minipy's _ssl");
    return false;
  }
  return true;
}

Ref sslsock_get_session_reused(Value self) {
  return bool_ref(ossl::SSL_session_reused(as_sslsock(self)->ssl) != 0);
}

const NativeDef kSslSocketMethods[] = {
    {"do_handshake($self, /)", sslsock_do_handshake, kNativeReleasesGil},
    {"read($self, size: ssize_t, buffer: rwbuffer=NULL, /)", sslsock_read, kNativeReleasesGil},
    {"write($self, b: buffer, /)", sslsock_write, kNativeReleasesGil},
    {"pending($self, /)", sslsock_pending},
    {"shutdown($self, /)", sslsock_shutdown, kNativeReleasesGil},
    {"getpeercert($self, der: bool=False, /)", sslsock_getpeercert},
    {"cipher($self, /)", sslsock_cipher},
    {"shared_ciphers($self, /)", sslsock_none},
    {"compression($self, /)", sslsock_none},
    {"version($self, /)", sslsock_version},
    {"selected_alpn_protocol($self, /)", sslsock_selected_alpn_protocol},
    {"get_channel_binding($self, /, cb_type: str='tls-unique')", sslsock_get_channel_binding},
    {"get_verified_chain($self, /)", sslsock_get_verified_chain},
    {"get_unverified_chain($self, /)", sslsock_get_unverified_chain},
};

/// Sets SNI and the name to verify (CPython's _ssl_configure_hostname).
bool configure_hostname(SslSocketObject* s, Value hostname) {
  Ref enc = str_new("ascii");
  Ref raw = str_encode(hostname, enc.get(), Value());
  if (!raw) return false;
  std::string_view name_view;
  bytes_like_data(raw.get(), &name_view);
  std::string name(name_view);
  if (name.find('\0') != std::string::npos) {  // CPython's "es" converter refuses it so
    raise(&exc_TypeError, "argument must be encoded string without null bytes, not str");
    return false;
  }
  if (name.empty() || name[0] == '.') {
    raise(&exc_ValueError,
          "server_hostname cannot be an empty string or start with a leading dot.");
    return false;
  }
  unsigned char addr[16];
  bool is_ip =
      inet_pton(AF_INET, name.c_str(), addr) == 1 || inet_pton(AF_INET6, name.c_str(), addr) == 1;
  if (!is_ip && ossl::SSL_ctrl(s->ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                               name.data()) != 1) {
    raise_ssl_error();
    return false;
  }
  if (context_of(s)->check_hostname) {
    X509_VERIFY_PARAM* param = ossl::SSL_get0_param(s->ssl);
    int ok = is_ip ? ossl::X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str())
                   : ossl::X509_VERIFY_PARAM_set1_host(param, name.c_str(), name.size());
    if (ok != 1) {
      raise_ssl_error();
      return false;
    }
  }
  s->server_hostname = Ref::new_ref(hostname);
  return true;
}

}  // namespace

Ref ssl_socket_target(SslSocketObject* s) {
  Object* o = deref(s->owner);
  if (o == nullptr) o = deref(s->sock);
  if (o == nullptr) o = s;
  return Ref::new_ref(Value(o));
}

Ref ssl_socket_new(SslContextObject* ctx, Value sock, bool server_side, Value hostname, Value owner,
                   MemoryBioObject* in, MemoryBioObject* out) {
  if (hostname && !is_none(hostname) && !is_str(hostname)) {
    return raise_fmt(&exc_TypeError, "argument must be str, not {}", type_name(hostname));
  }
  SSL* ssl = ossl::SSL_new(ctx->ctx);
  if (ssl == nullptr) return raise_ssl_error();
  auto* s = alloc_instance<SslSocketObject>(&ssl_types().socket);
  Ref self = Ref::steal(Value(s));
  s->ssl = ssl;
  s->context = Ref::new_ref(Value(ctx));
  s->server_side = server_side;
  ossl::SSL_set_ex_data(ssl, 0, s);
  if (sock) {
    auto* so = static_cast<SocketObject*>(sock.obj());
    if (so->fd < 0) return raise(g_ssl_exc.error, "Underlying socket has been closed.");
    if (ossl::SSL_set_fd(ssl, so->fd) != 1) return raise_ssl_error();
    s->sock = weak_or_strong(sock);
    if (!s->sock) return Ref();
  } else {
    ossl::BIO_up_ref(in->bio);
    ossl::BIO_up_ref(out->bio);
    ossl::SSL_set_bio(ssl, in->bio, out->bio);
    s->incoming = Ref::new_ref(Value(in));
    s->outgoing = Ref::new_ref(Value(out));
  }
  if (hostname && !is_none(hostname) && !configure_hostname(s, hostname)) return Ref();
  if (server_side)
    ossl::SSL_set_accept_state(ssl);
  else
    ossl::SSL_set_connect_state(ssl);
  if (owner && !is_none(owner)) {
    s->owner = weak_or_strong(owner);
    if (!s->owner) return Ref();
  }
  return self;
}

void ssl_socket_types_init() {
  TypeObject& t = ssl_types().socket;
  t.name = "_SSLSocket";
  t.module = "_ssl";
  t.flags = kTypeWeakrefable;
  t.basic_size = sizeof(SslSocketObject);
  t.dealloc = sslsock_dealloc;
  t.traverse = sslsock_traverse;
  t.clear = sslsock_clear;
  type_ready(&t, &object_type);
  type_add_module_attr(&t);
  add_methods(&t, kSslSocketMethods);
  add_getset(&t, "context", sslsock_get_context, sslsock_set_context);
  add_getset(&t, "server_side", sslsock_get_server_side);
  add_getset(&t, "server_hostname", sslsock_get_server_hostname);
  add_getset(&t, "owner", sslsock_get_owner, sslsock_set_owner);
  add_getset(&t, "session", sslsock_get_session, sslsock_set_session);
  add_getset(&t, "session_reused", sslsock_get_session_reused);

  TypeObject& b = ssl_types().bio;
  b.name = "MemoryBIO";
  b.module = "_ssl";
  b.basic_size = sizeof(MemoryBioObject);
  b.dealloc = bio_dealloc;
  b.new_ = bio_new;
  type_ready(&b, &object_type);
  type_add_module_attr(&b);
  add_methods(&b, kBioMethods);
  add_getset(&b, "pending", bio_get_pending);
  add_getset(&b, "eof", bio_get_eof);

  // ssl.py imports the type; TLS session reuse is not offered, so no instance is ever made.
  TypeObject& sess = ssl_types().session;
  sess.name = "SSLSession";
  sess.module = "_ssl";
  sess.basic_size = sizeof(Object);
  type_ready(&sess, &object_type);
  type_add_module_attr(&sess);
}

}  // namespace minipy::lib
