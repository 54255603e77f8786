// Object lifetime: freeing an object whose reference count reached zero.
#include "runtime/object.h"

#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/type.h"

namespace minipy::rt {

void dealloc_object(Object* o) {
  TypeObject* t = o->type;
  // A __slots__ class keeps its slot values in the same field its instances' __dict__ would use.
  size_t offset = t->dict_offset != 0 ? t->dict_offset : (t->flags & kTypeHasSlots) ? t->subclass_dict_offset : 0;
  if (offset != 0) {
    auto** slot = reinterpret_cast<DictObject**>(reinterpret_cast<char*>(o) + offset);
    if (*slot != nullptr) {
      DictObject* d = *slot;
      *slot = nullptr;
      decref(d);
    }
  }
  t->dealloc(o);
  if (t->flags & kTypeHeap) decref(t);
}

TypeObject* type_of(Value v) {
  if (v.is_small()) return &int_type;
  return v.obj()->type;
}

}  // namespace minipy::rt
