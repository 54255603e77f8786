// Pieces shared by the hash modules (_hashlib over OpenSSL, _blake2 in our own code): the data
// argument rules of CPython's hashlib, hex output and the constant-time compare_digest.
#pragma once

#include <string>
#include <string_view>

#include "runtime/object.h"
#include "stdlib/native/native_args.h"

namespace minipy::lib {

/// Buffers at least this long are hashed with the GIL released (CPython's HASHLIB_GIL_MINSIZE).
constexpr size_t kHashGilMin = 2048;

/// Data to hash: a bytes-like object, stable across a GIL release when it is that long. A str
/// gets "Strings must be encoded before hashing", anything else "object supporting the buffer
/// API required" (both TypeError).
bool hash_data_arg(rt::Value v, ByteArg* out);

/// Lower-case hex of `data`.
std::string hex_text(std::string_view data);

/// hmac.compare_digest / _hashlib.compare_digest: two ASCII str or two bytes-like objects,
/// compared in time that depends only on the second one's length.
rt::Ref compare_digest(rt::Value a, rt::Value b);

}  // namespace minipy::lib
