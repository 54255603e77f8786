// Opens libcrypto and libssl on first import of _hashlib / _ssl (why: stdlib/native/openssl_api.h).
#include "stdlib/native/openssl_api.h"

#include <dlfcn.h>

#include "runtime/errors.h"

namespace minipy::lib::ossl {

using namespace rt;

Api g_api;

namespace {
#define MINIPY_STR2(x) #x
#define MINIPY_STR(x) MINIPY_STR2(x)
// The sonames of the libraries whose headers we compiled against ("libcrypto.so.3").
constexpr const char* kLibCrypto = "libcrypto.so." MINIPY_STR(OPENSSL_SHLIB_VERSION);
constexpr const char* kLibSsl = "libssl.so." MINIPY_STR(OPENSSL_SHLIB_VERSION);
#undef MINIPY_STR
#undef MINIPY_STR2

/// Opens `soname` and resolves the listed functions of library `which` into g_api.
bool open_library(Library which, const char* soname) {
  void* lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    const char* why = dlerror();
    raise_fmt(&exc_ImportError, "{}", why != nullptr ? why : soname);
    return false;
  }
  Api api = g_api;
#define MINIPY_OPENSSL_RESOLVE(library, name)                                 \
  if (which == Library::library) {                                            \
    api.name = reinterpret_cast<decltype(&::name)>(dlsym(lib, #name));        \
    if (api.name == nullptr) {                                                \
      raise_fmt(&exc_ImportError, "{}: undefined symbol: {}", soname, #name); \
      return false;                                                           \
    }                                                                         \
  }
  MINIPY_OPENSSL_FUNCTIONS(MINIPY_OPENSSL_RESOLVE)
#undef MINIPY_OPENSSL_RESOLVE
  g_api = api;
  return true;
}
}  // namespace

bool load(Library which) {
  // Resolved once; the libraries stay open for the process's life (their digests and contexts
  // may be in use by objects that outlive any module).
  static bool crypto_loaded = false;
  static bool ssl_loaded = false;
  if (!crypto_loaded) {
    if (!open_library(Library::crypto, kLibCrypto)) return false;
    crypto_loaded = true;
  }
  if (which == Library::ssl && !ssl_loaded) {
    if (!open_library(Library::ssl, kLibSsl)) return false;
    ssl_loaded = true;
  }
  return true;
}

}  // namespace minipy::lib::ossl
