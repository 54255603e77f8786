// The `dis` module: dis.dis(x) prints the bytecode of a function, method, class, code object or
// source string; `minipy -m dis file.py` disassembles a whole file (dis._main).
#include <fstream>
#include <sstream>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "vm/code.h"
#include "vm/disassembler.h"
#include "vm/import.h"
#include "vm/interpreter.h"

namespace minipy::lib {

using namespace rt;

static bool write_out(const std::string& text) {
  Ref out = getattr(interp().sys.get(), names::stdout_);
  if (!out) return false;
  Ref s = str_new(text);
  Value a = s.get();
  return static_cast<bool>(call_method(out.get(), names::write, &a, 1));
}

static Ref code_of(Value x) {
  if (type_of(x) == &vm::code_type) return Ref::new_ref(x);
  if (type_of(x) == &method_type) x = static_cast<MethodObject*>(x.obj())->func.get();
  if (vm::is_function(x)) return vm::as_function(x)->code.dup();
  if (is_str(x)) return vm::compile_source(as_str(x)->view(), "<dis>", "exec");
  return Ref();
}

static Ref d_dis(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("dis", nargs, kw, 1, 1)) return Ref();
  Value x = args[0];
  if (isinstance(x, &type_type)) {
    // A class: every function in its namespace, like CPython.
    auto* t = static_cast<TypeObject*>(x.obj());
    size_t pos = 0;
    Value k, v;
    while (dict_next(t->dict, &pos, &k, &v)) {
      Ref c = code_of(v);
      if (!c) {
        clear_exception();
        continue;
      }
      if (!write_out(fmt::format("Disassembly of {}:\n", as_str(k)->view()))) return Ref();
      if (!write_out(vm::disassemble(*vm::as_code(c.get())->unit, true) + "\n")) return Ref();
    }
    return none_ref();
  }
  Ref c = code_of(x);
  if (!c) {
    if (error_pending()) return c;
    return raise_fmt(&exc_TypeError, "don't know how to disassemble {} objects", type_name(x));
  }
  if (!write_out(vm::disassemble(*vm::as_code(c.get())->unit, true))) return Ref();
  return none_ref();
}

/// `minipy -m dis file.py`
static Ref d_main(Value, const Value*, size_t, TupleObject*) {
  const std::vector<std::string>& argv = interp().argv;
  if (argv.size() < 2) return raise(&exc_SystemExit, "usage: minipy -m dis file.py");
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) return raise_fmt(&exc_FileNotFoundError, "[Errno 2] No such file or directory: '{}'", argv[1]);
  std::stringstream ss;
  ss << in.rdbuf();
  Ref c = vm::compile_source(ss.str(), argv[1], "exec");
  if (!c) return c;
  if (!write_out(vm::disassemble(*vm::as_code(c.get())->unit, true))) return Ref();
  return none_ref();
}

bool init_dis(Value module, DictObject* ns) {
  add_function(ns, module, "dis", d_dis);
  add_function(ns, module, "_main", d_main);
  // co_flags bit names (inspect builds its CO_* constants from them at import). minipy's code
  // objects use CPython's bit values.
  static const std::pair<int, const char*> kFlagNames[] = {
      {1, "OPTIMIZED"},   {2, "NEWLOCALS"}, {4, "VARARGS"},    {8, "VARKEYWORDS"},
      {16, "NESTED"},     {32, "GENERATOR"}, {64, "NOFREE"},   {128, "COROUTINE"},
      {256, "ITERABLE_COROUTINE"}, {512, "ASYNC_GENERATOR"},
  };
  Ref flag_names = dict_new();
  for (const auto& [bit, name] : kFlagNames)
    dict_set(as_dict(flag_names.get()), Ref::small(bit).get(), str_new(name).get());
  dict_set_cstr(ns, "COMPILER_FLAG_NAMES", flag_names.get());
  // dis.Positions, as CPython's: a named tuple of source positions (inspect's FrameInfo uses it).
  Ref collections = vm::import_module_absolute("collections");
  if (!collections) return false;
  Ref make = getattr(collections.get(), intern("namedtuple"));
  if (!make) return false;
  Ref fields = str_new("lineno end_lineno col_offset end_col_offset");
  Ref none4 = tuple_of({None(), None(), None(), None()});
  Ref name = str_new("Positions");
  Ref mod = str_new("dis");
  Value args[4] = {name.get(), fields.get(), none4.get(), mod.get()};
  Ref kw = tuple_of({Value(intern("defaults")), Value(intern("module"))});
  Ref positions = call(make.get(), args, 2, as_tuple(kw.get()));
  if (!positions) return false;
  dict_set_cstr(ns, "Positions", positions.get());
  return true;
}

}  // namespace minipy::lib
