// The cycle collector: finds groups of container objects that refer to each other but that
// nothing else refers to, and frees them. Reference counting frees everything else.
//
// Design (our own words; the model is CPython's Modules/gcmodule.c):
//
// * Which objects. Every object whose type can hold references — a type with a `traverse`
//   slot, and every instance of a user class — is *tracked* from allocation until it is freed.
//   Atoms (int, float, str, bytes) are never tracked: they cannot be part of a cycle.
//
// * Where they are kept. Each tracked object sits in one of five lists of pointers:
//   generations 0, 1 and 2, the permanent generation (gc.freeze()), and the list being
//   collected. A list is an array of fixed chunks of 4096 slots, not one growing vector: growth
//   never copies (a vector's growth holds old and new arrays at once, three times the list at
//   the peak) and at most one spare chunk stays allocated; gathering a generation for a
//   collection swaps chunk arrays. The object's header word `gc_bits` records its list and its
//   index in that list, so untracking at dealloc is O(1) (swap with the last entry). We chose
//   side lists over CPython's intrusive prev/next header because the header stays 16 bytes for
//   every object (atoms included) and the lists cost 8 bytes per container only. The pointers are stored
//   disguised (xor-ed) so that LeakSanitizer does not take the lists for real references and
//   still reports leaked cycles.
//
// * How garbage is found: trial deletion. For the generations being collected, copy each
//   object's reference count into a scratch counter, then subtract one for every reference from
//   another object of the same set (found through `traverse`). What is left over is the number
//   of references from outside the set: frames, C++ locals, untracked or older objects. Objects
//   with a positive count are roots; everything reachable from a root through `traverse` is
//   alive; the rest is unreachable garbage. This never needs to enumerate roots (thread stacks,
//   globals, native code), which is why we chose it over mark-and-sweep: a reference the
//   collector cannot see simply counts as external and keeps its target alive. Soundness needs
//   one rule from every type: `traverse` visits only references the object owns (each counted
//   once in the target's refcnt). Visiting too few references only leaks; visiting a borrowed
//   one could free a live object.
//
// * Freeing garbage (PEP 442). All garbage is kept alive by a reference held by the collector
//   while, in order: weak references to it are cleared (callbacks run only for weak references
//   that are themselves alive, as CPython does); finalizers (`__del__`, generator close) run
//   once per object, marked in gc_bits so they never run twice; the set is checked again, and
//   anything a finalizer made reachable (resurrected), with all it reaches, survives into the
//   oldest generation; each remaining object's `clear` slot drops its references, which breaks
//   the cycles; finally the collector's references are dropped and reference counting frees
//   the objects. No object with a finalizer ends in gc.garbage (CPython >= 3.4).
//
// * Generations and when. Allocation of a tracked object counts up generation 0; past
//   threshold 0 (700) a collection of generation 0 is *scheduled* by a bit in the eval breaker,
//   and runs at the next check point of the thread that holds the GIL, so no other thread is
//   inside the object graph. Survivors move one generation up; every threshold-1 collections of
//   generation 0 collect generation 1, and so on (CPython's rule, including the 25% rule for
//   the oldest generation). In the free-threaded build the entry point (collect_scheduled)
//   first stops the world — every thread parks at its next check point — and the rest is
//   unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/object.h"

namespace minipy::rt {

struct TypeObject;

// gc_bits layout: [ index : 26 | has_weakrefs : 1 | finalized : 1 | list : 3 | tracked : 1 ]
inline constexpr uint32_t kGcTracked = 1u << 0;
inline constexpr uint32_t kGcListShift = 1;
inline constexpr uint32_t kGcListMask = 7u << kGcListShift;
inline constexpr uint32_t kGcFinalized = 1u << 4;    // finalizer has run (PEP 442)
inline constexpr uint32_t kGcHasWeakrefs = 1u << 5;  // the weakref table has an entry
inline constexpr uint32_t kGcIndexShift = 6;
inline constexpr uint32_t kGcMaxIndex = (1u << (32 - kGcIndexShift)) - 1;

inline constexpr int kGcGenerations = 3;
inline constexpr int kGcPermanent = 3;   // gc.freeze()
inline constexpr int kGcCollecting = 4;  // garbage being finalized and cleared

/// True when objects of `t` are tracked (it can hold references).
bool type_is_gc(const TypeObject* t);

/// Starts tracking a newly allocated container (called by the allocators).
void gc_track(Object* o);
/// Stops tracking (dealloc calls this for every tracked object).
void gc_untrack_slow(Object* o);
inline void gc_untrack(Object* o) {
  if (gc_bits_load(o) & kGcTracked) gc_untrack_slow(o);
}
inline bool gc_is_tracked(const Object* o) { return (gc_bits_load(o) & kGcTracked) != 0; }

/// Visits every object that `o` owns a reference to: its type's traverse slot, the instance
/// __dict__ or __slots__ storage, and the type itself for instances of user classes.
void gc_traverse(Object* o, void (*visit)(Object*, void*), void* arg);

/// Runs a full collection of generations 0..generation; returns the number of unreachable
/// objects found. Returns 0 at once when a collection is already running.
int64_t gc_collect(int generation);
/// Runs the collection the eval breaker asked for (at a check point, GIL held).
void gc_collect_scheduled();

struct GcGenerationStats {
  int64_t collections = 0;
  int64_t collected = 0;
  int64_t uncollectable = 0;
};

/// State read and changed by the gc module.
struct GcState {
  bool enabled = true;
  bool collecting = false;
  int64_t threshold[kGcGenerations] = {700, 10, 10};
  int64_t count[kGcGenerations] = {0, 0, 0};
  int64_t long_lived_total = 0;    // survivors of the last full collection
  int64_t long_lived_pending = 0;  // objects moved into generation 2 since
  int debug = 0;                   // gc.set_debug flags
  GcGenerationStats stats[kGcGenerations];
  Value garbage;    // gc.garbage (a list, owned by the gc module) or null
  Value callbacks;  // gc.callbacks (a list) or null
};
GcState& gc_state();

inline constexpr int kGcDebugStats = 1;
inline constexpr int kGcDebugCollectable = 2;
inline constexpr int kGcDebugUncollectable = 4;
inline constexpr int kGcDebugSaveAll = 32;

/// Every tracked object in generation `gen` (0..2, or -1 for all generations), borrowed.
std::vector<Object*> gc_objects(int gen);
/// Moves every tracked object into the permanent generation / back into the oldest one.
void gc_freeze();
void gc_unfreeze();
size_t gc_freeze_count();

/// Runs `o`'s finalizer if it has one that has not run yet (PEP 442). The caller holds a
/// reference. Errors are reported as unraisable, like CPython's.
void gc_call_finalizer(Object* o);

/// After fork(): the child keeps the lists (a copy of the parent's memory) but no collection
/// can be in progress there.
void gc_after_fork();

}  // namespace minipy::rt
