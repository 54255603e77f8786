// OpenSSL's libcrypto and libssl, opened on the first import of _hashlib or _ssl instead of
// linked into minipy. Linked, libcrypto was mapped and relocated at every start, by programs
// that never hash: about 1.6 MB of peak RSS (its relocation tables and the pages they write), the
// largest part of the gap to python3 on bench/memory/binary_trees (issue 7); libssl would add
// its own. CPython pays them only on import too, since _hashlib and _ssl are extension modules.
// The OpenSSL headers still give every declaration; each function the modules call is listed
// once below with the library that defines it, resolved with dlsym on load, and called as
// ossl::NAME(...), which forwards to the resolved pointer. Header macros that expand to calls
// (SSL_CTX_set_min_proto_version, sk_X509_num, OPENSSL_free, ...) cannot be used as written:
// their bare expansion would need the library linked, so callers spell out the listed function
// they stand for (ossl::SSL_CTX_ctrl, ossl::OPENSSL_sk_num, ossl::CRYPTO_free).
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/opensslv.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <utility>

#if OPENSSL_VERSION_MAJOR < 3
#error \
    "_hashlib and _ssl need OpenSSL 3 (EVP_MAC, EVP_MD_do_all_provided, SSL_get1_peer_certificate)"
#endif

namespace minipy::lib::ossl {

// Every OpenSSL function _hashlib and _ssl call, with its library (crypto: libcrypto, ssl:
// libssl). A call of one not listed here fails to compile as ossl::NAME, or fails to link as a
// bare NAME (minipy links neither library).
#define MINIPY_OPENSSL_FUNCTIONS(X)                 \
  X(crypto, ASN1_INTEGER_to_BN)                     \
  X(crypto, AUTHORITY_INFO_ACCESS_free)             \
  X(crypto, ASN1_OBJECT_free)                       \
  X(crypto, ASN1_STRING_get0_data)                  \
  X(crypto, ASN1_STRING_length)                     \
  X(crypto, ASN1_STRING_to_UTF8)                    \
  X(crypto, ASN1_TIME_print)                        \
  X(crypto, BIO_clear_flags)                        \
  X(crypto, BIO_ctrl)                               \
  X(crypto, BIO_ctrl_pending)                       \
  X(crypto, BIO_free)                               \
  X(crypto, BIO_new)                                \
  X(crypto, BIO_new_file)                           \
  X(crypto, BIO_new_mem_buf)                        \
  X(crypto, BIO_read)                               \
  X(crypto, BIO_s_mem)                              \
  X(crypto, BIO_up_ref)                             \
  X(crypto, BIO_write)                              \
  X(crypto, BN_bn2hex)                              \
  X(crypto, BN_free)                                \
  X(crypto, CRL_DIST_POINTS_free)                   \
  X(crypto, CRYPTO_free)                            \
  X(crypto, ERR_clear_error)                        \
  X(crypto, ERR_get_error)                          \
  X(crypto, ERR_peek_last_error)                    \
  X(crypto, ERR_reason_error_string)                \
  X(crypto, EVP_DigestFinalXOF)                     \
  X(crypto, EVP_DigestFinal_ex)                     \
  X(crypto, EVP_DigestInit_ex)                      \
  X(crypto, EVP_DigestUpdate)                       \
  X(crypto, EVP_PKEY_free)                          \
  X(crypto, EVP_MAC_CTX_dup)                        \
  X(crypto, EVP_MAC_CTX_free)                       \
  X(crypto, EVP_MAC_CTX_new)                        \
  X(crypto, EVP_MAC_fetch)                          \
  X(crypto, EVP_MAC_final)                          \
  X(crypto, EVP_MAC_init)                           \
  X(crypto, EVP_MAC_update)                         \
  X(crypto, EVP_MD_CTX_copy_ex)                     \
  X(crypto, EVP_MD_CTX_free)                        \
  X(crypto, EVP_MD_CTX_get0_md)                     \
  X(crypto, EVP_MD_CTX_new)                         \
  X(crypto, EVP_MD_do_all_provided)                 \
  X(crypto, EVP_MD_get0_name)                       \
  X(crypto, EVP_MD_get_block_size)                  \
  X(crypto, EVP_MD_get_flags)                       \
  X(crypto, EVP_MD_get_size)                        \
  X(crypto, EVP_MD_get_type)                        \
  X(crypto, EVP_default_properties_is_fips_enabled) \
  X(crypto, EVP_get_digestbyname)                   \
  X(crypto, GENERAL_NAMES_free)                     \
  X(crypto, OBJ_nid2ln)                             \
  X(crypto, OBJ_nid2obj)                            \
  X(crypto, OBJ_nid2sn)                             \
  X(crypto, OBJ_obj2nid)                            \
  X(crypto, OBJ_sn2nid)                             \
  X(crypto, OBJ_obj2txt)                            \
  X(crypto, OBJ_txt2obj)                            \
  X(crypto, OPENSSL_sk_num)                         \
  X(crypto, OPENSSL_sk_value)                       \
  X(crypto, OSSL_PARAM_construct_end)               \
  X(crypto, OSSL_PARAM_construct_utf8_string)       \
  X(crypto, OpenSSL_version)                        \
  X(crypto, OpenSSL_version_num)                    \
  X(crypto, PEM_bytes_read_bio)                     \
  X(crypto, PEM_read_bio_X509)                      \
  X(crypto, PEM_write_bio_X509)                     \
  X(crypto, PKCS5_PBKDF2_HMAC)                      \
  X(crypto, RAND_add)                               \
  X(crypto, RAND_bytes)                             \
  X(crypto, RAND_status)                            \
  X(crypto, X509_NAME_ENTRY_get_data)               \
  X(crypto, X509_NAME_ENTRY_get_object)             \
  X(crypto, X509_NAME_ENTRY_set)                    \
  X(crypto, X509_NAME_entry_count)                  \
  X(crypto, X509_NAME_get_entry)                    \
  X(crypto, X509_NAME_print_ex)                     \
  X(crypto, X509_OBJECT_get0_X509)                  \
  X(crypto, X509_OBJECT_get_type)                   \
  X(crypto, X509_STORE_add_cert)                    \
  X(crypto, X509_STORE_get0_objects)                \
  X(crypto, X509_VERIFY_PARAM_clear_flags)          \
  X(crypto, X509_VERIFY_PARAM_get_flags)            \
  X(crypto, X509_VERIFY_PARAM_get_hostflags)        \
  X(crypto, X509_VERIFY_PARAM_set1_host)            \
  X(crypto, X509_VERIFY_PARAM_set1_ip_asc)          \
  X(crypto, X509_VERIFY_PARAM_set_flags)            \
  X(crypto, X509_VERIFY_PARAM_set_hostflags)        \
  X(crypto, X509_check_ca)                          \
  X(crypto, X509_cmp)                               \
  X(crypto, X509_free)                              \
  X(crypto, X509_get0_notAfter)                     \
  X(crypto, X509_get0_notBefore)                    \
  X(crypto, X509_get_default_cert_dir)              \
  X(crypto, X509_get_default_cert_dir_env)          \
  X(crypto, X509_get_default_cert_file)             \
  X(crypto, X509_get_default_cert_file_env)         \
  X(crypto, X509_get_ext_d2i)                       \
  X(crypto, X509_get_issuer_name)                   \
  X(crypto, X509_get_serialNumber)                  \
  X(crypto, X509_get_subject_name)                  \
  X(crypto, X509_get_version)                       \
  X(crypto, X509_subject_name_hash)                 \
  X(crypto, X509_up_ref)                            \
  X(crypto, X509_verify_cert_error_string)          \
  X(crypto, i2d_X509)                               \
  X(crypto, d2i_KeyParams)                          \
  X(crypto, d2i_X509)                               \
  X(ssl, SSL_CIPHER_get_bits)                       \
  X(ssl, SSL_CIPHER_get_name)                       \
  X(ssl, SSL_CIPHER_get_version)                    \
  X(ssl, SSL_CTX_callback_ctrl)                     \
  X(ssl, SSL_CTX_check_private_key)                 \
  X(ssl, SSL_CTX_clear_options)                     \
  X(ssl, SSL_CTX_ctrl)                              \
  X(ssl, SSL_CTX_free)                              \
  X(ssl, SSL_CTX_get0_param)                        \
  X(ssl, SSL_CTX_get_cert_store)                    \
  X(ssl, SSL_CTX_get_num_tickets)                   \
  X(ssl, SSL_CTX_get_options)                       \
  X(ssl, SSL_CTX_get_security_level)                \
  X(ssl, SSL_CTX_get_verify_mode)                   \
  X(ssl, SSL_CTX_load_verify_locations)             \
  X(ssl, SSL_CTX_new)                               \
  X(ssl, SSL_CTX_set0_tmp_dh_pkey)                  \
  X(ssl, SSL_CTX_set_alpn_protos)                   \
  X(ssl, SSL_CTX_set_alpn_select_cb)                \
  X(ssl, SSL_CTX_set_cipher_list)                   \
  X(ssl, SSL_CTX_set_default_passwd_cb)             \
  X(ssl, SSL_CTX_set_default_passwd_cb_userdata)    \
  X(ssl, SSL_CTX_set_default_verify_paths)          \
  X(ssl, SSL_CTX_set_num_tickets)                   \
  X(ssl, SSL_CTX_set_options)                       \
  X(ssl, SSL_CTX_set_session_id_context)            \
  X(ssl, SSL_CTX_set_verify)                        \
  X(ssl, SSL_CTX_use_PrivateKey_file)               \
  X(ssl, SSL_CTX_use_certificate_chain_file)        \
  X(ssl, SSL_ctrl)                                  \
  X(ssl, SSL_do_handshake)                          \
  X(ssl, SSL_free)                                  \
  X(ssl, SSL_get0_alpn_selected)                    \
  X(ssl, SSL_get0_param)                            \
  X(ssl, SSL_get0_verified_chain)                   \
  X(ssl, SSL_get1_peer_certificate)                 \
  X(ssl, SSL_get_current_cipher)                    \
  X(ssl, SSL_get_error)                             \
  X(ssl, SSL_get_finished)                          \
  X(ssl, SSL_get_peer_cert_chain)                   \
  X(ssl, SSL_get_peer_finished)                     \
  X(ssl, SSL_get_ex_data)                           \
  X(ssl, SSL_get_servername)                        \
  X(ssl, SSL_get_shutdown)                          \
  X(ssl, SSL_get_verify_result)                     \
  X(ssl, SSL_get_version)                           \
  X(ssl, SSL_is_init_finished)                      \
  X(ssl, SSL_new)                                   \
  X(ssl, SSL_pending)                               \
  X(ssl, SSL_read_ex)                               \
  X(ssl, SSL_select_next_proto)                     \
  X(ssl, SSL_session_reused)                        \
  X(ssl, SSL_set_SSL_CTX)                           \
  X(ssl, SSL_set_accept_state)                      \
  X(ssl, SSL_set_bio)                               \
  X(ssl, SSL_set_connect_state)                     \
  X(ssl, SSL_set_ex_data)                           \
  X(ssl, SSL_set_fd)                                \
  X(ssl, SSL_shutdown)                              \
  X(ssl, SSL_write_ex)                              \
  X(ssl, TLS_method)

/// The resolved functions (decltype names the type only: it does not reference the symbol).
struct Api {
#define MINIPY_OPENSSL_POINTER(lib, name) decltype(&::name) name = nullptr;
  MINIPY_OPENSSL_FUNCTIONS(MINIPY_OPENSSL_POINTER)
#undef MINIPY_OPENSSL_POINTER
};
extern Api g_api;

/// Which libraries a module needs: _hashlib only libcrypto, _ssl both.
enum class Library { crypto, ssl };

/// Opens libcrypto (and libssl when asked) and resolves their functions once; on failure (no
/// library, a missing symbol) returns false with ImportError set, as a missing extension
/// module's import fails.
bool load(Library which);

#define MINIPY_OPENSSL_CALL(lib, name)              \
  template <class... Args>                          \
  inline auto name(Args&&... args) {                \
    return g_api.name(std::forward<Args>(args)...); \
  }
MINIPY_OPENSSL_FUNCTIONS(MINIPY_OPENSSL_CALL)
#undef MINIPY_OPENSSL_CALL

}  // namespace minipy::lib::ossl
