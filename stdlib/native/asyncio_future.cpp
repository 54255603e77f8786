// _asyncio.Future and the iterator its __await__/__iter__ return (_asyncio.FutureIter), with
// CPython 3.11's semantics and messages (Modules/_asynciomodule.c), which differ in places from
// asyncio.futures' pure-Python class ("Result is not set." where Python says "Result is not
// ready.", "invalid state" where it names the state).
//
// A Future's done callbacks are kept in one vector of (callback, context) pairs; scheduling them
// moves the vector out first, so a callback that adds callbacks (or a call_soon that runs code)
// never sees a half-walked list.
#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/_contextvars.h"
#include "stdlib/native/asyncio_module.h"
#include "vm/generator.h"

namespace minipy::lib::asyncio {

using namespace rt;

TypeObject future_type;
TypeObject future_iter_type;

namespace {

bool ensure_alive(FutureObject* fut) {
  if (fut->loop) return true;
  raise(&exc_RuntimeError, "Future object is not initialized.");
  return false;
}

/// Schedules every done callback with loop.call_soon(cb, fut, context=ctx) and forgets them.
/// On an error the rest are dropped, as the pure-Python version loses them too.
bool schedule_callbacks(FutureObject* fut) {
  std::vector<std::pair<Ref, Ref>> callbacks;
  {
    CriticalSection cs(fut);
    callbacks.swap(fut->callbacks);
  }
  for (auto& [fn, ctx] : callbacks) {
    if (!call_soon(fut->loop.get(), fn.get(), Value(fut), ctx.get())) return false;
  }
  return true;
}

}  // namespace

bool future_init(FutureObject* fut, Value loop) {
  // Everything but the __dict__, as CPython's future_init: __init__ may run twice.
  fut->loop.reset();
  std::vector<std::pair<Ref, Ref>> old_callbacks;
  {
    CriticalSection cs(fut);
    old_callbacks.swap(fut->callbacks);
  }
  old_callbacks.clear();
  fut->result.reset();
  fut->exception.reset();
  fut->exception_tb.reset();
  fut->source_tb.reset();
  fut->cancel_msg.reset();
  fut->cancelled_exc.reset();
  fut->state = FutState::kPending;
  fut->log_tb = false;
  fut->blocking = false;

  Ref bound = is_none(loop) ? get_event_loop() : Ref::new_ref(loop);
  if (!bound) return false;
  fut->loop = std::move(bound);
  Ref debug = call_method(fut->loop.get(), intern("get_debug"), nullptr, 0);
  if (!debug) return false;
  int on = truthy(debug.get());
  if (on < 0) return false;
  if (on) {
    fut->source_tb = call0(state().extract_stack.get());
    if (!fut->source_tb) return false;
  }
  return true;
}

Ref future_set_result(FutureObject* fut, Value result) {
  if (!ensure_alive(fut)) return Ref();
  if (fut->state != FutState::kPending) return raise_invalid_state("invalid state");
  fut->result = Ref::new_ref(result);
  fut->state = FutState::kFinished;
  if (!schedule_callbacks(fut)) return Ref();
  return none_ref();
}

Ref future_set_exception(FutureObject* fut, Value exc) {
  if (!ensure_alive(fut)) return Ref();
  if (fut->state != FutState::kPending) return raise_invalid_state("invalid state");
  Ref value;
  if (isinstance(exc, &type_type) &&
      (static_cast<TypeObject*>(exc.obj())->flags & kTypeException)) {
    value = call0(exc);
    if (!value) return value;
    // The constructor ran Python code: it may have finished the future meanwhile.
    if (fut->state != FutState::kPending) return raise_invalid_state("invalid state");
  } else {
    value = Ref::new_ref(exc);
  }
  if (!(type_of(value.get())->flags & kTypeException))
    return raise(&exc_TypeError, "invalid exception object");
  if (type_of(value.get()) == &exc_StopIteration) {
    return raise(&exc_TypeError,
                 "StopIteration interacts badly with generators and cannot be raised into a "
                 "Future");
  }
  Ref tb = exception_traceback(value.get());
  if (!tb) return tb;
  fut->exception = std::move(value);
  fut->exception_tb = is_none(tb.get()) ? Ref() : std::move(tb);
  fut->state = FutState::kFinished;
  if (!schedule_callbacks(fut)) return Ref();
  fut->log_tb = true;
  return none_ref();
}

Ref future_cancel(FutureObject* fut, Value msg) {
  fut->log_tb = false;
  if (fut->state != FutState::kPending) return bool_ref(false);
  fut->state = FutState::kCancelled;
  fut->cancel_msg = msg ? Ref::new_ref(msg) : Ref();
  if (!schedule_callbacks(fut)) return Ref();
  return bool_ref(true);
}

Ref future_make_cancelled_error(FutureObject* fut) {
  if (fut->cancelled_exc) return std::move(fut->cancelled_exc);
  Value msg = fut->cancel_msg.get();
  Value cls = state().cancelled_error.get();
  if (!msg || is_none(msg)) return call0(cls);
  return call1(cls, msg);
}

Ref future_raise_exception(FutureObject* fut, Ref exc) {
  // `raise self._exception.with_traceback(self._exception_tb)`: the traceback does not grow by
  // the frames of every earlier result() call.
  Value tb = fut->exception_tb ? fut->exception_tb.get() : None();
  if (!setattr(exc.get(), intern("__traceback__"), tb)) return Ref();
  return raise_chained(std::move(exc));
}

Ref raise_chained(Ref exc) {
  chain_to_handled(tstate(), exc.get(), /*replace=*/true);
  return set_exception(std::move(exc));
}

int future_get_result(FutureObject* fut, Ref* out) {
  if (fut->state == FutState::kCancelled) {
    Ref exc = future_make_cancelled_error(fut);
    if (exc) raise_chained(std::move(exc));
    return -1;
  }
  if (fut->state != FutState::kFinished) {
    raise_invalid_state("Result is not set.");
    return -1;
  }
  fut->log_tb = false;
  if (fut->exception) {
    *out = fut->exception.dup();
    return 1;
  }
  *out = fut->result.dup();
  return 0;
}

Ref future_add_done_callback(FutureObject* fut, Value fn, Value ctx) {
  if (!fut->loop) return raise(&exc_RuntimeError, "uninitialized Future object");
  if (fut->state != FutState::kPending) {
    if (!call_soon(fut->loop.get(), fn, Value(fut), ctx)) return Ref();
    return none_ref();
  }
  CriticalSection cs(fut);
  fut->callbacks.emplace_back(Ref::new_ref(fn), Ref::new_ref(ctx));
  return none_ref();
}

void future_traverse(Object* o, VisitFn visit, void* arg) {
  auto* f = static_cast<FutureObject*>(o);
  visit_value(f->loop.get(), visit, arg);
  for (auto& [fn, ctx] : f->callbacks) {
    visit_value(fn.get(), visit, arg);
    visit_value(ctx.get(), visit, arg);
  }
  visit_value(f->result.get(), visit, arg);
  visit_value(f->exception.get(), visit, arg);
  visit_value(f->exception_tb.get(), visit, arg);
  visit_value(f->source_tb.get(), visit, arg);
  visit_value(f->cancel_msg.get(), visit, arg);
  visit_value(f->cancelled_exc.get(), visit, arg);
}

void future_clear(Object* o) {
  auto* f = static_cast<FutureObject*>(o);
  Ref loop = std::move(f->loop);
  std::vector<std::pair<Ref, Ref>> callbacks;
  {
    CriticalSection cs(f);
    callbacks.swap(f->callbacks);
  }
  Ref result = std::move(f->result);
  Ref exception = std::move(f->exception);
  Ref exception_tb = std::move(f->exception_tb);
  Ref source_tb = std::move(f->source_tb);
  Ref cancel_msg = std::move(f->cancel_msg);
  Ref cancelled_exc = std::move(f->cancelled_exc);
}

/// Hands `context` to loop.call_exception_handler; errors are reported as unraisable.
void call_exception_handler(FutureObject* fut, DictObject* context) {
  if (!fut->loop) return;
  Ref func = getattr(fut->loop.get(), intern("call_exception_handler"));
  if (!func) {
    clear_exception();
    return;
  }
  Value ctx = Value(context);
  if (!call(func.get(), &ctx, 1)) write_unraisable(func.get(), nullptr);
}

/// PEP 442 finalizer: an exception that was set and never retrieved is logged through the loop's
/// exception handler ("Future exception was never retrieved").
void future_finalize(Object* o) {
  auto* fut = static_cast<FutureObject*>(o);
  if (!fut->log_tb) return;
  fut->log_tb = false;
  Ref context = dict_new();
  std::string name = type_of(Value(o))->name;
  if (auto dot = name.rfind('.');
      !(type_of(Value(o))->flags & kTypeHeap) && dot != std::string::npos)
    name = name.substr(dot + 1);
  DictObject* d = as_dict(context.get());
  Ref message = str_new(name + " exception was never retrieved");
  if (!dict_set_cstr(d, "message", message.get()) ||
      !dict_set_cstr(d, "exception", fut->exception ? fut->exception.get() : None()) ||
      !dict_set_cstr(d, "future", Value(o)) ||
      (fut->source_tb && !dict_set_cstr(d, "source_traceback", fut->source_tb.get()))) {
    clear_exception();
    return;
  }
  call_exception_handler(fut, d);
}

namespace {

FutureObject* fut_of(Value self) { return as_future(self); }

// ---------------------------------------------------------------- methods

Ref m_result(Value self, NativeArgs&) {
  FutureObject* fut = fut_of(self);
  if (!fut->loop) return raise_invalid_state("Future object is not initialized.");
  Ref out;
  int r = future_get_result(fut, &out);
  if (r < 0) return Ref();
  if (r == 1) return future_raise_exception(fut, std::move(out));
  return out;
}

Ref m_exception(Value self, NativeArgs&) {
  FutureObject* fut = fut_of(self);
  if (!fut->loop) return raise_invalid_state("Future object is not initialized.");
  if (fut->state == FutState::kCancelled) {
    Ref exc = future_make_cancelled_error(fut);
    if (exc) raise_chained(std::move(exc));
    return Ref();
  }
  if (fut->state != FutState::kFinished) return raise_invalid_state("Exception is not set.");
  if (fut->exception) {
    fut->log_tb = false;
    return fut->exception.dup();
  }
  return none_ref();
}

Ref m_set_result(Value self, NativeArgs& a) { return future_set_result(fut_of(self), a[0]); }
Ref m_set_exception(Value self, NativeArgs& a) { return future_set_exception(fut_of(self), a[0]); }

Ref m_add_done_callback(Value self, NativeArgs& a) {
  if (a.given(1)) return future_add_done_callback(fut_of(self), a[0], a[1]);
  Ref ctx = contextvars_copy_current();
  if (!ctx) return ctx;
  return future_add_done_callback(fut_of(self), a[0], ctx.get());
}

Ref m_remove_done_callback(Value self, NativeArgs& a) {
  FutureObject* fut = fut_of(self);
  if (!ensure_alive(fut)) return Ref();
  // Compare a snapshot: __eq__ may run code that adds or removes callbacks.
  std::vector<std::pair<Ref, Ref>> snapshot;
  {
    CriticalSection cs(fut);
    for (auto& [fn, ctx] : fut->callbacks) snapshot.emplace_back(fn.dup(), ctx.dup());
  }
  std::vector<std::pair<Ref, Ref>> kept;
  int64_t removed = 0;
  for (auto& entry : snapshot) {
    int eq = equal(entry.first.get(), a[0]);
    if (eq < 0) return Ref();
    if (eq) {
      removed++;
    } else {
      kept.push_back(std::move(entry));
    }
  }
  if (removed != 0) {
    CriticalSection cs(fut);
    fut->callbacks.swap(kept);
  }
  kept.clear();
  return int_from_int64(removed);
}

Ref m_cancel(Value self, NativeArgs& a) {
  FutureObject* fut = fut_of(self);
  if (!ensure_alive(fut)) return Ref();
  return future_cancel(fut, a[0]);
}

Ref m_cancelled(Value self, NativeArgs&) {
  FutureObject* fut = fut_of(self);
  return bool_ref(fut->loop && fut->state == FutState::kCancelled);
}

Ref m_done(Value self, NativeArgs&) {
  FutureObject* fut = fut_of(self);
  return bool_ref(fut->loop && fut->state != FutState::kPending);
}

Ref m_get_loop(Value self, NativeArgs&) {
  FutureObject* fut = fut_of(self);
  if (!ensure_alive(fut)) return Ref();
  return fut->loop.dup();
}

Ref m_make_cancelled_error(Value self, NativeArgs&) {
  return future_make_cancelled_error(fut_of(self));
}

Ref m_repr_info(Value self, NativeArgs&) { return call1(state().future_repr_info.get(), self); }

Ref m_class_getitem(Value cls, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__class_getitem__", nargs, kw, 1, 1)) return Ref();
  return generic_alias_new(cls, args[0]);
}

Ref future_new_iter(Value self);
Ref m_await(Value self, NativeArgs&) { return future_new_iter(self); }

// ---------------------------------------------------------------- attributes

bool no_delete(Value v) {
  if (v) return true;
  raise(&exc_AttributeError, "cannot delete attribute");
  return false;
}

Ref get_state(Value self) {
  FutureObject* fut = fut_of(self);
  if (!ensure_alive(fut)) return Ref();
  switch (fut->state) {
    case FutState::kPending:
      return Ref::new_ref(Value(intern("PENDING")));
    case FutState::kCancelled:
      return Ref::new_ref(Value(intern("CANCELLED")));
    case FutState::kFinished:
      break;
  }
  return Ref::new_ref(Value(intern("FINISHED")));
}

Ref get_blocking(Value self) {
  FutureObject* fut = fut_of(self);
  return bool_ref(fut->loop && fut->blocking);
}
bool set_blocking(Value self, Value v) {
  FutureObject* fut = fut_of(self);
  if (!ensure_alive(fut) || !no_delete(v)) return false;
  int on = truthy(v);
  if (on < 0) return false;
  fut->blocking = on != 0;
  return true;
}

Ref get_log_traceback(Value self) {
  FutureObject* fut = fut_of(self);
  if (!ensure_alive(fut)) return Ref();
  return bool_ref(fut->log_tb);
}
bool set_log_traceback(Value self, Value v) {
  if (!no_delete(v)) return false;
  int on = truthy(v);
  if (on < 0) return false;
  if (on) {
    raise(&exc_ValueError, "_log_traceback can only be set to False");
    return false;
  }
  fut_of(self)->log_tb = false;
  return true;
}

Ref get_loop(Value self) {
  FutureObject* fut = fut_of(self);
  return fut->loop ? fut->loop.dup() : none_ref();
}

Ref get_callbacks(Value self) {
  FutureObject* fut = fut_of(self);
  if (!ensure_alive(fut)) return Ref();
  std::vector<Ref> pairs;
  {
    CriticalSection cs(fut);
    for (auto& [fn, ctx] : fut->callbacks) pairs.push_back(tuple_of({fn.get(), ctx.get()}));
  }
  if (pairs.empty()) return none_ref();
  Ref list = list_new(pairs.size());
  for (Ref& p : pairs) list_append_steal(as_list(list.get()), p.release());
  return list;
}

Ref get_result(Value self) {
  FutureObject* fut = fut_of(self);
  if (!ensure_alive(fut)) return Ref();
  return fut->result ? fut->result.dup() : none_ref();
}

Ref get_exception(Value self) {
  FutureObject* fut = fut_of(self);
  if (!ensure_alive(fut)) return Ref();
  return fut->exception ? fut->exception.dup() : none_ref();
}

Ref get_source_traceback(Value self) {
  FutureObject* fut = fut_of(self);
  return fut->loop && fut->source_tb ? fut->source_tb.dup() : none_ref();
}

Ref get_cancel_message(Value self) {
  FutureObject* fut = fut_of(self);
  return fut->cancel_msg ? fut->cancel_msg.dup() : none_ref();
}
bool set_cancel_message(Value self, Value v) {
  if (!no_delete(v)) return false;
  fut_of(self)->cancel_msg = Ref::new_ref(v);
  return true;
}

// ---------------------------------------------------------------- slots

Ref future_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<FutureObject>(type)));
}

bool future_init_slot(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[1] = {};
  if (!parse_args("Future", args, nargs, kw, {"*", "loop"}, 0, a)) return false;
  return future_init(fut_of(self), a[0] ? a[0] : None());
}

Ref future_repr(Value self) {
  if (!ensure_alive(fut_of(self))) return Ref();
  return call1(state().future_repr.get(), self);
}

void future_dealloc(Object* o) { delete static_cast<FutureObject*>(o); }

// ---------------------------------------------------------------- FutureIter

struct FutureIterObject : Object {
  Ref future;  // null once the await finished (or the iterator was closed or thrown into)
};

Ref future_new_iter(Value self) {
  if (!ensure_alive(fut_of(self))) return Ref();
  auto* it = alloc_instance<FutureIterObject>(&future_iter_type);
  it->future = Ref::new_ref(self);
  return Ref::steal(Value(it));
}

/// One step of `await fut` (CPython's FutureIter_am_send): the future itself while it is
/// pending (the Task waits on it), then its result as the return value, which YIELD_FROM and the
/// Task step take without a StopIteration. A finished iterator returns None.
SendResult future_iter_send(Value self, Value, Ref* out) {
  auto* it = static_cast<FutureIterObject*>(self.obj());
  if (!it->future) {
    *out = none_ref();
    return SendResult::kReturn;
  }
  FutureObject* fut = as_future(it->future.get());
  if (fut->state == FutState::kPending) {
    if (!fut->blocking) {
      fut->blocking = true;
      *out = it->future.dup();
      return SendResult::kNext;
    }
    raise(&exc_RuntimeError, "await wasn't used with future");
    return SendResult::kError;
  }
  Ref held = std::move(it->future);
  if (!fut->loop) {
    raise_invalid_state("Future object is not initialized.");
    return SendResult::kError;
  }
  int r = future_get_result(fut, out);
  if (r < 0) return SendResult::kError;
  if (r == 1) {
    future_raise_exception(fut, std::move(*out));
    out->reset();
    return SendResult::kError;
  }
  return SendResult::kReturn;
}

/// next(): the same step, the result travelling in StopIteration(result) (none for None).
Ref future_iter_next(Value self) {
  Ref out;
  SendResult s = future_iter_send(self, None(), &out);
  if (s != SendResult::kReturn) return out;
  if (!is_none(out.get())) raise_with_value(&exc_StopIteration, out.get());
  return Ref();
}

Ref iter_send(Value self, NativeArgs&) {
  Ref r = future_iter_next(self);
  if (!r && !error_pending()) set_exception(make_exception(&exc_StopIteration, nullptr, 0));
  return r;
}

Ref iter_throw(Value self, NativeArgs& a) {
  Value args[3] = {a[0], a.given(1) ? a[1] : Value(), a.given(2) ? a[2] : Value()};
  size_t n = a.given(2) ? 3 : a.given(1) ? 2 : 1;
  Ref exc = vm::gen_throw_args(args, n);
  if (!exc) return exc;
  static_cast<FutureIterObject*>(self.obj())->future.reset();
  return set_exception(std::move(exc));
}

Ref iter_close(Value self, NativeArgs&) {
  static_cast<FutureIterObject*>(self.obj())->future.reset();
  return none_ref();
}

Ref iter_self(Value self) { return Ref::new_ref(self); }
void iter_dealloc(Object* o) { delete static_cast<FutureIterObject*>(o); }
void iter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<FutureIterObject*>(o)->future.get(), visit, arg);
}
void iter_clear(Object* o) { Ref f = std::move(static_cast<FutureIterObject*>(o)->future); }

const NativeDef kFutureMethods[] = {
    {"result($self, /)", m_result, 0,
     "Return the result this future represents.\n\nIf the future has been cancelled, raises "
     "CancelledError.  If the\nfuture's result isn't yet available, raises InvalidStateError.  "
     "If\nthe future is done and has an exception set, this exception is raised."},
    {"exception($self, /)", m_exception, 0,
     "Return the exception that was set on this future.\n\nThe exception (or None if no "
     "exception was set) is returned only if\nthe future is done.  If the future has been "
     "cancelled, raises\nCancelledError.  If the future isn't done yet, raises\n"
     "InvalidStateError."},
    {"set_result($self, result, /)", m_set_result, 0,
     "Mark the future done and set its result.\n\nIf the future is already done when this "
     "method is called, raises\nInvalidStateError."},
    {"set_exception($self, exception, /)", m_set_exception, 0,
     "Mark the future done and set an exception.\n\nIf the future is already done when this "
     "method is called, raises\nInvalidStateError."},
    {"add_done_callback($self, fn, /, *, context=NULL)", m_add_done_callback, 0,
     "Add a callback to be run when the future becomes done.\n\nThe callback is called with a "
     "single argument - the future object. If\nthe future is already done when this is called, "
     "the callback is\nscheduled with call_soon."},
    {"remove_done_callback($self, fn, /)", m_remove_done_callback, 0,
     "Remove all instances of a callback from the \"call when done\" list.\n\nReturns the number "
     "of callbacks removed."},
    {"cancel($self, /, msg=None)", m_cancel, 0,
     "Cancel the future and schedule callbacks.\n\nIf the future is already done or cancelled, "
     "return False.  Otherwise,\nchange the future's state to cancelled, schedule the callbacks "
     "and\nreturn True."},
    {"cancelled($self, /)", m_cancelled, 0, "Return True if the future was cancelled."},
    {"done($self, /)", m_done, 0,
     "Return True if the future is done.\n\nDone means either that a result / exception are "
     "available, or that the\nfuture was cancelled."},
    {"get_loop($self, /)", m_get_loop, 0, "Return the event loop the Future is bound to."},
    {"_make_cancelled_error($self, /)", m_make_cancelled_error, 0,
     "Create the CancelledError to raise if the Future is cancelled.\n\nThis should only be "
     "called once when handling a cancellation since\nit erases the context exception value."},
    {"_repr_info($self, /)", m_repr_info},
    {"__await__($self, /)", m_await, 0, "Return an iterator to be used in await expression."},
};

const NativeDef kIterMethods[] = {
    {"send($self, unused, /)", iter_send, kNativeNoTextSig},
    {"throw($self, type, value=NULL, traceback=NULL, /)", iter_throw,
     kNativeNoTextSig | kNativeParseTuple},
    {"close($self, /)", iter_close, kNativeNoTextSig},
};

}  // namespace

void future_types_init() {
  if (future_type.dict != nullptr) return;
  future_type.name = "_asyncio.Future";
  future_type.qualname = "Future";
  future_type.module = "_asyncio";
  future_type.flags = kTypeBaseType | kTypeWeakrefable;
  future_type.basic_size = sizeof(FutureObject);
  future_type.subclass_dict_offset = offsetof(FutureObject, dict);
  future_type.new_ = future_new;
  future_type.init = future_init_slot;
  future_type.dealloc = future_dealloc;
  future_type.traverse = future_traverse;
  future_type.clear = future_clear;
  future_type.finalize = future_finalize;
  future_type.repr = future_repr;
  future_type.iter = future_new_iter;
  type_ready(&future_type, &object_type);
  add_methods(&future_type, kFutureMethods);
  add_method(&future_type, "__class_getitem__", m_class_getitem, kNativeClassMethod);
  add_getset(&future_type, "_state", get_state);
  add_getset(&future_type, "_asyncio_future_blocking", get_blocking, set_blocking);
  add_getset(&future_type, "_loop", get_loop);
  add_getset(&future_type, "_callbacks", get_callbacks);
  add_getset(&future_type, "_result", get_result);
  add_getset(&future_type, "_exception", get_exception);
  add_getset(&future_type, "_log_traceback", get_log_traceback, set_log_traceback);
  add_getset(&future_type, "_source_traceback", get_source_traceback);
  add_getset(&future_type, "_cancel_message", get_cancel_message, set_cancel_message);

  future_iter_type.name = "_asyncio.FutureIter";
  future_iter_type.qualname = "FutureIter";
  future_iter_type.module = "_asyncio";
  future_iter_type.basic_size = sizeof(FutureIterObject);
  future_iter_type.dealloc = iter_dealloc;
  future_iter_type.traverse = iter_traverse;
  future_iter_type.clear = iter_clear;
  future_iter_type.iter = iter_self;
  future_iter_type.iternext = future_iter_next;
  future_iter_type.send = future_iter_send;
  type_ready(&future_iter_type, &object_type);
  add_methods(&future_iter_type, kIterMethods);
}

}  // namespace minipy::lib::asyncio
