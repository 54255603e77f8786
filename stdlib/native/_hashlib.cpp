// _hashlib: message digests over Debian's OpenSSL (CPython's Modules/_hashopenssl.c semantics),
// the native half of CPython's hashlib.py and hmac.py. HASH / HASHXOF objects (update, digest,
// hexdigest, copy, name, digest_size, block_size), new() and the openssl_<name> constructors
// hashlib.py looks for, pbkdf2_hmac, HMAC objects (hmac_new, hmac_digest), compare_digest and
// get_fips_mode. Hashing a buffer of 2 KiB or more releases the GIL (HASHLIB_GIL_MINSIZE); an
// object is then guarded by its own mutex, so two threads may share one.
#include <array>
#include <cctype>
#include <climits>
#include <cstring>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "stdlib/native/hash_common.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/openssl_api.h"

namespace minipy::lib {

using namespace rt;

namespace {

Ref g_unsupported_digestmod;  // _hashlib.UnsupportedDigestmodError (a ValueError)

TypeObject* unsupported_error() {
  return static_cast<TypeObject*>(g_unsupported_digestmod.get().obj());
}

// Python names whose OpenSSL spelling differs (CPython's py_hashes table).
struct NameMap {
  const char* py;
  const char* ossl;
};
const NameMap kNames[] = {
    {"sha3_224", "sha3-224"},     {"sha3_256", "sha3-256"},  {"sha3_384", "sha3-384"},
    {"sha3_512", "sha3-512"},     {"shake_128", "shake128"}, {"shake_256", "shake256"},
    {"blake2b", "blake2b512"},    {"blake2s", "blake2s256"}, {"sha512_224", "sha512-224"},
    {"sha512_256", "sha512-256"},
};

/// The digest for a Python name ("sha3_256", "SHA256", "md5"); null when OpenSSL has none.
const EVP_MD* digest_by_name(std::string_view name) {
  std::string n(name);
  for (const NameMap& m : kNames) {
    if (n == m.py) {
      n = m.ossl;
      break;
    }
  }
  return ossl::EVP_get_digestbyname(n.c_str());
}

/// The Python name of a digest (CPython's py_digest_name): the table's names, else OpenSSL's
/// long name.
std::string digest_py_name(const EVP_MD* md) {
  int nid = ossl::EVP_MD_get_type(md);
  switch (nid) {
    case NID_md5:
      return "md5";
    case NID_sha1:
      return "sha1";
    case NID_sha224:
      return "sha224";
    case NID_sha256:
      return "sha256";
    case NID_sha384:
      return "sha384";
    case NID_sha512:
      return "sha512";
    case NID_sha512_224:
      return "sha512_224";
    case NID_sha512_256:
      return "sha512_256";
    case NID_sha3_224:
      return "sha3_224";
    case NID_sha3_256:
      return "sha3_256";
    case NID_sha3_384:
      return "sha3_384";
    case NID_sha3_512:
      return "sha3_512";
    case NID_shake128:
      return "shake_128";
    case NID_shake256:
      return "shake_256";
    case NID_blake2b512:
      return "blake2b";
    case NID_blake2s256:
      return "blake2s";
    default:
      break;
  }
  const char* ln = ossl::OBJ_nid2ln(nid);
  if (ln == nullptr) ln = ossl::OBJ_nid2sn(nid);
  if (ln == nullptr) ln = ossl::EVP_MD_get0_name(md);
  return ln != nullptr ? ln : "unknown";
}

bool is_xof(const EVP_MD* md) { return (ossl::EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0; }

/// OpenSSL found no digest by that name: CPython reports OpenSSL's own error text.
Ref raise_unsupported(std::string_view) {
  return raise(unsupported_error(), "[digital envelope routines] unsupported");
}

// ---------------------------------------------------------------- HASH / HASHXOF

struct HashObject : Object {
  std::mutex mu;  // held while update runs with the GIL released
  EVP_MD_CTX* ctx = nullptr;
};

TypeObject hash_type;     // _hashlib.HASH
TypeObject hashxof_type;  // _hashlib.HASHXOF

HashObject* as_hash(Value v) { return static_cast<HashObject*>(v.obj()); }

void hash_dealloc(Object* o) {
  auto* h = static_cast<HashObject*>(o);
  ossl::EVP_MD_CTX_free(h->ctx);
  delete h;
}

Ref raise_openssl(const char* what) {
  return raise_fmt(&exc_ValueError, "[digital envelope routines] {} failed", what);
}

/// Feeds `data` to the context; large buffers with the GIL released (the caller holds the
/// object's lock).
bool ctx_update(EVP_MD_CTX* ctx, std::string_view data) {
  int ok;
  if (data.size() >= kHashGilMin) {
    ReleaseGil unlocked("hash");
    ok = ossl::EVP_DigestUpdate(ctx, data.data(), data.size());
  } else {
    ok = ossl::EVP_DigestUpdate(ctx, data.data(), data.size());
  }
  if (!ok) raise_openssl("EVP_DigestUpdate");
  return ok != 0;
}

Ref hash_new_for(const EVP_MD* md, Value data) {
  ByteArg in;
  if (data && !hash_data_arg(data, &in)) return Ref();
  auto* h = alloc_instance<HashObject>(is_xof(md) ? &hashxof_type : &hash_type);
  Ref self = Ref::steal(Value(h));
  h->ctx = ossl::EVP_MD_CTX_new();
  if (h->ctx == nullptr) return raise_no_memory();
  if (!ossl::EVP_DigestInit_ex(h->ctx, md, nullptr)) return raise_openssl("EVP_DigestInit_ex");
  if (data) {
    ObjectLock lock(h->mu);
    if (!ctx_update(h->ctx, in.data)) return Ref();
  }
  return self;
}

Ref hash_update(Value self, NativeArgs& a) {
  ByteArg in;
  if (!hash_data_arg(a[0], &in)) return Ref();
  HashObject* h = as_hash(self);
  ObjectLock lock(h->mu);
  if (!ctx_update(h->ctx, in.data)) return Ref();
  return none_ref();
}

/// A copy of the context (the object's own keeps accepting data after digest()).
EVP_MD_CTX* ctx_snapshot(HashObject* h) {
  ObjectLock lock(h->mu);
  EVP_MD_CTX* c = ossl::EVP_MD_CTX_new();
  if (c == nullptr || !ossl::EVP_MD_CTX_copy_ex(c, h->ctx)) {
    ossl::EVP_MD_CTX_free(c);
    raise_openssl("EVP_MD_CTX_copy_ex");
    return nullptr;
  }
  return c;
}

bool hash_final(Value self, int64_t xof_length, std::string* out) {
  EVP_MD_CTX* c = ctx_snapshot(as_hash(self));
  if (c == nullptr) return false;
  bool ok;
  if (xof_length >= 0) {
    out->resize(static_cast<size_t>(xof_length));
    ok = xof_length == 0 ||
         ossl::EVP_DigestFinalXOF(c, reinterpret_cast<unsigned char*>(out->data()),
                                  static_cast<size_t>(xof_length));
  } else {
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    ok = ossl::EVP_DigestFinal_ex(c, buf, &n);
    out->assign(reinterpret_cast<char*>(buf), n);
  }
  ossl::EVP_MD_CTX_free(c);
  if (!ok) raise_openssl("EVP_DigestFinal");
  return ok;
}

Ref hash_digest(Value self, NativeArgs&) {
  std::string d;
  if (!hash_final(self, -1, &d)) return Ref();
  return bytes_new(d);
}

Ref hash_hexdigest(Value self, NativeArgs&) {
  std::string d;
  if (!hash_final(self, -1, &d)) return Ref();
  return str_new(hex_text(d));
}

bool xof_length_arg(NativeArgs& a, int64_t* out) {
  *out = a.i64(0);
  if (*out < 0) {
    raise_no_memory();  // CPython: a bytes object of negative size cannot be allocated
    return false;
  }
  return true;
}

Ref hashxof_digest(Value self, NativeArgs& a) {
  int64_t n;
  if (!xof_length_arg(a, &n)) return Ref();
  std::string d;
  if (!hash_final(self, n, &d)) return Ref();
  return bytes_new(d);
}

Ref hashxof_hexdigest(Value self, NativeArgs& a) {
  int64_t n;
  if (!xof_length_arg(a, &n)) return Ref();
  std::string d;
  if (!hash_final(self, n, &d)) return Ref();
  return str_new(hex_text(d));
}

Ref hash_copy(Value self, NativeArgs&) {
  EVP_MD_CTX* c = ctx_snapshot(as_hash(self));
  if (c == nullptr) return Ref();
  auto* h = alloc_instance<HashObject>(self.obj()->type);
  h->ctx = c;
  return Ref::steal(Value(h));
}

const EVP_MD* hash_md(Value self) { return ossl::EVP_MD_CTX_get0_md(as_hash(self)->ctx); }

Ref hash_get_name(Value self) { return str_new(digest_py_name(hash_md(self))); }
Ref hash_get_digest_size(Value self) {
  return int_from_int64(is_xof(hash_md(self)) ? 0 : ossl::EVP_MD_get_size(hash_md(self)));
}
Ref hash_get_block_size(Value self) {
  return int_from_int64(ossl::EVP_MD_get_block_size(hash_md(self)));
}

Ref hash_repr(Value self) {
  return str_new(
      fmt::format("<{} {} object @ {}>", digest_py_name(hash_md(self)),
                  self.obj()->type == &hashxof_type ? "_hashlib.HASHXOF" : "_hashlib.HASH",
                  static_cast<const void*>(self.obj())));
}

// ---------------------------------------------------------------- constructors

/// new(name, string=b'', *, usedforsecurity=True)
Ref hashlib_new(Value, NativeArgs& a) {
  if (!is_str(a[0]))
    return raise_fmt(&exc_TypeError, "new() argument 'name' must be str, not {}", type_name(a[0]));
  std::string_view name = as_str(a[0])->view();
  const EVP_MD* md = digest_by_name(name);
  if (md == nullptr) return raise_unsupported(name);
  return hash_new_for(md, a[1]);
}

// The openssl_<name> constructors: one C++ function per algorithm, so each is its own
// builtin_function_or_method (hmac.py maps them back to names; hashlib.py probes them).
const char* const kConstructors[] = {"md5",      "sha1",     "sha224",    "sha256",
                                     "sha384",   "sha512",   "sha3_224",  "sha3_256",
                                     "sha3_384", "sha3_512", "shake_128", "shake_256"};
constexpr size_t kNumConstructors = sizeof(kConstructors) / sizeof(kConstructors[0]);

template <size_t I>
Ref openssl_ctor(Value, NativeArgs& a) {
  const EVP_MD* md = digest_by_name(kConstructors[I]);
  if (md == nullptr) return raise_unsupported(kConstructors[I]);
  return hash_new_for(md, a[0]);
}

template <size_t... I>
constexpr std::array<SigFn, sizeof...(I)> make_ctors(std::index_sequence<I...>) {
  return {openssl_ctor<I>...};
}
const std::array<SigFn, kNumConstructors> kCtorFns =
    make_ctors(std::make_index_sequence<kNumConstructors>());

/// The digest a `digestmod` argument names: a str, or one of the openssl_* constructors
/// (CPython's py_digest_by_digestmod). UnsupportedDigestmodError otherwise.
const EVP_MD* digest_by_digestmod(Value digestmod) {
  if (is_str(digestmod)) {
    const EVP_MD* md = digest_by_name(as_str(digestmod)->view());
    if (md == nullptr) raise_unsupported(as_str(digestmod)->view());
    return md;
  }
  if (digestmod.is_object() && digestmod.obj()->type == &native_function_type) {
    auto* f = static_cast<NativeFunctionObject*>(digestmod.obj());
    for (size_t i = 0; i < kNumConstructors; i++) {
      if (f->sig_fn == kCtorFns[i]) {
        const EVP_MD* md = digest_by_name(kConstructors[i]);
        if (md == nullptr) raise_unsupported(kConstructors[i]);
        return md;
      }
    }
  }
  Ref r = repr(digestmod);
  if (r) raise_fmt(unsupported_error(), "Unsupported digestmod {}", as_str(r.get())->view());
  return nullptr;
}

// ---------------------------------------------------------------- pbkdf2_hmac

Ref hashlib_pbkdf2_hmac(Value, NativeArgs& a) {
  if (!is_str(a[0])) {
    return raise_fmt(&exc_TypeError, "pbkdf2_hmac() argument 'hash_name' must be str, not {}",
                     type_name(a[0]));
  }
  ByteArg password, salt;
  if (!byte_arg(a[1], &password, true) || !byte_arg(a[2], &salt, true)) return Ref();
  int64_t iterations;
  if (!int_arg(a[3], &iterations)) return Ref();
  const EVP_MD* md = digest_by_name(as_str(a[0])->view());
  if (md == nullptr) return raise_unsupported(as_str(a[0])->view());
  if (password.data.size() > INT_MAX) return raise(&exc_OverflowError, "password is too long.");
  if (salt.data.size() > INT_MAX) return raise(&exc_OverflowError, "salt is too long.");
  if (iterations < 1) return raise(&exc_ValueError, "iteration value must be greater than 0.");
  if (iterations > INT_MAX) return raise(&exc_OverflowError, "iteration value is too great.");
  int64_t dklen = ossl::EVP_MD_get_size(md);
  if (a[4] && !is_none(a[4]) && !int_arg(a[4], &dklen)) return Ref();
  if (dklen < 1) return raise(&exc_ValueError, "key length must be greater than 0.");
  if (dklen > INT_MAX) return raise(&exc_OverflowError, "key length is too great.");
  std::string key(static_cast<size_t>(dklen), '\0');
  int ok;
  {
    ReleaseGil unlocked("pbkdf2_hmac");
    ok = ossl::PKCS5_PBKDF2_HMAC(password.data.data(), static_cast<int>(password.data.size()),
                                 reinterpret_cast<const unsigned char*>(salt.data.data()),
                                 static_cast<int>(salt.data.size()), static_cast<int>(iterations),
                                 md, static_cast<int>(dklen),
                                 reinterpret_cast<unsigned char*>(key.data()));
  }
  if (!ok) return raise_openssl("PKCS5_PBKDF2_HMAC");
  return bytes_new(key);
}

// ---------------------------------------------------------------- HMAC

struct HmacObject : Object {
  std::mutex mu;
  EVP_MAC_CTX* ctx = nullptr;
  const EVP_MD* md = nullptr;
};

TypeObject hmac_type;  // _hashlib.HMAC

HmacObject* as_hmac(Value v) { return static_cast<HmacObject*>(v.obj()); }

void hmac_dealloc(Object* o) {
  auto* h = static_cast<HmacObject*>(o);
  ossl::EVP_MAC_CTX_free(h->ctx);
  delete h;
}

EVP_MAC* hmac_algorithm() {
  static EVP_MAC* mac = ossl::EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

/// A keyed HMAC context for `md`; null with ValueError when OpenSSL refuses (an XOF digest).
EVP_MAC_CTX* hmac_ctx_new(const EVP_MD* md, std::string_view key) {
  EVP_MAC_CTX* ctx = hmac_algorithm() ? ossl::EVP_MAC_CTX_new(hmac_algorithm()) : nullptr;
  if (ctx == nullptr) {
    raise_no_memory();
    return nullptr;
  }
  OSSL_PARAM params[] = {ossl::OSSL_PARAM_construct_utf8_string(
                             "digest", const_cast<char*>(ossl::EVP_MD_get0_name(md)), 0),
                         ossl::OSSL_PARAM_construct_end()};
  static const unsigned char kEmpty =
      0;  // an empty key still has to be a key, not "keep the old one"
  const auto* k = key.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.data());
  if (!ossl::EVP_MAC_init(ctx, k, key.size(), params)) {
    ossl::EVP_MAC_CTX_free(ctx);
    raise_fmt(unsupported_error(), "unsupported hash type {}", digest_py_name(md));
    return nullptr;
  }
  return ctx;
}

bool hmac_feed(EVP_MAC_CTX* ctx, std::string_view data) {
  int ok;
  if (data.size() >= kHashGilMin) {
    ReleaseGil unlocked("hmac");
    ok =
        ossl::EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  } else {
    ok =
        ossl::EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  }
  if (!ok) raise_openssl("EVP_MAC_update");
  return ok != 0;
}

bool hmac_result(EVP_MAC_CTX* ctx, std::string* out) {
  unsigned char buf[EVP_MAX_MD_SIZE];
  size_t n = 0;
  if (!ossl::EVP_MAC_final(ctx, buf, &n, sizeof(buf))) {
    raise_openssl("EVP_MAC_final");
    return false;
  }
  out->assign(reinterpret_cast<char*>(buf), n);
  return true;
}

/// hmac_new(key, msg=b'', digestmod=None)
Ref hashlib_hmac_new(Value, NativeArgs& a) {
  ByteArg key, msg;
  if (!byte_arg(a[0], &key, false)) return Ref();
  if (a[1] && !is_none(a[1]) && !hash_data_arg(a[1], &msg)) return Ref();
  if (!a[2] || is_none(a[2]))
    return raise(&exc_TypeError, "Missing required parameter 'digestmod'.");
  const EVP_MD* md = digest_by_digestmod(a[2]);
  if (md == nullptr) return Ref();
  if (key.data.size() > INT_MAX) return raise(&exc_OverflowError, "key is too long.");
  EVP_MAC_CTX* ctx = hmac_ctx_new(md, key.data);
  if (ctx == nullptr) return Ref();
  auto* h = alloc_instance<HmacObject>(&hmac_type);
  Ref self = Ref::steal(Value(h));
  h->ctx = ctx;
  h->md = md;
  if (!msg.data.empty()) {
    ObjectLock lock(h->mu);
    if (!hmac_feed(h->ctx, msg.data)) return Ref();
  }
  return self;
}

/// hmac_digest(key, msg, digest): one-shot HMAC.
Ref hashlib_hmac_digest(Value, NativeArgs& a) {
  ByteArg key, msg;
  if (!byte_arg(a[0], &key, false) || !hash_data_arg(a[1], &msg)) return Ref();
  const EVP_MD* md = digest_by_digestmod(a[2]);
  if (md == nullptr) return Ref();
  if (key.data.size() > INT_MAX) return raise(&exc_OverflowError, "key is too long.");
  if (msg.data.size() > INT_MAX) return raise(&exc_OverflowError, "msg is too long.");
  EVP_MAC_CTX* ctx = hmac_ctx_new(md, key.data);
  if (ctx == nullptr) return Ref();
  std::string out;
  bool ok = hmac_feed(ctx, msg.data) && hmac_result(ctx, &out);
  ossl::EVP_MAC_CTX_free(ctx);
  if (!ok) return Ref();
  return bytes_new(out);
}

Ref hmac_update(Value self, NativeArgs& a) {
  ByteArg msg;
  if (!hash_data_arg(a[0], &msg)) return Ref();
  HmacObject* h = as_hmac(self);
  ObjectLock lock(h->mu);
  if (!hmac_feed(h->ctx, msg.data)) return Ref();
  return none_ref();
}

EVP_MAC_CTX* hmac_snapshot(HmacObject* h) {
  ObjectLock lock(h->mu);
  EVP_MAC_CTX* c = ossl::EVP_MAC_CTX_dup(h->ctx);
  if (c == nullptr) raise_openssl("EVP_MAC_CTX_dup");
  return c;
}

bool hmac_final(Value self, std::string* out) {
  EVP_MAC_CTX* c = hmac_snapshot(as_hmac(self));
  if (c == nullptr) return false;
  bool ok = hmac_result(c, out);
  ossl::EVP_MAC_CTX_free(c);
  return ok;
}

Ref hmac_digest_method(Value self, NativeArgs&) {
  std::string d;
  if (!hmac_final(self, &d)) return Ref();
  return bytes_new(d);
}

Ref hmac_hexdigest(Value self, NativeArgs&) {
  std::string d;
  if (!hmac_final(self, &d)) return Ref();
  return str_new(hex_text(d));
}

Ref hmac_copy(Value self, NativeArgs&) {
  EVP_MAC_CTX* c = hmac_snapshot(as_hmac(self));
  if (c == nullptr) return Ref();
  auto* h = alloc_instance<HmacObject>(&hmac_type);
  h->ctx = c;
  h->md = as_hmac(self)->md;
  return Ref::steal(Value(h));
}

Ref hmac_get_name(Value self) { return str_new("hmac-" + digest_py_name(as_hmac(self)->md)); }
Ref hmac_get_digest_size(Value self) {
  return int_from_int64(ossl::EVP_MD_get_size(as_hmac(self)->md));
}
Ref hmac_get_block_size(Value self) {
  return int_from_int64(ossl::EVP_MD_get_block_size(as_hmac(self)->md));
}
Ref hmac_repr(Value self) {
  return str_new(fmt::format("<{} HMAC object @ {}>", digest_py_name(as_hmac(self)->md),
                             static_cast<const void*>(self.obj())));
}

// ---------------------------------------------------------------- module functions

Ref hashlib_compare_digest(Value, NativeArgs& a) { return compare_digest(a[0], a[1]); }

Ref hashlib_get_fips_mode(Value, NativeArgs&) {
  return Ref::small(ossl::EVP_default_properties_is_fips_enabled(nullptr) ? 1 : 0);
}

void collect_name(EVP_MD* md, void* arg) {
  // Digests without a NID (KECCAK-KMAC, ...) are left out, as CPython does; they would all be
  // named "undefined".
  if (md == nullptr || ossl::EVP_MD_get_type(md) == NID_undef) return;
  auto* names = static_cast<std::vector<std::string>*>(arg);
  names->push_back(digest_py_name(md));
}

/// openssl_md_meth_names: every digest the loaded providers offer, by Python name.
Ref md_meth_names() {
  std::vector<std::string> names;
  ossl::EVP_MD_do_all_provided(nullptr, collect_name, &names);
  Ref s = set_new(&frozenset_type);
  for (const std::string& n : names) {
    Ref v = str_new(n);
    if (!set_add(as_set(s.get()), v.get())) return Ref();
  }
  return s;
}

const NativeDef kHashMethods[] = {
    {"update($self, obj, /)", hash_update, kNativeReleasesGil},
    {"digest($self, /)", hash_digest},
    {"hexdigest($self, /)", hash_hexdigest},
    {"copy($self, /)", hash_copy},
};
const NativeDef kHashXofMethods[] = {
    {"digest($self, /, length: ssize_t)", hashxof_digest},
    {"hexdigest($self, /, length: ssize_t)", hashxof_hexdigest},
};
const NativeDef kHmacMethods[] = {
    {"update($self, /, msg)", hmac_update, kNativeReleasesGil},
    {"digest($self, /)", hmac_digest_method},
    {"hexdigest($self, /)", hmac_hexdigest},
    {"copy($self, /)", hmac_copy},
};
const NativeDef kHashlibFunctions[] = {
    {"new($module, /, name, string=b'', *, usedforsecurity=True)", hashlib_new, kNativeReleasesGil},
    {"pbkdf2_hmac($module, /, hash_name, password, salt, iterations, dklen=None)",
     hashlib_pbkdf2_hmac, kNativeReleasesGil},
    {"hmac_new($module, /, key, msg=b'', digestmod=None)", hashlib_hmac_new, kNativeReleasesGil},
    {"hmac_digest($module, /, key, msg, digest)", hashlib_hmac_digest, kNativeReleasesGil},
    {"compare_digest($module, a, b, /)", hashlib_compare_digest},
    {"get_fips_mode($module, /)", hashlib_get_fips_mode},
};

/// The openssl_<name> constructors' declarations (their specs must outlive the module).
std::span<const NativeDef> constructor_defs() {
  static const std::vector<std::string> specs = [] {
    std::vector<std::string> v;
    for (const char* c : kConstructors) {
      v.push_back(std::string("openssl_") + c +
                  "($module, /, string=b'', *, usedforsecurity=True)");
    }
    return v;
  }();
  static const std::vector<NativeDef> defs = [] {
    std::vector<NativeDef> v;
    for (size_t i = 0; i < kNumConstructors; i++)
      v.push_back({specs[i].c_str(), kCtorFns[i], kNativeReleasesGil});
    return v;
  }();
  return defs;
}

void ready_types() {
  hash_type.name = "HASH";
  hash_type.module = "_hashlib";
  hash_type.flags = kTypeBaseType;
  hash_type.basic_size = sizeof(HashObject);
  hash_type.dealloc = hash_dealloc;
  hash_type.repr = hash_repr;
  type_ready(&hash_type, &object_type);
  type_add_module_attr(&hash_type);
  add_methods(&hash_type, kHashMethods);
  add_getset(&hash_type, "name", hash_get_name);
  add_getset(&hash_type, "digest_size", hash_get_digest_size);
  add_getset(&hash_type, "block_size", hash_get_block_size);

  hashxof_type.name = "HASHXOF";
  hashxof_type.module = "_hashlib";
  hashxof_type.basic_size = sizeof(HashObject);
  hashxof_type.dealloc = hash_dealloc;
  hashxof_type.repr = hash_repr;
  type_ready(&hashxof_type, &hash_type);
  type_add_module_attr(&hashxof_type);
  add_methods(&hashxof_type, kHashXofMethods);

  hmac_type.name = "HMAC";
  hmac_type.module = "_hashlib";
  hmac_type.basic_size = sizeof(HmacObject);
  hmac_type.dealloc = hmac_dealloc;
  hmac_type.repr = hmac_repr;
  type_ready(&hmac_type, &object_type);
  type_add_module_attr(&hmac_type);
  add_methods(&hmac_type, kHmacMethods);
  add_getset(&hmac_type, "name", hmac_get_name);
  add_getset(&hmac_type, "digest_size", hmac_get_digest_size);
  add_getset(&hmac_type, "block_size", hmac_get_block_size);
}

}  // namespace

bool init__hashlib(Value module, DictObject* ns) {
  if (!ossl::load(ossl::Library::crypto)) return false;  // libcrypto is opened here, not at start-up
  if (hash_type.dict == nullptr) ready_types();
  if (!g_unsupported_digestmod) {
    g_unsupported_digestmod =
        new_exception_class("_hashlib", "UnsupportedDigestmodError", &exc_ValueError);
    if (!g_unsupported_digestmod) return false;
  }
  dict_set_cstr(ns, "UnsupportedDigestmodError", g_unsupported_digestmod.get());
  dict_set_cstr(ns, "HASH", Value(&hash_type));
  dict_set_cstr(ns, "HASHXOF", Value(&hashxof_type));
  dict_set_cstr(ns, "HMAC", Value(&hmac_type));
  add_functions(ns, module, kHashlibFunctions);
  add_functions(ns, module, constructor_defs());
  Ref names = md_meth_names();
  if (!names) return false;
  dict_set_cstr(ns, "openssl_md_meth_names", names.get());
  Ref version = str_new(ossl::OpenSSL_version(OPENSSL_VERSION));
  dict_set_cstr(ns, "_OPENSSL_API_VERSION", version.get());
  return true;
}

}  // namespace minipy::lib
