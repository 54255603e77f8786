// _ssl: TLS over Debian's OpenSSL 3 (CPython's Modules/_ssl.c semantics), the native half of
// CPython's ssl.py: the module's constants, its exception classes and how OpenSSL's errors
// become them, certificate decoding (getpeercert, _test_decode_cert), RAND_*, txt2obj/nid2obj
// and get_default_verify_paths. libssl and libcrypto are opened on first import
// (stdlib/native/openssl_api.h). The types live in ssl_context.cpp and ssl_socket.cpp.
#include <arpa/inet.h>

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

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
#include "stdlib/native/native_args.h"
#include "stdlib/native/oserror.h"
#include "stdlib/native/ssl_module.h"

namespace minipy::lib {

using namespace rt;

SslExceptions g_ssl_exc;

namespace {

// CPython's PY_SSL_ERROR_* numbers (the errno of an SSLError; SSL_ERROR_* in the module).
enum SslErrno {
  kErrSsl = 1,
  kErrWantRead = 2,
  kErrWantWrite = 3,
  kErrWantX509Lookup = 4,
  kErrSyscall = 5,
  kErrZeroReturn = 6,
  kErrWantConnect = 7,
  kErrEof = 8,
  kErrInvalid = 10,
};

// The "(_ssl.c:N)" suffix CPython's messages carry (tests match it by pattern).
constexpr int kErrLine = 1;

struct LibName {
  int lib;
  const char* name;
};
// OpenSSL's library codes and their ERR_LIB_ names (SSLError.library).
const LibName kLibNames[] = {
    {ERR_LIB_NONE, "NONE"},
    {ERR_LIB_SYS, "SYS"},
    {ERR_LIB_BN, "BN"},
    {ERR_LIB_RSA, "RSA"},
    {ERR_LIB_DH, "DH"},
    {ERR_LIB_EVP, "EVP"},
    {ERR_LIB_BUF, "BUF"},
    {ERR_LIB_OBJ, "OBJ"},
    {ERR_LIB_PEM, "PEM"},
    {ERR_LIB_DSA, "DSA"},
    {ERR_LIB_X509, "X509"},
    {ERR_LIB_ASN1, "ASN1"},
    {ERR_LIB_CONF, "CONF"},
    {ERR_LIB_CRYPTO, "CRYPTO"},
    {ERR_LIB_EC, "EC"},
    {ERR_LIB_SSL, "SSL"},
    {ERR_LIB_BIO, "BIO"},
    {ERR_LIB_PKCS7, "PKCS7"},
    {ERR_LIB_X509V3, "X509V3"},
    {ERR_LIB_PKCS12, "PKCS12"},
    {ERR_LIB_RAND, "RAND"},
    {ERR_LIB_DSO, "DSO"},
    {ERR_LIB_ENGINE, "ENGINE"},
    {ERR_LIB_OCSP, "OCSP"},
    {ERR_LIB_UI, "UI"},
    {ERR_LIB_COMP, "COMP"},
    {ERR_LIB_ECDSA, "ECDSA"},
    {ERR_LIB_ECDH, "ECDH"},
    {ERR_LIB_OSSL_STORE, "OSSL_STORE"},
    {ERR_LIB_FIPS, "FIPS"},
    {ERR_LIB_CMS, "CMS"},
    {ERR_LIB_TS, "TS"},
    {ERR_LIB_HMAC, "HMAC"},
    {ERR_LIB_CT, "CT"},
    {ERR_LIB_ASYNC, "ASYNC"},
    {ERR_LIB_KDF, "KDF"},
    {ERR_LIB_SM2, "SM2"},
    {ERR_LIB_ESS, "ESS"},
    {ERR_LIB_PROP, "PROP"},
    {ERR_LIB_CRMF, "CRMF"},
    {ERR_LIB_PROV, "PROV"},
    {ERR_LIB_CMP, "CMP"},
    {ERR_LIB_OSSL_ENCODER, "OSSL_ENCODER"},
    {ERR_LIB_OSSL_DECODER, "OSSL_DECODER"},
    {ERR_LIB_HTTP, "HTTP"},
    {ERR_LIB_USER, "USER"},
};

const char* lib_name(int lib) {
  for (const LibName& l : kLibNames)
    if (l.lib == lib) return l.name;
  return nullptr;
}

/// The mnemonic of a reason ("CERTIFICATE_VERIFY_FAILED"): OpenSSL's reason text in upper case
/// with underscores, which is how its mnemonics are formed.
std::string reason_name(unsigned long e) {
  // Reasons shared by every library (ERR_R_PEM_LIB, ...) have no mnemonic of their own.
  if (ERR_SYSTEM_ERROR(e) || (ERR_GET_REASON(e) & ERR_RFLAG_COMMON) != 0) return {};
  const char* r = ossl::ERR_reason_error_string(e);
  if (r == nullptr) return {};
  std::string out;
  for (const char* p = r; *p; p++)
    out.push_back(*p == ' ' ? '_'
                            : static_cast<char>(std::toupper(static_cast<unsigned char>(*p))));
  return out;
}

/// CPython's fill_and_set_sslerror: builds `type(ssl_errno, msg)` with library/reason (and the
/// verification fields for SSLCertVerificationError) and raises it.
Ref fill_and_raise(SslSocketObject* s, TypeObject* type, int ssl_errno, const char* errstr,
                   unsigned long e) {
  std::string lib, reason;
  if (e != 0) {
    const char* l = lib_name(ERR_GET_LIB(e));
    if (l != nullptr) lib = l;
    reason = reason_name(e);
    if (errstr == nullptr) errstr = ossl::ERR_reason_error_string(e);
  }
  if (errstr == nullptr) errstr = "unknown error";
  Ref verify_code, verify_message;
  std::string verify_str;
  if (type == g_ssl_exc.cert_verification && s != nullptr && s->ssl != nullptr) {
    long code = ossl::SSL_get_verify_result(s->ssl);
    verify_code = int_from_int64(code);
    std::string host = s->server_hostname && is_str(s->server_hostname.get())
                           ? std::string(as_str(s->server_hostname.get())->view())
                           : std::string();
    if (code == X509_V_ERR_HOSTNAME_MISMATCH) {
      verify_str = fmt::format("Hostname mismatch, certificate is not valid for '{}'.", host);
    } else if (code == X509_V_ERR_IP_ADDRESS_MISMATCH) {
      verify_str = fmt::format("IP address mismatch, certificate is not valid for '{}'.", host);
    } else {
      const char* v = ossl::X509_verify_cert_error_string(code);
      verify_str = v != nullptr ? v : "";
    }
    verify_message = str_new(verify_str);
  }
  std::string msg;
  if (!verify_str.empty() && !reason.empty() && !lib.empty()) {
    msg = fmt::format("[{}: {}] {}: {} (_ssl.c:{})", lib, reason, errstr, verify_str, kErrLine);
  } else if (!reason.empty() && !lib.empty()) {
    msg = fmt::format("[{}: {}] {} (_ssl.c:{})", lib, reason, errstr, kErrLine);
  } else if (!lib.empty()) {
    msg = fmt::format("[{}] {} (_ssl.c:{})", lib, errstr, kErrLine);
  } else {
    msg = fmt::format("{} (_ssl.c:{})", errstr, kErrLine);
  }
  Ref code = Ref::small(ssl_errno);
  Ref text = str_new(msg);
  Value args[] = {code.get(), text.get()};
  Ref exc = call(Value(type), args, 2);
  if (!exc) return Ref();
  Ref reason_v = reason.empty() ? none_ref() : str_new(reason);
  Ref lib_v = lib.empty() ? none_ref() : str_new(lib);
  if (!setattr(exc.get(), intern("reason"), reason_v.get()) ||
      !setattr(exc.get(), intern("library"), lib_v.get())) {
    return Ref();
  }
  if (verify_code) {
    if (!setattr(exc.get(), intern("verify_code"), verify_code.get()) ||
        !setattr(exc.get(), intern("verify_message"), verify_message.get())) {
      return Ref();
    }
  }
  return set_exception(std::move(exc));
}

}  // namespace

Ref raise_ssl_error(const char* msg) {
  // CPython's _setSSLError: a message of our own stands alone (no library, errno 0); else the
  // last queued error speaks, its reason code as errno.
  unsigned long e = msg != nullptr ? 0 : ossl::ERR_peek_last_error();
  Ref r = fill_and_raise(nullptr, g_ssl_exc.error, static_cast<int>(ERR_GET_REASON(e)), msg, e);
  ossl::ERR_clear_error();
  return r;
}

Ref raise_ssl_call_error(SslSocketObject* s, int ret, int err, unsigned long e, int sys_errno) {
  TypeObject* type = g_ssl_exc.error;
  const char* errstr = nullptr;
  int p = kErrSsl;
  switch (err) {
    case SSL_ERROR_ZERO_RETURN:
      errstr = "TLS/SSL connection has been closed (EOF)";
      type = g_ssl_exc.zero_return;
      p = kErrZeroReturn;
      break;
    case SSL_ERROR_WANT_READ:
      errstr = "The operation did not complete (read)";
      type = g_ssl_exc.want_read;
      p = kErrWantRead;
      break;
    case SSL_ERROR_WANT_WRITE:
      errstr = "The operation did not complete (write)";
      type = g_ssl_exc.want_write;
      p = kErrWantWrite;
      break;
    case SSL_ERROR_WANT_X509_LOOKUP:
      errstr = "The operation did not complete (X509 lookup)";
      p = kErrWantX509Lookup;
      break;
    case SSL_ERROR_WANT_CONNECT:
      errstr = "The operation did not complete (connect)";
      p = kErrWantConnect;
      break;
    case SSL_ERROR_SYSCALL:
      if (e == 0) {
        if (ret == 0 || s == nullptr || !s->sock) {
          p = kErrEof;
          type = g_ssl_exc.eof;
          errstr = "EOF occurred in violation of protocol";
        } else if (ret == -1 && sys_errno != 0) {
          ossl::ERR_clear_error();
          return raise_os_error(sys_errno, Value());
        } else {
          p = kErrSyscall;
          type = g_ssl_exc.syscall;
          errstr = "Some I/O error occurred";
        }
      } else {
        p = kErrSyscall;
      }
      break;
    case SSL_ERROR_SSL:
      p = kErrSsl;
      if (e == 0) errstr = "A failure in the SSL library occurred";
      if (ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_CERTIFICATE_VERIFY_FAILED)
        type = g_ssl_exc.cert_verification;
      if (ERR_GET_LIB(e) == ERR_LIB_SSL &&
          ERR_GET_REASON(e) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
        p = kErrEof;
        type = g_ssl_exc.eof;
        errstr = "EOF occurred in violation of protocol";
      }
      break;
    default:
      p = kErrInvalid;
      errstr = "Invalid error code";
      break;
  }
  Ref r = fill_and_raise(s, type, p, errstr, e);
  ossl::ERR_clear_error();
  return r;
}

// ---------------------------------------------------------------- certificate decoding

namespace {

Ref asn1_text(ASN1_STRING* v) {
  unsigned char* utf8 = nullptr;
  int n = ossl::ASN1_STRING_to_UTF8(&utf8, v);
  if (n < 0) return raise_ssl_error();
  Ref b = bytes_new(std::string_view(reinterpret_cast<char*>(utf8), static_cast<size_t>(n)));
  ossl::CRYPTO_free(utf8, OPENSSL_FILE, OPENSSL_LINE);
  Ref errors = str_new("replace");  // a malformed certificate string must not fail getpeercert
  return bytes_decode_to_str(b.get(), Value(), errors.get());
}

Ref object_name(ASN1_OBJECT* obj, bool no_name) {
  char buf[256];
  int n = ossl::OBJ_obj2txt(buf, sizeof(buf), obj, no_name ? 1 : 0);
  if (n < 0) return raise_ssl_error();
  if (static_cast<size_t>(n) >= sizeof(buf)) {
    std::string big(static_cast<size_t>(n) + 1, '\0');
    ossl::OBJ_obj2txt(big.data(), n + 1, obj, no_name ? 1 : 0);
    big.resize(static_cast<size_t>(n));
    return str_new(big);
  }
  return str_new(std::string_view(buf, static_cast<size_t>(n)));
}

/// A name as CPython's _create_tuple_for_X509_NAME: a tuple of RDNs, each a tuple of
/// (attribute name, value) pairs.
Ref tuple_of_refs(const std::vector<Ref>& items) {
  std::vector<Value> v;
  for (const Ref& r : items) v.push_back(r.get());
  return tuple_from(v.data(), v.size());
}

Ref decode_name(X509_NAME* name) {
  std::vector<Ref> rdns, rdn;
  int last_set = -1;
  int n = ossl::X509_NAME_entry_count(name);
  for (int i = 0; i < n; i++) {
    X509_NAME_ENTRY* entry = ossl::X509_NAME_get_entry(name, i);
    int set = ossl::X509_NAME_ENTRY_set(entry);
    if (set != last_set && !rdn.empty()) {
      rdns.push_back(tuple_of_refs(rdn));
      rdn.clear();
    }
    last_set = set;
    Ref key = object_name(ossl::X509_NAME_ENTRY_get_object(entry), false);
    if (!key) return Ref();
    Ref value = asn1_text(ossl::X509_NAME_ENTRY_get_data(entry));
    if (!value) return Ref();
    rdn.push_back(tuple_of({key.get(), value.get()}));
  }
  if (!rdn.empty()) rdns.push_back(tuple_of_refs(rdn));
  return tuple_of_refs(rdns);
}

Ref ip_text(const ASN1_OCTET_STRING* ip) {
  const unsigned char* p = ossl::ASN1_STRING_get0_data(ip);
  int len = ossl::ASN1_STRING_length(ip);
  if (len == 4) return str_new(fmt::format("{}.{}.{}.{}", p[0], p[1], p[2], p[3]));
  if (len == 16) {
    // CPython writes each of the eight groups in upper-case hex, without "::" compression.
    std::string s;
    for (int i = 0; i < 16; i += 2) {
      if (i) s.push_back(':');
      s += fmt::format("{:X}", (p[i] << 8) | p[i + 1]);
    }
    return str_new(s);
  }
  return str_new("<invalid>");
}

/// subjectAltName as CPython's _get_peer_alt_names; None when the extension is absent.
Ref decode_alt_names(X509* cert) {
  auto* names = static_cast<GENERAL_NAMES*>(
      ossl::X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return none_ref();
  std::vector<Ref> out;
  int n = ossl::OPENSSL_sk_num(reinterpret_cast<const OPENSSL_STACK*>(names));
  bool ok = true;
  for (int i = 0; i < n && ok; i++) {
    auto* g = static_cast<GENERAL_NAME*>(
        ossl::OPENSSL_sk_value(reinterpret_cast<const OPENSSL_STACK*>(names), i));
    const char* kind = nullptr;
    Ref value;
    switch (g->type) {
      case GEN_DNS:
        kind = "DNS";
        value = asn1_text(g->d.dNSName);
        break;
      case GEN_EMAIL:
        kind = "email";
        value = asn1_text(g->d.rfc822Name);
        break;
      case GEN_URI:
        kind = "URI";
        value = asn1_text(g->d.uniformResourceIdentifier);
        break;
      case GEN_IPADD:
        kind = "IP Address";
        value = ip_text(g->d.iPAddress);
        break;
      case GEN_DIRNAME:
        kind = "DirName";
        value = decode_name(g->d.directoryName);
        break;
      case GEN_RID:
        kind = "Registered ID";
        value = object_name(g->d.registeredID, true);
        break;
      case GEN_OTHERNAME:
        kind = "othername";
        value = str_new("<unsupported>");
        break;
      case GEN_X400:
        kind = "X400Name";
        value = str_new("<unsupported>");
        break;
      case GEN_EDIPARTY:
        kind = "EdiPartyName";
        value = str_new("<unsupported>");
        break;
      default:
        continue;
    }
    if (!value) {
      ok = false;
      break;
    }
    Ref k = str_new(kind);
    out.push_back(tuple_of({k.get(), value.get()}));
  }
  ossl::GENERAL_NAMES_free(names);
  if (!ok) return Ref();
  return tuple_of_refs(out);
}

/// An IA5String URI as str (CPython takes its bytes as they are).
Ref uri_text(const ASN1_STRING* uri) {
  Ref b =
      bytes_new(std::string_view(reinterpret_cast<const char*>(ossl::ASN1_STRING_get0_data(uri)),
                                 static_cast<size_t>(ossl::ASN1_STRING_length(uri))));
  Ref errors = str_new("replace");
  return bytes_decode_to_str(b.get(), Value(), errors.get());
}

/// The URIs of the Authority Information Access entries of method `nid` (OCSP, caIssuers),
/// as CPython's _get_aia_uri; None when there are none.
Ref decode_aia(X509* cert, int nid) {
  auto* info = static_cast<AUTHORITY_INFO_ACCESS*>(
      ossl::X509_get_ext_d2i(cert, NID_info_access, nullptr, nullptr));
  if (info == nullptr) return none_ref();
  const auto* stack = reinterpret_cast<const OPENSSL_STACK*>(info);
  std::vector<Ref> uris;
  int n = ossl::OPENSSL_sk_num(stack);
  for (int i = 0; i < n; i++) {
    auto* ad = static_cast<ACCESS_DESCRIPTION*>(ossl::OPENSSL_sk_value(stack, i));
    if (ossl::OBJ_obj2nid(ad->method) != nid || ad->location->type != GEN_URI) continue;
    Ref u = uri_text(ad->location->d.uniformResourceIdentifier);
    if (!u) break;
    uris.push_back(std::move(u));
  }
  ossl::AUTHORITY_INFO_ACCESS_free(info);
  if (error_pending()) return Ref();
  if (uris.empty()) return none_ref();
  return tuple_of_refs(uris);
}

/// The URIs of the CRL distribution points (CPython's _get_crl_dp); None when there are none.
Ref decode_crl_dp(X509* cert) {
  auto* dps = static_cast<CRL_DIST_POINTS*>(
      ossl::X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr));
  if (dps == nullptr) return none_ref();
  const auto* stack = reinterpret_cast<const OPENSSL_STACK*>(dps);
  std::vector<Ref> uris;
  int n = ossl::OPENSSL_sk_num(stack);
  for (int i = 0; i < n && !error_pending(); i++) {
    auto* dp = static_cast<DIST_POINT*>(ossl::OPENSSL_sk_value(stack, i));
    if (dp->distpoint == nullptr || dp->distpoint->type != 0) continue;  // 0: fullName
    const auto* names = reinterpret_cast<const OPENSSL_STACK*>(dp->distpoint->name.fullname);
    int m = ossl::OPENSSL_sk_num(names);
    for (int j = 0; j < m; j++) {
      auto* g = static_cast<GENERAL_NAME*>(ossl::OPENSSL_sk_value(names, j));
      if (g->type != GEN_URI) continue;
      Ref u = uri_text(g->d.uniformResourceIdentifier);
      if (!u) break;
      uris.push_back(std::move(u));
    }
  }
  ossl::CRL_DIST_POINTS_free(dps);
  if (error_pending()) return Ref();
  if (uris.empty()) return none_ref();
  return tuple_of_refs(uris);
}

/// ASN1_TIME_print's text ("Aug 26 14:23:15 2028 GMT").
Ref time_text(const ASN1_TIME* t) {
  BIO* bio = ossl::BIO_new(ossl::BIO_s_mem());
  if (bio == nullptr) return raise_ssl_error();
  ossl::ASN1_TIME_print(bio, t);
  char buf[128];
  int n = ossl::BIO_read(bio, buf, sizeof(buf));
  ossl::BIO_free(bio);
  if (n < 0) return raise_ssl_error();
  return str_new(std::string_view(buf, static_cast<size_t>(n)));
}

bool set_item(DictObject* d, const char* key, Ref v) {
  if (!v) return false;
  return dict_set_cstr(d, key, v.get());
}

}  // namespace

Ref decode_certificate(X509* cert) {
  Ref d = dict_new();
  DictObject* dict = as_dict(d.get());
  if (!set_item(dict, "subject", decode_name(ossl::X509_get_subject_name(cert))) ||
      !set_item(dict, "issuer", decode_name(ossl::X509_get_issuer_name(cert))) ||
      !set_item(dict, "version", int_from_int64(ossl::X509_get_version(cert) + 1))) {
    return Ref();
  }
  BIGNUM* bn = ossl::ASN1_INTEGER_to_BN(ossl::X509_get_serialNumber(cert), nullptr);
  if (bn == nullptr) return raise_ssl_error();
  char* hex = ossl::BN_bn2hex(bn);
  ossl::BN_free(bn);
  if (hex == nullptr) return raise_ssl_error();
  std::string serial(hex);
  ossl::CRYPTO_free(hex, OPENSSL_FILE, OPENSSL_LINE);
  if (serial.size() % 2) serial.insert(serial.begin(), '0');  // i2a_ASN1_INTEGER's whole bytes
  if (!set_item(dict, "serialNumber", str_new(serial)) ||
      !set_item(dict, "notBefore", time_text(ossl::X509_get0_notBefore(cert))) ||
      !set_item(dict, "notAfter", time_text(ossl::X509_get0_notAfter(cert)))) {
    return Ref();
  }
  Ref alt = decode_alt_names(cert);
  if (!alt) return Ref();
  if (!is_none(alt.get()) && !dict_set_cstr(dict, "subjectAltName", alt.get())) return Ref();
  struct Optional {
    const char* key;
    Ref value;
  } extra[] = {{"OCSP", decode_aia(cert, NID_ad_OCSP)},
               {"caIssuers", decode_aia(cert, NID_ad_ca_issuers)},
               {"crlDistributionPoints", decode_crl_dp(cert)}};
  for (Optional& o : extra) {
    if (!o.value) return Ref();
    if (!is_none(o.value.get()) && !dict_set_cstr(dict, o.key, o.value.get())) return Ref();
  }
  return d;
}

Ref certificate_der(X509* cert) {
  unsigned char* der = nullptr;
  int n = ossl::i2d_X509(cert, &der);
  if (n < 0) return raise_ssl_error();
  Ref b = bytes_new(std::string_view(reinterpret_cast<char*>(der), static_cast<size_t>(n)));
  ossl::CRYPTO_free(der, OPENSSL_FILE, OPENSSL_LINE);
  return b;
}

namespace {

// ---------------------------------------------------------------- module functions

/// _test_decode_cert(path): the dict of the first PEM certificate in a file.
Ref ssl_test_decode_cert(Value, NativeArgs& a) {
  std::string path;
  if (!fs_encoded_arg(a[0], &path)) return Ref();
  BIO* bio = ossl::BIO_new_file(path.c_str(), "rb");
  if (bio == nullptr) return raise(g_ssl_exc.error, "Can't open file");
  X509* cert = ossl::PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  ossl::BIO_free(bio);
  if (cert == nullptr) return raise(g_ssl_exc.error, "Error decoding PEM-encoded file");
  Ref r = decode_certificate(cert);
  ossl::X509_free(cert);
  return r;
}

Ref ssl_rand_bytes(Value, NativeArgs& a) {
  int64_t n = a.i64(0);
  if (n < 0) return raise(&exc_ValueError, "num must be positive");
  if (n > INT_MAX) return raise(&exc_OverflowError, "num must fit in a C int");
  std::string out(static_cast<size_t>(n), '\0');
  if (ossl::RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
    return raise_ssl_error();
  return bytes_new(out);
}

Ref ssl_rand_pseudo_bytes(Value, NativeArgs& a) {
  Ref b = ssl_rand_bytes(Value(), a);
  if (!b) return Ref();
  return tuple_of({b.get(), True()});
}

Ref ssl_rand_status(Value, NativeArgs&) { return bool_ref(ossl::RAND_status() == 1); }

Ref ssl_rand_add(Value, NativeArgs& a) {
  std::string_view data;
  std::string keep;
  if (is_str(a[0])) {
    data = as_str(a[0])->view();
  } else if (!buffer_view_or_raise(a[0], &data)) {
    return Ref();
  }
  ossl::RAND_add(data.data(), static_cast<int>(std::min<size_t>(data.size(), INT_MAX)), a.f64(1));
  return none_ref();
}

/// (nid, shortname, longname, oid) for an object (CPython's asn1obj2py).
Ref object_tuple(ASN1_OBJECT* obj) {
  int nid = ossl::OBJ_obj2nid(obj);
  if (nid == NID_undef) return raise_fmt(&exc_ValueError, "Unknown object");
  const char* sn = ossl::OBJ_nid2sn(nid);
  const char* ln = ossl::OBJ_nid2ln(nid);
  Ref oid = object_name(obj, true);
  if (!oid) return Ref();
  Ref nid_v = int_from_int64(nid);
  Ref sn_v = sn ? str_new(sn) : none_ref();
  Ref ln_v = ln ? str_new(ln) : none_ref();
  return tuple_of({nid_v.get(), sn_v.get(), ln_v.get(), oid.get()});
}

Ref ssl_txt2obj(Value, NativeArgs& a) {
  std::string txt(a.str(0));
  // name=False accepts only a dotted OID (OpenSSL's no_name = 1).
  ASN1_OBJECT* obj = ossl::OBJ_txt2obj(txt.c_str(), a.flag(1) ? 0 : 1);
  if (obj == nullptr) return raise_fmt(&exc_ValueError, "unknown object '{}'", txt);
  Ref r = object_tuple(obj);
  ossl::ASN1_OBJECT_free(obj);
  return r;
}

Ref ssl_nid2obj(Value, NativeArgs& a) {
  int64_t nid = a.i64(0);
  if (nid < NID_undef) return raise(&exc_ValueError, "NID must be positive.");
  ASN1_OBJECT* obj = nid > INT_MAX ? nullptr : ossl::OBJ_nid2obj(static_cast<int>(nid));
  if (obj == nullptr) return raise_fmt(&exc_ValueError, "unknown NID {}", nid);
  Ref r = object_tuple(obj);
  ossl::ASN1_OBJECT_free(obj);
  return r;
}

Ref ssl_get_default_verify_paths(Value, NativeArgs&) {
  const char* items[] = {ossl::X509_get_default_cert_file_env(), ossl::X509_get_default_cert_file(),
                         ossl::X509_get_default_cert_dir_env(), ossl::X509_get_default_cert_dir()};
  Ref v[4];
  for (int i = 0; i < 4; i++) v[i] = items[i] ? str_new(items[i]) : none_ref();
  return tuple_of({v[0].get(), v[1].get(), v[2].get(), v[3].get()});
}

const NativeDef kSslFunctions[] = {
    {"_test_decode_cert($module, path, /)", ssl_test_decode_cert},
    {"RAND_add($module, string, entropy: double, /)", ssl_rand_add},
    {"RAND_bytes($module, n: ssize_t, /)", ssl_rand_bytes},
    {"RAND_pseudo_bytes($module, n: ssize_t, /)", ssl_rand_pseudo_bytes},
    {"RAND_status($module, /)", ssl_rand_status},
    {"txt2obj($module, /, txt: str, name: bool=False)", ssl_txt2obj},
    {"nid2obj($module, nid: ssize_t, /)", ssl_nid2obj},
    {"get_default_verify_paths($module, /)", ssl_get_default_verify_paths},
};

// ---------------------------------------------------------------- exception classes

/// SSLError.__str__: the message (strerror) when there is one, else str(args).
Ref ssl_error_str(Value self, NativeArgs&) {
  Value strerror = exc_field(self, "strerror");
  if (strerror && is_str(strerror)) return Ref::new_ref(strerror);
  Ref args = getattr(self, "args");
  if (!args) return Ref();
  return to_str(args.get());
}

const NativeDef kSslErrorMethods[] = {
    {"__str__($self, /)", ssl_error_str},
};

Ref make_class(const char* name, std::initializer_list<Value> bases) {
  Ref ns = dict_new();
  Ref mod = str_new("ssl");
  if (!dict_set_cstr(as_dict(ns.get()), "__module__", mod.get())) return Ref();
  Ref b = tuple_of(bases);
  Ref n = str_new(name);
  return type_new_class(&type_type, as_str(n.get()), as_tuple(b.get()), as_dict(ns.get()));
}

bool make_exceptions() {
  if (g_ssl_exc.error != nullptr) return true;
  Ref err = make_class("SSLError", {Value(&exc_OSError)});
  if (!err) return false;
  auto* t = static_cast<TypeObject*>(err.get().obj());
  add_methods(t, kSslErrorMethods);
  // Setting the attribute again installs the str slot (a dunder set on a class fixes slots up).
  Ref descr = getattr(err.get(), "__str__");
  if (!descr || !setattr(err.get(), intern("__str__"), descr.get())) return false;
  Ref zero = make_class("SSLZeroReturnError", {err.get()});
  Ref want_read = make_class("SSLWantReadError", {err.get()});
  Ref want_write = make_class("SSLWantWriteError", {err.get()});
  Ref syscall = make_class("SSLSyscallError", {err.get()});
  Ref eof = make_class("SSLEOFError", {err.get()});
  Ref verify = make_class("SSLCertVerificationError", {err.get(), Value(&exc_ValueError)});
  if (!zero || !want_read || !want_write || !syscall || !eof || !verify) return false;
  // The classes live as long as the process: their references are kept here.
  auto keep = [](Ref& r) { return static_cast<TypeObject*>(r.release().obj()); };
  g_ssl_exc.error = keep(err);
  g_ssl_exc.zero_return = keep(zero);
  g_ssl_exc.want_read = keep(want_read);
  g_ssl_exc.want_write = keep(want_write);
  g_ssl_exc.syscall = keep(syscall);
  g_ssl_exc.eof = keep(eof);
  g_ssl_exc.cert_verification = keep(verify);
  return true;
}

// ---------------------------------------------------------------- constants

struct IntConst {
  const char* name;
  int64_t value;
};

const IntConst kConstants[] = {
    {"SSL_ERROR_ZERO_RETURN", kErrZeroReturn},
    {"SSL_ERROR_WANT_READ", kErrWantRead},
    {"SSL_ERROR_WANT_WRITE", kErrWantWrite},
    {"SSL_ERROR_WANT_X509_LOOKUP", kErrWantX509Lookup},
    {"SSL_ERROR_SYSCALL", kErrSyscall},
    {"SSL_ERROR_SSL", kErrSsl},
    {"SSL_ERROR_WANT_CONNECT", kErrWantConnect},
    {"SSL_ERROR_EOF", kErrEof},
    {"SSL_ERROR_INVALID_ERROR_CODE", kErrInvalid},
    {"CERT_NONE", 0},
    {"CERT_OPTIONAL", 1},
    {"CERT_REQUIRED", 2},
    {"VERIFY_DEFAULT", 0},
    {"VERIFY_CRL_CHECK_LEAF", X509_V_FLAG_CRL_CHECK},
    {"VERIFY_CRL_CHECK_CHAIN", X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL},
    {"VERIFY_X509_STRICT", X509_V_FLAG_X509_STRICT},
    {"VERIFY_ALLOW_PROXY_CERTS", X509_V_FLAG_ALLOW_PROXY_CERTS},
    {"VERIFY_X509_TRUSTED_FIRST", X509_V_FLAG_TRUSTED_FIRST},
    {"VERIFY_X509_PARTIAL_CHAIN", X509_V_FLAG_PARTIAL_CHAIN},
    {"ALERT_DESCRIPTION_CLOSE_NOTIFY", SSL_AD_CLOSE_NOTIFY},
    {"ALERT_DESCRIPTION_UNEXPECTED_MESSAGE", SSL_AD_UNEXPECTED_MESSAGE},
    {"ALERT_DESCRIPTION_BAD_RECORD_MAC", SSL_AD_BAD_RECORD_MAC},
    {"ALERT_DESCRIPTION_RECORD_OVERFLOW", SSL_AD_RECORD_OVERFLOW},
    {"ALERT_DESCRIPTION_DECOMPRESSION_FAILURE", SSL_AD_DECOMPRESSION_FAILURE},
    {"ALERT_DESCRIPTION_HANDSHAKE_FAILURE", SSL_AD_HANDSHAKE_FAILURE},
    {"ALERT_DESCRIPTION_BAD_CERTIFICATE", SSL_AD_BAD_CERTIFICATE},
    {"ALERT_DESCRIPTION_UNSUPPORTED_CERTIFICATE", SSL_AD_UNSUPPORTED_CERTIFICATE},
    {"ALERT_DESCRIPTION_CERTIFICATE_REVOKED", SSL_AD_CERTIFICATE_REVOKED},
    {"ALERT_DESCRIPTION_CERTIFICATE_EXPIRED", SSL_AD_CERTIFICATE_EXPIRED},
    {"ALERT_DESCRIPTION_CERTIFICATE_UNKNOWN", SSL_AD_CERTIFICATE_UNKNOWN},
    {"ALERT_DESCRIPTION_ILLEGAL_PARAMETER", SSL_AD_ILLEGAL_PARAMETER},
    {"ALERT_DESCRIPTION_UNKNOWN_CA", SSL_AD_UNKNOWN_CA},
    {"ALERT_DESCRIPTION_ACCESS_DENIED", SSL_AD_ACCESS_DENIED},
    {"ALERT_DESCRIPTION_DECODE_ERROR", SSL_AD_DECODE_ERROR},
    {"ALERT_DESCRIPTION_DECRYPT_ERROR", SSL_AD_DECRYPT_ERROR},
    {"ALERT_DESCRIPTION_PROTOCOL_VERSION", SSL_AD_PROTOCOL_VERSION},
    {"ALERT_DESCRIPTION_INSUFFICIENT_SECURITY", SSL_AD_INSUFFICIENT_SECURITY},
    {"ALERT_DESCRIPTION_INTERNAL_ERROR", SSL_AD_INTERNAL_ERROR},
    {"ALERT_DESCRIPTION_USER_CANCELLED", SSL_AD_USER_CANCELLED},
    {"ALERT_DESCRIPTION_NO_RENEGOTIATION", SSL_AD_NO_RENEGOTIATION},
    {"ALERT_DESCRIPTION_UNSUPPORTED_EXTENSION", SSL_AD_UNSUPPORTED_EXTENSION},
    {"ALERT_DESCRIPTION_CERTIFICATE_UNOBTAINABLE", SSL_AD_CERTIFICATE_UNOBTAINABLE},
    {"ALERT_DESCRIPTION_UNRECOGNIZED_NAME", SSL_AD_UNRECOGNIZED_NAME},
    {"ALERT_DESCRIPTION_BAD_CERTIFICATE_STATUS_RESPONSE", SSL_AD_BAD_CERTIFICATE_STATUS_RESPONSE},
    {"ALERT_DESCRIPTION_BAD_CERTIFICATE_HASH_VALUE", SSL_AD_BAD_CERTIFICATE_HASH_VALUE},
    {"ALERT_DESCRIPTION_UNKNOWN_PSK_IDENTITY", SSL_AD_UNKNOWN_PSK_IDENTITY},
    // CPython's py_ssl_version numbers.
    {"PROTOCOL_SSLv23", 2},
    {"PROTOCOL_TLS", 2},
    {"PROTOCOL_TLS_CLIENT", 0x10},
    {"PROTOCOL_TLS_SERVER", 0x11},
    {"PROTOCOL_TLSv1", 3},
    {"PROTOCOL_TLSv1_1", 4},
    {"PROTOCOL_TLSv1_2", 5},
    {"OP_ALL", static_cast<int64_t>(SSL_OP_ALL & ~SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS)},
    {"OP_NO_SSLv2", static_cast<int64_t>(SSL_OP_NO_SSLv2)},
    {"OP_NO_SSLv3", static_cast<int64_t>(SSL_OP_NO_SSLv3)},
    {"OP_NO_TLSv1", static_cast<int64_t>(SSL_OP_NO_TLSv1)},
    {"OP_NO_TLSv1_1", static_cast<int64_t>(SSL_OP_NO_TLSv1_1)},
    {"OP_NO_TLSv1_2", static_cast<int64_t>(SSL_OP_NO_TLSv1_2)},
    {"OP_NO_TLSv1_3", static_cast<int64_t>(SSL_OP_NO_TLSv1_3)},
    {"OP_CIPHER_SERVER_PREFERENCE", static_cast<int64_t>(SSL_OP_CIPHER_SERVER_PREFERENCE)},
    {"OP_SINGLE_DH_USE", static_cast<int64_t>(SSL_OP_SINGLE_DH_USE)},
    {"OP_NO_TICKET", static_cast<int64_t>(SSL_OP_NO_TICKET)},
    {"OP_SINGLE_ECDH_USE", static_cast<int64_t>(SSL_OP_SINGLE_ECDH_USE)},
    {"OP_NO_COMPRESSION", static_cast<int64_t>(SSL_OP_NO_COMPRESSION)},
    {"OP_ENABLE_MIDDLEBOX_COMPAT", static_cast<int64_t>(SSL_OP_ENABLE_MIDDLEBOX_COMPAT)},
    {"OP_NO_RENEGOTIATION", static_cast<int64_t>(SSL_OP_NO_RENEGOTIATION)},
    {"OP_IGNORE_UNEXPECTED_EOF", static_cast<int64_t>(SSL_OP_IGNORE_UNEXPECTED_EOF)},
    {"HOSTFLAG_ALWAYS_CHECK_SUBJECT", X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT},
    {"HOSTFLAG_NEVER_CHECK_SUBJECT", X509_CHECK_FLAG_NEVER_CHECK_SUBJECT},
    {"HOSTFLAG_NO_WILDCARDS", X509_CHECK_FLAG_NO_WILDCARDS},
    {"HOSTFLAG_NO_PARTIAL_WILDCARDS", X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS},
    {"HOSTFLAG_MULTI_LABEL_WILDCARDS", X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS},
    {"HOSTFLAG_SINGLE_LABEL_SUBDOMAINS", X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS},
    {"PROTO_MINIMUM_SUPPORTED", -2},
    {"PROTO_MAXIMUM_SUPPORTED", -1},
    {"PROTO_SSLv3", SSL3_VERSION},
    {"PROTO_TLSv1", TLS1_VERSION},
    {"PROTO_TLSv1_1", TLS1_1_VERSION},
    {"PROTO_TLSv1_2", TLS1_2_VERSION},
    {"PROTO_TLSv1_3", TLS1_3_VERSION},
    {"ENCODING_PEM", 1},
    {"ENCODING_DER", 2},
};

struct BoolConst {
  const char* name;
  bool value;
};
const BoolConst kFlags[] = {
    {"HAS_SNI", true},     {"HAS_TLS_UNIQUE", true}, {"HAS_ECDH", true},    {"HAS_NPN", false},
    {"HAS_ALPN", true},    {"HAS_SSLv2", false},     {"HAS_SSLv3", false},  {"HAS_TLSv1", true},
    {"HAS_TLSv1_1", true}, {"HAS_TLSv1_2", true},    {"HAS_TLSv1_3", true},
};

/// CPython's cipher string (PY_SSL_DEFAULT_CIPHER_STRING's default selection).
constexpr const char* kDefaultCiphers =
    "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM";

/// (major, minor, fix, patch, status) of an OpenSSL 3 version number.
Ref version_info(unsigned long l) {
  int64_t status = l & 0xF;
  l >>= 4;
  int64_t patch = l & 0xFF;
  l >>= 8;
  int64_t fix = l & 0xFF;
  l >>= 8;
  int64_t minor = l & 0xFF;
  l >>= 8;
  int64_t major = l & 0xFF;
  Ref v[5] = {int_from_int64(major), int_from_int64(minor), int_from_int64(fix),
              int_from_int64(patch), int_from_int64(status)};
  return tuple_of({v[0].get(), v[1].get(), v[2].get(), v[3].get(), v[4].get()});
}

bool add_constants(DictObject* ns) {
  for (const IntConst& c : kConstants) {
    Ref v = int_from_int64(c.value);
    if (!dict_set_cstr(ns, c.name, v.get())) return false;
  }
  for (const BoolConst& c : kFlags) dict_set_cstr(ns, c.name, Bool(c.value));
  unsigned long num = ossl::OpenSSL_version_num();
  Ref n = int_from_int64(static_cast<int64_t>(num));
  Ref text = str_new(ossl::OpenSSL_version(OPENSSL_VERSION));
  Ref info = version_info(num);
  Ref api = version_info(OPENSSL_VERSION_NUMBER);
  Ref ciphers = str_new(kDefaultCiphers);
  dict_set_cstr(ns, "OPENSSL_VERSION_NUMBER", n.get());
  dict_set_cstr(ns, "OPENSSL_VERSION", text.get());
  dict_set_cstr(ns, "OPENSSL_VERSION_INFO", info.get());
  dict_set_cstr(ns, "_OPENSSL_API_VERSION", api.get());
  dict_set_cstr(ns, "_DEFAULT_CIPHERS", ciphers.get());
  Ref libs = dict_new();
  for (const LibName& l : kLibNames) {
    Ref k = int_from_int64(l.lib);
    Ref v = str_new(l.name);
    if (!dict_set(as_dict(libs.get()), k.get(), v.get())) return false;
  }
  dict_set_cstr(ns, "lib_codes_to_names", libs.get());
  Ref e1 = dict_new();
  Ref e2 = dict_new();
  dict_set_cstr(ns, "err_codes_to_names", e1.get());
  dict_set_cstr(ns, "err_names_to_codes", e2.get());
  return true;
}

}  // namespace

bool init__ssl(Value module, DictObject* ns) {
  if (!ossl::load(ossl::Library::ssl)) return false;  // the libraries are opened here
  static bool types_ready = false;
  if (!types_ready) {
    types_ready = true;
    ssl_context_type_init();
    ssl_socket_types_init();
    ssl_certificate_type_init();
  }
  if (!make_exceptions()) return false;
  dict_set_cstr(ns, "SSLError", Value(g_ssl_exc.error));
  dict_set_cstr(ns, "SSLZeroReturnError", Value(g_ssl_exc.zero_return));
  dict_set_cstr(ns, "SSLWantReadError", Value(g_ssl_exc.want_read));
  dict_set_cstr(ns, "SSLWantWriteError", Value(g_ssl_exc.want_write));
  dict_set_cstr(ns, "SSLSyscallError", Value(g_ssl_exc.syscall));
  dict_set_cstr(ns, "SSLEOFError", Value(g_ssl_exc.eof));
  dict_set_cstr(ns, "SSLCertVerificationError", Value(g_ssl_exc.cert_verification));
  dict_set_cstr(ns, "_SSLContext", Value(&ssl_types().context));
  dict_set_cstr(ns, "_SSLSocket", Value(&ssl_types().socket));
  dict_set_cstr(ns, "MemoryBIO", Value(&ssl_types().bio));
  dict_set_cstr(ns, "SSLSession", Value(&ssl_types().session));
  dict_set_cstr(ns, "Certificate", Value(&ssl_types().certificate));
  add_functions(ns, module, kSslFunctions);
  return add_constants(ns);
}

}  // namespace minipy::lib
