// The _ssl module's shared pieces (CPython's Modules/_ssl.c semantics over Debian's OpenSSL 3,
// opened on import: stdlib/native/openssl_api.h). _ssl.cpp has the module (constants, exception
// classes, error reporting, certificate decoding, RAND_*, txt2obj), ssl_context.cpp the
// _SSLContext type, ssl_socket.cpp the _SSLSocket and MemoryBIO types.
#pragma once

#include <string>

#include "runtime/object.h"
#include "runtime/type.h"
#include "stdlib/native/openssl_api.h"

namespace minipy::rt {
struct ThreadState;
}

namespace minipy::lib {

struct SslContextObject : rt::Object {
  rt::DictObject* dict = nullptr;  // __dict__ of subclasses (ssl.SSLContext)
  SSL_CTX* ctx = nullptr;
  int protocol = 0;
  bool check_hostname = false;
  int hostflags = 0;
  std::string alpn;      // the protocols in wire format (_set_alpn_protocols)
  rt::Ref sni_callback;  // null = None
};

struct MemoryBioObject : rt::Object {
  BIO* bio = nullptr;
  bool eof_written = false;
};

struct SslSocketObject : rt::Object {
  SSL* ssl = nullptr;
  rt::Ref context;          // the _SSLContext (owned; sni_callback may switch it)
  rt::Ref sock;             // weak reference to the socket (_wrap_socket), else null
  rt::Ref owner;            // weak reference to the owner (SSLSocket / SSLObject), else null
  rt::Ref server_hostname;  // str, or null for None
  rt::Ref incoming;         // MemoryBIOs of _wrap_bio (kept alive with the SSL object)
  rt::Ref outgoing;
  bool server_side = false;
  // The thread that released the GIL around an OpenSSL call on this connection, while it runs:
  // the SNI callback takes the GIL back for the Python code it calls.
  rt::ThreadState* released_ts = nullptr;
};

/// The module's types, constructed on first import (as globals they would be constructed and
/// registered for destruction at every start of minipy).
struct SslTypes {
  rt::TypeObject context;      // _ssl._SSLContext
  rt::TypeObject socket;       // _ssl._SSLSocket
  rt::TypeObject bio;          // _ssl.MemoryBIO
  rt::TypeObject session;      // _ssl.SSLSession (never made: sessions are not kept)
  rt::TypeObject certificate;  // _ssl.Certificate (get_verified_chain's items)
};
SslTypes& ssl_types();

/// The exception classes, created at first import and kept for the process's life.
struct SslExceptions {
  rt::TypeObject* error = nullptr;  // SSLError (OSError)
  rt::TypeObject* zero_return = nullptr;
  rt::TypeObject* want_read = nullptr;
  rt::TypeObject* want_write = nullptr;
  rt::TypeObject* syscall = nullptr;
  rt::TypeObject* eof = nullptr;
  rt::TypeObject* cert_verification = nullptr;  // SSLCertVerificationError (also ValueError)
};
extern SslExceptions g_ssl_exc;

/// CPython's _setSSLError: SSLError with `msg` alone when given, else for the last error on
/// OpenSSL's queue (errno its reason code); the queue is cleared. Always returns null.
rt::Ref raise_ssl_error(const char* msg = nullptr);
/// CPython's PySSL_SetError: the exception for SSL_get_error's answer `err` after a call on `s`
/// returned `ret`, with `e` the first queued error (ERR_peek_last_error before the queue was
/// cleared). Always returns null.
rt::Ref raise_ssl_call_error(SslSocketObject* s, int ret, int err, unsigned long e, int sys_errno);

/// getpeercert()'s dict for a certificate (CPython's _decode_certificate).
rt::Ref decode_certificate(X509* cert);
/// The DER bytes of a certificate.
rt::Ref certificate_der(X509* cert);

/// A _ssl.Certificate for `cert` (its reference count is raised: the caller keeps its own).
rt::Ref certificate_new(X509* cert);

/// Type set-up (called once at first import).
void ssl_context_type_init();
void ssl_socket_types_init();
void ssl_certificate_type_init();

/// The object an SNI callback receives: the owner (SSLObject / SSLSocket) while it lives, else
/// the socket, else the _SSLSocket itself (CPython's _servername_callback).
rt::Ref ssl_socket_target(SslSocketObject* s);

/// Creates the _SSLSocket for a context (ssl_socket.cpp). `sock` is the socket (or null for a
/// BIO pair), `hostname` a str or None.
rt::Ref ssl_socket_new(SslContextObject* ctx, rt::Value sock, bool server_side, rt::Value hostname,
                       rt::Value owner, MemoryBioObject* in, MemoryBioObject* out);

}  // namespace minipy::lib
