// _asyncio.Task: a Future driven by a coroutine, with CPython 3.11's semantics and messages
// (Modules/_asynciomodule.c). Each step sends None into the coroutine (or throws the exception
// its awaited future ended with) and looks at what the coroutine yielded: a pending future to
// wait for (the step then registers the task's wake-up callback on it), None (run again on the
// loop's next iteration), or something wrong, which the next step throws in as RuntimeError.
//
// Steps are scheduled with loop.call_soon(TaskStepMethWrapper(task, exc), context=task's
// context); the wake-up callback is a builtin function bound to the task (CPython's
// task_wakeup).
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/_contextvars.h"
#include "stdlib/native/asyncio_module.h"
#include "vm/eval.h"
#include "vm/generator.h"

namespace minipy::lib::asyncio {

using namespace rt;

TypeObject task_type;
TypeObject task_step_type;

namespace {

Ref task_step(TaskObject* task, Value exc);

// ---------------------------------------------------------------- TaskStepMethWrapper

struct StepObject : Object {
  Ref task;
  Ref arg;  // the exception to throw into the coroutine, or null
};

Ref step_call(Value self, const Value*, size_t nargs, TupleObject* kwnames) {
  if (kwnames != nullptr && kwnames->size != 0)
    return raise(&exc_TypeError, "function takes no keyword arguments");
  if (nargs != 0) return raise(&exc_TypeError, "function takes no positional arguments");
  auto* s = static_cast<StepObject*>(self.obj());
  if (!s->task) return raise(&exc_RuntimeError, "uninitialized Task object");
  Ref keep = s->task.dup();  // the call may clear the wrapper
  return task_step(as_task(keep.get()), s->arg.get());
}

Ref step_get_self(Value self) {
  auto* s = static_cast<StepObject*>(self.obj());
  return s->task ? s->task.dup() : none_ref();
}

void step_dealloc(Object* o) { delete static_cast<StepObject*>(o); }
void step_traverse(Object* o, VisitFn visit, void* arg) {
  auto* s = static_cast<StepObject*>(o);
  visit_value(s->task.get(), visit, arg);
  visit_value(s->arg.get(), visit, arg);
}
void step_clear(Object* o) {
  auto* s = static_cast<StepObject*>(o);
  Ref task = std::move(s->task);
  Ref arg = std::move(s->arg);
}

bool call_step_soon(TaskObject* task, Value arg) {
  auto* s = alloc_instance<StepObject>(&task_step_type);
  Ref step = Ref::steal(Value(s));
  s->task = Ref::new_ref(Value(task));
  if (arg) s->arg = Ref::new_ref(arg);
  return call_soon(task->loop.get(), step.get(), Value(), task->context.get());
}

/// Schedules a step that throws RuntimeError(msg) into the coroutine. None, or null on error.
Ref set_error_soon(TaskObject* task, const std::string& msg) {
  Ref e = make_exception(&exc_RuntimeError, msg);
  if (!e) return e;
  if (!call_step_soon(task, e.get())) return Ref();
  return none_ref();
}

// ---------------------------------------------------------------- the wake-up callback

Ref task_wakeup(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames != nullptr && kwnames->size != 0)
    return raise(&exc_TypeError, "task_wakeup() takes no keyword arguments");
  if (nargs != 1) {
    return raise_fmt(&exc_TypeError, "task_wakeup() takes exactly one argument ({} given)", nargs);
  }
  TaskObject* task = as_task(self);
  Value o = args[0];
  if (is_future_exact(o)) {
    Ref out;
    int r = future_get_result(as_future(o), &out);
    if (r == 0) return task_step(task, Value());
    if (r == 1) return task_step(task, out.get());
  } else {
    Ref r = call_method(o, intern("result"), nullptr, 0);
    if (r) return task_step(task, Value());
  }
  // The future's result() raised: throw that into the coroutine (a cancellation too).
  Ref exc = take_exception();
  return task_step(task, exc.get());
}

Ref make_wakeup(TaskObject* task) {
  return native_function_new("task_wakeup", task_wakeup, Value(task));
}

// ---------------------------------------------------------------- stepping

/// asyncio.futures._get_loop(fut): get_loop() where the future has it, else its _loop.
Ref get_future_loop(Value fut) {
  if (is_future_exact(fut)) return as_future(fut)->loop.dup();
  Ref getloop = getattr_opt(fut, intern("get_loop"));
  if (getloop) return call0(getloop.get());
  if (error_pending()) return Ref();
  return getattr(fut, intern("_loop"));
}

std::string repr_or_empty(Value v) {
  std::string text;
  if (!repr_text(v, &text)) return {};
  return text;
}

/// After the coroutine yielded a future it awaits: wait for it unless the task was cancelled
/// meanwhile and the future accepts the cancellation.
Ref wait_for(TaskObject* task, Ref fut) {
  task->fut_waiter = std::move(fut);
  if (task->must_cancel) {
    Value msg = task->cancel_msg ? task->cancel_msg.get() : None();
    Ref r = call_method(task->fut_waiter.get(), intern("cancel"), &msg, 1);
    if (!r) return r;
    int on = truthy(r.get());
    if (on < 0) return Ref();
    if (on) task->must_cancel = false;
  }
  return none_ref();
}

Ref task_step_impl(TaskObject* task, Value exc_in) {
  Ref exc = exc_in ? Ref::new_ref(exc_in) : Ref();
  if (task->state != FutState::kPending) {
    std::string task_text, exc_text;
    if (!repr_text(Value(task), &task_text) || !repr_text(exc ? exc.get() : None(), &exc_text))
      return Ref();
    return raise_invalid_state(fmt::format("_step(): already done: {} {}", task_text, exc_text));
  }
  if (task->must_cancel) {
    if (exc && !isinstance(exc.get(), static_cast<TypeObject*>(state().cancelled_error.obj())))
      exc.reset();
    if (!exc) {
      exc = future_make_cancelled_error(task);
      if (!exc) return exc;
    }
    task->must_cancel = false;
  }
  task->fut_waiter.reset();
  if (!task->coro) return raise(&exc_RuntimeError, "uninitialized Task object");
  Ref coro = task->coro.dup();

  // Send None, or throw the exception in: what comes back is a yielded value, the coroutine's
  // return value (done), or an exception.
  bool done = false;
  Ref result;
  if (!exc) {
    result = vm::generator_send(coro.get(), None(), &done);
  } else if (type_of(coro.get()) == &vm::coroutine_type ||
             type_of(coro.get()) == &vm::generator_type) {
    result = vm::gen_throw(vm::as_gen(coro.get()), std::move(exc), &done);
  } else {
    Value e = exc.get();
    result = call_method(coro.get(), intern("throw"), &e, 1);
    exc.reset();
    if (!result && exception_matches(&exc_StopIteration)) {
      Ref stop = take_exception();
      result = getattr(stop.get(), intern("value"));
      if (!result) return result;
      done = true;
    }
  }

  if (done) {
    if (task->must_cancel) {
      // Cancelled right before the coroutine returned.
      task->must_cancel = false;
      return future_cancel(task, task->cancel_msg.get());
    }
    return future_set_result(task, result.get());
  }
  if (!result) {
    if (exception_matches(static_cast<TypeObject*>(state().cancelled_error.obj()))) {
      // Kept so that the CancelledError the task raises chains to this one.
      task->cancelled_exc = take_exception();
      return future_cancel(task, Value());
    }
    Ref ev = take_exception();
    if (!future_set_exception(task, ev.get())) return Ref();
    if (isinstance(ev.get(), &exc_KeyboardInterrupt) || isinstance(ev.get(), &exc_SystemExit)) {
      return set_exception(std::move(ev));
    }
    return none_ref();
  }

  Value r = result.get();
  if (r == Value(task)) {
    return set_error_soon(task, "Task cannot await on itself: " + repr_or_empty(Value(task)));
  }
  if (is_future_exact(r)) {
    FutureObject* fut = as_future(r);
    if (fut->loop.get() != task->loop.get()) {
      return set_error_soon(task, fmt::format("Task {} got Future {} attached to a different loop",
                                              repr_or_empty(Value(task)), repr_or_empty(r)));
    }
    if (!fut->blocking) {
      return set_error_soon(task,
                            fmt::format("yield was used instead of yield from in task {} with {}",
                                        repr_or_empty(Value(task)), repr_or_empty(r)));
    }
    fut->blocking = false;
    Ref wakeup = make_wakeup(task);
    if (!future_add_done_callback(fut, wakeup.get(), task->context.get())) return Ref();
    return wait_for(task, std::move(result));
  }
  if (is_none(r)) {
    // A bare yield gives up the loop for one iteration.
    if (!call_step_soon(task, Value())) return Ref();
    return none_ref();
  }
  // A Future-compatible object (one with _asyncio_future_blocking not None).
  Ref blocking_attr = getattr_opt(r, intern("_asyncio_future_blocking"));
  if (!blocking_attr && error_pending()) return Ref();
  if (blocking_attr && !is_none(blocking_attr.get())) {
    int blocking = truthy(blocking_attr.get());
    if (blocking < 0) return Ref();
    Ref oloop = get_future_loop(r);
    if (!oloop) return oloop;
    if (oloop.get() != task->loop.get()) {
      return set_error_soon(task, fmt::format("Task {} got Future {} attached to a different loop",
                                              repr_or_empty(Value(task)), repr_or_empty(r)));
    }
    if (!blocking) {
      return set_error_soon(task,
                            fmt::format("yield was used instead of yield from in task {} with {}",
                                        repr_or_empty(Value(task)), repr_or_empty(r)));
    }
    if (!setattr(r, intern("_asyncio_future_blocking"), False())) return Ref();
    Ref wakeup = make_wakeup(task);
    Ref add_cb = getattr(r, intern("add_done_callback"));
    if (!add_cb) return add_cb;
    Value args[2] = {wakeup.get(), task->context.get()};
    if (!call(add_cb.get(), args, 1, as_tuple(state().context_kwname.get()))) return Ref();
    return wait_for(task, std::move(result));
  }
  if (isinstance(r, &vm::generator_type)) {
    return set_error_soon(task, fmt::format("yield was used instead of yield from for generator in "
                                            "task {} with {}",
                                            repr_or_empty(Value(task)), repr_or_empty(r)));
  }
  return set_error_soon(task, "Task got bad yield: " + repr_or_empty(r));
}

Ref task_step(TaskObject* task, Value exc) {
  Ref keep = Ref::new_ref(Value(task));
  Value loop = task->loop.get();
  Ref loop_ref = Ref::new_ref(loop);
  if (!enter_task(loop, Value(task))) return Ref();
  Ref res = task_step_impl(task, exc);
  if (!res) {
    // The step's error wins; one from leaving chains to it (_PyErr_ChainExceptions).
    Ref saved = take_exception();
    if (!leave_task(loop, Value(task))) {
      Ref newer = take_exception();
      static_cast<BaseExceptionObject*>(newer.obj())->context = std::move(saved);
      return set_exception(std::move(newer));
    }
    return set_exception(std::move(saved));
  }
  if (!leave_task(loop, Value(task))) return Ref();
  return res;
}

// ---------------------------------------------------------------- Task

/// asyncio.iscoroutine(coro), with the types it accepted cached (as CPython caches them).
int is_coroutine(Value coro) {
  if (type_of(coro) == &vm::coroutine_type) return 1;
  SetObject* cache = as_set(state().iscoroutine_typecache.get());
  Value t = Value(type_of(coro));
  int has = set_contains(cache, t);
  if (has != 0) return has;
  Ref r = call1(state().iscoroutine.get(), coro);
  if (!r) return -1;
  int yes = truthy(r.get());
  if (yes <= 0) return yes;
  if (set_size(cache) < 100 && !set_add(cache, t)) return -1;
  return 1;
}

Ref task_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<TaskObject>(type)));
}

bool task_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[4] = {};
  if (!parse_args("Task", args, nargs, kw, {"coro", "*", "loop", "name", "context"}, 1, a))
    return false;
  TaskObject* task = as_task(self);
  if (!future_init(task, a[1] ? a[1] : None())) return false;
  int is_coro = is_coroutine(a[0]);
  if (is_coro < 0) return false;
  if (is_coro == 0) {
    // Raised after the Future part is set up: the finalizer needs it.
    task->log_destroy_pending = false;
    std::string text;
    if (!repr_text(a[0], &text)) return false;
    raise_fmt(&exc_TypeError, "a coroutine was expected, got {}", text);
    return false;
  }
  if (!a[3] || is_none(a[3])) {
    task->context = contextvars_copy_current();
    if (!task->context) return false;
  } else {
    task->context = Ref::new_ref(a[3]);
  }
  task->fut_waiter.reset();
  task->must_cancel = false;
  task->log_destroy_pending = true;
  task->num_cancels_requested = 0;
  task->coro = Ref::new_ref(a[0]);
  Value name = a[2] ? a[2] : None();
  if (is_none(name)) {
    task->name = str_new(fmt::format("Task-{}", ++state().task_name_counter));
  } else if (is_str_exact(name)) {
    task->name = Ref::new_ref(name);
  } else {
    task->name = to_str(name);
    if (!task->name) return false;
  }
  if (!call_step_soon(task, Value())) return false;
  return register_task(self);
}

Ref m_set_result(Value, NativeArgs&) {
  return raise(&exc_RuntimeError, "Task does not support set_result operation");
}
Ref m_set_exception(Value, NativeArgs&) {
  return raise(&exc_RuntimeError, "Task does not support set_exception operation");
}

Ref m_cancel(Value self, NativeArgs& a) {
  TaskObject* task = as_task(self);
  task->log_tb = false;
  if (task->state != FutState::kPending) return bool_ref(false);
  // CPython 3.11 counts the requests and does not refuse a second one (tasks.py keeps the
  // refusal commented out, "controversial").
  task->num_cancels_requested++;
  if (task->fut_waiter) {
    Value msg = a[0];
    Ref waiter = task->fut_waiter.dup();
    Ref r = call_method(waiter.get(), intern("cancel"), &msg, 1);
    if (!r) return r;
    int on = truthy(r.get());
    if (on < 0) return Ref();
    // The waiter may be a task that ignores the cancellation: it stays the waiter.
    if (on) return bool_ref(true);
  }
  task->must_cancel = true;
  task->cancel_msg = Ref::new_ref(a[0]);
  return bool_ref(true);
}

Ref m_cancelling(Value self, NativeArgs&) {
  return int_from_int64(as_task(self)->num_cancels_requested);
}

Ref m_uncancel(Value self, NativeArgs&) {
  TaskObject* task = as_task(self);
  if (task->num_cancels_requested > 0) task->num_cancels_requested--;
  return int_from_int64(task->num_cancels_requested);
}

Ref m_get_stack(Value self, NativeArgs& a) {
  return call2(state().task_get_stack.get(), self, a[0]);
}

Ref m_print_stack(Value self, NativeArgs& a) {
  Value args[3] = {self, a[0], a[1]};
  return call(state().task_print_stack.get(), args, 3);
}

Ref m_make_cancelled_error(Value self, NativeArgs&) {
  return future_make_cancelled_error(as_task(self));
}

Ref m_repr_info(Value self, NativeArgs&) { return call1(state().task_repr_info.get(), self); }

Ref m_get_coro(Value self, NativeArgs&) {
  TaskObject* task = as_task(self);
  return task->coro ? task->coro.dup() : none_ref();
}

Ref m_get_name(Value self, NativeArgs&) {
  TaskObject* task = as_task(self);
  return task->name ? task->name.dup() : none_ref();
}

Ref m_set_name(Value self, NativeArgs& a) {
  Ref name = is_str_exact(a[0]) ? Ref::new_ref(a[0]) : to_str(a[0]);
  if (!name) return name;
  as_task(self)->name = std::move(name);
  return none_ref();
}

Ref get_log_destroy_pending(Value self) { return bool_ref(as_task(self)->log_destroy_pending); }
bool set_log_destroy_pending(Value self, Value v) {
  if (!v) {
    raise(&exc_AttributeError, "cannot delete attribute");
    return false;
  }
  int on = truthy(v);
  if (on < 0) return false;
  as_task(self)->log_destroy_pending = on != 0;
  return true;
}
Ref get_must_cancel(Value self) { return bool_ref(as_task(self)->must_cancel); }
Ref get_coro(Value self) {
  TaskObject* task = as_task(self);
  return task->coro ? task->coro.dup() : none_ref();
}
Ref get_fut_waiter(Value self) {
  TaskObject* task = as_task(self);
  return task->fut_waiter ? task->fut_waiter.dup() : none_ref();
}

Ref task_repr(Value self) { return call1(state().task_repr.get(), self); }

void task_dealloc(Object* o) { delete static_cast<TaskObject*>(o); }

void task_traverse(Object* o, VisitFn visit, void* arg) {
  auto* t = static_cast<TaskObject*>(o);
  visit_value(t->fut_waiter.get(), visit, arg);
  visit_value(t->coro.get(), visit, arg);
  visit_value(t->name.get(), visit, arg);
  visit_value(t->context.get(), visit, arg);
  future_traverse(o, visit, arg);
}

void task_clear(Object* o) {
  future_clear(o);
  auto* t = static_cast<TaskObject*>(o);
  Ref context = std::move(t->context);
  Ref coro = std::move(t->coro);
  Ref name = std::move(t->name);
  Ref fut_waiter = std::move(t->fut_waiter);
}

/// PEP 442 finalizer: a task collected while still pending is reported ("Task was destroyed but
/// it is pending!"), then the Future's own check runs.
void task_finalize(Object* o) {
  auto* task = static_cast<TaskObject*>(o);
  if (task->loop && task->state == FutState::kPending && task->log_destroy_pending) {
    Ref context = dict_new();
    DictObject* d = as_dict(context.get());
    Ref message = str_new("Task was destroyed but it is pending!");
    if (dict_set_cstr(d, "message", message.get()) && dict_set_cstr(d, "task", Value(o)) &&
        (!task->source_tb || dict_set_cstr(d, "source_traceback", task->source_tb.get()))) {
      Ref func = getattr(task->loop.get(), intern("call_exception_handler"));
      if (!func) {
        clear_exception();
      } else {
        Value ctx = context.get();
        if (!call(func.get(), &ctx, 1)) write_unraisable(func.get(), nullptr);
      }
    } else {
      clear_exception();
    }
  }
  future_finalize(o);
}

const NativeDef kTaskMethods[] = {
    {"set_result($self, result, /)", m_set_result},
    {"set_exception($self, exception, /)", m_set_exception},
    {"cancel($self, /, msg=None)", m_cancel, 0,
     "Request that this task cancel itself.\n\nThis arranges for a CancelledError to be thrown "
     "into the\nwrapped coroutine on the next cycle through the event loop.\nThe coroutine then "
     "has a chance to clean up or even deny\nthe request using try/except/finally.\n\nUnlike "
     "Future.cancel, this does not guarantee that the\ntask will be cancelled: the exception "
     "might be caught and\nacted upon, delaying cancellation of the task or preventing\n"
     "cancellation completely.  The task may also return a value or\nraise a different "
     "exception.\n\nImmediately after this method is called, Task.cancelled() will\nnot return "
     "True (unless the task was already cancelled).  A\ntask will be marked as cancelled when "
     "the wrapped coroutine\nterminates with a CancelledError exception (even if cancel()\nwas "
     "not called).\n\nThis also increases the task's count of cancellation requests."},
    {"cancelling($self, /)", m_cancelling, 0,
     "Return the count of the task's cancellation requests.\n\nThis count is incremented when "
     ".cancel() is called\nand may be decremented using .uncancel()."},
    {"uncancel($self, /)", m_uncancel, 0,
     "Decrement the task's count of cancellation requests.\n\nThis should be used by tasks that "
     "catch CancelledError\nand wish to continue indefinitely until they are cancelled "
     "again.\n\nReturns the remaining number of cancellation requests."},
    {"get_stack($self, /, *, limit=None)", m_get_stack, 0,
     "Return the list of stack frames for this task's coroutine."},
    {"print_stack($self, /, *, limit=None, file=None)", m_print_stack, 0,
     "Print the stack or traceback for this task's coroutine."},
    {"_make_cancelled_error($self, /)", m_make_cancelled_error, 0,
     "Create the CancelledError to raise if the Task is cancelled.\n\nThis should only be "
     "called once when handling a cancellation since\nit erases the context exception value."},
    {"_repr_info($self, /)", m_repr_info},
    {"get_name($self, /)", m_get_name},
    {"set_name($self, value, /)", m_set_name},
    {"get_coro($self, /)", m_get_coro},
};

}  // namespace

void task_types_init() {
  if (task_type.dict != nullptr) return;
  future_types_init();
  task_type.name = "_asyncio.Task";
  task_type.qualname = "Task";
  task_type.module = "_asyncio";
  task_type.flags = kTypeBaseType | kTypeWeakrefable;
  task_type.basic_size = sizeof(TaskObject);
  task_type.subclass_dict_offset = offsetof(TaskObject, dict);
  task_type.new_ = task_new;
  task_type.init = task_init;
  task_type.dealloc = task_dealloc;
  task_type.traverse = task_traverse;
  task_type.clear = task_clear;
  task_type.finalize = task_finalize;
  task_type.repr = task_repr;
  type_ready(&task_type, &future_type);
  add_methods(&task_type, kTaskMethods);
  add_getset(&task_type, "_log_destroy_pending", get_log_destroy_pending, set_log_destroy_pending);
  add_getset(&task_type, "_must_cancel", get_must_cancel);
  add_getset(&task_type, "_coro", get_coro);
  add_getset(&task_type, "_fut_waiter", get_fut_waiter);

  task_step_type.name = "TaskStepMethWrapper";
  task_step_type.basic_size = sizeof(StepObject);
  task_step_type.dealloc = step_dealloc;
  task_step_type.traverse = step_traverse;
  task_step_type.clear = step_clear;
  task_step_type.call = step_call;
  type_ready(&task_step_type, &object_type);
  add_getset(&task_step_type, "__self__", step_get_self);
}

}  // namespace minipy::lib::asyncio
