// bytes (immutable) and bytearray (mutable): raw byte strings.
#pragma once

#include <string>
#include <string_view>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct DictObject;

struct BytesObject : Object {
  int64_t hash = -1;
  std::string data;
};

struct ByteArrayObject : Object {
  DictObject* dict = nullptr;
  std::string data;
};

extern TypeObject bytes_type;
extern TypeObject bytearray_type;

inline bool is_bytes(Value v) { return v.is_object() && is_subtype(v.obj()->type, &bytes_type); }
inline bool is_bytearray(Value v) { return v.is_object() && is_subtype(v.obj()->type, &bytearray_type); }

Ref bytes_new(std::string_view data);
Ref bytearray_new(std::string_view data);
/// The bytes of a bytes or bytearray object (false if v is neither).
bool bytes_like_data(Value v, std::string_view* out);
/// repr of a byte string: b'...' with CPython's escapes.
std::string bytes_repr_text(std::string_view data, bool bytearray = false);
/// bytes.decode(encoding, errors) -> str; encoding may be null (utf-8).
Ref bytes_decode_to_str(Value bytes, Value encoding, Value errors);
/// str.encode(encoding, errors) -> bytes.
Ref str_encode(Value str, Value encoding, Value errors);

/// The codec machinery behind str.encode/bytes.decode for anything the runtime does not do
/// itself (non-native encodings, malformed input, error handlers): stdlib's _codecs installs
/// these at start-up. `encoding` and `errors` are str or null (utf-8, strict).
struct CodecHooks {
  Ref (*encode)(Value str, Value encoding, Value errors) = nullptr;
  Ref (*decode)(Value bytes_like, Value encoding, Value errors) = nullptr;
};
extern CodecHooks codec_hooks;

/// Registers bytes/bytearray methods (bytes_methods.cpp).
void bytes_methods_init();

}  // namespace minipy::rt
