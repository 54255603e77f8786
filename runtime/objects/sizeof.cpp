// __sizeof__: what sys.getsizeof reports before the collector's header. object's is the size of
// the instance struct (CPython's tp_basicsize); the builtin containers add the storage they own,
// as CPython's list/dict/set/str/bytes/bytearray/tuple/int __sizeof__ methods do. The figures are
// minipy's own layout, so they differ from CPython's numbers but grow the same way with content.
#include <string>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/set.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"

namespace minipy::rt {
namespace {

size_t struct_size(Value self) {
  size_t n = type_of(self)->basic_size;
  return n != 0 ? n : sizeof(Object);
}

// Bytes a std::string owns outside the object: none while its text fits the inline buffer.
size_t heap_bytes(const std::string& s) {
  const char* p = s.data();
  const char* inside = reinterpret_cast<const char*>(&s);
  bool inline_buffer = p >= inside && p < inside + sizeof(std::string);
  return inline_buffer ? 0 : s.capacity() + 1;
}

Ref sized(size_t n) { return int_from_int64(static_cast<int64_t>(n)); }

Ref object_sizeof(Value self, NativeArgs&) { return sized(struct_size(self)); }

Ref list_sizeof(Value self, NativeArgs&) {
  return sized(struct_size(self) + as_list(self)->items.capacity() * sizeof(Value));
}

Ref tuple_sizeof(Value self, NativeArgs&) {
  return sized(struct_size(self) + static_cast<TupleObject*>(self.obj())->size * sizeof(Value));
}

Ref dict_sizeof(Value self, NativeArgs&) {
  DictObject* d = as_dict(self);
  return sized(struct_size(self) + d->entries.capacity() * sizeof(DictEntry) +
               d->index.capacity() * sizeof(int32_t));
}

Ref set_sizeof(Value self, NativeArgs&) {
  auto* s = static_cast<SetObject*>(self.obj());
  return sized(struct_size(self) + s->table.capacity() * sizeof(SetEntry));
}

Ref str_sizeof(Value self, NativeArgs&) {
  return sized(struct_size(self) + heap_bytes(as_str(self)->data));
}

Ref bytes_sizeof(Value self, NativeArgs&) {
  return sized(struct_size(self) + heap_bytes(static_cast<BytesObject*>(self.obj())->data));
}

Ref bytearray_sizeof(Value self, NativeArgs&) {
  return sized(struct_size(self) + heap_bytes(static_cast<ByteArrayObject*>(self.obj())->data));
}

Ref int_sizeof(Value self, NativeArgs&) {
  size_t n = struct_size(self);
  if (self.is_object()) {
    n += static_cast<IntObject*>(self.obj())->big.magnitude().capacity() * sizeof(BigInt::Limb);
  }
  return sized(n);
}

constexpr const char* kSpec = "__sizeof__($self, /)";
const NativeDef kObject[] = {{kSpec, object_sizeof}};
const NativeDef kList[] = {{kSpec, list_sizeof}};
const NativeDef kTuple[] = {{kSpec, tuple_sizeof}};
const NativeDef kDict[] = {{kSpec, dict_sizeof}};
const NativeDef kSet[] = {{kSpec, set_sizeof}};
const NativeDef kStr[] = {{kSpec, str_sizeof}};
const NativeDef kBytes[] = {{kSpec, bytes_sizeof}};
const NativeDef kByteArray[] = {{kSpec, bytearray_sizeof}};
const NativeDef kInt[] = {{kSpec, int_sizeof}};

}  // namespace

void sizeof_methods_init() {
  add_methods(&object_type, kObject);
  add_methods(&list_type, kList);
  add_methods(&tuple_type, kTuple);
  add_methods(&dict_type, kDict);
  add_methods(&set_type, kSet);
  add_methods(&frozenset_type, kSet);
  add_methods(&str_type, kStr);
  add_methods(&bytes_type, kBytes);
  add_methods(&bytearray_type, kByteArray);
  add_methods(&int_type, kInt);
}

}  // namespace minipy::rt
