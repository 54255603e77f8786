// Object lifetime: freeing an object whose reference count reached zero.
#include "runtime/object.h"

#include <vector>

#include "runtime/gc/collector.h"
#include "runtime/gc/weakref.h"
#include "runtime/objects/dict.h"
#include "runtime/type.h"

namespace minipy::rt {

namespace {
constexpr int kMaxDeallocDepth = 100;  // nested frees before queueing (CPython: 50)
struct DeallocQueue {
  int depth = 0;                 // nested free_object calls on this thread
  std::vector<Object*> pending;  // objects whose free waits for the outermost call
};
thread_local DeallocQueue t_dealloc_queue;
}  // namespace

static void free_object(Object* o);

void dealloc_object(Object* o) {
  TypeObject* t = o->type;
  if (t->flags & kTypeLeaf) {
    // Freeing it frees nothing else, so it needs neither the finalizer, the collector nor the
    // nested-free queue below (the hot case: float and int temporaries).
    t->dealloc(o);
    return;
  }
  if (t->finalize != nullptr && !(gc_bits_load(o) & kGcFinalized)) {
    // PEP 442: the finalizer sees a live object (count 1) and may resurrect it.
    set_refcount(o, 1);
    gc_call_finalizer(o);
#ifndef MINIPY_FREE_THREADING
    if (--o->refcnt != 0) return;
#else
    // Other threads may have taken references meanwhile: whoever drops the last one frees the
    // object (the finalizer is marked as run, so this function does not run it again).
    decref(o);
    return;
#endif
  }
  // Untrack first: weakref callbacks may run a collection, which must not see a dying object.
  gc_untrack(o);
  if (gc_bits_load(o) & kGcHasWeakrefs) weakrefs_clear_on_dealloc(o);
  // Freeing a deeply nested container frees its items from inside its own dealloc: past
  // kMaxDeallocDepth nested frees the object waits in a queue that the outermost call drains
  // (CPython's "trashcan"), so a million nested lists are freed without overflowing the stack
  // (issue 12). It is untracked by now, so a collection never sees a queued object.
  DeallocQueue& q = t_dealloc_queue;
  if (q.depth >= kMaxDeallocDepth) {
    try {
      q.pending.push_back(o);
      return;
    } catch (...) {
      // No memory for the queue: free it now, deeper on the stack.
    }
  }
  q.depth++;
  free_object(o);
  if (q.depth == 1) {
    while (!q.pending.empty()) {
      Object* next = q.pending.back();
      q.pending.pop_back();
      free_object(next);
    }
  }
  q.depth--;
}

// The second half of dealloc_object: drop the instance __dict__, run the type's dealloc.
static void free_object(Object* o) {
  TypeObject* t = o->type;
  // A __slots__ class keeps its slot values in the same field its instances' __dict__ would use.
  ptrdiff_t offset = t->dict_offset != 0          ? t->dict_offset
                     : (t->flags & kTypeHasSlots) ? t->subclass_dict_offset
                                                  : 0;
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

}  // namespace minipy::rt
