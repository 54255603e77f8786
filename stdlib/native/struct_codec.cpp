// The struct format codec (see struct_codec.h). Integers are range-checked the way CPython
// 3.11's _struct does on a little-endian machine, where the '<' and '=' tables reuse the native
// packers: so '<h' says "short format requires ..." while '>h' says "'h' format requires ...",
// and an int beyond 64 bits is "argument out of range" except for the byte-array packers
// ('>q', '>Q', 'P'), which say "int too large to convert".
#include "stdlib/native/struct_codec.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/// Size of `code` under `order` (0 = not a valid code there).
size_t code_size(char code, bool native) {
  switch (code) {
    case 'x':
    case 'c':
    case 'b':
    case 'B':
    case '?':
    case 's':
    case 'p':
      return 1;
    case 'h':
    case 'H':
    case 'e':
      return 2;
    case 'i':
    case 'I':
    case 'f':
      return 4;
    case 'l':
    case 'L':
      return native ? sizeof(long) : 4;
    case 'q':
    case 'Q':
    case 'd':
      return 8;
    case 'n':
    case 'N':
    case 'P':
      return native ? sizeof(void*) : 0;
    default:
      return 0;
  }
}

Ref struct_error(std::string_view msg) { return raise(struct_error_type(), msg); }

// ---------------------------------------------------------------- integers

/// The int a value packs as: an int, or __index__'s result (CPython's get_pylong).
Ref get_pylong(Value v) {
  if (is_int(v)) return Ref::new_ref(v);
  if (type_of(v)->nb_index == nullptr) return struct_error("required argument is not an integer");
  return number_index(v);
}

void store(char* p, uint64_t x, size_t size, bool big) {
  for (size_t i = 0; i < size; i++) {
    size_t shift = 8 * (big ? size - 1 - i : i);
    p[i] = static_cast<char>((x >> shift) & 0xff);
  }
}

uint64_t load(const char* p, size_t size, bool big) {
  uint64_t x = 0;
  for (size_t i = 0; i < size; i++) {
    size_t shift = 8 * (big ? size - 1 - i : i);
    x |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << shift;
  }
  return x;
}

bool pack_int(char code, char order, size_t size, Value v, char* p) {
  Ref n = get_pylong(v);
  if (!n) return false;
  BigInt b = int_to_bigint(n.get());
  bool big = order == '>' || order == '!';
  bool native = order == '@';
  // The byte-array packers: any value representable in the field's bytes (signed or not).
  if (code == 'P' || (big && (code == 'q' || code == 'Q'))) {
    bool ok = code == 'Q'
                  ? (!b.is_negative() && b.bit_length() <= 64)
                  : (b.is_negative() ? b.fits_int64() : b.bit_length() <= (code == 'P' ? 64 : 63));
    if (!ok) return static_cast<bool>(struct_error("int too large to convert"));
    store(p, static_cast<uint64_t>(b.to_int64()), size, big);
    return true;
  }
  bool unsigned_get =
      code == 'I' || code == 'L' || code == 'Q' || code == 'N' || (big && code == 'H');
  if (unsigned_get ? (b.is_negative() || b.bit_length() > 64) : !b.fits_int64()) {
    return static_cast<bool>(struct_error("argument out of range"));
  }
  uint64_t ux = static_cast<uint64_t>(b.to_int64());
  int64_t sx = static_cast<int64_t>(ux);
  auto range = [&](const char* msg_prefix, int64_t lo, uint64_t hi) {
    bool in = unsigned_get ? ux <= hi : (sx >= lo && (sx < 0 || static_cast<uint64_t>(sx) <= hi));
    if (in) return true;
    raise_fmt(struct_error_type(), "{} format requires {} <= number <= {}", msg_prefix, lo, hi);
    return false;
  };
  std::string quoted = fmt::format("'{}'", code);
  bool ok = true;
  switch (code) {
    case 'b':
      ok = range("byte", -128, 127);
      break;
    case 'B':
      ok = range("ubyte", 0, 255);
      break;
    case 'h':
      ok = range(big ? quoted.c_str() : "short", -32768, 32767);
      break;
    case 'H':
      ok = range(big ? quoted.c_str() : "ushort", 0, 65535);
      break;
    case 'i':
      ok = range(quoted.c_str(), -2147483648LL, 2147483647);
      break;
    case 'I':
      ok = range(quoted.c_str(), 0, 4294967295ULL);
      break;
    case 'l':
      if (!native) ok = range(quoted.c_str(), -2147483648LL, 2147483647);
      break;
    case 'L':
      if (!native) ok = range(quoted.c_str(), 0, 4294967295ULL);
      break;
    default:
      break;  // q Q n N: the 64-bit check above
  }
  if (!ok) return false;
  store(p, ux, size, big);
  return true;
}

Ref unpack_int(char code, char order, size_t size, const char* p) {
  bool big = order == '>' || order == '!';
  uint64_t x = load(p, size, big);
  bool is_unsigned = code == 'B' || code == 'H' || code == 'I' || code == 'L' || code == 'Q' ||
                     code == 'N' || code == 'P';
  if (is_unsigned) {
    if (x <= static_cast<uint64_t>(INT64_MAX)) return int_from_int64(static_cast<int64_t>(x));
    return int_from_bigint(BigInt::from_uint64(x));
  }
  if (size < 8 && (x >> (8 * size - 1)) & 1) x |= ~uint64_t{0} << (8 * size);  // sign-extend
  return int_from_int64(static_cast<int64_t>(x));
}

// ---------------------------------------------------------------- floats

/// IEEE 754 binary16 from a double, rounding half to even; false when |x| is too large.
bool half_from_double(double x, uint16_t* out) {
  uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  if (std::isnan(x)) {
    *out = sign | 0x7e00;
    return true;
  }
  double a = std::fabs(x);
  if (std::isinf(a)) {
    *out = sign | 0x7c00;
    return true;
  }
  if (a == 0.0) {
    *out = sign;
    return true;
  }
  int e;
  double f = std::frexp(a, &e) * 2.0;  // a = f * 2**(e-1), 1 <= f < 2
  e -= 1;
  if (e >= 16) return false;
  if (e < -25) {  // below half the smallest subnormal: zero
    f = 0.0;
    e = 0;
  } else if (e < -14) {  // subnormal: no implicit leading bit
    f = std::ldexp(f, 14 + e);
    e = 0;
  } else {
    e += 15;
    f -= 1.0;
  }
  f *= 1024.0;
  auto bits = static_cast<uint32_t>(f);
  double rest = f - bits;
  if (rest > 0.5 || (rest == 0.5 && (bits & 1))) {
    if (++bits == 1024) {  // the carry ran out of the mantissa
      bits = 0;
      if (++e == 31) return false;
    }
  }
  *out = static_cast<uint16_t>(sign | (e << 10) | bits);
  return true;
}

double half_to_double(uint16_t h) {
  bool neg = h & 0x8000;
  int e = (h >> 10) & 0x1f;
  unsigned f = h & 0x3ff;
  double x;
  if (e == 0x1f) {
    x = f == 0 ? INFINITY : NAN;
  } else if (e == 0) {
    x = std::ldexp(static_cast<double>(f), -24);
  } else {
    x = std::ldexp(1.0 + f / 1024.0, e - 15);
  }
  return neg ? -x : x;
}

bool pack_float(char code, char order, Value v, char* p) {
  double x;
  if (!is_float(v) && !is_int(v) && type_of(v)->nb_float == nullptr &&
      type_of(v)->nb_index == nullptr) {
    return static_cast<bool>(struct_error("required argument is not a float"));
  }
  if (!convert_to_double(v, &x)) return false;
  bool big = order == '>' || order == '!';
  if (code == 'e') {
    uint16_t h;
    if (!half_from_double(x, &h))
      return static_cast<bool>(raise(&exc_OverflowError, "float too large to pack with e format"));
    store(p, h, 2, big);
  } else if (code == 'f') {
    float y = static_cast<float>(x);
    // Native 'f' casts as C does; the standard packers refuse a finite double beyond float.
    if (order != '@' && std::isinf(y) && !std::isinf(x)) {
      return static_cast<bool>(raise(&exc_OverflowError, "float too large to pack with f format"));
    }
    uint32_t bits;
    std::memcpy(&bits, &y, 4);
    store(p, bits, 4, big);
  } else {
    uint64_t bits;
    std::memcpy(&bits, &x, 8);
    store(p, bits, 8, big);
  }
  return true;
}

Ref unpack_float(char code, char order, const char* p) {
  bool big = order == '>' || order == '!';
  if (code == 'e') return float_new(half_to_double(static_cast<uint16_t>(load(p, 2, big))));
  if (code == 'f') {
    auto bits = static_cast<uint32_t>(load(p, 4, big));
    float y;
    std::memcpy(&y, &bits, 4);
    return float_new(y);
  }
  uint64_t bits = load(p, 8, big);
  double d;
  std::memcpy(&d, &bits, 8);
  return float_new(d);
}

bool pack_one(char code, char order, size_t size, Value v, char* p) {
  switch (code) {
    case 'c': {
      if (!is_bytes(v) || static_cast<BytesObject*>(v.obj())->data.size() != 1) {
        return static_cast<bool>(struct_error("char format requires a bytes object of length 1"));
      }
      *p = static_cast<BytesObject*>(v.obj())->data[0];
      return true;
    }
    case '?': {
      int t = truthy(v);
      if (t < 0) return false;
      *p = static_cast<char>(t);
      return true;
    }
    case 'e':
    case 'f':
    case 'd':
      return pack_float(code, order, v, p);
    default:
      return pack_int(code, order, size, v, p);
  }
}

Ref unpack_one(char code, char order, size_t size, const char* p) {
  switch (code) {
    case 'c':
      return bytes_new(std::string_view(p, 1));
    case '?':
      return bool_ref(*p != 0);
    case 'e':
    case 'f':
    case 'd':
      return unpack_float(code, order, p);
    default:
      return unpack_int(code, order, size, p);
  }
}

}  // namespace

bool struct_compile(std::string_view fmt, StructLayout* out) {
  out->items.clear();
  out->order = '@';
  size_t i = 0;
  if (!fmt.empty() &&
      (fmt[0] == '@' || fmt[0] == '=' || fmt[0] == '<' || fmt[0] == '>' || fmt[0] == '!')) {
    out->order = fmt[0];
    i = 1;
  }
  bool native = out->order == '@';
  constexpr size_t kMax = static_cast<size_t>(std::numeric_limits<int64_t>::max());
  size_t size = 0, nvalues = 0;
  auto too_long = [] { return static_cast<bool>(struct_error("total struct size too long")); };
  while (i < fmt.size()) {
    char c = fmt[i++];
    if (is_space(c)) continue;
    size_t num = 1;
    if (c >= '0' && c <= '9') {
      num = static_cast<size_t>(c - '0');
      for (;;) {
        if (i >= fmt.size())
          return static_cast<bool>(struct_error("repeat count given without format specifier"));
        c = fmt[i++];
        if (c < '0' || c > '9') break;
        if (num > (kMax - static_cast<size_t>(c - '0')) / 10) return too_long();
        num = num * 10 + static_cast<size_t>(c - '0');
      }
    }
    size_t isize = code_size(c, native);
    if (isize == 0) return static_cast<bool>(struct_error("bad char in struct format"));
    if (native && isize > 1 && c != 's' && c != 'p' && c != 'x') {
      size_t aligned = (size + isize - 1) / isize * isize;  // natural alignment: the item's size
      if (aligned < size) return too_long();
      size = aligned;
    }
    if (c == 's' || c == 'p') {
      out->items.push_back({c, size, num, 1});
      nvalues++;
      if (num > kMax - size) return too_long();
      size += num;
    } else {
      if (num != 0 && isize > (kMax - size) / num) return too_long();
      if (c != 'x' && num > 0) {
        out->items.push_back({c, size, isize, num});
        nvalues += num;
      }
      size += isize * num;
    }
  }
  out->size = size;
  out->nvalues = nvalues;
  return true;
}

bool struct_pack(const StructLayout& layout, const Value* values, char* buf) {
  std::memset(buf, 0, layout.size);
  size_t k = 0;
  for (const StructItem& it : layout.items) {
    char* p = buf + it.offset;
    if (it.code == 's' || it.code == 'p') {
      Value v = values[k++];
      std::string_view data;
      if (!(is_bytes(v) || is_bytearray(v)) || !bytes_like_data(v, &data)) {
        return static_cast<bool>(
            raise_fmt(struct_error_type(), "argument for '{}' must be a bytes object", it.code));
      }
      if (it.code == 's') {
        std::memcpy(p, data.data(), std::min(data.size(), it.size));
      } else if (it.size > 0) {
        size_t n = std::min(data.size(), it.size - 1);
        std::memcpy(p + 1, data.data(), n);
        *p = static_cast<char>(std::min<size_t>(n, 255));
      }
      continue;
    }
    for (size_t r = 0; r < it.repeat; r++) {
      if (!pack_one(it.code, layout.order, it.size, values[k++], p + r * it.size)) return false;
    }
  }
  return true;
}

Ref struct_unpack(const StructLayout& layout, const char* buf) {
  Ref t = tuple_new(layout.nvalues);
  if (!t) return t;
  size_t k = 0;
  for (const StructItem& it : layout.items) {
    const char* p = buf + it.offset;
    if (it.code == 's' || it.code == 'p') {
      Ref b;
      if (it.code == 's') {
        b = bytes_new(std::string_view(p, it.size));
      } else {
        size_t n = it.size == 0 ? 0 : std::min<size_t>(static_cast<unsigned char>(*p), it.size - 1);
        b = bytes_new(std::string_view(p + (it.size == 0 ? 0 : 1), n));
      }
      if (!b) return b;
      tuple_set_steal(as_tuple(t.get()), k++, b.release());
      continue;
    }
    for (size_t r = 0; r < it.repeat; r++) {
      Ref v = unpack_one(it.code, layout.order, it.size, p + r * it.size);
      if (!v) return v;
      tuple_set_steal(as_tuple(t.get()), k++, v.release());
    }
  }
  return t;
}

}  // namespace minipy::lib
