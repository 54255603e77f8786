// sys.settrace and sys.setprofile: the events the eval loop reports while some thread has a
// trace or profile function (kEveryInsnTrace in runtime/state/eval_breaker.h; with none, the
// loop never calls in here). Semantics of CPython 3.11's ceval.c and sysmodule.c:
// - 'call' when a frame starts or a generator resumes, to the thread's trace function, whose
//   result (unless None) becomes the frame's f_trace, the local trace function;
// - 'line' before the first instruction of a source line, or after a backward jump, and
//   'opcode' before each instruction when f_trace_opcodes is set, to f_trace;
// - 'exception' where an exception is raised or passes through a frame, with (type, value,
//   traceback); 'return' when a frame returns or yields (the value) or unwinds (None);
// - the profile function gets 'call' and 'return' (its result is ignored), and 'c_call',
//   then 'c_return' or 'c_exception', around each call of a builtin function (or of a method
//   descriptor with its receiver, reported bound) made by the eval loop, with that function;
// - no events while a trace or profile function runs; one that raises is turned off, and its
//   exception replaces the frame's.
#pragma once

#include "runtime/state/thread_state.h"
#include "vm/frame.h"

namespace minipy::vm {

/// 'call' for frame `f`, just made the thread's current frame; a pending exception (a throw()
/// into a generator) is kept. False: a hook raised (its exception is pending).
bool trace_frame_enter(rt::ThreadState* ts, Frame* f);

/// 'return' for `f` (f->ip just past the returning instruction): `retval`, or None when the
/// frame unwinds with an exception (`retval` null; the pending exception is kept).
/// False: a hook raised.
bool trace_frame_exit(rt::ThreadState* ts, Frame* f, Value retval);

/// 'line' and 'opcode' for the instruction `insn` of `f`, about to run.
bool trace_instruction(rt::ThreadState* ts, Frame* f, int insn);

/// 'exception' for the exception pending in `f` (raised there, or passing through).
/// False: the trace function raised; its exception replaced the pending one.
bool trace_exception(rt::ThreadState* ts, Frame* f);

/// A call the eval loop makes while hooks are set (f synced): call(callable, args...) with the
/// profile function's 'c_call'/'c_return'/'c_exception' around it when it is a C call (CPython's
/// trace_call_function). The _ex form is CALL_FUNCTION_EX's call_tuple_dict.
Ref traced_call(rt::ThreadState* ts, Frame* f, Value callable, const Value* args, size_t nargs,
                rt::TupleObject* kwnames);
Ref traced_call_ex(rt::ThreadState* ts, Frame* f, Value callable, Value args_tuple, Value kwargs);

/// True when `f` wants instruction events: a trace function on the thread and an f_trace on
/// the frame, and no hook running now. The eval loop's per-instruction test.
bool trace_wants_instructions(rt::ThreadState* ts, Frame* f);

}  // namespace minipy::vm
