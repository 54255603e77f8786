// The `builtins` module: the interpreter's builtins namespace itself (not a copy), so that
// `import builtins; builtins.x = 1` is seen by every name lookup, as in CPython.
#include "runtime/objects/dict.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/state/interpreter.h"

namespace minipy::lib {

using namespace rt;

bool init_builtins(Value module, DictObject* ns) {
  DictObject* b = interp().builtins_dict();
  for (const char* key : {"__name__", "__doc__", "__package__", "__loader__", "__spec__"}) {
    if (Value v = dict_get_cstr(ns, key)) dict_set_cstr(b, key, v);
  }
  if (!dict_get_cstr(b, "__package__")) dict_set_cstr(b, "__package__", str_new("").get());
  // The builtin functions were made before this module existed: bind them to it now, so that
  // len.__self__ is the module and len.__module__ 'builtins' (inspect drops the $module
  // parameter of their text signatures only then).
  size_t pos = 0;
  Value key, value;
  while (dict_next(b, &pos, &key, &value)) {
    if (type_of(value) != &native_function_type) continue;
    auto* f = static_cast<NativeFunctionObject*>(value.obj());
    if (!f->self) f->self = Ref::new_ref(module);
  }
  auto* m = static_cast<ModuleObject*>(module.obj());
  incref(b);
  DictObject* old = m->dict;
  m->dict = b;
  decref(old);
  return true;
}

}  // namespace minipy::lib
