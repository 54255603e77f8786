// Generators: a heap frame resumed by next()/send()/throw()/close(), and `yield from`
// delegation (generator_send is also YIELD_FROM's engine for any iterator). Coroutines and async
// generators share this core (vm/generator.h); their own types are in vm/coroutine.cpp.
#include "vm/generator.h"

#include <thread>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/thread_state.h"
#include "vm/eval.h"
#include "vm/frame_object.h"
#include "vm/interpreter.h"

namespace minipy::vm {

using namespace rt;

TypeObject generator_type;

bool is_gen_like(Value v) {
  TypeObject* t = type_of(v);
  return t == &generator_type || t == &coroutine_type || t == &async_generator_type;
}

/// "generator", "coroutine" or "async generator": how messages name the object.
static const char* kind_name(GeneratorObject* g) {
  if (g->type == &coroutine_type) return "coroutine";
  if (g->type == &async_generator_type) return "async generator";
  return "generator";
}

Ref generator_new(Frame* f) {
  uint32_t flags = f->code->unit->flags;
  TypeObject* t = (flags & kCoCoroutine)        ? &coroutine_type
                  : (flags & kCoAsyncGenerator) ? &async_generator_type
                                                : &generator_type;
  auto* g = alloc_instance<GeneratorObject>(t);
  g->frame = f;
  f->owner = g;
  g->code = Ref::new_ref(Value(f->code));
  if (f->func) {
    g->name = f->func->name.dup();
    g->qualname = f->func->qualname.dup();
    incref(f->func);  // the frame borrows its function
  } else {
    g->name = f->code->name.dup();
    g->qualname = f->code->qualname.dup();
  }
  int depth = tstate()->coroutine_origin_tracking_depth;
  if (depth > 0 && t == &coroutine_type) {
    // CPython's compute_cr_origin: the innermost `depth` frames of the caller, innermost first.
    std::vector<Ref> items;
    for (Frame* c = current_frame(); c != nullptr && static_cast<int>(items.size()) < depth;
         c = c->back) {
      const CodeUnit* u = c->code->unit.get();
      Ref file = str_new(u->filename), name = str_new(u->name);
      if (!file || !name) return Ref();
      Value fields[3] = {file.get(), Value::from_small(u->line_of(c->ip > 0 ? c->ip - 1 : 0)),
                         name.get()};
      Ref item = tuple_from(fields, 3);
      if (!item) return Ref();
      items.push_back(std::move(item));
    }
    std::vector<Value> vals;
    for (Ref& r : items) vals.push_back(r.get());
    g->origin = tuple_from(vals.data(), vals.size());
    if (!g->origin) return Ref();
  }
  return Ref::steal(Value(g));
}

/// The outermost ExceptHandler block of `f`, whose recorded depth is where the frame's entries of
/// ThreadState::handled begin (each except block pushes exactly one entry, above its block's
/// depth); null when it handles nothing.
static Block* first_except_block(Frame* f) {
  for (int i = 0; i < f->nblocks; i++) {
    if (f->blocks[i].kind == BlockKind::ExceptHandler) return &f->blocks[i];
  }
  return nullptr;
}

/// Resuming a generator that was suspended inside except blocks: its handled exceptions go back
/// on top of the thread's stack as it is now (another caller, another thread), and its blocks'
/// recorded depths move with them. Out of line: the common resumption handles nothing.
[[gnu::noinline]] static void restore_handled(GeneratorObject* g, Frame* f, bool throwing) {
  ThreadState* ts = tstate();
  int base = static_cast<int>(ts->handled.size());
  if (Block* first = first_except_block(f)) {
    int delta = base - first->handled_depth;
    for (int i = 0; i < f->nblocks; i++) {
      if (f->blocks[i].kind == BlockKind::ExceptHandler) f->blocks[i].handled_depth += delta;
    }
  }
  std::unique_ptr<std::vector<Ref>> saved = std::move(g->saved_handled);
  for (Ref& h : *saved) ts->handled.push_back(std::move(h));
  // An exception thrown in is chained to the one the generator is handling (CPython's
  // _PyErr_ChainStackItem in gen_send_ex2), even when it has a context already.
  if (throwing) chain_to_handled(ts, pending_exception(), /*replace=*/true);
}

/// Suspending inside except blocks: the exceptions they handle leave the thread's stack with
/// the generator, so that the caller's sys.exc_info() never sees them.
[[gnu::noinline]] static void save_handled(GeneratorObject* g, Frame* f) {
  Block* first = first_except_block(f);
  if (first == nullptr) return;
  ThreadState* ts = tstate();
  auto begin = ts->handled.begin() + first->handled_depth;
  g->saved_handled = std::make_unique<std::vector<Ref>>(std::make_move_iterator(begin),
                                                        std::make_move_iterator(ts->handled.end()));
  ts->handled.erase(begin, ts->handled.end());
}

/// Drops what a generator finished or freed while suspended in an except block still holds
/// (out of line: finish() runs at every generator's end).
[[gnu::noinline]] static void drop_saved_handled(GeneratorObject* g) {
  std::unique_ptr<std::vector<Ref>> saved = std::move(g->saved_handled);
}

/// Unlinks the frame of a finished generator (the caller has claimed `g`, or holds the only
/// reference to it) and returns it for free_frame; null when there is none. Free-threaded: once
/// no thread can find it through `g`, waits for the pins of threads still reading it (gi_frame).
static Frame* take_frame(GeneratorObject* g) {
  Frame* f = g->frame;
  if (f == nullptr) return nullptr;
#ifdef MINIPY_FREE_THREADING
  // Sequentially consistent, as the pinning side (FramePin): either the reader sees the null
  // frame, or this thread sees its pin and waits. A pin lasts a few instructions (no Python
  // code, no check point: a stop-the-world cannot wait on this loop).
  std::atomic_ref<Frame*>(g->frame).store(nullptr);
  while (g->pins.load() != 0) std::this_thread::yield();
#else
  g->frame = nullptr;
#endif
  return f;
}

/// Releases a frame take_frame unlinked (runs __del__ methods of its locals: Python code).
static void free_frame(Frame* f) {
  if (f == nullptr) return;
  FunctionObject* fn = f->func;
  frame_free(f);
  if (fn) decref(fn);
}

static void finish(GeneratorObject* g) {
  if (g->saved_handled) [[unlikely]]
    drop_saved_handled(g);
  free_frame(take_frame(g));
}

#ifdef MINIPY_FREE_THREADING
bool gen_claim_after_inspection(GeneratorObject* g) {
  for (;;) {
    std::this_thread::yield();  // an inspection lasts a few instructions
    uint8_t prev = 0;
    if (g->running.compare_exchange_strong(prev, kGenRunning, std::memory_order_acquire))
      return true;
    if (prev == kGenRunning) return false;
  }
}

/// Keeps `g`'s frame from being freed while a thread that has not claimed `g` reads it.
class FramePin {
 public:
  explicit FramePin(GeneratorObject* g) : g_(g) {
    g->pins.fetch_add(1);
    frame_ = std::atomic_ref<Frame*>(g->frame).load();
  }
  ~FramePin() { g_->pins.fetch_sub(1, std::memory_order_release); }
  FramePin(const FramePin&) = delete;
  FramePin& operator=(const FramePin&) = delete;
  Frame* frame() const { return frame_; }

 private:
  GeneratorObject* g_;
  Frame* frame_;
};
#endif

bool gen_inspect(GeneratorObject* g) {
#ifdef MINIPY_FREE_THREADING
  for (;;) {
    uint8_t prev = 0;
    if (g->running.compare_exchange_strong(prev, kGenInspected, std::memory_order_acquire))
      return true;
    if (prev == kGenRunning) return false;
    std::this_thread::yield();  // another thread inspects it: a few instructions
  }
#else
  if (g->running.load(std::memory_order_relaxed) != 0) return false;
  g->running.store(kGenInspected, std::memory_order_relaxed);
  return true;
#endif
}

/// gen_resume for a generator the caller has claimed: unclaims it before returning. Inlined:
/// gen_resume is the hot caller (next() on a generator).
/// `awaiting`: see gen_throw (null from gen_resume: the test folds away).
[[gnu::always_inline]] static inline Ref resume_claimed(GeneratorObject* g, Value sent,
                                                        bool throwing, bool* done, bool push,
                                                        bool* awaiting = nullptr) {
  *done = false;
  if (g->frame == nullptr) {
    gen_unclaim(g);
    // An exhausted coroutine refuses send() and throw() alike (CPython's gen_send_ex2); a
    // generator lets the thrown exception propagate.
    if (g->type == &coroutine_type) {
      if (throwing) clear_exception();
      return raise(&exc_RuntimeError, "cannot reuse already awaited coroutine");
    }
    if (throwing) return Ref();  // the pending exception propagates
    *done = true;
    return none_ref();
  }
  Frame* f = g->frame;
  if (!g->started && !throwing) {
    if (sent && !is_none(sent)) {
      gen_unclaim(g);
      return raise_fmt(&exc_TypeError, "can't send non-None value to a just-started {}",
                       g->type == &generator_type ? "generator" : "coroutine");
    }
  } else if (g->started && !throwing && push) {
    incref(sent ? sent : None());
    *f->sp++ = sent ? sent : None();
  }
  // Each resumption is a Python frame entered, and counts against the recursion limit as in
  // CPython: a chain of `yield from` (or of nested next() calls) cannot go deeper than a chain
  // of calls, and a runaway one stops with RecursionError.
  if (!enter_recursive_call("")) {
    gen_unclaim(g);
    return Ref();
  }
  // The handled-exception bookkeeping (CPython's gi_exc_state) costs one test each way when the
  // generator is not suspended inside an except block, the common case: a suspended frame with
  // no blocks at all handles nothing, and saved_handled is null unless save_handled filled it.
  if (g->saved_handled) [[unlikely]]
    restore_handled(g, f, throwing);
  g->started = true;
  Ref r = eval_frame(f, throwing);
  if (f->yielded) {
    // Suspended, the frame has no caller (f_back is None, as CPython's; the caller's frame may
    // be freed before the next resumption) and frame.clear() knows it does not run.
    f->back = nullptr;
    if (f->nblocks != 0) [[unlikely]]
      save_handled(g, f);
  }
  // Still claimed: the finished frame leaves the generator before another thread can claim it
  // and find it. It is freed after the claim ends: its locals' __del__ may run code that resumes
  // this generator, which must then see it finished, not running. (A finished frame has no
  // saved_handled: restore_handled took it, and only a suspension fills it.)
  bool yielded = f->yielded;
  if (awaiting != nullptr) *awaiting = yielded && gen_awaiting(g);
  Frame* dead = yielded ? nullptr : take_frame(g);
  gen_unclaim(g);
  leave_recursive_call();
  if (yielded) return r;
  free_frame(dead);
  if (!r) {
    // A StopIteration escaping a generator body becomes RuntimeError (PEP 479), as does a
    // StopAsyncIteration escaping an async generator (PEP 525).
    bool stop = exception_matches(&exc_StopIteration);
    bool astop =
        !stop && g->type == &async_generator_type && exception_matches(&exc_StopAsyncIteration);
    if (stop || astop) {
      Ref cause = take_exception();
      Ref e = make_exception(
          &exc_RuntimeError,
          fmt::format("{} raised {}", kind_name(g), stop ? "StopIteration" : "StopAsyncIteration"));
      auto* eo = static_cast<BaseExceptionObject*>(e.obj());
      eo->cause = cause.dup();
      eo->context = std::move(cause);
      set_exception(std::move(e));
    }
    return r;
  }
  *done = true;
  return r;
}

Ref gen_resume(GeneratorObject* g, Value sent, bool throwing, bool* done, bool push) {
  *done = false;
  if (!gen_claim(g)) return raise_fmt(&exc_ValueError, "{} already executing", kind_name(g));
  return resume_claimed(g, sent, throwing, done, push);
}

Ref gen_resume_awaiting(GeneratorObject* g, Value sent, bool throwing, bool* done,
                        bool* awaiting) {
  *done = false;
  *awaiting = false;
  if (!gen_claim(g)) return raise_fmt(&exc_ValueError, "{} already executing", kind_name(g));
  return resume_claimed(g, sent, throwing, done, /*push=*/true, awaiting);
}

/// generator_send for anything but a generator or coroutine. Out of line, so that the generator
/// path of generator_send stays a bare tail call into gen_resume.
[[gnu::noinline]] static Ref send_to_iterator(Value gen, Value v, bool* done) {
  *done = false;
  Ref r;
  TypeObject* t = type_of(gen);
  if (t->send != nullptr) {
    // CPython's PyIter_Send through am_send: a return value comes back without a StopIteration.
    SendResult s = t->send(gen, v ? v : None(), &r);
    *done = s == SendResult::kReturn;
    return r;
  }
  if ((!v || is_none(v)) && t->iternext != nullptr) {
    // The iternext slot itself, not iter_next(): a StopIteration's value is the result.
    r = t->iternext(gen);
  } else {
    // As CPython's PyIter_Send: what is no iterator (a coroutine-like object asyncio's Task
    // drives) is sent None through its send() method.
    Value arg = v ? v : None();
    r = call_method(gen, names::send, &arg, 1);
  }
  if (r) return r;
  if (!error_pending()) {
    *done = true;
    return none_ref();
  }
  if (exception_matches(&exc_StopIteration)) {
    Ref e = take_exception();
    Ref val = getattr(e.get(), names::value);
    *done = true;
    return val;
  }
  return r;
}

Ref generator_send(Value gen, Value v, bool* done) {
  if (type_of(gen) == &generator_type || type_of(gen) == &coroutine_type) {
    return gen_resume(as_gen(gen), v, false, done);
  }
  return send_to_iterator(gen, v, done);
}

static Ref gen_iternext(Value self) {
  bool done;
  Ref r = gen_resume(as_gen(self), None(), false, &done);
  if (done) {
    // Exhausted: a return value travels in StopIteration(value); None needs no exception object.
    if (r && !is_none(r.get())) raise_with_value(&exc_StopIteration, r.get());
    return Ref();
  }
  return r;
}

static Ref gen_iter(Value self) { return Ref::new_ref(self); }

Ref raise_stop_iteration(Ref value) {
  if (is_none(value.get())) {
    set_exception(make_exception(&exc_StopIteration, nullptr, 0));
    return Ref();
  }
  return raise_with_value(&exc_StopIteration, value.get());
}

static Ref m_send(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("send", nargs, kw, 1, 1)) return Ref();
  bool done;
  Ref r = gen_resume(as_gen(self), args[0], false, &done);
  if (!r || !done) return r;
  return raise_stop_iteration(std::move(r));
}

static Ref m_next(Value self, const Value*, size_t, TupleObject*) {
  Ref r = gen_iternext(self);
  if (!r && !error_pending()) set_exception(make_exception(&exc_StopIteration, nullptr, 0));
  return r;
}

Ref gen_throw_args(const Value* args, size_t nargs) {
  Value typ = args[0];
  Value val = nargs >= 2 ? args[1] : Value();
  if (nargs >= 3 && !is_none(args[2]) && !isinstance(args[2], &traceback_type)) {
    return raise(&exc_TypeError, "throw() third argument must be a traceback object");
  }
  if (isinstance(typ, &type_type) &&
      (static_cast<TypeObject*>(typ.obj())->flags & kTypeException)) {
    // CPython's PyErr_NormalizeException: an instance of the class is used as is, a tuple is
    // the constructor's arguments. When the construction fails (it raises, or a __new__ returns
    // something that is no exception) the error is what gets thrown into the generator.
    Ref e;
    if (val && isinstance(val, static_cast<TypeObject*>(typ.obj()))) {
      e = Ref::new_ref(val);
    } else if (!val || is_none(val)) {
      e = call0(typ);
    } else if (is_tuple(val)) {
      TupleObject* t = as_tuple(val);
      e = call(typ, t->items(), t->size);
    } else {
      e = call1(typ, val);
    }
    if (e && !(type_of(e.get())->flags & kTypeException)) {
      Ref r = repr(typ);
      if (!r) return take_exception();
      std::string msg =
          fmt::format("calling {} should have returned an instance of BaseException, not {}",
                      as_str(r.get())->view(), type_name(e.get()));
      e = make_exception(&exc_TypeError, msg);
    }
    if (!e) return take_exception();
    return e;
  }
  if (type_of(typ)->flags & kTypeException) {
    if (val && !is_none(val))
      return raise(&exc_TypeError, "instance exception may not have a separate value");
    return Ref::new_ref(typ);
  }
  return raise(
      &exc_TypeError,
      "exceptions must be classes or instances deriving from BaseException, not " + type_name(typ));
}

bool gen_awaiting(GeneratorObject* g) {
  Frame* f = g->frame;
  return f && g->started && op_of(f->code->code[f->ip]) == Op::YIELD_FROM &&
         f->sp - f->stack_base() >= 1;
}

Ref gen_throw(GeneratorObject* g, Ref exc, bool* done, bool* awaiting) {
  *done = false;
  if (awaiting != nullptr) *awaiting = false;
  // Claimed for the whole throw, the delegation and the resumption after it: gen_awaiting reads
  // the frame, which a thread running it may be changing, and the frame's stack is fixed up
  // below before it resumes (another thread resuming it in between would find it half done).
  if (!gen_claim(g)) return raise_fmt(&exc_ValueError, "{} already executing", kind_name(g));
  // Delegate to a sub-iterator suspended in `yield from` / `await`.
  if (gen_awaiting(g)) {
    Frame* f = g->frame;
    Value sub = f->sp[-1];
    Ref r;
    bool delegated = false;
    if (is_gen_like(sub)) {
      // This frame is not run, but it is on the stack while the sub-generator runs (as in
      // CPython's _gen_throw): the frames the throw resumes see it as their caller.
      ThreadState* ts = tstate();
      Frame* saved_back = f->back;
      f->back = static_cast<Frame*>(ts->frame);
      ts->frame = f;
      bool sub_done;
      r = gen_throw(as_gen(sub), std::move(exc), &sub_done);
      ts->frame = f->back;
      f->back = saved_back;
      if (r && sub_done) {
        r = raise_stop_iteration(std::move(r));
      }
      delegated = true;
    } else {
      Ref meth = getattr_opt(sub, intern("throw"));
      if (meth) {
        Value a = exc.get();
        r = call(meth.get(), &a, 1);
        delegated = true;
      } else if (error_pending()) {
        gen_unclaim(g);
        return Ref();
      }
    }
    if (delegated) {
      if (r) {
        if (awaiting != nullptr) *awaiting = true;  // still in its YIELD_FROM
        gen_unclaim(g);
        return r;  // the sub-iterator yielded: so does this frame
      }
      // The sub-iterator finished or raised: continue in this frame.
      if (exception_matches(&exc_StopIteration)) {
        Ref e = take_exception();
        Ref val = getattr(e.get(), names::value);
        decref(*--f->sp);  // drop the sub-iterator
        *f->sp++ = val.release();
        f->ip++;  // past YIELD_FROM
        return resume_claimed(g, Value(), false, done, /*push=*/false, awaiting);
      }
      return resume_claimed(g, Value(), true, done, /*push=*/true, awaiting);
    }
  }
  set_exception(std::move(exc));
  return resume_claimed(g, Value(), true, done, /*push=*/true, awaiting);
}

/// gen.throw(type[, value]) / gen.throw(exc)
static Ref m_throw(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("throw", nargs, kw, 1, 3)) return Ref();
  Ref exc = gen_throw_args(args, nargs);
  if (!exc) return exc;
  bool done;
  Ref r = gen_throw(as_gen(self), std::move(exc), &done);
  if (r && done) return raise_stop_iteration(std::move(r));
  return r;
}

Ref gen_close(GeneratorObject* g) {
  if (gen_peek_frame(g) == nullptr) return none_ref();
  // Claimed before `started` is read: another thread may be starting it right now (then close()
  // raises "already executing", as it would had the start come first).
  if (!gen_claim(g)) return raise_fmt(&exc_ValueError, "{} already executing", kind_name(g));
  if (g->frame == nullptr || !g->started) {  // finished meanwhile, or never started
    Frame* f = take_frame(g);
    gen_unclaim(g);
    free_frame(f);
    return none_ref();
  }
  set_exception(make_exception(&exc_GeneratorExit, nullptr, 0));
  bool done;
  Ref r = resume_claimed(g, Value(), true, &done, /*push=*/true);
  if (r && !done) return raise_fmt(&exc_RuntimeError, "{} ignored GeneratorExit", kind_name(g));
  if (!r && (exception_matches(&exc_GeneratorExit) || exception_matches(&exc_StopIteration))) {
    clear_exception();
    return none_ref();
  }
  if (!r) return r;
  return none_ref();
}

static Ref m_close(Value self, const Value*, size_t, TupleObject*) {
  return gen_close(as_gen(self));
}

/// A coroutine that dies before it ever ran: RuntimeWarning "coroutine '...' was never awaited",
/// through warnings._warn_unawaited_coroutine when warnings is loaded (it adds cr_origin's
/// traceback), as CPython's _PyErr_WarnUnawaitedCoroutine.
static void warn_unawaited(GeneratorObject* g) {
  Value self = Value(g);
  bool warned = false;
  DictObject* modules = is_dict(interp().modules.get()) ? as_dict(interp().modules.get()) : nullptr;
  Value warnings = modules ? dict_get_cstr(modules, "warnings") : Value();
  if (warnings && !is_none(warnings)) {
    Ref fn = getattr(warnings, intern("_warn_unawaited_coroutine"));
    if (fn) {
      Ref r = call(fn.get(), &self, 1);
      warned = r || exception_matches(&exc_RuntimeWarning);
    }
    if (error_pending()) write_unraisable(self, nullptr);
  }
  if (!warned) {
    std::string q;
    str_text(g->qualname.get(), &q);
    if (!warn(&exc_RuntimeWarning, fmt::format("coroutine '{}' was never awaited", q), 1))
      write_unraisable(self, nullptr);
  }
}

// PEP 442 finalizer (run once, by dealloc or by the cycle collector): closing a suspended
// generator runs its finally blocks; an error there is reported as unraisable, as in CPython.
void gen_finalize(Object* o) {
  auto* g = static_cast<GeneratorObject*>(o);
  if (g->frame && !g->started && !gen_running(g) && g->type == &coroutine_type) {
    warn_unawaited(g);
    return;
  }
  if (!g->frame || !g->started || gen_running(g)) return;
  if (g->ag_finalizer) {
    // An async generator whose event loop installed a finalizer hook: the loop closes it
    // (asyncio schedules aclose()), as CPython's _PyGen_Finalize.
    Ref hook = std::move(g->ag_finalizer);
    Value self = Value(g);
    if (!call(hook.get(), &self, 1)) write_unraisable(Value(g), nullptr);
    return;
  }
  Ref r = gen_close(g);
  if (!r) write_unraisable(Value(g), nullptr);
}

void gen_dealloc(Object* o) {
  auto* g = static_cast<GeneratorObject*>(o);
  finish(g);
  delete g;
}

// A suspended frame owns everything from its locals to its stack top; a running one is on some
// thread's frame stack, whose references count as outside ones, so it is not visited.
static void gen_traverse(Object* o, VisitFn visit, void* arg) {
  auto* g = static_cast<GeneratorObject*>(o);
  visit_value(g->name, visit, arg);
  visit_value(g->qualname, visit, arg);
  visit_value(g->code, visit, arg);
  visit_value(g->ag_finalizer, visit, arg);
  visit_value(g->origin, visit, arg);
  if (g->saved_handled) {
    for (const Ref& h : *g->saved_handled) visit_value(h.get(), visit, arg);
  }
  Frame* f = g->frame;
  if (f == nullptr || gen_running(g)) return;
  for (Value* p = f->fast(); p < f->sp; p++) visit_value(*p, visit, arg);
  visit_value(f->locals, visit, arg);
  visit_value(f->code_ref, visit, arg);
  if (f->func) visit(f->func, arg);
  if (f->owns_object) visit(f->object, arg);  // a traced frame's object (frame_object_set_trace)
}

static void gen_clear(Object* o) {
  auto* g = static_cast<GeneratorObject*>(o);
  if (!gen_running(g)) finish(g);
}

static Ref gen_repr(Value self) {
  std::string q;
  str_text(as_gen(self)->qualname.get(), &q);
  return str_new(fmt::format("<generator object {} at {:#x}>", q, self.bits()));
}

Ref gen_get_name(Value self) { return as_gen(self)->name.dup(); }
Ref gen_get_qualname(Value self) { return as_gen(self)->qualname.dup(); }
/// __name__ = / __qualname__ = (strings only; never deleted), as CPython's gen_set_name.
static bool set_name_field(Value v, Ref* field, const char* what) {
  if (!v || !is_str(v)) {
    raise_fmt(&exc_TypeError, "{} must be set to a string object", what);
    return false;
  }
  *field = Ref::new_ref(v);
  return true;
}
bool gen_set_name(Value self, Value v) {
  return set_name_field(v, &as_gen(self)->name, "__name__");
}
bool gen_set_qualname(Value self, Value v) {
  return set_name_field(v, &as_gen(self)->qualname, "__qualname__");
}
Ref gen_get_running(Value self) { return bool_ref(gen_running(as_gen(self))); }
Ref gen_get_code(Value self) { return as_gen(self)->code.dup(); }
/// gi_frame (cr_frame, ag_frame): the frame object of the suspended or running frame, None
/// once the generator finished. It works while the generator runs, on this thread or another:
/// free-threaded builds pin the frame meanwhile, so that a thread finishing the generator
/// cannot free it under us.
Ref gen_get_frame(Value self) {
  GeneratorObject* g = as_gen(self);
#ifdef MINIPY_FREE_THREADING
  FramePin pin(g);
  Frame* f = pin.frame();
#else
  Frame* f = g->frame;
#endif
  return f != nullptr ? frame_object(f) : none_ref();
}
/// gi_suspended (3.11): paused at a yield or await, not running and not finished. Read while
/// inspecting: a generator that cannot be inspected is running.
Ref gen_get_suspended(Value self) {
  GeneratorObject* g = as_gen(self);
  if (!gen_inspect(g)) return bool_ref(false);
  bool suspended = g->frame != nullptr && g->started;
  gen_unclaim(g);
  return bool_ref(suspended);
}
/// gi_yieldfrom (cr_await): the iterator a `yield from` or `await` is suspended in, else None
/// (also while running). Read while inspecting, as gi_suspended.
Ref gen_get_yieldfrom(Value self) {
  GeneratorObject* g = as_gen(self);
  if (!gen_inspect(g)) return none_ref();
  Ref r = gen_awaiting(g) ? Ref::new_ref(g->frame->sp[-1]) : none_ref();
  gen_unclaim(g);
  return r;
}

void generator_types_init() {
  generator_type.name = "generator";
  generator_type.basic_size = sizeof(GeneratorObject);
  generator_type.dealloc = gen_dealloc;
  generator_type.traverse = gen_traverse;
  generator_type.clear = gen_clear;
  generator_type.finalize = gen_finalize;
  generator_type.flags |= kTypeWeakrefable;
  generator_type.iter = gen_iter;
  generator_type.iternext = gen_iternext;
  generator_type.repr = gen_repr;
  type_ready(&generator_type, &object_type);
  // CPython's docstrings (its __text_signature__ is None: the doc starts with the call form).
  static const NativeDef kMethods[] = {
      {"send($self, arg, /)", nullptr, kNativeNoTextSig,
       "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration.",
       m_send},
      {"throw($self, typ, val=None, tb=None, /)", nullptr, kNativeNoTextSig,
       "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next "
       "yielded value or raise\nStopIteration.",
       m_throw},
      {"close($self, /)", nullptr, kNativeNoTextSig,
       "close() -> raise GeneratorExit inside generator.", m_close},
  };
  add_methods(&generator_type, kMethods);
  add_method(&generator_type, "__next__", m_next);
  add_getset(&generator_type, "__name__", gen_get_name, gen_set_name, "name of the generator");
  add_getset(&generator_type, "__qualname__", gen_get_qualname, gen_set_qualname,
             "qualified name of the generator");
  add_getset(&generator_type, "gi_running", gen_get_running);
  add_getset(&generator_type, "gi_frame", gen_get_frame);
  add_getset(&generator_type, "gi_code", gen_get_code);
  add_getset(&generator_type, "gi_suspended", gen_get_suspended);
  add_getset(&generator_type, "gi_yieldfrom", gen_get_yieldfrom, nullptr,
             "object being iterated by yield from, or None");
}

}  // namespace minipy::vm
