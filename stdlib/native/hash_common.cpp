// Pieces shared by the hash modules; see hash_common.h.
#include "stdlib/native/hash_common.h"

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"

namespace minipy::lib {

using namespace rt;

bool hash_data_arg(Value v, ByteArg* out) {
  if (is_str(v)) {
    raise(&exc_TypeError, "Strings must be encoded before hashing");
    return false;
  }
  if (!is_byte_like(v)) {
    raise(&exc_TypeError, "object supporting the buffer API required");
    return false;
  }
  std::string_view d;
  bool big = bytes_like_data(v, &d) && d.size() >= kHashGilMin;
  return byte_arg(v, out, big);
}

std::string hex_text(std::string_view data) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (unsigned char c : data) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

namespace {

/// Constant-time equality in the manner of CPython's _tscmp: the loop always runs over `b`'s
/// length, so the time reveals nothing about where `a` differs.
bool timing_safe_equal(std::string_view a, std::string_view b) {
  const unsigned char* left = reinterpret_cast<const unsigned char*>(a.data());
  size_t len = b.size();
  unsigned char result = 0;
  if (a.size() != b.size()) {
    left = reinterpret_cast<const unsigned char*>(b.data());
    result = 1;
  }
  const auto* right = reinterpret_cast<const unsigned char*>(b.data());
  volatile unsigned char acc = result;
  for (size_t i = 0; i < len; i++) acc = acc | static_cast<unsigned char>(left[i] ^ right[i]);
  return acc == 0;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

Ref compare_digest(Value a, Value b) {
  if (is_str(a) && is_str(b)) {
    std::string_view x = as_str(a)->view(), y = as_str(b)->view();
    if (!is_ascii(x) || !is_ascii(y)) {
      return raise(&exc_TypeError, "comparing strings with non-ASCII characters is not supported");
    }
    return bool_ref(timing_safe_equal(x, y));
  }
  if (!is_byte_like(a) && !is_byte_like(b)) {
    return raise_fmt(&exc_TypeError,
                     "unsupported operand types(s) or combination of types: '{}' and '{}'",
                     type_name(a), type_name(b));
  }
  ByteArg x, y;
  if (!byte_arg(a, &x, false) || !byte_arg(b, &y, false)) return Ref();
  return bool_ref(timing_safe_equal(x.data, y.data));
}

}  // namespace minipy::lib
