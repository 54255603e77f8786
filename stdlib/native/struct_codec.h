// The codec under the _struct module: a struct format string ("<hi", "@bq", "10s3x") compiled
// once into a layout of items with offsets, and packing/unpacking of Python values to and from
// bytes by that layout, with CPython 3.11's sizes, native alignment and struct.error messages.
// _struct.cpp builds the module (Struct objects, the format cache) on top of this.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::lib {

/// One format code with its repeat: `repeat` values of `size` bytes each from `offset` on;
/// for 's' and 'p' one value of `size` bytes (the count is the length).
struct StructItem {
  char code;
  size_t offset;
  size_t size;
  size_t repeat;
};

struct StructLayout {
  char order = '@';  // '@' native size and alignment; '<' '>' '=' '!' standard sizes
  std::vector<StructItem> items;
  size_t size = 0;     // bytes
  size_t nvalues = 0;  // Python values packed/unpacked
};

/// struct.error (created by the _struct module at import).
rt::TypeObject* struct_error_type();

/// Compiles `fmt`; false with struct.error ("bad char in struct format", "repeat count given
/// without format specifier", "total struct size too long").
bool struct_compile(std::string_view fmt, StructLayout* out);

/// Packs `values` (layout.nvalues of them) into `buf` (layout.size bytes, zeroed first). False
/// with struct.error / OverflowError as CPython ("ubyte format requires 0 <= number <= 255").
bool struct_pack(const StructLayout& layout, const rt::Value* values, char* buf);

/// Unpacks layout.size bytes at `buf` into a tuple.
rt::Ref struct_unpack(const StructLayout& layout, const char* buf);

}  // namespace minipy::lib
