// memoryview over the byte buffers minipy has (bytes, bytearray, another memoryview): one
// dimension of items in any native single-character struct format (cast('I'), cast('d'), ...),
// slicing with steps, writes through to a bytearray, release. Multi-dimensional shapes are not
// supported.
#pragma once

#include <span>
#include <string_view>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct MemoryViewObject : Object {
  Ref obj;                 // the exporter: a bytes or bytearray (null once released)
  int64_t start = 0;       // first byte
  int64_t step = 1;        // bytes between items (the stride; contiguous when == itemsize)
  int64_t length = 0;      // number of items
  char format = 'B';       // a native struct format character: 'B', 'b', 'c', 'I', 'd', '?', ...
  bool format_at = false;  // written as '@I' (the format attribute shows it so)
  int itemsize = 1;
  bool readonly = true;
  bool released = false;
};

extern TypeObject memoryview_type;

inline bool is_memoryview(Value v) { return v.is_object() && v.obj()->type == &memoryview_type; }
/// The bytes a contiguous (step 1) memoryview shows; false when it is not contiguous or was
/// released (no exception set).
bool memoryview_contiguous_data(Value v, std::string_view* out);
/// The same for writing: false also when the view is read-only.
bool memoryview_writable_data(Value v, std::span<char>* out);

void memoryview_type_init();

}  // namespace minipy::rt
