// The rest of the code object's Python-visible surface: the co_* attributes that inspect,
// dataclasses and the library read (co_qualname, co_posonlyargcount, co_kwonlyargcount,
// co_nlocals, co_cellvars, co_freevars, co_names, co_consts, co_stacksize) and code.replace().
//
// replace() makes a new code object from a copy of the compiled unit. It changes what does not
// touch the bytecode: co_name, co_qualname, co_filename, co_firstlineno, and the co_flags bits
// that only mark the code (CO_ITERABLE_COROUTINE, which types.coroutine sets; CO_NESTED;
// CO_NOFREE). minipy's bytecode is not CPython's, so replacing co_code, co_consts, co_names or
// the argument layout is refused with a ValueError rather than producing a broken function.
#include <memory>
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "vm/code.h"

namespace minipy::vm {

using namespace rt;

namespace {

Ref names_tuple(const std::vector<StrObject*>& names) {
  Ref t = tuple_new(names.size());
  for (size_t i = 0; i < names.size(); i++) tuple_set_steal(as_tuple(t.get()), i, Value(names[i]));
  return t;
}

Ref get_qualname(Value v) { return as_code(v)->qualname.dup(); }
Ref get_posonlyargcount(Value v) { return Ref::small(as_code(v)->unit->posonlyargcount); }
Ref get_kwonlyargcount(Value v) { return Ref::small(as_code(v)->unit->kwonlyargcount); }
Ref get_nlocals(Value v) { return Ref::small(as_code(v)->nlocals); }
Ref get_stacksize(Value v) { return Ref::small(as_code(v)->unit->max_stack); }
Ref get_cellvars(Value v) { return names_tuple(as_code(v)->cellvars); }
Ref get_freevars(Value v) { return names_tuple(as_code(v)->freevars); }
Ref get_names(Value v) { return names_tuple(as_code(v)->names); }
Ref get_consts(Value v) {
  CodeObject* co = as_code(v);
  return tuple_from(co->consts.data(), co->consts.size());
}

Ref position_value(int v) { return v > 0 ? Ref::small(v) : none_ref(); }

/// co_positions(): (line, end_line, col, end_col) for each instruction, in order. minipy has one
/// code unit per instruction (CPython: 2 bytes each, so tb_lasti // 2 indexes both). Under
/// -X no_debug_ranges only the line is known, as in CPython: (line, line, None, None).
Ref code_positions(Value self, NativeArgs&) {
  const CodeUnit& u = *as_code(self)->unit;
  const bool ranges = interp().code_debug_ranges;
  Ref list = list_new(u.positions.size());
  for (const Position& p : u.positions) {
    Ref col = p.line > 0 && ranges ? Ref::small(p.col) : none_ref();
    Ref end_col = p.line > 0 && ranges ? Ref::small(p.end_col) : none_ref();
    Ref end_line = position_value(ranges ? p.end_line : p.line);
    Ref item = tuple_of({position_value(p.line).get(), end_line.get(), col.get(), end_col.get()});
    list_append(as_list(list.get()), item.get());
  }
  return get_iter(list.get());
}

/// co_lines(): (start, end, line) byte ranges (2 bytes per instruction) over runs of one line.
Ref code_lines(Value self, NativeArgs&) {
  const CodeUnit& u = *as_code(self)->unit;
  Ref list = list_new();
  size_t start = 0;
  for (size_t i = 1; i <= u.positions.size(); i++) {
    if (i < u.positions.size() && u.positions[i].line == u.positions[start].line) continue;
    Ref item = tuple_of({Ref::small(static_cast<int64_t>(2 * start)).get(),
                         Ref::small(static_cast<int64_t>(2 * i)).get(),
                         position_value(u.positions[start].line).get()});
    list_append(as_list(list.get()), item.get());
    start = i;
  }
  return get_iter(list.get());
}

/// Flags replace() may change: they mark the code without changing how it runs its frame.
constexpr uint32_t kMarkerFlags = kCoIterableCoroutine | kCoNested | 0x40 /* CO_NOFREE */;

/// The parameters after the first three, in the order of CPython's signature; all refused.
constexpr const char* kBytecodeFields[] = {
    "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",  "co_stacksize",
    "co_code",     "co_consts",          "co_names",          "co_varnames", "co_freevars",
    "co_cellvars", "co_linetable",       "co_exceptiontable",
};

bool text_arg(NativeArgs& a, size_t i, const char* field, std::string* out) {
  if (!a.given(i) || is_none(a[i])) return true;
  if (!is_str(a[i])) {
    raise_fmt(&exc_TypeError, "replace() argument '{}' must be str, not {}", field,
              type_name(a[i]));
    return false;
  }
  *out = std::string(as_str(a[i])->view());
  return true;
}

Ref code_replace(Value self, NativeArgs& a) {
  CodeObject* co = as_code(self);
  auto unit = std::make_shared<CodeUnit>(*co->unit);
  if (a.given(0) && a.i64(0) != -1) {
    uint32_t flags = static_cast<uint32_t>(a.i64(0));
    if (((flags ^ unit->flags) & ~kMarkerFlags) != 0)
      return raise(
          &exc_ValueError,
          "code.replace(): minipy can only change the CO_ITERABLE_COROUTINE, CO_NESTED and "
          "CO_NOFREE bits of co_flags");
    unit->flags = flags;
  }
  if (a.given(1) && a.i64(1) != -1) unit->first_line = static_cast<int>(a.i64(1));
  if (!text_arg(a, 2, "co_filename", &unit->filename) || !text_arg(a, 3, "co_name", &unit->name) ||
      !text_arg(a, 4, "co_qualname", &unit->qualname))
    return Ref();
  for (size_t i = 0; i < std::size(kBytecodeFields); i++) {
    if (a.given(5 + i) && !is_none(a[5 + i]))
      return raise_fmt(&exc_ValueError,
                       "code.replace(): minipy cannot replace {} (its bytecode is not CPython's)",
                       kBytecodeFields[i]);
  }
  return code_from_unit(std::move(unit));
}

const NativeDef kCodeMethods[] = {
    {"co_positions($self, /)", code_positions},
    {"co_lines($self, /)", code_lines},
    {"replace($self, /, *, co_flags: ssize_t = -1, co_firstlineno: ssize_t = -1, co_filename=None, "
     "co_name=None, co_qualname=None, co_argcount=None, co_posonlyargcount=None, "
     "co_kwonlyargcount=None, co_nlocals=None, co_stacksize=None, co_code=None, co_consts=None, "
     "co_names=None, co_varnames=None, co_freevars=None, co_cellvars=None, co_linetable=None, "
     "co_exceptiontable=None)",
     code_replace, 0, "Return a copy of the code object with new values for the specified fields."},
};

}  // namespace

void code_attrs_init() {
  add_getset(&code_type, "co_qualname", get_qualname);
  add_getset(&code_type, "co_posonlyargcount", get_posonlyargcount);
  add_getset(&code_type, "co_kwonlyargcount", get_kwonlyargcount);
  add_getset(&code_type, "co_nlocals", get_nlocals);
  add_getset(&code_type, "co_stacksize", get_stacksize);
  add_getset(&code_type, "co_cellvars", get_cellvars);
  add_getset(&code_type, "co_freevars", get_freevars);
  add_getset(&code_type, "co_names", get_names);
  add_getset(&code_type, "co_consts", get_consts);
  add_methods(&code_type, kCodeMethods);
}

}  // namespace minipy::vm
