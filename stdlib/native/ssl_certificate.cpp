// _ssl.Certificate (CPython's Modules/_ssl/cert.c): one X509 certificate of a verified or
// unverified peer chain, with get_info() (getpeercert's dict), public_bytes() (PEM text or DER
// bytes), equality, hash and a repr naming its subject.
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "stdlib/native/ssl_module.h"

namespace minipy::lib {

using namespace rt;

namespace {

constexpr int kEncodingPem = 1;  // _ssl.ENCODING_PEM / ENCODING_DER
constexpr int kEncodingDer = 2;

struct CertificateObject : Object {
  X509* cert = nullptr;
};

X509* cert_of(Value v) { return static_cast<CertificateObject*>(v.obj())->cert; }

void cert_dealloc(Object* o) {
  auto* c = static_cast<CertificateObject*>(o);
  if (c->cert != nullptr) ossl::X509_free(c->cert);
  delete c;
}

/// The text a memory BIO collected.
std::string bio_text(BIO* bio) {
  std::string out;
  char buf[4096];
  int n;
  while ((n = ossl::BIO_read(bio, buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

Ref cert_get_info(Value self, NativeArgs&) { return decode_certificate(cert_of(self)); }

Ref cert_public_bytes(Value self, NativeArgs& a) {
  int format = a.i32(0);
  if (format == kEncodingDer) return certificate_der(cert_of(self));
  if (format != kEncodingPem) return raise(&exc_ValueError, "Unsupported format");
  BIO* bio = ossl::BIO_new(ossl::BIO_s_mem());
  if (bio == nullptr) return raise_ssl_error();
  if (ossl::PEM_write_bio_X509(bio, cert_of(self)) != 1) {
    ossl::BIO_free(bio);
    return raise_ssl_error();
  }
  std::string pem = bio_text(bio);
  ossl::BIO_free(bio);
  return str_new(pem);
}

Ref cert_repr(Value self) {
  BIO* bio = ossl::BIO_new(ossl::BIO_s_mem());
  if (bio == nullptr) return raise_ssl_error();
  ossl::X509_NAME_print_ex(bio, ossl::X509_get_subject_name(cert_of(self)), 0, XN_FLAG_RFC2253);
  std::string subject = bio_text(bio);
  ossl::BIO_free(bio);
  Ref s = str_new(subject);
  Ref r = repr(s.get());
  if (!r) return Ref();
  return str_new(fmt::format("<{} {}>", type_tp_name(self.obj()->type), as_str(r.get())->view()));
}

Ref cert_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::Eq && op != CmpOp::Ne) || type_of(b) != type_of(a))
    return not_implemented_ref();
  bool equal = ossl::X509_cmp(cert_of(a), cert_of(b)) == 0;
  return bool_ref(op == CmpOp::Eq ? equal : !equal);
}

bool cert_hash(Value self, int64_t* out) {
  int64_t h = static_cast<int64_t>(ossl::X509_subject_name_hash(cert_of(self)));
  *out = h == -1 ? -2 : h;
  return true;
}

const NativeDef kCertificateMethods[] = {
    {"public_bytes($self, /, format: int=1)", cert_public_bytes},
    {"get_info($self, /)", cert_get_info},
};

}  // namespace

Ref certificate_new(X509* cert) {
  auto* c = alloc_instance<CertificateObject>(&ssl_types().certificate);
  ossl::X509_up_ref(cert);
  c->cert = cert;
  return Ref::steal(Value(c));
}

void ssl_certificate_type_init() {
  TypeObject& t = ssl_types().certificate;
  t.name = "Certificate";
  t.module = "_ssl";
  t.basic_size = sizeof(CertificateObject);
  t.dealloc = cert_dealloc;
  t.repr = cert_repr;
  t.richcompare = cert_richcompare;
  t.hash = cert_hash;
  type_ready(&t, &object_type);
  type_add_module_attr(&t);
  add_methods(&t, kCertificateMethods);
}

}  // namespace minipy::lib
