// array: the array.array type shared by its two files: array.cpp (the type: construction,
// sequence protocol, methods, buffer export, iterator) and array_items.cpp (one item between
// its machine form and a Python value, with CPython's conversion messages, and the machine
// format codes of pickling's _array_reconstructor).
#pragma once

#include <cstdint>
#include <string>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::lib {

/// One typecode: b B u h H i I l L q Q f d (CPython's arraydescr). Items are stored in native
/// byte order and sizes; 'u' is wchar_t (4 bytes, a code point) as on Linux.
struct ArrayDescr {
  char typecode;
  int itemsize;
  bool is_integer;
  bool is_signed;
};

/// The descriptor of `typecode`, or null when it is none of the thirteen.
const ArrayDescr* array_descr(uint32_t typecode);
/// "bBuhHiIlLqQfd"
extern const char kArrayTypecodes[];

struct ArrayObject : rt::Object {
  rt::DictObject* dict = nullptr;  // __dict__ of subclass instances
  const ArrayDescr* descr = nullptr;
  std::string data;     // size() == length * itemsize; the exported buffer
  int64_t exports = 0;  // memoryviews viewing `data`: resizing is refused while > 0
};

extern rt::TypeObject array_type;

inline bool is_array(rt::Value v) {
  return v.is_object() && rt::is_subtype(v.obj()->type, &array_type);
}
inline ArrayObject* as_array(rt::Value v) { return static_cast<ArrayObject*>(v.obj()); }

/// Item `p` (itemsize bytes) as a Python value.
rt::Ref array_item_value(const ArrayDescr* d, const char* p);
/// Converts `v` into one item at `out` (itemsize bytes, up to 8); false with CPython's error
/// ("signed char is greater than maximum", "array item must be unicode character", ...).
bool array_item_bytes(const ArrayDescr* d, rt::Value v, char* out);

/// _array_reconstructor(arraytype, typecode, mformat_code, items): the unpickler's constructor.
rt::Ref array_reconstruct(rt::Value arraytype, int typecode, int mformat_code, rt::Value items);
/// The machine format code pickling records for `d` (CPython's typecode_to_mformat_code).
int array_mformat_code(const ArrayDescr* d);

}  // namespace minipy::lib
