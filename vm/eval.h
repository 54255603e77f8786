// The interpreter loop and the helpers around it: calling Python functions, resuming
// generator frames, building classes.
#pragma once

#include "runtime/object.h"
#include "runtime/objects/tuple.h"
#include "vm/code.h"
#include "vm/frame.h"

namespace minipy::vm {

/// Runs `f` until it returns, yields (f->yielded set) or raises (null result).
/// `throwing`: start by raising the pending exception at the current instruction (gen.throw).
rt::Ref eval_frame(Frame* f, bool throwing = false);

/// Binds arguments into a fresh frame's locals (false with TypeError pending).
bool bind_arguments(FunctionObject* f, Frame* frame, const rt::Value* args, size_t nargs,
                    rt::TupleObject* kwnames);

/// Calls a Python function (creates a generator for generator functions).
rt::Ref call_python_function(FunctionObject* f, const rt::Value* args, size_t nargs, rt::TupleObject* kwnames);

/// Runs a class body function with `ns` as its locals; returns the body's result (the
/// __class__ cell or None).
rt::Ref run_class_body(FunctionObject* body, rt::DictObject* ns);

/// Creates a generator object owning frame `f`.
rt::Ref generator_new(Frame* f);
/// Sends `v` into a generator (or any iterator for yield from); sets *done when it returned,
/// with the return value as result. Null result with an error pending on failure.
rt::Ref generator_send(rt::Value gen, rt::Value v, bool* done);

extern rt::TypeObject generator_type;
extern rt::TypeObject coroutine_type;
extern rt::TypeObject async_generator_type;

/// `await o` (GET_AWAITABLE): the iterator that YIELD_FROM drives: a coroutine (or a generator
/// marked by types.coroutine) itself, else o.__await__(); TypeError as CPython 3.11 words it.
rt::Ref get_awaitable_iter(rt::Value o, int where = 0);
/// `async for` (GET_AITER, GET_ANEXT): o.__aiter__(), and the awaitable of ait.__anext__().
rt::Ref get_aiter(rt::Value o);
rt::Ref get_anext_awaitable(rt::Value ait);

void function_types_init();
void generator_types_init();
void coroutine_types_init();

}  // namespace minipy::vm
