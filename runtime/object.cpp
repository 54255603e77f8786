// Object lifetime: freeing an object whose reference count reached zero.
#include "runtime/object.h"

#include "runtime/gc/collector.h"
#include "runtime/gc/weakref.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/type.h"

namespace minipy::rt {

void dealloc_object(Object* o) {
  TypeObject* t = o->type;
  if (t->finalize != nullptr && !(o->gc_bits & kGcFinalized)) {
    // PEP 442: the finalizer sees a live object (count 1) and may resurrect it.
    o->refcnt = 1;
    gc_call_finalizer(o);
    if (--o->refcnt != 0) return;
  }
  // Untrack first: weakref callbacks may run a collection, which must not see a dying object.
  gc_untrack(o);
  if (o->gc_bits & kGcHasWeakrefs) weakrefs_clear_on_dealloc(o);
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
