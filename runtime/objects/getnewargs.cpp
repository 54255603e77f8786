// __getnewargs__ of the immutable builtins tuple, str and bytes (copy and pickle rebuild a
// subclass instance from it: (tuple(self),), (str(self),), (bytes(self),)), and bytes.__bytes__.
// Struct sequences inherit tuple's.
#include "runtime/objects/bytes.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"

namespace minipy::rt {

namespace {

Ref tuple_getnewargs(Value self, NativeArgs&) {
  auto* t = static_cast<TupleObject*>(self.obj());
  Ref copy = tuple_from(t->items(), t->size);
  return tuple_of({copy.get()});
}

Ref str_getnewargs(Value self, NativeArgs&) {
  Ref copy = str_new(as_str(self)->view());
  return tuple_of({copy.get()});
}

Ref bytes_plain(Value self) { return bytes_new(static_cast<BytesObject*>(self.obj())->data); }

Ref bytes_getnewargs(Value self, NativeArgs&) {
  Ref copy = bytes_plain(self);
  return tuple_of({copy.get()});
}

// bytes(self) as an exact bytes object: self itself unless it is a subclass instance.
Ref bytes_bytes(Value self, NativeArgs&) {
  if (type_of(self) == &bytes_type) return Ref::new_ref(self);
  return bytes_plain(self);
}

const NativeDef kTupleMethods[] = {{"__getnewargs__($self, /)", tuple_getnewargs}};
const NativeDef kStrMethods[] = {{"__getnewargs__($self, /)", str_getnewargs}};
const NativeDef kBytesMethods[] = {
    {"__getnewargs__($self, /)", bytes_getnewargs},
    {"__bytes__($self, /)", bytes_bytes},
};

}  // namespace

void getnewargs_methods_init() {
  add_methods(&tuple_type, kTupleMethods);
  add_methods(&str_type, kStrMethods);
  add_methods(&bytes_type, kBytesMethods);
}

}  // namespace minipy::rt
