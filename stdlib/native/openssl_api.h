// OpenSSL's libcrypto, opened on the first import of _hashlib instead of linked into minipy.
// Linked, libcrypto was mapped and relocated at every start, by programs that never hash: about
// 1.6 MB of peak RSS (its relocation tables and the pages they write), the largest part of the
// gap to python3 on bench/memory/binary_trees (issue 7). CPython pays it only on import too,
// since its _hashlib is an extension module. The OpenSSL headers still give every declaration;
// each function _hashlib calls is listed once below, resolved with dlsym on load, and called as
// ossl::NAME(...), which forwards to the resolved pointer.
#pragma once

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/opensslv.h>
#include <openssl/params.h>

#include <utility>

#if OPENSSL_VERSION_MAJOR < 3
#error "_hashlib needs OpenSSL 3 (EVP_MAC, EVP_MD_do_all_provided)"
#endif

namespace minipy::lib::ossl {

// Every libcrypto function _hashlib calls. A call of one not listed here fails to compile as
// ossl::NAME, or fails to link as a bare NAME (minipy does not link libcrypto).
#define MINIPY_OPENSSL_FUNCTIONS(X)         \
  X(EVP_DigestFinalXOF)                     \
  X(EVP_DigestFinal_ex)                     \
  X(EVP_DigestInit_ex)                      \
  X(EVP_DigestUpdate)                       \
  X(EVP_MAC_CTX_dup)                        \
  X(EVP_MAC_CTX_free)                       \
  X(EVP_MAC_CTX_new)                        \
  X(EVP_MAC_fetch)                          \
  X(EVP_MAC_final)                          \
  X(EVP_MAC_init)                           \
  X(EVP_MAC_update)                         \
  X(EVP_MD_CTX_copy_ex)                     \
  X(EVP_MD_CTX_free)                        \
  X(EVP_MD_CTX_get0_md)                     \
  X(EVP_MD_CTX_new)                         \
  X(EVP_MD_do_all_provided)                 \
  X(EVP_MD_get0_name)                       \
  X(EVP_MD_get_block_size)                  \
  X(EVP_MD_get_flags)                       \
  X(EVP_MD_get_size)                        \
  X(EVP_MD_get_type)                        \
  X(EVP_default_properties_is_fips_enabled) \
  X(EVP_get_digestbyname)                   \
  X(OBJ_nid2ln)                             \
  X(OBJ_nid2sn)                             \
  X(OSSL_PARAM_construct_end)               \
  X(OSSL_PARAM_construct_utf8_string)       \
  X(OpenSSL_version)                        \
  X(PKCS5_PBKDF2_HMAC)

/// The resolved functions (decltype names the type only: it does not reference the symbol).
struct Api {
#define MINIPY_OPENSSL_POINTER(name) decltype(&::name) name = nullptr;
  MINIPY_OPENSSL_FUNCTIONS(MINIPY_OPENSSL_POINTER)
#undef MINIPY_OPENSSL_POINTER
};
extern Api g_api;

/// Opens libcrypto and resolves every function once; on failure (no libcrypto, a missing
/// symbol) returns false with ImportError set, as a missing extension module's import fails.
bool load();

#define MINIPY_OPENSSL_CALL(name)                   \
  template <class... Args>                          \
  inline auto name(Args&&... args) {                \
    return g_api.name(std::forward<Args>(args)...); \
  }
MINIPY_OPENSSL_FUNCTIONS(MINIPY_OPENSSL_CALL)
#undef MINIPY_OPENSSL_CALL

}  // namespace minipy::lib::ossl
