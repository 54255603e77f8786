// The builtins module: functions (print, len, ...) and the builtin type and exception names.
// VM-dependent builtins (__build_class__, super, eval, exec, globals, locals, compile,
// __import__) are added by vm/builtins_vm.cpp.
#include "runtime/errors.h"
#include "runtime/exception_group.h"
#include "runtime/names.h"
#include "runtime/objects/complex.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/objects/memoryview.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "stdlib/native/io.h"

namespace minipy::lib {

using namespace rt;

#define BUILTIN(name) static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

BUILTIN(b_print) {
  Value sep = Value(), end = Value(), file = Value(), flush = Value();
  if (kw) {
    for (size_t i = 0; i < kw->size; i++) {
      std::string_view k = as_str(kw->at(i))->view();
      Value v = args[nargs + i];
      if (k == "sep") sep = v;
      else if (k == "end") end = v;
      else if (k == "file") file = v;
      else if (k == "flush") flush = v;
      else return raise_fmt(&exc_TypeError, "print() got an unexpected keyword argument '{}'", k);
    }
  }
  if (sep && !is_none(sep) && !is_str(sep)) return raise_fmt(&exc_TypeError, "sep must be None or a string, not {}", type_name(sep));
  if (end && !is_none(end) && !is_str(end)) return raise_fmt(&exc_TypeError, "end must be None or a string, not {}", type_name(end));
  Ref file_ref;
  if (!file || is_none(file)) {
    file_ref = getattr(interp().sys.get(), names::stdout_);
    if (!file_ref) return file_ref;
    file = file_ref.get();
    if (is_none(file)) return none_ref();
  }
  std::string out;
  for (size_t i = 0; i < nargs; i++) {
    if (i > 0) out += (sep && !is_none(sep)) ? as_str(sep)->view() : std::string_view(" ");
    Ref s = to_str(args[i]);
    if (!s) return s;
    out += as_str(s.get())->view();
  }
  out += (end && !is_none(end)) ? as_str(end)->view() : std::string_view("\n");
  // One write() call per print (CPython makes one per piece): a line printed by one thread
  // reaches the stream whole even while others print.
  Ref text = str_new(std::move(out));
  Value a = text.get();
  if (!call_method(file, names::write, &a, 1)) return Ref();
  if (flush && !is_none(flush)) {
    int t = truthy(flush);
    if (t < 0) return Ref();
    if (t && !call_method(file, names::flush, nullptr, 0)) return Ref();
  }
  return none_ref();
}

void builtins_more_init(DictObject* b);  // builtins_functions.cpp

void builtins_init(DictObject* b) {
  io_types_init();
  Value mod;
  add_function(b, mod, "print", b_print);
  struct {
    const char* name;
    TypeObject* type;
  } types[] = {{"object", &object_type}, {"type", &type_type},     {"int", &int_type},
               {"bool", &bool_type},     {"float", &float_type},   {"complex", &complex_type}, {"str", &str_type},
               {"bytes", &bytes_type},   {"bytearray", &bytearray_type}, {"tuple", &tuple_type},
               {"list", &list_type},     {"dict", &dict_type},     {"set", &set_type},
               {"frozenset", &frozenset_type}, {"range", &range_type}, {"slice", &slice_type},
               {"property", &property_type}, {"staticmethod", &staticmethod_type},
               {"classmethod", &classmethod_type}, {"memoryview", &memoryview_type}};
  for (auto& t : types) dict_set_cstr(b, t.name, Value(t.type));
#define EXC(name, base) dict_set_cstr(b, #name, Value(&exc_##name));
#include "runtime/exceptions.def"
#undef EXC
  dict_set_cstr(b, "ExceptionGroup", Value(exc_ExceptionGroup));
  dict_set_cstr(b, "EnvironmentError", Value(&exc_OSError));
  dict_set_cstr(b, "IOError", Value(&exc_OSError));
  dict_set_cstr(b, "None", None());
  dict_set_cstr(b, "True", True());
  dict_set_cstr(b, "False", False());
  dict_set_cstr(b, "NotImplemented", NotImplemented());
  dict_set_cstr(b, "Ellipsis", Ellipsis());
  dict_set_cstr(b, "__debug__", True());
  dict_set_cstr(b, "__name__", str_new("builtins").get());
  builtins_more_init(b);
}

}  // namespace minipy::lib
