// The interpreter state and runtime start-up: builtin types in dependency order, names,
// exceptions, the main thread state.
#include "runtime/state/interpreter.h"

#include "runtime/errors.h"
#include "runtime/gc/weakref.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/str.h"
#include "runtime/state/gil.h"
#include "runtime/state/os_thread.h"

namespace minipy::rt {

void object_type_init();
void native_types_init();
void int_types_init();
void float_type_init();
void complex_type_init();  // objects/complex.cpp
void str_type_init();
void bytes_types_init();
void tuple_type_init();
void list_type_init();
void dict_type_init();
void set_types_init();
void generic_alias_types_init();  // objects/generic_alias.cpp
void namespace_types_init();      // objects/namespace.cpp
void mappingproxy_types_init();   // objects/mappingproxy.cpp
void union_type_init();          // objects/union.cpp
void misc_types_init();
void memoryview_type_init();
void exceptions_init();
void format_methods_init();  // objects/format_methods.cpp
void sizeof_methods_init();  // objects/sizeof.cpp
void number_methods_init();  // objects/number_methods.cpp
void getnewargs_methods_init();  // objects/getnewargs.cpp

InterpreterState& interp() {
  static InterpreterState* in = new InterpreterState();
  return *in;
}

DictObject* InterpreterState::builtins_dict() const { return as_dict(builtins.get()); }

void runtime_init() {
  static bool done = false;
  if (done) return;
  done = true;
  names::init_names();
  // object and type first (every other type_ready needs them), then the types whose dicts the
  // method tables live in.
  object_type_init();
  native_types_init();
  // Types readied before `dict` existed get their dicts now that it does.
  str_type_init();
  int_types_init();
  float_type_init();
  complex_type_init();
  tuple_type_init();
  list_type_init();
  dict_type_init();
  set_types_init();
  generic_alias_types_init();
  namespace_types_init();
  mappingproxy_types_init();
  union_type_init();
  bytes_types_init();
  memoryview_type_init();
  misc_types_init();
  exceptions_init();
  weakref_types_init();
  format_methods_init();
  sizeof_methods_init();
  number_methods_init();
  getnewargs_methods_init();
  slot_wrappers_init();  // last: explicit dunder methods added above take precedence

  InterpreterState& in = interp();
  ThreadState* ts = thread_state_new(&in);
  ts->is_main = true;
  in.main_thread = ts;
  ThreadState::set_current(ts);
  ts->ident = current_thread_ident();
  ts->native_id = current_native_id();
  init_stack_limit(ts);
  if (gil_enabled()) gil().take(ts);
#ifdef MINIPY_FREE_THREADING
  ts->attached.store(true);  // the main thread runs Python code from here on
#endif
  in.modules = dict_new();
  in.builtins = dict_new();
}

}  // namespace minipy::rt
