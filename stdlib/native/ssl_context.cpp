// _ssl._SSLContext (CPython's PySSLContext): an SSL_CTX with its protocol, options, verification
// settings, certificates, ALPN protocols and SNI callback; _wrap_socket / _wrap_bio make the
// _SSLSocket objects (ssl_socket.cpp).
#include <arpa/inet.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>

#include "runtime/errors.h"
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
#include "runtime/state/gil.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/oserror.h"
#include "stdlib/native/socket_module.h"
#include "stdlib/native/ssl_module.h"

namespace minipy::lib {

using namespace rt;

namespace {

// CPython's py_ssl_version numbers (PROTOCOL_*).
enum Protocol {
  kTls = 2,
  kTls1 = 3,
  kTls1_1 = 4,
  kTls1_2 = 5,
  kTlsClient = 0x10,
  kTlsServer = 0x11
};
constexpr int kProtoMinimumSupported = -2;
constexpr int kProtoMaximumSupported = -1;

SslContextObject* as_ctx(Value v) { return static_cast<SslContextObject*>(v.obj()); }

long ctx_ctrl(SSL_CTX* ctx, int cmd, long larg, void* parg = nullptr) {
  return ossl::SSL_CTX_ctrl(ctx, cmd, larg, parg);
}

void ctx_dealloc(Object* o) {
  auto* c = static_cast<SslContextObject*>(o);
  if (c->ctx != nullptr) ossl::SSL_CTX_free(c->ctx);
  delete c;
}

void ctx_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<SslContextObject*>(o)->sni_callback.get(), visit, arg);
}

void ctx_clear(Object* o) { static_cast<SslContextObject*>(o)->sni_callback = Ref(); }

/// _SSLContext(protocol)
Ref ctx_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[1];
  if (!parse_args("_SSLContext", args, nargs, kw, {"protocol"}, 1, a)) return Ref();
  int proto;
  if (!c_int_arg(a[0], &proto)) return Ref();
  int fixed_version = 0;
  switch (proto) {
    case kTls:
      if (!warn(&exc_DeprecationWarning, "ssl.PROTOCOL_TLS is deprecated", 2)) return Ref();
      break;
    case kTlsClient:
    case kTlsServer:
      break;
    case kTls1:
      fixed_version = TLS1_VERSION;
      if (!warn(&exc_DeprecationWarning, "ssl.PROTOCOL_TLSv1 is deprecated", 2)) return Ref();
      break;
    case kTls1_1:
      fixed_version = TLS1_1_VERSION;
      if (!warn(&exc_DeprecationWarning, "ssl.PROTOCOL_TLSv1_1 is deprecated", 2)) return Ref();
      break;
    case kTls1_2:
      fixed_version = TLS1_2_VERSION;
      if (!warn(&exc_DeprecationWarning, "ssl.PROTOCOL_TLSv1_2 is deprecated", 2)) return Ref();
      break;
    default:
      return raise_fmt(&exc_ValueError, "invalid or unsupported protocol version {}", proto);
  }
  SSL_CTX* ctx = ossl::SSL_CTX_new(ossl::TLS_method());
  if (ctx == nullptr) return raise_ssl_error("failed to allocate SSL context");
  auto* c = alloc_instance<SslContextObject>(type);
  Ref self = Ref::steal(Value(c));
  c->ctx = ctx;
  c->protocol = proto;
  c->hostflags = X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS;
  if (fixed_version != 0) {
    ctx_ctrl(ctx, SSL_CTRL_SET_MIN_PROTO_VERSION, fixed_version);
    ctx_ctrl(ctx, SSL_CTRL_SET_MAX_PROTO_VERSION, fixed_version);
  } else {
    // CPython's PY_SSL_MIN_PROTOCOL: TLS 1.0 and 1.1 are off unless asked for.
    ctx_ctrl(ctx, SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_2_VERSION);
  }
  if (proto == kTlsClient) {
    c->check_hostname = true;
    ossl::SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  } else {
    ossl::SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  }
  uint64_t options = (SSL_OP_ALL & ~SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS) | SSL_OP_NO_SSLv2 |
                     SSL_OP_NO_SSLv3 | SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE |
                     SSL_OP_SINGLE_DH_USE | SSL_OP_SINGLE_ECDH_USE;
  ossl::SSL_CTX_set_options(ctx, options);
  if (ossl::SSL_CTX_set_cipher_list(ctx,
                                    "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:"
                                    "!eNULL:!aDSS:!SHA1:!AESCCM") != 1) {
    return raise_ssl_error("No cipher can be selected.");
  }
  ctx_ctrl(ctx, SSL_CTRL_MODE,
           SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_AUTO_RETRY | SSL_MODE_RELEASE_BUFFERS);
  static const unsigned char kSidCtx[] = "Python";
  ossl::SSL_CTX_set_session_id_context(ctx, kSidCtx, sizeof(kSidCtx) - 1);
  X509_VERIFY_PARAM* param = ossl::SSL_CTX_get0_param(ctx);
  ossl::X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_TRUSTED_FIRST);
  ossl::X509_VERIFY_PARAM_set_hostflags(param, static_cast<unsigned int>(c->hostflags));
  return self;
}

// ---------------------------------------------------------------- properties

Ref get_protocol(Value self) { return int_from_int64(as_ctx(self)->protocol); }

Ref get_options(Value self) {
  return int_from_int64(static_cast<int64_t>(ossl::SSL_CTX_get_options(as_ctx(self)->ctx)));
}

bool set_options(Value self, Value v) {
  if (!v) return raise(&exc_AttributeError, "cannot delete attribute"), false;
  int64_t n;
  if (!int_arg(v, &n)) return false;
  if (n < 0) return raise(&exc_OverflowError, "can't convert negative int to unsigned"), false;
  SSL_CTX* ctx = as_ctx(self)->ctx;
  uint64_t opts = ossl::SSL_CTX_get_options(ctx);
  uint64_t want = static_cast<uint64_t>(n);
  uint64_t clear = opts & ~want;
  uint64_t set = ~opts & want;
  const uint64_t kProtoOps = SSL_OP_NO_SSLv2 | SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 |
                             SSL_OP_NO_TLSv1_1 | SSL_OP_NO_TLSv1_2 | SSL_OP_NO_TLSv1_3;
  if ((set & kProtoOps) != 0 &&
      !warn(&exc_DeprecationWarning, "ssl.OP_NO_SSL*/ssl.OP_NO_TLS* options are deprecated", 2)) {
    return false;
  }
  if (clear) ossl::SSL_CTX_clear_options(ctx, clear);
  if (set) ossl::SSL_CTX_set_options(ctx, set);
  return true;
}

int verify_mode_of(SSL_CTX* ctx) {
  int m = ossl::SSL_CTX_get_verify_mode(ctx);
  if (m == SSL_VERIFY_NONE) return 0;
  if (m == SSL_VERIFY_PEER) return 1;
  return 2;
}

bool apply_verify_mode(SslContextObject* c, int n) {
  int mode;
  switch (n) {
    case 0:
      mode = SSL_VERIFY_NONE;
      break;
    case 1:
      mode = SSL_VERIFY_PEER;
      break;
    case 2:
      mode = SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
      break;
    default:
      raise(&exc_ValueError, "invalid value for verify_mode");
      return false;
  }
  ossl::SSL_CTX_set_verify(c->ctx, mode, nullptr);
  return true;
}

Ref get_verify_mode(Value self) { return Ref::small(verify_mode_of(as_ctx(self)->ctx)); }

bool set_verify_mode(Value self, Value v) {
  if (!v) return raise(&exc_AttributeError, "cannot delete attribute"), false;
  int n;
  if (!c_int_arg(v, &n)) return false;
  SslContextObject* c = as_ctx(self);
  if (n == 0 && c->check_hostname) {
    raise(&exc_ValueError, "Cannot set verify_mode to CERT_NONE when check_hostname is enabled.");
    return false;
  }
  return apply_verify_mode(c, n);
}

Ref get_check_hostname(Value self) { return bool_ref(as_ctx(self)->check_hostname); }

bool set_check_hostname(Value self, Value v) {
  if (!v) return raise(&exc_AttributeError, "cannot delete attribute"), false;
  int t = truthy(v);
  if (t < 0) return false;
  SslContextObject* c = as_ctx(self);
  if (t && verify_mode_of(c->ctx) == 0 && !apply_verify_mode(c, 2)) return false;
  c->check_hostname = t != 0;
  return true;
}

Ref get_verify_flags(Value self) {
  X509_VERIFY_PARAM* p = ossl::SSL_CTX_get0_param(as_ctx(self)->ctx);
  return int_from_int64(static_cast<int64_t>(ossl::X509_VERIFY_PARAM_get_flags(p)));
}

bool set_verify_flags(Value self, Value v) {
  if (!v) return raise(&exc_AttributeError, "cannot delete attribute"), false;
  int64_t n;
  if (!int_arg(v, &n)) return false;
  X509_VERIFY_PARAM* p = ossl::SSL_CTX_get0_param(as_ctx(self)->ctx);
  unsigned long flags = ossl::X509_VERIFY_PARAM_get_flags(p);
  unsigned long want = static_cast<unsigned long>(n);
  unsigned long clear = flags & ~want;
  unsigned long set = ~flags & want;
  if (clear && !ossl::X509_VERIFY_PARAM_clear_flags(p, clear)) return raise_ssl_error(), false;
  if (set && !ossl::X509_VERIFY_PARAM_set_flags(p, set)) return raise_ssl_error(), false;
  return true;
}

bool version_settable(SslContextObject* c) {
  if (c->protocol != kTls && c->protocol != kTlsClient && c->protocol != kTlsServer) {
    raise(&exc_ValueError,
          "The context's protocol doesn't support modification of highest and lowest version.");
    return false;
  }
  return true;
}

Ref get_minimum_version(Value self) {
  long v = ctx_ctrl(as_ctx(self)->ctx, SSL_CTRL_GET_MIN_PROTO_VERSION, 0);
  return int_from_int64(v == 0 ? kProtoMinimumSupported : v);
}

Ref get_maximum_version(Value self) {
  long v = ctx_ctrl(as_ctx(self)->ctx, SSL_CTRL_GET_MAX_PROTO_VERSION, 0);
  return int_from_int64(v == 0 ? kProtoMaximumSupported : v);
}

bool set_version(Value self, Value arg, bool minimum) {
  if (!arg) return raise(&exc_AttributeError, "cannot delete attribute"), false;
  int v;
  if (!c_int_arg(arg, &v)) return false;
  SslContextObject* c = as_ctx(self);
  if (!version_settable(c)) return false;
  switch (v) {
    case kProtoMinimumSupported:
    case kProtoMaximumSupported:
    case SSL3_VERSION:
    case TLS1_VERSION:
    case TLS1_1_VERSION:
    case TLS1_2_VERSION:
    case TLS1_3_VERSION:
      break;
    default:
      raise_fmt(&exc_ValueError, "Unsupported TLS/SSL version 0x{:x}", v);
      return false;
  }
  if (minimum) {
    if (v == kProtoMinimumSupported)
      v = 0;
    else if (v == kProtoMaximumSupported)
      v = TLS1_3_VERSION;
  } else {
    if (v == kProtoMaximumSupported)
      v = 0;
    else if (v == kProtoMinimumSupported)
      v = SSL3_VERSION;
  }
  long ok = ctx_ctrl(c->ctx,
                     minimum ? SSL_CTRL_SET_MIN_PROTO_VERSION : SSL_CTRL_SET_MAX_PROTO_VERSION, v);
  if (!ok) {
    raise_fmt(&exc_ValueError, "Unsupported protocol version 0x{:x}", v);
    return false;
  }
  return true;
}

bool set_minimum_version(Value self, Value v) { return set_version(self, v, true); }
bool set_maximum_version(Value self, Value v) { return set_version(self, v, false); }

Ref get_security_level(Value self) {
  return int_from_int64(ossl::SSL_CTX_get_security_level(as_ctx(self)->ctx));
}

Ref get_num_tickets(Value self) {
  return int_from_int64(static_cast<int64_t>(ossl::SSL_CTX_get_num_tickets(as_ctx(self)->ctx)));
}

bool set_num_tickets(Value self, Value v) {
  if (!v) return raise(&exc_AttributeError, "cannot delete attribute"), false;
  int64_t n;
  if (!int_arg(v, &n)) return false;
  if (n < 0) return raise(&exc_ValueError, "value must be non-negative"), false;
  SslContextObject* c = as_ctx(self);
  if (c->protocol != kTlsServer) {
    raise(&exc_ValueError, "SSLContext is not a server context.");
    return false;
  }
  if (ossl::SSL_CTX_set_num_tickets(c->ctx, static_cast<size_t>(n)) != 1) {
    raise(&exc_ValueError, "failed to set num tickets.");
    return false;
  }
  return true;
}

Ref get_host_flags(Value self) { return int_from_int64(as_ctx(self)->hostflags); }

bool set_host_flags(Value self, Value v) {
  if (!v) return raise(&exc_AttributeError, "cannot delete attribute"), false;
  int n;
  if (!c_int_arg(v, &n)) return false;
  SslContextObject* c = as_ctx(self);
  ossl::X509_VERIFY_PARAM_set_hostflags(ossl::SSL_CTX_get0_param(c->ctx),
                                        static_cast<unsigned int>(n));
  c->hostflags = n;
  return true;
}

// post_handshake_auth is remembered (TLS 1.3 post-handshake authentication is not offered).
Ref get_post_handshake_auth(Value self) { return bool_ref(false); }
bool set_post_handshake_auth(Value self, Value v) {
  if (!v) return raise(&exc_AttributeError, "cannot delete attribute"), false;
  return truthy(v) >= 0;
}

// keylog_filename and _msg_callback: only None (key logging and message tracing are not
// implemented; ssl.py sets keylog_filename only when SSLKEYLOGFILE is set).
Ref get_none(Value) { return none_ref(); }
bool set_only_none(Value, Value v) {
  if (v && !is_none(v)) {
    raise(&exc_NotImplementedError, "not supported by minipy's _ssl");
    return false;
  }
  return true;
}

// ---------------------------------------------------------------- SNI callback

/// OpenSSL's servername callback: calls sni_callback(sslobject, server_name, context)
/// (CPython's _servername_callback). None accepts; an int is the alert to send; an exception
/// is reported as unraisable and fails the handshake.
int call_sni_callback(SslContextObject* c, SslSocketObject* s, SSL* ssl, int* al) {
  Ref callback = c->sni_callback.dup();
  Ref target = ssl_socket_target(s);
  const char* name = ossl::SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  Ref name_v = name != nullptr ? str_new(name) : none_ref();
  Ref ctx = Ref::new_ref(Value(c));
  Value args[] = {target.get(), name_v.get(), ctx.get()};
  Ref r = call(callback.get(), args, 3);
  if (!r) {
    write_unraisable(callback.get(), nullptr);
    *al = SSL_AD_HANDSHAKE_FAILURE;
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  if (is_none(r.get())) return SSL_TLSEXT_ERR_OK;
  int64_t n;
  if (!int_to_int64(r.get(), &n)) {
    if (error_pending()) write_unraisable(r.get(), nullptr);
    *al = SSL_AD_INTERNAL_ERROR;
  } else {
    *al = static_cast<int>(n);
  }
  return SSL_TLSEXT_ERR_ALERT_FATAL;
}

int servername_callback(SSL* ssl, int* al, void* arg) {
  auto* c = static_cast<SslContextObject*>(arg);
  auto* s = static_cast<SslSocketObject*>(ossl::SSL_get_ex_data(ssl, 0));
  if (s == nullptr) return SSL_TLSEXT_ERR_OK;
  // Over a socket the handshake runs with the GIL released (ssl_socket.cpp): take it back.
  ThreadState* ts = s->released_ts;
  if (ts != nullptr) thread_attach(ts);
  int r = c->sni_callback ? call_sni_callback(c, s, ssl, al) : SSL_TLSEXT_ERR_OK;
  if (ts != nullptr) thread_detach(ts);
  return r;
}

Ref get_sni_callback(Value self) {
  SslContextObject* c = as_ctx(self);
  return c->sni_callback ? c->sni_callback.dup() : none_ref();
}

bool set_sni_callback(Value self, Value v) {
  SslContextObject* c = as_ctx(self);
  if (c->protocol == kTlsClient) {
    raise(&exc_ValueError, "sni_callback cannot be set on TLS_CLIENT context");
    return false;
  }
  using Cb = void (*)();
  if (!v || is_none(v)) {
    c->sni_callback = Ref();
    ossl::SSL_CTX_callback_ctrl(c->ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, nullptr);
    return true;
  }
  if (!callable(v)) {
    raise(&exc_TypeError, "not a callable object");
    return false;
  }
  c->sni_callback = Ref::new_ref(v);
  ossl::SSL_CTX_callback_ctrl(c->ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_CB,
                              reinterpret_cast<Cb>(servername_callback));
  ctx_ctrl(c->ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG, 0, c);
  return true;
}

// ---------------------------------------------------------------- certificates

/// A file-system path argument as bytes for OpenSSL; null (absent) for None.
bool path_arg(Value v, const char* what, std::string* out, bool* given) {
  *given = false;
  if (!v || is_none(v)) return true;
  if (!is_str(v) && !is_byte_like(v) && !getattr_opt(v, intern("__fspath__"))) {
    if (error_pending()) return false;
    raise_fmt(&exc_TypeError, "{} should be a valid filesystem path", what);
    return false;
  }
  if (!fs_encoded_arg(v, out)) return false;
  *given = true;
  return true;
}

struct PasswordInfo {
  Value password;  // str, bytes-like or callable
  std::string error_text;
  bool failed = false;  // a Python exception is pending
};

bool password_bytes(Value v, std::string* out, bool from_callback) {
  std::string_view data;
  if (is_str(v)) {
    data = as_str(v)->view();
  } else if (buffer_view(v, &data)) {
  } else {
    raise(&exc_TypeError, from_callback ? "password callback must return a string"
                                        : "password should be a string or callable");
    return false;
  }
  if (data.size() > INT_MAX) {
    raise_fmt(&exc_ValueError, "password cannot be longer than {} bytes", INT_MAX);
    return false;
  }
  *out = std::string(data);
  return true;
}

int password_callback(char* buf, int size, int, void* userdata) {
  auto* info = static_cast<PasswordInfo*>(userdata);
  std::string pw;
  if (callable(info->password)) {
    Ref r = call(info->password, nullptr, 0);
    if (!r || !password_bytes(r.get(), &pw, true)) {
      info->failed = true;
      return -1;
    }
  } else if (!password_bytes(info->password, &pw, false)) {
    info->failed = true;
    return -1;
  }
  if (pw.size() > static_cast<size_t>(size)) {
    raise_fmt(&exc_ValueError, "password cannot be longer than {} bytes", size);
    info->failed = true;
    return -1;
  }
  std::memcpy(buf, pw.data(), pw.size());
  return static_cast<int>(pw.size());
}

/// OpenSSL failed to read a file: OSError when errno says why, else SSLError.
Ref raise_file_error(int err) {
  if (err != 0) {
    ossl::ERR_clear_error();
    return raise_os_error(err, Value());
  }
  return raise_ssl_error();
}

Ref ctx_load_cert_chain(Value self, NativeArgs& a) {
  SslContextObject* c = as_ctx(self);
  std::string certfile, keyfile;
  bool has_cert, has_key;
  if (!path_arg(a[0], "certfile", &certfile, &has_cert)) return Ref();
  if (!has_cert) return raise(&exc_TypeError, "certfile should be a valid filesystem path");
  if (!path_arg(a[1], "keyfile", &keyfile, &has_key)) return Ref();
  PasswordInfo info;
  bool has_password = a[2] && !is_none(a[2]);
  if (has_password) {
    info.password = a[2];
    if (!callable(a[2]) && !is_str(a[2]) && !is_byte_like(a[2]))
      return raise(&exc_TypeError, "password should be a string or callable");
  }
  ossl::SSL_CTX_set_default_passwd_cb(c->ctx, has_password ? password_callback : nullptr);
  ossl::SSL_CTX_set_default_passwd_cb_userdata(c->ctx, has_password ? &info : nullptr);
  Ref result;
  errno = 0;
  if (ossl::SSL_CTX_use_certificate_chain_file(c->ctx, certfile.c_str()) != 1) {
    int err = errno;
    if (info.failed) {
      ossl::ERR_clear_error();
    } else {
      raise_file_error(err);
    }
  } else {
    errno = 0;
    const std::string& key = has_key ? keyfile : certfile;
    if (ossl::SSL_CTX_use_PrivateKey_file(c->ctx, key.c_str(), SSL_FILETYPE_PEM) != 1) {
      int err = errno;
      if (info.failed) {
        ossl::ERR_clear_error();
      } else {
        raise_file_error(err);
      }
    } else if (ossl::SSL_CTX_check_private_key(c->ctx) != 1) {
      raise_ssl_error();
    } else {
      result = none_ref();
    }
  }
  ossl::SSL_CTX_set_default_passwd_cb(c->ctx, nullptr);
  ossl::SSL_CTX_set_default_passwd_cb_userdata(c->ctx, nullptr);
  return result;
}

/// load_dh_params(path): Diffie-Hellman parameters for DHE key exchange, from a PEM file.
Ref ctx_load_dh_params(Value self, NativeArgs& a) {
  std::string path;
  if (!fs_encoded_arg(a[0], &path)) return Ref();
  errno = 0;
  BIO* bio = ossl::BIO_new_file(path.c_str(), "rb");
  if (bio == nullptr) {
    int err = errno;
    ossl::ERR_clear_error();
    return raise_os_error(err != 0 ? err : ENOENT, a[0]);
  }
  // The PEM block, then its DER: reading "DH PARAMETERS" by name reports a file without them
  // as PEM's NO_START_LINE, as CPython's PEM_read_DHparams does.
  unsigned char* der = nullptr;
  long len = 0;
  char* name = nullptr;
  int ok = ossl::PEM_bytes_read_bio(&der, &len, &name, PEM_STRING_DHPARAMS, bio, nullptr, nullptr);
  ossl::BIO_free(bio);
  if (ok != 1) return raise_ssl_error();
  const unsigned char* p = der;
  EVP_PKEY* params = ossl::d2i_KeyParams(EVP_PKEY_DH, nullptr, &p, len);
  ossl::CRYPTO_free(der, OPENSSL_FILE, OPENSSL_LINE);
  ossl::CRYPTO_free(name, OPENSSL_FILE, OPENSSL_LINE);
  if (params == nullptr) return raise_ssl_error();
  if (ossl::SSL_CTX_set0_tmp_dh_pkey(as_ctx(self)->ctx, params) != 1) {
    ossl::EVP_PKEY_free(params);
    return raise_ssl_error();
  }
  return none_ref();
}

/// set_ecdh_curve(name): the one group offered for ECDH key exchange.
Ref ctx_set_ecdh_curve(Value self, NativeArgs& a) {
  std::string name;
  if (!fs_encoded_arg(a[0], &name)) return Ref();
  int nid = ossl::OBJ_sn2nid(name.c_str());
  if (nid == NID_undef) {
    Ref r = repr(a[0]);
    if (!r) return Ref();
    return raise_fmt(&exc_ValueError, "unknown elliptic curve name {}", as_str(r.get())->view());
  }
  if (!ctx_ctrl(as_ctx(self)->ctx, SSL_CTRL_SET_GROUPS, 1, &nid)) return raise_ssl_error();
  return none_ref();
}

/// Adds every certificate of `data` (PEM text or DER bytes) to the context's store.
Ref load_cadata(SslContextObject* c, std::string_view data, bool pem) {
  BIO* bio = ossl::BIO_new_mem_buf(data.data(), static_cast<int>(data.size()));
  if (bio == nullptr) return raise_ssl_error();
  X509_STORE* store = ossl::SSL_CTX_get_cert_store(c->ctx);
  int loaded = 0;
  bool failed = false;
  for (;;) {
    X509* cert;
    if (pem) {
      cert = ossl::PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    } else {
      // d2i over the BIO's remaining bytes: read them out once.
      cert = nullptr;
      char* p = nullptr;
      long n = ossl::BIO_ctrl(bio, BIO_CTRL_INFO, 0, &p);
      if (n > 0) {
        const unsigned char* q = reinterpret_cast<const unsigned char*>(p);
        cert = ossl::d2i_X509(nullptr, &q, n);
        if (cert != nullptr) {
          char sink[4096];
          long used = reinterpret_cast<const char*>(q) - p;
          while (used > 0) {
            int r = ossl::BIO_read(bio, sink, static_cast<int>(std::min<long>(used, sizeof(sink))));
            if (r <= 0) break;
            used -= r;
          }
        }
      }
    }
    if (cert == nullptr) break;
    if (ossl::X509_STORE_add_cert(store, cert) != 1) {
      unsigned long e = ossl::ERR_peek_last_error();
      if (ERR_GET_LIB(e) != ERR_LIB_X509 ||
          ERR_GET_REASON(e) != X509_R_CERT_ALREADY_IN_HASH_TABLE) {
        ossl::X509_free(cert);
        failed = true;
        break;
      }
      ossl::ERR_clear_error();
    }
    ossl::X509_free(cert);
    loaded++;
  }
  ossl::BIO_free(bio);
  if (failed) return raise_ssl_error();
  if (loaded == 0) {
    ossl::ERR_clear_error();
    return raise_ssl_error(pem ? "no start line: cadata does not contain a certificate"
                               : "not enough data: cadata does not contain a certificate");
  }
  // PEM_read_bio_X509 leaves "no start line" on the queue at the end of the data.
  ossl::ERR_clear_error();
  return none_ref();
}

Ref ctx_load_verify_locations(Value self, NativeArgs& a) {
  SslContextObject* c = as_ctx(self);
  std::string cafile, capath;
  bool has_file, has_path;
  if (!path_arg(a[0], "cafile", &cafile, &has_file)) return Ref();
  if (!path_arg(a[1], "capath", &capath, &has_path)) return Ref();
  bool has_data = a[2] && !is_none(a[2]);
  if (!has_file && !has_path && !has_data)
    return raise(&exc_TypeError, "cafile, capath and cadata cannot be all omitted");
  if (has_data) {
    if (is_str(a[2])) {
      if (!as_str(a[2])->ascii)
        return raise(&exc_TypeError, "cadata should be an ASCII string or a bytes-like object");
      if (!load_cadata(c, as_str(a[2])->view(), true)) return Ref();
    } else {
      std::string_view d;
      if (!buffer_view(a[2], &d))
        return raise(&exc_TypeError, "cadata should be an ASCII string or a bytes-like object");
      std::string copy(d);
      if (!load_cadata(c, copy, false)) return Ref();
    }
  }
  if (has_file || has_path) {
    errno = 0;
    if (ossl::SSL_CTX_load_verify_locations(c->ctx, has_file ? cafile.c_str() : nullptr,
                                            has_path ? capath.c_str() : nullptr) != 1) {
      return raise_file_error(errno);
    }
  }
  return none_ref();
}

Ref ctx_set_default_verify_paths(Value self, NativeArgs&) {
  if (ossl::SSL_CTX_set_default_verify_paths(as_ctx(self)->ctx) != 1) return raise_ssl_error();
  return none_ref();
}

Ref ctx_set_ciphers(Value self, NativeArgs& a) {
  std::string list(a.str(0));
  if (ossl::SSL_CTX_set_cipher_list(as_ctx(self)->ctx, list.c_str()) != 1) {
    ossl::ERR_clear_error();  // CPython raises SSLError with the message alone here
    return raise(g_ssl_exc.error, "No cipher can be selected.");
  }
  return none_ref();
}

int alpn_select_callback(SSL*, const unsigned char** out, unsigned char* outlen,
                         const unsigned char* client, unsigned int client_len, void* arg) {
  auto* c = static_cast<SslContextObject*>(arg);
  if (c->alpn.empty()) return SSL_TLSEXT_ERR_NOACK;
  unsigned char* selected = nullptr;
  int r = ossl::SSL_select_next_proto(
      &selected, outlen, reinterpret_cast<const unsigned char*>(c->alpn.data()),
      static_cast<unsigned int>(c->alpn.size()), client, client_len);
  if (r != OPENSSL_NPN_NEGOTIATED) return SSL_TLSEXT_ERR_NOACK;
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

Ref ctx_set_alpn_protocols(Value self, NativeArgs& a) {
  SslContextObject* c = as_ctx(self);
  std::string_view d = a.bytes(0);
  if (d.size() > UINT_MAX)
    return raise(&exc_OverflowError, "protocols longer than 4294967295 bytes");
  c->alpn = std::string(d);
  // Clients offer the list; servers choose from it in alpn_select_callback.
  if (ossl::SSL_CTX_set_alpn_protos(c->ctx, reinterpret_cast<const unsigned char*>(c->alpn.data()),
                                    static_cast<unsigned int>(c->alpn.size())) != 0) {
    return raise_ssl_error();
  }
  ossl::SSL_CTX_set_alpn_select_cb(c->ctx, alpn_select_callback, c);
  return none_ref();
}

/// The X509 objects of the context's store.
template <class F>
void for_each_store_object(SslContextObject* c, F f) {
  X509_STORE* store = ossl::SSL_CTX_get_cert_store(c->ctx);
  auto* objs = reinterpret_cast<const OPENSSL_STACK*>(ossl::X509_STORE_get0_objects(store));
  int n = ossl::OPENSSL_sk_num(objs);
  for (int i = 0; i < n; i++) f(static_cast<X509_OBJECT*>(ossl::OPENSSL_sk_value(objs, i)));
}

Ref ctx_cert_store_stats(Value self, NativeArgs&) {
  int64_t x509 = 0, crl = 0, ca = 0;
  for_each_store_object(as_ctx(self), [&](X509_OBJECT* o) {
    switch (ossl::X509_OBJECT_get_type(o)) {
      case X509_LU_X509:
        x509++;
        if (ossl::X509_check_ca(ossl::X509_OBJECT_get0_X509(o))) ca++;
        break;
      case X509_LU_CRL:
        crl++;
        break;
      default:
        break;
    }
  });
  Ref d = dict_new();
  Ref v1 = int_from_int64(x509), v2 = int_from_int64(crl), v3 = int_from_int64(ca);
  dict_set_cstr(as_dict(d.get()), "x509", v1.get());
  dict_set_cstr(as_dict(d.get()), "crl", v2.get());
  dict_set_cstr(as_dict(d.get()), "x509_ca", v3.get());
  return d;
}

Ref ctx_get_ca_certs(Value self, NativeArgs& a) {
  bool binary = a.flag(0);
  Ref out = list_new();
  bool ok = true;
  for_each_store_object(as_ctx(self), [&](X509_OBJECT* o) {
    if (!ok || ossl::X509_OBJECT_get_type(o) != X509_LU_X509) return;
    X509* cert = ossl::X509_OBJECT_get0_X509(o);
    if (!ossl::X509_check_ca(cert)) return;
    Ref item = binary ? certificate_der(cert) : decode_certificate(cert);
    if (!item) {
      ok = false;
      return;
    }
    list_append(as_list(out.get()), item.get());
  });
  if (!ok) return Ref();
  return out;
}

Ref ctx_session_stats(Value self, NativeArgs&) {
  static const struct {
    const char* name;
    int cmd;
  } kStats[] = {{"number", SSL_CTRL_SESS_NUMBER},
                {"connect", SSL_CTRL_SESS_CONNECT},
                {"connect_good", SSL_CTRL_SESS_CONNECT_GOOD},
                {"connect_renegotiate", SSL_CTRL_SESS_CONNECT_RENEGOTIATE},
                {"accept", SSL_CTRL_SESS_ACCEPT},
                {"accept_good", SSL_CTRL_SESS_ACCEPT_GOOD},
                {"accept_renegotiate", SSL_CTRL_SESS_ACCEPT_RENEGOTIATE},
                {"hits", SSL_CTRL_SESS_HIT},
                {"misses", SSL_CTRL_SESS_MISSES},
                {"timeouts", SSL_CTRL_SESS_TIMEOUTS},
                {"cache_full", SSL_CTRL_SESS_CACHE_FULL}};
  Ref d = dict_new();
  for (const auto& s : kStats) {
    Ref v = int_from_int64(ctx_ctrl(as_ctx(self)->ctx, s.cmd, 0));
    dict_set_cstr(as_dict(d.get()), s.name, v.get());
  }
  return d;
}

bool session_none(Value session) {
  if (session && !is_none(session)) {
    raise(&exc_NotImplementedError, "TLS session reuse is not supported by minipy's _ssl");
    return false;
  }
  return true;
}

/// _wrap_socket(sock, server_side, server_hostname=None, *, owner=None, session=None)
Ref ctx_wrap_socket(Value self, NativeArgs& a) {
  if (!isinstance(a[0], &socket_type))
    return raise_fmt(&exc_TypeError,
                     "_wrap_socket() argument 'sock' must be _socket.socket, not {}",
                     type_name(a[0]));
  if (!session_none(a[4])) return Ref();
  return ssl_socket_new(as_ctx(self), a[0], a.flag(1), a[2], a[3], nullptr, nullptr);
}

/// _wrap_bio(incoming, outgoing, server_side, server_hostname=None, *, owner=None, session=None)
Ref ctx_wrap_bio(Value self, NativeArgs& a) {
  for (int i = 0; i < 2; i++) {
    if (!isinstance(a[i], &ssl_types().bio)) {
      return raise_fmt(&exc_TypeError, "_wrap_bio() argument '{}' must be _ssl.MemoryBIO, not {}",
                       i == 0 ? "incoming" : "outgoing", type_name(a[i]));
    }
  }
  if (!session_none(a[5])) return Ref();
  return ssl_socket_new(as_ctx(self), Value(), a.flag(2), a[3], a[4],
                        static_cast<MemoryBioObject*>(a[0].obj()),
                        static_cast<MemoryBioObject*>(a[1].obj()));
}

const NativeDef kContextMethods[] = {
    {"_wrap_socket($self, /, sock, server_side: bool, server_hostname=None, *, owner=None, "
     "session=None)",
     ctx_wrap_socket},
    {"_wrap_bio($self, /, incoming, outgoing, server_side: bool, server_hostname=None, *, "
     "owner=None, session=None)",
     ctx_wrap_bio},
    {"set_ciphers($self, cipherlist: str, /)", ctx_set_ciphers},
    {"_set_alpn_protocols($self, protos: buffer, /)", ctx_set_alpn_protocols},
    {"load_cert_chain($self, /, certfile, keyfile=None, password=None)", ctx_load_cert_chain},
    {"load_verify_locations($self, /, cafile=None, capath=None, cadata=None)",
     ctx_load_verify_locations},
    {"set_default_verify_paths($self, /)", ctx_set_default_verify_paths},
    {"load_dh_params($self, path, /)", ctx_load_dh_params},
    {"set_ecdh_curve($self, name, /)", ctx_set_ecdh_curve},
    {"cert_store_stats($self, /)", ctx_cert_store_stats},
    {"get_ca_certs($self, /, binary_form: bool=False)", ctx_get_ca_certs},
    {"session_stats($self, /)", ctx_session_stats},
};

}  // namespace

void ssl_context_type_init() {
  TypeObject& t = ssl_types().context;
  t.name = "_SSLContext";
  t.module = "_ssl";
  t.flags = kTypeBaseType | kTypeWeakrefable;
  t.basic_size = sizeof(SslContextObject);
  t.subclass_dict_offset = offsetof(SslContextObject, dict);
  t.dealloc = ctx_dealloc;
  t.traverse = ctx_traverse;
  t.clear = ctx_clear;
  t.new_ = ctx_new;
  type_ready(&t, &object_type);
  type_add_module_attr(&t);
  add_methods(&t, kContextMethods);
  add_getset(&t, "protocol", get_protocol);
  add_getset(&t, "options", get_options, set_options);
  add_getset(&t, "verify_mode", get_verify_mode, set_verify_mode);
  add_getset(&t, "check_hostname", get_check_hostname, set_check_hostname);
  add_getset(&t, "verify_flags", get_verify_flags, set_verify_flags);
  add_getset(&t, "minimum_version", get_minimum_version, set_minimum_version);
  add_getset(&t, "maximum_version", get_maximum_version, set_maximum_version);
  add_getset(&t, "security_level", get_security_level);
  add_getset(&t, "num_tickets", get_num_tickets, set_num_tickets);
  add_getset(&t, "_host_flags", get_host_flags, set_host_flags);
  add_getset(&t, "post_handshake_auth", get_post_handshake_auth, set_post_handshake_auth);
  add_getset(&t, "sni_callback", get_sni_callback, set_sni_callback);
  add_getset(&t, "keylog_filename", get_none, set_only_none);
  add_getset(&t, "_msg_callback", get_none, set_only_none);
}

}  // namespace minipy::lib
