// Frame objects (see frame_object.h): creation on demand, detaching when the frame finishes, the
// f_* attributes, frame.clear(), and sys._getframe's walk.
#include "vm/frame_object.h"

#include <fmt/format.h>

#include "runtime/errors.h"
#include "runtime/free_list.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "vm/code.h"
#include "vm/generator.h"

namespace minipy::vm {

using namespace rt;

TypeObject frame_type;

namespace {

FrameObject* as_frame(Value v) { return static_cast<FrameObject*>(v.obj()); }

/// The instruction a frame is at: the one being run (or the call it waits in) while live.
int current_insn(const FrameObject* fo) {
  if (fo->live == nullptr) return fo->lasti;
  return fo->live->ip > 0 ? fo->live->ip - 1 : 0;
}

CodeObject* code_of(const FrameObject* fo) { return as_code(fo->code.get()); }

bool is_function_frame(const FrameObject* fo) {
  return (code_of(fo)->unit->flags & kCoOptimized) != 0;
}

// Freed frame objects are kept for reuse (runtime/free_list.h): every traceback level makes one
// and, when its frame finishes, one for the caller (f_back), so a raise-and-catch loop would
// otherwise pay operator new/delete several times per exception. A reused object keeps the
// capacity of its `saved` vector, which spares that allocation too.
void delete_frame_object(FrameObject* fo) { delete fo; }
thread_local FreeList<FrameObject, 64, delete_frame_object> t_frame_free;

void frame_dealloc(Object* o) {
  auto* fo = static_cast<FrameObject*>(o);
  if (fo->live != nullptr) fo->live->object = nullptr;
  fo->live = nullptr;
  // Back to a fresh object's state. The decrefs may run arbitrary code (__del__) and free other
  // frame objects, which is safe: this one is unreachable and not on the free list yet.
  for (Value v : fo->saved) decref(v);
  fo->saved.clear();
  for (Ref* r : {&fo->code, &fo->globals, &fo->builtins, &fo->locals, &fo->back, &fo->trace})
    r->reset();
  fo->lasti = 0;
  fo->trace_prev = -1;
  fo->trace_lines = true;
  fo->trace_opcodes = false;
  t_frame_free.push(fo);
}

void frame_traverse(Object* o, VisitFn visit, void* arg) {
  auto* fo = static_cast<FrameObject*>(o);
  for (const Ref* r : {&fo->code, &fo->globals, &fo->builtins, &fo->locals, &fo->back, &fo->trace})
    visit_value(*r, visit, arg);
  for (Value v : fo->saved) visit_value(v, visit, arg);
}

/// Drops what a finished frame kept (locals, f_back): frame.clear() and the collector.
void frame_clear_state(Object* o) {
  auto* fo = static_cast<FrameObject*>(o);
  if (fo->live != nullptr) return;  // a running frame's locals belong to it
  std::vector<Value> saved = std::move(fo->saved);
  fo->saved.clear();
  Ref back = std::move(fo->back);
  Ref locals = std::move(fo->locals);
  Ref trace = std::move(fo->trace);
  for (Value v : saved) decref(v);
}

Ref frame_repr(Value v) {
  FrameObject* fo = as_frame(v);
  CodeObject* co = code_of(fo);
  int line = g_code_line_hook ? g_code_line_hook(fo->code.get(), current_insn(fo)) : 0;
  return str_new(fmt::format("<frame at {:#x}, file '{}', line {}, code {}>", v.bits(),
                             co->unit->filename, line, co->unit->name));
}

Ref get_code(Value v) { return as_frame(v)->code.dup(); }
Ref get_globals(Value v) { return as_frame(v)->globals.dup(); }
Ref get_builtins(Value v) { return as_frame(v)->builtins.dup(); }
Ref get_lasti(Value v) { return Ref::small(2 * current_insn(as_frame(v))); }
Ref get_lineno(Value v) {
  FrameObject* fo = as_frame(v);
  return Ref::small(g_code_line_hook ? g_code_line_hook(fo->code.get(), current_insn(fo)) : 0);
}

Ref get_back(Value v) {
  FrameObject* fo = as_frame(v);
  if (fo->live == nullptr) return fo->back ? fo->back.dup() : none_ref();
  Frame* caller = fo->live->back;
  return caller != nullptr ? frame_object(caller) : none_ref();
}

/// f_locals of a function frame: a dict of the bound locals, cells and free variables, the
/// same dict on every read, refreshed each time (CPython 3.11's frame_getlocals). Writing to it
/// does not change the variables.
Ref get_locals(Value v) {
  FrameObject* fo = as_frame(v);
  if (!is_function_frame(fo)) {
    if (fo->live != nullptr && fo->live->locals) return fo->live->locals.dup();
    return fo->locals ? fo->locals.dup() : fo->globals.dup();
  }
  CodeObject* co = code_of(fo);
  const Value* values = fo->live != nullptr ? fo->live->fast() : fo->saved.data();
  size_t count =
      fo->live != nullptr ? static_cast<size_t>(co->nlocals + co->ncells) : fo->saved.size();
  if (!fo->locals) fo->locals = dict_new();
  DictObject* d = as_dict(fo->locals.get());
  auto put = [&](StrObject* name, Value value) -> bool {
    if (value) return dict_set(d, Value(name), value);
    if (dict_get(d, Value(name))) return dict_del(d, Value(name)) >= 0;
    return true;
  };
  for (size_t i = 0; i < co->varnames.size() && i < count; i++) {
    if (!put(co->varnames[i], values[i])) return Ref();
  }
  size_t base = co->varnames.size();
  size_t ncellvars = co->cellvars.size();
  for (size_t i = 0; i < static_cast<size_t>(co->ncells) && base + i < count; i++) {
    Value cell = values[base + i];
    Value content =
        cell && type_of(cell) == &cell_type ? static_cast<CellObject*>(cell.obj())->ref : Value();
    StrObject* name = i < ncellvars ? co->cellvars[i] : co->freevars[i - ncellvars];
    if (!put(name, content)) return Ref();
  }
  return fo->locals.dup();
}

Ref get_trace(Value v) {
  FrameObject* fo = as_frame(v);
  return fo->trace ? fo->trace.dup() : none_ref();
}
bool set_trace(Value v, Value t) {
  frame_object_set_trace(as_frame(v), t);
  return true;
}

Ref get_trace_lines(Value v) { return bool_ref(as_frame(v)->trace_lines); }
Ref get_trace_opcodes(Value v) { return bool_ref(as_frame(v)->trace_opcodes); }
/// f_trace_lines/f_trace_opcodes = x: stored as truth values; deleting is refused, as CPython's
/// PyMemberDef T_BOOL ("attribute value type must be bool" for non-bools).
bool set_trace_flag(Value v, Value x, bool FrameObject::*field) {
  if (!x || (x != True() && x != False())) {
    raise(&exc_TypeError,
          !x ? "can't delete numeric/char attribute" : "attribute value type must be bool");
    return false;
  }
  as_frame(v)->*field = x == True();
  return true;
}
bool set_trace_lines(Value v, Value x) { return set_trace_flag(v, x, &FrameObject::trace_lines); }
bool set_trace_opcodes(Value v, Value x) {
  return set_trace_flag(v, x, &FrameObject::trace_opcodes);
}

/// frame.clear(), as CPython 3.11: a finished frame drops its locals; a suspended generator's
/// or coroutine's frame finalizes its owner (closing it runs its finally blocks; a coroutine
/// never started is only reported "never awaited"); a frame that runs is a RuntimeError. A
/// generator frame runs while it has a caller (eval.cpp clears `back` when it suspends).
Ref frame_clear(Value self, NativeArgs&) {
  FrameObject* fo = as_frame(self);
  Frame* f = fo->live;
  if (f != nullptr) {
    if (!f->generator || f->back != nullptr || gen_running(f->owner)) {
      return raise(&exc_RuntimeError, "cannot clear an executing frame");
    }
    Ref gen = Ref::new_ref(Value(f->owner));  // finalizing may drop the last other reference
    gen_finalize(gen.get().obj());
    return none_ref();
  }
  frame_clear_state(self.obj());
  return none_ref();
}

const NativeDef kFrameMethods[] = {
    {"clear($self, /)", frame_clear, 0, "F.clear(): clear most references held by the frame"},
};

/// types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno): CPython's tb_new, with its
/// checks (tb_frame a frame, tb_next a traceback or None) and Argument Clinic's messages.
Ref traceback_type_new(Value, NativeArgs& a) {
  Value next = a[0], frame = a[1];
  if (type_of(frame) != &frame_type) {
    return raise_fmt(&exc_TypeError, "TracebackType() argument 'tb_frame' must be frame, not {}",
                     is_none(frame) ? "None" : type_name(frame));
  }
  int lasti, lineno;  // converted here, after tb_frame, in Argument Clinic's order
  if (!convert_to_cint(a[2], &lasti) || !convert_to_cint(a[3], &lineno)) return Ref();
  if (!is_none(next) && type_of(next) != &traceback_type) {
    return raise_fmt(&exc_TypeError, "expected traceback object or None, got '{}'",
                     type_name(next));
  }
  return traceback_new(next, frame, as_frame(frame)->code.get(), lasti, lineno);
}

const NativeDef kTracebackNew = {"TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)",
                                 traceback_type_new};

Ref traceback_new_slot(TypeObject*, const Value* args, size_t nargs, TupleObject* kwnames) {
  return native_sig_call(native_sig_of(kTracebackNew), kTracebackNew.fn, Value(), nullptr, args,
                         nargs, kwnames);
}

}  // namespace

Ref frame_object(Frame* f) {
  if (f->object != nullptr) return Ref::new_ref(Value(f->object));
  FrameObject* fo = t_frame_free.pop();
  fo = fo != nullptr ? init_instance(fo, &frame_type) : alloc_instance<FrameObject>(&frame_type);
  fo->live = f;
  fo->code = Ref::new_ref(Value(f->code));
  fo->globals = f->globals != nullptr ? Ref::new_ref(Value(f->globals)) : none_ref();
  fo->builtins = f->builtins != nullptr ? Ref::new_ref(Value(f->builtins)) : none_ref();
  f->object = fo;
#ifdef MINIPY_FREE_THREADING
  // Free-threaded, the running frame owns its object (frame_free drops that reference). A
  // borrowed pointer was safe only under the GIL: another thread holding the object (from
  // sys._current_frames, a traceback, gi_frame) could free it, and frame_dealloc clear
  // f->object, while this frame's thread read f->object for sys._getframe or f_back.
  incref(Value(fo));
  f->owns_object = true;
#endif
  return Ref::steal(Value(fo));
}

void frame_object_set_trace(FrameObject* fo, Value trace) {
  bool set = trace && !is_none(trace);
  Ref old = std::move(fo->trace);  // released last: its destructor may run Python code
  fo->trace = set ? Ref::new_ref(trace) : Ref();
  if (!old) fo->trace_prev = -1;  // tracing starts here: no earlier instruction to compare
  Frame* f = fo->live;
  if (set && f != nullptr && !f->owns_object) {
    incref(Value(fo));
    f->owns_object = true;
  }
}

void frame_object_detach(Frame* f) {
  FrameObject* fo = f->object;
  f->object = nullptr;
  fo->live = nullptr;
  fo->lasti = f->ip > 0 ? f->ip - 1 : 0;
  if (f->locals) fo->locals = f->locals.dup();
  if ((f->code->unit->flags & kCoOptimized) != 0) {
    // The locals change owner: frame_free will find nulls where they were.
    Value* fast = f->fast();
    size_t n = static_cast<size_t>(f->code->nlocals + f->code->ncells);
    fo->saved.assign(fast, fast + n);
    for (size_t i = 0; i < n; i++) fast[i] = Value();
  }
  if (f->back != nullptr && !f->generator) fo->back = frame_object(f->back);
}

void frame_types_init() {
  frame_type.name = "frame";
  frame_type.basic_size = sizeof(FrameObject);
  frame_type.dealloc = frame_dealloc;
  frame_type.traverse = frame_traverse;
  frame_type.clear = frame_clear_state;
  frame_type.repr = frame_repr;
  type_ready(&frame_type, &object_type);
  add_getset(&frame_type, "f_code", get_code);
  add_getset(&frame_type, "f_globals", get_globals);
  add_getset(&frame_type, "f_builtins", get_builtins);
  add_getset(&frame_type, "f_locals", get_locals);
  add_getset(&frame_type, "f_back", get_back);
  add_getset(&frame_type, "f_lineno", get_lineno);
  add_getset(&frame_type, "f_lasti", get_lasti);
  add_getset(&frame_type, "f_trace", get_trace, set_trace);
  add_getset(&frame_type, "f_trace_lines", get_trace_lines, set_trace_lines);
  add_getset(&frame_type, "f_trace_opcodes", get_trace_opcodes, set_trace_opcodes);
  add_methods(&frame_type, kFrameMethods);
  // The traceback type lives in runtime/ (exceptions own their tracebacks); its constructor
  // needs the frame type, so the VM installs it.
  traceback_type.new_ = traceback_new_slot;
}

}  // namespace minipy::vm
