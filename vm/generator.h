// The generator family's shared core (vm/generator.cpp): generators, coroutines and
// asynchronous generators are one object layout around a suspended heap frame; coroutine.cpp
// builds the PEP 492/525 types (coroutine, async_generator and their awaitables) on it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/object.h"
#include "vm/frame.h"

namespace minipy::vm {

struct GeneratorObject : rt::Object {
  Frame* frame = nullptr;  // owned; null once finished
  // kGenRunning while some thread runs the frame: set and cleared only through gen_claim and
  // gen_unclaim. Atomic so that in the free-threaded build two threads calling next() on one
  // generator at once cannot both resume its frame (the loser gets "generator already
  // executing", as CPython 3.13t); relaxed accesses cost nothing in the default build.
  // kGenInspected while a thread reads the suspended frame for gi_yieldfrom/gi_suspended
  // (gen_inspect): a few instructions, which a thread resuming it waits out rather than fail.
  std::atomic<uint8_t> running{0};
#ifdef MINIPY_FREE_THREADING
  // Threads reading the frame without claiming it (gi_frame: it must work while the generator
  // runs, even on another thread) pin it meanwhile: the thread finishing the generator unlinks
  // the frame, then waits for the pins to go before freeing it (generator.cpp, take_frame).
  std::atomic<int> pins{0};
#endif
  bool started = false;
  // Async generators: finished or closed (asend/athrow then stop). Set by the awaitables of any
  // thread without a claim; relaxed accesses cost nothing in the default build.
  std::atomic<bool> ag_closed{false};
  bool ag_hooks_inited = false;  // async generators: sys.set_asyncgen_hooks consulted
  rt::Ref ag_finalizer;          // async generators: the finalizer hook in force at first iteration
  rt::Ref name, qualname;
  rt::Ref code;    // keeps the frame's code alive
  rt::Ref origin;  // coroutines: cr_origin, ((filename, lineno, name), ...) of the creating frames
  // While suspended: the exceptions its except blocks are handling (its entries of
  // ThreadState::handled, oldest first), which leave the thread's stack when it yields and come
  // back when it resumes, as CPython's gi_exc_state: the caller's sys.exc_info() never sees them.
  // Null unless it is suspended inside an except block: each resumption tests one word.
  std::unique_ptr<std::vector<rt::Ref>> saved_handled;
};

inline GeneratorObject* as_gen(rt::Value v) { return static_cast<GeneratorObject*>(v.obj()); }

inline constexpr uint8_t kGenRunning = 1, kGenInspected = 2;

#ifdef MINIPY_FREE_THREADING
/// gen_claim's slow path: `g` was being inspected; waits for that, then claims it if it can.
bool gen_claim_after_inspection(GeneratorObject* g);
#endif

/// Marks `g` running for the calling thread; false if it runs already (re-entered, or resumed by
/// another thread). Everything else in the object that resumption changes (frame, started) is
/// then the claimant's until gen_unclaim.
inline bool gen_claim(GeneratorObject* g) {
#ifdef MINIPY_FREE_THREADING
  uint8_t prev = 0;
  if (g->running.compare_exchange_strong(prev, kGenRunning, std::memory_order_acquire)) return true;
  return prev == kGenInspected && gen_claim_after_inspection(g);
#else
  if (g->running.load(std::memory_order_relaxed) != 0) return false;
  g->running.store(kGenRunning, std::memory_order_relaxed);
  return true;
#endif
}
inline void gen_unclaim(GeneratorObject* g) { g->running.store(0, std::memory_order_release); }
inline bool gen_running(const GeneratorObject* g) {
  return g->running.load(std::memory_order_acquire) == kGenRunning;
}
/// Holds a suspended `g` still while a thread that does not resume it reads its frame (it then
/// neither runs nor finishes); false if it runs. Ended by gen_unclaim.
bool gen_inspect(GeneratorObject* g);
/// A generator, coroutine or async generator (the GeneratorObject layout).
bool is_gen_like(rt::Value v);

/// Resumes `g` with `sent` (or raising the pending exception when `throwing`). Returns the
/// yielded value (*done false), the return value (*done true) or null with an exception pending.
rt::Ref gen_resume(GeneratorObject* g, rt::Value sent, bool throwing, bool* done, bool push = true);
/// gen.throw(exc): into the sub-iterator of a pending `yield from`/`await` first. Same results
/// as gen_resume.
/// `awaiting` (asend/athrow), when given, says whether a frame that yielded stopped in an
/// `await` rather than at its own `yield`: it is read before the claim ends, after which
/// another thread may resume the frame.
rt::Ref gen_throw(GeneratorObject* g, rt::Ref exc, bool* done, bool* awaiting = nullptr);
/// gen_resume that also sets *awaiting as gen_throw does.
rt::Ref gen_resume_awaiting(GeneratorObject* g, rt::Value sent, bool throwing, bool* done,
                            bool* awaiting);
/// gen.close() (the message names `what`: generator, coroutine).
rt::Ref gen_close(GeneratorObject* g);
/// Builds the exception instance of gen.throw(type[, value[, tb]]) / gen.throw(exc). A class whose
/// construction fails gives the construction's error (CPython throws that into the generator);
/// null with an exception pending only for arguments that cannot be thrown at all.
rt::Ref gen_throw_args(const rt::Value* args, size_t nargs);
/// The frame of `g` as a thread that has not claimed it can test it (null: finished).
inline Frame* gen_peek_frame(GeneratorObject* g) {
#ifdef MINIPY_FREE_THREADING
  return std::atomic_ref<Frame*>(g->frame).load(std::memory_order_acquire);
#else
  return g->frame;
#endif
}
/// Whether a suspended frame waits in YIELD_FROM (an `await`), not at a `yield`. The caller has
/// claimed or is inspecting `g`.
bool gen_awaiting(GeneratorObject* g);
/// StopIteration(value) as the result of a finished send()/throw() (none value: no argument).
rt::Ref raise_stop_iteration(rt::Ref value);

void gen_dealloc(rt::Object* o);
void gen_finalize(rt::Object* o);
rt::Ref gen_get_name(rt::Value self);
rt::Ref gen_get_qualname(rt::Value self);
rt::Ref gen_get_running(rt::Value self);
rt::Ref gen_get_code(rt::Value self);
bool gen_set_name(rt::Value self, rt::Value v);
bool gen_set_qualname(rt::Value self, rt::Value v);
rt::Ref gen_get_frame(rt::Value self);
rt::Ref gen_get_suspended(rt::Value self);
rt::Ref gen_get_yieldfrom(rt::Value self);

}  // namespace minipy::vm
