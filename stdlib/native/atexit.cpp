// atexit: callbacks run at interpreter exit (stdlib/native/atexit.h), last registered first,
// each with the arguments given to register(); unregister() drops every registration of a
// function (compared with ==, as CPython), also while the callbacks are running.
#include "stdlib/native/atexit.h"

#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace {

struct Callback {
  Ref func;
  Ref args;    // tuple
  Ref kwargs;  // dict or null
};

// The registrations, oldest first. A slot is emptied (func null) by unregister() so that a
// callback unregistering another during the exit run is honoured, as in CPython. Guarded by
// the GIL; kept outside any object, so the collector sees the callbacks as externally held.
std::vector<Callback>& callbacks() {
  static auto* list = new std::vector<Callback>();
  return *list;
}

Ref ae_register(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs == 0) return raise(&exc_TypeError, "register() takes at least 1 argument (0 given)");
  if (!callable(args[0])) return raise(&exc_TypeError, "the first argument must be callable");
  Callback cb;
  cb.func = Ref::new_ref(args[0]);
  cb.args = tuple_from(args + 1, nargs - 1);
  if (kw != nullptr && kw->size > 0) {
    cb.kwargs = dict_new();
    for (size_t i = 0; i < kw->size; i++) {
      if (!dict_set(as_dict(cb.kwargs.get()), kw->at(i), args[nargs + i])) return Ref();
    }
  }
  callbacks().push_back(std::move(cb));
  return Ref::new_ref(args[0]);
}

Ref ae_unregister(Value, NativeArgs& a) {
  std::vector<Callback>& list = callbacks();
  for (size_t i = 0; i < list.size(); i++) {
    if (!list[i].func) continue;
    Ref f = list[i].func.dup();  // __eq__ may run code that unregisters it meanwhile
    int eq = equal(f.get(), a[0]);
    if (eq < 0) return Ref();
    if (eq && i < list.size()) list[i] = Callback();
  }
  return none_ref();
}

Ref ae_run_exitfuncs(Value, NativeArgs&) {
  atexit_run_callbacks();
  return none_ref();
}

Ref ae_clear(Value, NativeArgs&) {
  callbacks().clear();
  return none_ref();
}

Ref ae_ncallbacks(Value, NativeArgs&) {
  int64_t n = 0;
  for (const Callback& cb : callbacks()) n += cb.func ? 1 : 0;
  return Ref::small(n);
}

const NativeDef kAtexitFunctions[] = {
    {"register($module, func, /, *args, **kwargs)", nullptr, kNativeNoTextSig, nullptr,
     ae_register},
    {"unregister($module, func, /)", ae_unregister, kNativeNoTextSig},
    {"_run_exitfuncs($module, /)", ae_run_exitfuncs, kNativeNoTextSig},
    {"_clear($module, /)", ae_clear, kNativeNoTextSig},
    {"_ncallbacks($module, /)", ae_ncallbacks, kNativeNoTextSig},
};

}  // namespace

void atexit_run_callbacks() {
  std::vector<Callback>& list = callbacks();
  // Callbacks registered while these run are not run now (CPython reads the count once).
  for (size_t i = list.size(); i-- > 0;) {
    if (i >= list.size() || !list[i].func) continue;
    Ref func = list[i].func.dup();
    Ref args = list[i].args.dup();
    Ref kwargs = list[i].kwargs ? list[i].kwargs.dup() : Ref();
    Ref r = call_tuple_dict(func.get(), args.get(), kwargs ? kwargs.get() : Value());
    if (!r) write_unraisable(func.get(), "in atexit callback");
  }
  list.clear();
}

bool init_atexit(Value module, DictObject* ns) {
  add_functions(ns, module, kAtexitFunctions);
  return true;
}

}  // namespace minipy::lib
