// Opens libcrypto for _hashlib on first import (why: stdlib/native/openssl_api.h).
#include "stdlib/native/openssl_api.h"

#include <dlfcn.h>

#include "runtime/errors.h"

namespace minipy::lib::ossl {

using namespace rt;

Api g_api;

namespace {
#define MINIPY_STR2(x) #x
#define MINIPY_STR(x) MINIPY_STR2(x)
// The soname of the libcrypto whose headers we compiled against ("libcrypto.so.3").
constexpr const char* kLibCrypto = "libcrypto.so." MINIPY_STR(OPENSSL_SHLIB_VERSION);
#undef MINIPY_STR
#undef MINIPY_STR2
}  // namespace

bool load() {
  // Resolved once; the library stays open for the process's life (its digests may be in use
  // by objects that outlive any module).
  static bool loaded = false;
  if (loaded) return true;
  void* lib = dlopen(kLibCrypto, RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    const char* why = dlerror();
    raise_fmt(&exc_ImportError, "{}", why != nullptr ? why : kLibCrypto);
    return false;
  }
  Api api;
#define MINIPY_OPENSSL_RESOLVE(name)                                            \
  api.name = reinterpret_cast<decltype(&::name)>(dlsym(lib, #name));            \
  if (api.name == nullptr) {                                                    \
    raise_fmt(&exc_ImportError, "{}: undefined symbol: {}", kLibCrypto, #name); \
    return false;                                                               \
  }
  MINIPY_OPENSSL_FUNCTIONS(MINIPY_OPENSSL_RESOLVE)
#undef MINIPY_OPENSSL_RESOLVE
  g_api = api;
  loaded = true;
  return true;
}

}  // namespace minipy::lib::ossl
