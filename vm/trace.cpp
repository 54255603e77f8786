// sys.settrace/sys.setprofile events (see trace.h): CPython's trace_trampoline and
// profile_trampoline (sysmodule.c) over call_trace and call_trace_protected (ceval.c).
#include "vm/trace.h"

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "vm/code.h"
#include "vm/frame_object.h"
#include "vm/opcode.h"

namespace minipy::vm {

using namespace rt;

namespace {

enum class Event { kCall, kException, kLine, kReturn, kOpcode, kCCall, kCReturn, kCException };

Value event_name(Event e) {
  // Interned once: a traced program asks for these at every line.
  static StrObject* const kNames[] = {intern("call"),   intern("exception"), intern("line"),
                                      intern("return"), intern("opcode"),    intern("c_call"),
                                      intern("c_return"), intern("c_exception")};
  return Value(kNames[static_cast<int>(e)]);
}

/// Calls one hook as `func(frame, event, arg)`. A trace function's result, unless None, becomes
/// the frame's f_trace; a hook that raises is turned off for the thread (and a trace function's
/// frame loses its f_trace), as CPython's trampolines do.
bool call_hook(ThreadState* ts, Frame* f, Value func, Event what, Value arg, bool profile) {
  Ref frame = frame_object(f);
  auto* fo = static_cast<FrameObject*>(frame.get().obj());
  Ref keep = Ref::new_ref(func);  // the hook may replace itself (sys.settrace inside it)
  Value args[3] = {frame.get(), event_name(what), arg ? arg : None()};
  ++ts->tracing;
  Ref r = call(func, args, 3);
  --ts->tracing;
  if (!r) {
    Ref exc = take_exception();  // the hooks' destructors must not see it pending
    thread_set_hook(ts, Value(), profile);
    if (!profile) frame_object_set_trace(fo, Value());
    set_exception(std::move(exc));
    return false;
  }
  if (!profile && !is_none(r.get())) frame_object_set_trace(fo, r.get());
  return true;
}

/// The local trace function of `f` for an event other than 'call' (null: none).
Value local_trace(Frame* f) { return f->object != nullptr ? f->object->trace.get() : Value(); }

/// Runs the hooks of `what` with the pending exception (if any) set aside and restored after,
/// CPython's call_trace_protected: trace function first, then profile function.
bool call_hooks_protected(ThreadState* ts, Frame* f, Event what, Value arg) {
  Ref saved = take_exception();
  bool ok = true;
  if (ts->trace_func) {
    Value func = what == Event::kCall ? ts->trace_func.get() : local_trace(f);
    if (func) ok = call_hook(ts, f, func, what, arg, false);
  }
  if (ok && ts->profile_func) ok = call_hook(ts, f, ts->profile_func.get(), what, arg, true);
  if (ok && saved) set_exception(std::move(saved));
  return ok;
}

/// 'c_exception' to the profile function alone, the pending exception set aside and restored
/// after (CPython's C_TRACE uses call_trace_protected for it).
bool call_hooks_protected_profile(ThreadState* ts, Frame* f, Event what, Value arg) {
  Ref saved = take_exception();
  bool ok = call_hook(ts, f, ts->profile_func.get(), what, arg, true);
  if (ok && saved) set_exception(std::move(saved));
  return ok;
}

}  // namespace

bool trace_frame_enter(ThreadState* ts, Frame* f) {
  if (ts->tracing > 0 || !(ts->trace_func || ts->profile_func)) return true;
  if (!call_hooks_protected(ts, f, Event::kCall, Value())) return false;
  // The first line check of a new frame always reports its line (even a one-line function's,
  // whose body shares the def's line); a resumed generator compares with its yield's line.
  if (f->object != nullptr) f->object->trace_prev = f->ip > 0 ? f->ip - 1 : -1;
  return true;
}

bool trace_frame_exit(ThreadState* ts, Frame* f, Value retval) {
  if (ts->tracing > 0 || !(ts->trace_func || ts->profile_func)) return true;
  return call_hooks_protected(ts, f, Event::kReturn, retval ? retval : None());
}

namespace {

/// The builtin a C call reports: the function itself, or a method descriptor bound to its
/// receiver args[0] (*bound set; the call then passes the other arguments). Null: not a C call.
Value c_call_target(Value callable, const Value* args, size_t nargs, Ref* bound) {
  TypeObject* t = type_of(callable);
  if (t == &native_function_type) return callable;
  if (t == &method_descr_type && nargs > 0) {
    *bound = t->descr_get(callable, args[0], Value(type_of(args[0])));
    return *bound ? bound->get() : Value();
  }
  return Value();
}

bool profile_c_event(ThreadState* ts, Frame* f, Event what, Value func) {
  if (ts->tracing > 0 || !ts->profile_func) return true;
  if (what == Event::kCException) return call_hooks_protected_profile(ts, f, what, func);
  return call_hook(ts, f, ts->profile_func.get(), what, func, true);
}

template <class Call>
Ref profiled(ThreadState* ts, Frame* f, Value func, Call&& do_call) {
  if (!profile_c_event(ts, f, Event::kCCall, func)) return Ref();
  Ref r = do_call();
  if (!r) {
    profile_c_event(ts, f, Event::kCException, func);  // a raising hook's error replaces
    return r;
  }
  if (!profile_c_event(ts, f, Event::kCReturn, func)) return Ref();
  return r;
}

}  // namespace

Ref traced_call(ThreadState* ts, Frame* f, Value callable, const Value* args, size_t nargs,
                TupleObject* kwnames) {
  if (ts->tracing > 0 || !ts->profile_func) return call(callable, args, nargs, kwnames);
  Ref bound;
  Value func = c_call_target(callable, args, nargs, &bound);
  if (!func) return error_pending() ? Ref() : call(callable, args, nargs, kwnames);
  if (bound) return profiled(ts, f, func, [&] { return call(func, args + 1, nargs - 1, kwnames); });
  return profiled(ts, f, func, [&] { return call(func, args, nargs, kwnames); });
}

Ref traced_call_ex(ThreadState* ts, Frame* f, Value callable, Value args_tuple, Value kwargs) {
  if (ts->tracing > 0 || !ts->profile_func) return call_tuple_dict(callable, args_tuple, kwargs);
  TupleObject* t = as_tuple(args_tuple);
  Ref bound;
  Value func = c_call_target(callable, t->items(), t->size, &bound);
  if (!func) return error_pending() ? Ref() : call_tuple_dict(callable, args_tuple, kwargs);
  if (!bound) return profiled(ts, f, func, [&] { return call_tuple_dict(func, args_tuple, kwargs); });
  Ref rest = tuple_from(t->items() + 1, t->size - 1);
  return profiled(ts, f, func, [&] { return call_tuple_dict(func, rest.get(), kwargs); });
}

bool trace_wants_instructions(ThreadState* ts, Frame* f) {
  return ts->trace_func && ts->tracing == 0 && f->object != nullptr && f->object->trace;
}

bool trace_instruction(ThreadState* ts, Frame* f, int insn) {
  FrameObject* fo = f->object;
  const CodeUnit& u = *f->code->unit;
  // RESUME reports 'call' (trace_frame_enter), never a line: CPython's _co_firsttraceable.
  if (op_of(f->code->code[insn]) == Op::RESUME) return true;
  int prev = fo->trace_prev;
  fo->trace_prev = insn;
  int line = u.line_of(insn);
  // A new line, or a jump back (a loop's next round on the same line): maybe_call_line_trace.
  bool new_line = line > 0 && (prev < 0 || insn < prev || line != u.line_of(prev));
  f->ip = insn + 1;  // f_lineno and f_lasti: the instruction about to run, as in CPython
  if (new_line && fo->trace_lines &&
      !call_hook(ts, f, fo->trace.get(), Event::kLine, Value(), false))
    return false;
  // The line's hook may have removed f_trace; 'opcode' goes to the one now set.
  Value func = local_trace(f);
  if (func && f->object->trace_opcodes)
    return call_hook(ts, f, func, Event::kOpcode, Value(), false);
  return true;
}

bool trace_exception(ThreadState* ts, Frame* f) {
  if (ts->tracing > 0 || !ts->trace_func) return true;
  Value func = local_trace(f);
  if (!func) return true;
  Ref exc = take_exception();
  Ref tb = getattr(exc.get(), names::traceback);
  if (!tb) return false;
  Ref arg = tuple_of({Value(type_of(exc.get())), exc.get(), tb.get()});
  if (!call_hook(ts, f, func, Event::kException, arg.get(), false)) return false;
  set_exception(std::move(exc));
  return true;
}

}  // namespace minipy::vm
