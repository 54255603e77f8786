// sys.unraisablehook, sys.__unraisablehook__ and sys.UnraisableHookArgs: where errors nobody can
// catch (__del__, weakref and gc callbacks) are reported. The runtime's write_unraisable()
// calls report_unraisable() below once sys exists; a script or test.support may replace
// sys.unraisablehook to collect them, as on CPython.
#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "stdlib/native/structseq.h"

namespace minipy::lib {

using namespace rt;

namespace {

StructSeqType g_args_type;
const char* const kArgsFields[] = {"exc_type", "exc_value", "exc_traceback", "err_msg", "object"};

/// The default hook's output: "<err_msg or 'Exception ignored in'>: <repr(object)>" and the
/// traceback of exc_value.
void print_unraisable(Value exc, Value err_msg, Value obj) {
  std::string head = "Exception ignored in";
  if (err_msg && !is_none(err_msg) && !str_text(err_msg, &head)) clear_exception();
  if (obj && !is_none(obj)) {
    std::string r;
    if (!repr_text(obj, &r)) {
      clear_exception();
      r = "<object repr() failed>";
    }
    head += ": " + r;
  }
  if (g_write_stderr_hook) g_write_stderr_hook(head + "\n");
  if (exc && !is_none(exc) && g_print_exception_hook) g_print_exception_hook(exc);
  clear_exception();
}

Ref sys_unraisablehook(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("unraisablehook", nargs, kw, 1, 1)) return Ref();
  if (type_of(args[0]) != &g_args_type) {
    return raise(&exc_TypeError, "sys.unraisablehook argument type must be UnraisableHookArgs");
  }
  auto* t = static_cast<TupleObject*>(args[0].obj());
  print_unraisable(t->at(1), t->at(3), t->at(4));
  return none_ref();
}

void report_unraisable(Value exc, Value obj, const char* msg) {
  Ref err_msg = msg ? str_new(std::string("Exception ignored ") + msg) : none_ref();
  Value sys = interp().sys.get();
  Ref hook = sys ? getattr_opt(sys, intern("unraisablehook")) : Ref();
  clear_exception();
  if (!hook || is_none(hook.get())) {
    print_unraisable(exc, err_msg.get(), obj);
    return;
  }
  Ref tb = getattr_opt(exc, intern("__traceback__"));
  clear_exception();
  Ref items[5] = {Ref::new_ref(Value(type_of(exc))), Ref::new_ref(exc),
                  tb ? std::move(tb) : none_ref(), std::move(err_msg),
                  obj ? Ref::new_ref(obj) : none_ref()};
  Ref hook_args = structseq_new(&g_args_type, items);
  Ref r = call1(hook.get(), hook_args.get());
  if (!r) {
    // The hook itself failed: report that with the default hook, then the original error.
    Ref hook_exc = take_exception();
    Ref m = str_new("Exception ignored in sys.unraisablehook");
    print_unraisable(hook_exc.get(), m.get(), hook.get());
    print_unraisable(exc, none_ref().get(), obj);
  }
}

}  // namespace

void sys_unraisable_init(Value module, DictObject* ns) {
  structseq_init_type(&g_args_type, "sys", "UnraisableHookArgs", kArgsFields, 5, 5);
  add_function(ns, module, "unraisablehook", sys_unraisablehook);
  dict_set_cstr(ns, "__unraisablehook__", dict_get_cstr(ns, "unraisablehook"));
  g_unraisable_hook = report_unraisable;
}

}  // namespace minipy::lib
