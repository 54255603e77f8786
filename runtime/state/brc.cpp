// Biased reference counting's slow paths (PEP 703; the fast paths are incref/decref in
// runtime/object.h): merging an object's two counts, and the per-thread queues through which a
// non-owner thread hands an object whose shared count would go negative to its owner.
//
// Why a queue: only the owner may read and reset its non-atomic local count, so a non-owner that
// might have dropped the last reference cannot decide alone. It marks the shared count QUEUED
// (keeping its own reference, which the queue now holds) and the owner merges at its next
// eval-breaker check. An owner that has exited merges nothing any more: its local count is then
// stable, so the queuing thread merges in its place.
// Compiled only into free-threaded builds with biased counting (the default there).
#include "runtime/state/brc.h"

#include <atomic>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "runtime/object.h"
#include "runtime/state/eval_breaker.h"

#if defined(MINIPY_FREE_THREADING)

namespace minipy::rt {

namespace {

std::atomic<uintptr_t> g_next_thread_id{1};

#ifndef MINIPY_REFCOUNT_ATOMIC

struct BrcQueue {
  std::vector<Object*> objects;  // each holds one reference not yet subtracted from its counts
};

/// Owner id -> its queue and breaker word. One mutex for all: queuing is the rare path (a
/// non-owner dropping an object's shared count below zero).
struct Registry {
  std::mutex mu;
  std::unordered_map<uintptr_t, std::pair<BrcQueue*, std::atomic<uint32_t>*>> threads;
};
Registry& registry() {
  static Registry* r = new Registry();  // never destroyed: daemon threads may still count at exit
  return *r;
}

thread_local BrcQueue t_queue;
thread_local bool t_tls_dying = false;  // the thread's thread_locals are being destroyed

/// Unregisters the thread when it ends without brc_thread_exit (threads that never ran Python
/// code but created objects, e.g. in unit tests); the runtime calls brc_thread_exit itself.
/// Constructed after t_queue (see brc_assign_thread_id), so destroyed before it.
struct ExitHook {
  bool armed = false;
  ~ExitHook() {
    t_tls_dying = true;
    if (armed) brc_thread_exit();
  }
};
thread_local ExitHook t_exit_hook;

/// Adds the owner's local count and `extra` to the shared count, marks it MERGED and gives up
/// ownership. Only the owner, or anyone once the owner has exited, may call it. Returns the count.
int32_t explicit_merge(Object* o, int32_t extra) {
  // The owner's fields are given up before the merge is published: once ref_shared says MERGED,
  // another thread's decref may take the count to zero and free the object, so nothing here may
  // write to it afterwards (ThreadSanitizer saw these stores race with that free).
  auto local = static_cast<int32_t>(o->refcnt.load(std::memory_order_relaxed));
  o->refcnt.store(0, std::memory_order_relaxed);
  o->owner.store(0, std::memory_order_relaxed);
  int32_t shared = o->ref_shared.load(std::memory_order_relaxed);
  int32_t count;
  int32_t merged;
  do {
    count = (shared >> kSharedShift) + local + extra;
    merged = (count << kSharedShift) | kSharedMerged;
  } while (!o->ref_shared.compare_exchange_weak(shared, merged, std::memory_order_acq_rel));
  return count;
}

void queue_to_owner(Object* o) {
  uintptr_t owner = o->owner.load(std::memory_order_relaxed);
  {
    Registry& r = registry();
    std::lock_guard<std::mutex> g(r.mu);
    auto it = r.threads.find(owner);
    if (it != r.threads.end()) {
      it->second.first->objects.push_back(o);
      it->second.second->fetch_or(kBreakBrcMerge, std::memory_order_release);
      return;
    }
  }
  // The owner has exited: its local count can no longer change, so merge here.
  if (explicit_merge(o, -1) == 0) dealloc_object(o);
}

#endif  // !MINIPY_REFCOUNT_ATOMIC

}  // namespace

uintptr_t brc_assign_thread_id() {
  uintptr_t id = g_next_thread_id.fetch_add(1, std::memory_order_relaxed);
  t_brc_thread_id = id;
#ifndef MINIPY_REFCOUNT_ATOMIC
  // Objects made while the thread's thread_locals are destroyed get an id nobody can queue to
  // (their later droppers merge them themselves).
  if (t_tls_dying) return id;
  BrcQueue* queue = &t_queue;  // first use: its destructor is registered before the hook's
  t_exit_hook.armed = true;
  Registry& r = registry();
  std::lock_guard<std::mutex> g(r.mu);
  r.threads[id] = {queue, &t_eval_breaker};
#endif
  return id;
}

uint32_t refcount_total(const Object* o) {
  uint32_t local = o->refcnt.load(std::memory_order_relaxed);
  if (local == kImmortal) return kImmortal;
#ifdef MINIPY_REFCOUNT_ATOMIC
  return local;
#else
  int32_t shared = o->ref_shared.load(std::memory_order_relaxed) >> kSharedShift;
  int64_t total = static_cast<int64_t>(local) + shared;
  return total < 0 ? 0 : static_cast<uint32_t>(total);
#endif
}

#ifndef MINIPY_REFCOUNT_ATOMIC

void brc_merge_zero_local(Object* o) {
  // CPython's _Py_MergeZeroLocalRefcount: nobody else counted the object: free it now.
  int32_t shared = o->ref_shared.load(std::memory_order_acquire);
  if (shared == 0) {
    dealloc_object(o);
    return;
  }
  // Others hold references: give up ownership (a zero owner means "merged") and let the shared
  // count alone decide from now on.
  o->owner.store(0, std::memory_order_relaxed);
  int32_t merged;
  do {
    merged = (shared & ~kSharedFlagMask) | kSharedMerged;
  } while (!o->ref_shared.compare_exchange_weak(shared, merged, std::memory_order_acq_rel));
  if (merged == kSharedMerged) dealloc_object(o);
}

void brc_decref_shared(Object* o) {
  int32_t shared = o->ref_shared.load(std::memory_order_relaxed);
  int32_t next;
  bool queue;
  do {
    // A zero, unqueued, unmerged shared count: the owner's local count may hold the last
    // references, so hand our reference to the owner instead of going negative.
    queue = shared == 0;
    next = queue ? kSharedQueued : shared - (1 << kSharedShift);
  } while (!o->ref_shared.compare_exchange_weak(shared, next, std::memory_order_acq_rel));
  if (queue) {
    queue_to_owner(o);
  } else if (next == kSharedMerged) {
    dealloc_object(o);  // merged and the count reached zero
  }
}

void brc_merge_queued() {
  std::vector<Object*> objects;
  {
    Registry& r = registry();
    std::lock_guard<std::mutex> g(r.mu);
    t_eval_breaker.fetch_and(~kBreakBrcMerge, std::memory_order_relaxed);
    objects.swap(t_queue.objects);
  }
  for (Object* o : objects) {
    if (explicit_merge(o, -1) == 0) dealloc_object(o);
  }
}

void brc_thread_exit() {
  if (t_brc_thread_id == 0) return;
  {
    Registry& r = registry();
    std::lock_guard<std::mutex> g(r.mu);
    r.threads.erase(t_brc_thread_id);
  }
  t_exit_hook.armed = false;
  // Nobody can queue to us any more (they merge themselves); merge what was queued before.
  std::vector<Object*> objects;
  objects.swap(t_queue.objects);
  for (Object* o : objects) {
    if (explicit_merge(o, -1) == 0) dealloc_object(o);
  }
  // Whatever this thread still does before it ends (deleting its thread state) counts as a
  // non-owner on the objects it owned, as every other thread now does; objects it creates from
  // here on get a fresh, registered id (unregistered again by the exit hook).
  t_brc_thread_id = 0;
}

void brc_after_fork() {
  // Only this thread exists in the child: objects owned by the others are merged by whoever
  // next drops a reference to them (their owners' queues die with the owners).
  Registry& r = registry();
  new (&r.mu) std::mutex();
  r.threads.clear();
  if (t_brc_thread_id != 0) r.threads[t_brc_thread_id] = {&t_queue, &t_eval_breaker};
}

#else  // MINIPY_REFCOUNT_ATOMIC: no queues

void brc_merge_zero_local(Object*) {}
void brc_decref_shared(Object*) {}
void brc_merge_queued() {}
void brc_thread_exit() {}
void brc_after_fork() {}

#endif

}  // namespace minipy::rt

#endif  // MINIPY_FREE_THREADING
