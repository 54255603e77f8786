// Coroutines (PEP 492) and asynchronous generators (PEP 525) over the generator core
// (vm/generator.h). An `await` is GET_AWAITABLE + YIELD_FROM, so a coroutine suspended in an
// await simply yields what the innermost awaitable yields to the event loop. An async generator
// tells its own `yield` from such a pass-through by where its frame stopped (gen_awaiting): the
// asend/athrow awaitables turn a real yield into StopIteration(value), as CPython's
// _PyAsyncGenWrappedValue does, and pass everything else through.
#include <deque>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/thread_state.h"
#include "vm/code.h"
#include "vm/eval.h"
#include "vm/generator.h"

namespace minipy::vm {

using namespace rt;

TypeObject coroutine_type;
TypeObject async_generator_type;
static TypeObject coroutine_wrapper_type;  // what coroutine.__await__() returns
static TypeObject asend_type;              // async_generator_asend: __anext__()/asend()
static TypeObject athrow_type;             // async_generator_athrow: athrow()/aclose()

// ------------------------------------------------------------------ await

Ref get_awaitable_iter(Value o, int where) {
  TypeObject* t = type_of(o);
  if (t == &coroutine_type) {
    // Inspected: another thread may be running it (then it is not suspended in an await).
    GeneratorObject* g = as_gen(o);
    bool awaited = false;
    if (gen_inspect(g)) {
      awaited = gen_awaiting(g);
      gen_unclaim(g);
    }
    if (awaited) return raise(&exc_RuntimeError, "coroutine is being awaited already");
    return Ref::new_ref(o);
  }
  // The generator's code, not its frame (gone once it finished, and another thread's while it
  // runs), as CPython's gen_is_coroutine.
  if (t == &generator_type &&
      (static_cast<CodeObject*>(as_gen(o)->code.obj())->unit->flags & kCoIterableCoroutine)) {
    return Ref::new_ref(o);
  }
  Value meth = type_lookup(t, "__await__");
  if (!meth) {
    // `where`: GET_AWAITABLE's arg, as CPython's format_awaitable_error words it.
    if (where == 1 || where == 2) {
      return raise_fmt(&exc_TypeError,
                       "'async with' received an object from {} that does not implement "
                       "__await__: {}",
                       where == 1 ? "__aenter__" : "__aexit__", t->name);
    }
    return raise_fmt(&exc_TypeError, "object {} can't be used in 'await' expression", t->name);
  }
  bool found;
  Ref it = call_special(o, intern("__await__"), nullptr, 0, &found);
  if (!it) return it;
  if (type_of(it.get()) == &coroutine_type)
    return raise(&exc_TypeError, "__await__() returned a coroutine");
  if (!type_of(it.get())->iternext) {
    return raise_fmt(&exc_TypeError, "__await__() returned non-iterator of type '{}'",
                     type_name(it.get()));
  }
  return it;
}

Ref get_aiter(Value o) {
  if (!type_lookup(type_of(o), "__aiter__")) {
    return raise_fmt(&exc_TypeError, "'async for' requires an object with __aiter__ method, got {}",
                     type_name(o));
  }
  bool found;
  Ref it = call_special(o, intern("__aiter__"), nullptr, 0, &found);
  if (!it) return it;
  if (!type_lookup(type_of(it.get()), "__anext__")) {
    return raise_fmt(
        &exc_TypeError,
        "'async for' received an object from __aiter__ that does not implement __anext__: {}",
        type_name(it.get()));
  }
  return it;
}

Ref get_anext_awaitable(Value ait) {
  if (!type_lookup(type_of(ait), "__anext__")) {
    return raise_fmt(&exc_TypeError,
                     "'async for' requires an iterator with __anext__ method, got {}",
                     type_name(ait));
  }
  bool found;
  Ref aw = call_special(ait, intern("__anext__"), nullptr, 0, &found);
  if (!aw) return aw;
  Ref it = get_awaitable_iter(aw.get());
  if (!it) {
    // Whatever failed (no __await__, or __await__ raised) becomes the cause, as CPython's
    // _PyErr_FormatFromCause.
    Ref cause = take_exception();
    Ref e = make_exception(&exc_TypeError,
                           fmt::format("'async for' received an invalid object from __anext__: {}",
                                       type_name(aw.get())));
    static_cast<BaseExceptionObject*>(e.obj())->cause = cause.dup();
    static_cast<BaseExceptionObject*>(e.obj())->suppress_context = true;
    static_cast<BaseExceptionObject*>(e.obj())->context = std::move(cause);
    set_exception(std::move(e));
  }
  return it;
}

// ------------------------------------------------------------------ coroutine

static Ref coro_send(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("send", nargs, kw, 1, 1)) return Ref();
  bool done;
  Ref r = gen_resume(as_gen(self), args[0], false, &done);
  if (!r || !done) return r;
  return raise_stop_iteration(std::move(r));
}

static Ref coro_throw(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("throw", nargs, kw, 1, 3)) return Ref();
  Ref exc = gen_throw_args(args, nargs);
  if (!exc) return exc;
  bool done;
  Ref r = gen_throw(as_gen(self), std::move(exc), &done);
  if (r && done) return raise_stop_iteration(std::move(r));
  return r;
}

static Ref coro_close(Value self, const Value*, size_t, TupleObject*) {
  return gen_close(as_gen(self));
}

struct CoroWrapperObject : Object {
  Ref coro;
};

static Ref coro_await(Value self, const Value*, size_t, TupleObject*) {
  auto* w = alloc_instance<CoroWrapperObject>(&coroutine_wrapper_type);
  w->coro = Ref::new_ref(self);
  return Ref::steal(Value(w));
}

static Ref coro_repr(Value self) {
  std::string q;
  str_text(as_gen(self)->qualname.get(), &q);
  return str_new(fmt::format("<{} object {} at {:#x}>", type_of(self)->name, q, self.bits()));
}

static Ref coro_get_origin(Value self) {
  GeneratorObject* g = as_gen(self);
  return g->origin ? g->origin.dup() : none_ref();
}

// coroutine_wrapper: the iterator form of a coroutine (`yield from coro.__await__()`).
static CoroWrapperObject* as_wrapper(Value v) { return static_cast<CoroWrapperObject*>(v.obj()); }
/// The wrapped coroutine; null with RuntimeError pending once the collector cleared it.
static GeneratorObject* wrapped(Value self) {
  if (!as_wrapper(self)->coro) {
    raise(&exc_RuntimeError, "cannot reuse already awaited coroutine");
    return nullptr;
  }
  return as_gen(as_wrapper(self)->coro.get());
}
/// The send slot: the coroutine's return value comes back without a StopIteration.
static SendResult wrapper_am_send(Value self, Value arg, Ref* out) {
  GeneratorObject* g = wrapped(self);
  if (!g) return SendResult::kError;
  bool done;
  *out = gen_resume(g, arg, false, &done);
  if (!*out) return SendResult::kError;
  return done ? SendResult::kReturn : SendResult::kNext;
}
/// A send slot's outcome as iternext gives it: the return value in StopIteration(value).
static Ref send_as_iternext(SendResult s, Ref out) {
  if (s != SendResult::kReturn) return out;
  if (!is_none(out.get())) raise_with_value(&exc_StopIteration, out.get());
  return Ref();
}
static Ref wrapper_iternext(Value self) {
  Ref out;
  SendResult s = wrapper_am_send(self, None(), &out);
  return send_as_iternext(s, std::move(out));
}
static Ref wrapper_next(Value self, const Value*, size_t, TupleObject*) {
  Ref r = wrapper_iternext(self);
  if (!r && !error_pending()) set_exception(make_exception(&exc_StopIteration, nullptr, 0));
  return r;
}
static Ref wrapper_send(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!wrapped(self)) return Ref();
  return coro_send(as_wrapper(self)->coro.get(), args, nargs, kw);
}
static Ref wrapper_throw(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!wrapped(self)) return Ref();
  return coro_throw(as_wrapper(self)->coro.get(), args, nargs, kw);
}
static Ref wrapper_close(Value self, const Value*, size_t, TupleObject*) {
  GeneratorObject* g = wrapped(self);
  return g ? gen_close(g) : Ref();
}
static void wrapper_dealloc(Object* o) { delete static_cast<CoroWrapperObject*>(o); }
static void wrapper_clear(Object* o) { static_cast<CoroWrapperObject*>(o)->coro = Ref(); }
static void wrapper_traverse(Object* o, VisitFn visit, void* arg) {
  auto* w = static_cast<CoroWrapperObject*>(o);
  if (w->coro) visit(w->coro.obj(), arg);
}

// ------------------------------------------------------------------ async generators

/// asend/athrow objects: one await of one step of the async generator.
struct AgAwaitObject : Object {
  enum class State : uint8_t { kInit, kIter, kClosed };
  Ref gen;
  Ref value;  // asend: the value to send first; athrow: the exception (null: aclose)
  State state = State::kInit;
};
static AgAwaitObject* as_agaw(Value v) { return static_cast<AgAwaitObject*>(v.obj()); }

static Ref new_agaw(TypeObject* t, Value gen, Ref value) {
  auto* a = alloc_instance<AgAwaitObject>(t);
  a->gen = Ref::new_ref(gen);
  a->value = std::move(value);
  return Ref::steal(Value(a));
}

/// The outcome of one step of the async generator `g` for an asend/athrow awaitable: a real
/// `yield v` finishes the await with v as its return value (kReturn); a value yielded by an
/// inner await passes through to the event loop (kNext); the generator's end is
/// StopAsyncIteration. `awaiting`: the frame stopped in an await (gen_resume_awaiting).
static SendResult ag_unwrap_send(AgAwaitObject* a, GeneratorObject* g, Ref r, bool done,
                                 bool awaiting, Ref* out) {
  if (!r) {
    if (exception_matches(&exc_StopAsyncIteration) || exception_matches(&exc_GeneratorExit))
      g->ag_closed.store(true, std::memory_order_relaxed);
    a->state = AgAwaitObject::State::kClosed;
    return SendResult::kError;
  }
  if (done) {
    g->ag_closed.store(true, std::memory_order_relaxed);
    a->state = AgAwaitObject::State::kClosed;
    set_exception(make_exception(&exc_StopAsyncIteration, nullptr, 0));
    return SendResult::kError;
  }
  *out = std::move(r);
  if (awaiting) return SendResult::kNext;
  a->state = AgAwaitObject::State::kClosed;
  return SendResult::kReturn;
}
/// The same for send()/throw() called from Python: the yielded value in StopIteration(v).
static Ref ag_unwrap(AgAwaitObject* a, GeneratorObject* g, Ref r, bool done, bool awaiting) {
  Ref out;
  SendResult s = ag_unwrap_send(a, g, std::move(r), done, awaiting, &out);
  if (s != SendResult::kReturn) return out;
  return raise_stop_iteration(std::move(out));
}

/// asend's send slot (`async for` and `await ag.asend(v)` through YIELD_FROM): the yielded item
/// comes back without a StopIteration, as CPython's async_gen_unwrap_value avoids making one.
static SendResult asend_am_send(Value self, Value v, Ref* out) {
  AgAwaitObject* a = as_agaw(self);
  if (a->state == AgAwaitObject::State::kClosed) {
    raise(&exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    return SendResult::kError;
  }
  GeneratorObject* g = as_gen(a->gen.get());
  if (a->state == AgAwaitObject::State::kInit) {
    if (g->ag_closed.load(std::memory_order_relaxed) || gen_peek_frame(g) == nullptr) {
      a->state = AgAwaitObject::State::kClosed;
      set_exception(make_exception(&exc_StopAsyncIteration, nullptr, 0));
      return SendResult::kError;
    }
    if (!v || is_none(v)) v = a->value.get();
    a->state = AgAwaitObject::State::kIter;
  }
  bool done, awaiting;
  Ref r = gen_resume_awaiting(g, v, false, &done, &awaiting);
  return ag_unwrap_send(a, g, std::move(r), done, awaiting, out);
}

static Ref asend_send(Value self, Value v) {
  Ref out;
  SendResult s = asend_am_send(self, v, &out);
  if (s != SendResult::kReturn) return out;
  return raise_stop_iteration(std::move(out));
}

static Ref asend_iternext(Value self) { return asend_send(self, None()); }
static Ref asend_m_send(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("send", nargs, kw, 1, 1)) return Ref();
  return asend_send(self, args[0]);
}
static Ref agaw_next(Value self, const Value*, size_t, TupleObject*) {
  Ref r = type_of(self)->iternext(self);
  if (!r && !error_pending()) set_exception(make_exception(&exc_StopIteration, nullptr, 0));
  return r;
}
static Ref asend_throw(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("throw", nargs, kw, 1, 3)) return Ref();
  AgAwaitObject* a = as_agaw(self);
  if (a->state == AgAwaitObject::State::kClosed) {
    return raise(&exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
  }
  Ref exc = gen_throw_args(args, nargs);
  if (!exc) return exc;
  GeneratorObject* g = as_gen(a->gen.get());
  bool done, awaiting;
  Ref r = gen_throw(g, std::move(exc), &done, &awaiting);
  return ag_unwrap(a, g, std::move(r), done, awaiting);
}
static Ref agaw_close(Value self, const Value*, size_t, TupleObject*) {
  as_agaw(self)->state = AgAwaitObject::State::kClosed;
  return none_ref();
}

/// athrow()/aclose(): throw into the generator; for aclose a real yield is an error and the
/// generator's GeneratorExit/StopAsyncIteration ends the await normally.
static Ref athrow_result(AgAwaitObject* a, GeneratorObject* g, Ref r, bool done,
                         bool awaiting) {
  bool is_close = !a->value;
  if (!is_close) return ag_unwrap(a, g, std::move(r), done, awaiting);
  if (r && !done) {
    if (awaiting) return r;
    a->state = AgAwaitObject::State::kClosed;
    return raise(&exc_RuntimeError, "async generator ignored GeneratorExit");
  }
  a->state = AgAwaitObject::State::kClosed;
  g->ag_closed.store(true, std::memory_order_relaxed);
  if (r || exception_matches(&exc_StopAsyncIteration) || exception_matches(&exc_GeneratorExit)) {
    clear_exception();
    set_exception(make_exception(&exc_StopIteration, nullptr, 0));
  }
  return Ref();
}

static Ref athrow_send(Value self, Value v) {
  AgAwaitObject* a = as_agaw(self);
  if (a->state == AgAwaitObject::State::kClosed) {
    return raise(&exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  }
  GeneratorObject* g = as_gen(a->gen.get());
  bool is_close = !a->value;
  if (gen_peek_frame(g) == nullptr || g->ag_closed.load(std::memory_order_relaxed)) {
    a->state = AgAwaitObject::State::kClosed;
    set_exception(
        make_exception(is_close ? &exc_StopIteration : &exc_StopAsyncIteration, nullptr, 0));
    return Ref();
  }
  bool done, awaiting;
  Ref r;
  if (a->state == AgAwaitObject::State::kInit) {
    if (v && !is_none(v))
      return raise(&exc_RuntimeError, "can't send non-None value to a just-started coroutine");
    a->state = AgAwaitObject::State::kIter;
    Ref exc = is_close ? make_exception(&exc_GeneratorExit, nullptr, 0) : a->value.dup();
    // A generator never started has no await to delegate to: gen_throw raises the exception
    // at its start, which ends it at once (as CPython's gen_throw).
    r = gen_throw(g, std::move(exc), &done, &awaiting);
  } else {
    r = gen_resume_awaiting(g, v ? v : None(), false, &done, &awaiting);
  }
  return athrow_result(a, g, std::move(r), done, awaiting);
}

static Ref athrow_iternext(Value self) { return athrow_send(self, None()); }
static Ref athrow_m_send(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("send", nargs, kw, 1, 1)) return Ref();
  return athrow_send(self, args[0]);
}
static Ref athrow_throw(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("throw", nargs, kw, 1, 3)) return Ref();
  AgAwaitObject* a = as_agaw(self);
  if (a->state == AgAwaitObject::State::kClosed) {
    return raise(&exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  }
  Ref exc = gen_throw_args(args, nargs);
  if (!exc) return exc;
  GeneratorObject* g = as_gen(a->gen.get());
  bool done, awaiting;
  Ref r = gen_throw(g, std::move(exc), &done, &awaiting);
  return athrow_result(a, g, std::move(r), done, awaiting);
}

static void agaw_dealloc(Object* o) { delete static_cast<AgAwaitObject*>(o); }
static void agaw_clear(Object* o) {
  auto* a = static_cast<AgAwaitObject*>(o);
  a->gen = Ref();
  a->value = Ref();
  a->state = AgAwaitObject::State::kClosed;
}
static void agaw_traverse(Object* o, VisitFn visit, void* arg) {
  auto* a = static_cast<AgAwaitObject*>(o);
  if (a->gen) visit(a->gen.obj(), arg);
  if (a->value && a->value.get().is_object()) visit(a->value.obj(), arg);
}
static Ref self_iter(Value self) { return Ref::new_ref(self); }

/// The first __anext__/asend/athrow/aclose of an async generator takes the thread's
/// sys.set_asyncgen_hooks: it keeps the finalizer (gen_finalize calls it) and calls
/// firstiter(agen) (CPython's async_gen_init_hooks).
static bool ag_init_hooks(Value self) {
  GeneratorObject* g = as_gen(self);
  if (g->ag_hooks_inited) return true;
  g->ag_hooks_inited = true;
  ThreadState* ts = tstate();
  if (ts->asyncgen_finalizer) g->ag_finalizer = ts->asyncgen_finalizer.dup();
  if (ts->asyncgen_firstiter) {
    Ref hook = ts->asyncgen_firstiter.dup();
    if (!call(hook.get(), &self, 1)) return false;
  }
  return true;
}

static Ref ag_aiter(Value self, const Value*, size_t, TupleObject*) { return Ref::new_ref(self); }
static Ref ag_anext(Value self, const Value*, size_t, TupleObject*) {
  if (!ag_init_hooks(self)) return Ref();
  return new_agaw(&asend_type, self, none_ref());
}
static Ref ag_asend(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("asend", nargs, kw, 1, 1)) return Ref();
  if (!ag_init_hooks(self)) return Ref();
  return new_agaw(&asend_type, self, Ref::new_ref(args[0]));
}
static Ref ag_athrow(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("athrow", nargs, kw, 1, 3)) return Ref();
  if (!ag_init_hooks(self)) return Ref();
  Ref exc = gen_throw_args(args, nargs);
  if (!exc) return exc;
  return new_agaw(&athrow_type, self, std::move(exc));
}
static Ref ag_aclose(Value self, const Value*, size_t, TupleObject*) {
  if (!ag_init_hooks(self)) return Ref();
  return new_agaw(&athrow_type, self, Ref());
}

// ------------------------------------------------------------------ types

static void init_gen_like(TypeObject* t, const char* name, const char* prefix) {
  t->name = name;
  t->basic_size = sizeof(GeneratorObject);
  // The generator core's object slots (dealloc, and the collector's traverse) are shared.
  t->dealloc = generator_type.dealloc;
  t->traverse = generator_type.traverse;
  t->clear = generator_type.clear;
  t->finalize = generator_type.finalize;
  t->flags |= generator_type.flags & kTypeWeakrefable;
  t->repr = coro_repr;
  type_ready(t, &object_type);
  std::string p = prefix;
  // The names and docs must outlive the type: keep them in static storage (a deque: its
  // elements never move).
  static auto* names = new std::deque<std::string>();
  auto keep = [&](const std::string& s) { return names->emplace_back(s).c_str(); };
  std::string what = p == "cr" ? "coroutine" : "async generator";
  add_getset(t, "__name__", gen_get_name, gen_set_name, keep("name of the " + what));
  add_getset(t, "__qualname__", gen_get_qualname, gen_set_qualname,
             keep("qualified name of the " + what));
  add_getset(t, keep(p + "_running"), gen_get_running);
  add_getset(t, keep(p + "_frame"), gen_get_frame);
  add_getset(t, keep(p + "_code"), gen_get_code);
  add_getset(t, keep(p + "_await"), gen_get_yieldfrom, nullptr, "object being awaited on, or None");
  if (p == "cr") add_getset(t, "cr_suspended", gen_get_suspended);  // 3.11 has no ag_suspended
}

void coroutine_types_init() {
  init_gen_like(&coroutine_type, "coroutine", "cr");
  // CPython's docstrings (its __text_signature__ is None: the doc starts with the call form).
  static const NativeDef kCoroMethods[] = {
      {"send($self, arg, /)", nullptr, kNativeNoTextSig,
       "send(arg) -> send 'arg' into coroutine,\nreturn next iterated value or raise "
       "StopIteration.",
       coro_send},
      {"throw($self, typ, val=None, tb=None, /)", nullptr, kNativeNoTextSig,
       "throw(value)\nthrow(type[,value[,traceback]])\n\nRaise exception in coroutine, return "
       "next iterated value or raise\nStopIteration.",
       coro_throw},
      {"close($self, /)", nullptr, kNativeNoTextSig,
       "close() -> raise GeneratorExit inside coroutine.", coro_close},
      {"__await__($self, /)", nullptr, 0, "Return an iterator to be used in await expression.",
       coro_await},
  };
  add_methods(&coroutine_type, kCoroMethods);
  add_getset(&coroutine_type, "cr_origin", coro_get_origin);

  coroutine_wrapper_type.name = "coroutine_wrapper";
  coroutine_wrapper_type.basic_size = sizeof(CoroWrapperObject);
  coroutine_wrapper_type.dealloc = wrapper_dealloc;
  coroutine_wrapper_type.traverse = wrapper_traverse;
  coroutine_wrapper_type.clear = wrapper_clear;
  coroutine_wrapper_type.iter = self_iter;
  coroutine_wrapper_type.iternext = wrapper_iternext;
  coroutine_wrapper_type.send = wrapper_am_send;
  type_ready(&coroutine_wrapper_type, &object_type);
  add_method(&coroutine_wrapper_type, "__next__", wrapper_next);
  add_method(&coroutine_wrapper_type, "send", wrapper_send);
  add_method(&coroutine_wrapper_type, "throw", wrapper_throw);
  add_method(&coroutine_wrapper_type, "close", wrapper_close);

  init_gen_like(&async_generator_type, "async_generator", "ag");
  add_method(&async_generator_type, "__aiter__", ag_aiter);
  add_method(&async_generator_type, "__anext__", ag_anext);
  static const NativeDef kAsyncGenMethods[] = {
      {"asend($self, v, /)", nullptr, kNativeNoTextSig, "asend(v) -> send 'v' in generator.",
       ag_asend},
      {"athrow($self, typ, val=None, tb=None, /)", nullptr, kNativeNoTextSig,
       "athrow(typ[,val[,tb]]) -> raise exception in generator.", ag_athrow},
      {"aclose($self, /)", nullptr, kNativeNoTextSig,
       "aclose() -> raise GeneratorExit inside generator.", ag_aclose},
  };
  add_methods(&async_generator_type, kAsyncGenMethods);
  add_class_getitem(&async_generator_type);

  struct AwaitType {
    TypeObject* t;
    const char* name;
    UnaryFn iternext;
    NativeFn send, throw_;
  };
  for (const AwaitType& at :
       {AwaitType{&asend_type, "async_generator_asend", asend_iternext, asend_m_send, asend_throw},
        AwaitType{&athrow_type, "async_generator_athrow", athrow_iternext, athrow_m_send,
                  athrow_throw}}) {
    at.t->name = at.name;
    at.t->basic_size = sizeof(AgAwaitObject);
    at.t->dealloc = agaw_dealloc;
    at.t->traverse = agaw_traverse;
    at.t->clear = agaw_clear;
    at.t->iter = self_iter;
    at.t->iternext = at.iternext;
    type_ready(at.t, &object_type);
    if (at.t == &asend_type) at.t->send = asend_am_send;
    add_method(at.t, "__next__", agaw_next);
    add_method(at.t, "__await__",
               [](Value self, const Value*, size_t, TupleObject*) { return Ref::new_ref(self); });
    add_method(at.t, "send", at.send);
    add_method(at.t, "throw", at.throw_);
    add_method(at.t, "close", agaw_close);
  }
}

}  // namespace minipy::vm
