// The _asyncio module: CPython's C accelerator of asyncio (Modules/_asynciomodule.c semantics and
// messages, our own code). asyncio.events takes its running-loop functions, asyncio.futures its
// Future, asyncio.tasks its Task and task registries when it imports; test_asyncio runs its C
// test classes against them. This file holds the module, its functions and the per-thread
// running loop; Future and Task live in asyncio_future.cpp and asyncio_task.cpp.
//
// The running loop is per thread (ThreadState::asyncio_running_loop, where CPython 3.11 keeps a
// holder object in the thread-state dict) and remembers the process that set it: after os.fork()
// the child sees no running loop, as CPython's holder pid check gives.
#include <unistd.h>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/asyncio_module.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;

namespace asyncio {

State& state() {
  static State s;
  return s;
}

Value running_loop() {
  ThreadState* ts = tstate();
  Value loop = ts->asyncio_running_loop.get();
  if (!loop || is_none(loop) || ts->asyncio_running_loop_pid != ::getpid()) return Value();
  return loop;
}

Ref get_event_loop() {
  if (Value loop = running_loop()) return Ref::new_ref(loop);
  Ref policy = call0(state().get_event_loop_policy.get());
  if (!policy) return policy;
  return call_method(policy.get(), intern("get_event_loop"), nullptr, 0);
}

bool call_soon(Value loop, Value func, Value arg, Value ctx) {
  Ref meth = getattr(loop, intern("call_soon"));
  if (!meth) return false;
  Value args[3];
  size_t n = 0;
  args[n++] = func;
  if (arg) args[n++] = arg;
  Ref r;
  if (ctx) {
    args[n] = ctx;
    r = call(meth.get(), args, n, as_tuple(state().context_kwname.get()));
  } else {
    r = call(meth.get(), args, n);
  }
  return static_cast<bool>(r);
}

Ref raise_invalid_state(std::string_view msg) {
  Value cls = state().invalid_state_error.get();
  return raise(static_cast<TypeObject*>(cls.obj()), msg);
}

bool register_task(Value task) {
  return static_cast<bool>(call_method(state().all_tasks.get(), intern("add"), &task, 1));
}

bool unregister_task(Value task) {
  return static_cast<bool>(call_method(state().all_tasks.get(), intern("discard"), &task, 1));
}

bool enter_task(Value loop, Value task) {
  DictObject* current = as_dict(state().current_tasks.get());
  Ref item = dict_get_ref(current, loop);
  if (item) {
    std::string task_text, item_text;
    if (!repr_text(task, &task_text) || !repr_text(item.get(), &item_text)) return false;
    raise_fmt(&exc_RuntimeError,
              "Cannot enter into task {} while another task {} is being executed.", task_text,
              item_text);
    return false;
  }
  if (error_pending()) return false;
  return dict_set(current, loop, task);
}

bool leave_task(Value loop, Value task) {
  DictObject* current = as_dict(state().current_tasks.get());
  Ref item = dict_get_ref(current, loop);
  if (!item && error_pending()) return false;
  if (item.get() != task) {
    std::string task_text, item_text;
    if (!repr_text(task, &task_text) || !repr_text(item ? item.get() : None(), &item_text))
      return false;
    raise_fmt(&exc_RuntimeError, "Leaving task {} does not match the current task {}.", task_text,
              item_text);
    return false;
  }
  return dict_del(current, loop) >= 0;
}

namespace {

Ref m_get_running_loop(Value, NativeArgs&) {
  if (Value loop = running_loop()) return Ref::new_ref(loop);
  return raise(&exc_RuntimeError, "no running event loop");
}

Ref m__get_running_loop(Value, NativeArgs&) {
  if (Value loop = running_loop()) return Ref::new_ref(loop);
  return none_ref();
}

Ref m__set_running_loop(Value, NativeArgs& a) {
  ThreadState* ts = tstate();
  ts->asyncio_running_loop_pid = ::getpid();
  ts->asyncio_running_loop = Ref::new_ref(a[0]);
  return none_ref();
}

Ref m_get_event_loop(Value, NativeArgs&) { return get_event_loop(); }

// 3.11.7's _get_event_loop(stacklevel) is get_event_loop(): the deprecation warning it once gave
// moved into the policy (GH-99949); the parameter stays for compatibility.
Ref m__get_event_loop(Value, NativeArgs&) { return get_event_loop(); }

Ref m__register_task(Value, NativeArgs& a) { return register_task(a[0]) ? none_ref() : Ref(); }
Ref m__unregister_task(Value, NativeArgs& a) { return unregister_task(a[0]) ? none_ref() : Ref(); }
Ref m__enter_task(Value, NativeArgs& a) { return enter_task(a[0], a[1]) ? none_ref() : Ref(); }
Ref m__leave_task(Value, NativeArgs& a) { return leave_task(a[0], a[1]) ? none_ref() : Ref(); }

const NativeDef kFunctions[] = {
    {"get_event_loop($module, /)", m_get_event_loop, 0,
     "Return an asyncio event loop.\n\nWhen called from a coroutine or a callback (e.g. "
     "scheduled with\ncall_soon or similar API), this function will always return the\nrunning "
     "event loop.\n\nIf there is no running event loop set, the function will return\nthe "
     "result of `get_event_loop_policy().get_event_loop()` call."},
    {"_get_event_loop($module, /, stacklevel: int = 3)", m__get_event_loop},
    {"get_running_loop($module, /)", m_get_running_loop, 0,
     "Return the running event loop.  Raise a RuntimeError if there is none.\n\nThis function "
     "is thread-specific."},
    {"_get_running_loop($module, /)", m__get_running_loop, 0,
     "Return the running event loop or None.\n\nThis is a low-level function intended to be "
     "used by event loops.\nThis function is thread-specific."},
    {"_set_running_loop($module, loop, /)", m__set_running_loop, 0,
     "Set the running event loop.\n\nThis is a low-level function intended to be used by event "
     "loops.\nThis function is thread-specific."},
    {"_register_task($module, /, task)", m__register_task, 0,
     "Register a new task in asyncio as executed by loop.\n\nReturns None."},
    {"_unregister_task($module, /, task)", m__unregister_task, 0,
     "Unregister a task.\n\nReturns None."},
    {"_enter_task($module, /, loop, task)", m__enter_task, 0,
     "Enter into task execution or resume suspended task.\n\nTask belongs to loop.\n\nReturns "
     "None."},
    {"_leave_task($module, /, loop, task)", m__leave_task, 0,
     "Leave task execution or suspend a task.\n\nTask belongs to loop.\n\nReturns None."},
};

/// Sets *out to attribute `name` of module `module`.
bool import_attr(const char* module, const char* name, Ref* out) {
  Ref m = vm::import_module_absolute(module);
  if (!m) return false;
  *out = getattr(m.get(), name);
  return static_cast<bool>(*out);
}

/// The registries first: asyncio.tasks imports them from a module that may still be running
/// this function (`import _asyncio` before asyncio imports asyncio, whose futures.py imports
/// _asyncio again and finds it in sys.modules).
bool init_registries() {
  State& s = state();
  if (s.current_tasks) return true;
  Ref weak_set;
  if (!import_attr("weakref", "WeakSet", &weak_set)) return false;
  s.all_tasks = call0(weak_set.get());
  if (!s.all_tasks) return false;
  s.current_tasks = dict_new();
  s.iscoroutine_typecache = set_new();
  s.context_kwname = tuple_of({Value(intern("context"))});
  return true;
}

bool init_imports() {
  State& s = state();
  if (s.cancelled_error) return true;
  return vm::import_module_absolute("asyncio") &&
         import_attr("asyncio.events", "get_event_loop_policy", &s.get_event_loop_policy) &&
         import_attr("asyncio.base_futures", "_future_repr", &s.future_repr) &&
         import_attr("asyncio.base_futures", "_future_repr_info", &s.future_repr_info) &&
         import_attr("asyncio.exceptions", "InvalidStateError", &s.invalid_state_error) &&
         import_attr("asyncio.base_tasks", "_task_repr", &s.task_repr) &&
         import_attr("asyncio.base_tasks", "_task_repr_info", &s.task_repr_info) &&
         import_attr("asyncio.base_tasks", "_task_get_stack", &s.task_get_stack) &&
         import_attr("asyncio.base_tasks", "_task_print_stack", &s.task_print_stack) &&
         import_attr("asyncio.coroutines", "iscoroutine", &s.iscoroutine) &&
         import_attr("traceback", "extract_stack", &s.extract_stack) &&
         import_attr("asyncio.exceptions", "CancelledError", &s.cancelled_error);
}

}  // namespace
}  // namespace asyncio

bool init__asyncio(Value module, DictObject* ns) {
  using namespace asyncio;
  future_types_init();
  task_types_init();
  add_functions(ns, module, kFunctions);
  if (!dict_set_cstr(ns, "__doc__", str_new("Accelerator module for asyncio").get()) ||
      !dict_set_cstr(ns, "Future", Value(&future_type)) ||
      !dict_set_cstr(ns, "Task", Value(&task_type)) || !init_registries() ||
      !dict_set_cstr(ns, "_all_tasks", state().all_tasks.get()) ||
      !dict_set_cstr(ns, "_current_tasks", state().current_tasks.get())) {
    return false;
  }
  return init_imports();
}

}  // namespace minipy::lib
