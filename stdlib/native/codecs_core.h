// Shared by the _codecs module (_codecs.cpp: registry, error-handler registry, module functions)
// and the codec implementations (codecs_unicode.cpp, codecs_escape.cpp): how one encode or
// decode call reports a malformed span to its error handler and splices in the replacement.
//
// str objects are UTF-8 internally, lone surrogates included (3-byte sequences), so encoders see
// code points and decoders produce UTF-8. Positions given to handlers and taken back from them
// are code-point indexes (encode) or byte offsets (decode), as in CPython.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "runtime/object.h"

namespace minipy::lib::codecs {

/// The standard error handlers are applied inline; any other name goes through the registry.
enum class Handler {
  Strict,
  Ignore,
  Replace,
  SurrogateEscape,
  SurrogatePass,
  BackslashReplace,
  XmlCharRefReplace,
  NameReplace,
  Other
};
Handler handler_kind(std::string_view errors);

/// One decode call: `data` is the input (borrowed from `input` when that is non-null; an
/// exception object needs a bytes object and one is made from `data` otherwise).
struct DecodeCtx {
  DecodeCtx(const char* enc, rt::Value in, std::string_view d, std::string_view errs)
      : encoding(enc), input(in), data(d), errors(errs), kind(handler_kind(errs)) {}
  const char* encoding;
  rt::Value input;
  std::string_view data;
  std::string_view errors;
  Handler kind;
  std::string out;  // UTF-8
  rt::Ref exc;      // the exception object, reused across errors of one call
};

/// Reports bytes [start, end) as malformed. Appends the replacement to c.out and returns the
/// position to continue from, or -1 with an exception set.
int64_t decode_error(DecodeCtx& c, int64_t start, int64_t end, const char* reason);

/// One encode call over the code points of `input` (a str).
struct EncodeCtx {
  EncodeCtx(const char* enc, rt::Value in, std::u32string points, std::string_view errs)
      : encoding(enc), input(in), cps(std::move(points)), errors(errs), kind(handler_kind(errs)) {}
  const char* encoding;
  rt::Value input;
  std::u32string cps;
  std::string_view errors;
  Handler kind;
  std::string out;  // the encoded bytes
  rt::Ref exc;
  /// Encodes one code point of a handler's str replacement; false = not encodable (the original
  /// error is raised then, as CPython does).
  bool (*encode_rep)(EncodeCtx& c, uint32_t cp) = nullptr;
  int unit = 1;  // UTF-16/32: bytes per unit and their order, for encode_rep
  bool big = false;
  rt::Value mapping;  // charmap: the mapping, for encode_rep
};

/// Reports characters [start, end) as unencodable: appends the handler's replacement to c.out
/// and returns the position to continue from, or -1 with an exception set.
int64_t encode_error(EncodeCtx& c, int64_t start, int64_t end, const char* reason);

/// codecs.lookup(encoding): the CodecInfo registered for the normalized name (LookupError
/// "unknown encoding: X" when no search function knows it).
rt::Ref codec_lookup(std::string_view encoding);
/// Decodes a str into code points (lone surrogates kept).
std::u32string code_points(rt::Value str);
/// Appends one code point to UTF-8 (surrogates as 3 bytes, as str stores them).
void put_utf8(std::string& out, uint32_t cp);

/// The codec functions (codecs_unicode.cpp). `errors` empty = "strict". Each returns the
/// result object (bytes or str) and sets *consumed (decode: input bytes used).
rt::Ref utf8_encode(rt::Value str, std::string_view errors);
rt::Ref utf8_decode(rt::Value input, std::string_view data, std::string_view errors, bool final,
                    int64_t* consumed);
rt::Ref latin1_or_ascii_encode(rt::Value str, std::string_view errors, bool ascii);
rt::Ref latin1_or_ascii_decode(rt::Value input, std::string_view data, std::string_view errors,
                               bool ascii);
/// byteorder: -1 little, 1 big, 0 = native with a BOM first (encode) or detected (decode;
/// *byteorder is updated from a BOM).
rt::Ref utf16_encode(rt::Value str, std::string_view errors, int byteorder);
rt::Ref utf16_decode(rt::Value input, std::string_view data, std::string_view errors,
                     int* byteorder, bool final, int64_t* consumed);
rt::Ref utf32_encode(rt::Value str, std::string_view errors, int byteorder);
rt::Ref utf32_decode(rt::Value input, std::string_view data, std::string_view errors,
                     int* byteorder, bool final, int64_t* consumed);
/// charmap: `mapping` null/None = latin-1; decode maps byte -> str/int/None via mapping[byte];
/// encode maps ord -> bytes/int/None via mapping[ord] (a dict, or charmap_build's result).
rt::Ref charmap_encode(rt::Value str, std::string_view errors, rt::Value mapping);
rt::Ref charmap_decode(rt::Value input, std::string_view data, std::string_view errors,
                       rt::Value mapping);

/// codecs_escape.cpp: unicode_escape, raw_unicode_escape and the bytes escape codec.
rt::Ref unicode_escape_encode(rt::Value str, bool raw);
rt::Ref unicode_escape_decode(rt::Value input, std::string_view data, std::string_view errors,
                              bool raw, bool final, int64_t* consumed);
rt::Ref escape_encode(std::string_view data);
rt::Ref escape_decode(std::string_view data, std::string_view errors);

}  // namespace minipy::lib::codecs
