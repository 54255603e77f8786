// The cycle collector (design note in collector.h): tracking lists, trial deletion, PEP 442
// finalization, generations and the scheduling through the eval breaker.
#include "runtime/gc/collector.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "runtime/errors.h"
#include "runtime/gc/weakref.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/stop_the_world.h"
#include "runtime/type.h"

namespace minipy::rt {

namespace {

// Pointers are stored xor-ed with this constant: LeakSanitizer scans memory for pointer-shaped
// words, and the tracking lists must not make every container look referenced.
constexpr uintptr_t kDisguise = 0x5a5a5a5a5a5a5a5aull;

/// One list of tracked objects, in the order they joined it (CPython keeps allocation order too,
/// and finalizers of a collected group run in that order). Removal leaves a hole, so no other
/// entry moves; holes are squeezed out when they are the majority.
///
/// The slots live in fixed chunks of 4096 rather than one growing array: a list of a million
/// objects never has a second copy of itself in memory while it grows (a vector's reallocation
/// holds old and new arrays at once, three times the list's size at the peak) nor up to half of
/// it unused, so a program's peak RSS follows its live objects.
class TrackList {
 public:
  /// Slots, holes included: at(i) is null for a hole.
  size_t size() const { return size_; }
  size_t live() const { return size_ - holes_; }
  Object* at(size_t i) const {
    uintptr_t v = slot(i);
    return v == kHole ? nullptr : reinterpret_cast<Object*>(v ^ kDisguise);
  }
  /// False when even without holes the index would not fit in gc_bits (2^26 objects).
  bool has_room() {
    if (size_ > kGcMaxIndex) compact();
    return size_ <= kGcMaxIndex;
  }
  /// True when `n` more entries fit in gc_bits' index.
  bool has_room_for(size_t n) const { return size_ + n <= size_t{kGcMaxIndex} + 1; }
  void push(Object* o, int list) {  // callers check has_room()
    if (size_ == cap_) add_chunk();
    set_bits(o, list, size_);
    slot(size_++) = reinterpret_cast<uintptr_t>(o) ^ kDisguise;
  }
  /// push's fast path, for gc_track on every allocation: false (nothing done) when the
  /// allocated chunks are full or the index would not fit in gc_bits; push then.
  bool try_push(Object* o, int list) {
    if (size_ >= cap_) return false;
    set_bits(o, list, size_);
    slot(size_++) = reinterpret_cast<uintptr_t>(o) ^ kDisguise;
    return true;
  }
  void remove(size_t i) {
    if (i + 1 == size_) {
      size_--;
      while (size_ > 0 && slot(size_ - 1) == kHole) {
        size_--;
        holes_--;
      }
      if (cap_ - size_ > 2 * kChunkSlots) trim();
      return;
    }
    slot(i) = kHole;
    if (++holes_ > 1024 && holes_ > size_ / 2 && compacting_) compact();
  }
  /// Squeezes the holes out when they are the majority (removal does so only while compacting).
  void compact_if_sparse() {
    if (holes_ > size_ / 2) compact();
  }
  /// While off, removal never moves other entries (a loop over indices may free objects).
  void set_compacting(bool on) { compacting_ = on; }
  /// Empties the list, keeping one chunk for what comes next.
  void clear() {
    size_ = 0;
    holes_ = 0;
    trim();
  }
  /// Takes over every entry of `from`, which is left empty, as list number `list`. Into an empty
  /// list this swaps the chunks instead of copying them: gathering the oldest generation for a
  /// collection costs no second array of its size.
  void adopt(TrackList& from, int list) {
    if (size_ == 0) {
      chunks_.swap(from.chunks_);
      std::swap(size_, from.size_);
      std::swap(holes_, from.holes_);
      std::swap(cap_, from.cap_);
      for (size_t i = 0; i < size_; i++) {
        if (Object* o = at(i)) set_bits(o, list, i);
      }
    } else {
      for (size_t i = 0; i < from.size(); i++) {
        if (Object* o = from.at(i)) push(o, list);
      }
    }
    from.clear();
  }
  // Out of line: inlined, it made the hot track/untrack paths save and restore six registers.
  [[gnu::noinline]] void compact() {
    size_t n = 0;
    for (size_t i = 0; i < size_; i++) {
      uintptr_t v = slot(i);
      if (v == kHole) continue;
      auto* o = reinterpret_cast<Object*>(v ^ kDisguise);
      slot(n) = v;
      gc_bits_update(o, (1u << kGcIndexShift) - 1, uint32_t(n) << kGcIndexShift);
      n++;
    }
    size_ = n;
    holes_ = 0;
    trim();
  }

  static void set_bits(Object* o, int list, size_t index) {
    gc_bits_update(o, kGcFinalized | kGcHasWeakrefs,
                   kGcTracked | (uint32_t(list) << kGcListShift) | (uint32_t(index) << kGcIndexShift));
  }

 private:
  static constexpr uintptr_t kHole = 0;  // no disguised object pointer is 0
  static constexpr size_t kChunkShift = 12;
  static constexpr size_t kChunkSlots = size_t{1} << kChunkShift;

  uintptr_t& slot(size_t i) { return chunks_[i >> kChunkShift][i & (kChunkSlots - 1)]; }
  uintptr_t slot(size_t i) const { return chunks_[i >> kChunkShift][i & (kChunkSlots - 1)]; }
  [[gnu::noinline]] void add_chunk() {
    chunks_.push_back(std::make_unique_for_overwrite<uintptr_t[]>(kChunkSlots));
    set_cap();
  }
  /// cap_: the slots of the allocated chunks, never more indices than gc_bits can hold.
  void set_cap() { cap_ = std::min(chunks_.size() << kChunkShift, size_t{kGcMaxIndex} + 1); }
  /// Frees the chunks past the ones in use and one spare (so that a list at a chunk's edge
  /// does not allocate and free on every push and pop).
  [[gnu::noinline]] void trim() {
    size_t keep = ((size_ + kChunkSlots - 1) >> kChunkShift) + 1;
    if (chunks_.size() > keep) chunks_.resize(keep);
    set_cap();
  }

  std::vector<std::unique_ptr<uintptr_t[]>> chunks_;
  size_t size_ = 0;
  size_t holes_ = 0;
  size_t cap_ = 0;  // set_cap()
  bool compacting_ = true;
};

TrackList g_lists[5];  // generations 0..2, permanent, collecting
GcState g_state;

#ifdef MINIPY_FREE_THREADING
// Free-threaded builds: threads allocate and free containers at the same time, so tracking and
// untracking (the lists, the moved entry's gc_bits, count[0]) take this mutex; a collection runs
// with the world stopped (stop_the_world.h), so it walks the lists without it.
std::mutex g_track_mu;
using TrackGuard = std::lock_guard<std::mutex>;
#else
struct TrackGuard {
  explicit TrackGuard(int) {}
};
int g_track_mu = 0;
#endif

inline int list_of(const Object* o) { return int((gc_bits_load(o) & kGcListMask) >> kGcListShift); }
inline size_t index_of(const Object* o) { return gc_bits_load(o) >> kGcIndexShift; }

/// For objects whose old list is being emptied wholesale: beyond 2^26 entries they are left
/// untracked (never collected), never half-tracked.
void push_or_untrack(Object* o, int list) {
  if (g_lists[list].has_room()) {
    g_lists[list].push(o, list);
  } else {
    gc_bits_and(o, kGcFinalized | kGcHasWeakrefs);
  }
}

void move_to(Object* o, int list) {
  int from = list_of(o);
  if (from == list || !g_lists[list].has_room()) return;
  g_lists[from].remove(index_of(o));
  g_lists[list].push(o, list);
}

// ---------------------------------------------------------------- scratch of one collection

// Scratch counters live beside the collecting list, indexed like it. 32 bits are enough: a
// count too large for them is capped, which only makes its object a root (never unsound).
std::vector<int32_t> g_refs;
constexpr int32_t kRootCount = INT32_MAX / 2;

inline bool collecting(const Object* o) {
  return (gc_bits_load(o) & kGcTracked) && list_of(o) == kGcCollecting;
}

void visit_decref(Object* r, void*) {
  if (collecting(r)) g_refs[index_of(r)]--;
}

/// Trial deletion over the collecting list: on return g_refs[i] > 0 exactly for objects
/// referenced from outside the list (`held` extra references per object are discounted).
void subtract_internal_refs(int64_t held) {
  TrackList& c = g_lists[kGcCollecting];
  g_refs.assign(c.size(), 0);
  for (size_t i = 0; i < c.size(); i++) {
    if (Object* o = c.at(i)) {
      uint32_t rc = refcount_total(o);
      g_refs[i] = rc >= uint32_t(kRootCount) ? kRootCount : int32_t(rc) - int32_t(held);
    }
  }
  for (size_t i = 0; i < c.size(); i++) {
    if (Object* o = c.at(i)) gc_traverse(o, visit_decref, nullptr);
  }
}

struct MarkState {
  std::vector<uint8_t> alive;
  std::vector<Object*> stack;
};

void visit_mark(Object* r, void* arg) {
  auto* m = static_cast<MarkState*>(arg);
  if (!collecting(r)) return;
  size_t i = index_of(r);
  if (!m->alive[i]) {
    m->alive[i] = 1;
    m->stack.push_back(r);
  }
}

/// Marks every object of the collecting list with outside references, and everything it
/// reaches, alive. Returns the marks (indexed like the list).
std::vector<uint8_t> mark_reachable() {
  TrackList& c = g_lists[kGcCollecting];
  MarkState m;
  m.alive.assign(c.size(), 0);
  for (size_t i = 0; i < c.size(); i++) {
    if (g_refs[i] > 0 && c.at(i) != nullptr) {
      m.alive[i] = 1;
      m.stack.push_back(c.at(i));
    }
  }
  while (!m.stack.empty()) {
    Object* o = m.stack.back();
    m.stack.pop_back();
    gc_traverse(o, visit_mark, &m);
  }
  return m.alive;
}

/// Moves the objects marked alive out of the collecting list into generation `to`; returns
/// how many. With `untrack_tuples`, a surviving tuple that can never be part of a cycle stops
/// being tracked instead (CPython's untrack_tuples): the list order is allocation order, so
/// the items of a tree of tuples come before it and a whole finished tree goes in one pass.
/// Long-lived data made of tuples (records, keys, trees) then costs no collection work and no
/// list slot.
///
/// When `to` is empty (always so in a full collection, whose survivors go back into the oldest
/// generation) the survivors stay where they are and the list's chunks become `to`'s; only the
/// garbage is copied, into a fresh collecting list. Moving the survivors instead would hold two
/// lists of them at once: 8 bytes more per tracked object at the collection's peak.
size_t move_alive(const std::vector<uint8_t>& alive, int to, bool untrack_tuples) {
  TrackList& c = g_lists[kGcCollecting];
  size_t n = 0;
  for (size_t i = 0; i < c.size(); i++) n += alive[i] && c.at(i) != nullptr;
  if (n == 0) return 0;
  bool in_place = g_lists[to].size() == 0;
  TrackList garbage;
  c.set_compacting(false);  // moving leaves holes; the indices must stay valid for alive[]
  for (size_t i = 0; i < c.size(); i++) {
    Object* o = c.at(i);
    if (o == nullptr) continue;
    if (!alive[i]) {
      if (in_place) {
        c.remove(i);
        garbage.push(o, kGcCollecting);
      }
      continue;
    }
    if (untrack_tuples && o->type == &tuple_type &&
        tuple_may_untrack(static_cast<TupleObject*>(o))) {
      c.remove(i);
      gc_bits_and(o, kGcFinalized | kGcHasWeakrefs);
      n--;
      continue;
    }
    if (in_place) continue;
    move_to(o, to);
    if (list_of(o) == kGcCollecting) move_to(o, 2);  // `to` was full: any old list will do
  }
  c.set_compacting(true);
  if (in_place) {
    c.compact_if_sparse();
    g_lists[to].adopt(c, to);  // swaps the chunks: `to` is empty
    c.adopt(garbage, kGcCollecting);
  }
  return n;
}

/// The instance __dict__ of `o`, or null.
DictObject* instance_dict(Object* o) {
  TypeObject* t = o->type;
  ptrdiff_t offset = t->dict_offset != 0          ? t->dict_offset
                     : (t->flags & kTypeHasSlots) ? t->subclass_dict_offset
                                                  : 0;
  if (offset == 0) return nullptr;
  return *reinterpret_cast<DictObject**>(reinterpret_cast<char*>(o) + offset);
}

/// The number collect() reports for `garbage` (each held once by the collector) where it is
/// still in the collecting list. CPython 3.11 keeps an instance's attributes inline, with no
/// dict object, until something asks for its __dict__; minipy always has the dict. A dict that
/// only its garbage instance refers to is counted as part of that instance, so that the figure
/// is CPython's (test_gc counts the objects of cycles of instances).
int64_t count_garbage(const std::vector<Ref>& garbage) {
  int64_t n = 0;
  for (const Ref& g : garbage) {
    Object* o = g.obj();
    if (!collecting(o)) continue;
    n++;
    if (!(o->type->flags & kTypeHeap)) continue;
    DictObject* d = instance_dict(o);
    if (d != nullptr && collecting(d) && refcount_total(d) == 2) n--;  // the instance's + ours
  }
  return n;
}

void invoke_callbacks(const char* phase, int generation, int64_t collected, int64_t uncollectable) {
  if (!g_state.callbacks || !is_list(g_state.callbacks)) return;
  auto* l = as_list(g_state.callbacks);
  if (l->items.empty()) return;
  Ref info = dict_new();
  dict_set_cstr(as_dict(info.get()), "generation", Value::from_small(generation));
  dict_set_cstr(as_dict(info.get()), "collected", Value::from_small(collected));
  dict_set_cstr(as_dict(info.get()), "uncollectable", Value::from_small(uncollectable));
  Ref ph = str_new(phase);
  // Call a snapshot: a callback may change the list.
  std::vector<Ref> cbs;
  for (Value v : l->items) cbs.push_back(Ref::new_ref(v));
  for (Ref& cb : cbs) {
    Ref r = call2(cb.get(), ph.get(), info.get());
    if (!r) write_unraisable(cb.get(), nullptr);
  }
}

int64_t collect_generation(int gen) {
  GcState& st = g_state;
  st.collecting = true;
  if (st.debug & kGcDebugStats) {
    std::fprintf(stderr, "gc: collecting generation %d...\n", gen);
  }
  invoke_callbacks("start", gen, 0, 0);

  // 1. Gather generations 0..gen into the collecting list.
  TrackList& c = g_lists[kGcCollecting];
  for (int g = gen; g >= 0; g--) {  // oldest first, as CPython merges young into old
    if (!c.has_room_for(g_lists[g].live())) {
      TrackList& l = g_lists[g];  // beyond 2^26 entries: the rest is left untracked
      for (size_t i = 0; i < l.size(); i++) {
        if (Object* o = l.at(i)) push_or_untrack(o, kGcCollecting);
      }
      l.clear();
    } else {
      c.adopt(g_lists[g], kGcCollecting);
    }
  }
  // 2. Trial deletion, then the survivors go one generation up.
  subtract_internal_refs(0);
  std::vector<uint8_t> alive = mark_reachable();
  int older = gen < kGcGenerations - 1 ? gen + 1 : gen;
  size_t survivors = move_alive(alive, older, /*untrack_tuples=*/true);
  std::vector<uint8_t>().swap(alive);
  if (gen == kGcGenerations - 1) {
    st.long_lived_total = int64_t(g_lists[2].live());
    st.long_lived_pending = 0;
  } else if (older == kGcGenerations - 1) {
    st.long_lived_pending += int64_t(survivors);
  }

  // 3. What is left is garbage. Hold a reference to each while weakrefs are cleared and
  //    finalizers run, so nothing is freed under our feet.
  std::vector<Ref> garbage;
  garbage.reserve(c.live());
  for (size_t i = 0; i < c.size(); i++) {
    if (Object* o = c.at(i)) garbage.push_back(Ref::new_ref(o));
  }
  int64_t found = count_garbage(garbage);

  if (st.debug & kGcDebugSaveAll) {
    // DEBUG_SAVEALL: keep everything in gc.garbage instead of freeing it.
    for (Ref& g : garbage) {
      if (st.garbage && is_list(st.garbage)) list_append(as_list(st.garbage), g.get());
      move_to(g.obj(), kGcGenerations - 1);
    }
    garbage.clear();
  } else {
    weakrefs_clear_for_gc(garbage);
    for (Ref& g : garbage) {
      if (list_of(g.obj()) == kGcCollecting) gc_call_finalizer(g.obj());
    }
    // 4. Finalizers may have resurrected objects: check again (each holds one reference of ours).
    subtract_internal_refs(1);
    alive = mark_reachable();
    move_alive(alive, kGcGenerations - 1, /*untrack_tuples=*/false);
    found = count_garbage(garbage);  // resurrected objects are not collected (CPython >= 3.9)
    // 5. Break the cycles of what is still garbage and let reference counting free it, as
    //    CPython's delete_garbage does: our references go first, so an object dies as soon as
    //    clearing an earlier one drops its last reference (its dealloc leaves a hole in the
    //    collecting list, which the loop skips), and a finalizer that runs during that dealloc
    //    still finds the objects not yet cleared alive (test_gc's
    //    test_function_tp_clear_leaves_consistent_state). Each object is held only across its
    //    own clear slot.
    garbage.clear();
    c.set_compacting(false);  // indices must stay put while objects die under the loop
    for (size_t i = 0; i < c.size(); i++) {
      Object* o = c.at(i);
      if (o == nullptr || o->type->clear == nullptr) continue;
      Ref hold = Ref::new_ref(o);
      o->type->clear(o);
    }
    c.set_compacting(true);
  }
  std::vector<Object*> still;  // collected objects that outlive our references (no clear slot)
  garbage.clear();
  for (size_t i = 0; i < c.size(); i++) {
    if (Object* o = c.at(i)) still.push_back(o);
  }
  for (Object* o : still) move_to(o, kGcGenerations - 1);
  c.clear();
  int64_t uncollectable = 0;
  int64_t collected = found;

  for (int g = 0; g <= gen; g++) st.count[g] = 0;
  if (gen + 1 < kGcGenerations) st.count[gen + 1]++;
  st.stats[gen].collections++;
  st.stats[gen].collected += collected;
  st.stats[gen].uncollectable += uncollectable;
  g_refs.clear();
  g_refs.shrink_to_fit();
  if (st.debug & kGcDebugStats) {
    std::fprintf(stderr, "gc: done, %lld unreachable, %lld uncollectable.\n",
                 static_cast<long long>(found), static_cast<long long>(uncollectable));
  }
  invoke_callbacks("stop", gen, collected, uncollectable);
  st.collecting = false;
  return found;
}

}  // namespace

GcState& gc_state() { return g_state; }

bool type_is_gc(const TypeObject* t) { return t->traverse != nullptr || (t->flags & kTypeHeap); }

namespace {
// Generation 0 is over its threshold: schedule a collection unless gc is off or running.
[[gnu::noinline]] void schedule_young() {
  GcState& st = g_state;
  if (st.threshold[0] > 0 && st.enabled && !st.collecting) {
    g_eval_breaker.fetch_or(kBreakGcScheduled, std::memory_order_relaxed);
  }
}
}  // namespace

void gc_track(Object* o) {
  TrackGuard guard(g_track_mu);
  TrackList& young = g_lists[0];
  if (!young.try_push(o, 0)) {      // a new chunk, or the index limit
    if (!young.has_room()) return;  // beyond 2^26 young objects: left untracked (never freed by gc)
    young.push(o, 0);
  }
  if (++g_state.count[0] > g_state.threshold[0]) schedule_young();
}

void gc_untrack_slow(Object* o) {
  TrackGuard guard(g_track_mu);
  int list = list_of(o);
  g_lists[list].remove(index_of(o));
  gc_bits_and(o, kGcFinalized | kGcHasWeakrefs);
  if (list == 0 && g_state.count[0] > 0) g_state.count[0]--;
}

void gc_traverse(Object* o, void (*visit)(Object*, void*), void* arg) {
  TypeObject* t = o->type;
  if (t->traverse) t->traverse(o, visit, arg);
  if (DictObject* d = instance_dict(o)) visit(d, arg);
  if (t->flags & kTypeHeap) visit(t, arg);
}

int64_t gc_collect(int generation) {
  StopTheWorld stw;  // free-threaded: every other thread parked (nothing in the default build)
  if (g_state.collecting) return 0;
  return collect_generation(generation);
}

void gc_collect_scheduled() {
  StopTheWorld stw;
  GcState& st = g_state;
  if (st.collecting || !st.enabled) return;
  // CPython's collect_generations: the oldest generation over its threshold, except that a
  // full collection also waits until 25% of the long-lived objects are new.
  for (int g = kGcGenerations - 1; g >= 0; g--) {
    if (st.count[g] > st.threshold[g]) {
      if (g == kGcGenerations - 1 && st.long_lived_pending < st.long_lived_total / 4) continue;
      collect_generation(g);
      return;
    }
  }
}

std::vector<Object*> gc_objects(int gen) {
  StopTheWorld stw;
  std::vector<Object*> out;
  for (int g = 0; g < kGcGenerations; g++) {
    if (gen >= 0 && g != gen) continue;
    for (size_t i = 0; i < g_lists[g].size(); i++) {
      if (Object* o = g_lists[g].at(i)) out.push_back(o);
    }
  }
  return out;
}

static void move_all(int from, int to) {
  TrackList& l = g_lists[from];
  for (size_t i = 0; i < l.size(); i++) {
    if (Object* o = l.at(i)) push_or_untrack(o, to);
  }
  l.clear();
}

void gc_freeze() {
  StopTheWorld stw;
  for (int g = 0; g < kGcGenerations; g++) {
    move_all(g, kGcPermanent);
    g_state.count[g] = 0;
  }
}

void gc_unfreeze() {
  StopTheWorld stw;
  move_all(kGcPermanent, kGcGenerations - 1);
}

size_t gc_freeze_count() { return g_lists[kGcPermanent].live(); }

void gc_call_finalizer(Object* o) {
  TypeObject* t = o->type;
  if (t->finalize == nullptr || (gc_bits_load(o) & kGcFinalized)) return;
  gc_bits_or(o, kGcFinalized);
  // A finalizer runs with no exception pending and leaves the pending one as it was.
  Ref saved = take_exception();
  t->finalize(o);
  if (error_pending()) clear_exception();
  if (saved) set_exception(std::move(saved));
}

void gc_after_fork() { g_state.collecting = false; }

}  // namespace minipy::rt
