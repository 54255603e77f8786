// The _asyncio module's shared pieces (CPython's Modules/_asynciomodule.c semantics, our own
// code): the Future and Task objects that asyncio.futures and asyncio.tasks use instead of their
// pure-Python classes when the module imports, and the module state both need (the functions and
// exception classes imported from the asyncio package, the task registries).
// _asyncio.cpp has the module, its functions and the per-thread running loop; asyncio_future.cpp
// the Future and its awaiting iterator; asyncio_task.cpp the Task and its step callback.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {
struct DictObject;
struct TupleObject;
}  // namespace minipy::rt

namespace minipy::lib::asyncio {

enum class FutState : uint8_t { kPending, kCancelled, kFinished };

/// asyncio.Future. A Future whose __init__ never ran (Future.__new__(Future)) has a null loop:
/// every method then raises instead of touching the missing state, as in CPython.
struct FutureObject : rt::Object {
  rt::DictObject* dict = nullptr;  // __dict__ of subclass instances
  rt::Ref loop;                    // null until __init__
  // Done callbacks with the context each runs in, in the order they were added.
  std::vector<std::pair<rt::Ref, rt::Ref>> callbacks;
  rt::Ref result;
  rt::Ref exception;
  rt::Ref exception_tb;   // exception.__traceback__ when set: result() raises it with this one
  rt::Ref source_tb;      // traceback.extract_stack() at creation in debug mode
  rt::Ref cancel_msg;     // cancel(msg)
  rt::Ref cancelled_exc;  // the CancelledError that cancelled a task, for _make_cancelled_error
  FutState state = FutState::kPending;
  bool log_tb = false;    // an exception nobody retrieved yet: logged by the finalizer
  bool blocking = false;  // _asyncio_future_blocking
};

/// asyncio.Task: a Future driven by a coroutine.
struct TaskObject : FutureObject {
  rt::Ref fut_waiter;  // the future the coroutine waits for (null: a step is scheduled)
  rt::Ref coro;
  rt::Ref name;
  rt::Ref context;  // the contextvars.Context every step runs in
  bool must_cancel = false;
  bool log_destroy_pending = false;
  int64_t num_cancels_requested = 0;
};

extern rt::TypeObject future_type;       // _asyncio.Future
extern rt::TypeObject future_iter_type;  // _asyncio.FutureIter
extern rt::TypeObject task_type;         // _asyncio.Task
extern rt::TypeObject task_step_type;    // TaskStepMethWrapper

/// What the module imports from the asyncio package once (CPython's module_init), and the task
/// registries it exports as _all_tasks (a WeakSet) and _current_tasks ({loop: task}).
struct State {
  rt::Ref get_event_loop_policy;  // asyncio.events.get_event_loop_policy
  rt::Ref future_repr;            // asyncio.base_futures._future_repr
  rt::Ref future_repr_info;       // asyncio.base_futures._future_repr_info
  rt::Ref task_repr;              // asyncio.base_tasks._task_repr
  rt::Ref task_repr_info;         // asyncio.base_tasks._task_repr_info
  rt::Ref task_get_stack;         // asyncio.base_tasks._task_get_stack
  rt::Ref task_print_stack;       // asyncio.base_tasks._task_print_stack
  rt::Ref iscoroutine;            // asyncio.coroutines.iscoroutine
  rt::Ref invalid_state_error;    // asyncio.exceptions.InvalidStateError
  rt::Ref cancelled_error;        // asyncio.exceptions.CancelledError
  rt::Ref extract_stack;          // traceback.extract_stack
  rt::Ref all_tasks;              // weakref.WeakSet()
  rt::Ref current_tasks;          // dict
  rt::Ref iscoroutine_typecache;  // set of types asyncio.iscoroutine accepted
  rt::Ref context_kwname;         // ("context",): call_soon(..., context=ctx)
  uint64_t task_name_counter = 0;
};
State& state();

inline bool is_future(rt::Value v) {
  return v.is_object() && rt::is_subtype(v.obj()->type, &future_type);
}
inline bool is_future_exact(rt::Value v) {
  return v.is_object() && (v.obj()->type == &future_type || v.obj()->type == &task_type);
}
inline FutureObject* as_future(rt::Value v) { return static_cast<FutureObject*>(v.obj()); }
inline TaskObject* as_task(rt::Value v) { return static_cast<TaskObject*>(v.obj()); }

/// loop.call_soon(func[, arg], context=ctx) (ctx null: no context argument). False on error.
bool call_soon(rt::Value loop, rt::Value func, rt::Value arg, rt::Value ctx);
/// The running loop of this thread (borrowed), or null; never raises.
rt::Value running_loop();
/// get_event_loop(): the running loop, else the policy's loop. Null with an exception on error.
rt::Ref get_event_loop();
/// Raises InvalidStateError(msg). Always null.
rt::Ref raise_invalid_state(std::string_view msg);
/// The Task registries (_register_task, _enter_task, _leave_task). False on error.
bool register_task(rt::Value task);
bool enter_task(rt::Value loop, rt::Value task);
bool leave_task(rt::Value loop, rt::Value task);

// Future operations Task shares (asyncio_future.cpp).
/// Future.__init__: resets every field, binds the loop (None: get_event_loop()).
bool future_init(FutureObject* fut, rt::Value loop);
rt::Ref future_set_result(FutureObject* fut, rt::Value result);
rt::Ref future_set_exception(FutureObject* fut, rt::Value exc);
rt::Ref future_cancel(FutureObject* fut, rt::Value msg);
/// The CancelledError a cancelled future raises (the one that cancelled it, if saved).
rt::Ref future_make_cancelled_error(FutureObject* fut);
/// result(): 0 with *out the result, 1 with *out the exception, -1 with an exception raised.
int future_get_result(FutureObject* fut, rt::Ref* out);
/// Raises the future's exception with the traceback it had when set (result()'s raise).
rt::Ref future_raise_exception(FutureObject* fut, rt::Ref exc);
/// Raises `exc` chained to the exception being handled (CPython's PyErr_SetObject). Null.
rt::Ref raise_chained(rt::Ref exc);
rt::Ref future_add_done_callback(FutureObject* fut, rt::Value fn, rt::Value ctx);
void future_traverse(rt::Object* o, rt::VisitFn visit, void* arg);
void future_clear(rt::Object* o);
void future_finalize(rt::Object* o);
void future_types_init();
void task_types_init();

}  // namespace minipy::lib::asyncio
