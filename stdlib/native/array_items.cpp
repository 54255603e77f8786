// array items (see array.h): one item between its machine form and a Python value with
// CPython 3.11's conversion messages (Modules/arraymodule.c's *_setitem functions parse with
// PyArg_Parse codes whose range errors they inherit: an 'H' item is first a C int, a 'b' item
// first a C short), and the machine format codes that pickling's _array_reconstructor reads.
#include <bit>
#include <climits>
#include <cstring>
#include <string>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "stdlib/native/array.h"

namespace minipy::lib {

using namespace rt;

const char kArrayTypecodes[] = "bBuhHiIlLqQfd";

namespace {

// In CPython's descriptor order, which _array_reconstructor's search for an integer typecode of
// a given size follows (the last match wins).
constexpr ArrayDescr kDescrs[] = {
    {'b', 1, true, true},
    {'B', 1, true, false},
    {'u', 4, false, false},
    {'h', static_cast<int>(sizeof(short)), true, true},
    {'H', static_cast<int>(sizeof(short)), true, false},
    {'i', static_cast<int>(sizeof(int)), true, true},
    {'I', static_cast<int>(sizeof(int)), true, false},
    {'l', static_cast<int>(sizeof(long)), true, true},
    {'L', static_cast<int>(sizeof(long)), true, false},
    {'q', static_cast<int>(sizeof(long long)), true, true},
    {'Q', static_cast<int>(sizeof(long long)), true, false},
    {'f', 4, false, true},
    {'d', 8, false, true},
};

template <class T>
bool store(char* out, T x) {
  std::memcpy(out, &x, sizeof x);
  return true;
}

template <class T>
T load(const char* p) {
  T x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

bool overflow(const char* msg) {
  raise(&exc_OverflowError, msg);
  return false;
}

/// The range check of a PyArg_Parse integer code: `what` is its C type's wording.
bool check_range(int64_t x, int64_t lo, int64_t hi, const char* less, const char* greater) {
  if (x < lo) return overflow(less);
  if (x > hi) return overflow(greater);
  return true;
}

// Machine formats (CPython's enum machine_format_code): size in bytes, signedness, byte order.
// The UTF-16/32 entries keep CPython's sizes (4 and 8), which its length check uses.
struct MachineFormat {
  int size;
  bool is_signed;
  bool big_endian;
};
constexpr MachineFormat kMachineFormats[] = {
    {1, false, false}, {1, true, false},  {2, false, false}, {2, false, true},  {2, true, false},
    {2, true, true},   {4, false, false}, {4, false, true},  {4, true, false},  {4, true, true},
    {8, false, false}, {8, false, true},  {8, true, false},  {8, true, true},   {4, false, false},
    {4, false, true},  {8, false, false}, {8, false, true},  {4, false, false}, {4, false, true},
    {8, false, false}, {8, false, true},
};
constexpr int kFloatLE = 14, kFloatBE = 15, kDoubleLE = 16, kDoubleBE = 17, kUtf16LE = 18,
              kUtf16BE = 19, kUtf32LE = 20, kUtf32BE = 21;

/// `n` bytes at `p` in the given order, as an unsigned number.
uint64_t read_uint(const unsigned char* p, int n, bool big_endian) {
  uint64_t x = 0;
  for (int i = 0; i < n; i++) x = (x << 8) | p[big_endian ? i : n - 1 - i];
  return x;
}

Ref make_array(Value arraytype, char typecode, Value items) {
  Ref tc = str_from_char(static_cast<unsigned char>(typecode));
  Value args[2] = {tc.get(), items};
  return call(arraytype, args, 2);
}

}  // namespace

const ArrayDescr* array_descr(uint32_t typecode) {
  for (const ArrayDescr& d : kDescrs) {
    if (static_cast<uint32_t>(static_cast<unsigned char>(d.typecode)) == typecode) return &d;
  }
  return nullptr;
}

Ref array_item_value(const ArrayDescr* d, const char* p) {
  switch (d->typecode) {
    case 'b':
      return Ref::small(load<signed char>(p));
    case 'B':
      return Ref::small(load<unsigned char>(p));
    case 'u': {
      uint32_t cp = load<uint32_t>(p);
      if (cp > 0x10FFFF) return raise(&exc_ValueError, "chr() arg not in range(0x110000)");
      return str_from_char(cp);
    }
    case 'h':
      return Ref::small(load<short>(p));
    case 'H':
      return Ref::small(load<unsigned short>(p));
    case 'i':
      return Ref::small(load<int>(p));
    case 'I':
      return int_from_int64(load<unsigned>(p));
    case 'l':
      return int_from_int64(load<long>(p));
    case 'q':
      return int_from_int64(load<long long>(p));
    case 'f':
      return float_new(load<float>(p));
    case 'd':
      return float_new(load<double>(p));
    default: {  // 'L', 'Q': unsigned 64-bit
      uint64_t x = load<uint64_t>(p);
      if (x <= static_cast<uint64_t>(INT64_MAX)) return int_from_int64(static_cast<int64_t>(x));
      return int_from_bigint(BigInt::from_uint64(x));
    }
  }
}

bool array_item_bytes(const ArrayDescr* d, Value v, char* out) {
  char tc = d->typecode;
  if (tc == 'u') {
    if (!is_str(v) || as_str(v)->length != 1) {
      raise(&exc_TypeError, "array item must be unicode character");
      return false;
    }
    size_t pos = 0;
    return store(out, utf8_decode(as_str(v)->view(), pos));
  }
  if (tc == 'f' || tc == 'd') {
    double x;
    if (!convert_to_double(v, &x)) return false;
    return tc == 'f' ? store(out, static_cast<float>(x)) : store(out, x);
  }
  Ref n = number_index(v);
  if (!n) return false;
  BigInt b = int_to_bigint(n.get());
  bool fits = b.fits_int64();
  int64_t x = fits ? b.to_int64() : 0;
  const char* too_big_long = "Python int too large to convert to C long";
  switch (tc) {
    case 'b':
      if (!fits) return overflow(too_big_long);
      if (!check_range(x, SHRT_MIN, SHRT_MAX, "signed short integer is less than minimum",
                       "signed short integer is greater than maximum") ||
          !check_range(x, SCHAR_MIN, SCHAR_MAX, "signed char is less than minimum",
                       "signed char is greater than maximum")) {
        return false;
      }
      return store(out, static_cast<signed char>(x));
    case 'B':
      if (!fits) return overflow(too_big_long);
      if (!check_range(x, 0, UCHAR_MAX, "unsigned byte integer is less than minimum",
                       "unsigned byte integer is greater than maximum")) {
        return false;
      }
      return store(out, static_cast<unsigned char>(x));
    case 'h':
      if (!fits) return overflow(too_big_long);
      if (!check_range(x, SHRT_MIN, SHRT_MAX, "signed short integer is less than minimum",
                       "signed short integer is greater than maximum")) {
        return false;
      }
      return store(out, static_cast<short>(x));
    case 'H':
      if (!fits) return overflow(too_big_long);
      if (!check_range(x, INT_MIN, INT_MAX, "signed integer is less than minimum",
                       "signed integer is greater than maximum") ||
          !check_range(x, 0, USHRT_MAX, "unsigned short is less than minimum",
                       "unsigned short is greater than maximum")) {
        return false;
      }
      return store(out, static_cast<unsigned short>(x));
    case 'i':
      if (!fits) return overflow(too_big_long);
      if (!check_range(x, INT_MIN, INT_MAX, "signed integer is less than minimum",
                       "signed integer is greater than maximum")) {
        return false;
      }
      return store(out, static_cast<int>(x));
    case 'I':
    case 'L': {
      if (b.is_negative()) return overflow("can't convert negative value to unsigned int");
      if (b.bit_length() > 64)
        return overflow("Python int too large to convert to C unsigned long");
      auto ux = static_cast<uint64_t>(b.to_int64());
      if (tc == 'L') return store(out, static_cast<unsigned long>(ux));
      if (ux > UINT_MAX) return overflow("unsigned int is greater than maximum");
      return store(out, static_cast<unsigned>(ux));
    }
    case 'l':
      if (!fits) return overflow(too_big_long);
      return store(out, static_cast<long>(x));
    case 'q':
      if (!fits) return overflow("int too big to convert");
      return store(out, static_cast<long long>(x));
    default:  // 'Q'
      if (b.is_negative()) return overflow("can't convert negative int to unsigned");
      if (b.bit_length() > 64) return overflow("int too big to convert");
      return store(out, static_cast<unsigned long long>(b.to_int64()));
  }
}

int array_mformat_code(const ArrayDescr* d) {
  // Native little-endian: the codes of x86-64 and aarch64 Linux.
  static_assert(std::endian::native == std::endian::little, "machine format codes assume LE");
  switch (d->typecode) {
    case 'b':
      return 1;
    case 'B':
      return 0;
    case 'u':
      return kUtf32LE;
    case 'f':
      return kFloatLE;
    case 'd':
      return kDoubleLE;
    default: {
      int base = d->itemsize == 2 ? 2 : d->itemsize == 4 ? 6 : 10;  // unsigned LE of that size
      return base + (d->is_signed ? 2 : 0);
    }
  }
}

Ref array_reconstruct(Value arraytype, int typecode, int mformat_code, Value items) {
  if (!is_subtype(type_of(arraytype), &type_type)) {
    return raise_fmt(&exc_TypeError, "first argument must be a type object, not {}",
                     type_name(arraytype));
  }
  auto* type = static_cast<TypeObject*>(arraytype.obj());
  if (!is_subtype(type, &array_type))
    return raise_fmt(&exc_TypeError, "{} is not a subtype of array.array", type->name);
  const ArrayDescr* d = array_descr(static_cast<uint32_t>(typecode));
  if (d == nullptr) return raise(&exc_ValueError, "second argument must be a valid type code");
  if (mformat_code < 0 || mformat_code > kUtf32BE)
    return raise(&exc_ValueError, "third argument must be a valid machine format code.");
  if (!is_bytes(items)) {
    return raise_fmt(&exc_TypeError, "fourth argument should be bytes, not {}", type_name(items));
  }
  char tc = d->typecode;
  if (mformat_code == array_mformat_code(d)) return make_array(arraytype, tc, items);
  // Another machine's layout: decode the items, then build from the values.
  const MachineFormat& mf = kMachineFormats[mformat_code];
  std::string_view raw = static_cast<BytesObject*>(items.obj())->data;
  if (raw.size() % static_cast<size_t>(mf.size) != 0)
    return raise(&exc_ValueError, "string length not a multiple of item size");
  if (mformat_code >= kUtf16LE) {
    const char* codec = mformat_code == kUtf16LE   ? "utf-16-le"
                        : mformat_code == kUtf16BE ? "utf-16-be"
                        : mformat_code == kUtf32LE ? "utf-32-le"
                                                   : "utf-32-be";
    Ref enc = str_new(codec);
    Ref text = bytes_decode_to_str(items, enc.get(), Value());
    if (!text) return text;
    return make_array(arraytype, tc, text.get());
  }
  Ref values = list_new();
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  size_t count = raw.size() / static_cast<size_t>(mf.size);
  if (mformat_code >= kFloatLE) {
    for (size_t i = 0; i < count; i++, p += mf.size) {
      uint64_t bits = read_uint(p, mf.size, mf.big_endian);
      double x;
      if (mf.size == 4) {
        float f;
        auto b32 = static_cast<uint32_t>(bits);
        std::memcpy(&f, &b32, 4);
        x = f;
      } else {
        std::memcpy(&x, &bits, 8);
      }
      list_append_steal(as_list(values.get()), float_new(x).release());
    }
    return make_array(arraytype, tc, values.get());
  }
  // Integers: the typecode of the same size and signedness (which may differ from the one
  // asked for, as in CPython, when the pickling machine's sizes differ).
  for (const ArrayDescr& cand : kDescrs) {
    if (cand.is_integer && cand.itemsize == mf.size && cand.is_signed == mf.is_signed)
      tc = cand.typecode;
  }
  for (size_t i = 0; i < count; i++, p += mf.size) {
    uint64_t u = read_uint(p, mf.size, mf.big_endian);
    Ref v;
    if (mf.is_signed) {
      int shift = 64 - 8 * mf.size;
      v = int_from_int64(static_cast<int64_t>(u << shift) >> shift);  // sign-extends
    } else if (u <= static_cast<uint64_t>(INT64_MAX)) {
      v = int_from_int64(static_cast<int64_t>(u));
    } else {
      v = int_from_bigint(BigInt::from_uint64(u));
    }
    list_append_steal(as_list(values.get()), v.release());
  }
  return make_array(arraytype, tc, values.get());
}

}  // namespace minipy::lib
