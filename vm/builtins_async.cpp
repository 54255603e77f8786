// aiter() and anext() (CPython 3.10+), and anext's awaitable when a default is given: awaiting
// anext(it, default) runs it.__anext__()'s awaitable and turns its StopAsyncIteration into
// StopIteration(default), i.e. the await evaluates to the default (CPython's anextawaitable).
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "vm/eval.h"
#include "vm/generator.h"

namespace minipy::vm {

using namespace rt;

namespace {

TypeObject anext_awaitable_type;

struct AnextAwaitableObject : Object {
  Ref wrapped;        // what __anext__() returned
  Ref default_value;  // the await's result once the iterator is exhausted
};

AnextAwaitableObject* as_anext(Value v) { return static_cast<AnextAwaitableObject*>(v.obj()); }

// The iterator that drives the wrapped awaitable, fetched afresh at each step as CPython does: a
// coroutine's __await__() wrapper, an async generator's asend object itself, or whatever the
// awaitable's __await__ returns.
Ref awaitable_iter(Value self) {
  Ref it = get_awaitable_iter(as_anext(self)->wrapped.get());
  if (!it || type_of(it.get())->iternext) return it;
  // Only a coroutine lacks iternext: step through its __await__() wrapper instead.
  bool found;
  Ref wrapper = call_special(it.get(), intern("__await__"), nullptr, 0, &found);
  if (!wrapper) return wrapper;
  if (!type_of(wrapper.get())->iternext)
    return raise(&exc_TypeError, "__await__ returned a non-iterable");
  return wrapper;
}

// A StopAsyncIteration from the wrapped awaitable becomes StopIteration(default).
Ref finish(Value self, Ref result) {
  if (!result && exception_matches(&exc_StopAsyncIteration)) {
    clear_exception();
    raise_with_value(&exc_StopIteration, as_anext(self)->default_value.get());
  }
  return result;
}

Ref anext_iternext(Value self) {
  Ref it = awaitable_iter(self);
  if (!it) return it;
  return finish(self, type_of(it.get())->iternext(it.get()));
}

Ref anext_next(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__next__", nargs, kw, 0, 0)) return Ref();
  Ref r = anext_iternext(self);
  if (!r && !error_pending()) set_exception(make_exception(&exc_StopIteration, nullptr, 0));
  return r;
}

Ref proxy(Value self, const char* method, const Value* args, size_t nargs) {
  Ref it = awaitable_iter(self);
  if (!it) return it;
  return finish(self, call_method(it.get(), intern(method), args, nargs));
}

Ref anext_send(Value self, NativeArgs& a) {
  Value v = a[0];
  return proxy(self, "send", &v, 1);
}

Ref anext_throw(Value self, NativeArgs& a) {
  auto rest = a.varargs();
  return proxy(self, "throw", rest.data(), rest.size());
}

Ref anext_close(Value self, NativeArgs&) { return proxy(self, "close", nullptr, 0); }

Ref anext_await(Value self, NativeArgs&) { return Ref::new_ref(self); }

Ref self_iter(Value self) { return Ref::new_ref(self); }

void anext_dealloc(Object* o) { delete static_cast<AnextAwaitableObject*>(o); }

void anext_traverse(Object* o, VisitFn visit, void* arg) {
  auto* a = static_cast<AnextAwaitableObject*>(o);
  visit_value(a->wrapped, visit, arg);
  visit_value(a->default_value, visit, arg);
}

void anext_clear(Object* o) {
  auto* a = static_cast<AnextAwaitableObject*>(o);
  a->wrapped = Ref();
  a->default_value = Ref();
}

const NativeDef kAnextAwaitableMethods[] = {
    {"send($self, value, /)", anext_send, kNativeNoTextSig},
    {"throw($self, *args)", anext_throw, kNativeNoTextSig},
    {"close($self, /)", anext_close, kNativeNoTextSig},
    {"__await__($self, /)", anext_await},
};

// aiter(async_iterable): CPython's PyObject_GetAIter.
Ref b_aiter(Value, NativeArgs& a) {
  Value o = a[0];
  if (!type_lookup(type_of(o), "__aiter__")) {
    return raise_fmt(&exc_TypeError, "'{}' object is not an async iterable", type_name(o));
  }
  bool found;
  Ref it = call_special(o, intern("__aiter__"), nullptr, 0, &found);
  if (it && !type_lookup(type_of(it.get()), "__anext__")) {
    return raise_fmt(&exc_TypeError, "aiter() returned not an async iterator of type '{}'",
                     type_name(it.get()));
  }
  return it;
}

// anext(aiterator[, default]): the awaitable of aiterator.__anext__(), wrapped when a default is
// given so that exhausting the iterator awaits to the default.
Ref b_anext(Value, NativeArgs& a) {
  Value ait = a[0];
  if (!type_lookup(type_of(ait), "__anext__")) {
    return raise_fmt(&exc_TypeError, "'{}' object is not an async iterator", type_name(ait));
  }
  bool found;
  Ref awaitable = call_special(ait, intern("__anext__"), nullptr, 0, &found);
  if (!awaitable || !a.given(1)) return awaitable;
  auto* w = alloc_instance<AnextAwaitableObject>(&anext_awaitable_type);
  w->wrapped = std::move(awaitable);
  w->default_value = Ref::new_ref(a[1]);
  return Ref::steal(Value(w));
}

const NativeDef kAsyncBuiltins[] = {
    {"aiter($module, async_iterable, /)", b_aiter},
    {"anext($module, aiterator, default=NULL, /)", b_anext},
};

}  // namespace

void async_builtins_init(DictObject* builtins) {
  anext_awaitable_type.name = "anext_awaitable";
  anext_awaitable_type.basic_size = sizeof(AnextAwaitableObject);
  anext_awaitable_type.dealloc = anext_dealloc;
  anext_awaitable_type.traverse = anext_traverse;
  anext_awaitable_type.clear = anext_clear;
  anext_awaitable_type.iter = self_iter;
  anext_awaitable_type.iternext = anext_iternext;
  type_ready(&anext_awaitable_type, &object_type);
  add_method(&anext_awaitable_type, "__next__", anext_next);
  add_methods(&anext_awaitable_type, kAnextAwaitableMethods);
  add_functions(builtins, Value(), kAsyncBuiltins);
}

}  // namespace minipy::vm
